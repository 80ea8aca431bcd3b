// SPDX-License-Identifier: GPL-2.0
/*
 * target-signature: a target module for the changed-signature examples
 *
 * ts_average() truncates; the upstream fix (in the story of these
 * examples) gives it a third parameter that asks for rounding.  Two
 * functions call it, and a /proc file shows what they print:
 *
 *   # insmod target-signature.ko
 *   $ cat /proc/target_signature
 *   average: 3
 *   recent: 4
 *   middle: 3
 *   # rmmod target_signature
 *
 * ts_div() stands for a static inline helper of a header: gcc copies it
 * into each function that uses it, ts_average() and ts_middle(), and no
 * ts_div symbol is left.  A change to it is a change to both.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#define TS_NSAMPLES 4

/* The data of the /proc file, which each show function finds in m->private. */
static int ts_samples[TS_NSAMPLES] = { 1, 4, 5, 4 };
static struct proc_dir_entry *ts_proc;

/* Like a helper in a header: every user gets its own copy. */
static inline int ts_div(int sum, int n)
{
	return sum / n;
}

/* The function whose prototype the upstream fix changes. */
static noinline int ts_average(const int *v, int n)
{
	int sum = 0, i;

	for (i = 0; i < n; i++)
		sum += READ_ONCE(v[i]);
	return ts_div(sum, n);
}

/* Its two callers, with prototypes that the fix leaves alone. */
static noinline void ts_show_average(struct seq_file *m)
{
	const int *v = m->private;

	seq_printf(m, "average: %d\n", ts_average(v, TS_NSAMPLES));
}

static noinline void ts_show_recent(struct seq_file *m)
{
	const int *v = m->private;

	seq_printf(m, "recent: %d\n", ts_average(v + 2, 2));
}

/* Another user of ts_div(): the middle of the first and third sample. */
static noinline int ts_middle(const int *v)
{
	return ts_div(READ_ONCE(v[0]) + READ_ONCE(v[2]), 2);
}

static int ts_show(struct seq_file *m, void *v)
{
	ts_show_average(m);
	ts_show_recent(m);
	seq_printf(m, "middle: %d\n", ts_middle(m->private));
	return 0;
}

static int __init target_signature_init(void)
{
	ts_proc = proc_create_single_data("target_signature", 0444, NULL,
					  ts_show, ts_samples);
	if (!ts_proc)
		return -ENOMEM;
	return 0;
}

static void __exit target_signature_exit(void)
{
	proc_remove(ts_proc);
}

module_init(target_signature_init);
module_exit(target_signature_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Target of the signature examples: a function whose prototype changes");

// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-signature-fix: ship a changed prototype as a new helper
 *
 * The upstream fix gives ts_average() a third parameter.  This patch
 * leaves ts_average() alone, adds the new version as a helper of its
 * own, ts_average_round(), and replaces both callers of ts_average()
 * with versions that keep their own prototypes and call the helper:
 *
 *   # insmod target-signature.ko
 *   $ cat /proc/target_signature
 *   average: 3
 *   recent: 4
 *   middle: 3
 *   # insmod hazard-signature-fix.ko
 *   $ cat /proc/target_signature
 *   average: 4
 *   recent: 5
 *   middle: 3
 *
 * "middle" does not change: ts_middle() does not call ts_average().
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

/*
 * The fixed function under a new name: only the code of this module
 * calls it, always with three arguments.
 */
static noinline int ts_average_round(const int *v, int n, bool round)
{
	int sum = 0, i;

	for (i = 0; i < n; i++)
		sum += READ_ONCE(v[i]);
	return round ? (sum + n / 2) / n : sum / n;
}

/*
 * The callers, with their old prototypes.  They find the samples where
 * the originals do, in m->private.
 */
static void patched_ts_show_average(struct seq_file *m)
{
	const int *v = m->private;

	seq_printf(m, "average: %d\n", ts_average_round(v, 4, true));
}

static void patched_ts_show_recent(struct seq_file *m)
{
	const int *v = m->private;

	seq_printf(m, "recent: %d\n", ts_average_round(v + 2, 2, true));
}

static struct klp_func funcs[] = {
	{
		.old_name = "ts_show_average",
		.new_func = patched_ts_show_average,
	},
	{
		.old_name = "ts_show_recent",
		.new_func = patched_ts_show_recent,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "target_signature",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init hazard_signature_fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_signature_fix_exit(void)
{
}

module_init(hazard_signature_fix_init);
module_exit(hazard_signature_fix_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard fix: a changed prototype as a new helper and replaced callers");
MODULE_INFO(livepatch, "Y");

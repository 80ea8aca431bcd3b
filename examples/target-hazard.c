// SPDX-License-Identifier: GPL-2.0
/*
 * target-hazard: a target module for the hazard examples
 *
 * Three small functions that the compiler treats in three ways, and a
 * /proc file that shows what each of them returns:
 *
 *   # insmod target-hazard.ko
 *   $ cat /proc/target_hazard
 *   scaled: 42
 *   label: base 10
 *   calls: 1
 *   $ cat /proc/target_hazard
 *   scaled: 42
 *   label: base 10
 *   calls: 2
 *   # rmmod target_hazard
 *
 * th_scale() is a static inline helper: gcc folds it into its only
 * caller, th_scaled_value(), and no th_scale symbol is left in the
 * module.  th_label() is only ever called with base 10, so gcc -O2
 * makes a constant-propagated clone of it, th_label.constprop.0, and
 * calls that instead.  th_count_calls() keeps its count in a static
 * local variable.  The hazard-* live patches try to replace each one.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static struct proc_dir_entry *th_proc;

/* Inlined into th_scaled_value(): there is nothing left to patch. */
static inline int th_scale(int value)
{
	return value * 6;
}

/* Read at run time, so that th_scale()'s inlined copy stays visible. */
static int th_input = 7;

static noinline int th_scaled_value(void)
{
	return th_scale(READ_ONCE(th_input));
}

/*
 * noinline keeps th_label() a function of its own, but does not stop
 * gcc from cloning it: every call passes base == 10, so the clone has
 * the constant built in and takes one argument less.
 */
static noinline void th_label(struct seq_file *m, int base)
{
	if (base == 16)
		seq_puts(m, "label: base 16\n");
	else if (base == 8)
		seq_puts(m, "label: base 8\n");
	else
		seq_printf(m, "label: base %d\n", base);
}

static noinline int th_count_calls(void)
{
	static int calls;

	return ++calls;
}

static int th_show(struct seq_file *m, void *v)
{
	seq_printf(m, "scaled: %d\n", th_scaled_value());
	th_label(m, 10);
	seq_printf(m, "calls: %d\n", th_count_calls());
	return 0;
}

static int __init target_hazard_init(void)
{
	th_proc = proc_create_single("target_hazard", 0444, NULL, th_show);
	if (!th_proc)
		return -ENOMEM;
	return 0;
}

static void __exit target_hazard_exit(void)
{
	proc_remove(th_proc);
}

module_init(target_hazard_init);
module_exit(target_hazard_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Target of the hazard examples: inlined, cloned, static local");

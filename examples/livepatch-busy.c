// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-busy.c - a patch that cannot start while another is in transition
 *
 * Only one live patch can be in transition at a time.  This patch marks
 * /proc/execdomains; loading it while another patch's transition is
 * still open fails with EBUSY, and succeeds once that transition is over.
 *
 *   # insmod target-sleeper.ko
 *   $ cat /proc/target_sleeper &
 *   # insmod livepatch-consistency.ko
 *   # insmod livepatch-busy.ko
 *   insmod: can't insert 'livepatch-busy.ko': Device or resource busy
 *   # echo > /proc/target_sleeper
 *   # insmod livepatch-busy.ko
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel] [live patched: busy]
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

static int busy_execdomains_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "0-0\tLinux           \t[kernel] [live patched: busy]\n");
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "execdomains_proc_show",
		.new_func = busy_execdomains_proc_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* vmlinux */
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init livepatch_busy_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_busy_exit(void)
{
}

module_init(livepatch_busy_init);
module_exit(livepatch_busy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch of execdomains_proc_show(), refused during a transition");
MODULE_INFO(livepatch, "Y");

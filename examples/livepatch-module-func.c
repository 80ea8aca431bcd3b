// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-module-func.c - replace a function of a module: target-demo
 *
 * The object of this patch is the module target_demo, not vmlinux.  The
 * patch can be loaded before the module: its object then waits, and is
 * patched when the module loads.  The module can also be removed and
 * loaded again while the patch stays enabled:
 *
 *   # insmod livepatch-module-func.ko
 *   # cat /sys/kernel/livepatch/livepatch_module_func/target_demo/patched
 *   0
 *   # insmod target-demo.ko
 *   # cat /sys/kernel/livepatch/livepatch_module_func/target_demo/patched
 *   1
 *   # cat /proc/target_demo
 *   target-demo: greeting from livepatch-module-func
 *   # rmmod target_demo
 *   # insmod target-demo.ko
 *   # cat /proc/target_demo
 *   target-demo: greeting from livepatch-module-func
 *   # echo 0 > /sys/kernel/livepatch/livepatch_module_func/enabled
 *   # cat /proc/target_demo
 *   target-demo: original greeting
 *   # rmmod livepatch_module_func
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include "target-demo.h"

/* Same prototype as target_demo_greeting() in target-demo.c. */
static void patched_greeting(struct seq_file *m)
{
	seq_puts(m, "target-demo: greeting from livepatch-module-func\n");
}

static struct klp_func funcs[] = {
	{
		.old_name = "target_demo_greeting",
		.new_func = patched_greeting,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* The module's name as lsmod shows it: '-' becomes '_'. */
		.name = "target_demo",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init livepatch_module_func_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_module_func_exit(void)
{
}

module_init(livepatch_module_func_init);
module_exit(livepatch_module_func_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch of target_demo_greeting() in target-demo.ko");
MODULE_INFO(livepatch, "Y");

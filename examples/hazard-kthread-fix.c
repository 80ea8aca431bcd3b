// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-kthread-fix: patch what a kthread's loop calls, not the loop
 *
 * The kthread of target-hazard-kthread.c is always inside thk_loop(),
 * but only briefly inside thk_step().  A patch of thk_step() finds the
 * kthread asleep outside it, switches it, and finishes at once; from the
 * next round on, the kthread runs the new step:
 *
 *   # insmod target-hazard-kthread.ko
 *   $ grep step /proc/target_hazard_kthread
 *   step: 1
 *   # insmod hazard-kthread-fix.ko
 *   $ cat /sys/kernel/livepatch/hazard_kthread_fix/transition
 *   0
 *   $ grep step /proc/target_hazard_kthread
 *   step: 2
 *   # echo 0 > /sys/kernel/livepatch/hazard_kthread_fix/enabled
 *   # rmmod hazard_kthread_fix target_hazard_kthread
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

/* Same prototype as thk_step(); records 2 to show that it ran. */
static void patched_thk_step(unsigned long *last)
{
	WRITE_ONCE(*last, 2);
}

static struct klp_func funcs[] = {
	{
		.old_name = "thk_step",
		.new_func = patched_thk_step,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "target_hazard_kthread",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init hazard_kthread_fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_kthread_fix_exit(void)
{
}

module_init(hazard_kthread_fix_init);
module_exit(hazard_kthread_fix_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Fix for hazard-kthread: patch the step, not the loop");
MODULE_INFO(livepatch, "Y");

// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-kthread: a kthread that never leaves a patched function
 *
 * Deliberately bad: this patch replaces thk_loop(), the main loop of the
 * kthread in the target_hazard_kthread module.  The kthread sleeps inside that
 * loop and never returns from it, so the livepatch core never finds its
 * stack free of the old function and the transition never finishes.
 * Waking the kthread (the core does that by itself after about 15 s)
 * does not help: it goes round the same loop.  Reversing the transition
 * does:
 *
 *   # insmod target-hazard-kthread.ko
 *   # insmod hazard-kthread.ko
 *   $ cat /sys/kernel/livepatch/hazard_kthread/transition
 *   1
 *   $ cat /proc/$(pidof th_kthread)/patch_state
 *   0
 *   # echo 0 > /sys/kernel/livepatch/hazard_kthread/enabled
 *   # rmmod hazard_kthread target_hazard_kthread
 *
 * hazard-kthread-fix.c patches the function the loop calls instead.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/livepatch.h>
#include <linux/module.h>

/*
 * A new main loop, which records 3 instead of calling thk_step().  No
 * kthread ever enters it: the running one is already inside the old loop
 * and stays there.
 */
static int patched_thk_loop(void *data)
{
	while (!kthread_should_stop()) {
		WRITE_ONCE(*(unsigned long *)data, 3);
		msleep_interruptible(100);
	}
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "thk_loop",
		.new_func = patched_thk_loop,
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

static int __init hazard_kthread_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_kthread_exit(void)
{
}

module_init(hazard_kthread_init);
module_exit(hazard_kthread_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a kthread's main loop keeps a transition from finishing");
MODULE_INFO(livepatch, "Y");

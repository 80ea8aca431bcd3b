// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-consistency.c - a patch that waits for a sleeping task
 *
 * This patch replaces target_sleeper_wait() in target-sleeper.ko.  A task
 * sleeping in that function has the old code on its stack, so the
 * kernel cannot switch it to the new code: the transition stays open
 * until the task leaves the function, or the transition is reversed or
 * forced.
 *
 *   # insmod target-sleeper.ko
 *   $ cat /proc/target_sleeper &
 *   # insmod livepatch-consistency.ko
 *   # cat /sys/kernel/livepatch/livepatch_consistency/transition
 *   1
 *   # cat /proc/$!/patch_state
 *   0
 *   # echo > /proc/target_sleeper
 *   released: original code
 *   # cat /sys/kernel/livepatch/livepatch_consistency/transition
 *   0
 *   $ cat /proc/target_sleeper &
 *   # echo > /proc/target_sleeper
 *   released: live patched code
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/wait.h>
#include "target-sleeper.h"

/* Waits like the original; only the line it returns differs. */
static ssize_t livepatch_consistency_wait(struct target_sleeper *s,
					  bool interruptible,
					  char *buf, size_t len)
{
	unsigned long start = READ_ONCE(s->releases);
	int ret;

	if (interruptible)
		ret = wait_event_interruptible(s->wq,
					       READ_ONCE(s->releases) != start);
	else
		ret = wait_event_killable(s->wq,
					  READ_ONCE(s->releases) != start);
	if (ret)
		return ret;
	return scnprintf(buf, len, "released: live patched code\n");
}

static struct klp_func funcs[] = {
	{
		.old_name = "target_sleeper_wait",
		.new_func = livepatch_consistency_wait,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "target_sleeper",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init livepatch_consistency_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_consistency_exit(void)
{
}

module_init(livepatch_consistency_init);
module_exit(livepatch_consistency_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch of target_sleeper_wait(): shows the consistency model");
MODULE_INFO(livepatch, "Y");

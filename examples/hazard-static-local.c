// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-static-local: a replacement gets its own static locals
 *
 * Deliberately bad: th_count_calls() in target-hazard.c counts in a
 * static local variable.  The replacement below declares "the same"
 * variable, but it is a new one in this module, starting at 0, and the
 * original's count is left behind:
 *
 *   # insmod target-hazard.ko
 *   $ grep calls /proc/target_hazard      (three times)
 *   calls: 3
 *   # insmod hazard-static-local.ko
 *   $ grep calls /proc/target_hazard
 *   calls: 1001
 *   # echo 0 > /sys/kernel/livepatch/hazard_static_local/enabled
 *   $ grep calls /proc/target_hazard
 *   calls: 4
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

/*
 * The "fix" adds 1000 so that the output shows which copy runs.  The
 * static below is not th_count_calls()'s calls: that one lives in
 * target_hazard's .bss and this function cannot name it.
 */
static int patched_th_count_calls(void)
{
	static int calls;

	return 1000 + ++calls;
}

static struct klp_func funcs[] = {
	{
		.old_name = "th_count_calls",
		.new_func = patched_th_count_calls,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "target_hazard",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init hazard_static_local_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_static_local_exit(void)
{
}

module_init(hazard_static_local_init);
module_exit(hazard_static_local_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a replacement's static local is a new variable");
MODULE_INFO(livepatch, "Y");

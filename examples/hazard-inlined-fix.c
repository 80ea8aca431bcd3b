// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-inlined-fix: patch the caller of an inlined function
 *
 * th_scale() in target-hazard.c was inlined into th_scaled_value(), so
 * the fix to th_scale() ships as a new th_scaled_value() that carries
 * the fixed helper inside it:
 *
 *   # insmod target-hazard.ko
 *   $ grep scaled /proc/target_hazard
 *   scaled: 42
 *   # insmod hazard-inlined-fix.ko
 *   $ grep scaled /proc/target_hazard
 *   scaled: 49
 *   # echo 0 > /sys/kernel/livepatch/hazard_inlined_fix/enabled
 *   $ grep scaled /proc/target_hazard
 *   scaled: 42
 *   # rmmod hazard_inlined_fix target_hazard
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

/* The fixed helper: scale by 7, not by 6. */
static inline int fixed_scale(int value)
{
	return value * 7;
}

/* Same prototype as th_scaled_value(), the function that was compiled. */
static int patched_th_scaled_value(void)
{
	return fixed_scale(7);
}

static struct klp_func funcs[] = {
	{
		.old_name = "th_scaled_value",
		.new_func = patched_th_scaled_value,
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

static int __init hazard_inlined_fix_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_inlined_fix_exit(void)
{
}

module_init(hazard_inlined_fix_init);
module_exit(hazard_inlined_fix_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Fix for hazard-inlined: patch the caller that inlined the helper");
MODULE_INFO(livepatch, "Y");

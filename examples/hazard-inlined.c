// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-inlined: a live patch of an inlined function finds no symbol
 *
 * Deliberately bad: this patch replaces th_scale(), a static inline
 * helper in target-hazard.c.  gcc folded th_scale() into its caller, so
 * the module has no th_scale symbol and there is nothing to redirect.
 * With the target loaded, the patch is refused:
 *
 *   # insmod target-hazard.ko
 *   # insmod hazard-inlined.ko
 *   insmod: can't insert 'hazard-inlined.ko': Invalid argument
 *   # dmesg | grep livepatch
 *   livepatch: symbol 'th_scale' not found in symbol table
 *
 * Loaded first, the patch waits for the target, and then the target is
 * the module that the kernel refuses to load:
 *
 *   # insmod hazard-inlined.ko
 *   # insmod target-hazard.ko
 *   insmod: can't insert 'target-hazard.ko': Invalid argument
 *
 * hazard-inlined-fix.c patches the caller instead.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

/* The fix we wanted to ship: scale by 7, not by 6. */
static int patched_th_scale(int value)
{
	return value * 7;
}

static struct klp_func funcs[] = {
	{
		.old_name = "th_scale",
		.new_func = patched_th_scale,
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

static int __init hazard_inlined_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_inlined_exit(void)
{
}

module_init(hazard_inlined_init);
module_exit(hazard_inlined_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a live patch of an inlined function finds no symbol");
MODULE_INFO(livepatch, "Y");

// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-notrace: a live patch of a notrace function is refused
 *
 * Deliberately bad: this patch tries to replace __schedule(), which the
 * kernel marks notrace (since commit 499d79559ffe).  A live patch
 * redirects a function through its ftrace call site, and a notrace
 * function has none, so the kernel refuses the patch and the module
 * does not load:
 *
 *   $ grep -c '^__schedule$' /sys/kernel/tracing/available_filter_functions
 *   0
 *   # insmod hazard-notrace.ko
 *   insmod: can't insert 'hazard-notrace.ko': Invalid argument
 *   # dmesg | grep livepatch
 *   livepatch: enabling patch 'hazard_notrace'
 *   livepatch: failed to find location for function '__schedule'
 *   livepatch: failed to patch object 'vmlinux'
 *   livepatch: failed to enable patch 'hazard_notrace'
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

/*
 * Never runs: the kernel refuses the patch before it redirects anything.
 * A real replacement of __schedule() would have to reimplement the
 * scheduler's core and its register handling around switch_to(); there
 * is no correct body to put here.
 */
static void patched_schedule(unsigned int sched_mode)
{
}

static struct klp_func funcs[] = {
	{
		.old_name = "__schedule",
		.new_func = patched_schedule,
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

static int __init hazard_notrace_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_notrace_exit(void)
{
}

module_init(hazard_notrace_init);
module_exit(hazard_notrace_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a live patch of notrace __schedule() is refused");
MODULE_INFO(livepatch, "Y");

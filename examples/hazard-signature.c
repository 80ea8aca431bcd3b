// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-signature: a replacement with the wrong prototype loads anyway
 *
 * ts_average(v, n) in target-signature.c gets a third parameter in the
 * upstream fix.  This patch replaces it with a function of the NEW
 * prototype, and the kernel accepts it: klp_func has no type, only a
 * name and an address, and nothing compares the two prototypes.
 *
 *   # insmod target-signature.ko
 *   # insmod hazard-signature.ko
 *   $ cat /sys/kernel/livepatch/hazard_signature/enabled
 *   1
 *
 * Do not read /proc/target_signature while this patch is enabled: the
 * unchanged callers still pass two arguments, so "round" is whatever
 * the caller left in the third argument register (%rdx on x86-64).
 * hazard-signature-fix.c shows how to ship such a fix.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

/* The prototype of the upstream fix: wrong for the callers in the target. */
static int patched_ts_average(const int *v, int n, bool round)
{
	int sum = 0, i;

	for (i = 0; i < n; i++)
		sum += READ_ONCE(v[i]);
	return round ? (sum + n / 2) / n : sum / n;
}

static struct klp_func funcs[] = {
	{
		.old_name = "ts_average",
		.new_func = patched_ts_average,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "target_signature",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init hazard_signature_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit hazard_signature_exit(void)
{
}

module_init(hazard_signature_init);
module_exit(hazard_signature_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a replacement with another prototype is not refused");
MODULE_INFO(livepatch, "Y");

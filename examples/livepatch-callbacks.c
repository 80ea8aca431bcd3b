// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-callbacks.c - the four callbacks of a klp_object, and a refusal
 *
 * This patch has two objects, vmlinux and the module target_demo, and
 * gives each the four callbacks.  Every callback logs its name and its
 * object, so the kernel log shows when the kernel calls each one.  With
 * fail_pre_patch=1 every pre_patch callback fails with -EBUSY: loading
 * the patch fails, and while the patch is enabled, so does loading
 * target_demo (the parameter can be changed in sysfs at any time).  With
 * fail_pre_patch=2 only the pre_patch of target_demo fails, after that of
 * vmlinux succeeded, so vmlinux gets its post_unpatch:
 *
 *   # insmod target-demo.ko
 *   # insmod livepatch-callbacks.ko
 *   # dmesg | grep livepatch_callbacks:
 *   livepatch_callbacks: pre_patch vmlinux
 *   livepatch_callbacks: pre_patch target_demo
 *   livepatch_callbacks: post_patch vmlinux
 *   livepatch_callbacks: post_patch target_demo
 *   # echo 1 > /sys/module/livepatch_callbacks/parameters/fail_pre_patch
 *   # rmmod target_demo
 *   # insmod target-demo.ko
 *   insmod: can't insert 'target-demo.ko': Device or resource busy
 *   # echo 0 > /sys/kernel/livepatch/livepatch_callbacks/enabled
 *   # rmmod livepatch_callbacks
 *   # insmod livepatch-callbacks.ko fail_pre_patch=1
 *   insmod: can't insert 'livepatch-callbacks.ko': Device or resource busy
 *   # insmod target-demo.ko
 *   # insmod livepatch-callbacks.ko fail_pre_patch=2
 *   insmod: can't insert 'livepatch-callbacks.ko': Device or resource busy
 *   # dmesg | grep livepatch_callbacks: | tail -n 3
 *   livepatch_callbacks: pre_patch vmlinux
 *   livepatch_callbacks: pre_patch target_demo: refusing
 *   livepatch_callbacks: post_unpatch vmlinux
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>

#include "target-demo.h"

static int fail_pre_patch;
module_param(fail_pre_patch, int, 0644);
MODULE_PARM_DESC(fail_pre_patch,
		 "Make pre_patch fail with -EBUSY: 1 for every object, 2 for target_demo only");

static const char *obj_name(struct klp_object *obj)
{
	return obj->name ? obj->name : "vmlinux";
}

/*
 * pre_patch runs before the object's functions are redirected: when the
 * patch is enabled, or when a module it patches loads.  A nonzero return
 * stops that: the patch is not enabled, or the module is not loaded.
 */
static int cb_pre_patch(struct klp_object *obj)
{
	int fail = READ_ONCE(fail_pre_patch);

	if (fail == 1 || (fail == 2 && obj->name)) {
		pr_info("pre_patch %s: refusing\n", obj_name(obj));
		return -EBUSY;
	}
	pr_info("pre_patch %s\n", obj_name(obj));
	return 0;
}

/* post_patch: once every task runs the new code. */
static void cb_post_patch(struct klp_object *obj)
{
	pr_info("post_patch %s\n", obj_name(obj));
}

/* pre_unpatch: before the transition back to the old code starts. */
static void cb_pre_unpatch(struct klp_object *obj)
{
	pr_info("pre_unpatch %s\n", obj_name(obj));
}

/*
 * post_unpatch: once no task runs the new code any more.  The kernel
 * skips it for an object whose pre_patch callback failed.
 */
static void cb_post_unpatch(struct klp_object *obj)
{
	pr_info("post_unpatch %s\n", obj_name(obj));
}

#define ALL_CALLBACKS {				\
	.pre_patch = cb_pre_patch,		\
	.post_patch = cb_post_patch,		\
	.pre_unpatch = cb_pre_unpatch,		\
	.post_unpatch = cb_post_unpatch,	\
}

/* A patch of target-demo, so that its state can be seen in /proc. */
static void patched_greeting(struct seq_file *m)
{
	seq_puts(m, "target-demo: greeting from livepatch-callbacks\n");
}

/* An object may patch no function at all and only have callbacks. */
static struct klp_func vmlinux_funcs[] = {
	{ }
};

static struct klp_func target_demo_funcs[] = {
	{
		.old_name = "target_demo_greeting",
		.new_func = patched_greeting,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = vmlinux_funcs,
		.callbacks = ALL_CALLBACKS,
	},
	{
		.name = "target_demo",
		.funcs = target_demo_funcs,
		.callbacks = ALL_CALLBACKS,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init livepatch_callbacks_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_callbacks_exit(void)
{
}

module_init(livepatch_callbacks_init);
module_exit(livepatch_callbacks_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch with all four callbacks on vmlinux and target-demo.ko");
MODULE_INFO(livepatch, "Y");

// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-select-timeval: upstream commit 859c199bb3a9 ("fs/select:
 * reject negative timeval components in kern_select()", Linux 7.1-rc5)
 * as a live patch for Debian's 6.1 and 6.12 kernels
 *
 * select() adds tv_usec / 1000000 to tv_sec before it checks the timeout.
 * A negative tv_sec that this sum brings to zero or above passes the check
 * although POSIX wants EINVAL: {-1, 1000000} is taken as a zero timeout,
 * and {LONG_MIN, -1000000} wraps to LONG_MAX, a timeout that never ends.
 * The fix rejects a negative component before the sum.  kern_select() is
 * static in fs/select.c; the new one calls three functions of that file
 * that no module may link against, through klp relocations (see
 * livepatch-select-timeval.h):
 *
 *   $ sysprobe select -1 1000000
 *   select(0, NULL, NULL, NULL, {tv_sec=-1, tv_usec=1000000}) = 0
 *   # insmod livepatch-select-timeval.ko
 *   $ sysprobe select -1 1000000
 *   select(0, NULL, NULL, NULL, {tv_sec=-1, tv_usec=1000000}) = -1 EINVAL (Invalid argument)
 *   # echo 0 > /sys/kernel/livepatch/livepatch_select_timeval/enabled
 *   # rmmod livepatch_select_timeval
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/time_types.h>
#include <linux/uaccess.h>

#include "livepatch-select-timeval.h"

/* fs/select.c kern_select(), as upstream has it since the fix. */
static int patched_kern_select(int n, fd_set __user *inp, fd_set __user *outp,
			       fd_set __user *exp,
			       struct __kernel_old_timeval __user *tvp)
{
	struct timespec64 end_time, *to = NULL;
	struct __kernel_old_timeval tv;
	int ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;

		/* The fix: no negative part may reach the sum below. */
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;

		to = &end_time;
		if (klp_poll_select_set_timeout(to,
						tv.tv_sec + tv.tv_usec / USEC_PER_SEC,
						(tv.tv_usec % USEC_PER_SEC) *
						NSEC_PER_USEC))
			return -EINVAL;
	}

	ret = klp_core_sys_select(n, inp, outp, exp, to);
	return klp_poll_select_finish(&end_time, tvp, KLP_PT_TIMEVAL, ret);
}

static struct klp_func funcs[] = {
	{
		.old_name = "kern_select",
		.new_func = patched_kern_select,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* .name NULL: vmlinux */
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init livepatch_select_timeval_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_select_timeval_exit(void)
{
}

module_init(livepatch_select_timeval_init);
module_exit(livepatch_select_timeval_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch: select() refuses a negative timeval part (upstream 859c199bb3a9)");
MODULE_INFO(livepatch, "Y");

// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-proc-version.c - replace a vmlinux function: /proc/version
 *
 * The kernel prints /proc/version with version_proc_show() in
 * fs/proc/version.c.  This live patch swaps in a version that appends a
 * marker, so the change can be seen from a shell:
 *
 *   $ cat /proc/version
 *   Linux version 6.1.0-56-amd64 (...) #1 SMP PREEMPT_DYNAMIC Debian ...
 *   # insmod livepatch-proc-version.ko
 *   # cat /sys/kernel/livepatch/livepatch_proc_version/transition
 *   0
 *   $ cat /proc/version
 *   Linux version 6.1.0-56-amd64 #1 SMP ... [live patched: proc-version]
 *   # echo 0 > /sys/kernel/livepatch/livepatch_proc_version/enabled
 *   $ cat /proc/version
 *   Linux version 6.1.0-56-amd64 (...) #1 SMP PREEMPT_DYNAMIC Debian ...
 *   # rmmod livepatch_proc_version
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

/*
 * The replacement keeps the prototype of version_proc_show(): callers
 * reach it through the same function pointer, with the same arguments.
 * linux_proc_banner is not exported, so this prints a shorter banner of
 * its own: the same fields from utsname(), then the marker.
 */
static int patched_version_proc_show(struct seq_file *m, void *v)
{
	struct new_utsname *uts = utsname();

	seq_printf(m, "%s version %s %s [live patched: proc-version]\n",
		   uts->sysname, uts->release, uts->version);
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "version_proc_show",
		.new_func = patched_version_proc_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* A NULL name means the object is vmlinux. */
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init livepatch_proc_version_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_proc_version_exit(void)
{
}

module_init(livepatch_proc_version_init);
module_exit(livepatch_proc_version_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch of version_proc_show(): marks /proc/version");
MODULE_INFO(livepatch, "Y");

// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-replace-v2.c - a cumulative live patch that replaces v1
 *
 * livepatch-replace-v1.c changes /proc/version and /proc/execdomains.  This
 * second version keeps a /proc/version change (with its own marker) and
 * drops the /proc/execdomains one.  Because .replace is set, enabling it
 * disables every live patch enabled before it: the kernel adds a "nop"
 * for execdomains_proc_show(), so /proc/execdomains reverts to the original code,
 * and v1 leaves /sys/kernel/livepatch and can be removed.
 *
 *   # insmod livepatch-replace-v1.ko
 *   # insmod livepatch-replace-v2.ko
 *   $ ls /sys/kernel/livepatch
 *   livepatch_replace_v2
 *   $ cat /proc/version
 *   Linux version 6.1.0-56-amd64 #1 SMP ... [live patched: replace-v2]
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel]
 *   # rmmod livepatch_replace_v1
 *   # echo 0 > /sys/kernel/livepatch/livepatch_replace_v2/enabled
 *   # rmmod livepatch_replace_v2
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

static int replace_v2_version_proc_show(struct seq_file *m, void *v)
{
	struct new_utsname *uts = utsname();

	seq_printf(m, "%s version %s %s [live patched: replace-v2]\n",
		   uts->sysname, uts->release, uts->version);
	return 0;
}

/* No entry for execdomains_proc_show(): a cumulative patch drops it. */
static struct klp_func funcs[] = {
	{
		.old_name = "version_proc_show",
		.new_func = replace_v2_version_proc_show,
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
	.replace = true,
};

static int __init livepatch_replace_v2_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_replace_v2_exit(void)
{
}

module_init(livepatch_replace_v2_init);
module_exit(livepatch_replace_v2_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Cumulative live patch v2: replaces v1, keeps /proc/version");
MODULE_INFO(livepatch, "Y");

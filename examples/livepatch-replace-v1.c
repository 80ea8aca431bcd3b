// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-replace-v1.c - the first of two cumulative live patches
 *
 * This patch changes two vmlinux functions: version_proc_show()
 * (/proc/version) and execdomains_proc_show() (/proc/execdomains).  It sets
 * .replace, so a later cumulative patch takes over from it in one step;
 * see livepatch-replace-v2.c, which keeps only the /proc/version change.
 *
 *   # insmod livepatch-replace-v1.ko
 *   $ cat /proc/version
 *   Linux version 6.1.0-56-amd64 #1 SMP ... [live patched: replace-v1]
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel] [live patched: replace-v1]
 *   # insmod livepatch-replace-v2.ko
 *   $ ls /sys/kernel/livepatch
 *   livepatch_replace_v2
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel]
 *   # rmmod livepatch_replace_v1
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

#define MARKER "[live patched: replace-v1]"

static int replace_v1_version_proc_show(struct seq_file *m, void *v)
{
	struct new_utsname *uts = utsname();

	seq_printf(m, "%s version %s %s " MARKER "\n",
		   uts->sysname, uts->release, uts->version);
	return 0;
}

/*
 * The original prints one fixed line: the only execution domain a
 * current kernel knows.  The new version adds the marker to it.
 */
static int replace_v1_execdomains_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, "0-0\tLinux           \t[kernel] " MARKER "\n");
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "version_proc_show",
		.new_func = replace_v1_version_proc_show,
	},
	{
		.old_name = "execdomains_proc_show",
		.new_func = replace_v1_execdomains_proc_show,
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
	/* Cumulative: replaces every live patch enabled before it. */
	.replace = true,
};

static int __init livepatch_replace_v1_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_replace_v1_exit(void)
{
}

module_init(livepatch_replace_v1_init);
module_exit(livepatch_replace_v1_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Cumulative live patch v1: /proc/version, /proc/execdomains");
MODULE_INFO(livepatch, "Y");

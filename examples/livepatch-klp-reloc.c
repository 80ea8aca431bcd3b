// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-klp-reloc: new code that uses non-exported symbols of vmlinux
 * and of a module, through klp relocations
 *
 * The replacement of th_show() in target_hazard calls two static
 * functions of that module and reads saved_command_line, a vmlinux
 * variable no module may link against.  The build runs
 * tools/klp-convert-lite on the module, which turns these references into
 * klp relocations; the livepatch core fills them in by name:
 *
 *   # insmod target-hazard.ko
 *   # insmod livepatch-klp-reloc.ko
 *   $ cat /proc/target_hazard
 *   scaled: 42
 *   calls: 1
 *   cmdline: console=ttyS0 panic=-1 oops=panic loglevel=4 nokaslr
 *   $ cat /proc/cmdline
 *   console=ttyS0 panic=-1 oops=panic loglevel=4 nokaslr
 *   # echo 0 > /sys/kernel/livepatch/livepatch_klp_reloc/enabled
 *   # rmmod livepatch_klp_reloc
 *
 * The symbols are declared in livepatch-klp-reloc.h.  The build also
 * writes two copies of the module converted wrongly on purpose, which the
 * kernel refuses (see checks/vm/tests/livepatch-klp-reloc.sh):
 *
 * klp-convert-lite variant wrong-object: --object target_hazard
 * klp-convert-lite variant wrong-sympos: --sympos vmlinux.saved_command_line=2
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include "livepatch-klp-reloc.h"

static int patched_th_show(struct seq_file *m, void *v)
{
	seq_printf(m, "scaled: %d\n", klp_th_scaled_value());
	seq_printf(m, "calls: %d\n", klp_th_count_calls());
	seq_printf(m, "cmdline: %s\n", klp_saved_command_line);
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "th_show",
		.new_func = patched_th_show,
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

static int __init livepatch_klp_reloc_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_klp_reloc_exit(void)
{
}

module_init(livepatch_klp_reloc_init);
module_exit(livepatch_klp_reloc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch using non-exported symbols through klp relocations");
MODULE_INFO(livepatch, "Y");

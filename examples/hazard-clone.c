// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-clone: patch a function that exists only as a gcc clone
 *
 * target-hazard.c calls th_label(m, 10) and nothing else, so gcc -O2
 * builds th_label.constprop.0(m), a copy with base fixed to 10, and no
 * plain th_label is left.  The plain name is refused; the clone's full
 * name works, and the replacement takes the clone's one argument:
 *
 *   # insmod target-hazard.ko
 *   # insmod hazard-clone.ko old_name=th_label
 *   insmod: can't insert 'hazard-clone.ko': Invalid argument
 *   # insmod hazard-clone.ko
 *   $ grep label /proc/target_hazard
 *   label: decimal (live patched)
 *
 * The ".0" is a counter gcc picks per build: another compiler version,
 * or a change elsewhere in the file, can name the clone ".1", drop it,
 * or give it another argument list.  Check the target's symbols before
 * every build of the patch (nm target-hazard.ko | grep th_label).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>

static char *old_name = "th_label.constprop.0";
module_param(old_name, charp, 0444);
MODULE_PARM_DESC(old_name, "symbol to patch (default th_label.constprop.0)");

/*
 * The ABI of the clone, not of the source: th_label(m, base) became
 * th_label.constprop.0(m).  A replacement with the source's two
 * arguments would read garbage from the register of the second one.
 */
static void patched_th_label(struct seq_file *m)
{
	seq_puts(m, "label: decimal (live patched)\n");
}

static struct klp_func funcs[] = {
	{
		.new_func = patched_th_label,
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

static int __init hazard_clone_init(void)
{
	funcs[0].old_name = old_name;
	return klp_enable_patch(&patch);
}

static void __exit hazard_clone_exit(void)
{
}

module_init(hazard_clone_init);
module_exit(hazard_clone_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: patch a gcc clone (.constprop.0) by its full name");
MODULE_INFO(livepatch, "Y");

// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-jump-label: a new function that tests another module's static key
 *
 * The replacement of tjl_mode() reads the key tjl_verbose, which
 * target-jump-label.ko owns, with static_key_enabled(): a plain load
 * from the key, no __jump_table entry, and it follows every switch of
 * the key.  With branch=1 it uses a static branch instead:
 *
 *   # insmod target-jump-label.ko
 *   # insmod hazard-jump-label.ko
 *   $ cat /proc/target_jump_label
 *   mode: quiet (live patched, read)
 *   # echo 1 > /sys/module/target_jump_label/parameters/verbose
 *   $ cat /proc/target_jump_label
 *   mode: verbose (live patched, read)
 *
 * Both are safe here only because the key is exported: the module
 * loader resolves &tjl_verbose with the other relocations, before the
 * jump label code reads this module's __jump_table.  A patch that
 * reaches a key of another module through a klp relocation
 * (.klp.rela.target_jump_label...) must not use a static branch: that
 * relocation is written only when the patch is enabled, after the
 * table was read.  That case corrupts memory and is not built here.
 *
 * The export costs a hard dependency: this module cannot be loaded
 * before target-jump-label.ko ("Unknown symbol tjl_verbose").
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>

/* Defined and exported by target-jump-label.c. */
DECLARE_STATIC_KEY_FALSE(tjl_verbose);

static bool branch;
module_param(branch, bool, 0444);
MODULE_PARM_DESC(branch, "test the key with a static branch (default: read it)");

/* What the page recommends: read the key, no code to rewrite. */
static void patched_tjl_mode_read(struct seq_file *m)
{
	if (static_key_enabled(&tjl_verbose))
		seq_puts(m, "mode: verbose (live patched, read)\n");
	else
		seq_puts(m, "mode: quiet (live patched, read)\n");
}

/* A static branch: this module's __jump_table gets an entry for it. */
static void patched_tjl_mode_branch(struct seq_file *m)
{
	if (static_branch_unlikely(&tjl_verbose))
		seq_puts(m, "mode: verbose (live patched, branch)\n");
	else
		seq_puts(m, "mode: quiet (live patched, branch)\n");
}

static struct klp_func funcs[] = {
	{
		.old_name = "tjl_mode",
		.new_func = patched_tjl_mode_read,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "target_jump_label",
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init hazard_jump_label_init(void)
{
	if (branch)
		funcs[0].new_func = patched_tjl_mode_branch;
	return klp_enable_patch(&patch);
}

static void __exit hazard_jump_label_exit(void)
{
}

module_init(hazard_jump_label_init);
module_exit(hazard_jump_label_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a new function that tests another module's static key");
MODULE_INFO(livepatch, "Y");

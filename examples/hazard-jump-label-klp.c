// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-jump-label-klp: another module's static key through a klp relocation
 *
 * The replacement of tjl_mode() reads tjl_verbose, the key of
 * target-jump-label.ko, with static_key_enabled(), and reaches it through
 * a klp relocation, as a patch reaches a static symbol.  The module's
 * init function shows the order the jump labels page is about, without
 * running the unsafe case: when it runs, the jump label code has already
 * read this module's __jump_table, while the klp relocation for the key
 * is written only by klp_enable_patch():
 *
 *   # insmod target-jump-label.ko
 *   # insmod hazard-jump-label-klp.ko
 *   # dmesg | grep -o 'init: .*'
 *   init: own key linked: __jump_table already read
 *   init: &tjl_verbose before klp_enable_patch(): not written yet
 *   init: &tjl_verbose after klp_enable_patch(): tjl_verbose [target_jump_label]
 *   $ cat /proc/target_jump_label
 *   mode: quiet (live patched, klp)
 *
 * Without an export to link against, the module also loads before its
 * target, and patches it when it comes.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include "hazard-jump-label-klp.h"

/* A key of this module, tested by a static branch in this module. */
static DEFINE_STATIC_KEY_FALSE(hjlk_own);

static void patched_tjl_mode_klp(struct seq_file *m)
{
	if (static_branch_unlikely(&hjlk_own))
		seq_puts(m, "mode: never shown\n");
	else if (static_key_enabled(&klp_tjl_verbose))
		seq_puts(m, "mode: verbose (live patched, klp)\n");
	else
		seq_puts(m, "mode: quiet (live patched, klp)\n");
}

/*
 * The address of the key as the code computes it, from the instruction
 * the klp relocation writes.  Called through a pointer hidden from gcc,
 * so that it runs at each call, before and after klp_enable_patch().
 */
static noinline unsigned long hjlk_key_address(void)
{
	return (unsigned long)&klp_tjl_verbose;
}

static void hjlk_report_key(const char *when)
{
	unsigned long (*fn)(void) = hjlk_key_address;
	unsigned long addr;

	OPTIMIZER_HIDE_VAR(fn);
	addr = fn();

	/* Unwritten, the field is 0 or relative to this module's code. */
	if (!addr || within_module(addr, THIS_MODULE))
		pr_info("init: &tjl_verbose %s klp_enable_patch(): not written yet\n",
			when);
	else
		pr_info("init: &tjl_verbose %s klp_enable_patch(): %ps\n",
			when, (void *)addr);
}

static struct klp_func funcs[] = {
	{
		.old_name = "tjl_mode",
		.new_func = patched_tjl_mode_klp,
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

static int __init hazard_jump_label_klp_init(void)
{
	int ret;

	/*
	 * jump_label_add_module() points a key of the module itself at its
	 * first __jump_table entry: the bits above JUMP_TYPE_MASK are set.
	 */
	if (hjlk_own.key.type & ~JUMP_TYPE_MASK)
		pr_info("init: own key linked: __jump_table already read\n");
	else
		pr_info("init: own key not linked: __jump_table not read yet\n");

	hjlk_report_key("before");
	ret = klp_enable_patch(&patch);
	if (ret)
		return ret;
	hjlk_report_key("after");
	return 0;
}

static void __exit hazard_jump_label_klp_exit(void)
{
}

module_init(hazard_jump_label_klp_init);
module_exit(hazard_jump_label_klp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: another module's static key read through a klp relocation");
MODULE_INFO(livepatch, "Y");

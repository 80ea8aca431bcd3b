// SPDX-License-Identifier: GPL-2.0
/*
 * target-jump-label: a target module that owns a static key
 *
 * tjl_verbose is a static key defined in this module.  A module
 * parameter switches it, and tjl_mode() tests it with a static branch,
 * code that the kernel rewrites each time the key changes:
 *
 *   # insmod target-jump-label.ko
 *   $ cat /proc/target_jump_label
 *   mode: quiet
 *   # echo 1 > /sys/module/target_jump_label/parameters/verbose
 *   $ cat /proc/target_jump_label
 *   mode: verbose
 *   # echo 0 > /sys/module/target_jump_label/parameters/verbose
 *   # rmmod target_jump_label
 *
 * The key is exported only so that hazard-jump-label.ko can reach it
 * without a klp relocation (see that file).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/* DEFINE_STATIC_KEY_FALSE(tjl_verbose), spelt out for EXPORT_SYMBOL_GPL. */
struct static_key_false tjl_verbose = STATIC_KEY_FALSE_INIT;
EXPORT_SYMBOL_GPL(tjl_verbose);

static struct proc_dir_entry *tjl_proc;

static int tjl_verbose_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret;

	ret = kstrtobool(val, &on);
	if (ret)
		return ret;
	if (on)
		static_branch_enable(&tjl_verbose);
	else
		static_branch_disable(&tjl_verbose);
	return 0;
}

static int tjl_verbose_get(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%c\n", static_key_enabled(&tjl_verbose) ? 'Y' : 'N');
}

static const struct kernel_param_ops tjl_verbose_ops = {
	.set = tjl_verbose_set,
	.get = tjl_verbose_get,
};
module_param_cb(verbose, &tjl_verbose_ops, NULL, 0644);
MODULE_PARM_DESC(verbose, "switch the static key tjl_verbose (default N)");

/* The function the live patch replaces: a static branch on the key. */
static noinline void tjl_mode(struct seq_file *m)
{
	if (static_branch_unlikely(&tjl_verbose))
		seq_puts(m, "mode: verbose\n");
	else
		seq_puts(m, "mode: quiet\n");
}

static int tjl_show(struct seq_file *m, void *v)
{
	tjl_mode(m);
	return 0;
}

static int __init target_jump_label_init(void)
{
	tjl_proc = proc_create_single("target_jump_label", 0444, NULL,
				      tjl_show);
	if (!tjl_proc)
		return -ENOMEM;
	return 0;
}

static void __exit target_jump_label_exit(void)
{
	proc_remove(tjl_proc);
}

module_init(target_jump_label_init);
module_exit(target_jump_label_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Target of hazard-jump-label: a module that owns a static key");

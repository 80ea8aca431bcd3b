// SPDX-License-Identifier: GPL-2.0
/*
 * limit-init.c - a live patch of an __init function, refused
 *
 * kernel_init_freeable() in init/main.c is __init: it ran once during
 * boot and its memory is freed.  kallsyms still lists it, so the symbol
 * lookup succeeds, but ftrace dropped its call site when init memory was
 * freed, and the patch is refused:
 *
 *   # grep -w kernel_init_freeable /proc/kallsyms
 *   ... t kernel_init_freeable
 *   # insmod limit-init.ko
 *   insmod: can't insert 'limit-init.ko': Invalid argument
 *   # dmesg | grep livepatch:
 *   livepatch: failed to find location for function 'kernel_init_freeable'
 *
 * The replacement can never run; it only has the right prototype.
 */
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>

static void limit_init_kernel_init_freeable(void)
{
}

static struct klp_func funcs[] = {
	{
		.old_name = "kernel_init_freeable",
		.new_func = limit_init_kernel_init_freeable,
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
};

static int __init limit_init_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit limit_init_exit(void)
{
}

module_init(limit_init_init);
module_exit(limit_init_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A live patch of an __init function is refused");
MODULE_INFO(livepatch, "Y");

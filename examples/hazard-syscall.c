// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-syscall: a system call is patched through its entry wrappers
 *
 * SYSCALL_DEFINE1(umask, ...) in kernel/sys.c puts the body into a
 * "static inline" function, __do_sys_umask(), which gcc folds into the
 * per-ABI entry points that the syscall tables call: __x64_sys_umask()
 * (64-bit and x32 tasks) and __ia32_sys_umask() (32-bit tasks, Debian
 * builds CONFIG_IA32_EMULATION=y).  Only those are in kallsyms, so they
 * are what a patch names, each with its own way of reading the
 * arguments out of struct pt_regs:
 *
 *   $ grep -E ' (__do_sys|__x64_sys|__ia32_sys)_umask$' /proc/kallsyms
 *   ffffffff8109e470 T __x64_sys_umask
 *   ffffffff8109e4a0 T __ia32_sys_umask
 *   $ sh -c 'umask 0; umask'
 *   0000
 *   # insmod hazard-syscall.ko
 *   $ sh -c 'umask 0; umask'
 *   0002
 *   # insmod hazard-syscall.ko body=1
 *   insmod: can't insert 'hazard-syscall.ko': Invalid argument
 *
 * The change: a umask never lets "others" write, so files and
 * directories are never created world-writable.  body=1 names
 * __do_sys_umask instead, the function the source seems to define, to
 * show that it does not exist.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs_struct.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/ptrace.h>
#include <linux/sched.h>

static bool body;
module_param(body, bool, 0444);
MODULE_PARM_DESC(body, "name __do_sys_umask (fails) instead of the wrappers");

/* The new umask(2): 0002 (S_IWOTH) is always set in what is stored. */
static long new_umask(int mask)
{
	return xchg(&current->fs->umask, (mask | 0002) & 0777);
}

/* 64-bit and x32 ABI: the first argument is in %rdi. */
static long patched_x64_sys_umask(const struct pt_regs *regs)
{
	return new_umask((int)regs->di);
}

/* i386 ABI: the first argument is in %ebx. */
static long patched_ia32_sys_umask(const struct pt_regs *regs)
{
	return new_umask((int)regs->bx);
}

static struct klp_func funcs[] = {
	{
		.old_name = "__x64_sys_umask",
		.new_func = patched_x64_sys_umask,
	},
	{
		.old_name = "__ia32_sys_umask",
		.new_func = patched_ia32_sys_umask,
	},
	{ }
};

/* What body=1 uses: the name of the body, which gcc inlined away. */
static struct klp_func body_funcs[] = {
	{
		.old_name = "__do_sys_umask",
		.new_func = patched_x64_sys_umask,
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

static int __init hazard_syscall_init(void)
{
	if (body)
		objs[0].funcs = body_funcs;
	return klp_enable_patch(&patch);
}

static void __exit hazard_syscall_exit(void)
{
}

module_init(hazard_syscall_init);
module_exit(hazard_syscall_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a system call is patched in its __x64/__ia32 wrappers");
MODULE_INFO(livepatch, "Y");

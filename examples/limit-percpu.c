// SPDX-License-Identifier: GPL-2.0
/*
 * limit-percpu.c - a module's per-CPU variable, as kallsyms lists it
 *
 * Defines one static per-CPU counter and bumps it on the loading CPU, so
 * that you can see how /proc/kallsyms lists a module's per-CPU symbols
 * (CONFIG_KALLSYMS_ALL, which every livepatch kernel has):
 *
 *   # insmod limit-percpu.ko
 *   # grep -w limit_percpu_count /proc/kallsyms
 *   ... a limit_percpu_count	[limit_percpu]
 *
 * Type 'a': a symbol of the module's .data..percpu section, not exported.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(unsigned long, limit_percpu_count);

static int __init limit_percpu_init(void)
{
	this_cpu_inc(limit_percpu_count);
	pr_info("per-CPU counter ready\n");
	return 0;
}

static void __exit limit_percpu_exit(void)
{
}

module_init(limit_percpu_init);
module_exit(limit_percpu_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A module per-CPU variable as /proc/kallsyms lists it");

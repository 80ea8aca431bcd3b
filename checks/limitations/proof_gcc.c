// SPDX-License-Identifier: GPL-2.0
/*
 * proof_gcc.c - what gcc does to ordinary kernel code, as a module.
 *
 * Built by checks/limitations.sh with each installed kernel's kbuild
 * (same gcc, same flags as the kernel), never loaded.  The check reads the
 * object with nm, objdump and readelf to show the hazards the limitation
 * pages describe: a helper inlined away, a kernel "inline" function with
 * no ftrace call, .constprop/.isra clones, a .cold part, a numbered static
 * local, and a line-number change that reaches only the bug table.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/bug.h>

struct pg_pair {
	long a;
	long b;
	long unused[6];
};

/* Kernel "inline" includes notrace; taking the address keeps a copy. */
static inline long pg_inline_kept(long x)
{
	return x * 7 + 3;
}

long (*pg_inline_ptr)(long) = pg_inline_kept;
EXPORT_SYMBOL_GPL(pg_inline_ptr);

/* A small static helper with one caller: gcc inlines it unasked. */
static long pg_helper(long x)
{
	return x ^ 0x55;
}

/* Every caller passes k == 9: interprocedural constant propagation. */
static noinline long pg_scale(long x, long k)
{
	long r = 0, i;

	for (i = 0; i < k; i++)
		r += (x >> i) ^ i;
	return r;
}

/* Reads two members and ignores flags: scalar replacement (IPA-SRA). */
static noinline long pg_sum(struct pg_pair *p, int flags)
{
	long r = p->a * 3 - p->b;
	int i;

	for (i = 0; i < 4; i++)
		r += (r >> i) ^ p->a;
	return r;
}

/* The error path calls cold functions: it may move to pg_check.cold. */
noinline long pg_check(long x)
{
	if (unlikely(x < -1000)) {
		pr_err("proof_gcc: value %ld out of range\n", x);
		dump_stack();
		return -1;
	}
	return x + 1;
}

/* A function-scope static is an object of its own. */
noinline long pg_count_calls(void)
{
	static long pg_calls;

	return ++pg_calls;
}

/* WARN_ON() records this file's line in the bug table. */
noinline long pg_warn(long x)
{
	WARN_ON(x == 0x1234567);
	return x - 1;
}

noinline long pg_entry(long v)
{
	struct pg_pair p = { .a = v, .b = v + 1 };

	return pg_helper(v) + pg_scale(v, 9) + pg_sum(&p, 0) +
	       pg_check(v) + pg_count_calls() + pg_warn(v);
}
EXPORT_SYMBOL_GPL(pg_entry);

noinline long pg_entry2(long v)
{
	struct pg_pair p = { .a = v - 1, .b = v };

	return pg_scale(v + 1, 9) + pg_sum(&p, 1);
}
EXPORT_SYMBOL_GPL(pg_entry2);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Compiler behaviour behind the livepatch limitation pages");

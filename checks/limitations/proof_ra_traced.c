// SPDX-License-Identifier: GPL-2.0
/*
 * proof_ra_traced.c - IPA-RA in a file built with the kernel's ftrace
 * flags, as every file whose functions a live patch can replace.
 *
 * pra_traced_caller() needs b, c and d after its call to the leaf.  With
 * IPA-RA, gcc would know that the leaf leaves the argument registers
 * alone and keep them there; checks/limitations.sh shows that it
 * saves them in callee-saved registers instead, because gcc turns IPA-RA
 * off under -pg.  proof_ra_plain.c is the same code built without the
 * ftrace flags.
 */
#include <linux/module.h>

long pra_traced_caller(long a, long b, long c, long d);

static noinline long pra_traced_leaf(long x)
{
	return x * 3 + 1;
}

long pra_traced_caller(long a, long b, long c, long d)
{
	return pra_traced_leaf(a) + b * c - d;
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IPA-RA with and without the ftrace flags (never loaded)");

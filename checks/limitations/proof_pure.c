// SPDX-License-Identifier: GPL-2.0
/*
 * proof_pure.c - a caller that relies on its callee being const, as a
 * module.
 *
 * Built by checks/limitations.sh with each installed kernel's kbuild and
 * never loaded; gcc-optimizations.rst shows the disassembly, which the
 * check writes to source/transcripts/limit-pure-const.SERIES.txt.
 * pp_weight() reads no memory and writes none, so gcc's pure-const pass
 * finds it const: pp_twice() calls it once instead of twice, and
 * pp_dropped() does not call it at all.  -fdump-ipa-clones has nothing
 * to say about it; -fdump-ipa-pure-const and the disassembly do.
 */
#include <linux/module.h>
#include <linux/kernel.h>

/* Const: its result depends on x only.  noinline keeps the call visible. */
static noinline unsigned int pp_weight(unsigned int x)
{
	return (x * 2654435761u) >> 7;
}

unsigned int pp_twice(unsigned int x);
unsigned int pp_dropped(unsigned int x);

/* Two calls in the source, one in the object: the second is reused. */
unsigned int pp_twice(unsigned int x)
{
	return pp_weight(x) + pp_weight(x);
}

/* The result is unused, so the call is dropped. */
unsigned int pp_dropped(unsigned int x)
{
	pp_weight(x);
	return x;
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("gcc pure-const proof for the Livepatch Handbook (never loaded)");

// SPDX-License-Identifier: GPL-2.0
/*
 * proof_ra_plain.c - proof_ra_traced.c built as the kernel builds the
 * files it keeps away from ftrace (CFLAGS_REMOVE of CC_FLAGS_FTRACE in
 * Kbuild): no -pg, so IPA-RA is on and the caller relies on what the
 * leaf's body leaves untouched.
 */
#include <linux/compiler.h>

long pra_plain_caller(long a, long b, long c, long d);

static noinline long pra_plain_leaf(long x)
{
	return x * 3 + 1;
}

long pra_plain_caller(long a, long b, long c, long d)
{
	return pra_plain_leaf(a) + b * c - d;
}

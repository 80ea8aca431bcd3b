// SPDX-License-Identifier: GPL-2.0
/*
 * proof_ipa.c - facts gcc carries between functions, as a module.
 *
 * Built by checks/limitations.sh with each installed kernel's kbuild and
 * never loaded.  gcc-optimizations.rst cites what the check reads here:
 * value ranges and known bits flow from the callers INTO a local callee
 * (IPA-VRP, IPA bit-CP); from a callee's return value back to its
 * callers only with gcc 14 and later (7.x), not gcc 12; identical code
 * folding (IPA-ICF) merges two functions; and
 * -fdump-ipa-clones records none of it, while -fdump-ipa-cp and
 * -fdump-ipa-icf do.
 */
#include <linux/module.h>
#include <linux/kernel.h>

/*
 * Every caller passes a value in 0..258, so gcc drops the range check
 * from the callee's body.  A patch that replaced only a caller, to pass
 * 5000, would reach a pi_check() that no longer has the check.
 */
static noinline long pi_check(long x)
{
	if (x > 1000)
		return -EINVAL;
	return x * 5 + 1;
}

/* Every caller passes a value whose bits above bit 7 are 0. */
static noinline long pi_bits(unsigned long x)
{
	return (x & 0xffff) * 7 + 3;
}

/*
 * Returns 0..15, and the caller checks for more: gcc 12 keeps that
 * check, gcc 14 carries the callee's return range back and drops it.
 */
static noinline long pi_small(long x)
{
	return (x ^ 0x5a) & 15;
}

/*
 * Two local functions with one body: ICF keeps one and points every
 * call at it.  A patch of the one that is left changes both callers.
 */
static noinline long pi_twin_a(long x, long y)
{
	return (x * 31 + y) ^ (x >> 3);
}

static noinline long pi_twin_b(long x, long y)
{
	return (x * 31 + y) ^ (x >> 3);
}

long pi_user1(long v);
long pi_user2(long v);

noinline long pi_user1(long v)
{
	long r = pi_small(v);

	if (r > 100)
		return -ERANGE;
	return pi_check(v & 0xff) + pi_bits(v & 0x0f) + r + pi_twin_a(v, 2);
}
EXPORT_SYMBOL_GPL(pi_user1);

noinline long pi_user2(long v)
{
	return pi_check((v & 0x7f) + 3) + pi_bits((v >> 4) & 0xf0) +
	       pi_twin_b(v, 3);
}
EXPORT_SYMBOL_GPL(pi_user2);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Interprocedural facts behind gcc-optimizations.rst");

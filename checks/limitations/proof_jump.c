// SPDX-License-Identifier: GPL-2.0
/*
 * proof_jump.c - a new function that uses a static key and a static call
 * of another module, as a patch module would, built two ways.
 *
 * Built by checks/limitations.sh with each installed kernel's kbuild
 * and never loaded (pj_key and pj_call are defined nowhere).  With
 * -DPROOF_BRANCH, pj_new_func() uses static_branch_unlikely() and
 * static_call(): the object gets __jump_table and .static_call_sites
 * entries relocated against the other module's symbols, the tables the
 * kernel reads when the module loads.  Without it, pj_new_func() reads the
 * key with static_key_enabled() and the call's target with
 * static_call_query(), what jump-labels.rst recommends: ordinary loads,
 * no table entry.  With -DPROOF_KLP too, pj_key is named by its klp
 * symbol name and tools/klp-convert-lite moves the key's relocation into
 * .klp.rela.proof_owner.__jump_table: the unsafe case of the page, which
 * the check never loads.
 */
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/static_call.h>

/* Owned by "another module": only declared here. */
long pj_default(long x);
#ifdef PROOF_KLP
/* Reached through a klp relocation once klp-convert-lite has run. */
extern struct static_key_false pj_key asm("\".klp.sym.proof_owner.pj_key,0\"");
#else
DECLARE_STATIC_KEY_FALSE(pj_key);
#endif
DECLARE_STATIC_CALL(pj_call, pj_default);

long pj_new_func(long x);

#ifdef PROOF_BRANCH
noinline long pj_new_func(long x)
{
	if (static_branch_unlikely(&pj_key))
		x += 100;
	return static_call(pj_call)(x);
}
#else
noinline long pj_new_func(long x)
{
	long (*fn)(long) = static_call_query(pj_call);

	if (static_key_enabled(&pj_key))
		x += 100;
	return fn(x);
}
#endif
EXPORT_SYMBOL_GPL(pj_new_func);

#ifdef PROOF_KLP
MODULE_INFO(livepatch, "Y");
#endif
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A static key and a static call of another module, two ways");

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The static key of target-jump-label.c, named by its klp symbol name
 *
 *   .klp.sym.OBJECT.SYMBOL,SYMPOS
 *
 * so that tools/klp-convert-lite turns every reference to it in
 * hazard-jump-label-klp.c into a klp relocation for target_jump_label.
 * The C name differs from the target's, so nothing links against the
 * export and the module does not depend on target-jump-label.ko.
 */
#ifndef HAZARD_JUMP_LABEL_KLP_H
#define HAZARD_JUMP_LABEL_KLP_H

#include <linux/jump_label.h>

extern struct static_key_false klp_tjl_verbose
	asm("\".klp.sym.target_jump_label.tjl_verbose,0\"");

#endif

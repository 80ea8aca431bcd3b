/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Symbols livepatch-klp-reloc.c uses but cannot link against: neither
 * vmlinux nor target_hazard exports them.  Each declaration gives the C
 * name a klp symbol name as its assembler name,
 *
 *   .klp.sym.OBJECT.SYMBOL,SYMPOS
 *
 * so the compiled module refers to an undefined symbol of that name.
 * tools/klp-convert-lite then turns every reference into a klp relocation,
 * which the livepatch core resolves by name and position in OBJECT
 * (SYMPOS 0: the name must be unique there).
 */
#ifndef LIVEPATCH_KLP_RELOC_H
#define LIVEPATCH_KLP_RELOC_H

/* init/main.c: the command line /proc/cmdline shows. */
extern char *klp_saved_command_line
	asm("\".klp.sym.vmlinux.saved_command_line,0\"");

/* examples/target-hazard.c: static functions of the module, int f(void). */
typedef int klp_int_func_t(void);
klp_int_func_t klp_th_scaled_value
	asm("\".klp.sym.target_hazard.th_scaled_value,0\"");
klp_int_func_t klp_th_count_calls
	asm("\".klp.sym.target_hazard.th_count_calls,0\"");

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dwarf-walk.h: the one walk over DWARF that finds where functions were
 * inlined.  elf-source.c (one file's answer for the queried names) and
 * index.c (the cached index of every name in a vmlinux) both use it and
 * differ only in what they keep.
 */
#ifndef KLP_CHECK_DWARF_WALK_H
#define KLP_CHECK_DWARF_WALK_H

#include <stdint.h>
#include <elfutils/libdw.h>

struct dwarf_walk {
	/*
	 * NAME's abstract instance says the compiler inlined it
	 * (DW_AT_inline 1 or 3), inlined copies or not.
	 */
	void (*inlined_decl)(struct dwarf_walk *w, const char *name);
	/*
	 * CALLEE was inlined into the out-of-line function OUTER, inside
	 * the inlined copy VIA stands for (0: directly).  Returns what
	 * stands for this copy when it holds others.
	 */
	uintptr_t (*inlined)(struct dwarf_walk *w, const char *callee,
			     Dwarf_Die *outer, uintptr_t via);
	/* The walk of an out-of-line function is over (may be NULL). */
	void (*outer_done)(struct dwarf_walk *w);
};

/* Walk every compilation unit of DW. */
void dwarf_walk_all(Dwarf *dw, struct dwarf_walk *w);

/* DW_AT_name, through DW_AT_abstract_origin and DW_AT_specification. */
const char *dwarf_walk_name(Dwarf_Die *die);

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * dwarf-walk.c: see dwarf-walk.h.
 *
 * Out-of-line functions are the DW_TAG_subprogram entries with code
 * (DW_AT_low_pc or DW_AT_ranges) at the top of a compilation unit; inside
 * them, every DW_TAG_inlined_subroutine, through lexical blocks and
 * other inlined copies, is a place where a function's code was copied.
 * A subprogram without code is a declaration or an abstract instance.
 */
#include <dwarf.h>

#include "dwarf-walk.h"

#define DWARF_WALK_MAX_DEPTH 64	/* nesting followed, against loops */

const char *dwarf_walk_name(Dwarf_Die *die)
{
	Dwarf_Attribute attr;

	if (!dwarf_attr_integrate(die, DW_AT_name, &attr))
		return NULL;
	return dwarf_formstring(&attr);
}

static void abstract_instance(struct dwarf_walk *w, Dwarf_Die *die)
{
	const char *name = dwarf_walk_name(die);
	Dwarf_Attribute attr;
	Dwarf_Word how;

	if (!name || !dwarf_attr(die, DW_AT_inline, &attr) ||
	    dwarf_formudata(&attr, &how) != 0 ||
	    (how != DW_INL_inlined && how != DW_INL_declared_inlined))
		return;
	w->inlined_decl(w, name);
}

static void walk(struct dwarf_walk *w, Dwarf_Die *parent, Dwarf_Die *outer,
		 uintptr_t via, int depth)
{
	Dwarf_Die child;

	if (depth > DWARF_WALK_MAX_DEPTH || dwarf_child(parent, &child) != 0)
		return;
	do {
		int tag = dwarf_tag(&child);

		if (tag == DW_TAG_subprogram && !outer) {
			if (!dwarf_hasattr(&child, DW_AT_low_pc) &&
			    !dwarf_hasattr(&child, DW_AT_ranges)) {
				abstract_instance(w, &child);
				continue;
			}
			walk(w, &child, &child, 0, depth + 1);
			if (w->outer_done)
				w->outer_done(w);
		} else if (tag == DW_TAG_inlined_subroutine && outer) {
			const char *callee = dwarf_walk_name(&child);

			walk(w, &child, outer,
			     callee ? w->inlined(w, callee, outer, via) : via,
			     depth + 1);
		} else if (tag == DW_TAG_lexical_block && outer) {
			walk(w, &child, outer, via, depth + 1);
		}
	} while (dwarf_siblingof(&child, &child) == 0);
}

void dwarf_walk_all(Dwarf *dw, struct dwarf_walk *w)
{
	Dwarf_Off off = 0, next;
	size_t hsize;

	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(dw, off + hsize, &cu))
			walk(w, &cu, NULL, 0, 0);
		off = next;
	}
}

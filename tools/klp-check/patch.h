/* SPDX-License-Identifier: GPL-2.0 */
/*
 * patch.h: what a built live patch module asks for (klp-check --patch).
 */
#ifndef KLP_CHECK_PATCH_H
#define KLP_CHECK_PATCH_H

#include "klp-check.h"

#define LOCALS_MAX 8	/* static locals named in a hazard */

/* A jump label or static call on a key klp-convert points to a module. */
struct patch_key {
	char *object;		/* the module holding the key */
	char *key;		/* "name,pos" as in .klp.sym.OBJECT.name,pos */
	const char *what;	/* __jump_table or .static_call_sites */
};

struct sec_relocs;

struct patch {
	const char *name;	/* the module's name (its source's object) */
	/* while reading: relocations of the sections looked at */
	struct sec_relocs *secs;	/* one per section */
	size_t nsecs;
	int replace;		/* klp_patch.replace */
	struct patch_func *funcs;
	size_t nfuncs, cfuncs;
	struct patch_key *keys;
	size_t nkeys, ckeys;
};

/* Open PATH into SRC and read its klp_patch; ERROR() if it has none. */
void patch_read(struct patch *p, struct source *src, const char *path);
void patch_free(struct patch *p);
/* Prototype of the new function vs the old, and the old one's static
 * locals, from the DWARF of both; adds hazards to F. */
void patch_check_dwarf(const struct source *patch_src,
		       const struct source *target, struct finding *f);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * index.h: the inlining index of a linked kernel (vmlinux), cached on disk.
 *
 * Finding where a function was inlined means reading every DWARF
 * compilation unit.  For vmlinux klp-check does that once, records every
 * (inlined function, out-of-line caller, inlined via) it meets, and keeps
 * the result in $XDG_CACHE_HOME/klp-check/ keyed by the file's build ID
 * (or, without one, by its path, size and modification time).  Later
 * queries of the same file read the index instead of the DWARF.
 */
#ifndef KLP_CHECK_INDEX_H
#define KLP_CHECK_INDEX_H

#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "klp-check.h"

/*
 * 1: use and write the cache (klp-check sets this unless --no-cache).
 * 0 (the default): the library never touches the disk, e.g. when fuzzed.
 */
extern int klp_index_enabled;

/*
 * Fill src->inl with the inlined sites of FUNCS from the index of the
 * DWARF DW of MOD, building and saving the index first when there is no
 * valid one.  Returns 0 when the index is disabled or there is no cache
 * directory: the caller then walks the DWARF itself.
 */
int klp_index_inlines(struct source *src, Dwfl_Module *mod, Dwarf *dw,
		      Dwarf_Addr bias, char **funcs, size_t nfuncs);

#endif

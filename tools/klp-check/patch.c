// SPDX-License-Identifier: GPL-2.0
/*
 * patch.c: klp-check --patch MODULE.ko [TARGET]: read what a built live
 * patch module asks the kernel to do, and check it against the target.
 *
 * The module's klp_patch, klp_object and klp_func tables are data with
 * relocations: a klp_patch is the structure whose first word is relocated
 * against __this_module and whose second points to an array of
 * klp_object, each pointing to an array of klp_func, whose first two
 * words point to a string (old_name) and to code (new_func).  Only these
 * "external" fields come first in all kernels the handbook covers
 * (include/linux/livepatch.h, 6.1 and 6.12: klp_patch mod, objs, states,
 * replace; klp_object name, funcs, callbacks; klp_func old_name, new_func,
 * old_sympos); the size of each structure depends on the kernel's
 * configuration, so it is read from the array itself: an array of N
 * entries and its terminating empty entry is N + 1 entries long.
 */
#include <stdlib.h>
#include <string.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "dwarf-walk.h"
#include "klp-check.h"
#include "log.h"
#include "patch.h"

#define WORD		8	/* the tables are read for 64-bit kernels */
#define FUNC_OLD_NAME	0	/* offsets of the external fields */
#define FUNC_NEW_FUNC	8
#define FUNC_SYMPOS	16
#define OBJ_NAME	0
#define OBJ_FUNCS	8
#define PATCH_MOD	0
#define PATCH_OBJS	8
#define PATCH_REPLACE	24
#define NAME_MAX_LEN	512	/* longest old_name or object name read */
#define PROTO_MAX	512
#define KLP_SYM_PREFIX	".klp.sym."	/* .klp.sym.OBJECT.NAME,POS */
#define MAX_TYPE_DEPTH	16

/* A place in the module: a section and an offset in it. */
struct place {
	size_t shndx;
	uint64_t off;
};

/* The relocations of one section, kept while the tables are read. */
struct sec_relocs {
	int loaded;
	struct elf_relocs list;
};

struct reader {
	struct source *src;	/* the patch module */
	struct patch *p;
};

/* p->secs has one slot per section, filled when first asked for, and
 * never moves: its pointers stay valid while the tables are read. */
static struct sec_relocs *relocs_of(struct reader *rd, size_t shndx)
{
	struct sec_relocs *s;

	if (!rd->p->secs) {
		size_t n = 0;

		if (elf_getshdrnum(rd->src->elf, &n) < 0 || !n)
			ERROR(rd->src, rd->src->path, "no section headers");
		rd->p->secs = calloc(n, sizeof(*rd->p->secs));
		if (!rd->p->secs)
			OUT_OF_MEMORY();
		rd->p->nsecs = n;
	}
	if (shndx >= rd->p->nsecs)
		ERROR(rd->src, rd->src->path, "section %zu does not exist", shndx);
	s = &rd->p->secs[shndx];
	if (!s->loaded) {
		s->loaded = 1;
		elf_relocs(rd->src, shndx, &s->list);
	}
	return s;
}

/* The relocation at exactly PL, or NULL. */
static const struct elf_reloc *reloc_at(struct reader *rd, struct place pl)
{
	struct sec_relocs *s = relocs_of(rd, pl.shndx);
	size_t lo = 0, hi = s->list.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->list.r[mid].offset < pl.off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->list.n && s->list.r[lo].offset == pl.off ? &s->list.r[lo] : NULL;
}

/* Where a relocation points to (its symbol's section and offset). */
static int reloc_place(const struct elf_reloc *r, struct place *pl)
{
	if (r->sym_shndx == SHN_UNDEF || r->sym_shndx >= SHN_LORESERVE)
		return 0;
	pl->shndx = r->sym_shndx;
	pl->off = r->sym_value + r->addend;
	return 1;
}

static int is_section(const struct source *src, size_t shndx, uint64_t set,
		      uint64_t clear)
{
	uint64_t flags;

	if (elf_section_flags(src, shndx, &flags, NULL) != 0)
		return 0;
	return (flags & set) == set && !(flags & clear);
}

/* The sized data symbol starting at PL: an array's extent. */
static const struct ksym *symbol_at(const struct source *src, struct place pl,
				    int text)
{
	size_t i;

	for (i = 0; i < src->nsyms; i++) {
		const struct ksym *k = &src->syms[i];

		if (k->shndx == pl.shndx && k->addr == pl.off && k->size &&
		    k->is_text == text)
			return k;
	}
	return NULL;
}

static char *string_at(struct reader *rd, struct place pl, const char *what)
{
	char buf[NAME_MAX_LEN];
	size_t i;

	for (i = 0; i < sizeof(buf); i++) {
		const char *c = elf_bytes(rd->src, pl.shndx, pl.off + i, 1);

		if (!c)
			break;
		buf[i] = *c;
		if (!*c)
			return xstrdup(buf);
	}
	ERROR(rd->src, rd->src->path, "%s is not a string in the module", what);
}

/*
 * The entries of the array at PL: COUNTED relocations (those whose target
 * matches SET/CLEAR) are one per entry, and the array has one entry more,
 * empty.  Returns the entry size, 0 if the array does not look so.
 */
static uint64_t array_stride(struct reader *rd, struct place pl,
			     uint64_t field, uint64_t set, uint64_t clear,
			     size_t *n)
{
	const struct ksym *arr = symbol_at(rd->src, pl, 0);
	struct sec_relocs *s = relocs_of(rd, pl.shndx);
	size_t i, count = 0;
	uint64_t stride;

	*n = 0;
	if (!arr)
		return 0;
	for (i = 0; i < s->list.n; i++) {
		const struct elf_reloc *r = &s->list.r[i];
		struct place to;

		if (r->offset < pl.off || r->offset - pl.off >= arr->size)
			continue;
		if (reloc_place(r, &to) && is_section(rd->src, to.shndx, set, clear))
			count++;
	}
	if (!count)	/* only the terminating entry: no function */
		return arr->size >= 3 * WORD ? arr->size : 0;
	if (arr->size % (count + 1))
		return 0;
	stride = arr->size / (count + 1);
	if (stride < 3 * WORD || stride % WORD)
		return 0;
	for (i = 0; i < count; i++) {	/* each entry has the field */
		struct place f = { pl.shndx, pl.off + i * stride + field };

		if (!reloc_at(rd, f))
			return 0;
	}
	*n = count;
	return stride;
}

/* The symbol name of the code a relocation points to. */
static char *code_name(struct reader *rd, const struct elf_reloc *r)
{
	struct place pl;
	const struct ksym *k;

	if (r->sym_type == STT_FUNC && r->sym_name[0] && !r->addend)
		return xstrdup(r->sym_name);
	if (!reloc_place(r, &pl) || !(k = symbol_at(rd->src, pl, 1)))
		return NULL;
	return xstrdup(k->name);
}

static void read_funcs(struct reader *rd, struct place pl, const char *object)
{
	size_t n, i;
	/* new_func is required (klp_init_func()); old_name may be written
	 * at run time, as hazard-clone.c does from a module parameter */
	uint64_t stride = array_stride(rd, pl, FUNC_NEW_FUNC,
				       SHF_ALLOC | SHF_EXECINSTR, 0, &n);

	if (!stride)
		ERROR(rd->src, rd->src->path, "the klp_func array of object %s is not an array of old_name, new_func, old_sympos entries ending in an empty one",
		      object);
	for (i = 0; i < n; i++) {
		struct place e = { pl.shndx, pl.off + i * stride };
		struct place name_pl = e, func_pl = e, pos_pl = e;
		const struct elf_reloc *rn, *rf;
		const unsigned char *pos;
		struct patch_func *f;
		struct place str;
		uint64_t sympos = 0;

		name_pl.off += FUNC_OLD_NAME;
		func_pl.off += FUNC_NEW_FUNC;
		pos_pl.off += FUNC_SYMPOS;
		rn = reloc_at(rd, name_pl);
		rf = reloc_at(rd, func_pl);
		if (rn && !reloc_place(rn, &str))
			ERROR(rd->src, rd->src->path, "klp_func %zu of object %s: old_name points nowhere",
			      i, object);
		pos = elf_bytes(rd->src, pos_pl.shndx, pos_pl.off, WORD);
		if (!pos)
			ERROR(rd->src, rd->src->path, "klp_func %zu of object %s lies outside its section",
			      i, object);
		memcpy(&sympos, pos, WORD);
		f = VEC_PUSH(rd->p->funcs, rd->p->nfuncs, rd->p->cfuncs);
		/* NULL: not in the module, the init code writes it */
		f->old_name = rn ? string_at(rd, str, "an old_name") : NULL;
		f->new_name = rf ? code_name(rd, rf) : NULL;
		f->object = xstrdup(object);
		f->sympos = sympos;
	}
}

static void read_objects(struct reader *rd, struct place pl)
{
	size_t n, i;
	uint64_t stride = array_stride(rd, pl, OBJ_FUNCS, SHF_ALLOC | SHF_WRITE,
				       SHF_EXECINSTR, &n);

	if (!stride)
		ERROR(rd->src, rd->src->path, "the klp_object array of the klp_patch is not an array of name, funcs, callbacks entries ending in an empty one");
	for (i = 0; i < n; i++) {
		struct place e = { pl.shndx, pl.off + i * stride };
		struct place name_pl = e, funcs_pl = e, str, funcs;
		const struct elf_reloc *rn, *rf;
		char *object;

		name_pl.off += OBJ_NAME;
		funcs_pl.off += OBJ_FUNCS;
		rn = reloc_at(rd, name_pl);
		rf = reloc_at(rd, funcs_pl);
		if (!rf || !reloc_place(rf, &funcs))
			ERROR(rd->src, rd->src->path, "klp_object %zu has no funcs", i);
		/* name NULL: vmlinux */
		object = rn && reloc_place(rn, &str) ?
			 string_at(rd, str, "an object name") : xstrdup("vmlinux");
		read_funcs(rd, funcs, object);
		free(object);
	}
}

/* The klp_patch: its first word is relocated against __this_module. */
static void find_patch(struct reader *rd)
{
	const struct source *src = rd->src;
	size_t shndx, i, found = 0;
	size_t nsec = 0;

	elf_getshdrnum(src->elf, &nsec);
	for (shndx = 1; shndx < nsec; shndx++) {
		struct sec_relocs *s;

		if (!is_section(src, shndx, SHF_ALLOC | SHF_WRITE, SHF_EXECINSTR))
			continue;
		s = relocs_of(rd, shndx);
		for (i = 0; i < s->list.n; i++) {
			struct place at = { shndx, s->list.r[i].offset + PATCH_OBJS };
			struct place objs, rep = { shndx, s->list.r[i].offset + PATCH_REPLACE };
			const struct elf_reloc *ro;
			const unsigned char *replace;

			if (strcmp(s->list.r[i].sym_name, "__this_module") ||
			    (s->list.r[i].offset - PATCH_MOD) % WORD)
				continue;
			ro = reloc_at(rd, at);
			if (!ro || !reloc_place(ro, &objs) ||
			    !is_section(src, objs.shndx, SHF_ALLOC | SHF_WRITE,
					SHF_EXECINSTR))
				continue;	/* e.g. a file_operations' owner */
			if (found++)
				ERROR(src, src->path, "more than one klp_patch in the module");
			replace = elf_bytes(src, rep.shndx, rep.off, 1);
			rd->p->replace = replace && *replace;
			read_objects(rd, objs);
		}
	}
	if (!found)
		ERROR(src, src->path, "no klp_patch found: a live patch module has a struct klp_patch whose .mod is THIS_MODULE");
}

/* Jump labels and static calls on keys klp-convert named in a module. */
static void read_keys(struct reader *rd, const char *section, uint64_t entry,
		      uint64_t key_at)
{
	size_t shndx = elf_section_index(rd->src, section), i;
	struct sec_relocs *s;

	if (!shndx)
		return;
	s = relocs_of(rd, shndx);
	for (i = 0; i < s->list.n; i++) {
		const char *n = s->list.r[i].sym_name, *dot;
		struct patch_key *k;

		if (s->list.r[i].offset % entry != key_at ||
		    strncmp(n, KLP_SYM_PREFIX, strlen(KLP_SYM_PREFIX)))
			continue;
		n += strlen(KLP_SYM_PREFIX);
		dot = strchr(n, '.');
		if (!dot || ((size_t)(dot - n) == strlen("vmlinux") &&
			     !strncmp(n, "vmlinux", dot - n)))
			continue;
		k = VEC_PUSH(rd->p->keys, rd->p->nkeys, rd->p->ckeys);
		k->object = strndup(n, dot - n);
		k->key = xstrdup(dot + 1);
		k->what = section;
		if (!k->object)
			OUT_OF_MEMORY();
	}
}

static int modinfo_has(const struct source *src, const char *entry)
{
	size_t shndx = elf_section_index(src, ".modinfo"), off = 0;
	size_t len = strlen(entry) + 1;
	const char *c;

	while (shndx && (c = elf_bytes(src, shndx, off, 1))) {
		const char *e = elf_bytes(src, shndx, off, len);

		if (e && !memcmp(e, entry, len))
			return 1;
		while ((c = elf_bytes(src, shndx, off, 1)) && *c)
			off++;
		off++;
	}
	return 0;
}

void patch_read(struct patch *p, struct source *src, const char *path)
{
	struct reader rd = { .p = p, .src = src };

	memset(p, 0, sizeof(*p));
	elf_source_open(src, path, NULL, NULL, 0);
	if (strcmp(src->type, "module"))
		ERROR(src, path, "not a kernel module (%s): --patch reads a built live patch module (.ko)",
		      src->type);
	if (!modinfo_has(src, "livepatch=Y"))
		ERROR(src, path, "not a live patch module: its .modinfo has no livepatch=Y (MODULE_INFO(livepatch, \"Y\"))");
	p->name = src->object;
	find_patch(&rd);
	/* x86_64 struct jump_entry: code, target (4 bytes each), key (8) */
	read_keys(&rd, "__jump_table", 16, 8);
	/* struct static_call_site: addr, key (4 bytes each) */
	read_keys(&rd, ".static_call_sites", 8, 4);
}

void patch_free(struct patch *p)
{
	size_t i;

	for (i = 0; i < p->nfuncs; i++) {
		free(p->funcs[i].old_name);
		free(p->funcs[i].new_name);
		free(p->funcs[i].object);
	}
	free(p->funcs);
	for (i = 0; i < p->nkeys; i++) {
		free(p->keys[i].object);
		free(p->keys[i].key);
	}
	free(p->keys);
	for (i = 0; i < p->nsecs; i++)
		free(p->secs[i].list.r);
	free(p->secs);
	memset(p, 0, sizeof(*p));
}

/* --- DWARF: prototypes and static locals ------------------------------- */

/* PRE INNER POST into BUF, cut to fit LEN. */
static void wrap(char *buf, size_t len, const char *pre, const char *inner,
		 const char *post)
{
	const char *parts[] = { pre, inner, post };
	size_t used = 0, i;
	const char *c;

	for (i = 0; i < 3; i++)
		for (c = parts[i]; *c && used + 1 < len; c++)
			buf[used++] = *c;
	buf[used] = '\0';
}

static void type_text(Dwarf_Die *die, char *buf, size_t len, int depth)
{
	Dwarf_Attribute attr;
	Dwarf_Die t;
	const char *name;
	char inner[PROTO_MAX];
	int has = dwarf_attr_integrate(die, DW_AT_type, &attr) &&
		  dwarf_formref_die(&attr, &t);

	if (!has) {
		snprintf(buf, len, "void");
		return;
	}
	if (depth > MAX_TYPE_DEPTH) {
		snprintf(buf, len, "...");
		return;
	}
	name = dwarf_walk_name(&t);
	switch (dwarf_tag(&t)) {
	case DW_TAG_pointer_type:
		type_text(&t, inner, sizeof(inner), depth + 1);
		wrap(buf, len, "", inner, " *");
		return;
	case DW_TAG_const_type:
		type_text(&t, inner, sizeof(inner), depth + 1);
		wrap(buf, len, "const ", inner, "");
		return;
	case DW_TAG_volatile_type:
		type_text(&t, inner, sizeof(inner), depth + 1);
		wrap(buf, len, "volatile ", inner, "");
		return;
	case DW_TAG_structure_type:
		snprintf(buf, len, "struct %s", name ? name : "(anonymous)");
		return;
	case DW_TAG_union_type:
		snprintf(buf, len, "union %s", name ? name : "(anonymous)");
		return;
	case DW_TAG_enumeration_type:
		snprintf(buf, len, "enum %s", name ? name : "(anonymous)");
		return;
	case DW_TAG_subroutine_type:
		snprintf(buf, len, "function");
		return;
	case DW_TAG_array_type:
		type_text(&t, inner, sizeof(inner), depth + 1);
		wrap(buf, len, "", inner, "[]");
		return;
	default:
		snprintf(buf, len, "%s", name ? name : "?");
	}
}

/* The declaration a concrete function DIE stands for. */
static void origin_of(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Attribute attr;
	int i;

	*out = *die;
	for (i = 0; i < MAX_TYPE_DEPTH; i++) {
		if (!(dwarf_attr(out, DW_AT_abstract_origin, &attr) ||
		      dwarf_attr(out, DW_AT_specification, &attr)) ||
		    !dwarf_formref_die(&attr, out))
			return;
	}
}

static void prototype(Dwarf_Die *fn, char *buf, size_t len)
{
	Dwarf_Die decl, child;
	char t[PROTO_MAX];
	size_t used;
	int n = 0;

	origin_of(fn, &decl);
	type_text(&decl, t, sizeof(t), 0);
	used = snprintf(buf, len, "%s (", t);
	if (dwarf_child(&decl, &child) == 0) {
		do {
			int tag = dwarf_tag(&child);

			if (tag == DW_TAG_formal_parameter)
				type_text(&child, t, sizeof(t), 0);
			else if (tag == DW_TAG_unspecified_parameters)
				snprintf(t, sizeof(t), "...");
			else
				continue;
			used += snprintf(buf + used, used < len ? len - used : 0,
					 "%s%s", n++ ? ", " : "", t);
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	if (!n)
		used += snprintf(buf + used, used < len ? len - used : 0, "void");
	if (used < len)
		snprintf(buf + used, len - used, ")");
}

/* The out-of-line DIE of function NAME (concrete: it has code). */
static int find_function(const struct source *src, const char *name,
			 Dwarf_Die *out)
{
	Dwarf_Addr bias;
	Dwarf *dw;
	Dwarf_Off off = 0, next;
	size_t hsize;

	if (!src->dwmod || !(dw = dwfl_module_getdwarf(src->dwmod, &bias)))
		return 0;
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu, child;

		if (dwarf_offdie(dw, off + hsize, &cu) &&
		    dwarf_child(&cu, &child) == 0) {
			do {
				const char *n;

				if (dwarf_tag(&child) != DW_TAG_subprogram ||
				    (!dwarf_hasattr(&child, DW_AT_low_pc) &&
				     !dwarf_hasattr(&child, DW_AT_ranges)))
					continue;
				n = dwarf_walk_name(&child);
				if (n && !strcmp(n, name)) {
					*out = child;
					return 1;
				}
			} while (dwarf_siblingof(&child, &child) == 0);
		}
		off = next;
	}
	return 0;
}

/* Static locals: variables of FN whose location is a fixed address. */
static void static_locals(Dwarf_Die *parent, char **names, size_t *n,
			  size_t *cap, int depth)
{
	Dwarf_Die child;

	if (depth > MAX_TYPE_DEPTH || dwarf_child(parent, &child) != 0)
		return;
	do {
		int tag = dwarf_tag(&child);
		Dwarf_Attribute attr;
		Dwarf_Op *ops;
		size_t nops, i;
		const char *name;

		if (tag == DW_TAG_lexical_block) {
			static_locals(&child, names, n, cap, depth + 1);
			continue;
		}
		if (tag != DW_TAG_variable ||
		    !dwarf_attr_integrate(&child, DW_AT_location, &attr) ||
		    dwarf_getlocation(&attr, &ops, &nops) != 0 || nops != 1 ||
		    ops[0].atom != DW_OP_addr || !(name = dwarf_walk_name(&child)))
			continue;
		for (i = 0; i < *n; i++)
			if (!strcmp(names[i], name))
				break;
		if (i == *n && *n < *cap)
			names[(*n)++] = (char *)name;
	} while (dwarf_siblingof(&child, &child) == 0);
}

void patch_check_dwarf(const struct source *patch_src,
		       const struct source *target, struct finding *f)
{
	Dwarf_Die old_fn, new_fn, decl;
	char oldp[PROTO_MAX], newp[PROTO_MAX], msg[3 * PROTO_MAX];
	char *names[LOCALS_MAX];
	size_t n = 0, i, used;

	if (!f->nplain || !target->have_dwarf || !target->dwmod ||
	    !find_function(target, f->name, &old_fn))
		f->old_proto = NULL;
	else {
		prototype(&old_fn, oldp, sizeof(oldp));
		f->old_proto = xstrdup(oldp);
		static_locals(&old_fn, names, &n, &(size_t){ LOCALS_MAX }, 0);
		origin_of(&old_fn, &decl);
		static_locals(&decl, names, &n, &(size_t){ LOCALS_MAX }, 0);
	}
	if (f->patch->new_name && patch_src->have_dwarf &&
	    find_function(patch_src, f->patch->new_name, &new_fn)) {
		prototype(&new_fn, newp, sizeof(newp));
		f->new_proto = xstrdup(newp);
	}
	if (f->old_proto && f->new_proto && strcmp(f->old_proto, f->new_proto)) {
		snprintf(msg, sizeof(msg),
			 "the new function %s is %s, the old %s is %s: callers still pass the old arguments and expect the old return type",
			 f->patch->new_name, f->new_proto, f->name, f->old_proto);
		finding_hazard(f, ANCHOR_SIGNATURES, SEV_BLOCKER, msg);
	} else if (f->nplain && (!f->old_proto || !f->new_proto)) {
		snprintf(msg, sizeof(msg),
			 "prototype not compared: %s",
			 !patch_src->have_dwarf ?
			 "the patch module has no DWARF (kbuild adds -g only with CONFIG_DEBUG_INFO)" :
			 !f->new_proto ? "the new function is not in the patch module's DWARF" :
			 !target->have_dwarf ? "the target has no DWARF" :
			 "the old function is not in the target's DWARF");
		finding_hazard(f, ANCHOR_SIGNATURES, SEV_UNKNOWN, msg);
	}
	if (n) {
		used = snprintf(msg, sizeof(msg), "static locals (");
		for (i = 0; i < n; i++)
			used += snprintf(msg + used, used < sizeof(msg) ?
					 sizeof(msg) - used : 0, "%s%s",
					 i ? ", " : "", names[i]);
		if (used < sizeof(msg))
			snprintf(msg + used, sizeof(msg) - used,
				 "): a copy in the patch starts from its initial value; reach the old variable through a klp relocation");
		finding_hazard(f, ANCHOR_STATIC_LOCAL, SEV_CAVEAT, msg);
	}
}

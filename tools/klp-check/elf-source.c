// SPDX-License-Identifier: GPL-2.0
/*
 * elf-source.c: read what klp-check needs from an ELF file (vmlinux, a
 * .ko or a .o) with libelf and libdw.
 *
 * Symbols are put in kallsyms order: by address for vmlinux (the kernel's
 * kallsyms table is sorted by address), symbol table order for a module
 * (the module loader keeps it).  Call sites come from __mcount_loc or
 * __patchable_function_entries; per-CPU references from relocations into
 * .data..percpu; inlining from DWARF inlined-subroutine entries.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>

#include "dwarf-walk.h"
#include "index.h"
#include "klp-check.h"
#include "log.h"

/* The longest patch area before a function that an architecture records
 * in __patchable_function_entries (arm64 with CALL_OPS: 8 bytes). */
#define PFE_MAX_PREFIX 64
/* A PC-relative access by section symbol has an addend a few bytes
 * before its variable (-4, less the rest of the instruction): look that
 * far ahead for the variable. */
#define PERCPU_MAX_DELTA 12

struct elf_ctx {
	struct source *src;
	const char *path;
	Elf *elf;
	GElf_Ehdr ehdr;
	size_t shstrndx;
	size_t nsecs;
	Elf_Scn *symtab;
	Elf_Data *symdata;
	size_t symlink;
	size_t nsymtab;
	char **funcs;
	size_t nfuncs;
	Dwfl_Module *mod;
	Dwarf_Addr bias;
};

static GElf_Shdr *get_shdr(struct elf_ctx *c, Elf_Scn *scn, GElf_Shdr *sh)
{
	if (!gelf_getshdr(scn, sh))
		ERROR(c->src, c->path, "corrupt section header: %s", elf_errmsg(-1));
	return sh;
}

static const char *sec_name(struct elf_ctx *c, size_t ndx)
{
	Elf_Scn *scn = elf_getscn(c->elf, ndx);
	GElf_Shdr sh;
	const char *name;

	if (!scn || !gelf_getshdr(scn, &sh))
		return NULL;
	name = elf_strptr(c->elf, c->shstrndx, sh.sh_name);
	return name;
}

static Elf_Data *get_data(struct elf_ctx *c, Elf_Scn *scn, const char *what)
{
	Elf_Data *d = elf_getdata(scn, NULL);

	if (!d)
		ERROR(c->src, c->path, "cannot read %s: %s", what, elf_errmsg(-1));
	return d;
}

static int starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static void read_header(struct elf_ctx *c)
{
	if (elf_kind(c->elf) != ELF_K_ELF)
		ERROR(c->src, c->path, "not an ELF file");
	if (!gelf_getehdr(c->elf, &c->ehdr))
		ERROR(c->src, c->path, "corrupt ELF header: %s", elf_errmsg(-1));
	if (elf_getshdrnum(c->elf, &c->nsecs) < 0 || c->nsecs == 0)
		ERROR(c->src, c->path, "no readable section headers: the file is truncated or corrupt");
	if (elf_getshdrstrndx(c->elf, &c->shstrndx) < 0)
		ERROR(c->src, c->path, "no section name table: %s", elf_errmsg(-1));
	if (c->ehdr.e_type != ET_EXEC && c->ehdr.e_type != ET_REL &&
	    c->ehdr.e_type != ET_DYN)
		ERROR(c->src, c->path, "ELF type %u is neither vmlinux, a module nor an object file",
		      c->ehdr.e_type);
}

static Elf_Scn *find_section(struct elf_ctx *c, const char *name)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(c->elf, scn))) {
		get_shdr(c, scn, &sh);
		const char *n = elf_strptr(c->elf, c->shstrndx, sh.sh_name);

		if (n && !strcmp(n, name))
			return scn;
	}
	return NULL;
}

static void classify(struct elf_ctx *c, const char *object)
{
	struct source *src = c->src;

	if (c->ehdr.e_type != ET_REL)
		src->type = "vmlinux";
	else if (find_section(c, ".gnu.linkonce.this_module") ||
		 find_section(c, ".modinfo"))
		src->type = "module";
	else
		src->type = "object file";

	if (object) {
		src->object = xstrdup(object);
		return;
	}
	if (strcmp(src->type, "module")) {
		src->object = xstrdup("vmlinux");
		return;
	}
	/* A module's name: "name=" in .modinfo, else the file name. */
	Elf_Scn *mi = find_section(c, ".modinfo");

	if (mi) {
		Elf_Data *d = get_data(c, mi, ".modinfo");
		const char *p = d->d_buf, *end = p + d->d_size;

		while (p && p < end) {
			const char *nul = memchr(p, '\0', end - p);

			if (!nul)
				break;
			if (starts_with(p, "name=")) {
				src->object = xstrdup(p + 5);
				return;
			}
			p = nul + 1;
		}
	}
	const char *base = strrchr(c->path, '/');
	char *name = xstrdup(base ? base + 1 : c->path);
	char *dot = strstr(name, ".ko");

	if (dot)
		*dot = '\0';
	for (dot = name; *dot; dot++)
		if (*dot == '-')
			*dot = '_';
	src->object = name;
}

static int sym_by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void read_symbols(struct elf_ctx *c)
{
	struct source *src = c->src;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t i;

	while ((scn = elf_nextscn(c->elf, scn))) {
		get_shdr(c, scn, &sh);
		if (sh.sh_type == SHT_SYMTAB)
			break;
	}
	if (!scn)
		ERROR(c->src, c->path, "no symbol table (.symtab): a stripped file cannot be checked");
	if (sh.sh_entsize == 0)
		ERROR(c->src, c->path, "corrupt symbol table: entry size 0");
	c->symtab = scn;
	c->symdata = get_data(c, scn, "the symbol table");
	c->symlink = sh.sh_link;
	c->nsymtab = c->symdata->d_size / sh.sh_entsize;

	for (i = 1; i < c->nsymtab; i++) {
		GElf_Sym sym;
		GElf_Shdr ssh;
		Elf_Scn *sscn;
		const char *name, *secname;
		int type;

		if (!gelf_getsym(c->symdata, i, &sym))
			ERROR(c->src, c->path, "corrupt symbol %zu: %s", i, elf_errmsg(-1));
		type = GELF_ST_TYPE(sym.st_info);
		if (type == STT_SECTION || type == STT_FILE)
			continue;
		if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
			continue;
		name = elf_strptr(c->elf, c->symlink, sym.st_name);
		if (!name || !*name)
			continue;
		sscn = elf_getscn(c->elf, sym.st_shndx);
		if (!sscn)
			ERROR(c->src, c->path, "symbol %s refers to section %u, which does not exist",
			      name, sym.st_shndx);
		get_shdr(c, sscn, &ssh);
		if (!(ssh.sh_flags & SHF_ALLOC))
			continue;
		secname = elf_strptr(c->elf, c->shstrndx, ssh.sh_name);
		struct ksym *k = VEC_PUSH(src->syms, src->nsyms, src->csyms);
		int global = GELF_ST_BIND(sym.st_info) != STB_LOCAL;

		k->name = xstrdup(name);
		k->object = src->object;
		k->addr = sym.st_value;
		k->size = sym.st_size;
		k->shndx = sym.st_shndx;
		k->section = secname;
		k->is_text = (ssh.sh_flags & SHF_EXECINSTR) != 0;
		if (k->is_text)
			k->type = global ? 'T' : 't';
		else if (ssh.sh_type == SHT_NOBITS)
			k->type = global ? 'B' : 'b';
		else if (ssh.sh_flags & SHF_WRITE)
			k->type = global ? 'D' : 'd';
		else
			k->type = global ? 'R' : 'r';
		k->order = i;
		k->traceable = -1;
		/* The module loader drops .init symbols once init has run. */
		k->init_only = !strcmp(src->type, "module") &&
			       starts_with(secname, ".init");
	}
	if (c->ehdr.e_type != ET_REL)
		if (src->nsyms)
			qsort(src->syms, src->nsyms, sizeof(*src->syms), sym_by_addr);
	for (i = 0; i < src->nsyms; i++)
		src->syms[i].order = i;
}

static void add_site(struct source *src, size_t shndx, uint64_t addr)
{
	struct site *s = VEC_PUSH(src->sites, src->nsites, src->csites);

	s->shndx = shndx;
	s->addr = addr;
}

/* The section of a linked file that holds ADDR, 0 if none. */
static size_t section_of(struct elf_ctx *c, uint64_t addr)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(c->elf, scn))) {
		get_shdr(c, scn, &sh);
		if ((sh.sh_flags & SHF_EXECINSTR) && addr >= sh.sh_addr &&
		    addr - sh.sh_addr < sh.sh_size)
			return elf_ndxscn(scn);
	}
	return 0;
}

static void sites_from_words(struct elf_ctx *c, const unsigned char *p,
			     size_t len)
{
	size_t w = c->ehdr.e_ident[EI_CLASS] == ELFCLASS64 ? 8 : 4;
	size_t off;

	for (off = 0; off + w <= len; off += w) {
		uint64_t a = 0;

		if (w == 8)
			memcpy(&a, p + off, 8);
		else {
			uint32_t a32;

			memcpy(&a32, p + off, 4);
			a = a32;
		}
		size_t ndx = section_of(c, a);

		if (ndx)
			add_site(c->src, ndx, a);
	}
}

/* The addend of relocation R, for REL sections stored in the target. */
static int64_t rel_addend(struct elf_ctx *c, Elf_Data *target, GElf_Rel *r)
{
	size_t w = c->ehdr.e_ident[EI_CLASS] == ELFCLASS64 ? 8 : 4;
	int64_t a = 0;

	if (target && target->d_buf && r->r_offset + w <= target->d_size)
		memcpy(&a, (char *)target->d_buf + r->r_offset, w);
	return a;
}

/* Call the handler for every relocation applying to section TARGET. */
static void each_reloc(struct elf_ctx *c, size_t target,
		       void (*fn)(struct elf_ctx *, size_t, uint64_t,
				  GElf_Sym *, int64_t, void *),
		       void *arg)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(c->elf, scn))) {
		get_shdr(c, scn, &sh);
		if ((sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL) ||
		    sh.sh_info != target || sh.sh_link != elf_ndxscn(c->symtab) ||
		    sh.sh_entsize == 0)
			continue;
		Elf_Data *d = get_data(c, scn, "a relocation section");
		Elf_Data *td = NULL;
		size_t i, n = d->d_size / sh.sh_entsize;

		if (sh.sh_type == SHT_REL)
			td = elf_getdata(elf_getscn(c->elf, target), NULL);
		for (i = 0; i < n; i++) {
			GElf_Rela ra;
			GElf_Rel rl;
			GElf_Sym sym;
			size_t symi;

			if (sh.sh_type == SHT_RELA) {
				if (!gelf_getrela(d, i, &ra))
					ERROR(c->src, c->path, "corrupt relocation %zu: %s",
					      i, elf_errmsg(-1));
			} else {
				if (!gelf_getrel(d, i, &rl))
					ERROR(c->src, c->path, "corrupt relocation %zu: %s",
					      i, elf_errmsg(-1));
				ra.r_offset = rl.r_offset;
				ra.r_info = rl.r_info;
				ra.r_addend = rel_addend(c, td, &rl);
			}
			symi = GELF_R_SYM(ra.r_info);
			if (symi == 0)
				continue;
			if (!gelf_getsym(c->symdata, symi, &sym))
				ERROR(c->src, c->path, "relocation %zu refers to symbol %zu, beyond the symbol table",
				      i, symi);
			fn(c, target, ra.r_offset, &sym, ra.r_addend, arg);
		}
	}
}

static void site_reloc(struct elf_ctx *c, size_t target, uint64_t offset,
		       GElf_Sym *sym, int64_t addend, void *arg)
{
	(void)target;
	(void)offset;
	(void)arg;
	if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= SHN_LORESERVE)
		return;
	add_site(c->src, sym->st_shndx, sym->st_value + addend);
}

static int site_cmp(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static const struct ksym *find_sym(struct source *src, const char *name)
{
	size_t i;

	for (i = 0; i < src->nsyms; i++)
		if (!strcmp(src->syms[i].name, name))
			return &src->syms[i];
	return NULL;
}

/*
 * Does ftrace of this architecture take its call sites from
 * __patchable_function_entries?  Only where the kernel defines
 * CC_USING_PATCHABLE_FUNCTION_ENTRY (arm64, riscv, powerpc, loongarch,
 * parisc: their arch Makefiles; FTRACE_CALLSITE_SECTION in
 * include/linux/ftrace.h).  x86 never does: from 6.2 its
 * CONFIG_CALL_PADDING builds every file with
 * -fpatchable-function-entry=16,16, which records the padding in front
 * of EVERY function, notrace ones included, while ftrace reads
 * __mcount_loc (gcc's -mrecord-mcount, or objtool --mcount); the linker
 * script drops the padding table from vmlinux
 * (CONFIG_HAVE_DYNAMIC_FTRACE_NO_PATCHABLE).
 */
static int pfe_lists_ftrace_sites(const struct elf_ctx *c)
{
	return c->ehdr.e_machine != EM_X86_64 && c->ehdr.e_machine != EM_386;
}

/* Sites of the ELF table section SCN (relocations in a .o or .ko). */
static void sites_from_table(struct elf_ctx *c, Elf_Scn *scn,
			     const GElf_Shdr *sh, const char *what)
{
	if (c->ehdr.e_type == ET_REL) {
		each_reloc(c, elf_ndxscn(scn), site_reloc, NULL);
	} else if (sh->sh_type != SHT_NOBITS) {
		Elf_Data *d = get_data(c, scn, what);

		if (d->d_buf)
			sites_from_words(c, d->d_buf, d->d_size);
	}
}

/* In vmlinux the call sites sit inside .init.data between two symbols. */
static void sites_from_vmlinux_bounds(struct elf_ctx *c)
{
	struct source *src = c->src;
	const struct ksym *b = find_sym(src, "__start_mcount_loc");
	const struct ksym *e = find_sym(src, "__stop_mcount_loc");
	Elf_Scn *bs;
	GElf_Shdr bsh;
	Elf_Data *d;
	uint64_t off;

	if (!b || !e || e->addr < b->addr)
		return;
	bs = elf_getscn(c->elf, b->shndx);
	get_shdr(c, bs, &bsh);
	d = get_data(c, bs, "the __mcount_loc table");
	off = b->addr - bsh.sh_addr;
	if (bsh.sh_type == SHT_NOBITS || !d->d_buf ||
	    off > d->d_size || e->addr - b->addr > d->d_size - off)
		ERROR(c->src, c->path, "__start_mcount_loc..__stop_mcount_loc lies outside section %s",
		      b->section ? b->section : "?");
	src->sites_from = "__mcount_loc";
	sites_from_words(c, (unsigned char *)d->d_buf + off, e->addr - b->addr);
}

/* The first site at or after (SHNDX, ADDR), an index into src->sites. */
static size_t first_site_from(const struct source *src, size_t shndx,
			      uint64_t addr)
{
	struct site key = { shndx, addr };
	size_t lo = 0, hi = src->nsites;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (site_cmp(&src->sites[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A site inside a function's body (__mcount_loc): that function. */
static void mark_call_sites(struct source *src)
{
	size_t i;

	for (i = 0; i < src->nsyms; i++) {
		struct ksym *k = &src->syms[i];
		uint64_t len = k->size ? k->size : 1;
		size_t lo;

		if (!k->is_text)
			continue;
		lo = first_site_from(src, k->shndx, k->addr);
		k->traceable = lo < src->nsites &&
			src->sites[lo].shndx == k->shndx &&
			src->sites[lo].addr - k->addr < len;
	}
}

static int sym_by_place(const void *a, const void *b)
{
	const struct ksym *x = *(struct ksym *const *)a;
	const struct ksym *y = *(struct ksym *const *)b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/*
 * A patch area (__patchable_function_entries) may start up to
 * PFE_MAX_PREFIX bytes before its function: it belongs to the first
 * function at or after it, and to every alias at that address.
 */
static void mark_patch_areas(struct source *src)
{
	struct ksym **by = calloc(src->nsyms ? src->nsyms : 1, sizeof(*by));
	size_t n = 0, i, j;

	if (!by)
		OUT_OF_MEMORY();
	for (i = 0; i < src->nsyms; i++)
		if (src->syms[i].is_text)
			by[n++] = &src->syms[i];
	if (n)
		qsort(by, n, sizeof(*by), sym_by_place);
	for (j = 0; j < src->nsites; j++) {
		const struct site *s = &src->sites[j];
		size_t lo = 0, hi = n;

		while (lo < hi) {	/* first function at or after the site */
			size_t mid = lo + (hi - lo) / 2;

			if (by[mid]->shndx < s->shndx ||
			    (by[mid]->shndx == s->shndx && by[mid]->addr < s->addr))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < n && by[i]->shndx == s->shndx &&
			     by[i]->addr == by[lo]->addr &&
			     by[i]->addr - s->addr <= PFE_MAX_PREFIX; i++)
			by[i]->traceable = 1;
	}
	free(by);
}

static void read_sites(struct elf_ctx *c)
{
	struct source *src = c->src;
	Elf_Scn *scn = NULL, *mcount = NULL, *pfe = NULL;
	GElf_Shdr sh, msh, psh;
	int prefix = 0;		/* sites are patch areas before functions */
	size_t i;

	while ((scn = elf_nextscn(c->elf, scn))) {
		get_shdr(c, scn, &sh);
		const char *n = elf_strptr(c->elf, c->shstrndx, sh.sh_name);

		if (n && !strcmp(n, "__mcount_loc")) {
			mcount = scn;
			msh = sh;
		} else if (n && !strcmp(n, "__patchable_function_entries")) {
			pfe = scn;
			psh = sh;
		}
	}
	src->pfe_only = pfe && !mcount && !pfe_lists_ftrace_sites(c);
	if (mcount) {
		src->sites_from = "__mcount_loc";
		sites_from_table(c, mcount, &msh, "__mcount_loc");
	} else if (pfe && pfe_lists_ftrace_sites(c)) {
		/* the patch area may start before the function's symbol */
		src->sites_from = "__patchable_function_entries";
		prefix = 1;
		sites_from_table(c, pfe, &psh, "__patchable_function_entries");
	} else if (c->ehdr.e_type != ET_REL) {
		sites_from_vmlinux_bounds(c);
	}
	if (src->nsites)
		qsort(src->sites, src->nsites, sizeof(*src->sites), site_cmp);
	for (i = 0; i < src->nsyms; i++)
		src->syms[i].traceable = 0;
	if (prefix)
		mark_patch_areas(src);
	else
		mark_call_sites(src);
}

/* The name of the per-CPU variable at OFF of section SHNDX. */
static char *percpu_name(struct elf_ctx *c, size_t shndx, int64_t off)
{
	struct source *src = c->src;
	int delta;
	size_t i;
	char buf[300];

	for (delta = 0; delta <= PERCPU_MAX_DELTA; delta++) {
		uint64_t a = (uint64_t)(off + delta);

		for (i = 0; i < src->nsyms; i++) {
			struct ksym *k = &src->syms[i];

			if (k->shndx == shndx && !k->is_text && a >= k->addr &&
			    a - k->addr < (k->size ? k->size : 1))
				return xstrdup(k->name);
		}
	}
	snprintf(buf, sizeof(buf), "%s%+lld", sec_name(c, shndx) ?: "?",
		 (long long)off);
	return xstrdup(buf);
}

static void percpu_reloc(struct elf_ctx *c, size_t target, uint64_t offset,
			 GElf_Sym *sym, int64_t addend, void *arg)
{
	struct source *src = c->src;
	const char *sn;

	(void)arg;
	if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= SHN_LORESERVE)
		return;
	sn = sec_name(c, sym->st_shndx);
	if (!starts_with(sn, ".data..percpu"))
		return;

	struct percpu_ref *r = VEC_PUSH(src->prefs, src->nprefs, src->cprefs);

	r->shndx = target;
	r->offset = offset;
	if (GELF_ST_TYPE(sym->st_info) == STT_SECTION)
		r->var = percpu_name(c, sym->st_shndx,
				     (int64_t)sym->st_value + addend);
	else
		r->var = xstrdup(elf_strptr(c->elf, c->symlink, sym->st_name) ?: "?");
}

static void read_percpu_refs(struct elf_ctx *c)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (c->ehdr.e_type != ET_REL)
		return;
	c->src->have_relocs = 1;
	while ((scn = elf_nextscn(c->elf, scn))) {
		get_shdr(c, scn, &sh);
		if ((sh.sh_flags & SHF_EXECINSTR) && (sh.sh_flags & SHF_ALLOC))
			each_reloc(c, elf_ndxscn(scn), percpu_reloc, NULL);
	}
}

/* --- DWARF ------------------------------------------------------------ */

static int is_query(struct elf_ctx *c, const char *name)
{
	size_t i;

	for (i = 0; name && i < c->nfuncs; i++)
		if (!strcmp(c->funcs[i], name))
			return 1;
	return 0;
}

/* The symbol name of an out-of-line function, e.g. foo.isra.0 for foo. */
static char *concrete_name(struct elf_ctx *c, Dwarf_Die *die)
{
	Dwarf_Addr pc;
	const char *name = NULL;

	if (dwarf_entrypc(die, &pc) == 0 || dwarf_lowpc(die, &pc) == 0)
		name = dwfl_module_addrname(c->mod, pc + c->bias);
	if (!name)
		name = dwarf_walk_name(die);
	return name ? xstrdup(name) : NULL;
}

static void add_inline(struct elf_ctx *c, const char *callee, char *caller,
		       const char *via)
{
	struct source *src = c->src;
	size_t i;

	for (i = 0; i < src->ninl; i++) {
		struct inline_site *s = &src->inl[i];

		if (!strcmp(s->callee, callee) && !strcmp(s->caller, caller) &&
		    ((!s->via && !via) || (s->via && via && !strcmp(s->via, via))))
			return;
	}
	struct inline_site *s = VEC_PUSH(src->inl, src->ninl, src->cinl);

	s->callee = xstrdup(callee);
	s->caller = xstrdup(caller);
	s->via = via ? xstrdup(via) : NULL;
}

/* What the walk keeps for one file: the queried names only. */
struct query_walk {
	struct dwarf_walk w;
	struct elf_ctx *c;
	char *outer_name;	/* the current out-of-line function, once named */
	int outer_named;
};

/*
 * An abstract instance that says the compiler inlined the function.  A
 * call with constant arguments can be computed at build time, and then
 * DWARF keeps this entry but no inlined copy anywhere.
 */
static void query_inlined_decl(struct dwarf_walk *w, const char *name)
{
	struct query_walk *q = (struct query_walk *)w;
	struct source *src = q->c->src;
	size_t i;

	if (!is_query(q->c, name))
		return;
	for (i = 0; i < src->ninlined_decl; i++)
		if (!strcmp(src->inlined_decl[i], name))
			return;
	*(char **)VEC_PUSH(src->inlined_decl, src->ninlined_decl,
			   src->cinlined_decl) = xstrdup(name);
}

/* via: the name of the inlined copy holding this one, as a uintptr_t */
static uintptr_t query_inlined(struct dwarf_walk *w, const char *callee,
			       Dwarf_Die *outer, uintptr_t via)
{
	struct query_walk *q = (struct query_walk *)w;

	if (is_query(q->c, callee)) {
		if (!q->outer_named) {
			q->outer_name = concrete_name(q->c, outer);
			q->outer_named = 1;
		}
		if (q->outer_name)
			add_inline(q->c, callee, q->outer_name,
				   (const char *)via);
	}
	return (uintptr_t)callee;
}

static void query_outer_done(struct dwarf_walk *w)
{
	struct query_walk *q = (struct query_walk *)w;

	free(q->outer_name);
	q->outer_name = NULL;
	q->outer_named = 0;
}

static int inline_cmp(const void *a, const void *b)
{
	const struct inline_site *x = a, *y = b;
	int r = strcmp(x->callee, y->callee);

	if (!r)
		r = strcmp(x->caller, y->caller);
	if (!r)
		r = strcmp(x->via ? x->via : "", y->via ? y->via : "");
	return r;
}

static int no_debuginfo(Dwfl_Module *m, void **u, const char *n, Dwarf_Addr a,
			const char *f, const char *d, GElf_Word crc, char **p)
{
	(void)m; (void)u; (void)n; (void)a; (void)f; (void)d; (void)crc;
	*p = NULL;
	return -1;
}

static const Dwfl_Callbacks offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

static void read_dwarf(struct elf_ctx *c)
{
	struct source *src = c->src;
	struct query_walk q = {
		.w = {
			.inlined_decl = query_inlined_decl,
			.inlined = query_inlined,
			.outer_done = query_outer_done,
		},
		.c = c,
	};
	Dwarf *dw;

	src->dwfl = dwfl_begin(&offline_callbacks);
	if (!src->dwfl)
		ERROR(c->src, c->path, "libdwfl: %s", dwfl_errmsg(-1));
	c->mod = dwfl_report_offline(src->dwfl, src->object, c->path, -1);
	if (!c->mod || dwfl_report_end(src->dwfl, NULL, NULL) != 0)
		return;		/* libdwfl cannot lay it out: no DWARF view */
	dw = dwfl_module_getdwarf(c->mod, &c->bias);
	if (!dw)
		return;
	src->have_dwarf = 1;
	src->dwmod = c->mod;
	src->dwbias = c->bias;
	/* vmlinux: the whole walk is done once and cached (index.c) */
	if (c->ehdr.e_type != ET_REL &&
	    klp_index_inlines(src, c->mod, dw, c->bias, c->funcs, c->nfuncs))
		goto sort;
	dwarf_walk_all(dw, &q.w);
sort:
	if (src->ninl)
		qsort(src->inl, src->ninl, sizeof(*src->inl), inline_cmp);
}

/* --- for readers of a module's own tables (patch.c) ------------------- */

static void ctx_of(struct elf_ctx *c, const struct source *src)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	memset(c, 0, sizeof(*c));
	c->src = (struct source *)src;
	c->path = src->path;
	c->elf = src->elf;
	read_header(c);
	while ((scn = elf_nextscn(c->elf, scn))) {
		get_shdr(c, scn, &sh);
		if (sh.sh_type == SHT_SYMTAB)
			break;
	}
	if (!scn || sh.sh_entsize == 0)
		ERROR(c->src, c->path, "no symbol table (.symtab)");
	c->symtab = scn;
	c->symdata = get_data(c, scn, "the symbol table");
	c->symlink = sh.sh_link;
	c->nsymtab = c->symdata->d_size / sh.sh_entsize;
}

static void collect_reloc(struct elf_ctx *c, size_t target, uint64_t offset,
			  GElf_Sym *sym, int64_t addend, void *arg)
{
	struct elf_relocs *list = arg;
	struct elf_reloc *r = VEC_PUSH(list->r, list->n, list->cap);
	const char *name = elf_strptr(c->elf, c->symlink, sym->st_name);

	(void)target;
	r->offset = offset;
	r->addend = addend;
	r->sym_shndx = sym->st_shndx;
	r->sym_value = sym->st_value;
	r->sym_type = GELF_ST_TYPE(sym->st_info);
	r->sym_name = name ? name : "";
}

static int reloc_cmp(const void *a, const void *b)
{
	const struct elf_reloc *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

void elf_relocs(const struct source *src, size_t shndx,
		struct elf_relocs *list)
{
	struct elf_ctx c;

	ctx_of(&c, src);
	each_reloc(&c, shndx, collect_reloc, list);
	if (list->n)
		qsort(list->r, list->n, sizeof(*list->r), reloc_cmp);
}

const void *elf_bytes(const struct source *src, size_t shndx, uint64_t off,
		      size_t len)
{
	Elf_Scn *scn = elf_getscn(src->elf, shndx);
	Elf_Data *d;
	GElf_Shdr sh;

	if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
		return NULL;
	d = elf_getdata(scn, NULL);
	if (!d || !d->d_buf || off > d->d_size || len > d->d_size - off)
		return NULL;
	return (const char *)d->d_buf + off;
}

int elf_section_flags(const struct source *src, size_t shndx,
		      uint64_t *flags, const char **name)
{
	Elf_Scn *scn = elf_getscn(src->elf, shndx);
	GElf_Shdr sh;
	size_t shstrndx;

	if (!scn || !gelf_getshdr(scn, &sh) ||
	    elf_getshdrstrndx(src->elf, &shstrndx) < 0)
		return -1;
	*flags = sh.sh_flags;
	if (name)
		*name = elf_strptr(src->elf, shstrndx, sh.sh_name);
	return 0;
}

size_t elf_section_index(const struct source *src, const char *name)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstrndx;

	if (elf_getshdrstrndx(src->elf, &shstrndx) < 0)
		return 0;
	while ((scn = elf_nextscn(src->elf, scn))) {
		const char *n;

		if (!gelf_getshdr(scn, &sh))
			continue;
		n = elf_strptr(src->elf, shstrndx, sh.sh_name);
		if (n && !strcmp(n, name))
			return elf_ndxscn(scn);
	}
	return 0;
}

size_t elf_build_id(const struct source *src, const unsigned char **id)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	Elf_Data *d;
	size_t n;

	while (src->elf && (scn = elf_nextscn(src->elf, scn))) {
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		d = elf_getdata(scn, NULL);
		if (d && d->d_buf && (n = notes_build_id(d->d_buf, d->d_size, id)))
			return n;
	}
	return 0;
}

void elf_source_open(struct source *src, const char *path,
		     const char *object, char **funcs, size_t nfuncs)
{
	struct elf_ctx c = { .src = src, .path = path, .funcs = funcs,
			     .nfuncs = nfuncs };

	src->kind = SRC_ELF;
	src->fd = -1;
	src->path = xstrdup(path);
	if (elf_version(EV_CURRENT) == EV_NONE)
		ERROR(src, path, "libelf is out of date");
	src->fd = open(path, O_RDONLY);
	if (src->fd < 0)
		ERROR(src, path, "cannot open: %s", strerror(errno));
	src->elf = elf_begin(src->fd, ELF_C_READ_MMAP, NULL);
	if (!src->elf)
		ERROR(src, path, "cannot read: %s", elf_errmsg(-1));
	c.elf = src->elf;

	read_header(&c);
	classify(&c, object);
	read_symbols(&c);
	read_sites(&c);
	read_percpu_refs(&c);
	read_dwarf(&c);
}

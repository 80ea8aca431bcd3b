/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klp-check.h: what klp-check knows about a kernel, whichever way it was
 * read (an ELF file or the running system), and what it concludes.
 */
#ifndef KLP_CHECK_H
#define KLP_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>

/* A symbol as the kernel's kallsyms would list it. */
struct ksym {
	char *name;		/* owned, except in running mode (see source.text) */
	const char *object;	/* "vmlinux" or a module name: source.object or
				 * one of source.objects, never its own copy */
	uint64_t addr;		/* ELF: st_value; running: kallsyms address */
	uint64_t size;		/* 0 when unknown */
	size_t shndx;		/* ELF section index, 0 in running mode */
	const char *section;	/* section name or NULL */
	char type;		/* kallsyms letter: t T d D b B r R ... */
	int is_text;
	unsigned long order;	/* position in kallsyms order */
	int traceable;		/* 1 yes, 0 no, -1 unknown */
	int init_only;		/* module .init symbol: gone from kallsyms after init */
};

/* An ftrace call site: an address in a section (ELF) or in memory. */
struct site {
	size_t shndx;
	uint64_t addr;
};

/* A relocation from code into per-CPU data. */
struct percpu_ref {
	size_t shndx;		/* section of the code */
	uint64_t offset;	/* where in it */
	char *var;
};

/* One place the code of a function was inlined into. */
struct inline_site {
	char *callee;
	char *caller;		/* the out-of-line function holding the code */
	char *via;		/* the function inlined in between, or NULL */
};

/* /sys/kernel/livepatch/<patch>/<object>/<func,sympos> */
struct klp_func {
	char *patch;
	char *object;
	char *func;
	unsigned long sympos;
	int enabled;
};

#define MAX_RANGES 8	/* address ranges of kallsyms markers kept */

struct addr_range {
	const char *what;
	uint64_t start, end;
};

enum source_kind { SRC_ELF, SRC_RUNNING };

struct klp_catch;

struct source {
	enum source_kind kind;
	struct klp_catch *catch;	/* where its errors go, NULL: exit */
	char *path;		/* file, or the sysroot in running mode */
	const char *type;	/* vmlinux, module, object file, running kernel */

	struct ksym *syms;
	size_t nsyms, csyms;

	struct site *sites;	/* sorted by (shndx, addr) */
	size_t nsites, csites;
	const char *sites_from;	/* where call sites came from, NULL if none */
	/* x86 file with __patchable_function_entries (padding) but no
	 * __mcount_loc: it records no ftrace call site */
	int pfe_only;
	/* running mode: the text of kallsyms, which the names of syms point
	 * into (NULL: each name is its own allocation) */
	char *text;
	/* running mode: the distinct object names of syms */
	char **objects;
	size_t nobjects, cobjects;

	struct percpu_ref *prefs;
	size_t nprefs, cprefs;
	int have_relocs;

	struct inline_site *inl;
	size_t ninl, cinl;
	int have_dwarf;
	/* queried names DWARF says were inlined (DW_AT_inline 1 or 3) */
	char **inlined_decl;
	size_t ninlined_decl, cinlined_decl;

	struct klp_func *klp;
	size_t nklp, cklp;
	int have_klp;

	struct addr_range ranges[MAX_RANGES];	/* running: init, noinstr, entry */
	size_t nranges;

	/* ELF state, freed by source_free() */
	int fd;
	Elf *elf;
	Dwfl *dwfl;
	Dwfl_Module *dwmod;	/* its one module, when it has DWARF */
	Dwarf_Addr dwbias;
	char *object;		/* ELF: the object name its symbols belong to */
	char **notes;		/* what the reader wants the user to know */
	size_t nnotes, cnotes;
	char *dwarf_from;	/* running kernel: the -dbg vmlinux read, or NULL */
	char *release;		/* running kernel: its release, or NULL */
};

/* Grow an array by one element, return a pointer to the new element. */
void *vec_grow(void **arr, size_t *n, size_t *cap, size_t size);
#define VEC_PUSH(arr, n, cap) \
	((__typeof__(arr))vec_grow((void **)&(arr), &(n), &(cap), sizeof(*(arr))))
char *xstrdup(const char *s);

/* 64-bit FNV-1a of P[N], continuing from H (FNV_INIT to start). */
#define FNV_INIT 0xcbf29ce484222325ULL
uint64_t fnv(uint64_t h, const void *p, size_t n);

void source_free(struct source *src);
void add_note(struct source *src, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void elf_source_open(struct source *src, const char *path,
		     const char *object, char **funcs, size_t nfuncs);
void running_source_open(struct source *src, const char *sysroot,
			 const char *tracefs, char **funcs, size_t nfuncs);

/* A relocation of an ELF source's section, resolved to its symbol. */
struct elf_reloc {
	uint64_t offset;	/* in the relocated section */
	int64_t addend;
	size_t sym_shndx;	/* SHN_UNDEF for an undefined symbol */
	uint64_t sym_value;
	int sym_type;		/* STT_* */
	const char *sym_name;	/* "" for a section symbol */
};

struct elf_relocs {
	struct elf_reloc *r;
	size_t n, cap;
};

/* Add the relocations of section SHNDX to LIST (the caller frees
 * LIST->r, also after an ERROR()), sorted by offset. */
void elf_relocs(const struct source *src, size_t shndx,
		struct elf_relocs *list);
/* LEN bytes at OFF of section SHNDX, NULL if outside its data. */
const void *elf_bytes(const struct source *src, size_t shndx, uint64_t off,
		      size_t len);
int elf_section_flags(const struct source *src, size_t shndx,
		      uint64_t *flags, const char **name);
/* The index of the section NAME, 0 if none. */
size_t elf_section_index(const struct source *src, const char *name);

/* The GNU build ID in notes BUF[LEN] (ELF note format), its length or 0. */
size_t notes_build_id(const void *buf, size_t len, const unsigned char **id);
/* The GNU build ID of an open ELF source, its length or 0. */
size_t elf_build_id(const struct source *src, const unsigned char **id);

/* The answer for one function. */
enum verdict {
	V_PATCHABLE,
	V_SYMPOS,
	V_CALLERS,
	V_CAVEATS,
	V_NOT_PATCHABLE,
	V_UNKNOWN,	/* nothing against it, but no DWARF to tell */
};

/* UNKNOWN: a question klp-check could not answer (and says what would). */
enum severity { SEV_UNKNOWN, SEV_CAVEAT, SEV_BLOCKER };

/*
 * The rows of the cheat-sheet (source/limitations/cheatsheet.rst) that
 * klp-check links to, one X(NAME, "anchor") a line.  Nothing else in the
 * tool names an anchor: a hazard holds an enum anchor.  checks/cheatsheet.sh
 * and tests/pages.sh read this list from here and fail when the cheat-sheet
 * lacks one of its rows.
 */
#define KLP_ANCHORS(X) \
	X(ANCHOR_INLINING, "hazard-inlining") \
	X(ANCHOR_CLONES, "hazard-clones") \
	X(ANCHOR_SCHEDULE, "hazard-schedule") \
	X(ANCHOR_PERCPU, "hazard-percpu") \
	X(ANCHOR_NOTRACE, "hazard-notrace") \
	X(ANCHOR_DUPLICATES, "hazard-duplicates") \
	X(ANCHOR_INIT, "hazard-init") \
	X(ANCHOR_ALREADY_PATCHED, "hazard-already-patched") \
	X(ANCHOR_SIGNATURES, "hazard-signatures") \
	X(ANCHOR_STATIC_LOCAL, "hazard-static-local") \
	X(ANCHOR_JUMP_LABELS, "hazard-jump-labels") \
	X(ANCHOR_MODULE_NOT_LOADED, "hazard-module-not-loaded")

#define KLP_ANCHOR_ENUM(name, id) name,
enum anchor { ANCHOR_NONE, KLP_ANCHORS(KLP_ANCHOR_ENUM) };
#undef KLP_ANCHOR_ENUM

/* The cheat-sheet anchor of A, NULL for ANCHOR_NONE. */
const char *anchor_id(enum anchor a);

struct hazard {
	enum anchor anchor;	/* cheat-sheet row, or ANCHOR_NONE */
	enum severity severity;
	char *detail;
};

/* A function a live patch module replaces (klp-check --patch). */
struct patch_func {
	char *old_name;
	char *new_name;		/* the new function's symbol, or NULL */
	char *object;		/* "vmlinux" or the module's name */
	unsigned long sympos;
};

struct finding {
	const char *name;
	const struct patch_func *patch;		/* --patch: this function */
	const struct patch_func *patch_all;	/* --patch: all of them */
	size_t npatch_all;
	const struct ksym *selected;	/* --patch: the copy old_sympos takes */
	char *old_proto, *new_proto;	/* --patch: from DWARF, or NULL */
	struct ksym **plain;	/* symbols with exactly this name */
	size_t nplain;
	struct ksym **clones;
	size_t nclones;
	struct inline_site **inl;
	size_t ninl;
	char **callers;		/* distinct callers to patch instead */
	size_t ncallers;
	char **percpu;		/* distinct per-CPU variables referenced */
	size_t npercpu;
	int in_schedule;
	int folded;		/* inlined, yet no symbol and no inlined copy */
	int already_patched;	/* 1, 0, -1 unknown */
	struct hazard *hazards;	/* every hazard found, in the order found */
	size_t nhazards, chazards;
	enum verdict verdict;
	char *verdict_text;
};

/* Set for each symbol: its old_sympos and how many share its name. */
unsigned long sym_sympos(const struct source *src, const struct ksym *s,
			 unsigned long *count);
const char *untraceable_reason(const struct source *src, const struct ksym *s,
			       enum anchor *anchor);
const char **klp_replacements(const struct source *src, const struct ksym *s,
			      size_t *n);

void analyse(const struct source *src, const char *name, struct finding *f);
void analyse_begin(const struct source *src, const char *name,
		   const struct patch_func *pf, const struct patch_func *all,
		   size_t nall, struct finding *f);
void analyse_finish(const struct source *src, struct finding *f);
/* What answers "is it inlined?" when SRC has no DWARF, into BUF. */
const char *inlining_hint(const struct source *src, char *buf, size_t len);
void finding_hazard(struct finding *f, enum anchor anchor,
		    enum severity sev, const char *detail);
/* A function --patch does not look up: only HAZARD (unknown) is said. */
void analyse_skip(const char *name, const struct patch_func *pf,
		  enum anchor anchor, const char *hazard, struct finding *f);
void finding_free(struct finding *f);
int verdict_exit(enum verdict v);
int verdict_rank(enum verdict v);	/* higher: worse */

/* With --patch: the module the findings are about. */
struct patch_head {
	const char *path;
	const char *name;
	int replace;
};

void report_text(FILE *out, const struct patch_head *ph,
		 const struct source *src, const struct finding *f, size_t n);
void report_json(FILE *out, const struct patch_head *ph,
		 const struct source *src, const struct finding *f, size_t n,
		 int status);

#define CHEATSHEET "limitations/cheatsheet.html#"

#endif

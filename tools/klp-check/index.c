// SPDX-License-Identifier: GPL-2.0
/*
 * index.c: the inlining index of vmlinux and its cache file (see index.h).
 *
 * The index is every (inlined function, out-of-line caller, inlined via)
 * triple that elf-source.c's DWARF walk would find for some query, found
 * for all names at once, and every name whose abstract instance says it
 * was inlined (DW_AT_inline), stored as a record with no caller.  Both
 * come from the same walk as elf-source.c's answers (dwarf-walk.c); bump
 * IDX_VERSION when what is recorded changes (tests/index.sh compares the
 * two for the fixtures).  The file, in host byte order (the header says
 * which), is:
 *
 *   struct idx_header
 *   key       key_len bytes: "build-id:HEX" or "file:PATH:SIZE:MTIME",
 *             then NUL bytes up to a multiple of 8 (KEY_SPACE)
 *   records   nrec struct idx_rec, sorted by (callee, caller, via) names
 *   strings   str_len bytes of NUL-terminated names, which records point
 *             into by offset (IDX_NONE: no caller, no "via")
 *
 * and sum is the 64-bit FNV-1a hash of everything after the header.  It
 * is written to a temporary file in the cache directory and renamed into
 * place, so a reader sees the old file or the whole new one.  A file that
 * fails any check (short, other version, other key, bad sum, an offset
 * out of range) is reported on stderr, ignored and rebuilt.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dwarf.h>

#include "dwarf-walk.h"
#include "index.h"
#include "log.h"

#define IDX_MAGIC	"KLPINDX\n"
#define IDX_VERSION	1
#define IDX_ORDER	0x01020304u
#define IDX_NONE	UINT32_MAX		/* no name */
#define IDX_UNSET	(UINT32_MAX - 1)	/* caller name not looked up yet */
#define IDX_MAX_STR	(UINT32_MAX - 2)
#define IDX_MAX_KEY	4096
/* fast_addrname() leaves to libdwfl an address with more candidates
 * than this, or more symbols to scan back over than that */
#define ADDR_MAX_CANDIDATES	32
#define ADDR_MAX_SCAN		4096
#define KEY_SPACE(len)	(((len) + 7) & ~(uint64_t)7)	/* records stay aligned */

int klp_index_enabled;

struct idx_header {
	char magic[8];
	uint32_t version;
	uint32_t order;
	uint64_t key_len;
	uint64_t nrec;
	uint64_t str_len;
	uint64_t sum;
};

struct idx_rec {
	uint32_t callee, caller, via;
};

/* An index in memory, as read from a file or as built and serialized. */
struct idx_view {
	char *buf;		/* the whole file */
	const struct idx_rec *rec;
	uint64_t nrec;
	const char *str;
	uint64_t str_len;
};

/* A symbol dwfl_module_addrname() could answer with, see fast_addrname() */
struct addr_sym {
	GElf_Addr value;
	GElf_Xword size;
	GElf_Addr reach;	/* the highest value + size up to this one */
	size_t ndx;		/* in the symbol table */
	int bind;		/* 3 global, 2 weak, 1 local, 0 other */
	const char *name;
};

struct builder {
	struct dwarf_walk w;	/* first: the walk's callbacks get the builder */
	uint32_t outer_name;	/* caller name of the current function */
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	struct addr_sym *syms;	/* sorted by value */
	size_t nsyms, csyms;
	size_t first_global;
	GElf_Addr *labels;	/* sorted values of sizeless global symbols */
	size_t nlabels, clabels;
	char *str;
	size_t str_len, str_cap;
	uint32_t *str_slot;	/* open addressing: string offset + 1, 0 free */
	size_t str_slots, nstr;
	struct idx_rec *rec;
	size_t nrec, rec_cap;
	uint32_t *rec_slot;	/* record index + 1, 0 free */
	size_t rec_slots;
	int overflow;
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		OUT_OF_MEMORY();
	return p;
}

/* --- building --------------------------------------------------------- */

static void str_rehash(struct builder *b)
{
	size_t nslots = b->str_slots ? b->str_slots * 2 : 1 << 16, i;
	uint32_t *slot = xcalloc(nslots, sizeof(*slot));

	for (i = 0; i < b->str_slots; i++) {
		uint32_t v = b->str_slot[i];
		const char *s;
		size_t h;

		if (!v)
			continue;
		s = b->str + v - 1;
		h = fnv(FNV_INIT, s, strlen(s)) & (nslots - 1);
		while (slot[h])
			h = (h + 1) & (nslots - 1);
		slot[h] = v;
	}
	free(b->str_slot);
	b->str_slot = slot;
	b->str_slots = nslots;
}

/* The offset of S in the string table, added if new. */
static uint32_t intern(struct builder *b, const char *s)
{
	size_t len = strlen(s), h;

	if ((b->nstr + 1) * 2 > b->str_slots)
		str_rehash(b);
	h = fnv(FNV_INIT, s, len) & (b->str_slots - 1);
	while (b->str_slot[h]) {
		uint32_t off = b->str_slot[h] - 1;

		if (!strcmp(b->str + off, s))
			return off;
		h = (h + 1) & (b->str_slots - 1);
	}
	if (b->str_len + len + 1 > IDX_MAX_STR) {
		b->overflow = 1;
		return IDX_NONE;
	}
	while (b->str_len + len + 1 > b->str_cap) {
		size_t cap = b->str_cap ? b->str_cap * 2 : 1 << 20;
		char *p = realloc(b->str, cap);

		if (!p)
			OUT_OF_MEMORY();
		b->str = p;
		b->str_cap = cap;
	}
	memcpy(b->str + b->str_len, s, len + 1);
	b->str_slot[h] = (uint32_t)b->str_len + 1;
	b->nstr++;
	b->str_len += len + 1;
	return (uint32_t)(b->str_len - len - 1);
}

static size_t rec_hash(const struct idx_rec *r, size_t mask)
{
	return fnv(FNV_INIT, r, sizeof(*r)) & mask;
}

static void rec_rehash(struct builder *b)
{
	size_t nslots = b->rec_slots ? b->rec_slots * 2 : 1 << 16, i;
	uint32_t *slot = xcalloc(nslots, sizeof(*slot));

	for (i = 0; i < b->nrec; i++) {
		size_t h = rec_hash(&b->rec[i], nslots - 1);

		while (slot[h])
			h = (h + 1) & (nslots - 1);
		slot[h] = i + 1;
	}
	free(b->rec_slot);
	b->rec_slot = slot;
	b->rec_slots = nslots;
}

static void add_rec(struct builder *b, uint32_t callee, uint32_t caller,
		    uint32_t via)
{
	struct idx_rec r = { callee, caller, via };
	size_t h;

	if (b->nrec >= UINT32_MAX - 1) {
		b->overflow = 1;
		return;
	}
	if ((b->nrec + 1) * 2 > b->rec_slots)
		rec_rehash(b);
	h = rec_hash(&r, b->rec_slots - 1);
	while (b->rec_slot[h]) {
		const struct idx_rec *o = &b->rec[b->rec_slot[h] - 1];

		if (!memcmp(o, &r, sizeof(r)))
			return;
		h = (h + 1) & (b->rec_slots - 1);
	}
	*VEC_PUSH(b->rec, b->nrec, b->rec_cap) = r;
	b->rec_slot[h] = b->nrec;
}

/* An abstract instance with DW_AT_inline 1 or 3: a record, no caller. */
static void idx_inlined_decl(struct dwarf_walk *w, const char *name)
{
	struct builder *b = (struct builder *)w;
	uint32_t id = intern(b, name);

	if (id != IDX_NONE)
		add_rec(b, id, IDX_NONE, IDX_NONE);
}

/*
 * elf-source.c names a caller with dwfl_module_addrname(), which reads
 * the whole symbol table at each call: far too slow for the ~100,000
 * functions of vmlinux.  The answer only depends on the sized symbols
 * that contain the address, so they are found in a sorted copy and
 * compared the way libdwfl (elfutils 0.188, __libdwfl_addrsym) compares
 * them: global and weak symbols first, locals only when none fits, and
 * within a pass, in symbol table order, a symbol wins over the one kept
 * so far when it starts later or binds more strongly, or starts at the
 * same place and is smaller.  Every other case (no sized symbol contains
 * the address, too many candidates, or only local ones while a sizeless
 * global label sits at the address, which libdwfl then prefers) is left
 * to libdwfl itself.
 */
static int addr_sym_cmp(const void *pa, const void *pb)
{
	const struct addr_sym *a = pa, *b = pb;

	if (a->value != b->value)
		return a->value < b->value ? -1 : 1;
	return a->ndx < b->ndx ? -1 : a->ndx > b->ndx;
}

static int addr_cmp(const void *pa, const void *pb)
{
	const GElf_Addr *a = pa, *b = pb;

	return *a < *b ? -1 : *a > *b;
}

static void read_addr_syms(struct builder *b)
{
	GElf_Addr bias;
	Elf *elf = dwfl_module_getelf(b->mod, &bias);
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	Elf_Data *d;
	size_t i, n;

	while (elf && (scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			break;
	if (!scn || sh.sh_entsize == 0 || !(d = elf_getdata(scn, NULL)))
		return;
	n = d->d_size / sh.sh_entsize;
	b->first_global = sh.sh_info;
	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		const char *name;
		int type;

		if (!gelf_getsym(d, i, &sym))
			continue;
		type = GELF_ST_TYPE(sym.st_info);
		if (sym.st_shndx == SHN_UNDEF ||
		    type == STT_SECTION || type == STT_FILE || type == STT_TLS)
			continue;
		name = elf_strptr(elf, sh.sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		if (sym.st_size == 0) {
			if (i >= sh.sh_info)
				*VEC_PUSH(b->labels, b->nlabels, b->clabels) =
					sym.st_value + bias;
			continue;
		}
		struct addr_sym *a = VEC_PUSH(b->syms, b->nsyms, b->csyms);

		a->value = sym.st_value + bias;
		a->size = sym.st_size;
		a->ndx = i;
		a->name = name;
		switch (GELF_ST_BIND(sym.st_info)) {
		case STB_GLOBAL:
			a->bind = 3;
			break;
		case STB_WEAK:
			a->bind = 2;
			break;
		case STB_LOCAL:
			a->bind = 1;
			break;
		}
	}
	if (b->nsyms)
		qsort(b->syms, b->nsyms, sizeof(*b->syms), addr_sym_cmp);
	if (b->nlabels)
		qsort(b->labels, b->nlabels, sizeof(*b->labels), addr_cmp);
	for (i = 0; i < b->nsyms; i++) {
		GElf_Addr end = b->syms[i].value + b->syms[i].size;

		b->syms[i].reach = i && b->syms[i - 1].reach > end ?
				   b->syms[i - 1].reach : end;
	}
}

static const char *fast_addrname(struct builder *b, GElf_Addr addr)
{
	const struct addr_sym *cand[ADDR_MAX_CANDIDATES], *best = NULL;
	size_t lo = 0, hi = b->nsyms, ncand = 0, i, j, scanned = 0;
	int pass;

	while (lo < hi) {		/* first symbol starting after addr */
		size_t mid = lo + (hi - lo) / 2;

		if (b->syms[mid].value <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i-- > 0 && b->syms[i].reach > addr;) {
		const struct addr_sym *s = &b->syms[i];

		if (++scanned > ADDR_MAX_SCAN)
			return dwfl_module_addrname(b->mod, addr);
		if (addr - s->value >= s->size)
			continue;
		if (ncand == sizeof(cand) / sizeof(cand[0]))
			return dwfl_module_addrname(b->mod, addr);
		/* keep cand[] in symbol table order */
		for (j = ncand++; j > 0 && cand[j - 1]->ndx > s->ndx; j--)
			cand[j] = cand[j - 1];
		cand[j] = s;
	}
	for (pass = 0; pass < 2 && !best; pass++) {
		if (pass == 1 && bsearch(&addr, b->labels, b->nlabels,
					 sizeof(*b->labels), addr_cmp))
			return dwfl_module_addrname(b->mod, addr);
		for (i = 0; i < ncand; i++) {
			const struct addr_sym *s = cand[i];

			if ((s->ndx >= b->first_global) != (pass == 0))
				continue;
			if (!best || best->value < s->value || best->bind < s->bind)
				best = s;
			else if (best->value == s->value && best->size > s->size)
				best = s;
		}
	}
	return best ? best->name : dwfl_module_addrname(b->mod, addr);
}

/* The symbol holding an out-of-line function, e.g. foo.isra.0 for foo. */
static uint32_t caller_name(struct builder *b, Dwarf_Die *die)
{
	Dwarf_Addr pc;
	const char *name = NULL;

	if (dwarf_entrypc(die, &pc) == 0 || dwarf_lowpc(die, &pc) == 0)
#ifdef KLP_INDEX_SLOW_NAMES	/* to compare with libdwfl: see index.c */
		name = dwfl_module_addrname(b->mod, pc + b->bias);
#else
		name = fast_addrname(b, pc + b->bias);
#endif
	if (!name)
		name = dwarf_walk_name(die);
	return name ? intern(b, name) : IDX_NONE;
}

/* via and the value returned: a string offset + 1, 0 for none */
static uintptr_t idx_inlined(struct dwarf_walk *w, const char *callee,
			     Dwarf_Die *outer, uintptr_t via)
{
	struct builder *b = (struct builder *)w;
	uint32_t id = intern(b, callee);

	if (id == IDX_NONE)
		return via;
	if (b->outer_name == IDX_UNSET)
		b->outer_name = caller_name(b, outer);
	if (b->outer_name != IDX_NONE)
		add_rec(b, id, b->outer_name, via ? (uint32_t)(via - 1) : IDX_NONE);
	return (uintptr_t)id + 1;
}

static void idx_outer_done(struct dwarf_walk *w)
{
	((struct builder *)w)->outer_name = IDX_UNSET;
}

static const char *sort_str;

static int str_or_empty_cmp(uint32_t a, uint32_t b)
{
	return strcmp(a == IDX_NONE ? "" : sort_str + a,
		      b == IDX_NONE ? "" : sort_str + b);
}

static int rec_cmp(const void *pa, const void *pb)
{
	const struct idx_rec *a = pa, *b = pb;
	int r = strcmp(sort_str + a->callee, sort_str + b->callee);

	if (!r)
		r = str_or_empty_cmp(a->caller, b->caller);
	if (!r)
		r = str_or_empty_cmp(a->via, b->via);
	return r;
}

/* Walk all of DW; serialize into V under KEY.  0 if too big to index. */
static int build(struct idx_view *v, Dwfl_Module *mod, Dwarf *dw,
		 Dwarf_Addr bias, const char *key)
{
	struct builder b = {
		.w = {
			.inlined_decl = idx_inlined_decl,
			.inlined = idx_inlined,
			.outer_done = idx_outer_done,
		},
		.outer_name = IDX_UNSET,
		.mod = mod,
		.bias = bias,
	};
	size_t key_len = strlen(key), rec_bytes, total;
	struct idx_header h = { .version = IDX_VERSION, .order = IDX_ORDER };
	char *p;

	intern(&b, "");		/* offset 0: the string table is never empty */
	read_addr_syms(&b);
	dwarf_walk_all(dw, &b.w);
	free(b.str_slot);
	free(b.rec_slot);
	free(b.syms);
	free(b.labels);
	if (b.overflow) {
		free(b.str);
		free(b.rec);
		return 0;
	}
	sort_str = b.str;
	if (b.nrec)
		qsort(b.rec, b.nrec, sizeof(*b.rec), rec_cmp);
	sort_str = NULL;

	rec_bytes = b.nrec * sizeof(*b.rec);
	total = sizeof(h) + KEY_SPACE(key_len) + rec_bytes + b.str_len;
	memcpy(h.magic, IDX_MAGIC, sizeof(h.magic));
	h.key_len = key_len;
	h.nrec = b.nrec;
	h.str_len = b.str_len;
	v->buf = p = calloc(1, total);
	if (!p)
		OUT_OF_MEMORY();
	memcpy(p + sizeof(h), key, key_len);
	if (rec_bytes)
		memcpy(p + sizeof(h) + KEY_SPACE(key_len), b.rec, rec_bytes);
	memcpy(p + sizeof(h) + KEY_SPACE(key_len) + rec_bytes, b.str, b.str_len);
	h.sum = fnv(FNV_INIT, p + sizeof(h), total - sizeof(h));
	memcpy(p, &h, sizeof(h));
	v->rec = (const struct idx_rec *)(p + sizeof(h) + KEY_SPACE(key_len));
	v->nrec = b.nrec;
	v->str = p + sizeof(h) + KEY_SPACE(key_len) + rec_bytes;
	v->str_len = b.str_len;
	free(b.str);
	free(b.rec);
	return 1;
}

/* --- the cache file ---------------------------------------------------- */

/* The cache directory, malloc'd, or NULL when there is none. */
static char *cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *d = NULL;

	if (x && x[0] == '/') {
		if (asprintf(&d, "%s/klp-check", x) < 0)
			d = NULL;
	} else if (home && home[0] == '/') {
		if (asprintf(&d, "%s/.cache/klp-check", home) < 0)
			d = NULL;
	}
	return d;
}

/* The key of the file and its cache file name; 0 if it has no key. */
static int cache_key(const struct source *src, Dwfl_Module *mod,
		     char **key, char **name)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	int n = dwfl_module_build_id(mod, &bits, &vaddr), i;
	struct stat st;
	char *real;

	*key = *name = NULL;
	if (n > 0 && n <= 64) {
		char hex[129];

		for (i = 0; i < n; i++)
			snprintf(hex + 2 * i, 3, "%02x", bits[i]);
		if (asprintf(key, "build-id:%s", hex) < 0 ||
		    asprintf(name, "%s.idx", hex) < 0)
			OUT_OF_MEMORY();
		return 1;
	}
	real = realpath(src->path, NULL);
	if (!real || stat(real, &st) != 0) {
		free(real);
		return 0;
	}
	if (asprintf(key, "file:%s:%lld:%lld.%09ld", real, (long long)st.st_size,
		     (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec) < 0)
		OUT_OF_MEMORY();
	free(real);
	if (asprintf(name, "file-%016llx.idx",
		     (unsigned long long)fnv(FNV_INIT, *key, strlen(*key))) < 0)
		OUT_OF_MEMORY();
	return 1;
}

/* Read and check PATH into V.  NULL if usable, else why not. */
static const char *load(struct idx_view *v, const char *path, const char *key)
{
	struct idx_header h;
	struct stat st;
	uint64_t size, i, rec_bytes;
	ssize_t got;
	size_t done = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	memset(v, 0, sizeof(*v));
	if (fd < 0)
		return errno == ENOENT ? "" : "cannot be opened";
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return "not a regular file";
	}
	size = (uint64_t)st.st_size;
	if (size < sizeof(h) || size > (uint64_t)SSIZE_MAX) {
		close(fd);
		return "too short";
	}
	v->buf = malloc(size);
	if (!v->buf)
		OUT_OF_MEMORY();
	while (done < size) {
		got = read(fd, v->buf + done, size - done);
		if (got <= 0)
			break;
		done += got;
	}
	close(fd);
	if (done != size)
		return "cannot be read";
	memcpy(&h, v->buf, sizeof(h));
	if (memcmp(h.magic, IDX_MAGIC, sizeof(h.magic)))
		return "not a klp-check index";
	if (h.version != IDX_VERSION || h.order != IDX_ORDER)
		return "another version or byte order";
	if (h.key_len > IDX_MAX_KEY || h.nrec > size / sizeof(struct idx_rec) ||
	    h.str_len > size || h.str_len == 0 || h.str_len > IDX_MAX_STR)
		return "bad sizes in the header";
	rec_bytes = h.nrec * sizeof(struct idx_rec);
	if (sizeof(h) + KEY_SPACE(h.key_len) + rec_bytes + h.str_len != size)
		return "its size does not match its header";
	if (h.key_len != strlen(key) ||
	    memcmp(v->buf + sizeof(h), key, h.key_len))
		return "made for another file";
	if (fnv(FNV_INIT, v->buf + sizeof(h), size - sizeof(h)) != h.sum)
		return "checksum mismatch";
	v->rec = (const struct idx_rec *)(v->buf + sizeof(h) +
					  KEY_SPACE(h.key_len));
	v->nrec = h.nrec;
	v->str = v->buf + sizeof(h) + KEY_SPACE(h.key_len) + rec_bytes;
	v->str_len = h.str_len;
	if (v->str[v->str_len - 1] != '\0')
		return "unterminated string table";
	for (i = 0; i < v->nrec; i++)
		if (v->rec[i].callee >= v->str_len ||
		    (v->rec[i].caller != IDX_NONE && v->rec[i].caller >= v->str_len) ||
		    (v->rec[i].via != IDX_NONE && v->rec[i].via >= v->str_len))
			return "a record points outside the string table";
	return NULL;
}

static int mkdir_p(char *dir)
{
	char *s;

	for (s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* Write V's file to DIR/NAME through a temporary file and rename(). */
static void save(const struct idx_view *v, char *dir, const char *path)
{
	const struct idx_header *h = (const struct idx_header *)v->buf;
	size_t size = sizeof(*h) + KEY_SPACE(h->key_len) +
		      h->nrec * sizeof(struct idx_rec) + h->str_len, done = 0;
	char *tmp = NULL;
	int fd = -1, err = 0;

	if (mkdir_p(dir) != 0 || asprintf(&tmp, "%s.XXXXXX", path) < 0) {
		err = errno;
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		goto out;
	}
	while (done < size) {
		ssize_t n = write(fd, v->buf + done, size - done);

		if (n <= 0) {
			err = n < 0 ? errno : ENOSPC;
			goto out;
		}
		done += n;
	}
	if (fchmod(fd, 0600) != 0 || close(fd) != 0) {
		fd = -1;
		err = errno;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		err = errno;
out:
	if (fd >= 0)
		close(fd);
	if (err) {
		fprintf(stderr, "klp-check: %s: cannot write the index cache: %s\n",
			path, strerror(err));
		if (tmp)
			unlink(tmp);
	}
	free(tmp);
}

/* --- queries ----------------------------------------------------------- */

static void lookup(struct source *src, const struct idx_view *v,
		   char **funcs, size_t nfuncs)
{
	size_t f, g;

	for (f = 0; f < nfuncs; f++) {
		uint64_t lo = 0, hi = v->nrec;

		for (g = 0; g < f; g++)
			if (!strcmp(funcs[g], funcs[f]))
				break;
		if (g < f)
			continue;	/* asked twice: listed once */
		while (lo < hi) {
			uint64_t mid = lo + (hi - lo) / 2;

			if (strcmp(v->str + v->rec[mid].callee, funcs[f]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < v->nrec && !strcmp(v->str + v->rec[lo].callee, funcs[f]);
		     lo++) {
			const struct idx_rec *r = &v->rec[lo];
			struct inline_site *s;

			if (r->caller == IDX_NONE) {
				*(char **)VEC_PUSH(src->inlined_decl,
						   src->ninlined_decl,
						   src->cinlined_decl) =
					xstrdup(v->str + r->callee);
				continue;
			}
			s = VEC_PUSH(src->inl, src->ninl, src->cinl);
			s->callee = xstrdup(v->str + r->callee);
			s->caller = xstrdup(v->str + r->caller);
			s->via = r->via == IDX_NONE ? NULL : xstrdup(v->str + r->via);
		}
	}
}

int klp_index_inlines(struct source *src, Dwfl_Module *mod, Dwarf *dw,
		      Dwarf_Addr bias, char **funcs, size_t nfuncs)
{
	struct idx_view v;
	char *dir, *key, *name, *path = NULL;
	const char *why;
	int ok = 0;

	if (!klp_index_enabled)
		return 0;
	dir = cache_dir();
	if (!dir)
		return 0;
	if (!cache_key(src, mod, &key, &name)) {
		free(dir);
		return 0;
	}
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		OUT_OF_MEMORY();

	why = load(&v, path, key);
	if (!why) {
		ok = 1;
	} else {
		if (*why)
			fprintf(stderr, "klp-check: %s: ignoring the index cache (%s), rebuilding it\n",
				path, why);
		free(v.buf);
		v.buf = NULL;
		if (build(&v, mod, dw, bias, key)) {
			save(&v, dir, path);
			ok = 1;
		}
	}
	if (ok)
		lookup(src, &v, funcs, nfuncs);
	free(v.buf);
	free(path);
	free(name);
	free(key);
	free(dir);
	return ok;
}

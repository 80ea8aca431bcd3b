// SPDX-License-Identifier: GPL-2.0
/*
 * running-source.c: read what klp-check needs from the running system:
 * /proc/kallsyms (symbols in kallsyms order, with their module),
 * available_filter_functions[_addrs] in tracefs (what ftrace can hook)
 * and /sys/kernel/livepatch (what live patches already replace).
 *
 * Every path is taken under a sysroot ("/" by default) so that the tests
 * can feed the tool a prepared tree.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>

#include "klp-check.h"
#include "log.h"

static char *path_in(const char *root, const char *rel)
{
	size_t n = strlen(root) + strlen(rel) + 2;
	char *p = malloc(n);

	if (!p)
		OUT_OF_MEMORY();
	snprintf(p, n, "%s/%s", strcmp(root, "/") ? root : "", rel);
	return p;
}

static FILE *open_or_fail(const struct source *src, const char *path)
{
	FILE *f = fopen(path, "r");

	if (!f)
		ERROR(src, path, "cannot open: %s", strerror(errno));
	return f;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "addr type name [module]" */
static void read_kallsyms(struct source *src, const char *root)
{
	char *path = path_in(root, "proc/kallsyms");
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int nonzero = 0;
	static const struct { const char *start, *end, *what; } marks[] = {
		{ "__init_begin", "__init_end", "init" },
		{ "__noinstr_text_start", "__noinstr_text_end", "noinstr" },
		{ "__entry_text_start", "__entry_text_end", "entry" },
		{ "__irqentry_text_start", "__irqentry_text_end", "entry" },
		{ "__cpuidle_text_start", "__cpuidle_text_end", "noinstr" },
		{ "__softirqentry_text_start", "__softirqentry_text_end", "entry" },
	};
#define NMARKS (sizeof(marks) / sizeof(marks[0]))
	uint64_t mstart[NMARKS] = { 0 }, mend[NMARKS] = { 0 };
	size_t i;

	f = open_or_fail(src, path);
	while (getline(&line, &cap, f) > 0) {
		char name[512], mod[256] = "vmlinux", type;
		unsigned long long addr;
		int n;

		lineno++;
		n = sscanf(line, "%llx %c %511s [%255[^]]]", &addr, &type, name, mod);
		if (n < 3) {
			free(line);
			fclose(f);
			snprintf(name, sizeof(name), "%s:%lu", path, lineno);
			free(path);
			ERROR(src, name, "not a kallsyms line (want \"address type name [module]\")");
		}
		struct ksym *k = VEC_PUSH(src->syms, src->nsyms, src->csyms);

		k->name = xstrdup(name);
		k->object = xstrdup(mod);
		k->addr = addr;
		k->type = type;
		k->is_text = type == 't' || type == 'T' || type == 'w' || type == 'W';
		k->order = src->nsyms - 1;
		k->traceable = -1;
		nonzero |= addr != 0;
		for (i = 0; i < NMARKS && !strcmp(mod, "vmlinux"); i++) {
			if (!strcmp(name, marks[i].start))
				mstart[i] = addr;
			if (!strcmp(name, marks[i].end))
				mend[i] = addr;
		}
	}
	free(line);
	fclose(f);
	if (!src->nsyms)
		ERROR(src, path, "empty: is this /proc/kallsyms?");
	free(path);
	if (!nonzero)
		add_note(src, "kallsyms shows no addresses (run as root, or kptr_restrict)");
	for (i = 0; i < NMARKS; i++) {
		if (mstart[i] && mend[i] > mstart[i] && src->nranges < MAX_RANGES) {
			src->ranges[src->nranges].what = marks[i].what;
			src->ranges[src->nranges].start = mstart[i];
			src->ranges[src->nranges].end = mend[i];
			src->nranges++;
		}
	}
#undef NMARKS
}

/* Mark each text symbol that holds the call site at ADDR (in OBJECT). */
static void mark_site(struct source *src, uint64_t addr)
{
	struct site *s = VEC_PUSH(src->sites, src->nsites, src->csites);

	s->addr = addr;
}

static int site_addr_cmp(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void read_filter_functions(struct source *src, const char *root,
				  const char *tracefs)
{
	const char *dirs[3] = { tracefs, "sys/kernel/tracing",
				"sys/kernel/debug/tracing" };
	char *path = NULL;
	FILE *f = NULL;
	int with_addrs = 0;
	size_t d;

	for (d = 0; d < 3 && !f; d++) {
		char rel[512];

		if (!dirs[d])
			continue;
		/* An explicit --tracefs is absolute; the defaults are under root. */
		snprintf(rel, sizeof(rel), "%s/available_filter_functions_addrs",
			 dirs[d]);
		free(path);
		path = d == 0 ? xstrdup(rel) : path_in(root, rel);
		if ((f = fopen(path, "r"))) {
			char *line = NULL;
			size_t cap = 0;
			unsigned long long a = 0;

			/* usable only when it shows real addresses */
			if (getline(&line, &cap, f) > 0 &&
			    sscanf(line, "%llx", &a) == 1 && a) {
				with_addrs = 1;
				rewind(f);
			} else {
				fclose(f);
				f = NULL;
			}
			free(line);
			if (f)
				break;
		}
		snprintf(rel, sizeof(rel), "%s/available_filter_functions",
			 dirs[d]);
		free(path);
		path = d == 0 ? xstrdup(rel) : path_in(root, rel);
		f = fopen(path, "r");
	}
	if (!f) {
		free(path);
		return;		/* not mounted: traceability unknown */
	}
	src->sites_from = with_addrs ? "available_filter_functions_addrs"
				     : "available_filter_functions";

	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;

	while (getline(&line, &cap, f) > 0) {
		char name[512], mod[256] = "vmlinux", where[600];
		unsigned long long addr;
		int n;

		lineno++;
		if (with_addrs)
			n = sscanf(line, "%llx %511s [%255[^]]]", &addr, name, mod) - 1;
		else
			n = sscanf(line, "%511s [%255[^]]]", name, mod);
		if (n < 1) {
			free(line);
			fclose(f);
			snprintf(where, sizeof(where), "%s:%lu", path, lineno);
			free(path);
			ERROR(src, where, "not a filter function line (want \"%sname [module]\")",
			      with_addrs ? "address " : "");
		}
		if (with_addrs) {
			mark_site(src, addr);
		} else {
			char **t = VEC_PUSH(src->trace_names, src->ntrace_names,
					    src->ctrace_names);

			snprintf(where, sizeof(where), "%s\t%s", name, mod);
			*t = xstrdup(where);
		}
	}
	free(line);
	fclose(f);
	free(path);
	if (src->nsites)
		qsort(src->sites, src->nsites, sizeof(*src->sites), site_addr_cmp);
	if (src->ntrace_names)
		qsort(src->trace_names, src->ntrace_names, sizeof(char *), name_cmp);
}

static int sym_addr_order(const void *a, const void *b)
{
	const struct ksym *x = *(struct ksym *const *)a;
	const struct ksym *y = *(struct ksym *const *)b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * A call site belongs to the text symbol with the highest address not
 * above it (kallsyms has no sizes).  Without addresses, a name listed in
 * available_filter_functions marks every text symbol of that name.
 */
static void mark_traceable(struct source *src)
{
	size_t i, j;

	if (!src->sites_from)
		return;
	for (i = 0; i < src->nsyms; i++)
		src->syms[i].traceable = 0;
	if (src->nsites) {
		struct ksym **by = malloc(src->nsyms * sizeof(*by));
		size_t n = 0;

		if (!by)
			OUT_OF_MEMORY();
		for (i = 0; i < src->nsyms; i++)
			if (src->syms[i].is_text)
				by[n++] = &src->syms[i];
		qsort(by, n, sizeof(*by), sym_addr_order);
		for (j = 0; j < src->nsites; j++) {
			uint64_t a = src->sites[j].addr;
			size_t lo = 0, hi = n;

			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (by[mid]->addr <= a)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == 0)
				continue;
			/* every alias at that address (e.g. a .localalias) */
			uint64_t at = by[lo - 1]->addr;

			for (i = lo; i > 0 && by[i - 1]->addr == at; i--)
				by[i - 1]->traceable = 1;
		}
		free(by);
		return;
	}
	for (i = 0; i < src->nsyms; i++) {
		struct ksym *k = &src->syms[i];
		char key[800];
		const char *kp = key;

		if (!k->is_text)
			continue;
		snprintf(key, sizeof(key), "%s\t%s", k->name, k->object);
		k->traceable = bsearch(&kp, src->trace_names, src->ntrace_names,
				       sizeof(char *), name_cmp) != NULL;
	}
}

static int read_int_file(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int dirent_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int not_dot(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* /sys/kernel/livepatch/<patch>/<object>/<func,sympos>/ */
static void read_livepatch(struct source *src, const char *root)
{
	char *top = path_in(root, "sys/kernel/livepatch");
	struct dirent **patches;
	int np, p;

	if (!is_dir(top)) {
		free(top);
		return;
	}
	src->have_klp = 1;
	np = scandir(top, &patches, not_dot, dirent_cmp);
	for (p = 0; p < np; p++) {
		char pdir[1024], file[1100];
		struct dirent **objs;
		int no, o, enabled;

		snprintf(pdir, sizeof(pdir), "%s/%s", top, patches[p]->d_name);
		snprintf(file, sizeof(file), "%s/enabled", pdir);
		enabled = read_int_file(file);
		no = is_dir(pdir) ? scandir(pdir, &objs, not_dot, dirent_cmp) : 0;
		for (o = 0; o < no; o++) {
			char odir[1300];
			struct dirent **fns;
			int nf, fi;

			snprintf(odir, sizeof(odir), "%s/%s", pdir, objs[o]->d_name);
			nf = is_dir(odir) ? scandir(odir, &fns, not_dot, dirent_cmp) : 0;
			for (fi = 0; fi < nf; fi++) {
				char *comma = strrchr(fns[fi]->d_name, ',');

				if (comma) {
					struct klp_func *k = VEC_PUSH(src->klp, src->nklp,
								      src->cklp);

					k->patch = xstrdup(patches[p]->d_name);
					k->object = xstrdup(objs[o]->d_name);
					*comma = '\0';
					k->func = xstrdup(fns[fi]->d_name);
					k->sympos = strtoul(comma + 1, NULL, 10);
					k->enabled = enabled;
				}
				free(fns[fi]);
			}
			if (nf > 0)
				free(fns);
			free(objs[o]);
		}
		if (no > 0)
			free(objs);
		free(patches[p]);
	}
	if (np > 0)
		free(patches);
	free(top);
}

#define RELEASE_MAX	256
#define NOTES_MAX	4096	/* /sys/kernel/notes: a few small notes */

/* The running release, from proc/sys/kernel/osrelease under the root. */
static void read_release(struct source *src, const char *root)
{
	char *path = path_in(root, "proc/sys/kernel/osrelease");
	FILE *f = fopen(path, "r");
	char line[RELEASE_MAX];

	if (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		/* it becomes a directory name: nothing that climbs out */
		if (line[0] && line[0] != '.' && !strchr(line, '/'))
			src->release = xstrdup(line);
	}
	if (f)
		fclose(f);
	free(path);
}

/*
 * Where scripts/fetch-dbg-vmlinux.sh RELEASE leaves the vmlinux of
 * Debian's linux-image-RELEASE-dbg:
 * ${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/dbg/RELEASE/vmlinux.
 */
static char *dbg_vmlinux_path(const char *release)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char buf[PATH_MAX];
	int n;

	if (x && x[0] == '/')
		n = snprintf(buf, sizeof(buf), "%s/livepatch-handbook/dbg/%s/vmlinux",
			     x, release);
	else if (home && home[0] == '/')
		n = snprintf(buf, sizeof(buf), "%s/.cache/livepatch-handbook/dbg/%s/vmlinux",
			     home, release);
	else
		return NULL;
	return n > 0 && (size_t)n < sizeof(buf) ? xstrdup(buf) : NULL;
}

/* The running kernel's build ID, from sys/kernel/notes; 0 if unknown. */
static size_t running_build_id(const char *root, unsigned char *buf,
			       size_t max, const unsigned char **id)
{
	char *path = path_in(root, "sys/kernel/notes");
	FILE *f = fopen(path, "rb");
	size_t len = 0;

	free(path);
	if (!f)
		return 0;
	len = fread(buf, 1, max, f);
	fclose(f);
	return notes_build_id(buf, len, id);
}

/*
 * The inlining the running kernel cannot tell, from the -dbg vmlinux of
 * its release when it is in the cache and has the running build ID.
 */
static void read_dbg_vmlinux(struct source *src, const char *root,
			     char **funcs, size_t nfuncs)
{
	struct source dbg = { 0 };
	unsigned char notes[NOTES_MAX];
	const unsigned char *rid, *did;
	size_t rn, dn;
	char *path;

	if (!src->release || !(path = dbg_vmlinux_path(src->release)))
		return;
	if (access(path, R_OK) != 0) {
		free(path);
		return;
	}
	dbg.catch = src->catch;
	elf_source_open(&dbg, path, "vmlinux", funcs, nfuncs);
	rn = running_build_id(root, notes, sizeof(notes), &rid);
	dn = elf_build_id(&dbg, &did);
	if (!dbg.have_dwarf) {
		add_note(src, "the cached debug vmlinux of %s has no DWARF: not used",
			 src->release);
	} else if (rn && (rn != dn || memcmp(rid, did, rn))) {
		add_note(src, "the cached debug vmlinux of %s has another build ID than the running kernel: not used",
			 src->release);
	} else {
		src->inl = dbg.inl;
		src->ninl = dbg.ninl;
		src->cinl = dbg.cinl;
		src->inlined_decl = dbg.inlined_decl;
		src->ninlined_decl = dbg.ninlined_decl;
		src->cinlined_decl = dbg.cinlined_decl;
		dbg.inl = NULL;
		dbg.ninl = dbg.cinl = 0;
		dbg.inlined_decl = NULL;
		dbg.ninlined_decl = dbg.cinlined_decl = 0;
		src->have_dwarf = 1;
		src->dwarf_from = path;
		path = NULL;
		add_note(src, "inlining from the cached debug vmlinux of %s%s",
			 src->release, rn ? " (same build ID)" :
			 " (build ID not compared: no sys/kernel/notes)");
	}
	free(path);
	source_free(&dbg);
}

void running_source_open(struct source *src, const char *sysroot,
			 const char *tracefs, char **funcs, size_t nfuncs)
{
	src->kind = SRC_RUNNING;
	src->fd = -1;
	src->type = "running kernel";
	src->path = xstrdup(sysroot);
	read_kallsyms(src, sysroot);
	read_filter_functions(src, sysroot, tracefs);
	mark_traceable(src);
	read_livepatch(src, sysroot);
	read_release(src, sysroot);
	read_dbg_vmlinux(src, sysroot, funcs, nfuncs);
}

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
#include <fcntl.h>
#include <stdarg.h>
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

/*
 * The text of PATH, NUL-terminated, its length in *LEN; NULL when it
 * cannot be read, with errno set and *OP saying what failed ("open" or
 * "read").  Files of /proc and tracefs have no size, so the buffer grows
 * until read() says the end.
 */
static char *read_whole(const char *path, size_t *len, const char **op)
{
	size_t cap = 1 << 20, n = 0;
	char *buf;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*op = "open";
	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	if (!buf)
		OUT_OF_MEMORY();
	for (;;) {
		if (cap - n < 2) {
			char *p = realloc(buf, cap * 2);

			if (!p)
				OUT_OF_MEMORY();
			buf = p;
			cap *= 2;
		}
		got = read(fd, buf + n, cap - n - 1);
		if (got == 0)
			break;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;

			free(buf);
			close(fd);
			*op = "read";
			errno = e;
			return NULL;
		}
		n += got;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static size_t count_lines(const char *p, const char *end)
{
	size_t n = 0;

	while (p < end && (p = memchr(p, '\n', end - p))) {
		p++;
		n++;
	}
	return n + 1;	/* a last line without its newline */
}

/* The object name OBJ[LEN] as kept once in SRC->objects. */
static const char *intern_object(struct source *src, const char *obj,
				 size_t len)
{
	size_t i;
	char *copy;

	for (i = 0; i < src->nobjects; i++)
		if (!strncmp(src->objects[i], obj, len) && !src->objects[i][len])
			return src->objects[i];
	copy = malloc(len + 1);
	if (!copy)
		OUT_OF_MEMORY();
	memcpy(copy, obj, len);
	copy[len] = '\0';
	*(char **)VEC_PUSH(src->objects, src->nobjects, src->cobjects) = copy;
	return copy;
}

/* 1 + the value of each hexadecimal digit, 0 for any other character */
static const unsigned char hex_digit[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* What ends a token of sscanf()'s %s: white space, and the end of string */
static const unsigned char token_stop[256] = {
	['\0'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1,
	['\r'] = 1,
};

#define STOPS(c) (token_stop[(unsigned char)(c)])

/* 1 to 16 hex digits at *P, as a number, *P moved past them; else -1. */
static int hex_field(const char **p, unsigned long long *val)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned long long v = 0;
	int n;

	for (n = 0; hex_digit[s[n]]; n++) {
		if (n == 16)
			return -1;
		v = v << 4 | (hex_digit[s[n]] - 1);
	}
	if (!n)
		return -1;
	*p += n;
	*val = v;
	return 0;
}

/* Past a token of 1 to MAX characters that are neither space nor NUL. */
static const char *token_end(const char *p, size_t max)
{
	const char *s = p;

	while (!STOPS(*s))
		s++;
	return s > p && (size_t)(s - p) <= max ? s : NULL;
}

/* Past "[MODULE]" at P, MODULE 1 to MAX characters on this line; NULL if
 * it is not. */
static const char *module_end(const char *p, size_t max)
{
	const char *s = p + 1;

	if (*p != '[')
		return NULL;
	while (*s != ']' && *s != '\n' && *s && (size_t)(s - p) <= max)
		s++;
	return *s == ']' && s > p + 1 ? s + 1 : NULL;
}

/* Is P the end of its line: its newline, or the end of the text? */
static int line_ends(const char *p, const char *text_end)
{
	return *p == '\n' || p == text_end;
}

/*
 * LINE up to its newline or TEXT_END, handed to sscanf() with FORMAT on a
 * copy (the file may hold a NUL), as klp-check always read these files.
 * *END: the line's end.
 */
static int scan_line(const char *line, const char *text_end, char **end,
		     const char *format, ...)
	__attribute__((format(scanf, 4, 5)));
static int scan_line(const char *line, const char *text_end, char **end,
		     const char *format, ...)
{
	const char *e = memchr(line, '\n', text_end - line);
	size_t len = (e ? e + 1 : text_end) - line;
	char *copy = malloc(len + 1);
	va_list ap;
	int n;

	if (!copy)
		OUT_OF_MEMORY();
	memcpy(copy, line, len);
	copy[len] = '\0';
	va_start(ap, format);
	n = vsscanf(copy, format, ap);
	va_end(ap);
	free(copy);
	*end = (char *)(e ? e : text_end);
	return n;
}

#define KSYM_NAME_MAX	511	/* as the "%511s" of the sscanf() below */
#define OBJECT_NAME_MAX	255

/* One line of kallsyms */
struct kline {
	unsigned long long addr;
	char type;
	char *name;			/* NUL-terminated in place */
	size_t len;			/* of name */
	const char *object;		/* interned */
};

/*
 * The kallsyms line at LINE: the kernel writes "address type name" and,
 * for a module, "\t[module]"; that form is split in place.  Anything else
 * goes to sscanf(), which reads it as klp-check always has; its name is
 * then copied to the start of the line, where it fits.  Returns the end
 * of the line (its newline or TEXT_END), NULL if not a kallsyms line.
 */
static char *parse_kallsyms_line(struct source *src, char *line,
				 const char *text_end, const char *vmlinux,
				 struct kline *k)
{
	const char *p = line, *name = NULL, *name_end = NULL, *mod_end = NULL;
	char mod[OBJECT_NAME_MAX + 1] = "vmlinux", nm[KSYM_NAME_MAX + 1];
	char *end;

	if (!hex_field(&p, &k->addr) && p[0] == ' ' && !STOPS(p[1]) &&
	    p[2] == ' ' && (name_end = token_end(name = p + 3, KSYM_NAME_MAX)) &&
	    (line_ends(name_end, text_end) ||
	     (name_end[0] == '\t' &&
	      (mod_end = module_end(name_end + 1, OBJECT_NAME_MAX)) &&
	      line_ends(mod_end, text_end)))) {
		end = line + ((mod_end ? mod_end : name_end) - line);
		k->type = p[1];
		k->name = line + (name - line);
		k->len = name_end - name;
		k->name[k->len] = '\0';
		k->object = mod_end ? intern_object(src, name_end + 2,
						    mod_end - name_end - 3) :
				      vmlinux;
		return end;
	}
	if (scan_line(line, text_end, &end, "%llx %c %511s [%255[^]]]",
		      &k->addr, &k->type, nm, mod) < 3)
		return NULL;
	k->name = line;
	k->len = strlen(nm);
	memcpy(line, nm, k->len + 1);
	k->object = intern_object(src, mod, strlen(mod));
	return end;
}

/* "addr type name [module]" */
static void read_kallsyms(struct source *src, const char *root)
{
	char *path = path_in(root, "proc/kallsyms");
	char *line, *end, *text_end;
	size_t len;
	unsigned long lineno = 0;
	int nonzero = 0;
	static const struct mark { const char *start, *end, *what; } marks[] = {
		{ "__init_begin", "__init_end", "init" },
		{ "__noinstr_text_start", "__noinstr_text_end", "noinstr" },
		{ "__entry_text_start", "__entry_text_end", "entry" },
		{ "__irqentry_text_start", "__irqentry_text_end", "entry" },
		{ "__cpuidle_text_start", "__cpuidle_text_end", "noinstr" },
		{ "__softirqentry_text_start", "__softirqentry_text_end", "entry" },
	};
#define NMARKS (sizeof(marks) / sizeof(marks[0]))
	uint64_t mstart[NMARKS] = { 0 }, mend[NMARKS] = { 0 };
	size_t i, lstart[NMARKS], lend[NMARKS];
	const char *vmlinux, *op;

	for (i = 0; i < NMARKS; i++) {
		lstart[i] = strlen(marks[i].start);
		lend[i] = strlen(marks[i].end);
	}

	src->text = read_whole(path, &len, &op);
	if (!src->text)
		ERROR(src, path, "cannot %s: %s", op, strerror(errno));
	text_end = src->text + len;
	/*
	 * One allocation for all symbols: a kallsyms line of a 64-bit kernel
	 * takes at least 21 bytes (the array grows if this is not one).
	 */
	src->csyms = len / 21 + 16;
	src->syms = malloc(src->csyms * sizeof(*src->syms));
	if (!src->syms)
		OUT_OF_MEMORY();
	vmlinux = intern_object(src, "vmlinux", 7);
	for (line = src->text; line < text_end; line = end + 1) {
		struct kline kl;

		lineno++;
		end = parse_kallsyms_line(src, line, text_end, vmlinux, &kl);
		if (!end) {
			char where[PATH_MAX + 32];

			snprintf(where, sizeof(where), "%s:%lu", path, lineno);
			free(path);
			ERROR(src, where, "not a kallsyms line (want \"address type name [module]\")");
		}
		/* VEC_PUSH() only when the estimate falls short */
		struct ksym *k = src->nsyms < src->csyms ?
				 &src->syms[src->nsyms++] :
				 VEC_PUSH(src->syms, src->nsyms, src->csyms);

		*k = (struct ksym){
			.name = kl.name,
			.object = kl.object,
			.addr = kl.addr,
			.type = kl.type,
			.is_text = kl.type == 't' || kl.type == 'T' ||
				   kl.type == 'w' || kl.type == 'W',
			.order = src->nsyms - 1,
			.traceable = -1,
		};
		nonzero |= kl.addr != 0;
		/* the markers are vmlinux symbols named __... */
		if (kl.object != vmlinux || kl.name[0] != '_' || kl.name[1] != '_')
			continue;
		for (i = 0; i < NMARKS; i++) {
			if (kl.len == lstart[i] && !strcmp(kl.name, marks[i].start))
				mstart[i] = kl.addr;
			if (kl.len == lend[i] && !strcmp(kl.name, marks[i].end))
				mend[i] = kl.addr;
		}
	}
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

/*
 * Sort BASE[N] by CMP when it is sorted but for a tail, as kallsyms and
 * ftrace's list are (vmlinux in address order, then the modules): the
 * tail is sorted alone and merged in, which costs a fraction of sorting
 * the whole.  Stable where the prefix and the tail are.
 */
static void sort_mostly_sorted(void *base, size_t n, size_t size,
			       int (*cmp)(const void *, const void *))
{
	char *a = base, *tmp, *out, *x, *y, *xe, *ye;
	size_t pre = 1;

	if (n < 2)
		return;
	while (pre < n && cmp(a + (pre - 1) * size, a + pre * size) <= 0)
		pre++;
	if (pre == n)
		return;
	qsort(a + pre * size, n - pre, size, cmp);
	if (cmp(a + (pre - 1) * size, a + pre * size) <= 0)
		return;
	tmp = malloc(n * size);
	if (!tmp)
		OUT_OF_MEMORY();
	out = tmp;
	x = a;
	xe = y = a + pre * size;
	ye = a + n * size;
	while (x < xe && y < ye) {
		char **from = cmp(x, y) <= 0 ? &x : &y;

		memcpy(out, *from, size);
		*from += size;
		out += size;
	}
	memcpy(out, x, xe - x);
	memcpy(out + (xe - x), y, ye - y);
	memcpy(a, tmp, n * size);
	free(tmp);
}

static int site_addr_cmp(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/*
 * The names of available_filter_functions (without addresses), a hash set
 * of (name, interned object); the names point into the file's text.
 */
struct name_set {
	char *text;
	const char **name;
	const char **object;
	size_t mask;
};

static size_t name_hash(const char *s)
{
	return fnv(FNV_INIT, s, strlen(s));
}

static void name_set_add(struct name_set *set, const char *name,
			 const char *object)
{
	size_t i = name_hash(name) & set->mask;

	for (; set->name[i]; i = (i + 1) & set->mask)
		if (set->object[i] == object && !strcmp(set->name[i], name))
			return;
	set->name[i] = name;
	set->object[i] = object;
}

static int name_set_has(const struct name_set *set, const char *name,
			const char *object)
{
	size_t i = name_hash(name) & set->mask;

	for (; set->name[i]; i = (i + 1) & set->mask)
		if (set->object[i] == object && !strcmp(set->name[i], name))
			return 1;
	return 0;
}

static void name_set_free(struct name_set *set)
{
	free(set->text);
	free(set->name);
	free(set->object);
	memset(set, 0, sizeof(*set));
}

/* Is the first line of TEXT an address other than 0? */
static int first_line_has_address(char *text, size_t len)
{
	char *nl = memchr(text, '\n', len), saved = 0;
	unsigned long long a = 0;
	int ok;

	if (!len)
		return 0;
	if (nl) {
		saved = nl[1];
		nl[1] = '\0';
	}
	ok = sscanf(text, "%llx", &a) == 1 && a;
	if (nl)
		nl[1] = saved;
	return ok;
}

/*
 * The line of available_filter_functions[_addrs] at LINE: "address name"
 * (only the address is kept) or "name [module]".  The forms the kernel
 * writes are read by hand, anything else by sscanf(), as klp-check always
 * has.  The name is NUL-terminated in place.  Returns the end of the line
 * (its newline or TEXT_END), NULL if it is not such a line.
 */
static char *parse_filter_line(struct source *src, char *line,
			       const char *text_end, int with_addrs,
			       const char *vmlinux, unsigned long long *addr,
			       const char **name, const char **object)
{
	const char *p = line, *name_end, *mod_end = NULL, *e;
	char nm[KSYM_NAME_MAX + 1], mod[OBJECT_NAME_MAX + 1] = "vmlinux";
	char *end;
	int n;

	if (with_addrs) {
		if (!hex_field(&p, addr) && p[0] == ' ' && !STOPS(p[1])) {
			e = memchr(p, '\n', text_end - p);
			return line + ((e ? e : text_end) - line);
		}
	} else if ((name_end = token_end(line, KSYM_NAME_MAX)) &&
		   (line_ends(name_end, text_end) ||
		    (name_end[0] == ' ' &&
		     (mod_end = module_end(name_end + 1, OBJECT_NAME_MAX)) &&
		     line_ends(mod_end, text_end)))) {
		end = line + ((mod_end ? mod_end : name_end) - line);
		*object = mod_end ? intern_object(src, name_end + 2,
						  mod_end - name_end - 3) :
				    vmlinux;
		line[name_end - line] = '\0';
		*name = line;
		return end;
	}
	if (with_addrs)
		n = scan_line(line, text_end, &end, "%llx %511s [%255[^]]]",
			      addr, nm, mod) - 1;
	else
		n = scan_line(line, text_end, &end, "%511s [%255[^]]]", nm, mod);
	if (n < 1)
		return NULL;
	if (!with_addrs) {
		memcpy(line, nm, strlen(nm) + 1);	/* it fits: it came from there */
		*name = line;
		*object = intern_object(src, mod, strlen(mod));
	}
	return end;
}

/*
 * Call sites from available_filter_functions_addrs into src->sites (6.12
 * on), else the names of available_filter_functions into NAMES.
 */
static void read_filter_functions(struct source *src, const char *root,
				  const char *tracefs, struct name_set *names)
{
	const char *dirs[3] = { tracefs, "sys/kernel/tracing",
				"sys/kernel/debug/tracing" };
	char *path = NULL, *text = NULL, *line, *end;
	const char *op;
	int with_addrs = 0;
	size_t d, len = 0;

	for (d = 0; d < 3 && !text; d++) {
		char rel[512];

		if (!dirs[d])
			continue;
		/* An explicit --tracefs is absolute; the defaults are under root. */
		snprintf(rel, sizeof(rel), "%s/available_filter_functions_addrs",
			 dirs[d]);
		free(path);
		path = d == 0 ? xstrdup(rel) : path_in(root, rel);
		text = read_whole(path, &len, &op);
		/* usable only when it shows real addresses */
		if (text && first_line_has_address(text, len)) {
			with_addrs = 1;
			break;
		}
		free(text);
		snprintf(rel, sizeof(rel), "%s/available_filter_functions",
			 dirs[d]);
		free(path);
		path = d == 0 ? xstrdup(rel) : path_in(root, rel);
		text = read_whole(path, &len, &op);
	}
	if (!text) {
		free(path);
		return;		/* not mounted: traceability unknown */
	}
	src->sites_from = with_addrs ? "available_filter_functions_addrs"
				     : "available_filter_functions";

	size_t nlines = count_lines(text, text + len), cap = 1;
	unsigned long lineno = 0;
	const char *vmlinux = intern_object(src, "vmlinux", 7);

	if (with_addrs) {
		src->csites = nlines;
		src->sites = malloc(nlines * sizeof(*src->sites));
		if (!src->sites)
			OUT_OF_MEMORY();
	} else {
		while (cap < 2 * nlines)
			cap *= 2;
		names->mask = cap - 1;
		names->name = calloc(cap, sizeof(*names->name));
		names->object = calloc(cap, sizeof(*names->object));
		if (!names->name || !names->object)
			OUT_OF_MEMORY();
	}
	for (line = text; line < text + len; line = end + 1) {
		unsigned long long addr;
		const char *name, *object;

		lineno++;
		end = parse_filter_line(src, line, text + len, with_addrs,
					vmlinux, &addr, &name, &object);
		if (!end) {
			char where[PATH_MAX + 32];

			snprintf(where, sizeof(where), "%s:%lu", path, lineno);
			free(text);
			free(path);
			name_set_free(names);
			ERROR(src, where, "not a filter function line (want \"%sname [module]\")",
			      with_addrs ? "address " : "");
		}
		if (with_addrs)
			VEC_PUSH(src->sites, src->nsites, src->csites)->addr = addr;
		else
			name_set_add(names, name, object);
	}
	free(path);
	if (with_addrs)
		free(text);
	else
		names->text = text;
	sort_mostly_sorted(src->sites, src->nsites, sizeof(*src->sites),
			   site_addr_cmp);
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
static void mark_traceable(struct source *src, const struct name_set *names)
{
	size_t i, j;

	if (!src->sites_from)
		return;
	for (i = 0; i < src->nsyms; i++)
		src->syms[i].traceable = 0;
	if (src->nsites) {
		struct ksym **by = malloc(src->nsyms * sizeof(*by));
		size_t n = 0, lo = 0;

		if (!by)
			OUT_OF_MEMORY();
		for (i = 0; i < src->nsyms; i++)
			if (src->syms[i].is_text)
				by[n++] = &src->syms[i];
		sort_mostly_sorted(by, n, sizeof(*by), sym_addr_order);
		/* the sites in address order: one walk along the symbols */
		for (j = 0; j < src->nsites; j++) {
			uint64_t a = src->sites[j].addr;

			while (lo < n && by[lo]->addr <= a)
				lo++;
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
	if (!names->name)
		return;
	for (i = 0; i < src->nsyms; i++) {
		struct ksym *k = &src->syms[i];

		if (k->is_text)
			k->traceable = name_set_has(names, k->name, k->object);
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
	struct name_set names = { 0 };

	read_kallsyms(src, sysroot);
	read_filter_functions(src, sysroot, tracefs, &names);
	mark_traceable(src, &names);
	name_set_free(&names);
	read_livepatch(src, sysroot);
	read_release(src, sysroot);
	read_dbg_vmlinux(src, sysroot, funcs, nfuncs);
}

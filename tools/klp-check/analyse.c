// SPDX-License-Identifier: GPL-2.0
/*
 * analyse.c: from what a source knows, decide for one function whether a
 * live patch can replace it, what to watch out for, and how.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-check.h"
#include "log.h"

unsigned long sym_sympos(const struct source *src, const struct ksym *s,
			 unsigned long *count)
{
	unsigned long n = 0, pos = 0;
	size_t i;

	/* livepatch counts every kallsyms entry of that name in the object */
	for (i = 0; i < src->nsyms; i++) {
		const struct ksym *k = &src->syms[i];

		/* the first two characters (names are not empty) weed out
		 * most names before strcmp() */
		if (k->name[0] != s->name[0] ||
		    (s->name[0] && k->name[1] != s->name[1]) ||
		    strcmp(k->name, s->name) ||
		    (k->object != s->object && strcmp(k->object, s->object)) ||
		    (k->init_only && k != s))
			continue;
		n++;
		if (k == s)
			pos = n;
	}
	*count = n;
	return n > 1 ? pos : 0;
}

/* NAME is BASE followed by compiler suffixes such as .isra.0.cold */
static int is_clone(const char *name, const char *base)
{
	static const char *const words[] = {
		"isra", "constprop", "part", "cold", "localalias", "lto_priv",
		"llvm", "clone", "specialized",
	};
	size_t len = strlen(base), i;
	const char *p = name + len;

	if (strncmp(name, base, len) || *p != '.')
		return 0;
	while (*p == '.') {
		const char *w = ++p;
		int known = 0;

		while (isalpha((unsigned char)*p) || *p == '_')
			p++;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if ((size_t)(p - w) == strlen(words[i]) &&
			    !strncmp(w, words[i], p - w))
				known = 1;
		if (!known)
			return 0;
		if (*p == '.' && isdigit((unsigned char)p[1])) {
			p++;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	return *p == '\0';
}

static int starts_with(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

/* Sizes of the texts a finding is made of (longer ones are cut). */
#define HAZARD_TEXT_MAX	1024
#define LIST_TEXT_MAX	1024
#define SYMPOS_TEXT_MAX	256
#define JOIN_MAX	8	/* names listed before "and N more" */
#define HINT_TEXT_MAX	256

#define COLD ".cold"	/* the cold part gcc splits off a function */

/* objtool --prefix (CONFIG_PREFIX_SYMBOLS, 6.2+) names padding so */
#define PFX_PREFIX "__pfx_"

const char *anchor_id(enum anchor a)
{
#define KLP_ANCHOR_ID(name, id) [name] = id,
	static const char *const ids[] = { KLP_ANCHORS(KLP_ANCHOR_ID) };
#undef KLP_ANCHOR_ID

	if (a <= ANCHOR_NONE || (size_t)a >= sizeof(ids) / sizeof(ids[0]))
		return NULL;
	return ids[a];
}

const char *untraceable_reason(const struct source *src, const struct ksym *s,
			       enum anchor *anchor)
{
	static char buf[256];
	size_t i;

	*anchor = ANCHOR_NOTRACE;
	if (!src->sites_from && src->pfe_only)
		return "the file records no ftrace call sites: no __mcount_loc (on x86, __patchable_function_entries is the padding before every function, notrace ones too, not a list of call sites)";
	if (!src->sites_from)
		return src->kind == SRC_ELF ?
			"the file records no ftrace call sites (no __mcount_loc)" :
			"available_filter_functions cannot be read (mount tracefs)";
	if (!s->is_text)
		return "not a function (a data symbol)";
	if (starts_with(s->name, PFX_PREFIX)) {
		snprintf(buf, sizeof(buf),
			 "not a function: the padding before %s (objtool's prefix symbol)",
			 s->name + strlen(PFX_PREFIX));
		return buf;
	}
	if (src->kind == SRC_ELF) {
		if (starts_with(s->section, ".init")) {
			*anchor = ANCHOR_INIT;
			snprintf(buf, sizeof(buf),
				 "in %s: init code is freed after boot", s->section);
			return buf;
		}
		if (starts_with(s->section, ".noinstr") ||
		    starts_with(s->section, ".cpuidle")) {
			snprintf(buf, sizeof(buf), "noinstr code (section %s)",
				 s->section);
			return buf;
		}
		if (starts_with(s->section, ".entry") ||
		    starts_with(s->section, ".irqentry")) {
			snprintf(buf, sizeof(buf), "entry code (section %s)",
				 s->section);
			return buf;
		}
		return "no ftrace call site: marked notrace, or its file is built without -pg";
	}
	for (i = 0; i < src->nranges; i++) {
		const struct addr_range *r = &src->ranges[i];

		if (s->addr < r->start || s->addr >= r->end)
			continue;
		if (!strcmp(r->what, "init")) {
			*anchor = ANCHOR_INIT;
			return "in the init section: freed after boot, and ftrace drops its call sites";
		}
		if (!strcmp(r->what, "noinstr"))
			return "noinstr code: not in available_filter_functions";
		return "entry code: not in available_filter_functions";
	}
	return "not in available_filter_functions: marked notrace, or its file is built without ftrace";
}

const char **klp_replacements(const struct source *src, const struct ksym *s,
			      size_t *n)
{
	const char **out = NULL;
	size_t i, cap = 0;
	unsigned long count, pos = sym_sympos(src, s, &count);

	*n = 0;
	for (i = 0; i < src->nklp; i++) {
		const struct klp_func *k = &src->klp[i];

		/* sysfs shows old_sympos 0 as 1 */
		if (strcmp(k->func, s->name) || strcmp(k->object, s->object) ||
		    k->sympos != (pos ? pos : 1))
			continue;
		const char **p = VEC_PUSH(out, *n, cap);

		*p = k->patch;
	}
	return out;
}

static void add_hazard(struct finding *f, enum anchor anchor,
		       enum severity sev, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_hazard(struct finding *f, enum anchor anchor,
		       enum severity sev, const char *fmt, ...)
{
	struct hazard *h = VEC_PUSH(f->hazards, f->nhazards, f->chazards);
	va_list ap;
	char buf[HAZARD_TEXT_MAX];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h->anchor = anchor;
	h->severity = sev;
	h->detail = xstrdup(buf);
}

void finding_hazard(struct finding *f, enum anchor anchor,
		    enum severity sev, const char *detail)
{
	add_hazard(f, anchor, sev, "%s", detail);
}

static int has_hazard(const struct finding *f, enum severity sev)
{
	size_t i;

	for (i = 0; i < f->nhazards; i++)
		if (f->hazards[i].severity == sev)
			return 1;
	return 0;
}

static void add_unique(char ***arr, size_t *n, const char *s)
{
	size_t i, cap = *n;

	for (i = 0; i < *n; i++)
		if (!strcmp((*arr)[i], s))
			return;
	/* cap == n: grow every time; the lists are short */
	char **p = VEC_PUSH(*arr, *n, cap);

	*p = xstrdup(s);
}

/* "a, b, c" of up to JOIN_MAX names, with "and N more" */
static void join(char *buf, size_t len, char **names, size_t n)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < JOIN_MAX; i++)
		used += snprintf(buf + used, used < len ? len - used : 0,
				 "%s%s", i ? ", " : "", names[i]);
	if (n > JOIN_MAX && used < len)
		snprintf(buf + used, len - used, " and %zu more", n - JOIN_MAX);
}

static void gather(const struct source *src, const char *name,
		   struct finding *f)
{
	size_t i, j, cp = 0, cc = 0, ci = 0;

	for (i = 0; i < src->nsyms; i++) {
		struct ksym *k = &src->syms[i];

		/* the name, and a clone of it, start as NAME does */
		if (!k->is_text || (name[0] && k->name[0] != name[0]) ||
		    (f->patch && strcmp(k->object, f->patch->object)))
			continue;
		if (!strcmp(k->name, name))
			*(struct ksym **)VEC_PUSH(f->plain, f->nplain, cp) = k;
		else if (is_clone(k->name, name))
			*(struct ksym **)VEC_PUSH(f->clones, f->nclones, cc) = k;
	}
	for (i = 0; i < src->ninl; i++) {
		struct inline_site *s = &src->inl[i];

		if (strcmp(s->callee, name))
			continue;
		*(struct inline_site **)VEC_PUSH(f->inl, f->ninl, ci) = s;
		add_unique(&f->callers, &f->ncallers, s->caller);
	}
	for (i = 0; i < src->nprefs; i++) {
		const struct percpu_ref *r = &src->prefs[i];

		for (j = 0; j < f->nplain + f->nclones; j++) {
			const struct ksym *k = j < f->nplain ? f->plain[j] :
					       f->clones[j - f->nplain];

			if (r->shndx == k->shndx && r->offset >= k->addr &&
			    r->offset - k->addr < k->size)
				add_unique(&f->percpu, &f->npercpu, r->var);
		}
	}
	for (i = 0; i < src->ninlined_decl; i++)
		if (!strcmp(src->inlined_decl[i], name))
			f->folded = !f->nplain && !f->nclones && !f->ninl;
	f->in_schedule = !strcmp(name, "__schedule");
	for (i = 0; i < f->ncallers; i++)
		if (!strcmp(f->callers[i], "__schedule") ||
		    is_clone(f->callers[i], "__schedule"))
			f->in_schedule = 1;
	f->already_patched = src->have_klp ? 0 : -1;
	for (i = 0; i < f->nplain && src->have_klp; i++) {
		size_t n;
		const char **p = klp_replacements(src, f->plain[i], &n);

		if (n)
			f->already_patched = 1;
		free(p);
	}
}

/* Is there a function of that name at all? */
static void check_exists(const struct source *src, struct finding *f)
{
	if (f->folded)
		add_hazard(f, ANCHOR_INLINING, SEV_BLOCKER,
			   "inlined into callers DWARF does not name: %s is marked inlined (DW_AT_inline) but no inlined copy is recorded, as when a call with constant arguments is computed at build time; find its callers in the source and patch them",
			   f->name);
	else if (!f->nplain && !f->nclones && !f->ninl)
		add_hazard(f, ANCHOR_NONE, SEV_BLOCKER,
			   "no function named %s in this %s", f->name, src->type);
}

/*
 * The reasons source/limitations/switch-to-schedule.rst gives ("Why it
 * still cannot be patched"); tests/pages.sh checks that both texts below
 * name each of them.
 */
#define SCHEDULE_REASONS \
	"__schedule() is notrace, so ftrace cannot hook it, and every sleeping task has __schedule() on its stack, so a transition replacing it would never complete"

static void check_schedule(struct finding *f)
{
	if (!f->in_schedule)
		return;
	if (!strcmp(f->name, "__schedule"))
		add_hazard(f, ANCHOR_SCHEDULE, SEV_BLOCKER, "%s",
			   SCHEDULE_REASONS);
	else
		add_hazard(f, ANCHOR_SCHEDULE, SEV_BLOCKER,
			   "inlined into __schedule(), whose copy no live patch can replace: %s",
			   SCHEDULE_REASONS);
}

static int in_init_range(const struct source *src, const struct ksym *k)
{
	size_t r;

	if (src->kind == SRC_ELF)
		return starts_with(k->section, ".init");
	for (r = 0; r < src->nranges; r++)
		if (!strcmp(src->ranges[r].what, "init") &&
		    k->addr >= src->ranges[r].start && k->addr < src->ranges[r].end)
			return 1;
	return 0;
}

/* Init code: 1 when found (it says all that ftrace could add). */
static int check_init(const struct source *src, struct finding *f)
{
	size_t i;

	for (i = 0; i < f->nplain; i++) {
		if (!in_init_range(src, f->plain[i]))
			continue;
		add_hazard(f, ANCHOR_INIT, SEV_BLOCKER,
			   "init code: freed once init has run (boot, or the module's load), nothing is left to patch");
		return 1;
	}
	return 0;
}

static void check_traceable(const struct source *src, struct finding *f)
{
	size_t i, traceable = 0, unknown = 0;

	for (i = 0; i < f->nplain; i++) {
		traceable += f->plain[i]->traceable == 1;
		unknown += f->plain[i]->traceable < 0;
	}
	if (f->nplain && !traceable && !unknown) {
		enum anchor anchor;
		const char *why = untraceable_reason(src, f->plain[0], &anchor);

		add_hazard(f, anchor, SEV_BLOCKER, "ftrace cannot hook it (%s)",
			   why);
	} else if (f->nplain && unknown) {
		add_hazard(f, ANCHOR_NOTRACE, SEV_CAVEAT,
			   "whether ftrace can hook it is unknown: %s",
			   src->sites_from ? "no call site table covers it" :
			   src->kind == SRC_ELF ?
			   "the file records no ftrace call sites" :
			   "available_filter_functions cannot be read");
	}
}

/* The most symbols sharing the name, and "1, 3" of the traceable ones. */
static unsigned long duplicates(const struct source *src,
				const struct finding *f, char *pos, size_t len)
{
	unsigned long dups = 0, count, n;
	size_t i, used = 0;

	pos[0] = '\0';
	for (i = 0; i < f->nplain; i++) {
		n = sym_sympos(src, f->plain[i], &count);
		if (count > dups)
			dups = count;
		if (f->plain[i]->traceable == 1 && count > 1)
			used += snprintf(pos + used, used < len ? len - used : 0,
					 "%s%lu", used ? ", " : "", n);
	}
	return dups;
}

static void check_duplicates(const struct source *src, struct finding *f)
{
	char pos[SYMPOS_TEXT_MAX];
	unsigned long dups = duplicates(src, f, pos, sizeof(pos));

	if (f->nplain && dups > 1)
		add_hazard(f, ANCHOR_DUPLICATES, SEV_CAVEAT,
			   "%lu symbols named %s in %s: set old_sympos to the copy you mean%s",
			   dups, f->name, f->plain[0]->object,
			   !strcmp(src->type, "object file") ?
			   " (counted in this object file only: count again in the linked kernel)" : "");
}

static void check_inlined(struct finding *f)
{
	char list[LIST_TEXT_MAX];

	if (!f->ncallers)
		return;
	join(list, sizeof(list), f->callers, f->ncallers);
	if (f->nplain)
		add_hazard(f, ANCHOR_INLINING, SEV_CAVEAT,
			   "also inlined into %s: those copies keep the old code unless you patch them too",
			   list);
	else
		add_hazard(f, ANCHOR_INLINING, SEV_CAVEAT,
			   "no out-of-line copy: inlined into %s", list);
}

static void check_clones(struct finding *f)
{
	char list[LIST_TEXT_MAX], *names[JOIN_MAX];
	size_t i, j, n = 0;

	if (!f->nclones)
		return;
	for (i = 0; i < f->nclones && n < JOIN_MAX; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(names[j], f->clones[i]->name))
				break;
		if (j == n)
			names[n++] = f->clones[i]->name;
	}
	join(list, sizeof(list), names, n);
	if (f->nplain)
		add_hazard(f, ANCHOR_CLONES, SEV_CAVEAT,
			   "compiler clones exist (%s): callers of a clone do not reach the patched function",
			   list);
	else
		add_hazard(f, ANCHOR_CLONES, SEV_CAVEAT,
			   "only compiler clones exist (%s): patch a clone by its symbol name and keep its changed calling convention",
			   list);
}

/*
 * What source/limitations/percpu.rst says to do ("What to do instead");
 * tests/pages.sh checks that the page still says it.
 */
#define PERCPU_ADVICE \
	"reach the target's per-CPU variable through a klp relocation, and use it only with the same accessors as the original code"

static void check_percpu(struct finding *f)
{
	char list[LIST_TEXT_MAX];

	if (!f->npercpu)
		return;
	join(list, sizeof(list), f->percpu, f->npercpu);
	add_hazard(f, ANCHOR_PERCPU, SEV_CAVEAT,
		   "references per-CPU data (%s): %s (a DEFINE_PER_CPU in the patch module is another variable)",
		   list, PERCPU_ADVICE);
}

static void check_already_patched(struct finding *f)
{
	if (f->already_patched == 1)
		add_hazard(f, ANCHOR_ALREADY_PATCHED, SEV_CAVEAT,
			   "a live patch already replaces it: a new patch must carry the replacement forward (cumulative, replace) or stack on it");
}

/* --- a patch's own choices (klp-check --patch) ------------------------ */

/* Does the patch replace NAME in the object of F too? */
static int patch_covers(const struct finding *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->npatch_all; i++)
		if (f->patch_all[i].old_name &&
		    !strcmp(f->patch_all[i].old_name, name) &&
		    !strcmp(f->patch_all[i].object, f->patch->object))
			return 1;
	return 0;
}

/*
 * old_sympos as klp_find_object_symbol() (kernel/livepatch/core.c, 6.1
 * and 6.12) takes it: 0 wants a unique name, N > 0 the N-th of that name
 * in kallsyms order.  Sets f->selected to the copy the kernel would take.
 */
static void check_sympos_patch(const struct source *src, struct finding *f)
{
	unsigned long want = f->patch->sympos, count = 0, pos;
	size_t i;

	if (!f->nplain)
		return;
	for (i = 0; i < f->nplain; i++) {
		pos = sym_sympos(src, f->plain[i], &count);
		if ((want == 0 && count == 1) || (want && pos == want) ||
		    (want == 1 && count == 1))
			f->selected = f->plain[i];
	}
	if (want == 0 && count > 1)
		add_hazard(f, ANCHOR_DUPLICATES, SEV_BLOCKER,
			   "old_sympos 0, but %lu symbols are named %s in %s: the kernel refuses the patch (\"unresolvable ambiguity\"); set old_sympos to the copy you mean",
			   count, f->name, f->patch->object);
	else if (want > count)
		add_hazard(f, ANCHOR_DUPLICATES, SEV_BLOCKER,
			   "old_sympos %lu, but only %lu symbol%s named %s in %s: the kernel refuses the patch (\"symbol position ... not found\")",
			   want, count, count == 1 ? " is" : "s are", f->name,
			   f->patch->object);
	else if (want > 1 || (want == 1 && count > 1))
		add_hazard(f, ANCHOR_DUPLICATES, SEV_CAVEAT,
			   "old_sympos %lu picks copy %lu of %lu named %s in %s: make sure it is the one you mean, and that a rebuilt kernel did not renumber them",
			   want, want, count, f->name, f->patch->object);
}

/* The kernel looks the name up in kallsyms: an inlined-only or
 * clone-only function is not there (klp_find_object_symbol()). */
static void check_symbol_patch(struct finding *f)
{
	char list[LIST_TEXT_MAX];

	if (f->nplain || (!f->ninl && !f->nclones))
		return;	/* found, or check_exists() said it is missing */
	if (f->ncallers)
		join(list, sizeof(list), f->callers, f->ncallers);
	add_hazard(f, f->ncallers ? ANCHOR_INLINING : ANCHOR_CLONES,
		   SEV_BLOCKER,
		   "no symbol %s in %s: the kernel refuses the patch (\"symbol '%s' not found\"); %s%s",
		   f->name, f->patch->object, f->name,
		   f->ncallers ? "patch the callers it was inlined into: " :
		   "patch the clone by its symbol name",
		   f->ncallers ? list : "");
}

static void check_selected_traceable(const struct source *src,
				     struct finding *f)
{
	enum anchor anchor;
	const char *why;

	if (!f->selected || f->selected->traceable == 1)
		return;
	if (f->selected->traceable < 0) {
		add_hazard(f, ANCHOR_NOTRACE, SEV_CAVEAT,
			   "whether ftrace can hook the copy the patch selects is unknown: %s",
			   src->kind == SRC_ELF ? "no call site table covers it" :
			   "available_filter_functions cannot be read");
		return;
	}
	why = untraceable_reason(src, f->selected, &anchor);
	add_hazard(f, anchor, SEV_BLOCKER,
		   "ftrace cannot hook the copy the patch selects (%s)", why);
}

static void check_inlined_patch(struct finding *f)
{
	char *missed[JOIN_MAX], list[LIST_TEXT_MAX];
	size_t i, n = 0, total = 0;

	for (i = 0; i < f->ncallers; i++) {
		if (patch_covers(f, f->callers[i]))
			continue;
		if (n < JOIN_MAX)
			missed[n++] = f->callers[i];
		total++;
	}
	if (!total)
		return;
	join(list, sizeof(list), missed, n);
	add_hazard(f, ANCHOR_INLINING, SEV_CAVEAT,
		   "inlined into %s%s, which the patch does not replace: those copies keep the old code",
		   list, total > n ? " and more" : "");
}

static void check_clones_patch(struct finding *f)
{
	char *missed[JOIN_MAX], list[LIST_TEXT_MAX];
	size_t i, j, n = 0;

	for (i = 0; i < f->nclones && n < JOIN_MAX; i++) {
		const char *c = f->clones[i]->name;
		size_t len = strlen(c);

		/* f.cold is the cold part of f, replaced with it */
		if (patch_covers(f, c) ||
		    (len > strlen(COLD) && !strcmp(c + len - strlen(COLD), COLD)))
			continue;
		for (j = 0; j < n; j++)
			if (!strcmp(missed[j], f->clones[i]->name))
				break;
		if (j == n)
			missed[n++] = f->clones[i]->name;
	}
	if (!n)
		return;
	join(list, sizeof(list), missed, n);
	add_hazard(f, ANCHOR_CLONES, SEV_CAVEAT,
		   "compiler clones the patch does not replace (%s): their callers keep the old code",
		   list);
}

/* DBG_FETCH RELEASE prints the path of the -dbg vmlinux it extracted. */
#define DBG_FETCH "scripts/fetch-dbg-vmlinux.sh"

const char *inlining_hint(const struct source *src, char *buf, size_t len)
{
	if (src->kind == SRC_RUNNING)
		snprintf(buf, len, "%s %s gets it", DBG_FETCH,
			 src->release ? src->release : "RELEASE");
	else if (!strcmp(src->type, "vmlinux"))
		snprintf(buf, len, "check the vmlinux of linux-image-RELEASE-dbg: %s RELEASE",
			 DBG_FETCH);
	else
		snprintf(buf, len, "build it with -g, CONFIG_DEBUG_INFO for a kernel");
	return buf;
}

/*
 * Without DWARF the first question of a patch is open: does the code
 * live on in inlined copies?  The "inlined" line always says so and what
 * answers it (inlining_hint()); where nothing else stands against the
 * function, this hazard keeps the verdict from saying "patchable as is".
 */
static void check_inlining_known(const struct source *src, struct finding *f)
{
	char hint[HINT_TEXT_MAX];

	if (src->have_dwarf || has_hazard(f, SEV_BLOCKER) ||
	    has_hazard(f, SEV_CAVEAT))
		return;
	add_hazard(f, ANCHOR_INLINING, SEV_UNKNOWN,
		   "is it also inlined into other functions? No DWARF to tell (%s)",
		   inlining_hint(src, hint, sizeof(hint)));
}

static int inlining_open(const struct finding *f)
{
	size_t i;

	for (i = 0; i < f->nhazards; i++)
		if (f->hazards[i].severity == SEV_UNKNOWN &&
		    f->hazards[i].anchor == ANCHOR_INLINING)
			return 1;
	return 0;
}

static void decide(const struct source *src, struct finding *f)
{
	char list[LIST_TEXT_MAX], pos[SYMPOS_TEXT_MAX];
	char text[LIST_TEXT_MAX + SYMPOS_TEXT_MAX];
	unsigned long dups = duplicates(src, f, pos, sizeof(pos));

	if (has_hazard(f, SEV_BLOCKER)) {
		f->verdict = V_NOT_PATCHABLE;
		snprintf(text, sizeof(text), "not patchable");
	} else if (!f->nplain && f->ncallers && !f->patch) {
		join(list, sizeof(list), f->callers, f->ncallers);
		f->verdict = V_CALLERS;
		snprintf(text, sizeof(text), "patch these callers instead: %s",
			 list);
	} else if (f->nplain && dups > 1 && pos[0] && !f->patch) {
		f->verdict = V_SYMPOS;
		snprintf(text, sizeof(text), "patchable with old_sympos %s", pos);
	} else if (has_hazard(f, SEV_CAVEAT)) {
		f->verdict = V_CAVEATS;
		snprintf(text, sizeof(text), "patchable with caveats");
	} else if (has_hazard(f, SEV_UNKNOWN)) {
		f->verdict = V_UNKNOWN;
		snprintf(text, sizeof(text), "%s", inlining_open(f) ?
			 "patchable if it is inlined nowhere: unknown without DWARF" :
			 "patchable if the open questions above are answered");
	} else {
		f->verdict = V_PATCHABLE;
		snprintf(text, sizeof(text), "patchable as is");
	}
	f->verdict_text = xstrdup(text);
}

/*
 * Each check adds its hazards; analyse_finish() turns them into the
 * verdict.  With PF (klp-check --patch), the function is looked up in the
 * patch's object only, and the patch's old_sympos, clones and inlined
 * callers are judged against ALL the functions the patch replaces.
 */
void analyse_begin(const struct source *src, const char *name,
		   const struct patch_func *pf, const struct patch_func *all,
		   size_t nall, struct finding *f)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->patch = pf;
	f->patch_all = all;
	f->npatch_all = nall;
	gather(src, name, f);

	check_exists(src, f);
	check_schedule(f);
	if (!check_init(src, f)) {
		if (pf) {
			check_symbol_patch(f);
			check_sympos_patch(src, f);
			check_selected_traceable(src, f);
		} else {
			check_traceable(src, f);
		}
	}
	if (pf) {
		check_inlined_patch(f);
		check_clones_patch(f);
	} else {
		check_duplicates(src, f);
		check_inlined(f);
		check_clones(f);
	}
	check_percpu(f);
	check_already_patched(f);
}

void analyse_finish(const struct source *src, struct finding *f)
{
	check_inlining_known(src, f);
	decide(src, f);
}

void analyse_skip(const char *name, const struct patch_func *pf,
		  enum anchor anchor, const char *hazard, struct finding *f)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->patch = pf;
	f->already_patched = -1;
	add_hazard(f, anchor, SEV_UNKNOWN, "%s", hazard);
	f->verdict = V_UNKNOWN;
	f->verdict_text = xstrdup("not checked");
}

void analyse(const struct source *src, const char *name, struct finding *f)
{
	analyse_begin(src, name, NULL, NULL, 0, f);
	analyse_finish(src, f);
}

void finding_free(struct finding *f)
{
	size_t i;

	free(f->plain);
	free(f->clones);
	free(f->inl);
	for (i = 0; i < f->ncallers; i++)
		free(f->callers[i]);
	free(f->callers);
	for (i = 0; i < f->npercpu; i++)
		free(f->percpu[i]);
	free(f->percpu);
	for (i = 0; i < f->nhazards; i++)
		free(f->hazards[i].detail);
	free(f->hazards);
	free(f->old_proto);
	free(f->new_proto);
	free(f->verdict_text);
}

int verdict_exit(enum verdict v)
{
	switch (v) {
	case V_PATCHABLE:
		return KLP_EXIT_PATCHABLE;
	case V_SYMPOS:
	case V_CALLERS:
	case V_CAVEATS:
		return KLP_EXIT_CAVEATS;
	case V_UNKNOWN:
		return KLP_EXIT_UNKNOWN;
	case V_NOT_PATCHABLE:
		break;
	}
	return KLP_EXIT_NOT_PATCHABLE;
}

int verdict_rank(enum verdict v)
{
	switch (v) {
	case V_PATCHABLE:
		return 0;
	case V_UNKNOWN:
		return 1;
	case V_SYMPOS:
	case V_CALLERS:
	case V_CAVEATS:
		return 2;
	case V_NOT_PATCHABLE:
		break;
	}
	return 3;
}

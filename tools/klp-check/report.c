// SPDX-License-Identifier: GPL-2.0
/*
 * report.c: print the findings, as text for people or as JSON for tools.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp-check.h"

static const char *const verdict_ids[] = {
	[V_PATCHABLE] = "patchable",
	[V_SYMPOS] = "patchable-with-old-sympos",
	[V_CALLERS] = "patch-callers-instead",
	[V_CAVEATS] = "patchable-with-caveats",
	[V_NOT_PATCHABLE] = "not-patchable",
	[V_UNKNOWN] = "patchable-if-answered",
};

static const char *const severity_ids[] = {
	[SEV_UNKNOWN] = "unknown",
	[SEV_CAVEAT] = "caveat",
	[SEV_BLOCKER] = "blocker",
};

static const char *traceable_text(const struct source *src,
				  const struct ksym *k, enum anchor *anchor)
{
	*anchor = ANCHOR_NONE;
	if (k->traceable == 1)
		return "traceable";
	if (k->traceable < 0)
		return "traceable: unknown";
	return untraceable_reason(src, k, anchor);
}

static void text_symbol(FILE *out, const struct source *src,
			const char *label, const struct ksym *k)
{
	unsigned long count, pos = sym_sympos(src, k, &count);
	enum anchor anchor;
	const char *tr = traceable_text(src, k, &anchor);
	size_t n, i;
	const char **by;

	fprintf(out, "  %-9s %s %s %c 0x%llx", label, k->name, k->object,
		k->type, (unsigned long long)k->addr);
	if (k->section)
		fprintf(out, " %s", k->section);
	if (count > 1)
		fprintf(out, " old_sympos %lu (%lu of %lu)", pos, pos, count);
	else
		fprintf(out, " old_sympos 0 (unique)");
	fprintf(out, ": %s%s\n", k->traceable == 0 ? "not traceable, " : "", tr);
	by = klp_replacements(src, k, &n);
	for (i = 0; i < n; i++)
		fprintf(out, "  %-9s replaced by live patch %s\n", "", by[i]);
	free(by);
}

static void text_patch_func(FILE *out, const struct finding *f)
{
	const struct patch_func *p = f->patch;

	fprintf(out, "  %-9s %s, object %s, old_sympos %lu\n", "new",
		p->new_name ? p->new_name : "(unknown)", p->object, p->sympos);
	if (f->old_proto)
		fprintf(out, "  %-9s old %s\n", "prototype", f->old_proto);
	if (f->new_proto)
		fprintf(out, "  %-9s new %s\n", "prototype", f->new_proto);
}

void report_text(FILE *out, const struct patch_head *ph,
		 const struct source *src, const struct finding *fs, size_t n)
{
	size_t i, j;

	if (ph)
		fprintf(out, "patch: %s (module %s%s)\n", ph->path, ph->name,
			ph->replace ? ", replace" : "");
	fprintf(out, "%s: %s (%s)\n", ph ? "target" : "source", src->path,
		src->type);
	for (i = 0; i < src->nnotes; i++)
		fprintf(out, "note: %s\n", src->notes[i]);
	for (i = 0; i < n; i++) {
		char hint[256];
		const struct finding *f = &fs[i];

		fprintf(out, "\nfunction %s\n", f->name);
		if (f->patch)
			text_patch_func(out, f);
		for (j = 0; j < f->nplain; j++)
			text_symbol(out, src, "symbol", f->plain[j]);
		if (!f->nplain)
			fprintf(out, "  %-9s none with this exact name\n", "symbol");
		for (j = 0; j < f->nclones; j++)
			text_symbol(out, src, "clone", f->clones[j]);
		if (!src->have_dwarf)
			fprintf(out, "  %-9s unknown: no DWARF (%s)\n", "inlined",
				inlining_hint(src, hint, sizeof(hint)));
		else if (f->folded)
			fprintf(out, "  %-9s yes (DW_AT_inline), but no inlined copy is recorded\n",
				"inlined");
		else if (!f->ninl)
			fprintf(out, "  %-9s nowhere\n", "inlined");
		for (j = 0; j < f->ninl; j++) {
			fprintf(out, "  %-9s into %s", "inlined", f->inl[j]->caller);
			if (f->inl[j]->via)
				fprintf(out, " (via %s)", f->inl[j]->via);
			fputc('\n', out);
		}
		if (!src->have_relocs)
			fprintf(out, "  %-9s unknown: no relocations\n", "per-cpu");
		else if (!f->npercpu)
			fprintf(out, "  %-9s none\n", "per-cpu");
		for (j = 0; j < f->npercpu; j++)
			fprintf(out, "  %-9s %s\n", "per-cpu", f->percpu[j]);
		fprintf(out, "  %-9s %s\n", "patched",
			f->already_patched < 0 ? "unknown: not a running system" :
			f->already_patched ? "yes" : "no");
		for (j = 0; j < f->nhazards; j++) {
			const struct hazard *h = &f->hazards[j];

			fprintf(out, "  %-9s %s: %s\n", "hazard",
				severity_ids[h->severity], h->detail);
			if (anchor_id(h->anchor))
				fprintf(out, "  %-9s see %s%s\n", "", CHEATSHEET,
					anchor_id(h->anchor));
		}
		fprintf(out, "  %-9s %s\n", "verdict", f->verdict_text);
	}
}

static void json_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void json_tri(FILE *out, int v)
{
	fputs(v < 0 ? "null" : v ? "true" : "false", out);
}

static void json_symbol(FILE *out, const struct source *src,
			const struct ksym *k, const char *indent)
{
	unsigned long count, pos = sym_sympos(src, k, &count);
	enum anchor anchor;
	const char *why = NULL;
	const char **by;
	size_t n, i;
	char addr[32];

	if (k->traceable == 0)
		why = untraceable_reason(src, k, &anchor);
	snprintf(addr, sizeof(addr), "0x%llx", (unsigned long long)k->addr);
	fprintf(out, "%s{\"name\": ", indent);
	json_str(out, k->name);
	fputs(", \"object\": ", out);
	json_str(out, k->object);
	fputs(", \"address\": ", out);
	json_str(out, addr);
	fprintf(out, ", \"type\": \"%c\", \"section\": ", k->type);
	json_str(out, k->section);
	fprintf(out, ", \"old_sympos\": %lu, \"same_name_in_object\": %lu, \"traceable\": ",
		pos, count);
	json_tri(out, k->traceable);
	fputs(", \"untraceable_reason\": ", out);
	json_str(out, why);
	fputs(", \"replaced_by\": [", out);
	by = klp_replacements(src, k, &n);
	for (i = 0; i < n; i++) {
		fputs(i ? ", " : "", out);
		json_str(out, by[i]);
	}
	free(by);
	fputs("]}", out);
}

void report_json(FILE *out, const struct patch_head *ph,
		 const struct source *src, const struct finding *fs, size_t n,
		 int status)
{
	size_t i, j;

	fputs("{\n", out);
	if (ph) {
		fputs("  \"patch\": {\"path\": ", out);
		json_str(out, ph->path);
		fputs(", \"module\": ", out);
		json_str(out, ph->name);
		fprintf(out, ", \"replace\": %s},\n", ph->replace ? "true" : "false");
	}
	fputs("  \"source\": {\"path\": ", out);
	json_str(out, src->path);
	fputs(", \"type\": ", out);
	json_str(out, src->type);
	fputs(", \"call_sites_from\": ", out);
	json_str(out, src->sites_from);
	fprintf(out, ", \"dwarf\": %s, \"relocations\": %s",
		src->have_dwarf ? "true" : "false",
		src->have_relocs ? "true" : "false");
	fputs(", \"dwarf_from\": ", out);
	json_str(out, src->dwarf_from);
	fputs(", \"without_dwarf\": ", out);
	{
		char hint[256];

		json_str(out, src->have_dwarf ? NULL :
			 inlining_hint(src, hint, sizeof(hint)));
	}
	fputs(", \"notes\": [", out);
	for (i = 0; i < src->nnotes; i++) {
		fputs(i ? ", " : "", out);
		json_str(out, src->notes[i]);
	}
	fputs("]},\n", out);
	fputs("  \"functions\": [", out);
	for (i = 0; i < n; i++) {
		const struct finding *f = &fs[i];

		fputs(i ? ",\n    {" : "\n    {", out);
		fputs("\"name\": ", out);
		json_str(out, f->name);
		if (f->patch) {
			fputs(", \"new_func\": ", out);
			json_str(out, f->patch->new_name);
			fputs(", \"object\": ", out);
			json_str(out, f->patch->object);
			fprintf(out, ", \"old_sympos\": %lu", f->patch->sympos);
			fputs(",\n     \"old_prototype\": ", out);
			json_str(out, f->old_proto);
			fputs(", \"new_prototype\": ", out);
			json_str(out, f->new_proto);
		}
		fputs(",\n     \"symbols\": [", out);
		for (j = 0; j < f->nplain; j++)
			json_symbol(out, src, f->plain[j], j ? ",\n       " : "\n       ");
		fputs("],\n     \"clones\": [", out);
		for (j = 0; j < f->nclones; j++)
			json_symbol(out, src, f->clones[j], j ? ",\n       " : "\n       ");
		fputs("],\n     \"inlined_into\": ", out);
		if (!src->have_dwarf) {
			fputs("null", out);
		} else {
			fputc('[', out);
			for (j = 0; j < f->ninl; j++) {
				fputs(j ? ", {\"caller\": " : "{\"caller\": ", out);
				json_str(out, f->inl[j]->caller);
				fputs(", \"via\": ", out);
				json_str(out, f->inl[j]->via);
				fputc('}', out);
			}
			fputc(']', out);
		}
		fputs(",\n     \"callers_to_patch\": [", out);
		for (j = 0; j < f->ncallers && !f->nplain; j++) {
			fputs(j ? ", " : "", out);
			json_str(out, f->callers[j]);
		}
		fputs("],\n     \"percpu\": ", out);
		if (!src->have_relocs) {
			fputs("null", out);
		} else {
			fputc('[', out);
			for (j = 0; j < f->npercpu; j++) {
				fputs(j ? ", " : "", out);
				json_str(out, f->percpu[j]);
			}
			fputc(']', out);
		}
		fprintf(out, ",\n     \"in_schedule\": %s, \"already_patched\": ",
			f->in_schedule ? "true" : "false");
		json_tri(out, f->already_patched);
		fputs(",\n     \"hazards\": [", out);
		for (j = 0; j < f->nhazards; j++) {
			const struct hazard *h = &f->hazards[j];
			char link[128];

			fputs(j ? ",\n       {\"anchor\": " : "\n       {\"anchor\": ", out);
			json_str(out, anchor_id(h->anchor));
			fputs(", \"link\": ", out);
			snprintf(link, sizeof(link), "%s%s", CHEATSHEET,
				 anchor_id(h->anchor) ? anchor_id(h->anchor) : "");
			json_str(out, anchor_id(h->anchor) ? link : NULL);
			fprintf(out, ", \"severity\": \"%s\", \"detail\": ",
				severity_ids[h->severity]);
			json_str(out, h->detail);
			fputc('}', out);
		}
		fprintf(out, "],\n     \"verdict\": \"%s\", \"verdict_text\": ",
			verdict_ids[f->verdict]);
		json_str(out, f->verdict_text);
		fprintf(out, ", \"exit_status\": %d}", verdict_exit(f->verdict));
	}
	fprintf(out, "\n  ],\n  \"exit_status\": %d\n}\n", status);
}

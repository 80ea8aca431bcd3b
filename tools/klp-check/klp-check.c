// SPDX-License-Identifier: GPL-2.0
/*
 * klp-check: tell a live patch author whether a kernel function can be
 * live patched, and how.
 *
 *   klp-check [--json] --elf vmlinux|file.ko|file.o FUNCTION...
 *   klp-check [--json] [--sysroot DIR] [--tracefs DIR] FUNCTION...
 *   klp-check [--json] --patch MODULE.ko [TARGET]
 *
 * See klp-check.1 for the verdicts and the exit status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "klp-check.h"
#include "log.h"
#include "patch.h"

#ifndef KLP_CHECK_VERSION
#define KLP_CHECK_VERSION "0"
#endif

struct options {
	const char *elf;
	const char *object;
	const char *sysroot;
	const char *tracefs;
	const char *patch;	/* --patch MODULE.ko */
	const char *target;	/* its TARGET file, or NULL: running system */
	int json;
	char **funcs;
	size_t nfuncs;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: klp-check [options] FUNCTION...\n"
		"\n"
		"       klp-check [options] --patch MODULE.ko [TARGET]\n"
		"\n"
		"Say whether each FUNCTION can be live patched, and how; or check\n"
		"each function a built live patch module replaces against TARGET\n"
		"(vmlinux with DWARF, a module .ko) or the running system.\n"
		"\n"
		"  -p, --patch FILE    check the live patch module FILE\n"
		"  -e, --elf FILE      check vmlinux, a module (.ko) or an object file (.o)\n"
		"                      instead of the running system\n"
		"  -o, --object NAME   object name for --elf (default: vmlinux, or the\n"
		"                      module's name)\n"
		"  -s, --sysroot DIR   read /proc and /sys below DIR (default /)\n"
		"  -t, --tracefs DIR   tracefs directory (default: DIR/sys/kernel/tracing,\n"
		"                      then DIR/sys/kernel/debug/tracing)\n"
		"  -j, --json          print JSON instead of text\n"
		"  -n, --no-cache      with --elf, neither read nor write the cached\n"
		"                      index of where functions are inlined (vmlinux)\n"
		"  -h, --help          print this help\n"
		"  -V, --version       print the version\n"
		"\n"
		"Exit status: 0 patchable, 1 patchable with caveats, 2 not patchable,\n"
		"3 error, 4 usage, 5 patchable if the open questions are answered\n"
		"(without DWARF: is it inlined elsewhere?).\n");
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "elf", required_argument, NULL, 'e' },
		{ "object", required_argument, NULL, 'o' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "tracefs", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "patch", required_argument, NULL, 'p' },
		{ "no-cache", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->sysroot = "/";
	klp_index_enabled = 1;
	argv[0] = "klp-check";	/* getopt names the program so */
	while ((c = getopt_long(argc, argv, "e:o:s:t:jnp:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'e':
			o->elf = optarg;
			break;
		case 'o':
			o->object = optarg;
			break;
		case 's':
			o->sysroot = optarg;
			break;
		case 't':
			o->tracefs = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'n':
			klp_index_enabled = 0;
			break;
		case 'p':
			o->patch = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(KLP_EXIT_PATCHABLE);
		case 'V':
			printf("klp-check %s\n", KLP_CHECK_VERSION);
			exit(KLP_EXIT_PATCHABLE);
		default:
			usage(stderr);
			exit(KLP_EXIT_USAGE);
		}
	}
	if (o->patch) {
		if (o->elf || argc - optind > 1) {
			fprintf(stderr, "klp-check: --patch MODULE.ko takes at most one TARGET, and no --elf\n");
			exit(KLP_EXIT_USAGE);
		}
		o->target = optind < argc ? argv[optind] : NULL;
		if (o->target && (o->tracefs || strcmp(o->sysroot, "/"))) {
			fprintf(stderr, "klp-check: a TARGET file is checked instead of the running system: no --sysroot or --tracefs\n");
			exit(KLP_EXIT_USAGE);
		}
		return;
	}
	if (optind >= argc) {
		fprintf(stderr, "klp-check: name at least one FUNCTION\n");
		usage(stderr);
		exit(KLP_EXIT_USAGE);
	}
	if (o->elf && (o->tracefs || strcmp(o->sysroot, "/"))) {
		fprintf(stderr, "klp-check: --elf checks a file; --sysroot and --tracefs are for the running system\n");
		exit(KLP_EXIT_USAGE);
	}
	o->funcs = argv + optind;
	o->nfuncs = argc - optind;
}

static void load_source(const struct options *o, struct source *src)
{
	memset(src, 0, sizeof(*src));
	if (o->elf)
		elf_source_open(src, o->elf, o->object, o->funcs, o->nfuncs);
	else
		running_source_open(src, o->sysroot, o->tracefs, o->funcs,
				    o->nfuncs);
}

static struct finding *analyse_all(const struct options *o,
				   const struct source *src, int *status)
{
	struct finding *f = calloc(o->nfuncs, sizeof(*f));
	enum verdict worst = V_PATCHABLE;
	size_t i;

	if (!f)
		OUT_OF_MEMORY();
	for (i = 0; i < o->nfuncs; i++) {
		analyse(src, o->funcs[i], &f[i]);
		if (!i || verdict_rank(f[i].verdict) > verdict_rank(worst))
			worst = f[i].verdict;
	}
	*status = verdict_exit(worst);
	return f;
}

static void print_report(const struct options *o, const struct patch_head *ph,
			 const struct source *src, const struct finding *f,
			 size_t n, int status)
{
	if (o->json)
		report_json(stdout, ph, src, f, n, status);
	else
		report_text(stdout, ph, src, f, n);
	if (fflush(stdout) != 0 || ferror(stdout))
		FAIL("(standard output)", "write error");
}

/* Is any kallsyms symbol of the running system in module OBJECT? */
static int object_loaded(const struct source *src, const char *object)
{
	size_t i;

	for (i = 0; i < src->nsyms; i++)
		if (!strcmp(src->syms[i].object, object))
			return 1;
	return 0;
}

/* A jump label or static call of the patch on a key of F's module. */
static void check_keys(const struct patch *p, struct finding *f)
{
	char msg[1024];
	size_t i;

	for (i = 0; i < p->nkeys; i++) {
		if (strcmp(p->keys[i].object, f->patch->object))
			continue;
		snprintf(msg, sizeof(msg),
			 "the patch module has a %s entry on key %s of module %s: the kernel reads it when the patch module loads, before klp_enable_patch() writes the klp relocation that points it to the key, loaded module or not",
			 !strcmp(p->keys[i].what, "__jump_table") ?
			 "jump label (__jump_table)" : "static call (.static_call_sites)",
			 p->keys[i].key, p->keys[i].object);
		finding_hazard(f, ANCHOR_JUMP_LABELS, SEV_BLOCKER, msg);
	}
}

static struct finding *check_patch(const struct options *o,
				   const struct patch *p,
				   const struct source *psrc,
				   const struct source *tsrc, int *status)
{
	struct finding *fs = calloc(p->nfuncs ? p->nfuncs : 1, sizeof(*fs));
	enum verdict worst = V_PATCHABLE;
	char msg[1024];
	size_t i;

	if (!fs)
		OUT_OF_MEMORY();
	for (i = 0; i < p->nfuncs; i++) {
		const struct patch_func *pf = &p->funcs[i];
		struct finding *f = &fs[i];

		if (!pf->old_name) {
			analyse_skip("(set at run time)", pf, ANCHOR_NONE,
				     "old_name is not in the module's data: its code writes it at run time (a module parameter?), so nothing can be checked here",
				     f);
		} else if (o->target && strcmp(pf->object, tsrc->object)) {
			snprintf(msg, sizeof(msg),
				 "object %s is not the target (%s): check it against that object's file",
				 pf->object, tsrc->object);
			analyse_skip(pf->old_name, pf, ANCHOR_NONE, msg, f);
		} else if (!o->target && strcmp(pf->object, "vmlinux") &&
			   !object_loaded(tsrc, pf->object)) {
			snprintf(msg, sizeof(msg),
				 "module %s is not loaded: load it, or give its .ko as TARGET",
				 pf->object);
			analyse_skip(pf->old_name, pf, ANCHOR_MODULE_NOT_LOADED,
				     msg, f);
		} else {
			analyse_begin(tsrc, pf->old_name, pf, p->funcs,
				      p->nfuncs, f);
			patch_check_dwarf(psrc, tsrc, f);
			check_keys(p, f);
			analyse_finish(tsrc, f);
		}
		if (!i || verdict_rank(f->verdict) > verdict_rank(worst))
			worst = f->verdict;
	}
	*status = verdict_exit(worst);
	return fs;
}

static int run_patch(const struct options *o)
{
	struct source psrc = { 0 }, tsrc = { 0 };
	struct patch p;
	struct patch_head ph;
	struct finding *fs;
	char **names;
	size_t i;
	int status;

	patch_read(&p, &psrc, o->patch);
	if (!p.nfuncs)
		ERROR(&psrc, o->patch, "its klp_patch replaces no function");
	names = calloc(p.nfuncs, sizeof(*names));
	if (!names)
		OUT_OF_MEMORY();
	for (i = 0; i < p.nfuncs; i++)
		names[i] = p.funcs[i].old_name ? p.funcs[i].old_name : "";
	if (o->target)
		elf_source_open(&tsrc, o->target, o->object, names, p.nfuncs);
	else
		running_source_open(&tsrc, o->sysroot, o->tracefs, names,
				    p.nfuncs);
	fs = check_patch(o, &p, &psrc, &tsrc, &status);
	ph.path = o->patch;
	ph.name = p.name;
	ph.replace = p.replace;
	print_report(o, &ph, &tsrc, fs, p.nfuncs, status);
	for (i = 0; i < p.nfuncs; i++)
		finding_free(&fs[i]);
	free(fs);
	free(names);
	source_free(&tsrc);
	patch_free(&p);
	source_free(&psrc);
	return status;
}

int main(int argc, char **argv)
{
	struct options opts = { 0 };
	struct source src;
	struct finding *findings;
	int status;
	size_t i;

	parse_options(argc, argv, &opts);
	if (opts.patch)
		return run_patch(&opts);
	load_source(&opts, &src);
	findings = analyse_all(&opts, &src, &status);
	print_report(&opts, NULL, &src, findings, opts.nfuncs, status);

	for (i = 0; i < opts.nfuncs; i++)
		finding_free(&findings[i]);
	free(findings);
	source_free(&src);
	return status;
}

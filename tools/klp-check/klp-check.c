// SPDX-License-Identifier: GPL-2.0
/*
 * klp-check: tell a live patch author whether a kernel function can be
 * live patched, and how.
 *
 *   klp-check [--json] --elf vmlinux|file.ko|file.o FUNCTION...
 *   klp-check [--json] [--sysroot DIR] [--tracefs DIR] FUNCTION...
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

#ifndef KLP_CHECK_VERSION
#define KLP_CHECK_VERSION "0"
#endif

struct options {
	const char *elf;
	const char *object;
	const char *sysroot;
	const char *tracefs;
	int json;
	char **funcs;
	size_t nfuncs;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: klp-check [options] FUNCTION...\n"
		"\n"
		"Say whether each FUNCTION can be live patched, and how.\n"
		"\n"
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
		"3 error, 4 usage, 5 patchable if inlined nowhere (no DWARF to tell).\n");
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "elf", required_argument, NULL, 'e' },
		{ "object", required_argument, NULL, 'o' },
		{ "sysroot", required_argument, NULL, 's' },
		{ "tracefs", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "no-cache", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->sysroot = "/";
	klp_index_enabled = 1;
	argv[0] = "klp-check";	/* getopt names the program so */
	while ((c = getopt_long(argc, argv, "e:o:s:t:jnhV", longopts, NULL)) != -1) {
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
		ERROR(NULL, "out of memory");
	for (i = 0; i < o->nfuncs; i++) {
		analyse(src, o->funcs[i], &f[i]);
		if (!i || verdict_rank(f[i].verdict) > verdict_rank(worst))
			worst = f[i].verdict;
	}
	*status = verdict_exit(worst);
	return f;
}

static void print_report(const struct options *o, const struct source *src,
			 const struct finding *f, int status)
{
	if (o->json)
		report_json(stdout, src, f, o->nfuncs, status);
	else
		report_text(stdout, src, f, o->nfuncs);
	if (fflush(stdout) != 0 || ferror(stdout))
		ERROR("(standard output)", "write error");
}

int main(int argc, char **argv)
{
	struct options opts = { 0 };
	struct source src;
	struct finding *findings;
	int status;
	size_t i;

	parse_options(argc, argv, &opts);
	load_source(&opts, &src);
	findings = analyse_all(&opts, &src, &status);
	print_report(&opts, &src, findings, status);

	for (i = 0; i < opts.nfuncs; i++)
		finding_free(&findings[i]);
	free(findings);
	source_free(&src);
	return status;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-elf.c: libFuzzer target for klp-check's ELF reader.
 *
 * Each input is written to a memfd and read as an ELF file, exactly as
 * `klp-check -e FILE` does, then analysed and reported for a few names.
 * The same input is then read as a live patch module, as
 * `klp-check --patch FILE` does.  An ERROR() is the expected outcome for
 * most inputs: it is caught here.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "klp-check.h"
#include "log.h"
#include "patch.h"

static char *names[] = { "plain_ok", "dup_name", "always_inlined", "scale",
			 "count_hit", "__schedule" };
#define NNAMES (sizeof(names) / sizeof(names[0]))

static struct source src, psrc;
static struct patch patch;
static struct finding findings[NNAMES];
static size_t nfound;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct klp_catch catch;
	char path[64];
	int fd = memfd_create("fuzz-elf", 0);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	memset(&src, 0, sizeof(src));
	src.catch = &catch;
	nfound = 0;
	if (setjmp(catch.env) == 0) {
		elf_source_open(&src, path, NULL, names, NNAMES);
		for (nfound = 0; nfound < NNAMES; nfound++)
			analyse(&src, names[nfound], &findings[nfound]);
		report_text(devnull, NULL, &src, findings, nfound);
		report_json(devnull, NULL, &src, findings, nfound, 0);
	}
	while (nfound > 0)
		finding_free(&findings[--nfound]);
	source_free(&src);
	memset(&psrc, 0, sizeof(psrc));
	memset(&patch, 0, sizeof(patch));
	psrc.catch = &catch;
	if (setjmp(catch.env) == 0)
		patch_read(&patch, &psrc, path);
	patch_free(&patch);
	source_free(&psrc);
	close(fd);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * util.c: the error path, small allocation helpers and the release of a
 * source.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <elf.h>
#include <elfutils/libdwfl.h>

#include "klp-check.h"
#include "log.h"

#define NOTE_MAX 512

void klp_error(struct klp_catch *catch, const char *file, const char *fmt, ...)
{
	char reason[KLP_ERROR_MAX - 100];
	char message[KLP_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	snprintf(message, sizeof(message), "klp-check: %s: %s",
		 file ? file : "(no file)", reason);
	if (catch) {
		memcpy(catch->message, message, sizeof(message));
		longjmp(catch->env, 1);
	}
	fprintf(stderr, "%s\n", message);
	exit(KLP_EXIT_ERROR);
}

void klp_oom(void)
{
	fprintf(stderr, "klp-check: out of memory\n");
	exit(KLP_EXIT_ERROR);
}

void *vec_grow(void **arr, size_t *n, size_t *cap, size_t size)
{
	char *p;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;

		p = realloc(*arr, ncap * size);
		if (!p)
			OUT_OF_MEMORY();
		*arr = p;
		*cap = ncap;
	}
	p = (char *)*arr + *n * size;
	memset(p, 0, size);
	(*n)++;
	return p;
}

uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--) {
		h ^= *c++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		OUT_OF_MEMORY();
	return d;
}

/* Elf64_Nhdr and Elf32_Nhdr are the same: three 32-bit words. */
size_t notes_build_id(const void *buf, size_t len, const unsigned char **id)
{
	const unsigned char *p = buf;
	size_t off = 0;

	while (len - off >= 3 * sizeof(uint32_t)) {
		uint32_t namesz, descsz, type;
		size_t name_at = off + 3 * sizeof(uint32_t), desc_at, next;

		memcpy(&namesz, p + off, sizeof(namesz));
		memcpy(&descsz, p + off + 4, sizeof(descsz));
		memcpy(&type, p + off + 8, sizeof(type));
		desc_at = name_at + ((namesz + 3u) & ~3u);
		next = desc_at + ((descsz + 3u) & ~3u);
		if (namesz > len || descsz > len || desc_at > len ||
		    next > len || desc_at + descsz > len)
			return 0;
		if (type == NT_GNU_BUILD_ID && namesz == sizeof("GNU") &&
		    !memcmp(p + name_at, "GNU", sizeof("GNU")) && descsz) {
			*id = p + desc_at;
			return descsz;
		}
		off = next;
	}
	return 0;
}

void add_note(struct source *src, const char *fmt, ...)
{
	char buf[NOTE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	*(char **)VEC_PUSH(src->notes, src->nnotes, src->cnotes) = xstrdup(buf);
}

void source_free(struct source *src)
{
	size_t i;

	for (i = 0; i < src->nsyms && !src->text; i++)
		free(src->syms[i].name);
	free(src->syms);
	free(src->text);
	for (i = 0; i < src->nobjects; i++)
		free(src->objects[i]);
	free(src->objects);
	free(src->sites);
	for (i = 0; i < src->nprefs; i++)
		free(src->prefs[i].var);
	free(src->prefs);
	for (i = 0; i < src->ninl; i++) {
		free(src->inl[i].callee);
		free(src->inl[i].caller);
		free(src->inl[i].via);
	}
	free(src->inl);
	for (i = 0; i < src->ninlined_decl; i++)
		free(src->inlined_decl[i]);
	free(src->inlined_decl);
	for (i = 0; i < src->nklp; i++) {
		free(src->klp[i].patch);
		free(src->klp[i].object);
		free(src->klp[i].func);
	}
	free(src->klp);
	if (src->dwfl)
		dwfl_end(src->dwfl);
	if (src->elf)
		elf_end(src->elf);
	if (src->fd > 0)
		close(src->fd);
	free(src->object);
	for (i = 0; i < src->nnotes; i++)
		free(src->notes[i]);
	free(src->notes);
	free(src->dwarf_from);
	free(src->release);
	free(src->path);
	memset(src, 0, sizeof(*src));
}

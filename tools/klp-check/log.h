/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log.h: exit codes and the one error path of klp-check.
 *
 * Every failure goes through ERROR(), which names the file that could not
 * be used and the reason.  The command line tool prints the message and
 * exits with KLP_EXIT_ERROR; the fuzz target catches it instead (struct
 * klp_catch, per source: no global state) so that it can keep going after
 * bad input.
 */
#ifndef KLP_CHECK_LOG_H
#define KLP_CHECK_LOG_H

#include <setjmp.h>

/*
 * The exit status of klp-check: that of the worst verdict over all
 * functions, worst first: not patchable, caveats, inlining unknown,
 * patchable (verdict_rank()).
 */
enum klp_exit {
	KLP_EXIT_PATCHABLE	= 0,	/* every function patchable as is */
	KLP_EXIT_CAVEATS	= 1,	/* patchable, with old_sympos/callers/caveats */
	KLP_EXIT_NOT_PATCHABLE	= 2,	/* at least one function cannot be patched */
	KLP_EXIT_ERROR		= 3,	/* a file could not be read or parsed */
	KLP_EXIT_USAGE		= 4,	/* bad command line */
	/* nothing against it, but a question is open: whether it is inlined
	 * (no DWARF), or, with --patch, the prototype or the module object */
	KLP_EXIT_UNKNOWN	= 5,
};

#define KLP_ERROR_MAX 512

/*
 * Where the errors of one source go when its reader wants to keep going
 * after bad input (the fuzz target sets struct source's catch); without
 * one, the message is printed and klp-check exits with KLP_EXIT_ERROR.
 */
struct klp_catch {
	jmp_buf env;
	char message[KLP_ERROR_MAX];
};

void klp_error(struct klp_catch *catch, const char *file, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
/* Out of memory is no bad input: print and exit, never caught. */
void klp_oom(void) __attribute__((noreturn));

/* SRC: the struct source being read (its catch decides). */
#define ERROR(src, file, fmt, ...) \
	klp_error((src)->catch, (file), fmt, ##__VA_ARGS__)
/* An error outside any source (the command line, standard output). */
#define FAIL(file, fmt, ...) klp_error(NULL, (file), fmt, ##__VA_ARGS__)
#define OUT_OF_MEMORY() klp_oom()

#endif

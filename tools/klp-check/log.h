/* SPDX-License-Identifier: GPL-2.0 */
/*
 * log.h: exit codes and the one error path of klp-check.
 *
 * Every failure goes through ERROR(), which names the file that could not
 * be used and the reason.  The command line tool prints the message and
 * exits with KLP_EXIT_ERROR; the fuzz target catches it instead (see
 * klp_error_catch) so that it can keep going after bad input.
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

/* When set, ERROR() stores its message and jumps here instead of exiting. */
extern jmp_buf *klp_error_catch;
extern char klp_error_message[512];

void klp_error(const char *file, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

#define ERROR(file, fmt, ...) klp_error((file), fmt, ##__VA_ARGS__)

#endif

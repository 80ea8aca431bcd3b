// SPDX-License-Identifier: GPL-2.0
/*
 * sysprobe: call one system call with the arguments given on the command
 * line and print what it returned, for the VM tests of the select-timeval
 * live patch.  Built static, because the test VM has no C library.
 *
 *   sysprobe select SEC USEC
 *	select(0, NULL, NULL, NULL, {SEC, USEC}) through the select system
 *	call itself (not the C library's wrapper, which may use pselect6);
 *	SEC may be "min" for the smallest long.
 *   sysprobe fadvise FILE OFFSET LEN
 *	posix_fadvise(fd, OFFSET, LEN, POSIX_FADV_DONTNEED) on FILE, also
 *	through the system call itself.
 *
 * Prints "select(...) = 0" or "select(...) = -1 EINVAL (Invalid
 * argument)"; exits 0 when the call succeeded, 1 when it failed, 2 on a
 * bad command line.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static const char *errno_name(int e)
{
	switch (e) {
	case EINVAL:
		return "EINVAL";
	case EFAULT:
		return "EFAULT";
	case EBADF:
		return "EBADF";
	case ESPIPE:
		return "ESPIPE";
	case EINTR:
		return "EINTR";
	default:
		return "E?";
	}
}

static int report(const char *call, long rc)
{
	if (rc < 0) {
		int e = errno;

		printf("%s = -1 %s (%s)\n", call, errno_name(e), strerror(e));
		return 1;
	}
	printf("%s = %ld\n", call, rc);
	return 0;
}

static int number(const char *s, long *v)
{
	char *end;

	if (!strcmp(s, "min")) {
		*v = LONG_MIN;
		return 0;
	}
	errno = 0;
	*v = strtol(s, &end, 0);
	return (errno || *s == '\0' || *end != '\0') ? -1 : 0;
}

static int bad_command_line(void)
{
	fputs("usage: sysprobe select SEC USEC\n"
	      "       sysprobe fadvise FILE OFFSET LEN\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	char call[160];
	long a, b;

	if (argc == 4 && !strcmp(argv[1], "select")) {
		struct timeval tv;

		if (number(argv[2], &a) || number(argv[3], &b))
			return bad_command_line();
		tv.tv_sec = a;
		tv.tv_usec = b;
		snprintf(call, sizeof(call),
			 "select(0, NULL, NULL, NULL, {tv_sec=%ld, tv_usec=%ld})",
			 a, b);
		fflush(stdout);
		return report(call, syscall(SYS_select, 0, NULL, NULL, NULL,
					    &tv));
	}
	if (argc == 5 && !strcmp(argv[1], "fadvise")) {
		int fd;

		if (number(argv[3], &a) || number(argv[4], &b))
			return bad_command_line();
		fd = open(argv[2], O_RDONLY);
		if (fd < 0) {
			perror(argv[2]);
			return 2;
		}
		snprintf(call, sizeof(call),
			 "fadvise64(fd, %ld, %ld, POSIX_FADV_DONTNEED)", a, b);
		return report(call, syscall(SYS_fadvise64, fd, a, b,
					    POSIX_FADV_DONTNEED));
	}
	return bad_command_line();
}

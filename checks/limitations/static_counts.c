// SPDX-License-Identifier: GPL-2.0
/*
 * static_counts.c - function-scope statics as plain gcc -O2 emits them.
 *
 * Compiled (not as a module) by checks/limitations.sh with the host's
 * gcc 12; static-locals.rst shows its nm output, which the check writes
 * to source/transcripts/limit-static-locals.txt and compares.  a() and b()
 * each have a zero-initialised counter called count; c() has one with an
 * initial value.
 */

int a(void)
{
	static int count;

	return ++count;
}

int b(void)
{
	static int count;

	return ++count;
}

int c(void)
{
	static int count = 5;

	return ++count;
}

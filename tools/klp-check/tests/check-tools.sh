#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-tools.sh OUTDIR: `make check-tools`, as one TAP stream.
#
# Builds klp-check into OUTDIR, runs tests/run.sh against it, builds it
# again with ASan and UBSan into OUTDIR/asan (the same flags plus
# -fsanitize, which a dry run of the Makefile shows) and runs the same
# tests, makes the man page from klp-check.rst and checks that it
# renders with `man -l` without a warning and documents every option of
# --help.
set -u

here=$(cd "$(dirname "$0")" && pwd)
tool=$(dirname "$here")
out=$1
# The one TAP helper of the tree (emit, finish); these tests are part of
# make check, so they use the checks' helper rather than a copy of it.
# shellcheck source=../../../checks/tap.sh
. "$tool/../../checks/tap.sh"

# tests LABEL BINARY: the cases of run.sh, renumbered into this stream
tests() {
	"$here"/run.sh "$2" >"$out/$1.tap" 2>&1
	rc=$?
	# The description: the line less "ok N - " or "not ok N - " (cut
	# by the shell, not by a sed per line: a process costs more here
	# than the whole loop otherwise).
	while IFS= read -r line; do
		case $line in
		"ok "*" # SKIP"*) n=$((n + 1))
			echo "ok $n - $1: ${line#ok *" - "}" ;;
		"ok "*) emit ok "$1: ${line#ok *" - "}" ;;
		"not ok "*) emit fail "$1: ${line#not ok *" - "}" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$out/$1.tap"
	[ "$rc" -eq 0 ] || grep -q '^not ok' "$out/$1.tap" ||
		emit fail "$1: tests/run.sh exited with status $rc" "$out/$1.tap"
}

mkdir -p "$out"
missing=
[ -f /usr/include/gelf.h ] || missing="$missing libelf-dev"
[ -f /usr/include/elfutils/libdwfl.h ] || missing="$missing libdw-dev"
command -v gcc >/dev/null 2>&1 || missing="$missing gcc"
if [ -n "$missing" ]; then
	emit fail "klp-check builds: install$missing (make deps)"
	finish
fi

if make -s -C "$tool" B="$out" "$out/klp-check" >"$out/build.log" 2>&1; then
	emit ok "klp-check builds with -Wall -Wextra -Werror"
	tests plain "$out/klp-check"
else
	emit fail "klp-check builds with -Wall -Wextra -Werror" "$out/build.log"
fi

# flags_ok LOG WORDS...: every compile and link line of the dry run in LOG
# holds each of WORDS
flags_ok() {
	log=$1
	shift
	grep -E ' -c -o | -o [^ ]*\.tmp ' "$log" >"$log.cmds"
	[ -s "$log.cmds" ] || return 1
	for w in "$@"; do
		grep -vq -- "$w" "$log.cmds" && return 1
	done
	return 0
}

# The sanitizer build is the real build plus -fsanitize: the same fixed
# flags on every command (a dry run of a full rebuild shows them), and a
# user's CFLAGS add to them instead of replacing them.
make -n -B -s -C "$tool" B="$out" asan \
	>"$out/asan-flags.log" 2>&1
if flags_ok "$out/asan-flags.log" -std=gnu11 -Wall -Wextra -Werror -MMD \
	-DKLP_CHECK_VERSION -fsanitize=address,undefined; then
	emit ok "the ASan/UBSan build uses the flags of the real build, plus -fsanitize"
else
	emit fail "the ASan/UBSan build uses the flags of the real build, plus -fsanitize" \
		"$out/asan-flags.log"
fi
make -n -B -s -C "$tool" B="$out/user" CFLAGS=-O0 "$out/user/klp-check" \
	>"$out/user-flags.log" 2>&1
if flags_ok "$out/user-flags.log" -Werror -std=gnu11 '-Werror.* -O0'; then
	emit ok "make CFLAGS=-O0 adds -O0 after the fixed flags, keeps -Werror"
else
	emit fail "make CFLAGS=-O0 adds -O0 after the fixed flags, keeps -Werror" \
		"$out/user-flags.log"
fi

if make -s -C "$tool" B="$out" asan >"$out/asan-build.log" 2>&1 &&
   [ "$("$out/asan/klp-check" --version 2>&1)" = "$("$out/klp-check" --version 2>&1)" ] &&
   ls "$out"/asan/*.d >/dev/null 2>&1; then
	emit ok "klp-check builds with ASan and UBSan (same --version, .d files)"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		tests asan "$out/asan/klp-check"
else
	"$out/asan/klp-check" --version >>"$out/asan-build.log" 2>&1
	emit fail "klp-check builds with ASan and UBSan (same --version, .d files)" \
		"$out/asan-build.log"
fi

# The man page is made from klp-check.rst, which the reference page
# includes: it must render without a warning, and its Options must be
# exactly the options of --help (long names), in both directions.
man=$out/klp-check.1
if ! make -s -C "$tool" B="$out" man >"$out/man-build.log" 2>&1; then
	emit fail "klp-check.1 is made from klp-check.rst by pandoc" "$out/man-build.log"
elif ! command -v man >/dev/null 2>&1; then
	emit fail "klp-check.1 renders with man -l: install man-db (make deps)"
elif MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$man" \
		>"$out/man.txt" 2>"$out/man.err" && [ ! -s "$out/man.err" ] &&
	grep -q '^NAME' "$out/man.txt" && grep -q '^OPTIONS' "$out/man.txt" &&
	grep -q '^VERDICTS AND EXIT STATUS' "$out/man.txt"; then
	emit ok "klp-check.1, made from klp-check.rst, renders with man -l, no warning"
else
	cat "$out/man.txt" >>"$out/man.err"
	emit fail "klp-check.1, made from klp-check.rst, renders with man -l, no warning" \
		"$out/man.err"
fi
if [ -x "$out/klp-check" ]; then
	"$out/klp-check" --help 2>&1 | grep -oE '^  -[a-zA-Z], --[a-z-]+' |
		sed 's/^ *//' | sort >"$out/options.help"
	# shellcheck disable=SC2016 # the backquotes are rst's, not the shell's
	sed -n '/^Options$/,/^What it looks at$/p' "$tool/klp-check.rst" |
		sed -nE 's/^``(-[a-zA-Z])[^`]*``, ``(--[a-z-]+)[^`]*``$/\1, \2/p' |
		sort >"$out/options.doc"
	if [ -s "$out/options.help" ] &&
	   diff -u --label='klp-check --help' --label=klp-check.rst \
		"$out/options.help" "$out/options.doc" >"$out/options.diff"; then
		emit ok "klp-check.rst documents the $(wc -l <"$out/options.help") options of --help, no other"
	else
		emit fail "klp-check.rst documents the options of --help, no other" \
			"$out/options.diff"
	fi
fi

finish

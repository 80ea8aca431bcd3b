#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-shell: shellcheck over every shell script of the tree, one TAP
# result per file.  A shell script is a tracked (or new, not ignored) file
# named *.sh or starting with a #! line that runs sh, bash or busybox sh.
# Files without a #! line (the VM tests, lib.sh, tap.sh: sourced, never
# run) are read as POSIX sh.  Sources are followed relative to each
# script's directory (-x -P SCRIPTDIR).  Findings are fixed, or silenced
# one line at a time with a "# shellcheck disable=SCNNNN # reason" above
# it; nothing is disabled for the whole tree.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/checks/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v shellcheck >/dev/null 2>&1; then
	emit not-ok "shellcheck not found: install shellcheck (make deps)"
	finish
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files --cached --others --exclude-standard
else
	find . -type f ! -path './.git/*' ! -path './output/*' \
		! -path '*/node_modules/*' | sed 's|^\./||'
fi | sort -u | while IFS= read -r f; do
	[ -f "$f" ] || continue
	case $f in
	*.sh) ;;
	*) head -n 1 "$f" 2>/dev/null |
		grep -qE '^#!.*(/|env )(sh|bash|busybox sh)( |$)' || continue ;;
	esac
	if head -n 1 "$f" | grep -q '^#!'; then
		echo "$f" >>"$tmp/run"
	else
		echo "$f" >>"$tmp/sourced"
	fi
done

# One shellcheck per group; its findings are then split by file.
: >"$tmp/found"
if [ -s "$tmp/run" ]; then
	# shellcheck disable=SC2046 # one word per file name (no spaces in the tree)
	shellcheck -x -P SCRIPTDIR -f gcc $(cat "$tmp/run") >>"$tmp/found" 2>&1
fi
if [ -s "$tmp/sourced" ]; then
	# shellcheck disable=SC2046
	shellcheck -x -P SCRIPTDIR -s sh -f gcc $(cat "$tmp/sourced") >>"$tmp/found" 2>&1
fi
cat "$tmp/run" "$tmp/sourced" 2>/dev/null | sort >"$tmp/all"
if [ ! -s "$tmp/all" ]; then
	emit not-ok "shell scripts found in the tree"
	finish
fi
while IFS= read -r f; do
	grep -F "$f:" "$tmp/found" | grep "^$f:" >"$tmp/this"
	if [ -s "$tmp/this" ]; then
		emit not-ok "shellcheck $f ($(wc -l <"$tmp/this") findings)" "$tmp/this"
	else
		emit ok "shellcheck $f"
	fi
done <"$tmp/all"
finish

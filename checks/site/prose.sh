#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-prose: codespell over source/ and examples/, doc8 over source/, each
# with the short, commented list of exceptions in checks/site/codespellrc
# and checks/site/doc8.ini.  Prints TAP.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top" || exit 1
. "$top/checks/tap.sh"
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.log"' EXIT

run() { # run WHAT PACKAGE COMMAND...
	what=$1
	pkg=$2
	shift 2
	if ! command -v "$1" >/dev/null 2>&1; then
		emit not-ok "$what: $1 not found: install $pkg (make deps)"
		return
	fi
	if "$@" >"$tmp.log" 2>&1; then
		emit ok "$what"
	else
		grep -v -E '^(Scanning|Validating)\.\.\.$' "$tmp.log" | head -n 60 >"$tmp"
		emit not-ok "$what" "$tmp"
	fi
}

run "codespell: no misspelling in source/ and examples/" codespell \
	codespell --config checks/site/codespellrc source examples
# doc8 reports long lines of tables too; doc8-filter.py drops those and
# fails when anything else is left.
run "doc8: source/ follows the rst style (checks/site/doc8.ini)" python3-doc8 \
	sh -c 'doc8 --config checks/site/doc8.ini source | python3 checks/site/doc8-filter.py'
finish

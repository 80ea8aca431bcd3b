#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# cheatsheet.sh build|hazards: make the cheat-sheet's other forms with pandoc.
#
# The single source is source/limitations/cheatsheet.rst.  `build` writes
# into $OUT/cheatsheet/:
#   livepatch-cheatsheet.7     man page (man -l livepatch-cheatsheet.7)
#   livepatch-cheatsheet.html  standalone page, two A4 pages when printed
#   livepatch-cheatsheet.md    GitHub-flavoured Markdown
# Each file is written to a temporary name first and moved into place, so a
# failed build leaves no half-written output.
#
# `hazards` prints "id<TAB>title" for each hazard row of the source (a
# ".. _hazard-NAME:" target followed by a "**Title**" line in the same
# cell).  checks/cheatsheet.sh checks what `build` makes.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/source/limitations/cheatsheet.rst
filter=$top/pandoc/cheatsheet-anchors.lua
css=$top/pandoc/cheatsheet-print.html
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
dir=$out/cheatsheet
name=livepatch-cheatsheet
# Where the standalone forms point the "page" links: the site's
# limitations/ folder as `make htmldocs` lays it out next to cheatsheet/.
base=${CHEATSHEET_BASE:-../html/limitations/}

die() { echo "error: $*" >&2; exit 1; }

# hazards: print "id<TAB>title" for each row of the source table.
hazards() {
	awk '
	/\.\. _hazard-[a-z0-9-]+:/ {
		match($0, /_hazard-[a-z0-9-]+/)
		id = substr($0, RSTART + 1, RLENGTH - 1)
		want = 1
		next
	}
	want && /\*\*[^*]+\*\*/ {
		match($0, /\*\*[^*]+\*\*/)
		print id "\t" substr($0, RSTART + 2, RLENGTH - 4)
		want = 0
	}' "$src"
}

run_pandoc() { # FORMAT DEST [pandoc args]
	fmt=$1 dest=$2
	shift 2
	part=$(mktemp "$dir/.$name.XXXXXX") || die "cannot create a file in $dir"
	# --resource-path: an ".. include::" in the source is relative to it,
	# as in Sphinx, not to the directory make runs in.
	if ! pandoc -f rst -t "$fmt" --wrap=none --lua-filter="$filter" \
		--resource-path="$(dirname "$src")" \
		-M cheatsheet-base="$base" "$@" -o "$part" "$src"; then
		rm -f "$part"
		die "pandoc -t $fmt failed on $src"
	fi
	chmod 644 "$part"
	mv -f "$part" "$dest"
}

build() {
	command -v pandoc >/dev/null 2>&1 ||
		die "'pandoc' not found: install pandoc (make deps)"
	[ -r "$src" ] || die "$src: cannot read the cheat-sheet source"
	if [ -z "$(hazards)" ]; then
		die "$src: no hazard rows (\".. _hazard-NAME:\" then \"**Title**\")"
	fi
	mkdir -p "$dir" || die "cannot create $dir"
	run_pandoc man "$dir/$name.7" -s -M title=LIVEPATCH-CHEATSHEET \
		-M section=7 -M header="The Livepatch Handbook" || exit 1
	run_pandoc html5 "$dir/$name.html" -s -H "$css" \
		-M pagetitle="Live patch author's cheat-sheet" || exit 1
	run_pandoc gfm "$dir/$name.md" || exit 1
	echo "cheat-sheet: $dir/$name.{7,html,md}"
}

case ${1:-} in
build) build ;;
hazards) hazards ;;
*) die "usage: $0 build|hazards" ;;
esac

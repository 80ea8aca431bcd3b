#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-cheatsheet: scripts/cheatsheet.sh builds the cheat-sheet's man page,
# standalone HTML and Markdown; every hazard row of the source is in every
# output with its anchor and its klp-build verdict (linked to a label of
# explanation/klp-build.rst), every page the table links to exists, the man page
# renders without a warning, and the printed HTML is at most two A4 pages.
# Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/source/limitations/cheatsheet.rst
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
dir=$out/cheatsheet
name=livepatch-cheatsheet
max_pages=2
. "$top/checks/tap.sh"


for t in pandoc:pandoc weasyprint:weasyprint pdfinfo:poppler-utils \
	 man:man-db groff:groff-base; do
	if command -v "${t%%:*}" >/dev/null 2>&1; then
		emit ok "${t%%:*} is installed"
	else
		emit not-ok "${t%%:*} not found: install ${t#*:} (make deps)"
		finish
	fi
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if "$top/scripts/cheatsheet.sh" build >"$tmp/build.log" 2>&1; then
	emit ok "make cheatsheet builds the man page, HTML and Markdown"
else
	emit not-ok "make cheatsheet builds the man page, HTML and Markdown"
	sed 's/^/#   /' "$tmp/build.log"
	finish
fi
"$top/scripts/cheatsheet.sh" hazards >"$tmp/hazards"
count=$(wc -l <"$tmp/hazards")
# The anchors klp-check links to, from its source (KLP_ANCHORS).
sed -n 's/^[[:space:]]*X(ANCHOR_[A-Z_]*, *"\([a-z0-9-]*\)").*/\1/p' \
	"$top/tools/klp-check/klp-check.h" >"$tmp/klp-anchors"
[ -s "$tmp/klp-anchors" ] ||
	emit not-ok "tools/klp-check/klp-check.h lists the anchors klp-check links to (KLP_ANCHORS)"
while IFS= read -r id; do
	if grep -q "^$id	" "$tmp/hazards"; then
		emit ok "source has the row $id (klp-check links to it)"
	else
		emit not-ok "source has the row $id (klp-check links to it)"
	fi
done <"$tmp/klp-anchors"
# Every page the table links to is a page of the site.
sed -n 's/.*<\([a-z0-9-]*\)\.html>`__.*/\1/p' "$src" | sort -u >"$tmp/pages"
while read -r page; do
	if [ -f "$top/source/limitations/$page.rst" ]; then
		emit ok "linked page limitations/$page.rst exists"
	else
		emit not-ok "linked page limitations/$page.rst exists ($src)"
	fi
done <"$tmp/pages"
# Every row says what klp-build does about it (issue 16): the last cell
# has a link "klp-build: VERDICT[ (source)]" through a named target
# ".. _kb-NAME: ../explanation/klp-build.html#LABEL" of the source, and
# LABEL is a ".. _LABEL:" of explanation/klp-build.rst.  The cell is cut
# out by the column positions of the row's "+---" line, because cells
# contain "|" (a grep -E pattern).  Prints "id<TAB>verdict<TAB>name".
awk '
/^\+[-=+]+\+$/ {
	ncut = 0
	for (k = 1; k <= length($0); k++)
		if (substr($0, k, 1) == "+")
			cut[++ncut] = k
	if (id != "")
		print id "\t" cell
	id = ""; cell = ""
	next
}
/^\| \.\. _hazard-[a-z0-9-]+:/ {
	match($0, /_hazard-[a-z0-9-]+/)
	id = substr($0, RSTART + 1, RLENGTH - 1)
}
id != "" && /^\|/ {
	cell = cell " " substr($0, cut[ncut - 1] + 1, cut[ncut] - cut[ncut - 1] - 1)
}' "$src" | while IFS='	' read -r id cell; do
	cell=$(echo "$cell" | tr -s ' ')
	# shellcheck disable=SC2016 # the backquotes are rst's, not the shell's
	v=$(echo "$cell" | sed -n 's/.*`klp-build: \(yes\|partly\|no\|stops\|not shown\)\( (source)\)\{0,1\} <kb-\([a-z0-9-]*\)_>`__.*/\1\2	\3/p')
	printf '%s\t%s\n' "$id" "${v:-	}"
done >"$tmp/verdicts"
while IFS='	' read -r id verdict kb; do
	what="row $id has a klp-build verdict linked to explanation/klp-build.rst"
	label=$(sed -n "s|^\.\. _kb-$kb: \.\./explanation/klp-build\.html#\([a-z0-9-]*\)\$|\1|p" "$src")
	if [ -z "$verdict" ] || [ -z "$kb" ]; then
		emit not-ok "$what (no \"klp-build: yes|partly|no|stops|not shown\" link <kb-NAME_> in its Page cell)"
	elif [ -z "$label" ]; then
		emit not-ok "$what (no target \".. _kb-$kb: ../explanation/klp-build.html#LABEL\" in $src)"
	elif ! grep -qx "\.\. _$label:" "$top/source/explanation/klp-build.rst"; then
		emit not-ok "$what (label $label is not in source/explanation/klp-build.rst)"
	else
		emit ok "$what ($verdict, #$label)"
	fi
done <"$tmp/verdicts"
if [ "$(wc -l <"$tmp/verdicts")" -ne "$count" ]; then
	emit not-ok "klp-build verdicts: $(wc -l <"$tmp/verdicts") rows read, want $count"
fi
# Each output, whitespace squeezed so that wrapping cannot hide a title.
tr -s ' \n' '  ' <"$dir/$name.html" >"$tmp/html"
tr -d '\134' <"$dir/$name.md" | tr -s ' \n' '  ' >"$tmp/md"
MANWIDTH=80 man -l "$dir/$name.7" 2>/dev/null | col -b |
	tr -s ' \n' '  ' >"$tmp/man"
while IFS='	' read -r id title; do
	for f in html md; do
		if grep -qF "id=\"$id\"" "$tmp/$f" &&
		   grep -qF "$title" "$tmp/$f"; then
			emit ok "$f has the row $id ($title) and its anchor"
		else
			emit not-ok "$f has the row $id ($title) and its anchor"
		fi
	done
	if grep -qF "$title" "$tmp/man"; then
		emit ok "man page has the row $id ($title)"
	else
		emit not-ok "man page has the row $id ($title)"
	fi
done <"$tmp/hazards"
# Row count: each output's table has one row per hazard plus a header.
rows_html=$(grep -o '<tr' "$dir/$name.html" | wc -l)
if [ "$rows_html" -eq $((count + 1)) ]; then
	emit ok "HTML table has $count hazard rows and a header"
else
	emit not-ok "HTML table has $rows_html rows, want $((count + 1))"
fi
# The verdicts reach every output (the man page prints link texts too).
for f in html md man; do
	# man may break the line after "klp-": squeezed, that is "klp- build".
	got=$(grep -o 'klp- \{0,1\}build: \(yes\|partly\|no\|stops\|not shown\)' \
		"$tmp/$f" | wc -l)
	if [ "$got" -eq "$count" ]; then
		emit ok "$f has a klp-build verdict in each of the $count rows"
	else
		emit not-ok "$f has $got klp-build verdicts, want $count"
	fi
done
# The man page renders with tbl and without a troff warning.
if MANWIDTH=100 man -l "$dir/$name.7" >"$tmp/man.txt" 2>"$tmp/man.err" &&
   [ ! -s "$tmp/man.err" ] && grep -q 'NAME' "$tmp/man.txt"; then
	emit ok "man -l renders $name.7 without a warning"
else
	emit not-ok "man -l renders $name.7 without a warning"
	sed 's/^/#   /' "$tmp/man.err"
fi
if groff -t -man -Tutf8 -ww -z "$dir/$name.7" 2>"$tmp/groff.err" &&
   [ ! -s "$tmp/groff.err" ]; then
	emit ok "groff -ww reports nothing for $name.7"
else
	emit not-ok "groff -ww reports nothing for $name.7"
	sed 's/^/#   /' "$tmp/groff.err" | head -n 20
fi
# Printed on A4: count the pages of the PDF that weasyprint makes with
# the print style sheet.
if weasyprint -q "$dir/$name.html" "$tmp/sheet.pdf" 2>"$tmp/wp.err"; then
	pages=$(pdfinfo "$tmp/sheet.pdf" | awk '/^Pages:/ { print $2 }')
	size=$(pdfinfo "$tmp/sheet.pdf" | awk '/^Page size:/ { print $3 "x" $5 }')
	case $size in
	595*x841* | 595*x842*) emit ok "printed page size is A4 ($size pt)" ;;
	*) emit not-ok "printed page size is A4 (got $size pt)" ;;
	esac
	if [ -n "$pages" ] && [ "$pages" -ge 1 ] &&
	   [ "$pages" -le "$max_pages" ]; then
		emit ok "printed HTML is $pages A4 page(s), at most $max_pages"
	else
		emit not-ok "printed HTML is ${pages:-?} A4 pages, at most $max_pages"
	fi
else
	emit not-ok "weasyprint prints $name.html to PDF"
	sed 's/^/#   /' "$tmp/wp.err" | head -n 20
fi
finish

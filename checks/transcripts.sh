#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# transcripts.sh: the committed transcripts and their manifest agree with
# the pages (source/transcripts/MANIFEST says who writes each and which
# pages use it).  Prints TAP:
#   - every transcript in source/transcripts/ is in the manifest (else it
#     is an orphan: delete it, or name the page that uses it);
#   - every file the manifest lists exists, with a known producer;
#   - each page listed for a transcript names it (transcripts/FILE, or
#     ``FILE`` in the text), and every transcript a
#     page names is listed for that page (so no page includes a missing one);
#   - every transcript but a bench-tools:record is masked
#     (scripts/mask-transcript.sh leaves it unchanged).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/checks/tap.sh"
dir=$top/source/transcripts
manifest=$dir/MANIFEST
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$manifest" ]; then
	emit not-ok "source/transcripts/MANIFEST exists"
	finish
fi
# The manifest without comments: FILE PRODUCER PAGE...
grep -v '^#' "$manifest" | grep . >"$tmp/entries"

# Orphans: files no line lists.
for f in "$dir"/*.txt; do
	b=$(basename "$f")
	awk -v f="$b" '$1 == f { found = 1 } END { exit !found }' "$tmp/entries" ||
		echo "$b" >>"$tmp/orphans"
done
if [ -s "$tmp/orphans" ]; then
	emit not-ok "every transcript is in MANIFEST (orphans: delete them or list the page that uses them)" \
		"$tmp/orphans"
else
	emit ok "every transcript in source/transcripts/ is in MANIFEST"
fi

# Each listed file, its producer, its pages.
while read -r file producer pages; do
	desc="MANIFEST: $file"
	: >"$tmp/why"
	[ -f "$dir/$file" ] || echo "source/transcripts/$file is missing" >>"$tmp/why"
	case $producer in
	vm:klp-check)
		case $file in
		klp-check-vm-*)
			t=${file#klp-check-vm-}
			t=${t%%.*}
			grep -q "^[[:space:]]*section $t\$" "$top/checks/vm/tests/klp-check.sh" ||
				echo "checks/vm/tests/klp-check.sh has no 'section $t'" >>"$tmp/why" ;;
		*) [ -f "$top/checks/vm/tests/klp-check.sh" ] ||
			echo "no checks/vm/tests/klp-check.sh" >>"$tmp/why" ;;
		esac ;;
	vm:*)
		# checks/vm/tests/TEST.sh, or the test of a boot with its own
		# command line (make check-shipping: checks/vm/sig-enforce/).
		t=${producer#vm:}
		[ -f "$top/checks/vm/tests/$t.sh" ] || [ -f "$top/checks/vm/$t/$t.sh" ] ||
			echo "producer: no checks/vm/tests/$t.sh or checks/vm/$t/$t.sh" >>"$tmp/why" ;;
	klp-check-transcripts|bench-tools|bench-tools:record|limitations) ;;
	klp-build) # checks/klp-build/run.sh (make klp-build-transcripts,
		   # checked by make check-klp-build): files in klp-build/
		case $file in klp-build/*) ;; *)
			echo "klp-build transcripts live in klp-build/" >>"$tmp/why" ;;
		esac ;;
	*) echo "unknown producer '$producer'" >>"$tmp/why" ;;
	esac
	[ -n "$pages" ] || echo "no page listed" >>"$tmp/why"
	for p in $pages; do
		if [ ! -f "$top/source/$p" ]; then
			echo "page source/$p does not exist" >>"$tmp/why"
		elif ! grep -qF -e "transcripts/$file" -e "\`\`$file\`\`" "$top/source/$p"; then
			echo "page source/$p does not name transcripts/$file (or \`\`$file\`\`)" >>"$tmp/why"
		fi
	done
	if [ -f "$dir/$file" ] && [ "$producer" != bench-tools:record ] &&
	   ! "$top"/scripts/mask-transcript.sh "$dir/$file" |
		diff -u "--label=source/transcripts/$file" --label=masked \
			"$dir/$file" - >"$tmp/diff"; then
		{ echo "not masked (scripts/mask-transcript.sh would change it):"
		  cat "$tmp/diff"; } >>"$tmp/why"
	fi
	if [ -s "$tmp/why" ]; then
		emit not-ok "$desc ($producer)" "$tmp/why"
	else
		emit ok "$desc ($producer): exists, masked, named by $(echo "$pages" | wc -w) page(s)"
	fi
done <"$tmp/entries"

# Every transcript a page names is listed for that page.
grep -rnoE 'transcripts/[A-Za-z0-9_.+-]+\.txt' "$top/source" --include='*.rst' |
	while IFS=: read -r page line ref; do
		p=${page#"$top"/source/}
		f=${ref#transcripts/}
		awk -v f="$f" -v p="$p" '$1 == f {
			for (i = 3; i <= NF; i++) if ($i == p) found = 1 }
			END { exit !found }' "$tmp/entries" ||
			echo "source/$p:$line: transcripts/$f is not listed for this page in MANIFEST"
	done >"$tmp/unlisted"
if [ -s "$tmp/unlisted" ]; then
	emit not-ok "every transcript a page names is in MANIFEST for that page" "$tmp/unlisted"
else
	emit ok "every transcript a page names is in MANIFEST for that page"
fi
finish

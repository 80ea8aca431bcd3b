#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-links: every internal link and #anchor of the built site resolves
# (Debian's linkchecker over the files, no server, nothing fetched); the
# external links are listed with their count, not fetched.  Prints TAP.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
html=$out/html
. "$top/checks/tap.sh"

if ! command -v linkchecker >/dev/null 2>&1; then
	emit not-ok "linkchecker not found: install linkchecker (make deps)"
	finish
fi
if [ ! -s "$html/index.html" ]; then
	emit not-ok "no built site in $html: run make htmldocs OUT=$out"
	finish
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"	# linkchecker drops root to nobody

# First prove on two small pages that this linkchecker and our settings
# report a missing page and a missing #anchor (the AnchorCheck plugin).
mkdir "$tmp/fx"
printf '<html><body><a href="b.html#gone">x</a> <a href="b.html#here">y</a> <a href="c.html">z</a></body></html>\n' >"$tmp/fx/a.html"
printf '<html><body><h1 id="here">B</h1></body></html>\n' >"$tmp/fx/b.html"
chmod -R a+rX "$tmp/fx"
linkchecker -f "$here/linkcheckerrc" --no-status -o csv "$tmp/fx/a.html" \
	>"$tmp/fx.csv" 2>/dev/null
if grep -q "^b.html#gone;.*Anchor .gone. .*not found" "$tmp/fx.csv" &&
   grep -q '^c.html;.*;False;' "$tmp/fx.csv" &&
   ! grep -q '^b.html#here;' "$tmp/fx.csv"; then
	emit ok "linkchecker reports a missing page and a missing #anchor (self-test)"
else
	emit not-ok "linkchecker reports a missing page and a missing #anchor (self-test)" \
		"$tmp/fx.csv"
fi
# Start from every page, not only from the index: a page that no toctree
# reaches is checked too.
find "$html" -name '*.html' -not -path '*/_*' | sort >"$tmp/pages"
# shellcheck disable=SC2046
linkchecker -f "$here/linkcheckerrc" --no-status --no-robots -o csv \
	$(cat "$tmp/pages") >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
# links.py numbers its results on from ours and prints the plan line.
python3 "$here/links.py" "$html" "$tmp/out.csv" "$tmp/err" "$rc" "$n" || exit 1
[ "$failed" -eq 0 ]

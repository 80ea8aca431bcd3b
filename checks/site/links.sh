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
n=0

if ! command -v linkchecker >/dev/null 2>&1; then
	echo "not ok 1 - linkchecker not found: install linkchecker (make deps)"
	echo "1..1"
	exit 1
fi
if [ ! -s "$html/index.html" ]; then
	echo "not ok 1 - no built site in $html: run make htmldocs OUT=$out"
	echo "1..1"
	exit 1
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
	echo "ok 1 - linkchecker reports a missing page and a missing #anchor (self-test)"
else
	echo "not ok 1 - linkchecker reports a missing page and a missing #anchor (self-test)"
	sed 's/^/#   /' "$tmp/fx.csv"
	self=fail
fi
# Start from every page, not only from the index: a page that no toctree
# reaches is checked too.
find "$html" -name '*.html' -not -path '*/_*' | sort >"$tmp/pages"
# shellcheck disable=SC2046
linkchecker -f "$here/linkcheckerrc" --no-status --no-robots -o csv \
	$(cat "$tmp/pages") >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
python3 "$here/links.py" "$html" "$tmp/out.csv" "$tmp/err" "$rc" 1 || exit 1
[ -z "${self:-}" ]

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-links: every internal link and #anchor of the built site resolves:
# Debian's linkchecker over the files (no server, nothing fetched) for the
# pages and files, anchors.py for the #fragments; the external links are
# listed with their count, not fetched.  Prints TAP.
#
# Why not linkchecker's AnchorCheck plugin for the fragments: it parses the
# target page again (BeautifulSoup, the text of every element) for each of
# the site's ~2700 #fragment links: 93 s of CPU for 67 pages, against 5.5 s
# for linkchecker without it plus about 1 s for anchors.py, which counts
# anchors as the plugin does (any id, the name of an <a>).
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

# First prove on small pages that these settings report a missing page
# (linkchecker) and a missing #anchor (anchors.py fragments), also one on
# the same page, and nothing for anchors that exist (an id, an <a name>).
mkdir "$tmp/fx"
printf '<html><body><a href="b.html#gone">x</a> <a href="b.html#here">y</a> <a href="c.html">z</a> <a href="#top">t</a> <a id="top" href="#nowhere">n</a> <a href="b.html#old">o</a></body></html>\n' >"$tmp/fx/a.html"
printf '<html><body><h1 id="here">B</h1><a name="old">o</a></body></html>\n' >"$tmp/fx/b.html"
chmod -R a+rX "$tmp/fx"
linkchecker -f "$here/linkcheckerrc" --no-status -o csv "$tmp/fx/a.html" \
	>"$tmp/fx.csv" 2>/dev/null
python3 "$here/anchors.py" fragments "$tmp/fx" >"$tmp/fx.frag" 2>&1
if grep -q '^c.html;.*;False;' "$tmp/fx.csv" &&
   [ "$(cat "$tmp/fx.frag")" = "$(printf '%s\n' \
	'a.html:1: b.html#gone: no id or name "gone" in b.html' \
	'a.html:1: #nowhere: no id or name "nowhere" in a.html')" ]; then
	emit ok "a missing page (linkchecker) and a missing #anchor (anchors.py) are reported (self-test)"
else
	cat "$tmp/fx.frag" >>"$tmp/fx.csv"
	emit not-ok "a missing page (linkchecker) and a missing #anchor (anchors.py) are reported (self-test)" \
		"$tmp/fx.csv"
fi
# Start from every page, not only from the index: a page that no toctree
# reaches is checked too.
find "$html" -name '*.html' -not -path '*/_*' | sort >"$tmp/pages"
# shellcheck disable=SC2046
linkchecker -f "$here/linkcheckerrc" --no-status --no-robots -o csv \
	$(cat "$tmp/pages") >"$tmp/out.csv" 2>"$tmp/err"
rc=$?
python3 "$here/anchors.py" fragments "$html" >"$tmp/fragments" 2>&1
# links.py numbers its results on from ours and prints the plan line.
python3 "$here/links.py" "$html" "$tmp/out.csv" "$tmp/err" "$rc" "$tmp/fragments" "$n" || exit 1
[ "$failed" -eq 0 ]

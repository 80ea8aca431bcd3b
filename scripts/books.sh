#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# books.sh pdf|epub OUT: the whole handbook as one file, as the kernel's
# `make pdfdocs` and `make epubdocs` do for its documentation.
#
#   pdf   Sphinx's singlehtml builder with the "pdf" tag (conf.py: the basic
#         theme, the global table of contents, sphinx/static/handbook-pdf.css)
#         printed by headless Chromium: OUT/pdf/livepatch-handbook.pdf, A4,
#         a cover with the table of contents and its page numbers, the PDF
#         outline (bookmarks) from the headings, internal links that work.
#         Chromium, not weasyprint: on this project's two cores Chromium
#         prints the 250 pages in about 30 s of CPU, where weasyprint 57 had
#         not finished after 45 minutes; the site checks already need
#         Chromium.  Chromium cannot number pages in the contents itself
#         (no target-counter()), so it prints twice: the first print tells
#         scripts/books_pdf.py on which page each part and page starts, the
#         second carries those numbers, and a check compares them.
#   epub  Sphinx's epub builder, diagrams as PNG (Graphviz's SVG carries a
#         DOCTYPE with external entities, which EPUB 3 forbids):
#         OUT/epub/livepatch-handbook.epub.
# Each is written under a temporary name and renamed when complete.
#
# Both start from a copy of the html build's doctrees (OUT/doctrees, when
# `make htmldocs` has made them): the three builders read the same sources
# with the same settings (conf.py keeps every value Sphinx reads with the
# sources the same for all three), so Sphinx re-reads only the pages
# changed since, and writes the same files as from nothing (compared by
# diff -r: identical but for the EPUB's date).  Reading is most of a
# build: the singlehtml build took 16.5 s of CPU from nothing, 5.8 s so.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
what=${1:?usage: books.sh pdf|epub OUT}
out=${2:?usage: books.sh pdf|epub OUT}
case $out in /*) ;; *) out=$PWD/$out ;; esac
SPHINXBUILD=${SPHINXBUILD:-sphinx-build}
CHROMIUM=${CHROMIUM:-chromium}
"$top/scripts/need.sh" "$SPHINXBUILD" python3-sphinx
"$top/scripts/need.sh" dot graphviz
opts="-W --keep-going -n -j 1 -q -c $top"

# print_pdf HTML PDF [FLAG...]: headless Chromium prints HTML (A4 from the CSS
# @page), offline (a file: URL, no network service), in a profile of its
# own, with the FLAGs given.  Its stderr (D-Bus noise on a server) is shown
# only on failure.
# A print takes 15-30 s of CPU, 2.5 minutes on two cores under a load of
# 20; once (with --no-zygote) the renderer vanished and the browser waited
# for ever, hence a guard ten times above the slowest print seen.
PRINT_TIMEOUT=${PRINT_TIMEOUT:-1800}
print_pdf() {
	profile=$(mktemp -d)
	src=$1
	dst=$2
	shift 2
	rm -f "$dst"
	if ! timeout "$PRINT_TIMEOUT" "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --disable-extensions --user-data-dir="$profile" \
		--no-pdf-header-footer "$@" \
		--print-to-pdf="$dst" "file://$src" >"$profile.log" 2>&1 ||
	   ! head -c 5 "$dst" 2>/dev/null | grep -q '^%PDF-'; then
		grep -v 'dbus/' "$profile.log" | tail -n 20 >&2
		rm -rf "$profile" "$profile.log"
		echo "error: $CHROMIUM did not print $src to $dst (or hung for PRINT_TIMEOUT=$PRINT_TIMEOUT s)" >&2
		exit 1
	fi
	rm -rf "$profile" "$profile.log"
}

# seed DOCTREES: start DOCTREES from the html build's, unless it is newer.
seed() {
	[ -f "$out/doctrees/environment.pickle" ] || return 0
	[ -f "$1/environment.pickle" ] && [ -z "$(find "$out/doctrees/environment.pickle" \
		-newer "$1/environment.pickle")" ] && return 0
	rm -rf "$1.tmp"
	cp -a "$out/doctrees" "$1.tmp"
	rm -rf "$1"
	mv "$1.tmp" "$1"
}

case $what in
pdf)
	"$top/scripts/need.sh" "$CHROMIUM" chromium
	"$top/scripts/need.sh" python3 python3
	seed "$out/doctrees-pdf"
	# shellcheck disable=SC2086 # opts is a list of options
	"$SPHINXBUILD" -b singlehtml -t pdf $opts -d "$out/doctrees-pdf" \
		"$top/source" "$out/pdf-html"
	html=$out/pdf-html/print.html
	pdf=$out/pdf/livepatch-handbook.pdf
	mkdir -p "$out/pdf"
	rm -f "$pdf.tmp" "$pdf.pass1"
	python3 "$top/scripts/books_pdf.py" html "$out/pdf-html/index.html" "$html"
	# The first print is read only for the page each anchor lands on (its
	# named destinations): it goes without the outline and without the
	# tags (the structure tree Chromium builds from the accessibility
	# tree), which cost 14 of its 34 s of CPU and do not move a page
	# break.  books_pdf.py verify checks the numbers in the second.
	print_pdf "$html" "$pdf.pass1" --disable-pdf-tagging
	python3 "$top/scripts/books_pdf.py" html "$out/pdf-html/index.html" "$html" "$pdf.pass1"
	print_pdf "$html" "$pdf.tmp" --generate-pdf-document-outline
	rm -f "$pdf.pass1"
	python3 "$top/scripts/books_pdf.py" verify "$html" "$pdf.tmp" >/dev/null
	mv "$pdf.tmp" "$pdf"
	echo "$pdf"
	;;
epub)
	seed "$out/doctrees-epub"
	# shellcheck disable=SC2086
	# (conf.py suppresses the epub builder's warning about the PNG
	# diagrams' image maps.)
	"$SPHINXBUILD" -b epub $opts -D graphviz_output_format=png \
		-d "$out/doctrees-epub" "$top/source" "$out/epub-build"
	mkdir -p "$out/epub"
	cp "$out/epub-build/livepatch-handbook.epub" "$out/epub/livepatch-handbook.epub.tmp"
	mv "$out/epub/livepatch-handbook.epub.tmp" "$out/epub/livepatch-handbook.epub"
	echo "$out/epub/livepatch-handbook.epub"
	;;
*)
	echo "usage: books.sh pdf|epub OUT" >&2
	exit 2
	;;
esac

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# books.sh pdf|epub OUT: the whole handbook as one file, as the kernel's
# `make pdfdocs` and `make epubdocs` do for its documentation.
#
#   pdf   Sphinx's singlehtml builder with the "pdf" tag (conf.py: the basic
#         theme, the global table of contents, sphinx/static/handbook-pdf.css)
#         printed by weasyprint: OUT/pdf/livepatch-handbook.pdf, A4, with a
#         table of contents with page numbers and a PDF outline.
#   epub  Sphinx's epub builder, diagrams as PNG (Graphviz's SVG carries a
#         DOCTYPE with external entities, which EPUB 3 forbids):
#         OUT/epub/livepatch-handbook.epub.
# Each is written under a temporary name and renamed when complete.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
what=${1:?usage: books.sh pdf|epub OUT}
out=${2:?usage: books.sh pdf|epub OUT}
SPHINXBUILD=${SPHINXBUILD:-sphinx-build}
"$top/scripts/need.sh" "$SPHINXBUILD" python3-sphinx
"$top/scripts/need.sh" dot graphviz
opts="-W --keep-going -n -j 1 -q -c $top"

case $what in
pdf)
	"$top/scripts/need.sh" weasyprint weasyprint
	# shellcheck disable=SC2086 # opts is a list of options
	"$SPHINXBUILD" -b singlehtml -t pdf $opts -d "$out/doctrees-pdf" \
		"$top/source" "$out/pdf-html"
	mkdir -p "$out/pdf"
	weasyprint -q "$out/pdf-html/index.html" "$out/pdf/livepatch-handbook.pdf.tmp"
	mv "$out/pdf/livepatch-handbook.pdf.tmp" "$out/pdf/livepatch-handbook.pdf"
	echo "$out/pdf/livepatch-handbook.pdf"
	;;
epub)
	# shellcheck disable=SC2086
	# PNG diagrams come with client-side image maps (.map), which the epub
	# builder leaves out with a warning: nothing is lost.
	"$SPHINXBUILD" -b epub $opts -D graphviz_output_format=png \
		-D suppress_warnings=epub.unknown_project_files \
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

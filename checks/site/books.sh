#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-books: make pdfdocs and make epubdocs build the whole handbook, each
# with a table of contents, every page, the diagrams and the transcripts;
# the EPUB passes Debian's epubcheck.  Prints TAP.  Not part of make check:
# on two busy cores it takes minutes (weasyprint and epubcheck), see the
# README.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/checks/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every page's title, as the first title of its source (over- and
# underlined, or underlined), inline markup removed.
titles() {
	for f in $(cd "$top/source" && find . -name '*.rst' | sort); do
		awk 'NR > 1 && /^=+$/ && prev !~ /^=*$/ && prev !~ /^\.\./ {print prev; exit} {prev = $0}' \
			"$top/source/$f" | tr -d '`' | sed 's/[*][*]//g'
	done
}
titles >"$tmp/titles"
# A line a transcript shows, and a label a diagram shows.
transcript_line=$(grep -h 'livepatch: enabling patch' "$top"/source/transcripts/*.txt | head -n 1 |
	sed -E 's/^\[ *[0-9.]+\] //')
diagram_label=$(grep -ho 'label="[A-Za-z][A-Za-z_ ]\{5,\}"' "$top"/diagrams/*.dot | head -n 1 |
	sed 's/label="//; s/"$//')

# --- PDF ---
if make -s --no-print-directory -C "$top" pdfdocs >"$tmp/pdf.log" 2>&1 &&
   [ -s "$out/pdf/livepatch-handbook.pdf" ]; then
	emit ok "make pdfdocs writes $out/pdf/livepatch-handbook.pdf"
	pdf=$out/pdf/livepatch-handbook.pdf
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	size=$(pdfinfo "$pdf" | awk '/^Page size:/ {print $3 "x" $5}')
	if [ "${pages:-0}" -ge "$(wc -l <"$tmp/titles")" ]; then
		emit ok "the PDF has $pages pages, at least one per page of the site ($(wc -l <"$tmp/titles"))"
	else
		emit not-ok "the PDF has ${pages:-no} pages, fewer than the $(wc -l <"$tmp/titles") pages of the site"
	fi
	case $size in 595*x841*|595*x842*) emit ok "the PDF is A4 ($size pt)" ;;
	*) emit not-ok "the PDF is A4 (page size $size pt)" ;; esac
	pdftotext -layout "$pdf" "$tmp/pdf.txt"
	tr -s ' \n' ' ' <"$tmp/pdf.txt" >"$tmp/pdf.flat"
	missing=$(while IFS= read -r t; do
		flat=$(echo "$t" | tr -s ' ' ' ')
		grep -qF -- "$flat" "$tmp/pdf.flat" || echo "$t"
	done <"$tmp/titles")
	if [ -z "$missing" ]; then
		emit ok "every page of the site is in the PDF (by its title)"
	else
		echo "$missing" >"$tmp/missing"
		emit not-ok "every page of the site is in the PDF (by its title)" "$tmp/missing"
	fi
	# The table of contents: the first page titles followed by page numbers.
	if grep -Eq '^ *Your first live patch[ .]*[0-9]+ *$' "$tmp/pdf.txt"; then
		emit ok "the PDF starts with a table of contents with page numbers"
	else
		emit not-ok "the PDF starts with a table of contents with page numbers"
	fi
	if [ -n "$transcript_line" ] && grep -qF -- "$transcript_line" "$tmp/pdf.flat"; then
		emit ok "the PDF shows the transcripts ('$transcript_line')"
	else
		emit not-ok "the PDF shows the transcripts ('$transcript_line')"
	fi
	if [ -n "$diagram_label" ] && grep -qF -- "$diagram_label" "$tmp/pdf.flat"; then
		emit ok "the PDF shows the diagrams (label '$diagram_label')"
	else
		emit not-ok "the PDF shows the diagrams (label '$diagram_label')"
	fi
else
	emit not-ok "make pdfdocs writes $out/pdf/livepatch-handbook.pdf" "$tmp/pdf.log"
fi

# --- EPUB ---
epub=$out/epub/livepatch-handbook.epub
if make -s --no-print-directory -C "$top" epubdocs >"$tmp/epub.log" 2>&1 && [ -s "$epub" ]; then
	emit ok "make epubdocs writes $epub"
	python3 - "$epub" "$tmp/titles" "$transcript_line" "$(find "$top/diagrams" -name '*.dot' | wc -l)" >"$tmp/epub.tap" <<'PY'
import html, re, sys, zipfile
epub, titles, line, ndot = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
z = zipfile.ZipFile(epub)
names = z.namelist()
text = ""
for n in names:
    if n.endswith(".xhtml"):
        t = z.read(n).decode("utf-8")
        text += " ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)).split()) + "\n"
miss = [t.strip() for t in open(titles) if " ".join(t.split()) not in text]
print("ok" if not miss else "not-ok", "every page of the site is in the EPUB (by its title)", "|".join(miss))
nav = [n for n in names if n.endswith("nav.xhtml") or n.endswith("toc.ncx")]
print("ok" if nav else "not-ok", "the EPUB has a table of contents (%s)" % ", ".join(nav))
imgs = [n for n in names if re.search(r"graphviz-[0-9a-f]+\.png$", n)]
print("ok" if len(imgs) >= ndot else "not-ok",
      "the EPUB has the diagrams (%d images for %d .dot files)" % (len(imgs), ndot))
print("ok" if line and line in text else "not-ok", "the EPUB shows the transcripts ('%s')" % line)
PY
	while read -r res desc; do
		emit "$res" "${desc%%|*}"
	done <"$tmp/epub.tap"
	if command -v java >/dev/null 2>&1 && [ -r /usr/share/java/epubcheck.jar ]; then
		if java -jar /usr/share/java/epubcheck.jar "$epub" >"$tmp/epubcheck.log" 2>&1; then
			emit ok "epubcheck: the EPUB is valid"
		else
			emit not-ok "epubcheck: the EPUB is valid" "$tmp/epubcheck.log"
		fi
	else
		emit not-ok "epubcheck not found: install epubcheck (make deps)"
	fi
else
	emit not-ok "make epubdocs writes $epub" "$tmp/epub.log"
fi
finish

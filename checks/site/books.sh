#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-books: make pdfdocs and make epubdocs build the whole handbook, each
# with a table of contents, every page of the site, the diagrams and the
# transcripts; the PDF's contents give the right page numbers and it has an
# outline; the EPUB passes Debian's epubcheck.  Prints TAP, and how long
# each step took as comments.
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
# A line a transcript shows.
transcript_line=$(grep -h 'livepatch: enabling patch' "$top"/source/transcripts/*.txt | head -n 1 |
	sed -E 's/^\[ *[0-9.]+\] //')

# took NAME T0: how long NAME took since T0 (date +%s), as a TAP comment.
took() {
	echo "# $1: $(($(date +%s) - $2)) s"
}

# --- PDF ---
pdf=$out/pdf/livepatch-handbook.pdf
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
	emit not-ok "pdftotext and pdfinfo not found: install poppler-utils (make deps)"
elif t0=$(date +%s) && make -s --no-print-directory -C "$top" OUT="$out" pdfdocs \
		>"$tmp/pdf.log" 2>&1 && took "make pdfdocs" "$t0" && [ -s "$pdf" ]; then
	emit ok "make pdfdocs writes $pdf"
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	size=$(pdfinfo "$pdf" | awk '/^Page size:/ {print $3 "x" $5}')
	case $size in 594.9*x841*|595*x841*|595*x842*) emit ok "the PDF is A4 ($size pt)" ;;
	*) emit not-ok "the PDF is A4 (page size $size pt)" ;; esac
	pdftotext -layout "$pdf" "$tmp/pdf.txt"
	pdftotext "$pdf" "$tmp/pdf-raw.txt"
	python3 "$top/scripts/books_pdf.py" outline "$pdf" >"$tmp/outline" 2>"$tmp/outline.err" ||
		cat "$tmp/outline.err" >>"$tmp/outline"
	python3 - "$tmp" "${pages:-0}" "$transcript_line" "$out/pdf-html" >"$tmp/pdf.tap" <<'PY'
import html, os, re, sys
tmp, pages, line, site = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def norm(s):
    return " ".join(s.replace("\u2019", "'").replace("\u201c", '"')
                    .replace("\u201d", '"').split())


def result(ok, desc, detail=()):
    print("ok" if ok else "not-ok", desc + "|" + "|".join(list(detail)[:8]))


titles = [norm(t) for t in open(os.path.join(tmp, "titles")) if t.strip()]
layout = open(os.path.join(tmp, "pdf.txt"), encoding="utf-8").read()
sheets = layout.split("\f")
raw = norm(open(os.path.join(tmp, "pdf-raw.txt"), encoding="utf-8").read())
flat = norm(layout)

# Each page of the site starts a sheet: at least one sheet per page and the
# cover; a layout that ran away (a sheet per line) would be far above the
# ceiling of twelve sheets per page of the site (now about five).
low, high = len(titles) + 1, 12 * len(titles)
result(low <= pages <= high, "the PDF has %d pages, between %d and %d "
       "(%d pages of the site)" % (pages, low, high, len(titles)))

miss = [t for t in titles if t not in flat]
result(not miss, "every page of the site is in the PDF (by its title)", miss)

# The contents: "Title .... N" lines on the first sheets, until a sheet
# without one; each N is the sheet that starts with that title.
toc = {}
for sheet in sheets:
    entries = re.findall(r"^\s*(\S.*?)[\s.]+(\d+)\s*$", sheet, re.M)
    entries = [(norm(t), int(n)) for t, n in entries if not re.fullmatch(
        r"\d+ / \d+", "%s %s" % (t, n))]
    if not entries:
        if toc:
            break
        continue
    toc.update(entries)
# The cover's own title (the handbook's) is not an entry.
cover = norm(sheets[0].strip().splitlines()[0]) if sheets[0].strip() else ""
miss = [t for t in titles if t not in toc and t != cover]
result(not miss and toc, "the PDF starts with contents that list every page "
       "of the site (%d entries)" % len(toc), miss)
wrong = []
for t, n in toc.items():
    head = norm(sheets[n - 1])[:len(t) + 40] if 0 < n <= len(sheets) else ""
    if not head.startswith(t):
        wrong.append("%s: p. %d starts %r" % (t, n, head[:50]))
result(toc and not wrong, "each page number in the contents is the page "
       "that starts with that title", wrong)

outline = {}
rows = [r.split("\t") for r in open(os.path.join(tmp, "outline"),
                                    encoding="utf-8").read().splitlines()]
for r in rows:
    if len(r) == 3:
        # A title can recur as a section of another page: keep every page.
        outline.setdefault(norm(r[2]), set()).add(r[1])
miss = [t for t in titles if t not in outline]
result(not miss, "the PDF has an outline with every page of the site "
       "(%d entries)" % len(rows), miss or [" ".join(r) for r in rows[-3:]])
odd = ["%s: outline p. %s, contents p. %d" % (t, "/".join(sorted(outline[t])), n)
       for t, n in toc.items() if t in outline and str(n) not in outline[t]]
result(toc and not odd, "the outline and the contents agree on every page",
       odd)

result(line and norm(line) in raw,
       "the PDF shows the transcripts ('%s')" % line)

# The diagrams: every Graphviz SVG the page embeds has its words drawn in
# the PDF; only words that are nowhere else on the page count, so a
# diagram left blank cannot pass on its caption or the text around it.
page = open(os.path.join(site, "print.html"), encoding="utf-8").read()
text = norm(html.unescape(re.sub(r"<[^>]+>", " ", page)))
svgs = sorted(set(re.findall(r'<object data="(_images/[^"]+\.svg)"', page)))
bad = []
for svg in svgs:
    words = [norm(html.unescape(w)) for w in re.findall(
        r"<text[^>]*>([^<]+)</text>", open(os.path.join(site, svg),
                                            encoding="utf-8").read())]
    own = [w for w in set(words) if len(w) >= 4 and w not in text]
    lost = [w for w in own if w not in raw]
    if not own or lost:
        bad.append("%s: %d own words, not drawn: %s"
                   % (os.path.basename(svg), len(own), ", ".join(lost[:3])))
result(svgs and not bad, "the PDF draws every diagram (%d SVGs, their "
       "words found in the PDF text)" % len(svgs), bad)
PY
	while read -r res desc; do
		echo "${desc#*|}" | tr '|' '\n' | sed '/^$/d' >"$tmp/detail"
		emit "$res" "${desc%%|*}" "$tmp/detail"
	done <"$tmp/pdf.tap"
else
	emit not-ok "make pdfdocs writes $pdf" "$tmp/pdf.log"
fi

# --- EPUB ---
epub=$out/epub/livepatch-handbook.epub
t0=$(date +%s)
if make -s --no-print-directory -C "$top" OUT="$out" epubdocs \
		>"$tmp/epub.log" 2>&1 && took "make epubdocs" "$t0" && [ -s "$epub" ]; then
	emit ok "make epubdocs writes $epub"
	python3 - "$epub" "$tmp/titles" "$transcript_line" "$(find "$top/diagrams" -name '*.dot' | wc -l)" >"$tmp/epub.tap" <<'PY'
import html, re, sys, zipfile
epub, titles, line, ndot = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def norm(s):
    return " ".join(s.replace("\u2019", "'").replace("\u201c", '"')
                    .replace("\u201d", '"').split())


z = zipfile.ZipFile(epub)
names = z.namelist()
text = ""
for n in names:
    if n.endswith(".xhtml"):
        t = z.read(n).decode("utf-8")
        text += norm(html.unescape(re.sub(r"<[^>]+>", " ", t))) + "\n"
miss = [norm(t) for t in open(titles) if t.strip() and norm(t) not in text]
print("ok" if not miss else "not-ok", "every page of the site is in the EPUB (by its title)|" + "|".join(miss))
nav = [n for n in names if n.endswith("nav.xhtml")]
navtext = norm(html.unescape(re.sub(r"<[^>]+>", " ", z.read(nav[0]).decode("utf-8")))) if nav else ""
parts = ["Tutorial", "How-to guides", "Reference", "Explanation"]
miss = [p for p in parts if p not in navtext]
print("ok" if nav and not miss else "not-ok",
      "the EPUB has a table of contents (nav.xhtml) with the parts of the handbook|" + "|".join(miss))
imgs = [n for n in names if re.search(r"graphviz-[0-9a-f]+\.png$", n)]
print("ok" if len(imgs) >= ndot else "not-ok",
      "the EPUB has the diagrams (%d images for %d .dot files)" % (len(imgs), ndot))
print("ok" if line and norm(line) in text else "not-ok", "the EPUB shows the transcripts ('%s')" % line)
PY
	while read -r res desc; do
		echo "${desc#*|}" | tr '|' '\n' | sed '/^$/d' >"$tmp/detail"
		emit "$res" "${desc%%|*}" "$tmp/detail"
	done <"$tmp/epub.tap"
	# Debian's /usr/bin/epubcheck is the jar itself (it runs only where
	# binfmt_misc knows jars): run it with java.  A run of a few seconds
	# does not pay for the JIT's optimising tier nor the parallel garbage
	# collector's threads: with the client compiler only and the serial
	# collector it takes 8-10 s of CPU instead of 18 (the same verdict).
	if command -v java >/dev/null 2>&1 && [ -r /usr/share/java/epubcheck.jar ]; then
		t0=$(date +%s)
		if java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /usr/share/java/epubcheck.jar \
				-q "$epub" >"$tmp/epubcheck.log" 2>&1; then
			took epubcheck "$t0"
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

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The parts of `make pdfdocs` (scripts/books.sh) that are not a browser.

  books_pdf.py html IN OUT [PDF]
        Turn Sphinx's singlehtml page IN into the page Chromium prints, OUT:
        a cover with the title and the table of contents, every page of the
        site by its title, nested as the toctrees nest them, each with its
        page number, taken from the named destinations of PDF (a first print
        of OUT), or "999" as a placeholder when PDF is not given yet.
  books_pdf.py verify HTML PDF
        Every page number in the table of contents of HTML is the page its
        target is on in PDF; exit 1 and name the first wrong one otherwise.
  books_pdf.py outline PDF
        Print the PDF outline (bookmarks), one "LEVEL<TAB>PAGE<TAB>TITLE" a
        line; nothing when the PDF has no outline.

Chromium's PDFs (Skia) keep their dictionaries uncompressed with a classic
cross-reference table, so a small reader of PDF objects is enough; PDFs
from other producers may need more than it understands, and then it says so.
"""
import html
import os
import re
import sys


class PdfError(Exception):
    pass


class Ref:
    def __init__(self, num):
        self.num = num


_DELIM = b"()<>[]{}/%"
_WS = b" \t\r\n\f\0"


class Pdf:
    """Objects of one PDF by number, read through its xref table."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.data = f.read()
        if not self.data.startswith(b"%PDF-"):
            raise PdfError("%s: not a PDF" % path)
        self.offsets = {}
        self.trailer = {}
        m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", self.data)
        if not m:
            raise PdfError("%s: no startxref at its end" % path)
        self._read_xref(int(m.group(1)))
        self.cache = {}

    def _read_xref(self, pos):
        d = self.data
        if not d.startswith(b"xref", pos):
            raise PdfError("%s: no classic xref table at %d (an xref stream "
                           "is not understood)" % (self.path, pos))
        pos += 4
        while True:
            m = re.compile(rb"\s*(\d+) (\d+)\s*\n").match(d, pos)
            if not m:
                break
            first, count = int(m.group(1)), int(m.group(2))
            pos = m.end()
            for i in range(count):
                entry = d[pos:pos + 20]
                if entry[17:18] == b"n":
                    self.offsets.setdefault(first + i, int(entry[:10]))
                pos += 20
        m = re.compile(rb"\s*trailer\s*").match(d, pos)
        if not m:
            raise PdfError("%s: no trailer after the xref table" % self.path)
        trailer, _ = self._parse(m.end())
        for k, v in trailer.items():
            self.trailer.setdefault(k, v)
        if "Prev" in trailer:
            self._read_xref(int(trailer["Prev"]))

    def obj(self, ref):
        """The object REF (a Ref or a number), with references left as Ref."""
        num = ref.num if isinstance(ref, Ref) else ref
        if num not in self.cache:
            if num not in self.offsets:
                raise PdfError("%s: object %d not in the xref table" %
                               (self.path, num))
            m = re.compile(rb"\s*\d+\s+\d+\s+obj").match(self.data,
                                                          self.offsets[num])
            if not m:
                raise PdfError("%s: object %d not at its offset" %
                               (self.path, num))
            self.cache[num], _ = self._parse(m.end())
        return self.cache[num]

    def get(self, value):
        """VALUE, with a reference followed."""
        return self.obj(value) if isinstance(value, Ref) else value

    def _skip(self, pos):
        d = self.data
        while pos < len(d):
            if d[pos] in _WS:
                pos += 1
            elif d[pos:pos + 1] == b"%":
                while pos < len(d) and d[pos] not in b"\r\n":
                    pos += 1
            else:
                break
        return pos

    def _parse(self, pos):
        d = self.data
        pos = self._skip(pos)
        c = d[pos:pos + 1]
        if d.startswith(b"<<", pos):
            out = {}
            pos += 2
            while True:
                pos = self._skip(pos)
                if d.startswith(b">>", pos):
                    return out, pos + 2
                key, pos = self._parse(pos)
                if not isinstance(key, Name):
                    raise PdfError("%s: dictionary key at %d is not a name" %
                                   (self.path, pos))
                out[str(key)], pos = self._parse(pos)
        if c == b"[":
            out = []
            pos += 1
            while True:
                pos = self._skip(pos)
                if d[pos:pos + 1] == b"]":
                    return out, pos + 1
                item, pos = self._parse(pos)
                out.append(item)
        if c == b"/":
            end = pos + 1
            while end < len(d) and d[end] not in _WS and d[end] not in _DELIM:
                end += 1
            raw = re.sub(rb"#([0-9A-Fa-f]{2})",
                         lambda m: bytes([int(m.group(1), 16)]),
                         d[pos + 1:end])
            return Name(raw.decode("utf-8", "replace")), end
        if c == b"(":
            return self._literal(pos + 1)
        if c == b"<":
            end = d.index(b">", pos)
            hexits = re.sub(rb"\s", b"", d[pos + 1:end])
            if len(hexits) % 2:
                hexits += b"0"
            return _text(bytes.fromhex(hexits.decode())), end + 1
        m = re.compile(rb"(\d+)\s+(\d+)\s+R(?![A-Za-z])").match(d, pos)
        if m:
            return Ref(int(m.group(1))), m.end()
        m = re.compile(rb"[-+]?(\d+\.?\d*|\.\d+)").match(d, pos)
        if m:
            return float(m.group(0)), m.end()
        m = re.compile(rb"[A-Za-z]+").match(d, pos)
        if m:
            return m.group(0).decode(), m.end()
        raise PdfError("%s: cannot parse the object at byte %d" %
                       (self.path, pos))

    def _literal(self, pos):
        d = self.data
        out = bytearray()
        depth = 0
        while True:
            c = d[pos]
            pos += 1
            if c == 0x5C:  # backslash
                e = d[pos]
                pos += 1
                if e in b"01234567":
                    m = re.compile(rb"[0-7]{1,3}").match(d, pos - 1)
                    out.append(int(m.group(0), 8) & 0xFF)
                    pos = m.end()
                elif e in b"\r\n":
                    if e == 0x0D and d[pos:pos + 1] == b"\n":
                        pos += 1
                else:
                    out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8,
                                0x66: 12}.get(e, e))
            elif c == 0x28:
                depth += 1
                out.append(c)
            elif c == 0x29:
                if depth == 0:
                    return _text(bytes(out)), pos
                depth -= 1
                out.append(c)
            else:
                out.append(c)

    # --- what make pdfdocs needs ---

    def pages(self):
        """The object numbers of the pages, in order."""
        root = self.get(self.trailer["Root"])
        out = []

        def walk(node_ref):
            node = self.get(node_ref)
            if str(node.get("Type")) == "Pages":
                for kid in self.get(node["Kids"]):
                    walk(kid)
            else:
                out.append(node_ref.num)

        walk(root["Pages"])
        return out

    def page_of(self, dest, numbers):
        dest = self.get(dest)
        if isinstance(dest, dict):
            dest = self.get(dest["D"])
        if not isinstance(dest, list) or not isinstance(dest[0], Ref):
            return None
        return numbers.get(dest[0].num)

    def dests(self):
        """{name: page number (1-based)} of the named destinations."""
        numbers = {num: i + 1 for i, num in enumerate(self.pages())}
        root = self.get(self.trailer["Root"])
        out = {}
        if "Dests" in root:
            for name, dest in self.get(root["Dests"]).items():
                out[name] = self.page_of(dest, numbers)
        if "Names" in root and "Dests" in self.get(root["Names"]):
            def walk(node):
                node = self.get(node)
                names = self.get(node.get("Names", []))
                for i in range(0, len(names) - 1, 2):
                    out[str(names[i])] = self.page_of(names[i + 1], numbers)
                for kid in self.get(node.get("Kids", [])):
                    walk(kid)
            walk(self.get(root["Names"])["Dests"])
        return out

    def outline(self):
        """[(level, page, title)] of the outline, depth first."""
        numbers = {num: i + 1 for i, num in enumerate(self.pages())}
        root = self.get(self.trailer["Root"])
        out = []
        if "Outlines" not in root:
            return out

        def walk(item_ref, level):
            seen = 0
            while item_ref is not None and seen < 100000:
                seen += 1
                item = self.get(item_ref)
                page = None
                if "Dest" in item:
                    page = self.page_of(item["Dest"], numbers)
                out.append((level, page, str(item.get("Title", ""))))
                if "First" in item:
                    walk(item["First"], level + 1)
                item_ref = item.get("Next")

        walk(self.get(root["Outlines"]).get("First"), 1)
        return out


class Name(str):
    pass


def _text(raw):
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")


# --- the page Chromium prints ---

# Where singlehtml starts a page of the site: an empty span named after the
# document, its section, perhaps label spans, and the title.
_DOC = re.compile(
    r'<span id="document-(?P<doc>[^"]+)"></span><section id="[^"]+">\s*'
    r'(?:<span id="[^"]*"></span>\s*)*<h(?P<level>[1-6])>(?P<title>.*?)'
    r'<a class="headerlink"', re.S)
_BODY = re.compile(r'<div class="body" role="main">')


def contents(src):
    """[(level, anchor, title HTML)] of every page of the site in SRC, the
    parts at level 1 (singlehtml nests the pages' titles: the parts are h3,
    their pages h4 and so on)."""
    found = [(int(m.group("level")), "document-" + m.group("doc"),
              m.group("title").strip()) for m in _DOC.finditer(src)]
    if not found:
        raise PdfError("no page of the site found in the singlehtml build")
    top = min(level for level, _, _ in found)
    return [(level - top + 1, anchor, title) for level, anchor, title in found]


def printable(src, dests):
    """The page to print: a cover with the table of contents first, page
    numbers from DESTS ({anchor: page}) or placeholders when DESTS is
    None."""
    missing = []
    items = []
    for level, anchor, title in contents(src):
        if dests is None:
            page = "999"
        else:
            page = dests.get(anchor)
            if page is None:
                missing.append(anchor)
        items.append('<li class="toc-l%d"><a href="#%s" data-page="%s">'
                     '<span class="toc-title">%s</span>'
                     '<span class="toc-leader"></span>'
                     '<span class="toc-page">%s</span></a></li>'
                     % (level, html.escape(anchor), page, title, page))
    if missing:
        raise PdfError("no page in the PDF for: %s" % ", ".join(missing))
    cover = ('<div class="print-cover"><p class="print-title">%s</p>'
             '<nav class="print-toc" aria-label="Contents">'
             '<p class="print-toc-caption">Contents</p><ul>%s</ul></nav>'
             '</div>' % (html.escape(_title(src)), "".join(items)))
    src, n = _BODY.subn(lambda b: b.group(0) + cover, src, count=1)
    if n != 1:
        raise PdfError('no <div class="body" role="main">')
    return src


def _title(src):
    m = re.search(r"<h1>(.*?)<a class=\"headerlink\"", src, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))) if m else ""


def write(path, text):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    if len(argv) in (4, 5) and argv[1] == "html":
        with open(argv[2], encoding="utf-8") as f:
            src = f.read()
        dests = Pdf(argv[4]).dests() if len(argv) == 5 else None
        write(argv[3], printable(src, dests))
        return 0
    if len(argv) == 4 and argv[1] == "verify":
        with open(argv[2], encoding="utf-8") as f:
            src = f.read()
        dests = Pdf(argv[3]).dests()
        toc = re.search(r'<nav class="print-toc".*?</nav>', src, re.S)
        if not toc:
            raise PdfError("%s: no table of contents" % argv[2])
        entries = re.findall(r'href="#([^"]+)" data-page="([^"]+)"',
                             toc.group(0))
        for anchor, page in entries:
            real = dests.get(html.unescape(anchor))
            if str(real) != page:
                raise PdfError("%s: the table of contents says page %s for "
                               "#%s, the PDF has it on page %s" %
                               (argv[3], page, anchor, real))
        print("%d entries, every page number right" % len(entries))
        return 0
    if len(argv) == 3 and argv[1] == "outline":
        for level, page, title in Pdf(argv[2]).outline():
            print("%d\t%s\t%s" % (level, page, " ".join(title.split())))
        return 0
    print(__doc__.strip().split("\n\n")[0].split("\n", 1)[0], file=sys.stderr)
    print("usage: books_pdf.py html IN OUT [PDF] | verify HTML PDF | "
          "outline PDF", file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (PdfError, OSError, KeyError, IndexError, ValueError) as e:
        print("error: books_pdf.py: %s" % e, file=sys.stderr)
        sys.exit(1)

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check-index: what a patch author looks up is in the general index.

  index.py TOP HTMLDIR   TAP, one line per requirement, after a self-test:
                         with the entries of one requirement of each kind
                         removed, the check must report it

Requirements (issue 15), each against the built genindex.html:
- every cheat-sheet hazard (a ".. _hazard-NAME:" target of
  source/limitations/cheatsheet.rst) has an entry that links to its row;
- every sysfs or procfs file of the table in source/reference/sysfs-abi.rst
  has an entry named by its path;
- every kernel message quoted on a page (in a <pre> block or a <code>
  literal) has an entry "kernel messages; MESSAGE" that links to that page.
  What counts as a kernel message, and how names in it become "…", is
  normalize_message() of sphinx/handbook_index.py, the extension that makes
  those entries; this check reads the published HTML on its own.
"""
import html.parser
import os
import re
import sys


class _Index(html.parser.HTMLParser):
    """genindex.html as (text, href) pairs; a sub-entry's text is
    "PARENT; CHILD"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []         # texts of the open <li>s
        self.entries = []
        self.href = None
        self.text = ""
        self.in_a = False

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.stack.append("")
        elif tag == "a" and self.stack:
            self.in_a = True
            self.href = dict(attrs).get("href")
            self.text = ""
        elif tag == "ul" and self.stack:
            # The text before a sub-list is the parent entry's name.
            self.stack[-1] = " ".join(self.stack[-1].split()).rstrip(",")

    def handle_endtag(self, tag):
        if tag == "a" and self.in_a:
            self.in_a = False
            own = " ".join(self.text.split())
            # "[1]", "[2]": further links of the entry named before them.
            if re.match(r"^\[\d+\]$", own) or not own:
                own = " ".join(self.stack[-1].split()).rstrip(", ")
            else:
                self.stack[-1] += own
            name = "; ".join([" ".join(s.split()).rstrip(", ")
                              for s in self.stack[:-1]] + [own])
            self.entries.append((name, self.href))
        elif tag == "li" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_a:
            self.text += data
        elif self.stack:
            self.stack[-1] += data


class _Quotes(html.parser.HTMLParser):
    """Text of <pre> blocks (line by line) and <code> literals of a page's
    <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.article = 0
        self.pre = 0
        self.code = 0
        self.buf = ""
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.article += 1
        elif self.article and tag == "pre":
            self.pre += 1
        elif self.article and tag == "code" and not self.pre:
            self.code += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        elif tag == "pre" and self.pre:
            self.pre -= 1
            if not self.pre:
                self.lines += self.buf.splitlines()
                self.buf = ""
        elif tag == "code" and self.code:
            self.code -= 1
            if not self.code:
                self.lines.append(" ".join(self.buf.split()))
                self.buf = ""

    def handle_data(self, data):
        if self.pre or self.code:
            self.buf += data


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def requirements(top, htmldir, normalize):
    """[(description, predicate over the entries)]"""
    reqs = []
    cheat = os.path.join(top, "source", "limitations", "cheatsheet.rst")
    for name in re.findall(r"^\|?\s*\.\. _(hazard-[\w-]+):", _read(cheat), re.M):
        want = "limitations/cheatsheet.html#" + name
        reqs.append(("cheat-sheet hazard %s has an index entry" % name,
                     lambda e, want=want: any(h == want for _, h in e)))
    abi = _read(os.path.join(top, "source", "reference", "sysfs-abi.rst"))
    table = abi.split(".. sysfs-abi-table-start", 1)[-1]
    table = table.split(".. sysfs-abi-table-end", 1)[0]
    for path in re.findall(r"^``(/[^`]+)``", table, re.M):
        reqs.append(("file %s has an index entry" % path,
                     lambda e, p=path: any(t == p or t.endswith("; " + p)
                                           for t, _ in e)))
    for root, dirs, files in os.walk(htmldir):
        dirs[:] = [d for d in dirs if not d.startswith("_")]
        for f in sorted(files):
            if not f.endswith(".html") or f in ("genindex.html",
                                                "search.html"):
                continue
            page = os.path.relpath(os.path.join(root, f), htmldir)
            q = _Quotes()
            q.feed(_read(os.path.join(root, f)))
            found = sorted({m for m in map(normalize, q.lines) if m})
            for msg in found:
                reqs.append((
                    "kernel message quoted on %s has an index entry: %s"
                    % (page, msg),
                    lambda e, m=msg, p=page: any(
                        t == "kernel messages; " + m and
                        (h or "").split("#")[0] == p for t, h in e)))
    return reqs


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    top, htmldir = argv[1:]
    sys.path.insert(0, os.path.join(top, "sphinx"))
    from handbook_messages import normalize_message
    gen = os.path.join(htmldir, "genindex.html")
    if not os.path.isfile(gen):
        print("not ok 1 - %s exists (run make htmldocs)" % gen)
        print("1..1")
        return 1
    idx = _Index()
    idx.feed(_read(gen))
    entries = idx.entries
    reqs = requirements(top, htmldir, normalize_message)
    kinds = ("cheat-sheet hazard", "file ", "kernel message")
    results = []
    # Self-test first: with the entries that satisfy the first requirement
    # of each kind removed, the check must report that requirement.
    for kind in kinds:
        first = next(((d, p) for d, p in reqs if d.startswith(kind)), None)
        if first is None:
            results.append((False, "self-test: the pages have a %s" % kind))
            continue
        fewer = [e for e in entries if not first[1]([e])]
        results.append((not first[1](fewer),
                        "self-test: without its entries, reported: %s"
                        % first[0]))
    results += [(p(entries), d) for d, p in reqs]
    for n, (good, d) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if good else "not ok", n, d))
    counts = ", ".join("%d %s" % (sum(d.startswith(k) for d, _ in reqs),
                                  k.strip()) for k in kinds)
    print("# %d requirements: %s" % (len(reqs), counts))
    print("1..%d" % len(results))
    return 0 if all(g for g, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

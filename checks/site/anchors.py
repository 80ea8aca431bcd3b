#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Published page anchors are a public interface: readers link to them from
mails and bug reports.

  anchors.py list HTMLDIR          print every page and anchor, one a line
  anchors.py update HTMLDIR LIST   add the new anchors to LIST; keep every
                                   old one, even a broken one (only a person
                                   removes a published anchor, by hand)
  anchors.py check HTMLDIR LIST    TAP: every line of LIST still resolves
  anchors.py fragments HTMLDIR     every link to a #fragment that names no
                                   id of its page, one a line (check-links);
                                   exit status 1 when there is one

An anchor is a page ("limitations/inlining.html") or an id inside the page's
main content ("limitations/inlining.html#how-to-check").  A page that moves
leaves a redirect page behind at its old path: an HTML file with
<meta http-equiv="refresh" content="0; url=NEW.html"> and a script that
carries the #fragment over.  The old page's anchors then resolve when the
page it redirects to has the same ids.  See checks/site/README.md.
"""
import html.parser
import os
import posixpath
import re
import sys
import urllib.parse


class _Page(html.parser.HTMLParser):
    """Collects the ids inside <article> (the page's own content), the
    target of a meta refresh, if any, and for check-links every anchor of
    the whole page (any id, or the name of an <a>, as linkchecker's
    AnchorCheck counts them) and every href/src with its line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0          # how deep inside <article> we are
        self.ids = []
        self.refresh = None
        self.all_ids = set()
        self.links = []         # (line, URL)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.all_ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.all_ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr):
                self.links.append((self.getpos()[0], a[attr]))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", a.get("content") or "",
                          re.I)
            if m:
                self.refresh = m.group(1).strip()
        if tag == "article":
            self.depth += 1
        if self.depth and a.get("id"):
            self.ids.append(a["id"])

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def _pages(htmldir):
    for root, dirs, files in os.walk(htmldir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("_"))
        for f in sorted(files):
            if f.endswith(".html"):
                rel = os.path.relpath(os.path.join(root, f), htmldir)
                yield rel.replace(os.sep, "/")


_cache = {}


def _parse(htmldir, rel):
    if rel not in _cache:
        path = os.path.join(htmldir, rel)
        if not os.path.isfile(path):
            _cache[rel] = None
        else:
            p = _Page()
            with open(path, encoding="utf-8") as f:
                p.feed(f.read())
            _cache[rel] = p
    return _cache[rel]


def list_anchors(htmldir):
    out = []
    for rel in _pages(htmldir):
        p = _parse(htmldir, rel)
        out.append(rel)
        if rel in ("genindex.html", "search.html"):
            continue    # generated: their ids (index letters) come and go
        # Sphinx numbers duplicate ids (id1, id2, ...) and the targets of
        # index entries (index-0, index-1, ...): they move whenever a page
        # changes, so nobody can link to them for long.  Leave them out.
        out.extend(f"{rel}#{i}" for i in dict.fromkeys(p.ids)
                   if not re.fullmatch(r"(id|index-)\d+", i))
    return out


def resolves(htmldir, anchor, hops=0):
    """None when anchor resolves, else why not."""
    rel, _, frag = anchor.partition("#")
    p = _parse(htmldir, rel)
    if p is None:
        return f"page {rel} is gone (a moved page must leave a redirect)"
    if p.refresh and hops < 5:
        target = p.refresh.split("#")[0]
        new = posixpath.normpath(posixpath.join(posixpath.dirname(rel),
                                                target))
        why = resolves(htmldir, f"{new}#{frag}" if frag else new, hops + 1)
        return f"redirect {rel} -> {new}: {why}" if why else None
    if frag and frag not in p.ids:
        return f"no id=\"{frag}\" in {rel}"
    return None


def broken_fragments(htmldir):
    """Every link of every page (as _pages() finds them) to PAGE.html#ID
    or #ID where that page has no such id: "PAGE:LINE: URL: why" lines.
    check-links uses this instead of linkchecker's AnchorCheck plugin,
    which re-parses the target page for each #fragment link (about 90 s
    of CPU for the site's 67 pages against 1 s here; checks/site/links.sh).
    Only links inside the site count: no scheme, not protocol-relative;
    a fragment of a file that is not HTML (an SVG) is not an anchor."""
    bad = []
    for rel in _pages(htmldir):
        p = _parse(htmldir, rel)
        for line, url in p.links:
            path, hashmark, frag = url.partition("#")
            if not hashmark or not frag or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", url):
                continue
            path = urllib.parse.unquote(path.split("?")[0])
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)) \
                if path else rel
            if target.endswith("/") or os.path.isdir(os.path.join(htmldir, target)):
                target = posixpath.join(target, "index.html")
            if not target.endswith(".html"):
                continue
            t = _parse(htmldir, target)
            if t is None:
                continue    # a missing page: linkchecker reports it
            if urllib.parse.unquote(frag) not in t.all_ids:
                bad.append(f"{rel}:{line}: {url}: no id or name "
                           f"\"{urllib.parse.unquote(frag)}\" in {target}")
    return bad


def main(argv):
    if len(argv) == 3 and argv[1] == "list":
        print("\n".join(list_anchors(argv[2])))
        return 0
    if len(argv) == 3 and argv[1] == "fragments":
        bad = broken_fragments(argv[2])
        print("\n".join(bad))
        return 1 if bad else 0
    if len(argv) == 4 and argv[1] == "update":
        old = []
        if os.path.exists(argv[3]):
            with open(argv[3], encoding="utf-8") as f:
                old = [l.strip() for l in f if l.strip()]
        new = [a for a in list_anchors(argv[2]) if a not in set(old)]
        broken = [a for a in old if not a.startswith("#")
                  and resolves(argv[2], a)]
        with open(argv[3] + ".tmp", "w", encoding="utf-8") as f:
            f.write("\n".join(old + new) + "\n")
        os.replace(argv[3] + ".tmp", argv[3])
        print(f"{argv[3]}: {len(new)} anchors added, {len(broken)} listed "
              "anchors do not resolve (make check-anchors names them)")
        return 0
    if len(argv) != 4 or argv[1] != "check":
        print(__doc__, file=sys.stderr)
        return 2
    htmldir, listfile = argv[2], argv[3]
    n = failed = 0
    try:
        with open(listfile, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        print(f"not ok 1 - {listfile}: {e.strerror}: run make anchors")
        print("1..1")
        return 1
    bad_lines = []
    wanted = []
    for no, line in enumerate(lines, 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if " " in s or s.startswith("/") or not re.match(r"[^#]+\.html(#.+)?$", s):
            bad_lines.append(f"{listfile}:{no}: not PAGE.html[#ID]: {line!r}")
            continue
        wanted.append(s)
    n += 1
    if bad_lines or not wanted:
        failed += 1
        print(f"not ok {n} - {listfile} is a list of PAGE.html[#ID] lines")
        for b in bad_lines or [f"{listfile}: no anchors listed: run make anchors"]:
            print(f"#   {b}")
    else:
        print(f"ok {n} - {listfile} lists {len(wanted)} anchors")
    # One TAP line per page, so a failure names the page and its lost ids.
    by_page = {}
    for a in wanted:
        by_page.setdefault(a.split("#")[0], []).append(a)
    for page, anchors in by_page.items():
        n += 1
        why = [w for w in (resolves(htmldir, a) for a in anchors) if w]
        if why:
            failed += 1
            print(f"not ok {n} - {page}: {len(why)} of {len(anchors)} "
                  "published anchors are gone")
            for w in why[:20]:
                print(f"#   {w}")
        else:
            print(f"ok {n} - {page}: all {len(anchors)} published anchors "
                  "resolve")
    new = sorted(set(list_anchors(htmldir)) - set(wanted))
    if new:
        print(f"# {len(new)} anchors are not in {listfile} yet "
              "(make anchors, review, commit): " + " ".join(new[:10]))
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

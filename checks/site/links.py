#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""links.py HTMLDIR CSV ERR RC FRAGMENTS [FIRST]: turn linkchecker's CSV report
and the output of `anchors.py fragments` into TAP and list the site's
external links with their counts (not fetched)."""
import collections
import csv
import os
import re
import sys

htmldir, csvfile, errfile, rc = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
# TAP numbers go on from FIRST (the lines links.sh printed before).
fragfile = sys.argv[5]
n = int(sys.argv[6]) if len(sys.argv) > 6 else 0
failed = 0


def emit(ok, what, detail=()):
    global n, failed
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")
    if not ok:
        failed += 1
        for d in list(detail)[:40]:
            print(f"#   {d}")


def rel(url):
    return re.sub(r"^file://" + re.escape(os.path.abspath(htmldir)) + "/?", "", url or "")


with open(csvfile, encoding="utf-8", errors="replace") as f:
    rows = list(csv.DictReader((l for l in f if not l.startswith("#")), delimiter=";"))
with open(errfile, encoding="utf-8", errors="replace") as f:
    err = [l.rstrip() for l in f if not re.search(r"dropping privileges|Checking intern URLs only", l)]

emit(rc in (0, 1) and not [e for e in err if "ERROR" in e or "Traceback" in e],
     f"linkchecker ran (exit status {rc})", err[-20:])
broken = [f"{rel(r['parentname'])}:{r['line']}: {r['urlname']}: {r['result']}"
          for r in rows if r.get("valid") == "False"]
emit(not broken, "every internal link resolves", broken)
# anchors.py fragments: "PAGE:LINE: URL: why" lines (links.sh).
with open(fragfile, encoding="utf-8", errors="replace") as f:
    anchors = [l.rstrip() for l in f if l.strip()]
emit(not anchors, "every internal #anchor names an id of its page", anchors)
other = [f"{rel(r['parentname'])}:{r['line']}: {r['urlname']}: {r['warningstring']}"
         for r in rows if r.get("valid") != "False" and r.get("warningstring")]
for o in other[:20]:
    print(f"# warning: {o}")

# External links, counted from the pages themselves.
ext = collections.Counter()
pages = 0
for root, dirs, files in os.walk(htmldir):
    dirs[:] = [d for d in dirs if not d.startswith("_")]
    for name in files:
        if name.endswith(".html"):
            pages += 1
            with open(os.path.join(root, name), encoding="utf-8") as f:
                for m in re.finditer(r'<a\b[^>]*\bhref="((?:https?|ftp|mailto):[^"]*)"', f.read()):
                    ext[m.group(1).replace("&amp;", "&")] += 1
print(f"# external links in {pages} pages: {sum(ext.values())} links to "
      f"{len(ext)} URLs (listed, not fetched)")
for url, count in sorted(ext.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"# {count:5d} {url}")
print(f"1..{n}")
sys.exit(1 if failed else 0)

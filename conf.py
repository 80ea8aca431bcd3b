# SPDX-License-Identifier: GPL-2.0
# Sphinx configuration for the Livepatch Handbook.
#
# Oldest supported Sphinx: 5.3, the version in Debian 12 (bookworm), which is
# the reference platform; everything here comes from Debian packages.

import os
import sys

_top = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(_top, "sphinx"))

project = "The Livepatch Handbook"
author = "The Livepatch Handbook authors"
copyright = "2026, " + author

# The version lives in one place: the VERSION file.
with open(os.path.join(_top, "VERSION"), encoding="utf-8") as _f:
    version = release = _f.read().strip()

# Our own extensions live in sphinx/: kerneldoc_api (the API page from the
# installed headers) and handbook_site (fixes for what Debian 12's Sphinx
# 5.3 and furo publish, found by the site checks: furo's broken
# normalize.css import, unused jQuery, missing ARIA levels and diagram
# names, meta descriptions, a print stylesheet; its docstring lists them).
extensions = [
    "sphinx.ext.graphviz",
    "kerneldoc_api",
    "handbook_site",
    "handbook_nav",
    "handbook_depfile",
    "handbook_kconfig",
    "handbook_index",
]
# Code colours with at least 4.5:1 contrast on white (axe color-contrast).
pygments_style = "xcode"

# The handbook's own repository, named once here: the footer of every page
# links to it and pages write |repository| where they say "clone the
# handbook".  A fork sets HANDBOOK_REPOSITORY when it builds; without it,
# the URL of the git remote "origin" of this clone is used, if any.
def _repository():
    url = os.environ.get("HANDBOOK_REPOSITORY", "").strip()
    if not url:
        import subprocess
        res = subprocess.run(["git", "-C", _top, "remote", "get-url",
                              "origin"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL,
                             universal_newlines=True, check=False)
        url = res.stdout.strip() if res.returncode == 0 else ""
        # git@host:owner/name.git -> https://host/owner/name
        if url.startswith("git@") and ":" in url:
            host, path = url[4:].split(":", 1)
            url = "https://%s/%s" % (host, path)
        if url.endswith(".git"):
            url = url[:-4]
    return url if url.startswith("https://") else ""


handbook_repository = _repository()
rst_epilog = ".. |repository| replace:: %s\n" % (
    handbook_repository or "this handbook's repository (no URL configured: "
    "set HANDBOOK_REPOSITORY)")

root_doc = "index"
exclude_patterns = []
templates_path = []
highlight_language = "none"
primary_domain = "c"
default_role = "literal"

# -n (nitpicky) is on in the Makefile.  Kernel types that the API reference
# mentions but that are not documented here: no target exists for them, so
# they are ignored rather than reported.
nitpick_ignore_regex = [
    ("c:identifier", r"(u8|u16|u32|u64|s8|s16|s32|s64|bool|size_t|gfp_t)"),
    ("c:identifier", r"(list_head|hlist_node|kobject|module|completion)"),
    ("c:identifier", r"(task_struct|work_struct|ftrace_ops|seq_file)"),
    ("c:identifier", r"(klp_shadow_ctor_t|klp_shadow_dtor_t)"),
]

# Diagrams are rendered by Graphviz at build time as inline-able SVG.
graphviz_output_format = "svg"
graphviz_dot_args = ["-Gfontname=sans-serif", "-Nfontname=sans-serif",
                     "-Efontname=sans-serif"]

# furo: maintained, packaged in Debian, dark mode, mobile layout and a
# client-side search that works offline.  It loads no web fonts or other
# assets from the network.
html_theme = "furo"
html_title = "The Livepatch Handbook"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_static_path = []
html_theme_options = {
    "navigation_with_keys": True,
}
if handbook_repository:
    # A plain text link in furo's footer of every page (no icon font).
    html_theme_options["footer_icons"] = [{
        "name": "Repository",
        "url": handbook_repository,
        "html": "Source repository",
        "class": "",
    }]
# Pages whose tables need the whole screen width (sphinx/handbook_site.py).
handbook_wide_pages = ["limitations/cheatsheet"]

# Man page of the cheat-sheet is made by pandoc (see Makefile), not here.

# The kernel builds the site was proven on, as scripts/kernels.sh finds
# them where the site is built (never typed by hand): |release-6.1|,
# |release-6.12| and |release-7| in the pages.  A series that is not
# installed reads "(not installed: make deps)".  `make htmldocs` has asked
# kernels.sh already and passes its answer in HANDBOOK_KERNELS_INSTALLED
# (one run of it per build, not two: make bench, issue 15).
def _kernel_releases():
    out = os.environ.get("HANDBOOK_KERNELS_INSTALLED")
    if out is None:
        import subprocess
        try:
            out = subprocess.run([os.path.join(_top, "scripts", "kernels.sh"),
                                  "list"], stdout=subprocess.PIPE,
                                 universal_newlines=True, check=False).stdout
        except OSError:
            out = ""
    found = {}
    for rel in out.split():
        parts = rel.split(".")
        series = parts[0] if parts[0] == "7" else ".".join(parts[:2])
        found[series] = rel  # the list is sorted: the newest wins
    return found


_releases = _kernel_releases()
rst_prolog = "".join(
    ".. |release-%s| replace:: %s\n"
    % (s, _releases.get(s, "(not installed: make deps)"))
    for s in ("6.1", "6.12", "7"))

# make pdfdocs: the whole handbook as one HTML page (singlehtml builder,
# Sphinx's plain "basic" theme without its sidebar, tag "pdf"), printed by
# headless Chromium with sphinx/static/handbook-pdf.css (scripts/books.sh;
# scripts/books_pdf.py puts the table of contents in front).
if tags.has("pdf"):  # noqa: F821 (Sphinx defines tags)
    html_theme = "basic"
    html_theme_options = {"nosidebar": True}
    html_css_files = ["handbook-pdf.css"]

# make epubdocs: Sphinx's epub builder.
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = "en"
epub_identifier = "livepatch-handbook"
epub_scheme = "url"
epub_show_urls = "no"
epub_basename = "livepatch-handbook"
epub_tocdepth = 2
# toc.ncx carries the same identifier as the OPF (epubcheck NCX-001); the
# print stylesheet of make pdfdocs has @page rules an EPUB may not carry.
epub_uid = epub_identifier
epub_exclude_files = ["_static/handbook-pdf.css"]
# The epub build's PNG diagrams come with client-side image maps (.map),
# which the epub builder leaves out with a warning: nothing is lost.  Set
# here for every builder (no other builder raises it) rather than with -D
# in scripts/books.sh: suppress_warnings is read with the sources, so a
# different value would make the epub build re-read every page instead of
# starting from the html build's doctrees (check-books, CPU time).
suppress_warnings = ["epub.unknown_project_files"]

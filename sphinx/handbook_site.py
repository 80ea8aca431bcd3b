# SPDX-License-Identifier: GPL-2.0
"""Fixes to the published HTML that the site checks (make check-site,
check-a11y) found in Debian 12's Sphinx 5.3 and furo 2022.12.07+dfsg-1.

Enable it from conf.py::

    extensions = [..., "handbook_site"]   (sphinx/ is on sys.path)

What it changes, and why:

- Debian's furo is unbundled: furo.css starts with
  ``@import url(/javascript/normalize.css/normalize.css)``, an absolute path
  that a copied tarball or ``python3 -m http.server`` does not serve (a 404
  on every page), and furo.js is an ES module (``import Gumshoe from
  "./gumshoe-patched.js"``) loaded as a classic script, so it dies with a
  SyntaxError and none of the theme's scripts run.  After the build, the
  @import is replaced by Debian's normalize.css (node-normalize.css, which
  furo depends on) and the import line is dropped; gumshoe-patched.js is a
  UMD file that defines window.Gumshoe when loaded before furo.js.
- Sphinx 5.3 still loads jQuery (290 KB, unminified in Debian) and
  underscore.js for old extensions; none of the site's scripts use them,
  and they are two thirds of every page's weight.  They are not loaded.
- Toctree captions are ``<p class="caption" role="heading">`` with no
  aria-level (axe: aria-required-attr, critical): aria-level="2" is added.
- A Graphviz SVG is an ``<object>`` whose alt text is only fallback
  content (axe: object-alt, serious): it gets role="img" and aria-label.
- Code blocks and tables that scroll sideways cannot be reached with the
  keyboard (axe: scrollable-region-focusable, serious): they get
  tabindex="0".
- Pages have no meta description (Lighthouse SEO): the first paragraph of
  the page, which by house style says what the page is for, becomes one.
- Wide tables are cut off at the right edge in print: static/
  handbook-print.css makes them fit the page.
- The cheat-sheet's five columns do not fit furo's content column: the
  pages named in ``handbook_wide_pages`` (conf.py) also load static/
  handbook-cheatsheet.css, which widens the content on a desktop, turns
  rows into cards on a phone and wraps long commands inside their cells.
- An incremental build loses the index entries of every page it does not
  rewrite from the search index (searchindex.js "indexentries"): Sphinx
  5.3's IndexBuilder.load() does not read them back (sphinx-doc/sphinx
  issue 12599, still open in 7.4), so after a one-page rebuild the search
  no longer finds old_sympos or CONFIG_LIVEPATCH by their index entries.
  The entries are kept beside the doctrees when the index is written and
  put back when it is loaded; make bench compares a one-page rebuild with
  the build from clean, byte for byte.
- Sphinx compiles every Jinja template of the theme again in each build,
  a tenth of a second of a one-page rebuild (make bench, issue 15): the
  compiled templates are kept in the doctree directory by Jinja's own
  bytecode cache, which checks each against its template's source.
"""
import html
import os
import pickle
import re

from sphinx.errors import ExtensionError

NORMALIZE = "/usr/share/javascript/normalize.css/normalize.css"
CSS_IMPORT = "@import url(/javascript/normalize.css/normalize.css);"
JS_IMPORT = 'import Gumshoe from "./gumshoe-patched.js";'
UNUSED_JS = {"_static/jquery.js", "_static/underscore.js",
             "_static/_sphinx_javascript_frameworks_compat.js"}

_CAPTION = re.compile(r'(<p class="caption" role="heading")(?! aria-level)')
_OBJECT = re.compile(
    r'<object (data="[^"]*" type="image/svg\+xml" class="[^"]*")>\s*'
    r'<p class="warning">(.*?)</p>\s*</object>', re.S)
_PRE = re.compile(r'(<div class="highlight">)<pre>')
_WRAPPER = re.compile(r'(<div class="table-wrapper[^"]*")>')
_FIRST_P = re.compile(r'<p>(.*?)</p>', re.S)


def _accessible(text):
    text = _CAPTION.sub(r'\1 aria-level="2"', text)
    text = _OBJECT.sub(lambda m: f'<object {m[1]} role="img" aria-label="'
                       f'{" ".join(m[2].split())}"><p class="warning">{m[2]}'
                       '</p></object>', text)
    text = _PRE.sub(r'\1<pre tabindex="0">', text)
    return _WRAPPER.sub(r'\1 tabindex="0">', text)


def _description(body, title):
    m = _FIRST_P.search(body or "")
    text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))) if m else ""
    text = " ".join(text.split()) or title
    if len(text) > 200:
        text = text[:200].rsplit(" ", 1)[0] + "…"
    return html.escape(text, quote=True)


def _page_context(app, pagename, templatename, context, doctree):
    for key in ("body", "furo_navigation_tree", "toc"):
        if isinstance(context.get(key), str):
            context[key] = _accessible(context[key])
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))
    desc = _description(context.get("body"), title or app.config.project)
    context["metatags"] = (context.get("metatags") or "") + \
        f'\n    <meta name="description" content="{desc}" />'
    if pagename in app.config.handbook_wide_pages and "pathto" in context:
        href = context["pathto"]("_static/handbook-cheatsheet.css", 1)
        context["metatags"] += ('\n    <link rel="stylesheet" type="text/css" '
                                f'href="{html.escape(href)}" />')


def _builder_inited(app):
    if app.builder.format != "html":
        return
    app.builder.script_files[:] = [s for s in app.builder.script_files
                                   if s.filename not in UNUSED_JS]


def _template_cache(app):
    env = getattr(getattr(app.builder, "templates", None), "environment",
                  None)
    if env is None or env.bytecode_cache is not None:
        return
    from hashlib import sha1
    from jinja2 import FileSystemBytecodeCache
    # The cache knows each template's source, not how the environment
    # compiles it: one directory per kind of environment.
    kind = repr((type(env).__name__, sorted(env.extensions), env.autoescape,
                 env.block_start_string, env.variable_start_string,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence))
    d = os.path.join(app.doctreedir, "jinja-" + sha1(kind.encode()).hexdigest()[:12])
    try:
        os.makedirs(d, exist_ok=True)
    except OSError as e:
        raise ExtensionError(f"{d}: {e.strerror}") from e
    env.bytecode_cache = FileSystemBytecodeCache(d)


INDEX_ENTRIES = "handbook-indexentries.pickle"


def _keep_index_entries():
    from sphinx.search import IndexBuilder
    if getattr(IndexBuilder, "_handbook_keeps_entries", False):
        return
    load, dump, prune = IndexBuilder.load, IndexBuilder.dump, IndexBuilder.prune

    def saved_path(self):
        return os.path.join(self.env.doctreedir, INDEX_ENTRIES)

    def load_(self, stream, format):
        real = self.formats[format] if isinstance(format, str) else format
        frozen = {}

        class Keep:  # the format, keeping what it read
            def load(self, f):
                frozen["d"] = real.load(f)
                return frozen["d"]
        load(self, stream, Keep())
        entries = getattr(self, "_index_entries", None)
        if entries is None or entries:  # not this Sphinx's bug
            return
        docnames = list(frozen["d"]["docnames"])
        try:
            with open(saved_path(self), "rb") as f:
                saved = pickle.load(f)
            if saved["docnames"] == docnames:
                self._index_entries = saved["entries"]
                return
        except (OSError, pickle.UnpicklingError, EOFError, KeyError,
                TypeError, ValueError, AttributeError):
            pass
        # Saved by no build of ours: what searchindex.js holds (its entry
        # names are lower case and its order may differ from a clean build).
        for key, refs in (frozen["d"].get("indexentries") or {}).items():
            for doc, anchor in refs:
                entries.setdefault(docnames[doc], []).append((key, anchor, ""))

    def prune_(self, docnames):
        keep = set(docnames)
        prune(self, docnames)  # its order is the order of the titles
        if getattr(self, "_index_entries", None):
            self._index_entries = {d: e for d, e in self._index_entries.items()
                                   if d in keep}

    def dump_(self, stream, format):
        # The order of a build from clean, pages in name order, also for the
        # titles (a page read again comes last in env.all_docs, which
        # Sphinx's last prune() gives them).
        self._all_titles = dict(sorted(self._all_titles.items()))
        entries = getattr(self, "_index_entries", None)
        if entries is not None:
            self._index_entries = dict(sorted(entries.items()))
        dump(self, stream, format)
        if entries is None:
            return
        path = saved_path(self)
        data = {"docnames": sorted(self._titles), "entries": self._index_entries}
        try:
            with open(path + ".tmp", "wb") as f:
                pickle.dump(data, f, pickle.HIGHEST_PROTOCOL)
            os.replace(path + ".tmp", path)
        except OSError as e:
            raise ExtensionError(f"{path}: {e.strerror}") from e

    IndexBuilder.load, IndexBuilder.dump, IndexBuilder.prune = load_, dump_, prune_
    IndexBuilder._handbook_keeps_entries = True


def _patch(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        return
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    os.replace(path + ".tmp", path)


def _build_finished(app, exc):
    # Only the html builder with furo: epub and singlehtml (make epubdocs,
    # make pdfdocs) use other themes.
    if exc or app.builder.name != "html" or app.config.html_theme != "furo":
        return
    static = os.path.join(app.outdir, "_static")
    try:
        with open(NORMALIZE, encoding="utf-8") as f:
            normalize = f.read()
    except OSError as e:
        raise ExtensionError(f"{NORMALIZE}: {e.strerror}: install "
                             "node-normalize.css (make deps)") from e
    _patch(os.path.join(static, "styles", "furo.css"), CSS_IMPORT, normalize)
    _patch(os.path.join(static, "scripts", "furo.js"), JS_IMPORT, "")


def _epub_graphviz_css(app, env):
    # sphinx.ext.graphviz copies graphviz.css at build-finished, after the
    # epub builder has already packed the book, which then names a file it
    # does not contain (epubcheck RSC-007).  Copy it before writing.
    if app.builder.name != "epub":
        return []
    import shutil
    import sphinx
    src = os.path.join(sphinx.package_dir, "templates", "graphviz",
                       "graphviz.css")
    dst = os.path.join(app.outdir, "_static")
    if os.path.isfile(src):
        os.makedirs(dst, exist_ok=True)
        shutil.copyfile(src, os.path.join(dst, "graphviz.css"))
    return []


_PAGE_LINK = re.compile(r"^([\w./-]+)\.html(#[\w.-]*)?$")


def _page_links(app, doctree, docname):
    """Plain links to page.html (the cheat-sheet stays plain rst for
    pandoc) name files the epub (.xhtml) and singlehtml (one page) builds
    do not have: point them at what those builds write."""
    from docutils import nodes
    import posixpath
    if app.builder.name not in ("epub", "singlehtml"):
        return
    for ref in doctree.findall(nodes.reference):
        m = _PAGE_LINK.match(ref.get("refuri", ""))
        if not m:
            continue
        target = posixpath.normpath(posixpath.join(
            posixpath.dirname(docname), m.group(1)))
        if target not in app.env.found_docs:
            continue
        if app.builder.name == "epub":
            ref["refuri"] = m.group(1) + app.builder.out_suffix + \
                (m.group(2) or "")
        else:
            ref["refuri"] = m.group(2) or "#document-" + target


def _config_inited(app, config):
    config.html_static_path.append(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "static"))


def setup(app):
    _keep_index_entries()
    app.add_config_value("handbook_wide_pages", [], "html")
    app.connect("config-inited", _config_inited)
    app.add_css_file("handbook-print.css", media="print", priority=900)
    # furo.js has priority 200; Gumshoe must be defined before it runs.
    app.add_js_file("scripts/gumshoe-patched.js", priority=199)
    app.connect("builder-inited", _builder_inited, priority=900)
    app.connect("builder-inited", _template_cache)
    # After furo's own handler (priority 500), which builds the nav tree.
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("build-finished", _build_finished)
    app.connect("env-updated", _epub_graphviz_css)
    app.connect("doctree-resolved", _page_links)
    return {"version": "1", "parallel_read_safe": True,
            "parallel_write_safe": True}

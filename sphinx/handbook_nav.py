# SPDX-License-Identifier: GPL-2.0
"""handbook_nav: furo's navigation tree, resolved once per build.

furo asks Sphinx for the whole toctree of the site on every page
(``toctree(collapse=False, titles_only=True, maxdepth=-1,
includehidden=True)``) and rewrites it with BeautifulSoup.  Sphinx 5.3
deep-copies every page's table of contents to answer, so a site of N pages
does N times the work of one tree: on this site that was a third of a build
from clean (issue 15).  The tree differs from page to page only in

- the relative links (``../index.html`` seen from ``howto/x.html``),
- the ``current`` class of the branch that leads to the page (its ``<ul>``
  and ``<li>`` ancestors, the ``<a>`` of the page itself, whose link
  becomes ``#``), the ``checked`` state of those branches' checkboxes, and
  ``current-page`` on the page's own ``<li>``.

This module builds furo's tree once, for the root page, records where those
tags are, and derives each page's tree by string splicing.  It replaces
``furo._compute_navigation_tree`` for the ``html`` builder only, and only
when furo has that function; anything else keeps furo's own code.

With ``handbook_nav_verify = True`` (``-D handbook_nav_verify=1``; set by
``make check-docs``) every page is also computed furo's way and the build
fails on the first difference, so the shortcut cannot drift from furo.

An incremental build need not run furo's rewrite at all (make bench,
issue 15: a one-page rebuild should cost what the page costs).  furo's
``get_navigation_tree()`` is a pure function of the toctree HTML Sphinx
gives it, so its answer for the root page is kept in the doctree
directory (``handbook-nav.json``) with the SHA-256 of that input and of
furo's ``navigation.py``; the next build reuses it when both are the
same.  That function is also the only user of BeautifulSoup in furo, and
importing bs4 (with soupsieve, lxml and html5lib) is a tenth of the CPU
time of a one-page rebuild: ``furo.navigation`` is replaced, before furo
is imported, by a stand-in that loads furo's own file the first time it
is called.
"""
import hashlib
import html.parser
import importlib.util
import json
import os
import sys
import types

from sphinx.errors import ExtensionError
from sphinx.util.osutil import relative_uri

# furo's navigation.py (set up by setup()), or None.
_FURO_NAV_PY = None

FURO_ARGS = {"collapse": False, "titles_only": True, "maxdepth": -1,
             "includehidden": True}


class _Tag:
    """A start tag of the template: where it is and what it is."""

    def __init__(self, name, start, end, attrs, parent):
        self.name = name
        self.start = start      # offset of "<"
        self.end = end          # offset after ">"
        self.attrs = dict(attrs)
        self.parent = parent    # enclosing li/ul _Tag, or None
        self.href = None        # for li: the link of its own <a>
        self.a = None           # for li: its own <a>
        self.checkbox = None    # for li: its checkbox <input>


class _Scan(html.parser.HTMLParser):
    """Start tags of the tree with their li/ul nesting."""

    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.lines.append(i + 1)
        self.stack = []
        self.tags = []
        self.links = []         # every <a> with a page link
        self.feed(text)
        self.close()

    def _offset(self):
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text())
        parent = self.stack[-1] if self.stack else None
        t = _Tag(tag, start, end, attrs, parent)
        if tag in ("li", "ul"):
            self.tags.append(t)
            self.stack.append(t)
        elif tag == "a" and t.attrs.get("href"):
            self.links.append(t)
            if parent is not None and parent.name == "li" and parent.a is None:
                parent.a = t
                parent.href = t.attrs["href"]
        elif tag == "input" and parent is not None and parent.name == "li":
            parent.checkbox = t

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("li", "ul") and self.stack:
            self.stack.pop()


def _is_page_link(href):
    return not (href.startswith("#") or "://" in href or href.startswith("/"))


class _Template:
    def __init__(self, text):
        self.text = text
        scan = _Scan(text)
        self.links = [t for t in scan.links if _is_page_link(t.attrs["href"])]
        self.by_href = {}
        for t in scan.tags:
            if t.name == "li" and t.href and t.href not in self.by_href:
                self.by_href[t.href] = t

    def for_page(self, page_uri):
        """The tree as seen from PAGE_URI (e.g. "howto/x.html")."""
        edits = {}             # start offset -> (end offset, new text)
        for a in self.links:
            href = a.attrs["href"]
            new = relative_uri(page_uri, href)
            old_tag = self.text[a.start:a.end]
            edits[a.start] = (a.end, old_tag.replace(
                'href="%s"' % href, 'href="%s"' % new, 1))
        li = self.by_href.get(page_uri)
        if li is not None:
            a_tag = edits[li.a.start][1]
            a_tag = a_tag.replace('class="reference', 'class="current reference', 1)
            a_tag = a_tag.replace('href="%s"' % relative_uri(page_uri, page_uri),
                                  'href="#"', 1)
            edits[li.a.start] = (li.a.end, a_tag)
            node = li
            first = True
            while node is not None:
                tag = self.text[node.start:node.end]
                if node.name == "li":
                    tag = _add_current_li(tag, first)
                    if node.checkbox is not None:
                        cb = self.text[node.checkbox.start:node.checkbox.end]
                        edits[node.checkbox.start] = (
                            node.checkbox.end,
                            cb.replace("<input ", '<input checked="" ', 1))
                    first = False
                else:
                    tag = tag.replace("<ul>", '<ul class="current">', 1)
                edits[node.start] = (node.end, tag)
                node = node.parent
        out = []
        pos = 0
        for start in sorted(edits):
            end, new = edits[start]
            out.append(self.text[pos:start])
            out.append(new)
            pos = end
        out.append(self.text[pos:])
        return "".join(out)


def _add_current_li(tag, own):
    # class="toctree-lN[ has-children]": "current" follows toctree-lN
    # (Sphinx adds it), "current-page" ends the page's own (furo adds it).
    head, sep, rest = tag.partition('class="')
    classes, quote, tail = rest.partition('"')
    words = classes.split()
    words.insert(1, "current")
    if own:
        words.append("current-page")
    return head + sep + " ".join(words) + quote + tail


def _lazy_furo_navigation():
    """Put a stand-in for furo.navigation in sys.modules (see above);
    return the path of furo's own navigation.py, or None."""
    mod = sys.modules.get("furo.navigation")
    if mod is not None:
        return getattr(mod, "__file__", None)
    try:
        spec = importlib.util.find_spec("furo")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0],
                        "navigation.py")
    if not os.path.isfile(path):
        return None
    stand_in = types.ModuleType("furo.navigation")
    stand_in.__file__ = path

    def real():
        # furo's file, run as a module of its own on first use.
        if "m" not in state:
            rspec = importlib.util.spec_from_file_location(
                "furo._handbook_navigation", path)
            module = importlib.util.module_from_spec(rspec)
            rspec.loader.exec_module(module)
            state["m"] = module
        return state["m"]

    def get_navigation_tree(toctree_html):
        return real().get_navigation_tree(toctree_html)

    def __getattr__(name):  # anything else furo may want from it
        if name.startswith("__"):  # the import system asks for __path__
            raise AttributeError(name)
        return getattr(real(), name)

    state = {}
    stand_in.get_navigation_tree = get_navigation_tree
    stand_in.__getattr__ = __getattr__
    sys.modules["furo.navigation"] = stand_in
    return path


def _digest(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _cached_tree(app, tree_html, get_navigation_tree):
    """get_navigation_tree(tree_html), from handbook-nav.json when it holds
    the answer for this input and this furo."""
    try:
        with open(_FURO_NAV_PY, encoding="utf-8") as f:
            furo_src = f.read()
    except (OSError, TypeError):
        return get_navigation_tree(tree_html)
    key = _digest(furo_src, tree_html)
    path = os.path.join(app.doctreedir, "handbook-nav.json")
    try:
        with open(path, encoding="utf-8") as f:
            saved = json.load(f)
        if saved.get("key") == key and isinstance(saved.get("tree"), str):
            return saved["tree"]
    except (OSError, ValueError, AttributeError):
        pass
    tree = get_navigation_tree(tree_html)
    try:
        os.makedirs(app.doctreedir, exist_ok=True)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"key": key, "tree": tree}, f)
        os.replace(path + ".tmp", path)
    except OSError as e:
        raise ExtensionError("handbook_nav: %s: %s" %
                             (e.filename or path, e.strerror)) from e
    return tree


def _install(app):
    if app.builder.name != "html" or app.config.html_theme != "furo":
        return
    try:
        import furo
        from furo.navigation import get_navigation_tree
    except ImportError:
        return
    original = getattr(furo, "_compute_navigation_tree", None)
    if original is None:
        return
    state = {}

    def template():
        if "t" not in state:
            root = app.config.root_doc
            # Seen from the root page, whose own entry is not in its tree.
            tree = app.builder._get_local_toctree(root, **FURO_ARGS)
            state["t"] = _Template(_cached_tree(app, tree,
                                                get_navigation_tree))
            state["root"] = app.builder.get_target_uri(root)
        return state["t"]

    def compute(context):
        if "toctree" not in context:
            return original(context)
        page = context.get("pagename")
        t = template()
        uri = app.builder.get_target_uri(page)
        fast = t.for_page(uri) if page != app.config.root_doc else t.text
        if app.config.handbook_nav_verify:
            slow = original(context)
            if slow != fast:
                raise ExtensionError(
                    "handbook_nav: the navigation of %s differs from furo's "
                    "(first difference at offset %d)" %
                    (page, next((i for i, (x, y) in enumerate(zip(slow, fast))
                                 if x != y), min(len(slow), len(fast)))))
        return fast

    furo._compute_navigation_tree = compute

    def reset(app_, env):
        state.clear()
    app.connect("env-updated", reset)


def setup(app):
    global _FURO_NAV_PY
    _FURO_NAV_PY = _lazy_furo_navigation()
    app.add_config_value("handbook_nav_verify", False, "html", [bool, int])
    app.connect("builder-inited", _install)
    return {"version": "1", "parallel_read_safe": True,
            "parallel_write_safe": True}

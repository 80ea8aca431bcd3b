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
"""
import html.parser

from sphinx.errors import ExtensionError
from sphinx.util.osutil import relative_uri

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
            state["t"] = _Template(get_navigation_tree(tree))
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
    app.add_config_value("handbook_nav_verify", False, "html", [bool, int])
    app.connect("builder-inited", _install)
    return {"version": "1", "parallel_read_safe": True,
            "parallel_write_safe": True}

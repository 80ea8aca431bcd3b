# SPDX-License-Identifier: GPL-2.0
"""handbook_index: index entries a page cannot write for itself.

- Cheat-sheet hazards.  limitations/cheatsheet.rst stays plain
  reStructuredText for pandoc (no Sphinx directives), so its rows cannot
  carry ``.. index::``.  Every ``.. _hazard-NAME:`` target of a page
  gets the entries ``TITLE (hazard)`` and ``hazards; TITLE``, where TITLE
  is the bold title that follows the target in its cell; they link to the
  row.
- Kernel messages.  Every line of a literal block (the transcripts) or of
  an inline literal that is a message of the livepatch core (``livepatch:
  ...``), or one of the module loader's messages about live patches that
  pages quote, gets an entry under ``kernel messages``, with the names in
  it replaced by ``…`` so that one message printed for different
  functions is one entry: ``kernel messages; livepatch: failed to find
  location for function '…'``.

``handbook_messages.normalize_message()`` is the one definition of what such an entry says;
checks/site/index.py checks the built index against the pages with its own
reading of the HTML.
"""
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from handbook_messages import normalize_message

def _hazard_entries(doctree):
    for target in list(doctree.findall(nodes.target)):
        ids = [i for i in target.get("refid", "").split() +
               list(target.get("ids", [])) if i.startswith("hazard-")]
        if not ids:
            continue
        anchor = ids[0]
        # The cell: the target is followed by a paragraph holding **Title**.
        cell = target.parent
        strong = None
        for node in cell.findall(nodes.strong):
            strong = node
            break
        if strong is None:
            continue
        title = strong.astext()
        index = addnodes.index(entries=[
            ("single", "%s (hazard)" % title, anchor, "", None),
            ("single", "hazards; %s" % title, anchor, "", None),
        ])
        target.parent.insert(target.parent.index(target), index)


_LISTS = (nodes.definition_list, nodes.bullet_list, nodes.enumerated_list,
          nodes.field_list, nodes.option_list, nodes.table, nodes.tgroup,
          nodes.tbody, nodes.thead, nodes.row)


def _message_entries(app, doctree):
    env = app.env
    seen = set()
    todo = []
    for node in doctree.findall(lambda n: isinstance(
            n, (nodes.literal_block, nodes.literal))):
        texts = set()
        # An inline literal is one message, wrapped with the prose.
        lines = node.astext().splitlines() if \
            isinstance(node, nodes.literal_block) else [" ".join(node.astext().split())]
        for line in lines:
            text = normalize_message(line)
            if text and text not in seen:
                texts.add(text)
        if not texts:
            continue
        seen |= texts
        # Put the entry before the block, or before the paragraph that
        # holds the inline literal.
        anchor_at = node
        while anchor_at.parent is not None and (
                not isinstance(anchor_at, nodes.Body) or
                isinstance(anchor_at, nodes.Inline) or
                isinstance(anchor_at.parent, _LISTS)):
            anchor_at = anchor_at.parent
        todo.append((anchor_at, sorted(texts)))
    for at, texts in todo:
        tid = "index-%d" % env.new_serialno("index")
        target = nodes.target("", "", ids=[tid])
        index = addnodes.index(entries=[
            ("single", "kernel messages; %s" % t, tid, "", None)
            for t in texts])
        parent = at.parent
        pos = parent.index(at)
        parent.insert(pos, target)
        parent.insert(pos, index)


class IndexEntries(SphinxTransform):
    # Before SphinxDomains (850), which collects the index entries of the
    # page, and after docutils moved target ids to their elements.
    default_priority = 840

    def apply(self, **kwargs):
        _hazard_entries(self.document)
        _message_entries(self.app, self.document)


def setup(app):
    app.add_transform(IndexEntries)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True,
            "parallel_write_safe": True}

# SPDX-License-Identifier: GPL-2.0
"""handbook_kconfig: a table of Kconfig options, read from the kernels.

Usage in a page::

    .. kernel-config::

       LIVEPATCH
       HAVE_LIVEPATCH

One row per option (written without ``CONFIG_``), one column per kernel
the handbook proves: the releases in ``KERNELS`` (the Makefile exports
it), else what ``scripts/kernels.sh list`` prints.  Each cell is what the
kernel's ``/boot/config-<release>`` (found by ``scripts/kernels.sh config``)
says (or the ``.config`` of its headers when the image is not installed): ``y``, ``m``, a value, ``not set`` for ``# CONFIG_X is not set``,
and ``absent`` when the file has no line for the option (the option does
not exist in that kernel, or its dependencies hide it).  Nothing is typed
by hand, so the table cannot go stale: the config files are dependencies
of the page.

Every row has the id ``config-<option in lower case>`` and index entries
``CONFIG_<OPTION>`` and ``Kconfig options; CONFIG_<OPTION>``.  A missing
config file is a build error naming it.
"""
import os
import re
import subprocess

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective


def _kernels_sh(confdir, *args):
    res = subprocess.run([os.path.join(confdir, "scripts", "kernels.sh")]
                         + list(args), stdout=subprocess.PIPE,
                         universal_newlines=True, check=False)
    return res.stdout.strip() if res.returncode == 0 else ""


def read_config(path):
    """{OPTION: value} of a kernel .config; "not set" for "is not set"."""
    values = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"CONFIG_(\w+)=(.*)$", line)
            if m:
                values[m.group(1)] = m.group(2).strip('"')
                continue
            m = re.match(r"# CONFIG_(\w+) is not set$", line)
            if m:
                values[m.group(1)] = "not set"
    return values


class KernelConfig(SphinxDirective):
    has_content = True

    def run(self):
        options = " ".join(self.content).split()
        if not options:
            raise self.error("kernel-config: name at least one option")
        for opt in options:
            if not re.match(r"^[A-Z0-9_]+$", opt) or opt.startswith("CONFIG_"):
                raise self.error("kernel-config: %r: write options as in "
                                 "Kconfig, without CONFIG_" % opt)
        kernels = os.environ.get("KERNELS", "").split() or \
            _kernels_sh(self.env.app.confdir, "list").split()
        if not kernels:
            raise self.error("kernel-config: no kernel in KERNELS and none "
                             "installed: install the Debian kernels (make deps)")
        columns = []
        for rel in kernels:
            path = _kernels_sh(self.env.app.confdir, "config", rel)
            if not path:
                raise self.error("kernel-config: no configuration of %s "
                                 "(/boot/config-%s, or .config in its "
                                 "headers): install linux-image-%s or "
                                 "linux-headers-%s (make deps)"
                                 % (rel, rel, rel, rel))
            self.env.note_dependency(path)
            try:
                columns.append((rel, path, read_config(path)))
            except OSError as e:
                raise self.error("kernel-config: %s: %s" % (path, e.strerror))

        table = nodes.table(classes=["kernel-config"])
        group = nodes.tgroup(cols=1 + len(columns))
        table += group
        for _ in range(1 + len(columns)):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        group += head
        row = nodes.row()
        head += row
        row += nodes.entry("", nodes.paragraph(text="Option"))
        for rel, path, _ in columns:
            row += nodes.entry("", nodes.paragraph(
                "", "", nodes.literal(text=rel)))
        body = nodes.tbody()
        group += body
        entries = []
        for opt in options:
            rid = "config-" + opt.lower().replace("_", "-")
            row = nodes.row(ids=[rid])
            row += nodes.entry("", nodes.paragraph(
                "", "", nodes.literal(text="CONFIG_" + opt)))
            for _, _, values in columns:
                row += nodes.entry("", nodes.paragraph(
                    text=values.get(opt, "absent")))
            body += row
            entries += [("single", "CONFIG_%s" % opt, rid, "", None),
                        ("single", "Kconfig options; CONFIG_%s" % opt, rid,
                         "", None)]
        index = addnodes.index(entries=entries)
        return [index, table]


def setup(app):
    app.add_directive("kernel-config", KernelConfig)
    return {"version": "1", "parallel_read_safe": True,
            "parallel_write_safe": True}

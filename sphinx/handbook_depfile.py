# SPDX-License-Identifier: GPL-2.0
"""handbook_depfile: tell make what a Sphinx build read.

After a successful build, writes a make rule ``TARGET: FILE...`` to the
path given by ``handbook_depfile`` (``-D handbook_depfile=PATH -D
handbook_depfile_target=STAMP``, as the Makefile does).  FILE is every
page source, every file a page included or a directive noted as a
dependency (transcripts, diagrams, kernel headers, kernel-doc, the
/boot/config-* files), conf.py and the Python files of sphinx/.  With it,
``make htmldocs`` knows that nothing changed without starting Sphinx
(after the idea of QEMU's docs/sphinx/depfile.py; the code is ours).

Each FILE also gets a rule with an empty recipe (``FILE: ;``), so a file
that disappears makes the stamp out of date instead of stopping make with
"No rule to make target".  The empty recipe, rather than no recipe at
all, keeps make from searching its built-in implicit rules (RCS, SCCS,
%.c from %.y, ...) for each of the hundreds of files: that search was
most of the CPU time of a no-op ``make htmldocs`` (make bench, issue 15).
The file is written to a temporary name and renamed.
"""
import os

from sphinx.errors import ExtensionError


def _escape(path):
    return path.replace("\\", "\\\\").replace(" ", "\\ ").replace("#", "\\#") \
        .replace("$", "$$")


def _files(app):
    env = app.env
    seen = set()
    for doc in sorted(env.found_docs):
        seen.add(env.doc2path(doc))
    for doc, deps in env.dependencies.items():
        for dep in deps:
            # Relative dependencies are relative to the source directory.
            seen.add(os.path.normpath(os.path.join(app.srcdir, dep)))
    seen.add(os.path.join(app.confdir, "conf.py"))
    here = os.path.dirname(os.path.abspath(__file__))
    for root, dirs, files in os.walk(here):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for f in files:
            seen.add(os.path.join(root, f))
    return sorted(seen)


def _write(app, exc):
    path = app.config.handbook_depfile
    target = app.config.handbook_depfile_target
    if exc or not path:
        return
    if not target:
        raise ExtensionError("handbook_depfile: set handbook_depfile_target "
                             "too (the file make rebuilds)")
    files = [_escape(f) for f in _files(app)]
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("%s: \\\n  %s\n\n" % (_escape(target),
                                          " \\\n  ".join(files)))
            for dep in files:
                f.write("%s: ;\n" % dep)
        os.replace(tmp, path)
    except OSError as e:
        raise ExtensionError("handbook_depfile: %s: %s" %
                             (e.filename or path, e.strerror)) from e


def setup(app):
    app.add_config_value("handbook_depfile", "", "")
    app.add_config_value("handbook_depfile_target", "", "")
    app.connect("build-finished", _write)
    return {"version": "1", "parallel_read_safe": True,
            "parallel_write_safe": True}

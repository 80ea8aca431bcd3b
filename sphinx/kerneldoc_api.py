# SPDX-License-Identifier: GPL-2.0
"""kerneldoc_api: the API reference of a kernel header, built at build time.

Usage in a page::

    .. kernel-doc-api:: include/linux/livepatch.h
       :series: 6.12
       :notes: api-notes.txt
       :namespace: linux_6_1

The directive finds the header in the installed Debian headers of the kernel
series (``/usr/src/linux-headers-<series>.*-common/``), runs the kernel's
``scripts/kernel-doc -rst`` on it and parses the result with Sphinx's C
domain.  Headers that the header includes from the same family (for
``livepatch.h``: ``<linux/livepatch*.h>``) are documented too.

kernel-doc only describes what has a ``/** ... */`` comment in the header.
Every other ``klp`` declaration (functions, inline helpers, macros, typedefs,
variables) is found by a small scanner in this file and rendered from its
declaration, with the Handbook's own prose taken from the ``:notes:`` file.
A declaration with neither is a build error, so the page cannot silently
miss part of the API.

Where kernel-doc comes from: the ``scripts/kernel-doc`` of the same series,
which Debian ships in its linux-kbuild package (every linux-headers tree
links to it); ``scripts/kernels.sh script SERIES kernel-doc`` finds it.
``kerneldoc_api_script`` in conf.py may name another copy instead.

Incremental builds are exact: the headers, the notes file and the script
are recorded as dependencies of the page.  The directive keeps no state
outside the docutils tree, so it is safe for parallel reading.
"""

import functools
import os
import re
import subprocess

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

MARK = "kernel-doc-api"


def _kernels(app, *args):
    """What scripts/kernels.sh ARGS prints (it is the one place that knows
    where kernels live), or "" when it finds nothing."""
    return _kernels_cached(app.confdir, args)


@functools.lru_cache(maxsize=None)
def _kernels_cached(confdir, args):
    # Installed kernels do not change during a build: ask once per question.
    res = subprocess.run([os.path.join(confdir, "scripts", "kernels.sh")]
                         + list(args), stdout=subprocess.PIPE,
                         universal_newlines=True, check=False)
    return res.stdout.strip() if res.returncode == 0 else ""


# --- kernel-doc runs started early ---------------------------------------
#
# kernel-doc is a Perl script that takes about half a second of CPU per
# header.  Run one after another while Sphinx reads, they add up; started
# before the reading begins, they run on the other core while Sphinx reads
# the other pages (issue 15: build speed).  Only in a serial read (-j 1):
# a forked reader could not wait for a process its parent started.

_PENDING = {}
_DIRECTIVE = re.compile(r"^\.\. %s:: *(\S+)((?:\n +:\w+:.*)*)" % MARK, re.M)


def _kerneldoc_cmd(app, script, path):
    return _kernel_doc_cmd(app, script, path), _kernel_doc_env()


def _family(first, src):
    family = os.path.splitext(os.path.basename(first))[0]
    return ["include/" + inc for inc in
            re.findall(r'#include <(linux/%s[\w]*\.h)>' % family, src)]


def _prefetch(app, env, docnames):
    if getattr(app, "parallel", 0) > 1:
        return
    for docname in docnames:
        try:
            with open(env.doc2path(docname), encoding="utf-8") as f:
                text = f.read()
        except OSError:
            continue
        for m in _DIRECTIVE.finditer(text):
            series = re.search(r":series: *(\S+)", m.group(2))
            if not series:
                continue
            script, _ = _script(app, series.group(1))
            root = _headers_dir(app, series.group(1))
            todo = [m.group(1)]
            while todo and script:
                path = os.path.join(root, todo.pop(0))
                if (script, path) in _PENDING or not os.path.isfile(path):
                    continue
                cmd, cmd_env = _kerneldoc_cmd(app, script, path)
                _PENDING[(script, path)] = subprocess.Popen(
                    cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    universal_newlines=True, env=cmd_env)
                with open(path, encoding="utf-8") as f:
                    todo += _family(m.group(1), f.read())


def _run_kerneldoc(app, script, path):
    """(returncode, stdout, stderr) of kernel-doc -rst PATH."""
    proc = _PENDING.pop((script, path), None)
    if proc is None:
        cmd, cmd_env = _kerneldoc_cmd(app, script, path)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE,
                                universal_newlines=True, env=cmd_env)
    out, err = proc.communicate()
    return proc.returncode, out, err


def _reap(app, exc):
    # Runs nobody asked for (a page that failed first): do not leave them.
    while _PENDING:
        _, proc = _PENDING.popitem()
        proc.kill()
        proc.wait()


# --- kernel-doc itself --------------------------------------------------

def _script(app, series):
    """(path, None) of the kernel-doc to run for SERIES, or (None, why)."""
    path = app.config.kerneldoc_api_script
    if path:
        if os.path.isfile(path):
            return path, None
        return None, "%s: kerneldoc_api_script (conf.py) names no file" % path
    found = _kernels(app, "script", series, "kernel-doc")
    if found:
        return found, None
    return None, ("scripts/kernel-doc of %s not found in /usr/lib/"
                  "linux-kbuild-%s*: install the Debian linux-headers of "
                  "that kernel, which bring linux-kbuild (make deps)"
                  % (series, series))


def _kernel_doc_cmd(app, script, path):
    """The command that runs kernel-doc SCRIPT on header PATH.

    Up to 6.x kernel-doc is Perl; 7.x's is Python and lives, with the 7.x
    headers, in the trixie root (scripts/trixie-root.sh), where
    ``scripts/kernels.sh exec`` runs it with the root's python3 (it drops
    the root's prefix from the paths; outside the root it runs the
    command as it is).
    """
    with open(script, "rb") as f:
        first = f.readline()
    if b"python" in first:
        cmd = ["python3", script, "-rst", path]
    else:
        cmd = ["perl", script, "-rst", path]
    return [os.path.join(app.confdir, "scripts", "kernels.sh"), "exec",
            script] + cmd


def _kernel_doc_env():
    """kernel-doc's environment: PATH, a UTF-8 locale, and what
    scripts/kernels.sh needs to find the trixie root."""
    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8"}
    for var in ("HOME", "XDG_CACHE_HOME", "TRIXIE_ROOT"):
        if var in os.environ:
            env[var] = os.environ[var]
    return env


# --- the headers -------------------------------------------------------

def _headers_dir(app, series):
    """The installed Debian headers of SERIES, e.g. 6.1 or 6.12.

    scripts/kernels.sh is the one place that knows where kernels live.
    """
    configured = app.config.kerneldoc_api_headers.get(series)
    if configured:
        return configured
    return _kernels(app, "common", series) or "/usr/src/linux-headers-%s.*-common" % series


class Decl:
    """One declaration found by the scanner."""

    def __init__(self, kind, name, text, line):
        self.kind = kind      # function, macro, type, var, struct
        self.name = name
        self.text = text      # what follows ".. c:<kind>::"
        self.line = line
        self.inline = False


def _blank_comments(src):
    """SRC with comments replaced by spaces, newlines kept."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    return re.sub(r"/\*.*?\*/|//[^\n]*", blank, src, flags=re.S)


_IDENT = r"[A-Za-z_]\w*"
_OURS = re.compile(r"^_*(klp|KLP)_")


def scan_header(src):
    """Every top-level klp declaration of a header, in order, first wins.

    A header declares things twice (the real prototype and the stub for
    !CONFIG_LIVEPATCH); the first one, the real one, is kept.
    """
    text = _blank_comments(src)
    decls = {}

    def add(decl):
        if _OURS.match(decl.name) and decl.name not in decls:
            decls[decl.name] = decl

    # Preprocessor lines (with continuations) are macros or noise; blank
    # them after reading so the C scanner below never sees them.
    out = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("#"):
            start = i
            full = line
            while full.endswith("\\") and i + 1 < len(lines):
                i += 1
                full = full[:-1] + " " + lines[i]
            m = re.match(r"\s*#\s*define\s+(%s)(\([^)]*\))?" % _IDENT, full)
            if m:
                sig = m.group(1) + (m.group(2) or "")
                add(Decl("macro", m.group(1), re.sub(r"\s+", " ", sig),
                         start + 1))
            out.extend([""] * (i - start + 1))
        else:
            out.append(line)
        i += 1

    # Top-level statements: text up to ';' or '{' at brace depth 0.
    body = "\n".join(out)
    depth = 0
    stmt_start = 0
    pos = 0
    pending = None  # a statement that opened a '{' at depth 0
    while pos < len(body):
        c = body[pos]
        if c == "{":
            if depth == 0:
                pending = (body[stmt_start:pos], stmt_start)
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                stmt, where = pending
                _statement(stmt, body.count("\n", 0, where) + 1, True, add)
                stmt_start = pos + 1
                pending = None
        elif c == ";" and depth == 0:
            _statement(body[stmt_start:pos],
                       body.count("\n", 0, stmt_start) + 1, False, add)
            stmt_start = pos + 1
        pos += 1
    return list(decls.values())


def _statement(stmt, line, has_body, add):
    # The line of the first non-blank character.
    line += stmt[:len(stmt) - len(stmt.lstrip())].count("\n")
    s = re.sub(r"\s+", " ", stmt).strip()
    if not s:
        return
    m = re.match(r"DECLARE_STATIC_KEY_(FALSE|TRUE)\((%s)\)$" % _IDENT, s)
    if m:
        add(Decl("var", m.group(2),
                 "struct static_key_%s %s" % (m.group(1).lower(), m.group(2)),
                 line))
        return
    if s.startswith("typedef "):
        m = re.search(r"\(\s*\*\s*(%s)\s*\)" % _IDENT, s) or \
            re.search(r"(%s)\s*$" % _IDENT, s)
        if m:
            add(Decl("type", m.group(1), s[len("typedef "):], line))
        return
    m = re.match(r"(struct|union|enum) (%s)$" % _IDENT, s)
    if m:
        if has_body:
            add(Decl(m.group(1), m.group(2), m.group(2), line))
        return  # a forward declaration otherwise
    m = re.search(r"(%s)\s*\(" % _IDENT, s)
    if m:
        inline = bool(re.search(r"\b(inline|__always_inline)\b", s))
        sig = re.sub(r"\b(static|inline|__always_inline|extern)\b ?", "", s)
        d = Decl("function", m.group(1), sig.strip(), line)
        d.inline = inline
        add(d)


def keep_description_lines(lines):
    """Keep the line breaks of indented blocks in kernel-doc descriptions.

    A kernel-doc comment often lists states or cases as indented lines,
    one per line.  In rst such a block is a block quote whose lines run
    together into one paragraph.  Inside the "**Description**" part of
    kernel-doc's output (and nowhere else: member lists are indented too),
    an indented block that does not follow a literal-block marker ``::``
    becomes a line block, so each line stays a line.
    """
    out = []
    in_desc = False
    literal = False
    for line in lines:
        if line.startswith(".. c:") or line.startswith("**"):
            in_desc = line == "**Description**"
            literal = False
        elif line and not line[0].isspace():
            literal = line.rstrip().endswith("::")
        if in_desc and not literal and line.startswith("  ") and \
                line.strip() and not line.lstrip().startswith("|"):
            indent = len(line) - len(line.lstrip())
            line = line[:indent] + "| " + line[indent:]
        out.append(line)
    return out


# --- the Handbook's notes ------------------------------------------------

def read_notes(path):
    """Parse a notes file: NAME lines, each followed by indented rst.

    Returns {name: (lines, first_line)}.  Raises ValueError naming the
    file and line for anything else.
    """
    notes = {}
    name = None
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith(".. "):
                if name and not line.startswith(".. "):
                    notes[name][0].append("")
                continue
            if line[0] in " \t":
                if name is None:
                    raise ValueError("%s:%d: indented text before the first "
                                     "name" % (path, no))
                notes[name][0].append(line.strip("\t")[3:]
                                      if line.startswith("   ")
                                      else line.strip())
                continue
            if not re.match(r"^%s(\.%s)?$" % (_IDENT, _IDENT), line):
                raise ValueError("%s:%d: expected a C name at the start of "
                                 "a line, found %r" % (path, no, line))
            if line in notes:
                raise ValueError("%s:%d: %s is described twice" %
                                 (path, no, line))
            name = line
            notes[name] = ([], no)
    for name, (lines, no) in notes.items():
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            raise ValueError("%s:%d: %s has no text" % (path, no, name))
    return notes


# --- the directive -------------------------------------------------------

class KernelDocApi(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {
        "series": directives.unchanged_required,
        "notes": directives.path,
        "namespace": directives.unchanged,
    }

    def run(self):
        series = self.options.get("series")
        if not series:
            raise self.error("kernel-doc-api: the :series: option (e.g. "
                             "6.12) is required")
        env = self.env

        notes = {}
        notes_path = None
        if "notes" in self.options:
            rel, notes_path = env.relfn2path(self.options["notes"])
            env.note_dependency(rel)
            if not os.path.isfile(notes_path):
                raise self.error("kernel-doc-api: %s: notes file not found"
                                 % notes_path)
            try:
                notes = read_notes(notes_path)
            except (ValueError, UnicodeDecodeError) as e:
                raise self.error("kernel-doc-api: %s" % e)

        root = _headers_dir(self.env.app, series)
        first = self.arguments[0]
        # The headers first: without them the series is not installed at
        # all, which says more than a missing kernel-doc would.
        if not os.path.isfile(os.path.join(root, first)):
            raise self.error(self._no_header(os.path.join(root, first),
                                             series))
        script, why = _script(env.app, series)
        if not script:
            raise self.error("kernel-doc-api: %s" % why)
        env.note_dependency(script)
        todo = [first]
        done = []
        rst = []
        ns = self.options.get("namespace")
        if ns:
            rst += [".. c:namespace-push:: %s" % ns, ""]
        while todo:
            rel = todo.pop(0)
            if rel in done:
                continue
            done.append(rel)
            path = os.path.join(root, rel)
            if not os.path.isfile(path):
                raise self.error(self._no_header(path, series))
            env.note_dependency(path)
            with open(path, encoding="utf-8") as f:
                src = f.read()
            rst += self._one_header(script, rel, path, src, root, notes,
                                    notes_path)
            todo += _family(first, src)
        if ns:
            rst += ["", ".. c:namespace-pop::", ""]

        container = nodes.container(classes=[MARK])
        self.state.nested_parse(StringList(rst, "<kernel-doc-api %s>" %
                                           first), 0, container)
        for desc in container.traverse(addnodes.desc):
            desc["classes"].append(MARK)
        return container.children

    @staticmethod
    def _no_header(path, series):
        return ("kernel-doc-api: %s: header not found (series %s): install "
                "the Debian linux-headers of that kernel (make deps)"
                % (path, series))

    def _one_header(self, script, rel, path, src, root, notes, notes_path):
        rc, stdout, stderr = _run_kerneldoc(self.env.app, script, path)
        if rc != 0 and not stdout:
            raise self.error("kernel-doc-api: %s %s failed: %s" %
                             (script, path, stderr.strip()))
        for line in stderr.splitlines():
            if "no structured comments found" in line:
                continue  # a header without kernel-doc: all from notes
            if line.strip():
                logger.warning("kernel-doc: %s", line,
                               location=(self.env.docname, self.lineno))
        documented = set(re.findall(r"^\.\. c:\w+:: (?:[^\n(]*?\b)?(%s)"
                                    r"(?=\s*(?:\(|$))" % _IDENT,
                                    stdout, flags=re.M))

        out = [".. rubric:: %s" % rel, "",
               "As installed in ``%s``." % root, ""]
        if documented:
            out += keep_description_lines(stdout.splitlines())
            out.append("")
        missing = []
        for d in scan_header(src):
            if d.name in documented:
                continue
            if d.name not in notes:
                missing.append("%s (%s:%d)" % (d.name, path, d.line))
                continue
            kind = "struct" if d.kind in ("struct", "union", "enum") \
                else d.kind
            out += [".. c:%s:: %s" % (kind, d.text), ""]
            text, _ = notes[d.name]
            out += ["   " + t if t else "" for t in text]
            where = "%s, line %d" % (rel, d.line)
            if d.inline:
                where += ", defined inline"
            out += ["", "   *Declared in* ``%s``." % where, ""]
        if missing:
            raise self.error(
                "kernel-doc-api: no kernel-doc comment in the header and no "
                "entry in %s for: %s" % (notes_path or "a :notes: file",
                                         ", ".join(missing)))
        return out


def _plain_external_types(app, env, node, contnode):
    """Show kernel types outside this API as text in our signatures.

    Signatures generated by the directive name types such as
    ``struct static_key_false`` or ``Elf_Shdr`` that no page defines.  They
    are part of the kernel's declaration, not a broken link of ours, so they
    are rendered as plain text.  This applies only inside the signature
    lines the directive made; prose keeps nitpicky checking.
    """
    if node.get("refdomain") != "c":
        return None
    parent = node.parent
    in_sig = False
    while parent is not None:
        if isinstance(parent, addnodes.desc_signature):
            in_sig = True
        if isinstance(parent, addnodes.desc):
            if in_sig and MARK in parent.get("classes", []):
                return contnode
            return None
        parent = parent.parent
    return None


def setup(app):
    app.add_config_value("kerneldoc_api_script", "", "env")
    app.add_config_value("kerneldoc_api_headers", {}, "env")
    app.add_directive(MARK, KernelDocApi)
    app.connect("missing-reference", _plain_external_types)
    app.connect("env-before-read-docs", _prefetch)
    app.connect("build-finished", _reap)
    # env_version: bump it whenever the generated rst changes, so that
    # existing builds re-read the pages that use the directive.
    return {"version": "2", "env_version": 2, "parallel_read_safe": True,
            "parallel_write_safe": True}

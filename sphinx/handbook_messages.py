# SPDX-License-Identifier: GPL-2.0
"""What counts as a kernel message quoted on the site, and its index text.

Used by sphinx/handbook_index.py (the index entries) and by
checks/site/index.py (the check that they exist); no Sphinx import, so the
check runs with any python3.
"""
import re

# dmesg's time stamp, and the prompt of a "dmesg" line in a transcript.
_STAMP = re.compile(r"^\s*(?:<\d>)?\[\s*\d+\.\d+\]\s*")
# Messages of the livepatch core (pr_fmt "livepatch: "), and the module
# loader's messages that concern live patches.
MESSAGE = re.compile(
    r"(livepatch: \S.*"
    r"|(?:\S+: )?Unknown symbol\b.*"
    r"|.*tainting kernel with TAINT_LIVEPATCH"
    r"|.* is marked as a livepatch module.*)$")


def normalize_message(line):
    """The index text of a kernel message line, or None if it is none.

    Quoted names ('f', 'vmlinux'), numbers and the symbol of "Unknown
    symbol" become "…"; "livepatch: Livepatch patch (NAME)" likewise.
    """
    line = _STAMP.sub("", line.rstrip())
    m = MESSAGE.match(line)
    if not m:
        return None
    text = m.group(1)
    # A commit subject quoted in prose ("livepatch: Add ...") is no message:
    # the core's messages never start with a capital, except this one.
    if text.startswith("livepatch: ") and text[11:12].isupper() and \
            not text.startswith("livepatch: Livepatch patch"):
        return None
    text = re.sub(r"'[^']*'", "'…'", text)
    text = re.sub(r"\([^()]*\)", "(…)", text)
    text = re.sub(r"(?<![\w.])-?\d+\b", "…", text)
    text = re.sub(r"^(\S+: )?Unknown symbol\b.*", "…: Unknown symbol … (err …)",
                  text)
    text = re.sub(r"^.*(tainting kernel with TAINT_LIVEPATCH)", r"\1", text)
    text = re.sub(r"^\S+: (is marked as a livepatch module).*",
                  r"… \1, but livepatch support is disabled", text)
    return " ".join(text.split())



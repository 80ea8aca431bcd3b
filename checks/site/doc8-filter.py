#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""doc8-filter.py: read doc8's report on stdin, drop "D001 Line too long"
for lines of a table (a wide table cannot be wrapped without splitting its
cells), print the rest, and exit 1 when an error is left.

A line belongs to a table when it is a grid-table line (it starts with "+"
or "|") or a simple-table border ("===  ===="), or when walking up from it
through non-blank lines reaches such a border."""
import re
import sys

BORDER = re.compile(r"^\s*=+( +=+)+\s*$")
GRID = re.compile(r"^\s*[+|]")
ERROR = re.compile(r"^(\S+):(\d+): (D\d{3}) ")
_files = {}


def in_table(path, no):
    if path not in _files:
        with open(path, encoding="utf-8", errors="replace") as f:
            _files[path] = f.read().splitlines()
    lines = _files[path]
    i = no - 1
    if GRID.match(lines[i]):
        return True
    while i >= 0 and lines[i].strip():
        if BORDER.match(lines[i]):
            return True
        i -= 1
    return False


left = 0
for line in sys.stdin:
    m = ERROR.match(line)
    if not m:
        continue
    path, no, code = m.group(1), int(m.group(2)), m.group(3)
    if code == "D001" and in_table(path, no):
        continue
    left += 1
    sys.stdout.write(line)
sys.exit(1 if left else 0)

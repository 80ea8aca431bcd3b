# SPDX-License-Identifier: GPL-2.0
# gdb-inlined.py: in `gdb -batch`, after `break FUNCTION`: how many code
# locations gdb found for FUNCTION (its out-of-line copies and every place
# it was inlined) and in how many distinct functions, by `info symbol`.
import gdb

bps = gdb.breakpoints() or []
callers = set()
locs = 0
for bp in bps:
    for loc in bp.locations:
        locs += 1
        sym = gdb.execute("info symbol %#x" % loc.address, to_string=True)
        callers.add(sym.split(" + ")[0].split(" in section ")[0].strip())
print("gdb: locations %d functions %d" % (locs, len(callers)))

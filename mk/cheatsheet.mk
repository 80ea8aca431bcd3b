# SPDX-License-Identifier: GPL-2.0
# The cheat-sheet's standalone forms, made by pandoc from the one source,
# source/limitations/cheatsheet.rst (scripts/cheatsheet.sh, checked by
# checks/cheatsheet.sh).

.PHONY: cheatsheet check-cheatsheet

cheatsheet:
	@scripts/cheatsheet.sh build

check-cheatsheet:
	@checks/cheatsheet.sh

CHECKS     += check-cheatsheet
HELP_LINES += '  cheatsheet      cheat-sheet as man page + printable HTML + Markdown in $(OUT)/cheatsheet/'
HELP_LINES += '  check-cheatsheet build them: each has every hazard row and prints on 2 A4 pages'

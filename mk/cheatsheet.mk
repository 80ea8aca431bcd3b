# SPDX-License-Identifier: GPL-2.0
# The cheat-sheet's standalone forms, made by pandoc from the one source,
# source/limitations/cheatsheet.rst (see checks/cheatsheet.sh).

.PHONY: cheatsheet check-cheatsheet

cheatsheet:
	@checks/cheatsheet.sh build

check-cheatsheet:
	@checks/cheatsheet.sh check

CHECKS     += check-cheatsheet
HELP_LINES += '  cheatsheet      cheat-sheet as man page + printable HTML + Markdown in $(OUT)/cheatsheet/'
HELP_LINES += '  check-cheatsheet build them: each has every hazard row and prints on 2 A4 pages'

# Compiler facts of the limitation pages, shown on objects built with each
# kernel's own kbuild (checks/cheatsheet-proofs.sh).
.PHONY: check-limitations
check-limitations:
	@checks/cheatsheet-proofs.sh

CHECKS     += check-limitations
HELP_LINES += '  check-limitations compiler facts of the limitation pages built per kernel (cheatsheet-proofs/)'

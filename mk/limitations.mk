# SPDX-License-Identifier: GPL-2.0
# Compiler facts of the limitation pages, shown on objects built with each
# kernel's own kbuild (checks/limitations.sh, sources in checks/limitations/).
.PHONY: check-limitations
check-limitations:
	@checks/limitations.sh

CHECKS     += check-limitations
HELP_LINES += '  check-limitations compiler facts of the limitation pages, built per kernel (checks/limitations/)'

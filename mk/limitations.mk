# SPDX-License-Identifier: GPL-2.0
# Compiler facts of the limitation pages, shown on objects built with each
# kernel's own kbuild (checks/limitations.sh, sources in checks/limitations/).
# limitations-transcripts writes what those builds print for two pages
# (source/transcripts/limit-*.txt); check-limitations compares.
.PHONY: check-limitations limitations-transcripts
check-limitations:
	@checks/limitations.sh

transcripts: limitations-transcripts
limitations-transcripts:
	checks/limitations.sh update

CHECKS     += check-limitations
HELP_LINES += '  limitations-transcripts rewrite the limit-*.txt transcripts of check-limitations (part of transcripts)'
HELP_LINES += '  check-limitations compiler facts of the limitation pages, built per kernel (checks/limitations/)'

# SPDX-License-Identifier: GPL-2.0
# klp-check's answers about the example modules, shown by the limitation
# pages (checks/klp-check-transcripts.sh).  `make transcripts` rewrites
# them with the VM transcripts; check-klp-transcripts compares.

.PHONY: klp-transcripts check-klp-transcripts

klp-transcripts:
	checks/klp-check-transcripts.sh update

transcripts: klp-transcripts

check-klp-transcripts:
	@checks/klp-check-transcripts.sh check

CHECKS     += check-klp-transcripts
HELP_LINES += '  klp-transcripts rewrite the transcripts of klp-check -e on the example modules (part of transcripts)'
HELP_LINES += '  check-klp-transcripts those transcripts are what klp-check prints now'

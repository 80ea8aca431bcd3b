# SPDX-License-Identifier: GPL-2.0
# tools/klp-convert-lite, the build tooling that writes the klp relocations
# of examples/livepatch-klp-reloc.c (checks/klp-convert-lite.sh).
.PHONY: check-klp-convert
CHECKS     += check-klp-convert
HELP_LINES += '  check-klp-convert unconverted klp-reloc example fails in modpost; klp-convert-lite on good and bad input'

check-klp-convert:
	@checks/klp-convert-lite.sh

# SPDX-License-Identifier: GPL-2.0
# tools/klp-convert-lite writes the klp relocations of a live patch module
# (examples/livepatch-klp-reloc.c, or your own); `make tools` builds it and
# its man page, checks/klp-convert-lite.sh tests it.
.PHONY: check-klp-convert
CHECKS     += check-klp-convert
HELP_LINES += '  check-klp-convert unconverted klp-reloc example fails in modpost; klp-convert-lite on good and bad input, --help, man page'

check-klp-convert:
	@checks/klp-convert-lite.sh

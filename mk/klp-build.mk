# SPDX-License-Identifier: GPL-2.0
# Linux's klp-build end to end on a tinyconfig 7.x kernel (scripts/klp-build.sh,
# checks/klp-build/).  Not part of `make check`, which must stay within 15
# minutes: a clean run builds a kernel.  .ci/run runs it after make check.

.PHONY: check-klp-build klp-build-transcripts

check-klp-build:
	@checks/klp-build/run.sh

klp-build-transcripts:
	checks/klp-build/run.sh update | grep -v '^ok '

HELP_LINES += '  check-klp-build klp-build makes live patches from examples/klp-build/*.patch; boot, load, refusals (not in check: about 15 min clean, 1 min cached)'
HELP_LINES += '  klp-build-transcripts  rerun check-klp-build and rewrite source/transcripts/klp-build/'

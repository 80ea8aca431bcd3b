# SPDX-License-Identifier: GPL-2.0
# The Livepatch Handbook: build the site, the examples and run the checks.
# `make help` lists the targets.

SPHINXBUILD  ?= sphinx-build
SPHINXOPTS   ?= -W --keep-going -n -j auto
DOT          ?= dot
OUT          ?= output
HTMLDIR      := $(OUT)/html

# Kernels the checks build for and boot: by default every installed
# kernel of the series the handbook proves (scripts/kernels.sh says which).
KERNELS      ?= $(shell scripts/kernels.sh list)
# Headers to build the examples against for `make examples`.
KDIR         ?= $(shell scripts/kernels.sh default-kdir)
VM_ACCEL     ?= tcg

export KERNELS VM_ACCEL OUT

# The checks `make check` runs, in order.  Fragments in mk/ add their own
# targets and append to CHECKS and HELP_LINES.
CHECKS       := check-docs check-transcripts check-examples check-harness check-vm
HELP_LINES   :=
.DEFAULT_GOAL := help
-include $(sort $(wildcard mk/*.mk))

.PHONY: help deps htmldocs examples check check-docs check-examples check-harness \
	check-vm check-transcripts transcripts clean

help:
	@echo 'Targets:'
	@echo '  deps            install the Debian packages needed (root or sudo)'
	@echo '  htmldocs        build the site into $(HTMLDIR)'
	@echo '  examples        build examples/ against KDIR=$(KDIR)'
	@echo '  check           run every check; ends with "N passed, N failed"'
	@echo '  check-docs      the site builds without a warning; broken refs fail'
	@echo '  check-examples  examples build with W=1 against every kernel in KERNELS'
	@echo '  check-harness   prove the VM harness reports a failure and a hang'
	@echo '  check-vm        boot each kernel in KERNELS and test every example'
	@echo '  check-transcripts source/transcripts/MANIFEST: no orphan, no missing one, all masked'
	@echo '  transcripts     run the VM tests and rewrite source/transcripts/ (only after a run with no failure)'
	@echo '  clean           remove $(OUT)/'
	$(if $(HELP_LINES),@printf '%s\n' $(HELP_LINES))
	@echo 'Variables: KERNELS="$(KERNELS)" KDIR VM_ACCEL=$(VM_ACCEL) SPHINXOPTS'

deps:
	scripts/deps.sh

htmldocs:
	@scripts/need.sh $(SPHINXBUILD) python3-sphinx
	@scripts/need.sh $(DOT) graphviz
	$(SPHINXBUILD) -b html $(SPHINXOPTS) -c . -d $(OUT)/doctrees \
		source $(HTMLDIR)

examples:
	scripts/build-examples.sh "$(KDIR)" $(OUT)/examples

# HOST:CHECK pairs: CHECK runs beside HOST, in a second lane (see
# checks/run-all.sh), where HOST leaves a core idle much of the time
# (VMs waiting for kernel timers, one browser page at a time) and the two
# share no build directory.  `make check CHECKS_BESIDE=` runs every
# check one after another.
CHECKS_BESIDE ?= check-examples:check-harness \
	$(addprefix check-vm:,check-cheatsheet check-limitations \
	check-klp-convert check-api-reference check-sysfs-abi check-links \
	check-anchors check-prose) \
	$(addprefix check-site:,check-tools check-fuzz)

check:
	@BESIDE='$(CHECKS_BESIDE)' checks/run-all.sh $(CHECKS)

check-docs:
	@checks/docs.sh

check-examples:
	@checks/examples.sh

check-harness:
	@checks/vm/selftest.sh

check-vm:
	@checks/vm/run.sh

check-transcripts:
	@checks/transcripts.sh

# Transcripts are taken from the VM runs, never written by hand, and only
# from a run with no failure (checks/vm/transcripts.sh refuses otherwise).
transcripts:
	-@checks/vm/run.sh | grep -v '^ok '
	checks/vm/transcripts.sh update $(foreach v,$(KERNELS),$(OUT)/vm/$(v))

clean:
	rm -rf $(OUT)

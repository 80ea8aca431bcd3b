# SPDX-License-Identifier: GPL-2.0
# The Livepatch Handbook: build the site, the examples and run the checks.
# `make help` lists the targets.

SPHINXBUILD  ?= sphinx-build
SPHINXOPTS   ?= -W --keep-going -n -j auto
DOT          ?= dot
OUT          ?= output
HTMLDIR      := $(OUT)/html

# Kernels the VM checks build for and boot: Debian's 6.1 and 6.12 by
# default, i.e. every /boot/vmlinuz-6.1.* and -6.12.* installed.
KERNELS      ?= $(shell checks/kernels.sh)
# Headers to build the examples against for `make examples`.
KDIR         ?= $(shell checks/kdir.sh)
VM_ACCEL     ?= tcg

export KERNELS VM_ACCEL OUT

.PHONY: help deps htmldocs examples check check-docs check-examples check-vm \
	clean

help:
	@echo 'Targets:'
	@echo '  deps            install the Debian packages needed (root or sudo)'
	@echo '  htmldocs        build the site into $(HTMLDIR)'
	@echo '  examples        build examples/ against KDIR=$(KDIR)'
	@echo '  check           run every check; ends with "N passed, N failed"'
	@echo '  check-docs      the site builds without a warning; broken refs fail'
	@echo '  check-examples  examples build with W=1 against every kernel in KERNELS'
	@echo '  check-vm        boot each kernel in KERNELS and test every example'
	@echo '  clean           remove $(OUT)/'
	@echo 'Variables: KERNELS="$(KERNELS)" KDIR VM_ACCEL=$(VM_ACCEL) SPHINXOPTS'

deps:
	checks/deps.sh

htmldocs:
	@checks/need.sh $(SPHINXBUILD) python3-sphinx
	@checks/need.sh $(DOT) graphviz
	$(SPHINXBUILD) -b html $(SPHINXOPTS) -c . -d $(OUT)/doctrees \
		source $(HTMLDIR)

examples:
	checks/build-examples.sh "$(KDIR)" $(OUT)/examples

check:
	@checks/run-all.sh check-docs check-examples check-vm

check-docs:
	@checks/docs.sh

check-examples:
	@checks/examples.sh

check-vm:
	@checks/vm/run.sh

clean:
	rm -rf $(OUT)

# SPDX-License-Identifier: GPL-2.0
# The Livepatch Handbook: build the site, the examples and run the checks.
# `make help` lists the targets.

SPHINXBUILD  ?= sphinx-build
# -j 1: on two cores, Sphinx 5.3's forked readers and writers cost more
# than they give (make bench, issue 15: -j auto was slower in every run).
SPHINXOPTS   ?= -W --keep-going -n -j 1
DOT          ?= dot
OUT          ?= output
HTMLDIR      := $(OUT)/html

# Kernels the checks build for and boot: by default every installed
# kernel of the series the handbook proves (scripts/kernels.sh says which).
# Both defaults are asked for on first use only, then kept: a target that
# never looks at them (a no-op `make htmldocs`) starts no scripts/kernels.sh.
# Keep what uses them at parse time deferred (=, not :=).
# KERNELS_INSTALLED is what `scripts/kernels.sh list` says, whatever
# KERNELS is set to: the site names those releases (conf.py).
KERNELS_INSTALLED = $(eval KERNELS_INSTALLED := $$(shell scripts/kernels.sh list))$(KERNELS_INSTALLED)
KERNELS      ?= $(KERNELS_INSTALLED)
# Headers to build the examples against for `make examples`.
KDIR         ?= $(eval KDIR := $$(shell scripts/kernels.sh default-kdir))$(KDIR)
VM_ACCEL     ?= tcg

export KERNELS VM_ACCEL OUT
# The top-level output directory, for what runs with an OUT of their own
# (the shipping and lockdown boots, patch-test) share: the kernels the VMs
# boot and the scripts taken from linux-source (checks/vm/vmlinux.sh).
HANDBOOK_OUT ?= $(abspath $(OUT))
export HANDBOOK_OUT

# The checks `make check` runs.  make -j starts them in this order, so the
# longest chain (check-examples, then check-vm) comes first.  Fragments in
# mk/ add their own targets and append to CHECKS and HELP_LINES.
CHECKS       := check-examples check-vm check-harness check-docs check-transcripts \
	check-shell check-patch-test
HELP_LINES   :=
.DEFAULT_GOAL := help
-include $(sort $(wildcard mk/*.mk))

.PHONY: help deps htmldocs examples check check-docs check-examples check-harness \
	check-vm check-transcripts check-shell patch-test check-patch-test transcripts clean

help:
	@echo 'Targets:'
	@echo '  deps            install the Debian packages needed (root or sudo)'
	@echo '  htmldocs        build the site into $(HTMLDIR)'
	@echo '  examples        build examples/ against KDIR=$(KDIR)'
	@echo '  check           run every check; ends with "N passed, N failed"'
	@echo '  check-docs      the site builds without a warning; broken refs fail'
	@echo '  check-examples  examples build with W=1 against every kernel in KERNELS'
	@echo '  check-harness   prove the VM harness reports a failure, a hang and a leftover patch'
	@echo '  check-shell     shellcheck over every shell script of the tree'
	@echo '  check-vm        boot each kernel in KERNELS and test every example'
	@echo '  check-transcripts source/transcripts/MANIFEST: no orphan, no missing one, all masked'
	@echo '  patch-test      PATCH=DIR: build a patch directory (.c, Kbuild, tests/) for each kernel, boot it with its tests'
	@echo '  check-patch-test patch-test PATCH=patches/select-timeval passes on the first kernel; a bad PATCH gets one error line'
	@echo '  transcripts     run the VM tests and rewrite source/transcripts/ (only after a run with no failure)'
	@echo '  clean           remove $(OUT)/'
	$(if $(HELP_LINES),@printf '%s\n' $(HELP_LINES))
	@echo 'Variables: KERNELS="$(KERNELS)" KDIR VM_ACCEL=$(VM_ACCEL) VM_CPU VM_SHARDS VM_PVH JOBS CHECK_JOBS=$(CHECK_JOBS) SPHINXOPTS'

deps:
	scripts/deps.sh

# The site is rebuilt only when something it was built from changed: the
# build writes $(HTMLDIR)/.depend (sphinx/handbook_depfile.py) listing
# every file Sphinx read; the directories catch pages added or removed.
# A no-op starts no program at all (make bench: < 0.3 s): the directories
# are found by make itself, not by $(shell find).
HTMLSTAMP    := $(HTMLDIR)/.stamp
subdirs       = $(foreach d,$(1),$(d) $(call subdirs,$(patsubst %/.,%,$(wildcard $(d)/*/.))))
htmldocs: $(HTMLSTAMP)
-include $(HTMLDIR)/.depend
# The pages name the installed kernel builds: a kernel installed or
# removed (make deps after a Debian point release) changes /boot or the
# trixie root's modules directory, and so rebuilds the site.
KERNEL_DIRS   = $(wildcard /boot $(or $(TRIXIE_ROOT),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/livepatch-handbook/trixie-root)/usr/lib/modules)
$(HTMLSTAMP): conf.py VERSION $(call subdirs,source sphinx diagrams) $(KERNEL_DIRS)
	@scripts/need.sh $(SPHINXBUILD) python3-sphinx
	@scripts/need.sh $(DOT) graphviz
	@rm -f $@
	HANDBOOK_KERNELS_INSTALLED="$(KERNELS_INSTALLED)" \
	$(SPHINXBUILD) -b html $(SPHINXOPTS) -c . -d $(OUT)/doctrees \
		-D handbook_depfile=$(HTMLDIR)/.depend \
		-D handbook_depfile_target=$@ source $(HTMLDIR)
	@touch $@

examples:
	scripts/build-examples.sh "$(KDIR)" $(OUT)/examples

# `make check` is make's own parallel run: each check is a target
# $(OUT)/check/CHECK.log, made by checks/run-check.sh, CHECK_JOBS at a time,
# each one's output printed whole when it ends (--output-sync=target), then
# one line "N passed, N failed[, N skipped]".  What may not run side by
# side is written as order-only prerequisites below, not as a comment.
# `make check CHECK_JOBS=1` runs every check one after another.
#
# It runs in two steps.  First what several checks read: the modules of
# examples/ for each kernel (EXAMPLE_BUILDS), the static klp-check of the
# VM and the site (check-docs builds it from clean).  check-docs starts
# first: its Sphinx runs on one core (-j 1, above) beside the kbuild runs,
# which use both (make -j inside each); started last, as it was, it ran
# alone on one core at the end of the step while the other waited.  Then
# every check, the longest first.  Why two: GNU make puts off a goal whose
# prerequisites are still being made until it has started every goal after
# it, so check-vm, the longest, waiting for the builds would start last.
CHECK_JOBS   ?= 2
CHECK_LOG     = $(OUT)/check/$(1).log
CHECK_FIRST  := check-vm check-a11y check-limitations check-tools check-books \
	check-examples check-links check-site check-patch-test check-klp-convert
CHECK_GOALS   = $(foreach c,$(CHECK_FIRST),$(filter $(c),$(CHECKS))) \
	$(filter-out $(CHECK_FIRST),$(CHECKS))

check:
	@rm -rf $(OUT)/check && mkdir -p $(OUT)/check && date +%s >$(OUT)/check/.t0
	@checks/run-check.sh step $(MAKE) -k -j$(CHECK_JOBS) --output-sync=target --no-print-directory \
		$(if $(filter check-docs,$(CHECKS)),$(call CHECK_LOG,check-docs)) \
		$(if $(filter check-vm check-examples,$(CHECKS)),$(EXAMPLE_BUILDS)) \
		$(OUT)/vm-payload/klp-check $(KERNEL_SCRIPTS) || :
	@date +%s >$(OUT)/check/.t1
	@EXAMPLES_BUILT=1 $(MAKE) -k -j$(CHECK_JOBS) --output-sync=target \
		--no-print-directory $(foreach c,$(filter-out check-docs,$(CHECK_GOALS)),$(call CHECK_LOG,$(c))) || :
	@checks/run-check.sh summary $(CHECKS)

$(OUT)/check/%.log:
	@checks/run-check.sh run $*

# checkpatch.pl and extract-vmlinux from linux-source, for check-examples
# and every VM run: copied from the cache `make deps` unpacked them into
# (scripts/kernel-scripts.sh; it reports its own errors to the checks
# that use it).
KERNEL_SCRIPTS = $(HANDBOOK_OUT)/kernel-scripts/.extracted
$(KERNEL_SCRIPTS):
	@scripts/kernel-scripts.sh $(@D) >/dev/null

# The modules of examples/ for each kernel, built by make check into
# $(OUT)/examples-<version> before any check starts: check-examples
# reports that build (build.log, build.status) and check-vm boots it
# (EXAMPLES_BUILT tells both that it is done).  The recipe does not fail
# on a failed build: both checks report it.
EXAMPLE_BUILDS = $(foreach v,$(KERNELS),$(OUT)/examples-$(v)/build.status)
$(OUT)/examples-%/build.status: FORCE
	@rm -f $@ && mkdir -p $(@D)
	@scripts/build-examples.sh "$$(scripts/kernels.sh kdir $*)" $(@D) \
		>$(@D)/build.log 2>&1; echo $$? >$@.tmp && mv $@.tmp $@
.PHONY: FORCE
FORCE:

# Shared build directories: $(OUT)/examples-<version> (the builds above,
# then check-klp-transcripts), $(OUT)/tools/klp-check (the static
# build of check-vm's payload, check-tools, check-fuzz,
# check-klp-transcripts) and $(OUT)/html (check-docs builds it from clean;
# the site checks read it).  Their users run one after another, the
# longest first.
$(call CHECK_LOG,check-vm): | $(OUT)/vm-payload/klp-check
$(call CHECK_LOG,check-tools): | $(OUT)/vm-payload/klp-check
$(call CHECK_LOG,check-patch-test): | $(OUT)/vm-payload/klp-check
$(call CHECK_LOG,check-fuzz): | $(call CHECK_LOG,check-tools)
$(call CHECK_LOG,check-klp-transcripts): | $(call CHECK_LOG,check-vm) $(call CHECK_LOG,check-fuzz)
$(foreach c,check-site check-a11y check-links check-anchors, \
	$(eval $(call CHECK_LOG,$(c)): | $(call CHECK_LOG,check-docs)))

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

# One live patch in its own directory, on every kernel in KERNELS
# (checks/vm/patch-test.sh; output under $(OUT)/patch-test/<name>).
patch-test:
	@checks/vm/patch-test.sh "$(PATCH)"

check-shell:
	@checks/shell.sh

check-patch-test: $(OUT)/vm-payload/klp-check
	@checks/patch-test.sh

# Transcripts are taken from the VM runs, never written by hand, and only
# from a run with no failure (checks/vm/transcripts.sh refuses otherwise).
transcripts:
	-@checks/vm/run.sh | grep -v '^ok '
	checks/vm/transcripts.sh update $(foreach v,$(KERNELS),$(OUT)/vm/$(v))

clean:
	rm -rf $(OUT)

# SPDX-License-Identifier: GPL-2.0
# tools/: klp-check and klp-convert-lite, klp-check's checks (those of
# klp-convert-lite are in mk/klp-convert-lite.mk), and the static build the
# test VM runs.
# Everything is built under $(OUT)/tools, never in the source tree.

KLP_CHECK_SRC := tools/klp-check
KLP_CHECK_OUT  = $(abspath $(OUT))/tools/klp-check
# 30 s within `make check` keeps it short; run longer by hand, e.g.
# make check-fuzz FUZZ_SECONDS=600.  It runs on a copy of the committed
# corpus in $(KLP_CHECK_OUT)/fuzz/ and writes nothing into the tree.
FUZZ_SECONDS  ?= 30

.PHONY: tools check-tools check-fuzz bench-tools check-fetch-dbg

# scripts/fetch-dbg-vmlinux.sh, with a fake apt and a small fake package
# (a few seconds): the real download (about 1 GB) is never run here.
check-fetch-dbg:
	@checks/fetch-dbg-vmlinux.sh

tools:
	$(MAKE) -C $(KLP_CHECK_SRC) B=$(KLP_CHECK_OUT) all man
	$(MAKE) -C tools/klp-convert-lite B=$(abspath $(OUT))/tools/klp-convert-lite all man

check-tools:
	@$(KLP_CHECK_SRC)/tests/check-tools.sh $(KLP_CHECK_OUT)

check-fuzz:
	@if ! command -v clang >/dev/null 2>&1; then \
		echo 'not ok 1 - check-fuzz: clang not found: install clang libclang-rt-14-dev (make deps)'; \
		exit 1; \
	fi
	@$(MAKE) -s -C $(KLP_CHECK_SRC) B=$(KLP_CHECK_OUT) \
		$(KLP_CHECK_OUT)/fuzz-elf >$(KLP_CHECK_OUT).fuzz-build.log 2>&1 || \
		{ echo 'not ok 1 - check-fuzz: the libFuzzer target builds'; \
		  sed 's/^/#   /' $(KLP_CHECK_OUT).fuzz-build.log; exit 1; }
	@$(KLP_CHECK_SRC)/tests/fuzz.sh $(KLP_CHECK_OUT)/fuzz-elf $(FUZZ_SECONDS) \
		$(KLP_CHECK_OUT)/fuzz

# Not in `make check`: it downloads Debian's linux-image-*-dbg (about 1 GB
# each) with scripts/fetch-dbg-vmlinux.sh, which keeps the vmlinux in
# ~/.cache/livepatch-handbook/dbg/.  See tools/klp-check/bench/bench-tools.sh.
bench-tools: tools
	@$(KLP_CHECK_SRC)/bench/bench-tools.sh $(abspath $(OUT)) $(KLP_CHECK_OUT)/klp-check

# The VM has no libraries: it runs a static klp-check from /payload.
check-vm: $(OUT)/vm-payload/klp-check

$(OUT)/vm-payload/klp-check: $(wildcard $(KLP_CHECK_SRC)/*.c $(KLP_CHECK_SRC)/*.h) \
		$(KLP_CHECK_SRC)/Makefile
	@mkdir -p $(KLP_CHECK_OUT)
	@# libdw.a's debuginfod client makes ld warn about dlopen() in a static
	@# binary; klp-check needs no debuginfod, so the warning goes to a log.
	@$(MAKE) -s -C $(KLP_CHECK_SRC) B=$(KLP_CHECK_OUT) static \
		>$(KLP_CHECK_OUT).static.log 2>&1 || \
		{ cat $(KLP_CHECK_OUT).static.log; exit 1; }
	@mkdir -p $(@D)
	cp $(KLP_CHECK_OUT)/klp-check.static $@.tmp && mv $@.tmp $@

CHECKS     += check-tools check-fuzz check-fetch-dbg
HELP_LINES += '  tools           build klp-check and klp-convert-lite with their man pages into $(OUT)/tools/'
HELP_LINES += '  check-tools     klp-check: fixture tests, again under ASan/UBSan, man page'
HELP_LINES += '  check-fuzz      klp-check: libFuzzer on the ELF reader for FUZZ_SECONDS=$(FUZZ_SECONDS)'
HELP_LINES += '  check-fetch-dbg scripts/fetch-dbg-vmlinux.sh: errors, cache reuse, bad checksum (fake apt, no download)'
HELP_LINES += '  bench-tools     klp-check vs readelf and gdb on a -dbg vmlinux (downloads it; BENCH_KERNELS=...)'

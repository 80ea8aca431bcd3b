# SPDX-License-Identifier: GPL-2.0
# patches/select-timeval/: a real upstream fix as a live patch (the how-to
# source/howto/real-fix.rst) and how it ships (source/howto/shipping.rst).
#
# Its VM tests call select() and fadvise64() through a static probe, and
# load the patch built for the other kernel and signed with a key no kernel
# trusts; all of these are in /payload (checks/vm/shipping-payload.sh).
# check-shipping boots each kernel once more, with module.sig_enforce=1,
# and runs the tests of checks/vm/sig-enforce/.

SYSPROBE_SRC := patches/select-timeval/tests/sysprobe.c
# no_timer_check: on a loaded host, TCG is slow enough for the kernel's
# early IO-APIC timer test to fail and panic ("IO-APIC + timer doesn't
# work!", seen on 6.1 and 6.12 at load 25 on 2 cores); the test proves
# nothing about a VM.
# The patch is built for the 6.x kernels only (7.x has the fix).
SHIP_KERNELS  = $(filter 6.%,$(KERNELS))
SHIP_VM       = KERNELS="$(SHIP_KERNELS)" \
	VM_APPEND="module.sig_enforce=1 no_timer_check" \
	VM_TESTS_DIR=$(CURDIR)/checks/vm/sig-enforce VM_TESTS=sig-enforce \
	EXAMPLES=livepatch-select-timeval OUT=$(OUT)/sig-enforce \
	VM_PAYLOAD=$(abspath $(OUT))/vm-payload

LOCK_VM       = KERNELS="$(SHIP_KERNELS)" \
	VM_APPEND="lockdown=integrity no_timer_check" \
	VM_TESTS_DIR=$(CURDIR)/checks/vm/lockdown VM_TESTS=lockdown \
	EXAMPLES=livepatch-select-timeval OUT=$(OUT)/lockdown \
	VM_PAYLOAD=$(abspath $(OUT))/vm-payload

.PHONY: ship-payload check-shipping check-lockdown shipping-transcripts

check-vm transcripts: ship-payload

ship-payload: $(OUT)/vm-payload/sysprobe
	@checks/vm/shipping-payload.sh $(OUT)/vm-payload

$(OUT)/vm-payload/sysprobe: $(SYSPROBE_SRC)
	@scripts/need.sh $(CC) gcc
	@test -r /usr/lib/x86_64-linux-gnu/libc.a || \
		{ echo 'error: no static C library: install libc6-dev (make deps)' >&2; exit 1; }
	@mkdir -p $(@D)
	@# A temporary name of its own: check-shipping and check-lockdown may
	@# build it side by side under make check -j.
	$(CC) -static -O2 -Wall -Wextra -Werror -o $@.$$$$.tmp $< && mv $@.$$$$.tmp $@

check-shipping: ship-payload
	@$(SHIP_VM) checks/vm/run.sh

# What Secure Boot does: Debian's kernel locks down to integrity there.
check-lockdown: ship-payload
	@$(LOCK_VM) checks/vm/run.sh

# Part of `make transcripts`: the sig_enforce boot's transcripts.
transcripts: shipping-transcripts
shipping-transcripts: ship-payload
	-@$(SHIP_VM) checks/vm/run.sh | grep -v '^ok '
	-@$(LOCK_VM) checks/vm/run.sh | grep -v '^ok '
	checks/vm/transcripts.sh update $(foreach v,$(SHIP_KERNELS),$(OUT)/sig-enforce/vm/$(v) $(OUT)/lockdown/vm/$(v))

CHECKS     += check-shipping check-lockdown
HELP_LINES += '  check-shipping  boot with module.sig_enforce=1: unsigned and untrusted-key patches refused'
HELP_LINES += '  check-lockdown  boot with lockdown=integrity (as under Secure Boot): the same refused by lockdown'

# The fix is missing from the Debian source of every kernel in KERNELS
# (reads linux-source-SERIES; 6.12's is fetched once into the cache).
.PHONY: check-realfix
check-realfix:
	@checks/realfix.sh

CHECKS     += check-realfix
HELP_LINES += '  check-realfix   fix 859c199bb3a9 is absent from the Debian source of each kernel'

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# selftest.sh: prove that the VM harness can fail, and that one test
# cannot fail the next.  One run of run.sh on the first kernel in KERNELS
# with four tests, in this order:
#
#   00-leaves-patch         makes a false assertion, then loads
#                           livepatch-proc-version and leaves it enabled
#   livepatch-proc-version  the example's own test, which loads the same
#                           module: it passes only if the harness removed
#                           what the test before left
#   selftest-hang           hangs (sleeps longer than any limit)
#   selftest-zz-after-hang  runs only if the harness boots the kernel
#                           again after the hang
#
# The silence limit is SELFTEST_STALL_FACTOR (3) times the measured boot,
# at least SELFTEST_STALL_MIN (20) seconds: these tests never wait long,
# and on a loaded machine the boot, and so the limit, grows.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/kernels.sh"
. "$top/checks/tap.sh"
kernels=${KERNELS:-$(kernels_list)}
v=${kernels%% *}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -z "$v" ]; then
	emit not-ok "harness self-test: no kernel: run make deps"
	finish
fi

mkdir -p "$tmp/tests"
cp "$top/checks/vm/tests/livepatch-proc-version.sh" "$tmp/tests/"
cat >"$tmp/tests/00-leaves-patch.sh" <<'T'
check "a deliberately false assertion" false
insmod $MODDIR/livepatch-proc-version.ko
wait_for 30 $KLP/livepatch_proc_version/transition 0
T
cat >"$tmp/tests/selftest-hang.sh" <<'T'
sleep 100000
T
cat >"$tmp/tests/selftest-zz-after-hang.sh" <<'T'
check "runs after the hung test, in a new boot" true
T
start=$(date +%s)
KERNELS=$v EXAMPLES=livepatch-proc-version \
	VM_TESTS="00-leaves-patch selftest-hang selftest-zz-after-hang" \
	VM_TESTS_DIR=$tmp/tests VM_STALL_FACTOR=${SELFTEST_STALL_FACTOR:-3} \
	VM_STALL_MIN=${SELFTEST_STALL_MIN:-20} \
	OUT=$tmp/out "$top"/checks/vm/run.sh >"$tmp/run.log" 2>&1
rc=$?
secs=$(($(date +%s) - start))

# expect DESCRIPTION PATTERN: a line of run.sh's output matches PATTERN.
expect() {
	if grep -qE "$2" "$tmp/run.log"; then
		emit ok "harness self-test ($v): $1"
	else
		emit not-ok "harness self-test ($v): $1" "$tmp/run.log"
	fi
}
expect "a false assertion in the VM is reported as not ok" \
	'^not ok [0-9]+ - .*00-leaves-patch: a deliberately false assertion'
expect "a test that leaves a live patch enabled is reported as not ok" \
	'^not ok [0-9]+ - .*00-leaves-patch: leaves the kernel as it found it'
expect "the harness removes the patch it left" \
	'^# 00-leaves-patch: the harness removed what it left'
pv_ok=$(grep -cE '^ok [0-9]+ - .*: livepatch-proc-version: ' "$tmp/run.log")
pv_bad=$(grep -cE '^not ok [0-9]+ - .*: livepatch-proc-version: ' "$tmp/run.log")
if [ "$pv_ok" -gt 10 ] && [ "$pv_bad" -eq 0 ]; then
	emit ok "harness self-test ($v): the next test passes all $pv_ok results"
else
	emit not-ok "harness self-test ($v): the next test passes ($pv_ok ok, $pv_bad not ok)" \
		"$tmp/run.log"
fi
expect "a hung test is stopped, after a limit derived from the boot" \
	'^not ok [0-9]+ - .*selftest-hang: VM hung: no result for [0-9]+s \(3 x boot [1-9][0-9]*s'
expect "the console log of the hung VM is shown" \
	'^#   last lines of .*/console\.1\.log'
expect "the test after the hung one runs, in a second boot" \
	'^ok [0-9]+ - .*selftest-zz-after-hang: runs after the hung test, in a new boot'
if [ "$rc" -ne 0 ]; then
	emit ok "harness self-test ($v): run.sh exits non-zero (${secs}s)"
else
	emit not-ok "harness self-test ($v): run.sh exits non-zero" "$tmp/run.log"
fi
grep -E '^# [^ ]+ boot [0-9]+: ' "$tmp/run.log"
finish

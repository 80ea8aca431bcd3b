#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# selftest.sh: prove that the VM harness can fail, and that one test
# cannot fail the next, nor one shard the other.  One run of run.sh on
# the first kernel in KERNELS with five tests dealt over two VMs
# (VM_SHARDS=2), in this order:
#
#   1 00-leaves-patch          shard 1: makes a false assertion, then
#                              loads livepatch-proc-version and leaves it
#                              enabled
#   2 01-selftest-hang         shard 2: hangs (sleeps longer than any limit)
#   3 02-declared-leaver       shard 1: leaves livepatch-proc-version's
#                              module loaded (its patch disabled), as it
#                              declares ("# vm-leaves:"): it must run last
#                              in its shard, after test 5, with no reboot
#   4 03-after-hang            shard 2: runs only if the harness boots the
#                              kernel again after the hang
#   5 livepatch-proc-version   shard 1: the example's own test, which loads
#                              the same module: it passes only if the
#                              harness removed what test 1 left, and if
#                              test 3 has not run yet
#
# Shard 1 must finish in its one boot while shard 2 hangs, and the results
# of both must come back merged in the order of the list.
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
cat >"$tmp/tests/01-selftest-hang.sh" <<'T'
sleep 100000
T
cat >"$tmp/tests/02-declared-leaver.sh" <<'T'
# vm-leaves: livepatch_proc_version
insmod $MODDIR/livepatch-proc-version.ko
wait_for 30 $KLP/livepatch_proc_version/transition 0
echo 0 >$KLP/livepatch_proc_version/enabled
wait_gone 30 $KLP/livepatch_proc_version
T
cat >"$tmp/tests/03-after-hang.sh" <<'T'
check "runs after the hung test, in a new boot" true
T
start=$(date +%s)
KERNELS=$v EXAMPLES=livepatch-proc-version \
	VM_TESTS="00-leaves-patch 01-selftest-hang 02-declared-leaver 03-after-hang" \
	VM_TESTS_DIR=$tmp/tests VM_SHARDS=2 VM_STALL_FACTOR=${SELFTEST_STALL_FACTOR:-3} \
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
	'^not ok [0-9]+ - .*01-selftest-hang: VM hung: no result for [0-9]+s \(3 x boot [1-9][0-9]*s'
expect "the console log of the hung VM is shown" \
	'^#   last lines of .*/console\.shard2\.1\.log'
expect "the test after the hung one runs, in a second boot of its shard" \
	'^ok [0-9]+ - .*03-after-hang: runs after the hung test, in a new boot'
expect "the hung shard is booted again" '^# [^ ]+ shard 2/2 boot 2: '
# Shard 1 is not stopped by the hang in shard 2: one boot ran both its
# tests to the end.
if grep -qE '^# [^ ]+ shard 1/2 boot 1: .*, exit 0, exit\)$' "$tmp/run.log" &&
   ! grep -qE '^# [^ ]+ shard 1/2 boot 2: ' "$tmp/run.log" &&
   [ "$(grep -c '^# vm-done' "$tmp/run.log")" -eq 2 ]; then
	emit ok "harness self-test ($v): the other shard ends in its one boot; both shards reach their end"
else
	emit not-ok "harness self-test ($v): the other shard ends in its one boot; both shards reach their end" \
		"$tmp/run.log"
fi
expect "a test that leaves what it declares is reported as ok" \
	'^ok [0-9]+ - .*02-declared-leaver: leaves only livepatch_proc_version loaded, as it declares'
# The declared leaver, third in the list, ran after the fifth, last in
# its shard's one boot, and no VM was powered off for a reboot.
ran=$(sed -n 's/^# test \([0-9]*\) .*/\1/p' "$tmp/out/vm/$v/tap.shard1.1.txt" 2>/dev/null |
	tr '\n' ' ')
if [ "$ran" = "1 5 3 " ] && ! grep -q '^# vm-reboot' "$tmp/run.log"; then
	emit ok "harness self-test ($v): a declared leaver early in the list runs last in its shard, with no reboot"
else
	echo "shard 1 ran the tests at positions: $ran" >"$tmp/ran"
	grep '^# vm-reboot' "$tmp/run.log" >>"$tmp/ran"
	emit not-ok "harness self-test ($v): a declared leaver early in the list runs last in its shard, with no reboot" \
		"$tmp/ran"
fi
# Both shards' results, merged in the order of the list.
order=$(sed -n 's/^\(not \)\{0,1\}ok [0-9]* - [^:]*: \([^:]*\): .*/\2/p' "$tmp/run.log" |
	uniq | tr '\n' ' ')
want="00-leaves-patch 01-selftest-hang 02-declared-leaver 03-after-hang livepatch-proc-version "
if [ "$order" = "$want" ]; then
	emit ok "harness self-test ($v): the results of both shards are reported in list order"
else
	echo "results in this order: $order" >"$tmp/order"
	emit not-ok "harness self-test ($v): the results of both shards are reported in list order" \
		"$tmp/order"
fi
if [ "$rc" -ne 0 ]; then
	emit ok "harness self-test ($v): run.sh exits non-zero (${secs}s)"
else
	emit not-ok "harness self-test ($v): run.sh exits non-zero" "$tmp/run.log"
fi
grep -E '^# [^ ]+ (shard [0-9]+/[0-9]+ )?boot [0-9]+: ' "$tmp/run.log"
finish

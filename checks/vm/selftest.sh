#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# selftest.sh: prove that the VM harness can fail.  One boot of the first
# kernel in KERNELS runs a test that makes a false assertion and then hangs;
# run.sh must report the false assertion, report the hang after VM_TIMEOUT
# seconds, show the console log and exit non-zero.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/kernels.sh"
kernels=${KERNELS:-$(kernels_list)}
v=$(echo $kernels | cut -d' ' -f1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -z "$v" ]; then
	echo "not ok 1 - harness self-test: no kernel: run make deps"
	echo "1..1"
	exit 1
fi

mkdir -p "$tmp/tests"
cat >"$tmp/tests/selftest-hang.sh" <<'T'
check "a deliberately false assertion" false
sleep 600
T
start=$(date +%s)
KERNELS=$v EXAMPLES=livepatch-proc-version VM_TESTS=selftest-hang \
	VM_TESTS_DIR=$tmp/tests VM_TIMEOUT=${SELFTEST_TIMEOUT:-30} \
	OUT=$tmp/out "$top"/checks/vm/run.sh >"$tmp/run.log" 2>&1
rc=$?
secs=$(($(date +%s) - start))

n=0
failed=0
expect() { # expect DESCRIPTION PATTERN
	n=$((n + 1))
	if grep -qE "$2" "$tmp/run.log"; then
		echo "ok $n - harness self-test ($v): $1"
	else
		echo "not ok $n - harness self-test ($v): $1"
		failed=$((failed + 1))
	fi
}
expect "a false assertion in the VM is reported as not ok" \
	'^not ok [0-9]+ - .*selftest-hang: a deliberately false assertion'
expect "a hung VM is stopped and reported as not ok" \
	'^not ok [0-9]+ - .*VM finished all tests'
expect "the console log of the hung VM is shown" \
	'^#   last lines of .*console.log'
n=$((n + 1))
if [ "$rc" -ne 0 ]; then
	echo "ok $n - harness self-test ($v): run.sh exits non-zero (${secs}s)"
else
	echo "not ok $n - harness self-test ($v): run.sh exits non-zero"
	failed=$((failed + 1))
fi
[ "$failed" -eq 0 ] || sed 's/^/#   /' "$tmp/run.log"
echo "1..$n"
[ "$failed" -eq 0 ]

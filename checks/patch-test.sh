#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-patch-test: make patch-test (checks/vm/patch-test.sh) on patch
# directories made here from examples/: a good one, livepatch-proc-version
# with its VM test, passes with no failure and no transcript; each bad
# one (missing, no Kbuild, a build error, no live patch module) gets one
# line "error: ..." and exit status 2, before any boot.  On the first
# kernel of KERNELS only, to keep make check short.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/kernels.sh"
. "$top/checks/tap.sh"
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
kernels=${KERNELS:-$(kernels_list)}
v=${kernels%% *}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pt=$top/checks/vm/patch-test.sh

if [ -z "$v" ]; then
	emit not-ok "patch-test: no kernel: run make deps"
	finish
fi

# bad NAME DIR PATTERN: patch-test DIR prints only one line, matching
# "error: PATCH=DIR: PATTERN", and exits 2.
bad() {
	KERNELS=$v OUT=$tmp/out "$pt" "$2" >"$tmp/$1.log" 2>&1
	rc=$?
	lines=$(grep -c . "$tmp/$1.log")
	if [ "$rc" = 2 ] && [ "$lines" = 1 ] &&
	   grep -q "^error: PATCH=$2: $3" "$tmp/$1.log"; then
		emit ok "patch-test, $1: one line, exit 2: $(cat "$tmp/$1.log")"
	else
		echo "exit $rc, $lines lines; expected exit 2 and one line 'error: PATCH=$2: $3'" \
			>>"$tmp/$1.log"
		emit not-ok "patch-test, $1: one clear error line, exit 2" "$tmp/$1.log"
	fi
}

# newdir NAME MODULE...: a patch directory of examples/ modules with a
# Kbuild naming them.
newdir() {
	d=$tmp/$1
	shift
	mkdir -p "$d/tests"
	for m in "$@"; do
		cp "$top/examples/$m.c" "$d/"
		[ -f "$top/examples/$m.h" ] && cp "$top/examples/$m.h" "$d/"
		echo "obj-m += $m.o" >>"$d/Kbuild"
	done
	echo "$d"
}

bad "missing directory" "$tmp/no-such-dir" "no such directory"
d=$(newdir no-kbuild livepatch-proc-version)
rm "$d/Kbuild"
cp "$top/checks/vm/tests/livepatch-proc-version.sh" "$d/tests/"
bad "no Kbuild" "$d" "no Kbuild"
d=$(newdir build-error livepatch-proc-version)
cp "$top/checks/vm/tests/livepatch-proc-version.sh" "$d/tests/"
echo 'static int broken = ;' >>"$d/livepatch-proc-version.c"
bad "build error" "$d" "build against $v failed: .*error"
d=$(newdir not-a-live-patch target-demo)
echo 'ok "nothing"' >"$d/tests/target-demo.sh"
bad "module that is not a live patch" "$d" "no live patch module"

# The good one, under a name of its own, in OUT: it shares the static
# klp-check of check-vm ($OUT/vm-payload).
d=$(newdir proc-version livepatch-proc-version)
cp "$top/checks/vm/tests/livepatch-proc-version.sh" "$d/tests/"
start=$(date +%s)
rm -rf "$out/patch-test/proc-version"
KERNELS=$v OUT=$out "$pt" "$d" >"$tmp/good.log" 2>&1
rc=$?
secs=$(($(date +%s) - start))
good=$(grep -cE '^ok [0-9]+ - ' "$tmp/good.log")
notok=$(grep -cE '^not ok' "$tmp/good.log")
if [ "$rc" = 0 ] && [ "$notok" = 0 ] && [ "$good" -gt 15 ] &&
   ! grep -q transcript "$tmp/good.log"; then
	emit ok "patch-test on a copy of livepatch-proc-version: $good passed, none failed, no transcript (${secs}s)"
else
	emit not-ok "patch-test on a copy of livepatch-proc-version passes (exit $rc, $good ok, $notok not ok)" \
		"$tmp/good.log"
fi
if [ -f "$out/patch-test/proc-version/build/$v/livepatch-proc-version.ko" ] &&
   [ -f "$out/patch-test/proc-version/vm/$v/initramfs.cpio.gz" ]; then
	emit ok "patch-test's build and VM are under \$OUT/patch-test/proc-version/"
else
	emit not-ok "patch-test's build and VM are under \$OUT/patch-test/proc-version/"
fi
grep -E '^# ([^ ]+ boot [0-9]+:|klp-check)' "$tmp/good.log"
finish

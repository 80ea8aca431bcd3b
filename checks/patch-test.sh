#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-patch-test: make patch-test (checks/vm/patch-test.sh) on the
# real-fix directory patches/select-timeval itself (its modules, its tests
# and their static helper tests/sysprobe.c) passes with no failure and no
# transcript; on patch directories made here from examples/, each bad one
# (missing, no Kbuild, a module's build error, a helper's build error, no
# live patch module) gets one line "error: ..." and exit status 2, before
# any boot.  On the first kernel of KERNELS only (one boot), to keep make
# check short.  Prints TAP.
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
d=$(newdir helper-error livepatch-proc-version)
cp "$top/checks/vm/tests/livepatch-proc-version.sh" "$d/tests/"
printf 'int main(void)\n{\n\treturn undeclared;\n}\n' >"$d/tests/probe.c"
bad "helper build error" "$d" "tests/probe.c does not build: .*probe.c:3:[0-9]*: error: .*undeclared"
d=$(newdir not-a-live-patch target-demo)
echo 'ok "nothing"' >"$d/tests/target-demo.sh"
bad "module that is not a live patch" "$d" "no live patch module"

# The good one: the real-fix directory, as a user runs it (its output in
# OUT, $OUT/patch-test/select-timeval).  It shares the static klp-check of
# check-vm ($OUT/vm-payload).
real=$top/patches/select-timeval
pto=$out/patch-test/select-timeval
# Not removed first: patch-test rewrites all but the build, which is
# incremental, and holds a lock while it runs, which a user's run of the
# same directory may hold.
start=$(date +%s)
KERNELS=$v OUT=$out "$pt" "$real" >"$tmp/good.log" 2>&1
rc=$?
secs=$(($(date +%s) - start))
good=$(grep -cE '^ok [0-9]+ - ' "$tmp/good.log")
notok=$(grep -cE '^not ok' "$tmp/good.log")
# Its two tests hold more than 30 checks on a 6.x kernel (fewer on 7.x,
# where nothing is built and the tests only ask the kernel).
case $v in 6.*) least=30 ;; *) least=4 ;; esac
if [ "$rc" = 0 ] && [ "$notok" = 0 ] && [ "$good" -ge "$least" ] &&
   ! grep -q transcript "$tmp/good.log"; then
	emit ok "patch-test PATCH=patches/select-timeval: $good passed, none failed, no transcript (${secs}s)"
else
	# The failures first, each with the comment lines that follow it.
	awk '/^not ok/ { show = 1; print; next } /^#   / { if (show) print; next }
		{ show = 0 }' "$tmp/good.log" | head -n 30 >"$tmp/good.why"
	[ -s "$tmp/good.why" ] || cp "$tmp/good.log" "$tmp/good.why"
	emit not-ok "patch-test PATCH=patches/select-timeval passes (exit $rc, $good ok, at least $least wanted, $notok not ok)" \
		"$tmp/good.why"
fi
# The tests ran the helper: on 6.x the probe's own lines are in the
# transcript; on 7.x the test shows nothing, and says it found the probe.
case $v in
6.*) ran="grep -q '^# /payload/sysprobe select' $pto/vm/$v/transcript.clean" ;;
*) ran="grep -q '^ok [0-9]* - $v: the probe runs' $tmp/good.log" ;;
esac
if [ -x "$pto/payload/sysprobe" ] && sh -c "$ran" 2>/dev/null; then
	emit ok "patch-test built tests/sysprobe.c into \$OUT/patch-test/select-timeval/payload/ and the VM ran it as /payload/sysprobe"
else
	emit not-ok "patch-test built tests/sysprobe.c into \$OUT/patch-test/select-timeval/payload/ and the VM ran it as /payload/sysprobe"
fi
if [ -f "$pto/vm/$v/initramfs.cpio.gz" ] && [ -f "$pto/build/$v.log" ]; then
	emit ok "patch-test's build and VM are under \$OUT/patch-test/select-timeval/"
else
	emit not-ok "patch-test's build and VM are under \$OUT/patch-test/select-timeval/"
fi
grep -E '^# ([^ ]+ boot [0-9]+:|klp-check|[^ ]+: the Kbuild)' "$tmp/good.log"
finish

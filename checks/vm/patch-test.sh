#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# patch-test.sh DIR: test one live patch, kept in its own directory, on
# every kernel in KERNELS (make patch-test PATCH=DIR).
#
# DIR holds the patch's .c and .h files, its Kbuild (one "obj-m += NAME.o"
# line per module: the patch, and any target module of its own; lines may
# sit inside kbuild conditions such as "ifeq ($(VERSION),6)") and its
# tests: DIR/tests/NAME.sh, VM test scripts in the form of
# checks/vm/tests/*.sh (they use checks/vm/lib.sh; the modules are in
# $MODDIR), and any C helper programs the tests run, DIR/tests/NAME.c.
# This
#
#   1. builds each DIR/tests/NAME.c once, static (cc -static -O2 -Wall
#      -Wextra -Werror; the VM has no C library), to $PT/payload/NAME: the
#      tests run it as /payload/NAME;
#   2. builds DIR against the headers of each kernel with W=1 and -Werror
#      (scripts/build-examples.sh), writing the klp relocations of
#      .klp.sym.* references (tools/klp-convert-lite).  The Kbuild is
#      used as it is: a kernel for which it names no module (a kernel
#      that already has the fix) is booted with no module, and the
#      tests, which see the same empty $MODDIR, must say what that kernel
#      does without the patch;
#   3. makes sure that, where modules were built, at least one is a live
#      patch (modinfo livepatch=Y);
#   4. when tools/klp-check has a --patch option, runs it on each live
#      patch module inside the VM, against the very kernel it will patch
#      ($PT/payload/klp-check, the static build of make check-vm);
#   5. boots each kernel with only these modules, helpers and tests
#      (checks/vm/run.sh) and prints TAP; no transcript is compared.
#
# Everything goes under one directory, PT=$OUT/patch-test/<name of DIR>:
# $PT/build/<version> (the build), $PT/payload (what the VM sees as
# /payload), $PT/tests (the tests booted), $PT/vm/<version> (initramfs,
# serial logs).  A bad DIR (missing, no Kbuild, no tests, a build error of
# a module or of a helper, no live patch module) prints one line
# "error: ..." and exits 2 before any boot; so does a second run while
# one is running in the same PT (lock file $PT.lock).
# Knobs: KERNELS, JOBS (make -j), CC (the helpers' compiler), VM_ACCEL,
# VM_CPU, VM_TIMEOUT, OUT (see run.sh).
set -u
# DIR's Kbuild is built whole, with its own tests: none of run.sh's
# selections of examples/ applies.
unset EXAMPLES EXAMPLES_SRC VM_TESTS

top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/kernels.sh"
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac

die() {
	echo "error: PATCH=$arg: $*" >&2
	exit 2
}

arg=${1:-}
[ -n "$arg" ] || { echo "error: usage: make patch-test PATCH=DIR" >&2; exit 2; }
[ -d "$arg" ] || die "no such directory"
dir=$(cd "$arg" && pwd)
[ -f "$dir/Kbuild" ] || die "no Kbuild (one 'obj-m += NAME.o' line per module)"
grep -q '^obj-m *+= *[A-Za-z0-9_-]*\.o' "$dir/Kbuild" ||
	die "Kbuild names no module ('obj-m += NAME.o')"
set -- "$dir"/tests/*.sh
[ -e "$1" ] || die "no tests: DIR/tests/NAME.sh (VM test scripts, as in checks/vm/tests/)"
kernels=${KERNELS:-$(kernels_list)}
[ -n "$kernels" ] || die "no kernel of the series $KERNEL_SERIES in /boot: run make deps"
name=$(basename "$dir")
pt=$out/patch-test/$name
mkdir -p "$pt/build"
# Two runs on one PT would boot from and write into the same files: the
# second stops at once.  The lock lasts as long as this script and the
# run.sh and QEMU it starts (they inherit descriptor 9).
command -v flock >/dev/null 2>&1 || die "flock not found: install util-linux (make deps)"
exec 9>"$pt.lock"
flock -n 9 || die "another patch-test is running in $pt (lock $pt.lock)"

# 1: the tests' helper programs, static, in the payload; first, as they
# take a second and the kernel builds take minutes.
payload=$pt/payload
rm -rf "$payload"
mkdir -p "$payload"
for c in "$dir"/tests/*.c; do
	[ -e "$c" ] || continue
	if ! command -v "${CC:-cc}" >/dev/null 2>&1; then
		die "tests/$(basename "$c"): no C compiler '${CC:-cc}': install gcc (make deps)"
	fi
	h=$(basename "$c" .c)
	log=$pt/payload.$h.log
	if ! "${CC:-cc}" -static -O2 -Wall -Wextra -Werror \
			-o "$payload/.$h.tmp" "$c" >"$log" 2>&1; then
		rm -f "$payload/.$h.tmp"
		if grep -q 'cannot find -lc' "$log"; then
			die "tests/$h.c: no static C library: install libc6-dev (make deps)"
		fi
		first=$(grep -m 1 ': error: ' "$log")
		die "tests/$h.c does not build: ${first:-see the log}; log: $log"
	fi
	mv "$payload/.$h.tmp" "$payload/$h"
done

# 2, 3: build for every kernel before booting any.  livepatches_V: the
# live patch modules built for kernel V (none where the Kbuild names none).
for v in $kernels; do
	kdir=$(kernel_kdir "$v") ||
		die "$v: no headers: install linux-headers-$v (make deps)"
	build=$pt/build/$v
	log=$pt/build/$v.log
	if ! EXAMPLES_SRC=$dir "$top"/scripts/build-examples.sh \
			"$kdir" "$build" >"$log" 2>&1; then
		first=$(grep -m 1 -E 'error|Error|undefined' "$log")
		die "build against $v failed: ${first:-see the log}; log: $log"
	fi
	kos=$("$top"/scripts/list-modules.sh "$build")
	lp=
	for ko in $kos; do
		[ "$(modinfo -F livepatch "$ko" 2>/dev/null)" = Y ] &&
			lp="$lp $(basename "$ko" .ko)"
	done
	if [ -z "$kos" ]; then
		echo "# $v: the Kbuild names no module for this kernel; its tests run on the kernel as it is"
	elif [ -z "$lp" ]; then
		die "no live patch module (MODULE_INFO(livepatch, \"Y\")) among the modules of Kbuild"
	fi
	eval "livepatches_$(echo "$v" | tr -c 'A-Za-z0-9_\n' _)=\$lp"
done

# 4: the pre-flight check, when klp-check has it.  The VM runs the static
# klp-check of make check-vm, copied to the payload, against the kernel
# it boots.
klp=$out/vm-payload/klp-check
make -s --no-print-directory -C "$top" OUT="$out" "$klp" >"$pt/klp-check.log" 2>&1 ||
	die "tools/klp-check: the static build for the VM failed (install libdw-dev libelf-dev: make deps); log: $pt/klp-check.log"
cp "$klp" "$payload/klp-check"
tests=$pt/tests
rm -rf "$tests"
mkdir -p "$tests"
cp "$dir"/tests/*.sh "$tests/"
if "$klp" --help 2>&1 | grep -q -- '--patch'; then
	{
		echo '# Generated by checks/vm/patch-test.sh: klp-check --patch on each'
		echo '# live patch built for the kernel booted.'
		# shellcheck disable=SC2016 # expanded in the VM, not here
		echo 'case $(uname -r) in'
		for v in $kernels; do
			eval "lp=\$livepatches_$(echo "$v" | tr -c 'A-Za-z0-9_\n' _)"
			echo "'$v')"
			if [ -z "$lp" ]; then
				echo "	check_not \"no module is built for this kernel (its Kbuild names none)\" sh -c 'ls \"\$MODDIR\"/*.ko'"
			fi
			for p in $lp; do
				# Exit 5: no blocker, but the running kernel has no
				# DWARF to tell whether the function is inlined
				# elsewhere (the output names the command that
				# answers it).  1 and 2 fail.
				echo "	check \"klp-check --patch $p.ko: no blocker (exit 0, or 5: inlining unknown without DWARF)\" sh -c \"/payload/klp-check --patch \$MODDIR/$p.ko; rc=\\\$?; [ \\\$rc = 0 ] || [ \\\$rc = 5 ]\""
			done
			echo '	;;'
		done
		echo 'esac'
	} >"$tests/00-klp-check-patch.sh"
else
	echo "# klp-check has no --patch option: no pre-flight check"
fi

# 5: the VM.  $PT/tests holds this patch's tests and no other, so run.sh
# copies all of them; with VM_SRC it asks each live patch of DIR's Kbuild
# for a test.  No EXAMPLES: the Kbuild is built as it is, conditions kept.
KERNELS=$kernels OUT=$pt VM_SRC=$dir VM_TESTS_DIR=$tests \
	VM_PAYLOAD=$payload "$top"/checks/vm/run.sh

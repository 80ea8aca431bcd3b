#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-examples: every module in examples/ builds with W=1 and no warning
# against the headers of each kernel in KERNELS, and every example source is
# checkpatch.pl --strict clean.  A deliberately broken copy must fail, so
# the check is known to be able to fail.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/scripts/kernels.sh"
kernels=${KERNELS:-$(kernels_list)}
. "$top/checks/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -n "$kernels" ] ||
	emit not-ok "no Debian 6.1, 6.12 or 7.x kernel installed: run make deps"

for v in $kernels; do
	b=$out/examples-$v
	if [ "${EXAMPLES_BUILT:-}" = 1 ] && [ -f "$b/build.status" ]; then
		# make check built them just before (Makefile: EXAMPLE_BUILDS)
		cp "$b/build.log" "$tmp/build.log"
		rc=$(cat "$b/build.status")
	else
		"$top"/scripts/build-examples.sh "$(kernel_kdir "$v")" "$b" \
			>"$tmp/build.log" 2>&1
		rc=$?
	fi
	if [ "$rc" = 0 ]; then
		count=$("$top"/scripts/list-modules.sh "$b" | wc -l)
		emit ok "$v: examples build with W=1 and no warning ($count modules)"
	else
		emit not-ok "$v: examples build with W=1 and no warning" \
			"$tmp/build.log"
	fi
done

# The check can fail: a copy of the first example with an unused variable.
v=$(echo "$kernels" | awk '{ print $1 }')
if [ -n "$v" ]; then
	mkdir -p "$tmp/bad"
	echo "obj-m += livepatch-proc-version.o" >"$tmp/bad/Kbuild"
	sed 's/^static int __init livepatch_proc_version_init(void)$/static int handbook_unused;\n&/' \
		"$top/examples/livepatch-proc-version.c" \
		>"$tmp/bad/livepatch-proc-version.c"
	if EXAMPLES_SRC=$tmp/bad "$top"/scripts/build-examples.sh \
		"$(kernel_kdir "$v")" "$tmp/bad-out" >"$tmp/bad.log" 2>&1
	then
		emit not-ok "$v: an example with a warning fails the build" \
			"$tmp/bad.log"
	else
		emit ok "$v: an example with a warning fails the build"
	fi
fi

# checkpatch.pl --strict, from Debian's linux-source-6.1.
if ks=$("$top"/scripts/kernel-scripts.sh "${HANDBOOK_OUT:-$out}/kernel-scripts" 2>"$tmp/ks.log")
then
	for c in "$top"/examples/*.c "$top"/examples/*.h; do
		[ -e "$c" ] || continue
		name=${c#"$top"/}
		if perl "$ks/scripts/checkpatch.pl" --no-tree --strict \
			--quiet --file "$c" >"$tmp/cp.log" 2>&1; then
			emit ok "$name is checkpatch.pl --strict clean"
		else
			emit not-ok "$name is checkpatch.pl --strict clean" \
				"$tmp/cp.log"
		fi
	done
else
	emit not-ok "checkpatch.pl available" "$tmp/ks.log"
fi

finish

#!/bin/sh
# build-examples.sh KDIR OUTDIR: build every module in examples/ against the
# kernel headers in KDIR, with W=1 and warnings as errors.  EXAMPLES, when
# set, names the modules to build (e.g. EXAMPLES="livepatch-proc-version");
# EXAMPLES_SRC replaces examples/ as the source directory.  The sources are
# copied to OUTDIR first, so builds for several kernels never share objects
# and the source tree stays clean.  The built .ko files end up in OUTDIR.
set -eu

kdir=${1:?usage: build-examples.sh KDIR OUTDIR}
out=${2:?usage: build-examples.sh KDIR OUTDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
src=${EXAMPLES_SRC:-$top/examples}

if [ ! -f "$kdir/Makefile" ]; then
	echo "error: no kernel headers in '$kdir': run make deps, or set KDIR" >&2
	exit 1
fi

rm -rf "$out"
mkdir -p "$out"
cp "$src"/*.c "$out"/
for h in "$src"/*.h; do
	[ -e "$h" ] && cp "$h" "$out"/
done
if [ -n "${EXAMPLES:-}" ]; then
	: >"$out/Kbuild"
	for e in $EXAMPLES; do
		if ! grep -q "^obj-m += $e.o\$" "$src/Kbuild"; then
			echo "error: EXAMPLES: no '$e' in examples/Kbuild" >&2
			exit 1
		fi
		echo "obj-m += $e.o" >>"$out/Kbuild"
	done
else
	cp "$src"/Kbuild "$out"/
fi

# KCFLAGS=-Werror: any warning, W=1 ones included, fails the build.
make -s -C "$kdir" M="$(cd "$out" && pwd)" W=1 KCFLAGS=-Werror modules

#!/bin/sh
# build-examples.sh KDIR OUTDIR: build every module in examples/ against the
# kernel headers in KDIR, with W=1 and warnings as errors.  EXAMPLES, when
# set, names the modules to build (e.g. EXAMPLES="livepatch-proc-version"),
# within the Kbuild's conditions (a module the Kbuild builds only for 6.x
# is not built for 7.x, named or not);
# EXAMPLES_SRC replaces examples/ as the source directory (a patch's own
# directory: make patch-test); JOBS sets make's -j (default: nproc).  The sources are
# copied to OUTDIR first, so builds for several kernels never share objects
# and the source tree stays clean.  Unchanged sources keep their time stamps,
# so a second build into the same OUTDIR is incremental.  The built modules
# are those listed in OUTDIR/modules.order (see list-modules.sh).
set -eu

kdir=${1:?usage: build-examples.sh KDIR OUTDIR}
out=${2:?usage: build-examples.sh KDIR OUTDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/kernels.sh"
src=${EXAMPLES_SRC:-$top/examples}

if [ ! -f "$kdir/Makefile" ]; then
	echo "error: no kernel headers in '$kdir': run make deps, or set KDIR" >&2
	exit 1
fi

mkdir -p "$out"
# Sources that left examples/ leave the build directory too.
for f in "$out"/*.c "$out"/*.h; do
	[ -e "$f" ] && [ ! -e "$src/$(basename "$f")" ] && rm -f "$f"
done
for f in "$src"/*.c "$src"/*.h; do
	[ -e "$f" ] || continue
	cmp -s "$f" "$out/$(basename "$f")" || cp -p "$f" "$out"/
done
if [ -n "${EXAMPLES:-}" ]; then
	for e in $EXAMPLES; do
		if ! grep -q "^obj-m += $e.o\$" "$src/Kbuild"; then
			echo "error: EXAMPLES: no '$e' in $src/Kbuild" >&2
			exit 1
		fi
	done
	# The Kbuild less the obj-m lines of modules not named: its
	# conditions stay (a module built for some kernels only still is).
	awk -v keep=" $EXAMPLES " '
		/^obj-m \+= [^ ]+\.o$/ {
			m = $3; sub(/\.o$/, "", m)
			if (index(keep, " " m " ") == 0) next
		}
		{ print }' "$src/Kbuild" >"$out/Kbuild.new"
else
	cp "$src"/Kbuild "$out"/Kbuild.new
fi
if cmp -s "$out/Kbuild.new" "$out/Kbuild"; then
	rm -f "$out/Kbuild.new"
else
	mv "$out/Kbuild.new" "$out/Kbuild"
fi

# KCFLAGS=-Werror: any warning, W=1 ones included, fails the build.
# kernel_make runs kbuild inside the trixie root for a 7.x KDIR.
build() {
	kernel_make "$kdir" -s -j"${JOBS:-$(nproc)}" M="$(cd "$out" && pwd)" W=1 \
		KCFLAGS=-Werror "$@" modules
}

# A module that reaches non-exported symbols names them .klp.sym.* (see
# examples/livepatch-klp-reloc.h).  modpost cannot resolve these, so when
# such a source is built its "undefined!" errors become warnings; this
# script drops those about .klp.sym.* and fails on any other.  Then
# tools/klp-convert-lite turns the .klp.sym.* references of each module
# into klp relocations, in place.
if ! grep -qF '.klp.sym.' "$out"/*.c "$out"/*.h 2>/dev/null; then
	build
	exit 0
fi
rc=0
build KBUILD_MODPOST_WARN=1 2>"$out/build.err" || rc=$?
# modpost words it '"SYM" [MODULE] undefined!' up to 6.12 and
# "MODULE: symbol 'SYM' undefined!" in 7.x.
grep -v -e '^WARNING: modpost: "\.klp\.sym\.[^"]*" \[.*\] undefined!$' \
	-e "^WARNING: modpost: [^ ]*: symbol '\.klp\.sym\.[^']*' undefined!\$" \
	"$out/build.err" >&2 || :
if grep 'undefined!$' "$out/build.err" |
	grep -qv -e '"\.klp\.sym\.' -e "'\.klp\.sym\."; then
	echo "error: modpost: undefined symbols (above)" >&2
	exit 1
fi
[ "$rc" = 0 ] || exit "$rc"
conv=$(cd "$out" && pwd)/.klp-convert-lite
if ! make -s -C "$top/tools/klp-convert-lite" B="$conv"; then
	echo "error: tools/klp-convert-lite does not build: install libelf-dev (make deps)" >&2
	exit 1
fi
# A source line " * klp-convert-lite variant NAME: OPTIONS" also makes
# MODULE.NAME.ko, converted with OPTIONS: a module the kernel must refuse.
# One nm for all modules (one per module cost 6 CPU-s a kernel): the
# modules that still have undefined .klp.sym.* symbols, i.e. not yet
# converted.
"$top"/scripts/list-modules.sh "$out" | tr '\n' '\0' | xargs -0 nm -u -A |
	sed -n 's/^\(.*\.ko\): *U \.klp\.sym\..*$/\1/p' | uniq |
	while IFS= read -r ko; do
	base=${ko%.ko}
	sed -n 's/^ \* klp-convert-lite variant \([a-z-]*\): \(.*\)$/\1 \2/p' \
		"$base.c" | while read -r name opts; do
		# shellcheck disable=SC2086 # OPTIONS are words
		"$conv/klp-convert-lite" $opts "$ko" "$base.$name.ko"
	done
	"$conv/klp-convert-lite" "$ko"
done

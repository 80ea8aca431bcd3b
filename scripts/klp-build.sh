#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# klp-build.sh: build the handbook's klp-build fixes into live patch
# modules with Linux's own scripts/livepatch/klp-build (7.x), and the
# kernel they patch.  `make check-klp-build` (checks/klp-build/run.sh)
# boots that kernel and loads the modules.
#
#   scripts/klp-build.sh build     do every step that is not cached yet;
#                                  print the work directory
#   scripts/klp-build.sh workdir   print the work directory of the
#                                  current inputs (built or not)
#
# Inputs: the linux-source tarball of the newest 7.x series in the trixie
# root (scripts/kernels.sh source), examples/klp-build/tiny-klp.config
# (added to tinyconfig), the fixes listed in examples/klp-build/series and
# the refused patches of checks/klp-build/refused/.
#
# Cache: ${KLP_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/klp-build}/KEY,
# KEY being the sha256 of the tarball's sha256, the config fragment and
# the klp-build options common to every run (a new tarball or config
# starts a new directory; older ones are removed).  Inside it:
#   linux/        the unpacked, configured and built source tree; its
#                 klp-tmp/ holds the original build klp-build reuses (-S 2)
#   fixes/, refused/   copies of the patches, as klp-build is given them
#   modules/      livepatch-NAME.ko and, beside it, the key it was built with
#   logs/         each klp-build run as a reader sees it (NAME.txt), its
#                 diff.log, the patch as klp-build fixed it, listings
#   bzImage       the original kernel, built with klp-build's flags
# The first fix of the series is built the way an author starts (klp-build
# without -S: make clean and a full build); every other fix reuses that
# original build with -S 2.  A fix whose patch or options changed is
# rebuilt; the first one is then rebuilt in full.
#
# Everything that compiles runs inside the trixie root (scripts/trixie-root.sh
# run): the objtool klp-build builds there does not run on Debian 12.
#
# Environment: KLP_BUILD_JOBS (make -j, default: the number of CPUs),
# KLP_BUILD_CACHE (above).
set -eu
set -o pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
series_file=$top/examples/klp-build/series
fragment=$top/examples/klp-build/tiny-klp.config
refused_dir=$top/checks/klp-build/refused
cache_base=${KLP_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/klp-build}
jobs=${KLP_BUILD_JOBS:-$(nproc)}

# The klp-build builds, and the bzImage built beside them, all use these:
# a fixed build user, host, time and number, so that /proc/version and
# the objects do not depend on when and where the pipeline ran.
export KBUILD_BUILD_USER=handbook KBUILD_BUILD_HOST=klp-build \
	KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026' \
	KBUILD_BUILD_VERSION=1
# What klp-build passes to make for every build (build_kernel() in
# scripts/livepatch/klp-build); the original bzImage must be built the
# same way or its code differs from what klp-build diffed.
klp_kcflags='-ffunction-sections -fdata-sections'

die() {
	echo "klp-build.sh: $*" >&2
	exit 1
}

sha() {
	sha256sum | cut -d' ' -f1
}

# Fixes of the series: "NAME OPTIONS..." per line, '#' comments.
series() {
	[ -r "$series_file" ] || die "cannot read $series_file"
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$series_file" | sed '/^$/d'
}

check_series() {
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		# shellcheck disable=SC2086 # NAME OPTIONS...
		set -- $line
		[ -f "$top/examples/klp-build/$1" ] ||
			die "$series_file: fix $n: no examples/klp-build/$1"
		case $1 in *.patch) ;; *)
			die "$series_file: fix $n: '$1' is not a .patch" ;;
		esac
	done < <(series)
	[ "$n" -gt 0 ] || die "$series_file lists no fix"
}

# The 7.x linux-source tarball, as seen from the host.
tarball() {
	rel=$("$top/scripts/trixie-root.sh" release 2>/dev/null) ||
		die "no trixie root with a 7.x kernel: run make deps (scripts/trixie-root.sh ensure)"
	s=$("$top/scripts/kernels.sh" series "$rel")
	t=$("$top/scripts/kernels.sh" source "$s") ||
		die "no linux-source-$s tarball (kernels.sh source $s): run make deps"
	[ -r "$t" ] || die "cannot read the source tarball $t"
	echo "$t"
}

workdir() {
	t=$(tarball)
	# The tarball's checksum is remembered by size and time, so a cached
	# run does not read 150 MB each time.
	memo=$cache_base/tarball.sum
	id=$(stat -c '%n %s %Y' "$t")
	if [ -f "$memo" ] && [ "$(sed -n 1p "$memo")" = "$id" ]; then
		tsum=$(sed -n 2p "$memo")
	else
		tsum=$(sha <"$t")
		mkdir -p "$cache_base"
		printf '%s\n%s\n' "$id" "$tsum" >"$memo.tmp" && mv "$memo.tmp" "$memo"
	fi
	key=$({ echo "$tsum"; cat "$fragment"; echo "KLP_SYMIDS=1 KCFLAGS=$klp_kcflags"; } | sha)
	echo "$cache_base/${key:0:16}"
}

in_root() {
	"$top/scripts/trixie-root.sh" run --bind "$cache_base" "$@"
}

# ---- the steps that run inside the root (mode "inner") ----------------

# configure: tinyconfig, the fragment, olddefconfig; every line of the
# fragment must have survived Kconfig.
configure() {
	cd "$work/linux"
	make -s tinyconfig >/dev/null
	scripts/kconfig/merge_config.sh -m .config "$fragment" >/dev/null
	make -s olddefconfig >/dev/null
	n=0
	bad=
	while IFS= read -r l; do
		n=$((n + 1))
		case $l in
		CONFIG_*=*)
			grep -qx "$l" .config ||
				bad="$bad\n$fragment:$n: $l: Kconfig dropped it (a dependency is missing)"
			;;
		"# CONFIG_"*" is not set")
			o=${l#\# }
			o=${o%% *}
			! grep -q "^$o=" .config ||
				bad="$bad\n$fragment:$n: $o is still set"
			;;
		esac
	done <"$fragment"
	[ -z "$bad" ] || die "$(printf 'config:%b' "$bad")"
	cp .config "$work/config"
}

# run_klp_build LOG ARGS...: klp-build as a reader types it, in linux/,
# its output in LOG after a "$ command" line; returns its status.
run_klp_build() {
	log=$1
	shift
	cd "$work/linux"
	{
		echo "\$ ./scripts/livepatch/klp-build $*"
		./scripts/livepatch/klp-build "$@" 2>&1
	} >"$log.tmp"
	rc=$?
	mv "$log.tmp" "$log"
	return $rc
}

# elf_listing MODULE: what the module holds, for the how-to: its klp
# sections and the symbols klp-build left for the kernel to resolve when
# it loads (none is fine: grep finds nothing then).
elf_listing() {
	ko=$work/modules/$1.ko
	echo "\$ readelf -SW $1.ko | grep -E 'klp|livepatch'"
	readelf -SW "$ko" | { grep -E 'klp|livepatch' || true; } |
		sed 's/^ *\[ *[0-9]*\] *//' | awk '{ print $1, $2 }'
	echo "\$ readelf -sW $1.ko | grep -F .klp.sym"
	# The name only: readelf shows the section index of these symbols,
	# SHN_LIVEPATCH, as two words ("OS [0xff20]").
	readelf -sW "$ko" | { grep -F .klp.sym || true; } |
		awk '{ print $NF }' | sort -u
}

# build_fix N NAME OPTIONS...: klp-build on fix N of the series.
build_fix() {
	i=$1
	name=$2
	shift 2
	base=${name%.patch}
	mod=livepatch-$base
	modkey=$({ cat "$work/fixes/$name"; echo "$i $*"; } | sha)
	# Fix 1 also stands for the original build: without it, it runs again.
	if [ -f "$work/modules/$mod.ko" ] &&
		[ "$(cat "$work/modules/$mod.key" 2>/dev/null)" = "$modkey" ] &&
		[ -f "$work/linux/klp-tmp/1-orig/.complete" ]; then
		echo "klp-build.sh: $mod.ko is up to date" >&2
		elf_listing "$mod" >"$work/logs/$base.elf.txt"
		return 0
	fi
	if [ "$i" -eq 1 ]; then
		set -- -T "$@"
	else
		set -- -S 2 "$@"
	fi
	echo "klp-build.sh: klp-build $* $name" >&2
	start=$(date +%s)
	if ! run_klp_build "$work/logs/$base.txt" -j"$jobs" "$@" "../fixes/$name"; then
		tail -n 40 "$work/logs/$base.txt" >&2
		die "klp-build failed on $name (log: $work/logs/$base.txt)"
	fi
	echo "klp-build.sh: $name took $(($(date +%s) - start)) s" >&2
	cd "$work/linux"
	[ -f "$mod.ko" ] || die "klp-build printed SUCCESS but left no $mod.ko"
	cp klp-tmp/4-diff/diff.log "$work/logs/$base.diff.log"
	cp klp-tmp/0001-fixed-"$name" "$work/logs/$base.fixed.patch"
	mv "$mod.ko" "$work/modules/$mod.ko"
	echo "$modkey" >"$work/modules/$mod.key"
	elf_listing "$mod" >"$work/logs/$base.elf.txt"
}

# refuse NAME: klp-build must stop on this patch before it builds anything.
# klp-build without -S removes klp-tmp/ first (do_init()), so the
# original build is moved aside for the run and put back after it.
refuse() {
	base=${1%.patch}
	cd "$work/linux"
	[ -d klp-tmp ] && mv klp-tmp "$work/klp-tmp.keep"
	rc=0
	run_klp_build "$work/logs/refused-$base.txt" -j"$jobs" "../refused/$1" || rc=$?
	cd "$work/linux"
	rm -rf klp-tmp
	[ -d "$work/klp-tmp.keep" ] && mv "$work/klp-tmp.keep" klp-tmp
	echo "$rc" >"$work/logs/refused-$base.rc"
}

# The original kernel: the reverted sources rebuilt with klp-build's
# flags, so its code is what klp-build diffed the fixes against.
build_image() {
	cd "$work/linux"
	make -s -j"$jobs" KLP_SYMIDS=1 KCFLAGS="$klp_kcflags" bzImage
	cp arch/x86/boot/bzImage "$work/bzImage.tmp"
	mv "$work/bzImage.tmp" "$work/bzImage"
	if cmp -s vmlinux.o klp-tmp/1-orig/vmlinux.o; then
		echo same >"$work/logs/vmlinux-same"
	else
		echo differs >"$work/logs/vmlinux-same"
	fi
	# The stages klp-build left, for the how-to.
	{
		echo "\$ ls klp-tmp"
		ls klp-tmp
		echo "\$ ls klp-tmp/5-kmod"
		ls klp-tmp/5-kmod
	} >"$work/logs/klp-tmp.txt"
}

inner() {
	work=$1
	: "${work:?}"
	mkdir -p "$work/logs" "$work/modules"
	if [ ! -f "$work/config" ]; then
		echo "klp-build.sh: configuring (tinyconfig + $(basename "$fragment"))" >&2
		configure
	fi
	i=0
	while IFS= read -r line; do
		i=$((i + 1))
		# shellcheck disable=SC2086 # NAME OPTIONS...
		build_fix "$i" $line
	done < <(series)
	for p in "$work"/refused/*.patch; do
		refuse "$(basename "$p")"
	done
	echo "klp-build.sh: building the original bzImage" >&2
	build_image
}

# ---- the host side ------------------------------------------------------

build() {
	check_series
	[ -r "$fragment" ] || die "cannot read $fragment"
	work=$(workdir)
	t=$(tarball)
	# Other keys are other tarballs or configs: 2 GB each, not kept.
	for d in "$cache_base"/*/; do
		[ -d "$d" ] && [ "${d%/}" != "$work" ] && rm -rf "${d%/}"
	done
	mkdir -p "$work"
	if [ ! -f "$work/unpacked" ]; then
		echo "klp-build.sh: unpacking $(basename "$t")" >&2
		rm -rf "$work/linux" "$work/linux.tmp"
		mkdir -p "$work/linux.tmp"
		tar -xJf "$t" -C "$work/linux.tmp" --strip-components=1
		mv "$work/linux.tmp" "$work/linux"
		date -u >"$work/unpacked"
	fi
	# The patches as klp-build sees them: ../fixes/NAME.patch from linux/.
	for d in fixes refused; do
		rm -rf "$work/$d.tmp"
		mkdir -p "$work/$d.tmp"
	done
	while IFS= read -r line; do
		# shellcheck disable=SC2086 # NAME OPTIONS...
		set -- $line
		cp "$top/examples/klp-build/$1" "$work/fixes.tmp/"
	done < <(series)
	cp "$refused_dir"/*.patch "$work/refused.tmp/"
	for d in fixes refused; do
		rm -rf "${work:?}/$d"
		mv "$work/$d.tmp" "$work/$d"
	done
	in_root "$top/scripts/klp-build.sh" inner "$work" >&2 ||
		die "the build failed (work directory $work)"
	echo "$work"
}

case ${1:-} in
build)
	build
	;;
workdir)
	workdir
	;;
inner)
	inner "$2"
	;;
*)
	echo "usage: klp-build.sh build|workdir" >&2
	exit 2
	;;
esac

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench-tools.sh OUT KLP_CHECK: `make bench-tools`.
#
# Times klp-check on a real vmlinux with DWARF next to the two tools an
# author would use without it, doing the same lookup:
#
#   klp-check -e vmlinux F        cold: no index cache yet (it is built);
#                                 warm: the cache is there; and --no-cache
#   readelf --debug-dump=info vmlinux | awk -f readelf-inlined.awk
#                                 the DIEs named F and the
#                                 DW_TAG_inlined_subroutine entries whose
#                                 abstract_origin is one of them
#   gdb -batch -ex 'break F' -x gdb-inlined.py vmlinux
#                                 every code location of F, and the
#                                 functions holding them (info symbol)
#
# The vmlinux comes from Debian's linux-image-KVER-dbg, which
# scripts/fetch-dbg-vmlinux.sh fetches (never `make check`): it checks
# the .deb against apt's signed index and keeps only the vmlinux, in
# ${XDG_CACHE_HOME:-~/.cache}/livepatch-handbook/dbg/KVER/, outside the
# tree, where later runs find it.
#
# The vmlinux is read once before timing: the page cache is warm, the
# numbers are CPU and not disk time.  "cold" means klp-check's own index
# cache is empty (its XDG_CACHE_HOME here is OUT/bench-tools/xdg).
#
# Environment:
#   BENCH_KERNELS   default: the 6.1 kernel of `scripts/kernels.sh list`;
#                   any release apt has a -dbg package for
#   BENCH_QUERIES   the functions to look up
#   BENCH_READELF   0 skips readelf, which takes minutes per query
#   BENCH_SCHEDULE  functions for the __schedule transcript (below)
#   BENCH_ONLY      "transcripts": skip the timing (no table, no readelf,
#                   no gdb) and write only the __schedule transcripts,
#                   masked, into source/transcripts/ (what the handbook
#                   shows; a minute per kernel once the vmlinux is
#                   cached, instead of the bench's half hour):
#                     make bench-tools BENCH_ONLY=transcripts \
#                       BENCH_KERNELS="REL1 REL2"
#
# Writes OUT/bench-tools.txt (the table), OUT/bench-tools.tsv (one line
# per kernel and function), each tool's output under OUT/bench-tools/,
# and OUT/bench-tools/klp-check-dbg-schedule.VERSION.txt: klp-check on
# __schedule and on functions inlined into it, as the handbook shows it
# (source/transcripts/), unmasked; with BENCH_ONLY=transcripts, masked by
# scripts/mask-transcript.sh and renamed into source/transcripts/.
set -u

out=${1:?usage: bench-tools.sh OUT KLP_CHECK}
bin=${2:?usage: bench-tools.sh OUT KLP_CHECK}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
kernels=${BENCH_KERNELS:-$("$top/scripts/kernels.sh" list | tr ' ' '\n' |
	grep '^6\.1\.' | head -n 1)}
queries=${BENCH_QUERIES:-__schedule cmdline_proc_show vfs_statfs context_switch get_current}
use_readelf=${BENCH_READELF:-1}
only=${BENCH_ONLY:-}
case $only in
'' | transcripts) ;;
*) echo "bench-tools: BENCH_ONLY=$only: the only value is \"transcripts\"" >&2
   exit 2 ;;
esac
schedule=${BENCH_SCHEDULE:-__schedule context_switch pick_next_task deactivate_task psi_sched_switch}
work=$out/bench-tools
txt=$out/bench-tools.txt
tsv=$out/bench-tools.tsv

die() {
	echo "bench-tools: $*" >&2
	exit 1
}

missing=
for t in readelf gdb awk date; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -z "$missing" ] ||
	die "missing:$missing (apt-get install binutils gdb mawk coreutils)"
[ -n "$kernels" ] || die "no 6.1 kernel installed (make deps), and BENCH_KERNELS is empty"
[ -x "$bin" ] || die "$bin: no klp-check binary (make tools)"
gdb -batch -nx -ex 'python print(1)' >/dev/null 2>&1 ||
	die "this gdb has no Python: install the Debian gdb package"

# fetch KVER: set $vm (the vmlinux) and $pkgver (the package it came from)
fetch() {
	vm=$("$top/scripts/fetch-dbg-vmlinux.sh" "$1") ||
		die "scripts/fetch-dbg-vmlinux.sh $1 failed"
	pkgver=$(cat "$(dirname "$vm")/package") ||
		die "$(dirname "$vm")/package: cannot read"
}

now() {
	date +%s%N
}

secs() { # secs T0 T1
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'
}

# klp_found FILE: what klp-check reports for one function
klp_found() {
	awk '$1 == "symbol" && $2 != "none" { s++ }
	     $1 == "clone" { c++ }
	     $1 == "inlined" && $2 == "into" { if (!($3 in seen)) { seen[$3]; i++ } }
	     END { printf "%d sym, %d clone, inlined into %d", s, c, i }' "$1"
}

mkdir -p "$work" || die "cannot create $work"
{
	echo "klp-check bench ($(date -u '+%Y-%m-%d %H:%M UTC'))"
	echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
	echo "tools: $("$bin" --version), $(readelf --version | head -n 1), $(gdb --version | head -n 1)"
	echo "wall-clock seconds; page cache warm; cold = no klp-check index cache yet"
} >"$txt"
printf 'kernel\tpackage\tfunction\tklp_cold_s\tklp_warm_s\tklp_nocache_s\treadelf_s\tgdb_s\tklp_found\treadelf_found\tgdb_found\n' >"$tsv"

for k in $kernels; do
	fetch "$k"
	cat "$vm" >/dev/null	# warm the page cache
	dir=$work/$k
	mkdir -p "$dir"
	xdg=$work/xdg
	{
		echo
		echo "$k: $pkgver"
		di=$(readelf -SW "$vm" | awk '$2 == ".debug_info" { print $6 }')
		echo "  vmlinux $(($(stat -c %s "$vm") / 1048576)) MB, .debug_info $((0x${di:-0} / 1048576)) MB, build ID $(readelf -n "$vm" | sed -n 's/^ *Build ID: *//p')"
		printf '  %-18s %7s %7s %9s %11s %6s  %s\n' function \
			"klp cold" "warm" "no-cache" "readelf|awk" gdb \
			"found by klp-check / readelf|awk / gdb"
	} >>"$txt"
	[ "$only" = transcripts ] && queries=
	for f in $queries; do
		rm -rf "$xdg"
		t0=$(now)
		XDG_CACHE_HOME=$xdg "$bin" -e "$vm" "$f" >"$dir/$f.klp-cold.txt" 2>&1
		rc=$?
		t1=$(now)
		[ "$rc" -le 2 ] || die "klp-check -e $vm $f: exit $rc: $(cat "$dir/$f.klp-cold.txt")"
		cold=$(secs "$t0" "$t1")
		t0=$(now)
		XDG_CACHE_HOME=$xdg "$bin" -e "$vm" "$f" >"$dir/$f.klp.txt" 2>&1
		t1=$(now)
		warm=$(secs "$t0" "$t1")
		cmp -s "$dir/$f.klp-cold.txt" "$dir/$f.klp.txt" ||
			die "klp-check -e $vm $f: the cached answer differs from the first one"
		t0=$(now)
		XDG_CACHE_HOME=$xdg "$bin" --no-cache -e "$vm" "$f" >"$dir/$f.klp-nocache.txt" 2>&1
		t1=$(now)
		nocache=$(secs "$t0" "$t1")
		cmp -s "$dir/$f.klp-nocache.txt" "$dir/$f.klp.txt" ||
			die "klp-check -e $vm $f: --no-cache gives another answer than the cache"
		klp=$(klp_found "$dir/$f.klp.txt")

		if [ "$use_readelf" = 1 ]; then
			t0=$(now)
			readelf --debug-dump=info "$vm" 2>/dev/null |
				awk -v name="$f" -f "$here/readelf-inlined.awk" \
				>"$dir/$f.readelf.txt"
			t1=$(now)
			re=$(secs "$t0" "$t1")
			[ -s "$dir/$f.readelf.txt" ] || die "readelf | awk gave nothing for $f"
			ref=$(sed 's/^names \([0-9]*\) inlined \([0-9]*\) callers \([0-9]*\)$/\1 DIEs, \2 inlined copies in \3 functions/' "$dir/$f.readelf.txt")
		else
			re=-
			ref="skipped (BENCH_READELF=0)"
		fi

		t0=$(now)
		gdb -batch -nx -iex 'set debuginfod enabled off' \
			-ex "break $f" -x "$here/gdb-inlined.py" "$vm" \
			>"$dir/$f.gdb.txt" 2>&1
		t1=$(now)
		g=$(secs "$t0" "$t1")
		gf=$(sed -n 's/^gdb: locations \([0-9]*\) functions \([0-9]*\)$/\1 locations in \2 functions/p' "$dir/$f.gdb.txt")
		[ -n "$gf" ] || die "gdb gave no answer for $f: see $dir/$f.gdb.txt"

		printf '  %-18s %7s %7s %9s %11s %6s  %s / %s / %s\n' "$f" "$cold" \
			"$warm" "$nocache" "$re" "$g" "$klp" "$ref" "$gf" >>"$txt"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$k" \
			"$pkgver" "$f" "$cold" "$warm" "$nocache" "$re" "$g" \
			"$klp" "$ref" "$gf" >>"$tsv"
		echo "bench-tools: $k $f done" >&2
	done
	idx=$(find "$xdg" -name '*.idx' -printf '%s' 2>/dev/null)
	echo "  index cache file: $((${idx:-0} / 1024)) KB" >>"$txt"

	# The transcript, run beside a link vmlinux-KVER so that no path shows.
	short=$(echo "$k" | cut -d. -f1,2)
	tr=$work/klp-check-dbg-schedule.$short.txt
	{
		echo "# make bench-tools: $(echo "$pkgver" | sed 's/ (sha256.*//')"
		# shellcheck disable=SC2086 # the names are words
		echo "\$ klp-check -e vmlinux-$k" $schedule
		ln -sf "$vm" "$work/vmlinux-$k"
		# shellcheck disable=SC2086
		(cd "$work" &&
		 XDG_CACHE_HOME=$xdg "$bin" -e "vmlinux-$k" $schedule 2>&1
		 echo "[exit $?]")
	} >"$tr"
	if [ "$only" = transcripts ]; then
		dst=$top/source/transcripts/klp-check-dbg-schedule.$short.txt
		{ "$top/scripts/mask-transcript.sh" "$tr" >"$dst.tmp" &&
		  mv "$dst.tmp" "$dst"; } || die "cannot write $dst"
		echo "bench-tools: wrote $dst" >&2
	fi
done
[ "$only" = transcripts ] || cat "$txt"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check-klp-build: Linux's klp-build, end to end.
#
# scripts/klp-build.sh builds (or finds in its cache) a tinyconfig 7.x
# kernel and, with scripts/livepatch/klp-build, one live patch module per
# fix of examples/klp-build/series; it also runs klp-build on the patches
# of checks/klp-build/refused/.  This check then asserts what klp-build
# printed and made, boots that kernel under QEMU with the modules and
# checks/klp-build/vm-test.sh, and compares the transcripts the how-to
# shows (source/transcripts/klp-build/) with this run.
#
#   checks/klp-build/run.sh            the check (TAP)
#   checks/klp-build/run.sh update     the same, then rewrite the transcripts
#
# Environment: OUT, VM_ACCEL, VM_TIMEOUT (seconds for the boot, default
# 600), and those of scripts/klp-build.sh.
set -u

mode=${1:-check}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
vmdir=$out/klp-build
dest=$top/source/transcripts/klp-build
accel=${VM_ACCEL:-tcg}
timeout_s=${VM_TIMEOUT:-600}

. "$top/checks/tap.sh"

rm -rf "$vmdir"
mkdir -p "$vmdir"
missing=
for tool in qemu-system-x86_64:qemu-system-x86 cpio:cpio \
	    busybox:busybox-static readelf:binutils nm:binutils; do
	if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
		emit not-ok "${tool%%:*} not found: install ${tool#*:} (make deps)"
		missing=1
	fi
done
[ -z "$missing" ] || finish

start=$(date +%s)
if ! work=$("$top/scripts/klp-build.sh" build 2>"$vmdir/build.log"); then
	emit not-ok "klp-build pipeline (scripts/klp-build.sh build)" \
		"$vmdir/build.log"
	finish
fi
echo "# pipeline: $(($(date +%s) - start)) s, work directory $work"
sed -n 's/^klp-build.sh: \(.* took .*\)/# \1/p' "$vmdir/build.log"
logs=$work/logs
linux=$work/linux

# ---- what klp-build printed and made ------------------------------------

sed -e 's/#.*//' "$top/examples/klp-build/series" | awk '{ print $1 }' >"$vmdir/series.list"
while IFS= read -r f; do
	[ -n "$f" ] || continue
	base=${f%.patch}
	if [ -f "$work/modules/livepatch-$base.ko" ] &&
		tail -n 1 "$logs/$base.txt" | grep -qx SUCCESS; then
		emit ok "klp-build $f: SUCCESS, livepatch-$base.ko"
	else
		emit not-ok "klp-build $f: SUCCESS, livepatch-$base.ko" "$logs/$base.txt"
	fi
done <"$vmdir/series.list"

# changed_only LOG FUNC...: diff.log names exactly these changed functions.
changed_only() {
	log=$1
	shift
	want=$(printf '%s\n' "$@" | sort)
	got=$(sed -n 's/.*: changed function: \(.*\)/\1/p' "$log" | sort)
	[ "$want" = "$got" ]
}

if changed_only "$logs/proc-meminfo-kib.diff.log" meminfo_proc_show; then
	emit ok "proc-meminfo-kib: diff.log names meminfo_proc_show, the caller, as the changed function"
else
	emit not-ok "proc-meminfo-kib: diff.log names meminfo_proc_show, the caller, as the changed function" \
		"$logs/proc-meminfo-kib.diff.log"
fi
if nm "$linux/klp-tmp/1-orig/vmlinux.o" | grep -q ' show_val_kb'; then
	emit not-ok "show_val_kb has no symbol of its own in the original vmlinux.o (gcc inlined it)"
else
	emit ok "show_val_kb has no symbol of its own in the original vmlinux.o (gcc inlined it)"
fi
for s in saved_command_line saved_command_line_len; do
	if grep -qx "\.klp\.sym\.vmlinux\.$s,0" "$logs/proc-cmdline-bytes.elf.txt"; then
		emit ok "proc-cmdline-bytes: non-exported $s is reached through .klp.sym.vmlinux.$s,0"
	else
		emit not-ok "proc-cmdline-bytes: non-exported $s is reached through .klp.sym.vmlinux.$s,0" \
			"$logs/proc-cmdline-bytes.elf.txt"
	fi
done
if grep -q '^+#line ' "$logs/proc-version-reads.fixed.patch"; then
	emit ok "proc-version-reads: klp-build added #line directives to the patch it built"
else
	emit not-ok "proc-version-reads: klp-build added #line directives to the patch it built" \
		"$logs/proc-version-reads.fixed.patch"
fi

# refused NAME MESSAGE: klp-build stopped on NAME with MESSAGE, before
# building anything.
refused() {
	log=$logs/refused-${1%.patch}.txt
	rc=$(cat "$logs/refused-${1%.patch}.rc" 2>/dev/null)
	if [ "${rc:-0}" -ne 0 ] && grep -qF "$2" "$log" &&
		! grep -q '^Building' "$log"; then
		emit ok "klp-build refuses $1: \"$2\", before building"
	else
		emit not-ok "klp-build refuses $1: \"$2\", before building (exit ${rc:-?})" "$log"
	fi
}
refused entry-asm-comment.patch "unsupported patch to arch/x86/entry/entry_64.S"
refused proc-version-stale.patch "proc-version-stale.patch did not apply"

if [ "$(cat "$logs/vmlinux-same" 2>/dev/null)" = same ]; then
	emit ok "the booted kernel's vmlinux.o is the original klp-build diffed against"
else
	emit not-ok "the booted kernel's vmlinux.o is the original klp-build diffed against"
fi

# ---- the VM ---------------------------------------------------------------

root=$vmdir/root
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/modules" \
	"$root/tests"
cp "$(command -v busybox)" "$root/bin/busybox"
cp "$top/checks/klp-build/init" "$root/init"
cp "$top/checks/vm/lib.sh" "$root/lib.sh"
cp "$top/checks/klp-build/vm-test.sh" "$root/tests/klp-build.sh"
cp "$work"/modules/*.ko "$root/modules/"
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) \
	>"$vmdir/initramfs.tmp" && mv "$vmdir/initramfs.tmp" "$vmdir/initramfs.cpio.gz"

accel_opt=$accel
[ "$accel" = tcg ] && accel_opt=tcg,thread=single
start=$(date +%s)
timeout "$timeout_s" qemu-system-x86_64 -accel "$accel_opt" -cpu max \
	-smp 1 -m 256 -nodefaults -display none -no-reboot \
	-kernel "$work/bzImage" -initrd "$vmdir/initramfs.cpio.gz" \
	-append "console=ttyS0 panic=-1 oops=panic loglevel=4" \
	-serial "file:$vmdir/console.log" \
	-serial "file:$vmdir/tap.txt" \
	-serial "file:$vmdir/transcript.txt" \
	-nic none </dev/null >"$vmdir/qemu.log" 2>&1
rc=$?
echo "# VM ran $(($(date +%s) - start)) s (accel $accel, exit $rc)"
tr -d '\r' <"$vmdir/tap.txt" >"$vmdir/tap.clean"
while IFS= read -r line; do
	case $line in
	"ok - "*) emit ok "vm: ${line#ok - }" ;;
	"not ok - "*) emit not-ok "vm: ${line#not ok - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$vmdir/tap.clean"
if ! grep -q '^# vm-done' "$vmdir/tap.clean"; then
	tr -d '\r' <"$vmdir/console.log" | tail -n 40 >"$vmdir/console.tail"
	emit not-ok "vm: finished all tests (exit $rc; timeout ${timeout_s}s)" \
		"$vmdir/console.tail"
fi
tr -d '\r' <"$vmdir/transcript.txt" | sed '/^=== /d' >"$vmdir/transcript.clean"

# ---- transcripts ------------------------------------------------------------

# The transcripts of this run, in $vmdir/transcripts/, named as the how-to
# includes them.
t=$vmdir/transcripts
mkdir -p "$t"
for f in "$logs"/*.txt; do
	case $f in *.elf.txt) ;; *) cp "$f" "$t/" ;; esac
done
for f in "$logs"/*.elf.txt; do cp "$f" "$t/"; done
for f in "$logs"/*.diff.log; do
	base=$(basename "$f" .diff.log)
	{ echo "\$ cat klp-tmp/4-diff/diff.log"; cat "$f"; } >"$t/$base.diff.txt"
done
for f in "$logs"/*.fixed.patch; do
	base=$(basename "$f" .fixed.patch)
	{ echo "\$ cat klp-tmp/0001-fixed-$base.patch"; cat "$f"; } >"$t/$base.fixed.txt"
done
cp "$vmdir/transcript.clean" "$t/vm.txt"

# Only the transcripts source/transcripts/MANIFEST lists for this
# producer (klp-build) are written and compared, each run through
# scripts/mask-transcript.sh like every transcript.  Masked again before
# comparing: the times diff -N writes on the patch headers klp-build
# rebuilds, and MemTotal's value.
mask() {
	"$top/scripts/mask-transcript.sh" "$1" |
		sed -E -e 's/^((\+\+\+|---) [^\t]*)\t.*/\1\tTIME/' \
			-e 's/^(MemTotal: +)[0-9]+/\1N/'
}

manifest=$top/source/transcripts/MANIFEST
# shellcheck disable=SC2013 # one word per MANIFEST file name
for name in $(awk '$2 == "klp-build" && $1 ~ /^klp-build\// { print $1 }' "$manifest"); do
	f=$t/${name#klp-build/}
	file=$dest/${name#klp-build/}
	if [ ! -f "$f" ]; then
		emit not-ok "transcript source/transcripts/$name: this run produced none"
	elif [ "$mode" = update ]; then
		mkdir -p "$dest"
		"$top/scripts/mask-transcript.sh" "$f" >"$file.tmp" && mv "$file.tmp" "$file"
		echo "# wrote ${file#"$top"/}"
	elif [ ! -f "$file" ]; then
		emit not-ok "transcript ${file#"$top"/} is missing (make klp-build-transcripts)"
	elif mask "$f" | diff -u "--label=${file#"$top"/}" --label="this run" \
			/dev/fd/3 - 3<<EOF3 >"$vmdir/diff.txt"
$(mask "$file")
EOF3
	then
		emit ok "transcript ${file#"$top"/} matches this run"
	else
		emit not-ok "transcript ${file#"$top"/} differs from this run (make klp-build-transcripts)" \
			"$vmdir/diff.txt"
	fi
done

finish

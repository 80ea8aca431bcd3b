#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot every kernel in KERNELS under QEMU and run the VM tests.
#
# For each kernel: build the modules (examples/, or VM_SRC) against its
# headers, pack an initramfs of busybox-static, the modules,
# checks/vm/lib.sh and the tests, boot its image (scripts/kernels.sh
# image) with no disk and no network, and turn the results the VM sends on its second
# serial port into TAP on stdout.  The tests run one at a time, each on a
# kernel left as the test before found it (see checks/vm/init); when a test
# hangs the VM or leaves what cannot be removed, the kernel is booted again
# and the run goes on with the next test.
#
# Each kernel's tests are dealt over VM_SHARDS VMs that run at the same
# time (shard K of S runs the tests at positions K, K+S, K+2S... of the
# list; vmtest.shard=K/S on the command line, see checks/vm/init): the VMs
# mostly wait (for transitions, signals, sleeps), so two share a host CPU
# well.  Each shard is a chain of boots of its own, with its own files
# (console.shardK.N.log, tap.shardK.N.txt, ...; with VM_SHARDS=1 the names
# of a single chain: console.N.log, ...) and its own silence limit; its
# results are merged into the kernel's tap.clean, transcript.clean and
# console.log, each test's lines in list order.
#
# Timeouts follow the machine, not a constant: the boot of each kernel is
# timed (QEMU start to /init's first line), and a VM that sends nothing on
# its result port for VM_STALL_FACTOR (10) times that long, and at least
# VM_STALL_MIN (120) seconds, is stopped as hung.  The tests print as they
# go; the longest silent wait in a test is 60 s of guest time.  Only the
# boot itself has a fixed bound, VM_BOOT_TIMEOUT (900 s), and says so.
#
# Environment:
#   KERNELS        versions to boot (default: scripts/kernels.sh list)
#   EXAMPLES       only these modules and their tests (default: all of
#                  them and every test in VM_TESTS_DIR)
#   VM_TESTS       tests not tied to a module, added to an EXAMPLES run
#   VM_TESTS_DIR   where the tests are (default checks/vm/tests)
#   VM_SRC         build the modules of this directory (its .c/.h and
#                  Kbuild) instead of examples/; its live patches need a
#                  test each in VM_TESTS_DIR; no transcript is compared
#   VM_PAYLOAD     a directory copied to /payload in the VM
#                  (default $OUT/vm-payload: the static klp-check)
#   VM_ACCEL       tcg (default) or kvm where /dev/kvm works
#   VM_CPU         QEMU -cpu model (default: max with tcg, kvm64 with kvm)
#   VM_PVH         1 (default): boot the image's own vmlinux at its PVH
#                  entry, skipping the decompressor (checks/vm/vmlinux.sh);
#                  0: boot the Debian image as it is
#   VM_TIMEOUT     optional cap in seconds on each boot (default: none)
#   VM_SHARDS      VMs per kernel that share its tests (default 1: one
#                  chain of boots; see README for what 2 measured)
#   VM_APPEND      more kernel command-line options for this run (e.g.
#                  module.sig_enforce=1)
#   JOBS           parallel make jobs of the module build (default: nproc)
#   OUT            output directory; this kernel's files: $OUT/vm/<version>
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/scripts/kernels.sh"
. "$top/checks/tap.sh"
kernels=${KERNELS:-$(kernels_list)}
accel=${VM_ACCEL:-tcg}
tests=${VM_TESTS_DIR:-$top/checks/vm/tests}
src=${VM_SRC:-$top/examples}
payload=${VM_PAYLOAD:-$out/vm-payload}
stall_factor=${VM_STALL_FACTOR:-10}
stall_min=${VM_STALL_MIN:-120}
boot_timeout=${VM_BOOT_TIMEOUT:-900}
cap=${VM_TIMEOUT:-0}
shards=${VM_SHARDS:-1}
case $shards in
''|*[!0-9]*|0*) emit not-ok "VM_SHARDS=$shards: give a number of VMs per kernel, 1 or more"
	finish ;;
esac

# -cpu: TCG emulates every feature of "max".  Under KVM, "max" passes the
# host's features through, and on a nested host QEMU then fails to set
# MSR_IA32_ARCH_CAPABILITIES (0x10a) and aborts; kvm64 exposes only
# baseline x86-64, all a Debian kernel needs, and runs everywhere.
case $accel in
tcg) cpu=${VM_CPU:-max}; accel_opt=tcg,thread=single ;;
kvm) cpu=${VM_CPU:-kvm64}; accel_opt=kvm
	if [ ! -w /dev/kvm ]; then
		emit not-ok "VM_ACCEL=kvm: /dev/kvm is missing or not writable here; use VM_ACCEL=tcg"
		finish
	fi ;;
*) emit not-ok "VM_ACCEL=$accel: use tcg or kvm"; finish ;;
esac

if [ -z "$kernels" ]; then
	emit not-ok "no kernel of the series $KERNEL_SERIES in /boot: run make deps"
fi
for tool in qemu-system-x86_64:qemu-system-x86 cpio:cpio \
	    busybox:busybox-static; do
	if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
		emit not-ok "${tool%%:*} not found: install ${tool#*:} (make deps)"
		kernels=
	fi
done

# Every live patch module of the source's Kbuild needs a VM test named
# after it (target modules are exercised by the tests of the patches that
# use them).  With EXAMPLES, only those named.  A run of examples/ with
# tests from elsewhere (VM_TESTS_DIR without VM_SRC: the sig_enforce and
# lockdown boots, the harness self-test) brings its own tests instead.
if [ -n "${VM_SRC:-}" ] || [ -z "${VM_TESTS_DIR:-}" ]; then
for c in "$src"/*.c; do
	name=$(basename "$c" .c)
	if [ -n "${EXAMPLES:-}" ]; then
		case " $EXAMPLES " in *" $name "*) ;; *) continue ;; esac
	fi
	grep -q "^obj-m += $name.o" "$src/Kbuild" 2>/dev/null || continue
	grep -q 'MODULE_INFO(livepatch, "Y")' "$c" || continue
	[ -f "$tests/$name.sh" ] ||
		emit not-ok "${c#"$top"/} has no VM test ${tests#"$top"/}/$name.sh"
done
fi

rm -f "$out/vm/passed"
ready=
for v in $kernels; do
	vmdir=$out/vm/$v
	img=$(kernel_image "$v")
	kdir=$(kernel_kdir "$v")
	if [ ! -r "$img" ] || [ ! -f "$kdir/Makefile" ]; then
		emit not-ok "$v: kernel image or headers missing: run make deps"
		continue
	fi

	rm -rf "$vmdir"
	mkdir -p "$vmdir"
	# What QEMU's -kernel gets (VM_PVH above); the uncompressed kernels
	# are kept in the top-level output/ for every run that boots them.
	if [ "${VM_PVH:-1}" = 1 ]; then
		"$top"/checks/vm/vmlinux.sh "$img" \
			"${HANDBOOK_OUT:-$out}/vm-kernels/$v" >"$vmdir/kernel"
	else
		echo "$img" >"$vmdir/kernel"
	fi
	# A full run of examples/ uses $OUT/examples-<version>, which make
	# check builds before any check starts (EXAMPLES_BUILT; see the
	# Makefile); an EXAMPLES run builds apart, and so does VM_SRC (under
	# OUT, kept between runs).
	build=$out/examples-$v
	[ -n "${EXAMPLES:-}" ] && build=$vmdir/build
	[ -n "${VM_SRC:-}" ] && build=$out/build/$v
	if [ "$build" = "$out/examples-$v" ] && [ "${EXAMPLES_BUILT:-}" = 1 ] &&
	   [ "$(cat "$build/build.status" 2>/dev/null)" = 0 ]; then
		# make check built them just before (Makefile: EXAMPLE_BUILDS)
		cp "$build/build.log" "$vmdir/build.log"
	elif ! EXAMPLES_SRC=$src "$top"/scripts/build-examples.sh "$kdir" "$build" \
			>"$vmdir/build.log" 2>&1; then
		emit not-ok "$v: modules build" "$vmdir/build.log"
		continue
	fi

	# The initramfs, assembled in a temporary directory and moved in place.
	root=$vmdir/root
	mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" \
		"$root/modules" "$root/tests"
	# The kernel opens /dev/console for /init before devtmpfs is
	# mounted; 7.x runs /init with no stdin/out/err without it.
	[ -c "$root/dev/console" ] || mknod -m 600 "$root/dev/console" c 5 1 ||
		emit not-ok "$v: mknod /dev/console for the initramfs (run as root)"
	cp "$(command -v busybox)" "$root/bin/busybox"
	cp "$top/checks/vm/init" "$root/init"
	cp "$top/checks/vm/lib.sh" "$root/lib.sh"
	if [ -z "${EXAMPLES:-}" ]; then
		cp "$tests"/*.sh "$root/tests/"
	else
		for name in $EXAMPLES ${VM_TESTS:-}; do
			t=$tests/$name.sh
			[ -f "$t" ] && cp "$t" "$root/tests/"
		done
	fi
	# The list is in the order of the names, and the results come back
	# in that order.  The tests run in the order of tests/order (lines
	# "POSITION NAME"): the list's, except that a test that leaves a
	# module loaded on purpose ("# vm-leaves:") runs after all the
	# others, so that no reboot is needed for the tests after it.  No
	# test depends on the order (see checks/vm/init).
	for t in "$root"/tests/*.sh; do
		[ -e "$t" ] && basename "$t" .sh
	done >"$root/tests/list"
	awk -v dir="$root/tests" '
		{ f = dir "/" $0 ".sh"; late = 0
		  while ((getline l <f) > 0) if (l ~ /^# vm-leaves: /) late = 1
		  close(f)
		  if (late) leavers = leavers NR " " $0 "\n"; else print NR, $0 }
		END { printf "%s", leavers }' "$root/tests/list" >"$root/tests/order"
	if [ -d "$payload" ]; then
		mkdir -p "$root/payload"
		cp -R "$payload"/. "$root/payload/"
	fi
	"$top"/scripts/list-modules.sh "$build" | while IFS= read -r ko; do
		cp "$ko" "$root/modules/"
	done
	chmod +x "$root/init"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) \
		>"$vmdir/initramfs.tmp" && mv "$vmdir/initramfs.tmp" \
		"$vmdir/initramfs.cpio.gz"

	ready="$ready $v"
done

# boot_once VERSION ID START K/S: boot ID of the kernel (N, or shardK.N),
# the tests of shard K of S from position START on.
#
# no_timer_check: on a loaded host, TCG can be too slow for the IO-APIC
# timer check early in boot, and 6.1 then panics with "IO-APIC + timer
# doesn't work!" (seen with a load of 20 on 2 cores); the parameter skips
# that check (arch/x86/kernel/apic/io_apic.c), which a VM does not need.
# Files: console.ID.log, tap.ID.txt, transcript.ID.txt, qemu.ID.log; the
# watchdog's verdict goes to status.ID: "EXIT SECS BOOTSECS LIMIT WHY".
#
# TCG runs both vCPUs in one host thread (thread=single).  With one thread
# per vCPU, a vCPU was seen (6.12, once in several runs) still executing
# an int3 that text_poke_bp() had already removed while livepatch switched
# the scheduler's static calls, and the kernel died with "Oops: int3" in
# irqentry_exit().  text_poke_bp() relies on its sync IPIs to retire such
# an int3 on every CPU, which multi-threaded TCG does not seem to honour
# for code already translated; one host thread avoids the race.
boot_once() {
	vmdir=$out/vm/$1
	id=$2
	tap=$vmdir/tap.$id.txt
	: >"$tap"
	start=$(date +%s)
	qemu-system-x86_64 -accel "$accel_opt" -cpu "$cpu" \
		-smp 2 -m 1024 -nodefaults -display none -no-reboot \
		-kernel "$(cat "$vmdir/kernel")" -initrd "$vmdir/initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 oops=panic loglevel=4 nokaslr no_timer_check vmtest.start=$3 vmtest.shard=$4${VM_APPEND:+ $VM_APPEND}" \
		-serial "file:$vmdir/console.$id.log" \
		-serial "file:$tap" \
		-serial "file:$vmdir/transcript.$id.txt" \
		-nic none </dev/null >"$vmdir/qemu.$id.log" 2>&1 &
	pid=$!
	booted=0
	limit=$boot_timeout
	size=0
	last=$start
	why=
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		now=$(date +%s)
		bytes=$(wc -c <"$tap")
		if [ "$bytes" != "$size" ]; then
			size=$bytes
			last=$now
		fi
		if [ "$booted" = 0 ] && grep -q '^# kernel' "$tap"; then
			booted=$((now - start))
			limit=$((stall_factor * booted))
			[ "$limit" -lt "$stall_min" ] && limit=$stall_min
		fi
		if [ $((now - last)) -gt "$limit" ]; then
			why=stall
		elif [ "$cap" -gt 0 ] && [ $((now - start)) -gt "$cap" ]; then
			why=cap
		else
			continue
		fi
		kill "$pid" 2>/dev/null
		break
	done
	wait "$pid"
	echo "$? $(($(date +%s) - start)) $booted $limit ${why:-exit}" \
		>"$vmdir/status.$id"
}

# next_in_shard I K S: the first step (line of tests/order) from I on
# whose test is dealt to shard K of S (list positions K, K+S, K+2S...);
# nothing when none is left.
next_in_shard() {
	awk -v i="$1" -v k="$2" -v s="$3" \
		'NR >= i && ($1 - 1) % s == k - 1 { print NR; exit }' \
		"$vmdir/root/tests/order"
}

# step_of POSITION: the step at which the test at POSITION of the list runs.
step_of() {
	awk -v p="$1" '$1 == p { print NR; exit }' "$vmdir/root/tests/order"
}

# run_shard VERSION K S: boot until every test of shard K of S has run.
# (boot_once shares the shell's variables: it must not set k, s, n.)
# Appends to the shard's tap, transcript and console files (with S=1 the
# kernel's own tap.clean, transcript.clean, console.log) the results of
# all its boots with the harness's own verdicts between them.
run_shard() {
	vmdir=$out/vm/$1
	k=$2
	s=$3
	if [ "$s" -gt 1 ]; then
		pre=shard$k.
		label=" shard $k/$s"
	else
		pre=
		label=
	fi
	tapc=$vmdir/tap.${pre}clean
	n=0
	first=$(next_in_shard 1 "$k" "$s")
	# A list shorter than S leaves nothing to this shard (run_kernel
	# does not start it); an empty list still boots once, as ever.
	[ -z "$first" ] && first=1
	while :; do
		n=$((n + 1))
		id=$pre$n
		boot_once "$1" "$id" "$first" "$k/$s"
		read -r rc secs booted limit why <"$vmdir/status.$id"
		tr -d '\r' <"$vmdir/tap.$id.txt" >>"$tapc"
		tr -d '\r' <"$vmdir/transcript.$id.txt" >>"$vmdir/transcript.${pre}clean"
		{
			[ "$s" -gt 1 ] && echo "=== $1$label boot $n (console.$id.log)"
			tr -d '\r' <"$vmdir/console.$id.log"
		} >>"$vmdir/console.${pre}log"
		{
			echo "# $1$label boot $n: VM ran ${secs}s; /init after ${booted}s; silence limit ${limit}s (accel $accel, cpu $cpu, exit $rc, $why)"
		} >>"$tapc"
		if grep -q '^# vm-done' "$vmdir/tap.$id.txt"; then
			break
		fi
		r=$(sed -n 's/^# vm-reboot \([0-9]*\).*/\1/p' "$vmdir/tap.$id.txt")
		if [ -n "$r" ]; then
			first=$(next_in_shard $((r + 1)) "$k" "$s")
			[ -z "$first" ] && break
			continue
		fi
		# The VM stopped or hung in a test, or before the first one.
		cur=$(tr -d '\r' <"$vmdir/tap.$id.txt" |
			sed -n 's/^# test \([0-9]*\) \([^ ]*\).*/\1 \2/p' | tail -n 1)
		{
			if [ "$booted" = 0 ]; then
				echo "not ok - boot $n$label: kernel reached /init (VM stopped by ${why}, exit $rc, after ${secs}s; bound VM_BOOT_TIMEOUT=${boot_timeout}s)"
			elif [ -z "$cur" ]; then
				echo "not ok - boot $n$label: VM ran the tests (VM stopped by ${why}, exit $rc, after ${secs}s)"
			elif [ "$why" = stall ]; then
				echo "not ok - ${cur#* }: VM hung: no result for ${limit}s (${stall_factor} x boot ${booted}s, at least ${stall_min}s), stopped"
			else
				echo "not ok - ${cur#* }: VM stopped during the test (by ${why}, exit $rc, after ${secs}s)"
			fi
			echo "#   last lines of $vmdir/console.$id.log:"
			tr -d '\r' <"$vmdir/console.$id.log" | tail -n 40 | sed 's/^/#   /'
			sed 's/^/#   qemu: /' "$vmdir/qemu.$id.log"
		} >>"$tapc"
		[ -z "$cur" ] && break
		first=$(next_in_shard $(($(step_of "${cur%% *}") + 1)) "$k" "$s")
		[ -z "$first" ] && break
	done
	echo "$n" >"$vmdir/boots${pre:+.shard$k}"
}

# merged NAME KEY: the lines of the S shards' NAME.shardK.clean files
# (with S=1 the one NAME.clean) in list order: KEY is the awk rule that
# sets key, the list position of the test the lines that follow belong
# to (pos[NAME] is a test's position), then by shard, then as they came.
merged() {
	k=0
	while [ "$k" -lt "$s" ]; do
		k=$((k + 1))
		f=$vmdir/$1.shard$k.clean
		[ "$s" -eq 1 ] && f=$vmdir/$1.clean
		awk -v k="$k" 'NR == FNR { pos[$0] = NR; next } '"$2"'
			{ printf "%d\t%d\t%d\t%s\n", key, k, FNR, $0 }' \
			"$vmdir/root/tests/list" "$f"
	done | sort -t '	' -k1,1n -k2,2n -k3,3n | cut -f4-
}

# run_kernel VERSION: its shards at once (no more than it has tests),
# then their files merged: tap.clean and transcript.clean with each
# test's lines in list order, though the tests ran in the order of
# tests/order (a line belongs to the test whose "# test" or "=== NAME"
# line came last before it in its shard, NAME a test of the list, not a
# section a test opens for itself: a reboot or a hang is reported
# with the test that caused it; "# vm-done" and what follows it go to
# the end); console.log shard after shard, each boot under a
# "=== VERSION shard K/S boot N" line.
run_kernel() {
	vmdir=$out/vm/$1
	total=$(grep -c . "$vmdir/root/tests/list")
	s=$shards
	[ "$total" -lt "$s" ] && s=$total
	[ "$s" -lt 1 ] && s=1
	echo "$s" >"$vmdir/shards"
	k=0
	while [ "$k" -lt "$s" ]; do
		k=$((k + 1))
		run_shard "$1" "$k" "$s" &
	done
	wait
	# shellcheck disable=SC2016 # awk programs
	merged tap '/^# test [0-9]+ / { key = $3 } /^# vm-done/ { key = 1e9 }' \
		>"$vmdir/tap.merged" && mv "$vmdir/tap.merged" "$vmdir/tap.clean"
	# shellcheck disable=SC2016 # awk programs
	merged transcript '/^=== / && ($2 in pos) { key = pos[$2] }' \
		>"$vmdir/transcript.merged" &&
		mv "$vmdir/transcript.merged" "$vmdir/transcript.clean"
	if [ "$s" -gt 1 ]; then
		k=0
		while [ "$k" -lt "$s" ]; do
			k=$((k + 1))
			cat "$vmdir/console.shard$k.log"
		done >"$vmdir/console.log"
	fi
}

# Every kernel at once, each with its shards: the VMs spend much of their
# time waiting for transitions, so two run in little more time than one.
for v in $ready; do
	run_kernel "$v" &
done
wait

failed_vm=
for v in $ready; do
	vmdir=$out/vm/$v
	while IFS= read -r line; do
		case $line in
		"ok - "*) emit ok "$v: ${line#ok - }" ;;
		"not ok - "*) emit not-ok "$v: ${line#not ok - }"; failed_vm=1 ;;
		"#"*) echo "$line" ;;
		esac
	done <"$vmdir/tap.clean"
	# Every shard must have reached its end.
	[ "$(grep -c '^# vm-done' "$vmdir/tap.clean")" -ge "$(cat "$vmdir/shards")" ] ||
		failed_vm=1
done

# `make transcripts` writes only what a run with no failure printed:
# $OUT/vm/passed names the kernels of such a run (transcripts.sh update
# refuses any other).  The comparison below does not count: its failures
# are what `make transcripts` is for.
if [ "$failed" -eq 0 ] && [ -z "$failed_vm" ] && [ -n "$ready" ]; then
	echo "$ready" >"$out/vm/passed"
fi

# The transcripts in source/transcripts/ must match what the VMs printed;
# transcripts are the handbook's, not those of a VM_SRC run.
vmdirs=
for v in $ready; do
	[ -s "$out/vm/$v/transcript.clean" ] && vmdirs="$vmdirs $out/vm/$v"
done
if [ -n "$vmdirs" ] && [ -z "${VM_SRC:-}" ]; then
	# shellcheck disable=SC2086 # one word per directory
	"$top"/checks/vm/transcripts.sh check $vmdirs >"$out/vm/transcripts.tap"
	while IFS= read -r line; do
		case $line in
		"ok - "*) emit ok "${line#ok - }" ;;
		"not ok - "*) emit not-ok "${line#not ok - }" ;;
		*) echo "$line" ;;
		esac
	done <"$out/vm/transcripts.tap"
fi

finish

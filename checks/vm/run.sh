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
#   VM_TIMEOUT     optional cap in seconds on each boot (default: none)
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
	# The order is that of the names; no test depends on it (see init).
	for t in "$root"/tests/*.sh; do
		[ -e "$t" ] && basename "$t" .sh
	done >"$root/tests/list"
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

# boot_once VERSION N START: boot N of the kernel, tests from START on.
#
# no_timer_check: on a loaded host, TCG can be too slow for the IO-APIC
# timer check early in boot, and 6.1 then panics with "IO-APIC + timer
# doesn't work!" (seen with a load of 20 on 2 cores); the parameter skips
# that check (arch/x86/kernel/apic/io_apic.c), which a VM does not need.
# Files: console.N.log, tap.N.txt, transcript.N.txt, qemu.N.log; the
# watchdog's verdict goes to status.N: "EXIT SECS BOOTSECS LIMIT WHY".
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
	n=$2
	tap=$vmdir/tap.$n.txt
	: >"$tap"
	start=$(date +%s)
	qemu-system-x86_64 -accel "$accel_opt" -cpu "$cpu" \
		-smp 2 -m 1024 -nodefaults -display none -no-reboot \
		-kernel "$(kernel_image "$1")" -initrd "$vmdir/initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 oops=panic loglevel=4 nokaslr no_timer_check vmtest.start=$3${VM_APPEND:+ $VM_APPEND}" \
		-serial "file:$vmdir/console.$n.log" \
		-serial "file:$tap" \
		-serial "file:$vmdir/transcript.$n.txt" \
		-nic none </dev/null >"$vmdir/qemu.$n.log" 2>&1 &
	pid=$!
	booted=0
	limit=$boot_timeout
	size=0
	last=$start
	why=
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		now=$(date +%s)
		s=$(wc -c <"$tap")
		if [ "$s" != "$size" ]; then
			size=$s
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
		>"$vmdir/status.$n"
}

# run_kernel VERSION: boot until every test has run.  Writes tap.clean,
# the results of all boots with the harness's own verdicts between them.
run_kernel() {
	vmdir=$out/vm/$1
	total=$(grep -c . "$vmdir/root/tests/list")
	n=0
	first=1
	while :; do
		n=$((n + 1))
		boot_once "$1" "$n" "$first"
		read -r rc secs booted limit why <"$vmdir/status.$n"
		tr -d '\r' <"$vmdir/tap.$n.txt" >>"$vmdir/tap.clean"
		tr -d '\r' <"$vmdir/transcript.$n.txt" >>"$vmdir/transcript.clean"
		tr -d '\r' <"$vmdir/console.$n.log" >>"$vmdir/console.log"
		{
			echo "# $1 boot $n: VM ran ${secs}s; /init after ${booted}s; silence limit ${limit}s (accel $accel, cpu $cpu, exit $rc, $why)"
		} >>"$vmdir/tap.clean"
		if grep -q '^# vm-done' "$vmdir/tap.$n.txt"; then
			break
		fi
		r=$(sed -n 's/^# vm-reboot \([0-9]*\).*/\1/p' "$vmdir/tap.$n.txt")
		if [ -n "$r" ]; then
			first=$((r + 1))
			continue
		fi
		# The VM stopped or hung in a test, or before the first one.
		cur=$(tr -d '\r' <"$vmdir/tap.$n.txt" |
			sed -n 's/^# test \([0-9]*\) \([^ ]*\).*/\1 \2/p' | tail -n 1)
		{
			if [ "$booted" = 0 ]; then
				echo "not ok - boot $n: kernel reached /init (VM stopped by ${why}, exit $rc, after ${secs}s; bound VM_BOOT_TIMEOUT=${boot_timeout}s)"
			elif [ -z "$cur" ]; then
				echo "not ok - boot $n: VM ran the tests (VM stopped by ${why}, exit $rc, after ${secs}s)"
			elif [ "$why" = stall ]; then
				echo "not ok - ${cur#* }: VM hung: no result for ${limit}s (${stall_factor} x boot ${booted}s, at least ${stall_min}s), stopped"
			else
				echo "not ok - ${cur#* }: VM stopped during the test (by ${why}, exit $rc, after ${secs}s)"
			fi
			echo "#   last lines of $vmdir/console.$n.log:"
			tr -d '\r' <"$vmdir/console.$n.log" | tail -n 40 | sed 's/^/#   /'
			sed 's/^/#   qemu: /' "$vmdir/qemu.$n.log"
		} >>"$vmdir/tap.clean"
		[ -z "$cur" ] && break
		first=$((${cur%% *} + 1))
		[ "$first" -gt "$total" ] && break
	done
	echo "$n" >"$vmdir/boots"
}

# Every kernel at once: the VMs spend much of their time waiting for
# transitions, so two run in little more time than one.
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
	grep -q '^# vm-done' "$vmdir/tap.clean" || failed_vm=1
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

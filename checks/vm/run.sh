#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot every kernel in KERNELS under QEMU and run the example tests.
#
# For each kernel: build examples/ against its headers, pack an initramfs
# of busybox-static, the modules, checks/vm/lib.sh and checks/vm/tests/,
# boot its image (scripts/kernels.sh image) with no disk and no network, and turn the
# results the VM sends on its second serial port into TAP on stdout.
#
# Environment: KERNELS (versions), VM_ACCEL (tcg; kvm where usable),
# VM_TIMEOUT (seconds per boot, default 600), OUT (output directory),
# EXAMPLES (only these examples and their tests; default: all of them and
# every test in checks/vm/tests/), VM_TESTS (tests not tied to an example,
# added to an EXAMPLES run), VM_PAYLOAD (a directory copied to /payload in
# the VM, default $OUT/vm-payload: e.g. a static tool a test runs),
# VM_TESTS_DIR (where the tests are, default checks/vm/tests), VM_APPEND
# (more kernel command-line options for this run, e.g.
# module.sig_enforce=1).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/scripts/kernels.sh"
kernels=${KERNELS:-$(kernels_list)}
accel=${VM_ACCEL:-tcg}
timeout_s=${VM_TIMEOUT:-600}
tests=${VM_TESTS_DIR:-$top/checks/vm/tests}

. "$top/checks/tap.sh"

if [ -z "$kernels" ]; then
	emit not-ok "no Debian 6.1, 6.12 or 7.x kernel in /boot: run make deps"
fi
for tool in qemu-system-x86_64:qemu-system-x86 cpio:cpio \
	    busybox:busybox-static; do
	if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
		emit not-ok "${tool%%:*} not found: install ${tool#*:} (make deps)"
		kernels=
	fi
done

# Every live patch module in examples/Kbuild needs a VM test named after it
# (target modules are exercised by the tests of the patches that use them),
# in checks/vm/tests: a run with tests of its own elsewhere is not checked.
[ -n "${VM_TESTS_DIR:-}" ] ||
for c in "$top"/examples/*.c; do
	name=$(basename "$c" .c)
	grep -q "^obj-m += $name.o" "$top/examples/Kbuild" || continue
	grep -q 'MODULE_INFO(livepatch, "Y")' "$c" || continue
	[ -f "$tests/$name.sh" ] ||
		emit not-ok "examples/$name.c has no VM test checks/vm/tests/$name.sh"
done

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
	# A full run shares its build directory with check-examples, so the
	# modules are only built once; an EXAMPLES run builds apart.
	build=$out/examples-$v
	[ -n "${EXAMPLES:-}" ] && build=$vmdir/build
	if ! "$top"/scripts/build-examples.sh "$kdir" "$build" \
			>"$vmdir/build.log" 2>&1; then
		emit not-ok "$v: examples build"
		sed 's/^/#   /' "$vmdir/build.log"
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
	payload=${VM_PAYLOAD:-$out/vm-payload}
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

# Boot every kernel at once: the VMs spend much of their time waiting for
# transitions, so two boots take little longer than one.
#
# TCG runs both vCPUs in one host thread (thread=single).  With one thread
# per vCPU, a vCPU was seen (6.12, once in several runs) still executing
# an int3 that text_poke_bp() had already removed while livepatch switched
# the scheduler's static calls, and the kernel died with "Oops: int3" in
# irqentry_exit().  text_poke_bp() relies on its sync IPIs to retire such
# an int3 on every CPU, which multi-threaded TCG does not seem to honour
# for code already translated; one host thread avoids the race.
accel_opt=$accel
[ "$accel" = tcg ] && accel_opt=tcg,thread=single
boot() { # boot VERSION
	vmdir=$out/vm/$1
	start=$(date +%s)
	timeout "$timeout_s" qemu-system-x86_64 -accel "$accel_opt" -cpu max \
		-smp 2 -m 1024 -nodefaults -display none -no-reboot \
		-kernel "$(kernel_image "$1")" -initrd "$vmdir/initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 oops=panic loglevel=4 nokaslr${VM_APPEND:+ $VM_APPEND}" \
		-serial "file:$vmdir/console.log" \
		-serial "file:$vmdir/tap.txt" \
		-serial "file:$vmdir/transcript.txt" \
		-nic none </dev/null >"$vmdir/qemu.log" 2>&1
	echo "$? $(($(date +%s) - start))" >"$vmdir/status"
}
for v in $ready; do
	boot "$v" &
done
wait

for v in $ready; do
	vmdir=$out/vm/$v
	read -r rc secs <"$vmdir/status"
	echo "# $v: VM ran ${secs}s (accel $accel, exit $rc)"

	# The serial lines end in CR LF.
	tr -d '\r' <"$vmdir/tap.txt" >"$vmdir/tap.clean"
	while IFS= read -r line; do
		case $line in
		"ok - "*) emit ok "$v: ${line#ok - }" ;;
		"not ok - "*) emit not-ok "$v: ${line#not ok - }" ;;
		"#"*) echo "$line" ;;
		esac
	done <"$vmdir/tap.clean"

	if ! grep -q '^# vm-done' "$vmdir/tap.clean"; then
		emit not-ok "$v: VM finished all tests (exit $rc after ${secs}s; timeout ${timeout_s}s)"
		echo "#   last lines of $vmdir/console.log:"
		tr -d '\r' <"$vmdir/console.log" | tail -n 40 | sed 's/^/#   /'
		sed 's/^/#   qemu: /' "$vmdir/qemu.log"
	fi
	tr -d '\r' <"$vmdir/transcript.txt" >"$vmdir/transcript.clean"
done

# The transcripts in source/transcripts/ must match what the VMs printed.
vmdirs=
for v in $ready; do
	[ -f "$out/vm/$v/transcript.clean" ] && vmdirs="$vmdirs $out/vm/$v"
done
if [ -n "$vmdirs" ]; then
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

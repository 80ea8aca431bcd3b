# SPDX-License-Identifier: GPL-2.0
# VM test behind source/reference/sysfs-abi.rst: the files the kernel
# creates under /sys/kernel/livepatch/ for a loaded patch, with their modes,
# and /proc/<pid>/patch_state.  The listings go to the transcript
# source/transcripts/sysfs-abi.<series>.txt; checks/reference-sysfs-abi.sh
# compares them with the table on the page.  Needs livepatch-proc-version.ko
# and, on 7.x, livepatch-busy.ko.
p=$KLP/livepatch_proc_version

check "/sys/kernel/livepatch exists before any patch is loaded" \
	show "stat -c '%A %n' $KLP"
check "insmod livepatch-proc-version.ko" \
	insmod "$MODDIR"/livepatch-proc-version.ko
check "transition finishes within 30 s" wait_for 30 "$p"/transition 0

# Every directory and file, with its mode, relative to /sys/kernel/livepatch.
check "list the sysfs tree of the patch" \
	show "cd $KLP && find . -mindepth 1 | sort | xargs stat -c '%A %n'"
# The value of every readable attribute.
check "read every readable attribute" \
	show "cd $KLP && find . -type f -perm -400 | sort | xargs grep -H ."
# fails_with TEXT COMMAND: the shell command fails and its error output
# contains TEXT (the strerror() text of the errno the kernel returned).
fails_with() {
	err=$(sh -c "$2" 2>&1) && return 1
	echo "$err" | grep -qF "$1"
}
# Refusals, with the error the kernel returns (also shown in the transcript).
check "force is write-only: reading it fails with EACCES" \
	fails_with 'Permission denied' "cat $p/force"
check "force is refused while no transition runs: EINVAL" \
	fails_with 'Invalid argument' "echo 1 > $p/force"
check "enabled refuses 1 on an enabled patch: EINVAL" \
	fails_with 'Invalid argument' "echo 1 > $p/enabled"
check_not "transcript: echo 1 > force" show "echo 1 > $p/force"
check_not "transcript: echo 1 > enabled" show "echo 1 > $p/enabled"

# /proc/<pid>/patch_state: -1 (no transition) once everything has switched.
check "/proc/self/patch_state exists, mode and value" \
	show "stat -c '%A %n' /proc/self/patch_state && cat /proc/self/patch_state"
check "/proc/<pid>/patch_state of init is -1 after the transition" \
	sh -c "[ \$(cat /proc/1/patch_state) = -1 ]"
check "kernel is tainted with K (TAINT_LIVEPATCH, bit 15)" tainted_livepatch

# stack_order: the place of a patch in the stack of enabled patches,
# counted from 1 for the oldest (stack_order_show() in 7.3's
# kernel/livepatch/core.c).  6.1 and 6.12 have no such file.  A second,
# independent patch (livepatch-busy, /proc/execdomains) shows 2.
case $(uname -r) in
6.*)
	check_not "6.x: no stack_order attribute (7.x has one)" \
		test -e "$p"/stack_order
	;;
*)
	b=$KLP/livepatch_busy
	check "insmod livepatch-busy.ko, a second patch" \
		insmod "$MODDIR"/livepatch-busy.ko
	check "its transition finishes within 30 s" wait_for 30 "$b"/transition 0
	check "stack_order of the two patches" \
		show "grep -H . $KLP/livepatch_proc_version/stack_order $KLP/livepatch_busy/stack_order"
	check "stack_order: 1 for the first patch" wait_for 1 "$p"/stack_order 1
	check "stack_order: 2 for the second patch" wait_for 1 "$b"/stack_order 2
	check "disable livepatch-busy" sh -c "echo 0 > $b/enabled"
	check "its directory goes away within 30 s" wait_gone 30 "$b"
	check "rmmod livepatch_busy" rmmod livepatch_busy
	;;
esac

check "disable: echo 0 > enabled" sh -c "echo 0 > $p/enabled"
check "the patch directory goes away within 30 s" wait_gone 30 "$p"
check "/sys/kernel/livepatch stays, empty" \
	sh -c "[ -d $KLP ] && [ -z \"\$(ls -A $KLP)\" ]"
check "TAINT_LIVEPATCH stays set after the patch is gone" tainted_livepatch
check "rmmod livepatch_proc_version" rmmod livepatch_proc_version
log_clean

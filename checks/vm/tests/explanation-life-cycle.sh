# SPDX-License-Identifier: GPL-2.0
# VM test for source/explanation/life-cycle.rst: what the sysfs files of a
# live patch accept and refuse, shown with examples/livepatch-proc-version.c.
# Not tied to an example of its own: run it with
#   EXAMPLES=livepatch-proc-version VM_TESTS=explanation-life-cycle make check-vm
p=$KLP/livepatch_proc_version
f="$p/vmlinux/version_proc_show,1"
ftrace=/proc/sys/kernel/ftrace_enabled

# refused ERROR COMMAND: like show, but succeeds only when COMMAND fails
# and its output names ERROR (the strerror text of the expected errno).
refused() {
	err=$1
	shift
	echo "# $*" >"$TRANSCRIPT"
	out=$(sh -c "$*" 2>&1)
	rc=$?
	[ -n "$out" ] && echo "$out" >"$TRANSCRIPT"
	echo "$out"
	[ $rc -ne 0 ] && case $out in *"$err"*) return 0 ;; esac
	return 1
}

check "livepatch-proc-version.ko was built" test -f "$MODDIR"/livepatch-proc-version.ko
show cat /proc/self/patch_state
# shellcheck disable=SC2016 # expanded by the shell that runs it
check "patch_state is -1 outside a transition" \
	sh -c '[ "$(cat /proc/self/patch_state)" = -1 ]'
# shellcheck disable=SC2016 # expanded by the shell that runs it
check "/proc/<pid>/patch_state is mode 0400" \
	sh -c '[ "$(stat -c %a /proc/self/patch_state)" = 400 ]'
# shellcheck disable=SC2016 # expanded by the shell that runs it
check "/proc/<pid>/task/<tid>/patch_state exists, mode 0400" \
	sh -c '[ "$(stat -c %a /proc/$$/task/$$/patch_state)" = 400 ]'

check "insmod livepatch-proc-version.ko" \
	show insmod "$MODDIR"/livepatch-proc-version.ko
patch_ready "$p"
show ls "$p"
show ls "$p"/vmlinux
show cat "$p"/vmlinux/patched
check "vmlinux/patched is 1" wait_for 1 "$p"/vmlinux/patched 1
check "the function directory exists" test -d "$f"
check "the function directory holds no attribute" \
	sh -c "[ -z \"\$(ls -A '$f')\" ]"
show cat /proc/self/patch_state
# shellcheck disable=SC2016 # expanded by the shell that runs it
check "patch_state is -1 again after the transition" \
	sh -c '[ "$(cat /proc/self/patch_state)" = -1 ]'

# Writes the kernel refuses while the patch is enabled and idle.
check "echo 1 > enabled is refused with EINVAL: already enabled" \
	refused "Invalid argument" "echo 1 > $p/enabled"
check "echo maybe > enabled is refused with EINVAL: not a boolean" \
	refused "Invalid argument" "echo maybe > $p/enabled"
check "echo 1 > force is refused with EINVAL outside a transition" \
	refused "Invalid argument" "echo 1 > $p/force"
check "echo 0 > force is accepted" show "echo 0 > $p/force"
check "the patch is still enabled" wait_for 1 "$p"/enabled 1
check "rmmod is refused with EWOULDBLOCK while the patch is enabled" \
	refused "Resource temporarily unavailable" rmmod livepatch_proc_version
# 7.x no longer lets ftrace_enabled be turned off at all: a 0 fails
# with EOPNOTSUPP, patch or not (ftrace_enable_sysctl() in 7.3's
# kernel/trace/ftrace.c: "The ftrace_enabled file is deprecated").
case $(uname -r) in
6.*)
	check "ftrace_enabled=0 is refused with EBUSY while a patch is registered" \
		refused "Device or resource busy" "echo 0 > $ftrace"
	;;
*)
	check "7.x: ftrace_enabled=0 is refused with EOPNOTSUPP (deprecated knob)" \
		refused "Operation not supported" "echo 0 > $ftrace"
	;;
esac
show cat $ftrace
check "ftrace is still enabled" wait_for 1 $ftrace 1

# Disable, then the same writes behave differently.
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
# shellcheck disable=SC2016 # expanded by the shell that runs it
check "rmmod succeeds once the patch is gone (retried for 5 s)" sh -c \
	'i=0; until rmmod livepatch_proc_version 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 50 ] && exit 1; sleep 0.1; done'
case $(uname -r) in
6.*)
	check "ftrace_enabled=0 is accepted with no patch registered" \
		sh -c "echo 0 > $ftrace"
	;;
*)
	check "7.x: ftrace_enabled=0 is refused with no patch registered too" \
		refused "Operation not supported" "echo 0 > $ftrace"
	check "7.x: the kernel logs that ftrace_enabled is deprecated" \
		sh -c "dmesg | grep -qF 'The ftrace_enabled file is deprecated and no longer disables ftrace'"
	;;
esac
check "ftrace_enabled=1 restored" sh -c "echo 1 > $ftrace"

# The kernel log names each step.
for msg in "enabling patch 'livepatch_proc_version'" \
	"'livepatch_proc_version': starting patching transition" \
	"'livepatch_proc_version': patching complete" \
	"'livepatch_proc_version': starting unpatching transition" \
	"'livepatch_proc_version': unpatching complete"; do
	check "kernel log: $msg" sh -c "dmesg | grep -qF \"$msg\""
done
log_clean

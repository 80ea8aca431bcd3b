# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-proc-version.c
p=$KLP/livepatch_proc_version
marker='[live patched: proc-version]'

show cat /proc/version
check_not "/proc/version has no marker before the patch" \
	grep -qF "$marker" /proc/version
check "insmod livepatch-proc-version.ko" \
	show insmod "$MODDIR"/livepatch-proc-version.ko
patch_ready "$p"
show cat "$p"/transition
show cat /proc/version
check "/proc/version shows the marker" grep -qF "$marker" /proc/version
check "kernel is tainted with K (TAINT_LIVEPATCH)" tainted_livepatch
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
show cat /proc/version
check_not "/proc/version is the original again" \
	grep -qF "$marker" /proc/version
check "rmmod livepatch_proc_version" show rmmod livepatch_proc_version
check "module is gone" sh -c '! grep -q "^livepatch_proc_version " /proc/modules'
log_clean

# Load, transition, disable and remove a second time: nothing left over
# from the first round may get in the way.
check "insmod again after rmmod" insmod "$MODDIR"/livepatch-proc-version.ko
check "second transition finishes within 30 s" wait_for 30 "$p"/transition 0
check "/proc/version shows the marker again" grep -qF "$marker" /proc/version
check "disable again" sh -c "echo 0 > $p/enabled"
check "patch leaves sysfs again" wait_gone 30 "$p"
check "rmmod again" rmmod livepatch_proc_version
log_clean

# SPDX-License-Identifier: GPL-2.0
# VM test of examples/hazard-kthread-fix.c: patching the function the
# kthread's loop calls finishes at once.
p=$KLP/hazard_kthread_fix
proc=/proc/target_hazard_kthread
step_is() { grep -qx "step: $1" $proc; }
wait_step() {
	i=0
	while ! step_is "$1"; do
		i=$((i + 1))
		[ $i -gt 50 ] && return 1
		sleep 0.1
	done
}

check "insmod target-hazard-kthread.ko" \
	show insmod "$MODDIR"/target-hazard-kthread.ko
check "the kthread runs the original step" wait_step 1
show "grep step $proc"
check "insmod hazard-kthread-fix.ko" \
	show insmod "$MODDIR"/hazard-kthread-fix.ko
patch_ready "$p"
show "cat $p/transition"
check "the kthread runs the new step" wait_step 2
show "grep step $proc"
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "the kthread runs the original step again" wait_step 1
show "grep step $proc"
check "rmmod hazard_kthread_fix" show rmmod hazard_kthread_fix
check "rmmod target_hazard_kthread" show rmmod target_hazard_kthread
log_clean

# SPDX-License-Identifier: GPL-2.0
# VM test of examples/hazard-inlined-fix.c: patch the caller that inlined
# the helper.
p=$KLP/hazard_inlined_fix

check "insmod target-hazard.ko" show insmod "$MODDIR"/target-hazard.ko
show "grep scaled /proc/target_hazard"
check "before: scaled: 42" grep -qx 'scaled: 42' /proc/target_hazard
check "insmod hazard-inlined-fix.ko" \
	show insmod "$MODDIR"/hazard-inlined-fix.ko
patch_ready "$p"
show "ls $p/target_hazard"
check "th_scaled_value is patched" \
	test -d "$p"/target_hazard/th_scaled_value,1
show "grep scaled /proc/target_hazard"
check "patched: scaled: 49" grep -qx 'scaled: 49' /proc/target_hazard
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
show "grep scaled /proc/target_hazard"
check "reverted: scaled: 42" grep -qx 'scaled: 42' /proc/target_hazard
check "rmmod hazard_inlined_fix" show rmmod hazard_inlined_fix
check "rmmod target_hazard" show rmmod target_hazard
log_clean

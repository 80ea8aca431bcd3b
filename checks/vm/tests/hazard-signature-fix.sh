# SPDX-License-Identifier: GPL-2.0
# VM test of examples/hazard-signature-fix.c: the fix with a changed
# prototype ships as a new helper called by replaced callers.
p=$KLP/hazard_signature_fix
f=/proc/target_signature

check "insmod target-signature.ko" show insmod "$MODDIR"/target-signature.ko
show "cat $f"
check "before: average: 3" grep -qx 'average: 3' $f
check "before: recent: 4" grep -qx 'recent: 4' $f
check "before: middle: 3" grep -qx 'middle: 3' $f
check "insmod hazard-signature-fix.ko" \
	show insmod "$MODDIR"/hazard-signature-fix.ko
patch_ready "$p"
show "ls $p/target_signature"
check "ts_show_average is patched" \
	test -d "$p"/target_signature/ts_show_average,1
check "ts_show_recent is patched" test -d "$p"/target_signature/ts_show_recent,1
check_not "ts_average itself is not patched" \
	test -e "$p"/target_signature/ts_average,1
show "cat $f"
check "patched: average: 4" grep -qx 'average: 4' $f
check "patched: recent: 5" grep -qx 'recent: 5' $f
check "patched: middle: 3, unchanged" grep -qx 'middle: 3' $f
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
show "cat $f"
check "reverted: average: 3" grep -qx 'average: 3' $f
check "reverted: recent: 4" grep -qx 'recent: 4' $f
check "rmmod hazard_signature_fix" show rmmod hazard_signature_fix
check "rmmod target_signature" show rmmod target_signature
log_clean

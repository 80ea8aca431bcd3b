# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/hazard-signature.c: a replacement whose prototype
# differs from the old function's is accepted without a word.  The test
# never calls it: the callers would pass a register it did not set.
p=$KLP/hazard_signature
K=/payload/klp-check

# The "header" part: ts_div() has no symbol of its own, a copy of it is
# in each function that uses it.  klp-check reads that from the DWARF.
if [ -x $K ]; then
	show "$K -e $MODDIR/target-signature.ko ts_div | grep -E '^  (inlined|verdict)'"
	kc=$out
	kc_has() { echo "$kc" | grep -qF "$1"; }
	check "klp-check: ts_div is inlined into ts_average" \
		kc_has "inlined   into ts_average"
	check "klp-check: ts_div is inlined into ts_middle" \
		kc_has "inlined   into ts_middle"
else
	fail "static klp-check is in /payload" \
		"make check-vm builds it into \$OUT/vm-payload/klp-check"
fi

check "insmod target-signature.ko" show insmod "$MODDIR"/target-signature.ko
show "cat /proc/target_signature"
check "before: average: 3" grep -qx 'average: 3' /proc/target_signature
check "insmod hazard-signature.ko (3 parameters for a 2-parameter function)" \
	show insmod "$MODDIR"/hazard-signature.ko
patch_ready "$p"
show "cat $p/enabled $p/transition"
check "ts_average is patched" test -d "$p"/target_signature/ts_average,1
check "$p/target_signature/patched is 1" \
	wait_for 1 "$p"/target_signature/patched 1
show "dmesg | grep 'livepatch:'"
check "log: enabling patch, no complaint" \
	sh -c "dmesg | grep -qF \"livepatch: enabling patch 'hazard_signature'\""
check_not "log: no error or warning from livepatch" \
	sh -c "dmesg | grep -E 'livepatch: .*(fail|error|invalid|mismatch)'"
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "rmmod hazard_signature" show rmmod hazard_signature
show "cat /proc/target_signature"
check "after: average: 3" grep -qx 'average: 3' /proc/target_signature
check "rmmod target_signature" show rmmod target_signature
log_clean

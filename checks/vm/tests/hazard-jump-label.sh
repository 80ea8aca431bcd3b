# SPDX-License-Identifier: GPL-2.0
# VM test of examples/hazard-jump-label.c: a new function tests a static
# key that another module owns, read with static_key_enabled() and then
# with a static branch, and follows every switch of the key.
p=$KLP/hazard_jump_label
f=/proc/target_jump_label
param=/sys/module/target_jump_label/parameters/verbose

# The key is exported, so the patch cannot load before its target.
check_not "insmod hazard-jump-label.ko before the target fails" \
	show insmod "$MODDIR"/hazard-jump-label.ko
show "dmesg | grep -m1 'Unknown symbol'"
check "log: Unknown symbol tjl_verbose" \
	sh -c "dmesg | grep -qF 'hazard_jump_label: Unknown symbol tjl_verbose'"

check "insmod target-jump-label.ko" show insmod "$MODDIR"/target-jump-label.ko
show "cat $f"
check "before: mode: quiet" grep -qx 'mode: quiet' $f
check "echo 1 > verbose" show "echo 1 > $param"
show "cat $f"
check "the target's static branch: mode: verbose" grep -qx 'mode: verbose' $f
check "echo 0 > verbose" show "echo 0 > $param"

# mode LABEL: the patched tjl_mode() follows the key, off, on, off.
follows() {
	show "cat $f"
	check "$1, key off: mode: quiet ($1)" \
		grep -qx "mode: quiet (live patched, $1)" $f
	check "$1: echo 1 > verbose" show "echo 1 > $param"
	show "cat $f"
	check "$1, key on: mode: verbose ($1)" \
		grep -qx "mode: verbose (live patched, $1)" $f
	check "$1: echo 0 > verbose" show "echo 0 > $param"
	show "cat $f"
	check "$1, key off again: mode: quiet ($1)" \
		grep -qx "mode: quiet (live patched, $1)" $f
}
# unpatch: disable the patch and remove its module.
unpatch() {
	check "$1: disable: echo 0 > enabled" show "echo 0 > $p/enabled"
	check "$1: patch leaves sysfs once reverted, within 30 s" \
		wait_gone 30 "$p"
	check "$1: rmmod hazard_jump_label" show rmmod hazard_jump_label
}

for mode in read branch; do
	arg=
	[ $mode = branch ] && arg=branch=1
	check "$mode: insmod hazard-jump-label.ko $arg" \
		show insmod "$MODDIR"/hazard-jump-label.ko $arg
	check "$mode: $p/enabled is 1" wait_for 5 "$p"/enabled 1
	check "$mode: transition finishes within 30 s" \
		wait_for 30 "$p"/transition 0
	follows $mode
	unpatch $mode
done
show "cat $f"
check "reverted: mode: quiet" grep -qx 'mode: quiet' $f
check "rmmod target_jump_label" show rmmod target_jump_label
log_clean

# SPDX-License-Identifier: GPL-2.0
# VM test of examples/hazard-jump-label-klp.c: another module's static key
# read with static_key_enabled() through a klp relocation.  The init
# function's log shows the order: the module's __jump_table is read
# before klp_enable_patch() writes the klp relocation for the key.
p=$KLP/hazard_jump_label_klp
f=/proc/target_jump_label
param=/sys/module/target_jump_label/parameters/verbose
said() { dmesg | grep -qF "hazard_jump_label_klp: init: $1"; }

# follows: the patched tjl_mode() follows the key, off, on, off.
follows() {
	show "cat $f"
	check "$1, key off: mode: quiet (live patched, klp)" \
		grep -qx "mode: quiet (live patched, klp)" $f
	check "$1: echo 1 > verbose" show "echo 1 > $param"
	show "cat $f"
	check "$1, key on: mode: verbose (live patched, klp)" \
		grep -qx "mode: verbose (live patched, klp)" $f
	check "$1: echo 0 > verbose" show "echo 0 > $param"
}
# unpatch: disable the patch, remove both modules.
unpatch() {
	check "$1: disable: echo 0 > enabled" show "echo 0 > $p/enabled"
	check "$1: patch leaves sysfs once reverted, within 30 s" \
		wait_gone 30 "$p"
	check "$1: rmmod hazard_jump_label_klp" show rmmod hazard_jump_label_klp
	check "$1: rmmod target_jump_label" show rmmod target_jump_label
}

check "target first: insmod target-jump-label.ko" \
	show insmod "$MODDIR"/target-jump-label.ko
check "target first: insmod hazard-jump-label-klp.ko" \
	show insmod "$MODDIR"/hazard-jump-label-klp.ko
check "target first: transition finishes within 30 s" \
	wait_for 30 "$p"/transition 0
show "dmesg | grep -o 'init: .*'"
check "init: own key linked: __jump_table already read" \
	said "own key linked: __jump_table already read"
check "init: &tjl_verbose before klp_enable_patch(): not written yet" \
	said "&tjl_verbose before klp_enable_patch(): not written yet"
check "init: &tjl_verbose after klp_enable_patch(): tjl_verbose [target_jump_label]" \
	said "&tjl_verbose after klp_enable_patch(): tjl_verbose [target_jump_label]"
follows "target first"
unpatch "target first"

# No export links the two modules: the patch loads first, and its klp
# relocation is written when the target comes.
dmesg -c >/dev/null
check "patch first: insmod hazard-jump-label-klp.ko" \
	show insmod "$MODDIR"/hazard-jump-label-klp.ko
check "patch first: transition finishes within 30 s" \
	wait_for 30 "$p"/transition 0
show "dmesg | grep -o 'init: .*'"
check "init: &tjl_verbose after klp_enable_patch(): not written yet" \
	said "&tjl_verbose after klp_enable_patch(): not written yet"
show "cat $p/target_jump_label/patched"
check "target_jump_label/patched is 0" \
	wait_for 1 "$p"/target_jump_label/patched 0
check "patch first: insmod target-jump-label.ko" \
	show insmod "$MODDIR"/target-jump-label.ko
show "cat $p/target_jump_label/patched"
check "target_jump_label/patched is 1" \
	wait_for 5 "$p"/target_jump_label/patched 1
follows "patch first"
unpatch "patch first"
log_clean

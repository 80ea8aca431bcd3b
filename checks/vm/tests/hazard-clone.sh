# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/hazard-clone.c: a gcc clone is patched by its full
# name, not by the name in the source.
p=$KLP/hazard_clone
# has_sym NAME: the kallsyms lines shown last (" TYPE NAME [module]",
# kept in $ks) have NAME.  Each read of /proc/kallsyms is slow under TCG,
# and the shown grep keeps every line whose name starts as NAME does.
has_sym() { echo "$ks" | awk -v s="$1" '$2 == s { f = 1 } END { exit !f }'; }

check "insmod target-hazard.ko" show insmod "$MODDIR"/target-hazard.ko
show "grep ' th_label' /proc/kallsyms | cut -d' ' -f2-"
ks=$out
check "target_hazard has th_label.constprop.0" has_sym th_label.constprop.0
check_not "target_hazard has no plain th_label" has_sym th_label
show "grep label /proc/target_hazard"
check "before: label: base 10" grep -qx 'label: base 10' /proc/target_hazard

refused "insmod hazard-clone.ko old_name=th_label fails with EINVAL" \
	insmod "$MODDIR"/hazard-clone.ko old_name=th_label
show "dmesg | grep 'livepatch:'"
check "log: symbol 'th_label' not found in symbol table" \
	sh -c "dmesg | grep -qF \"livepatch: symbol 'th_label' not found in symbol table\""
check_not "module hazard_clone is not loaded" \
	grep -q '^hazard_clone ' /proc/modules

check "insmod hazard-clone.ko (old_name=th_label.constprop.0)" \
	show insmod "$MODDIR"/hazard-clone.ko
patch_ready "$p"
show "ls $p/target_hazard"
check "th_label.constprop.0 is patched" \
	test -d "$p/target_hazard/th_label.constprop.0,1"
show "grep label /proc/target_hazard"
check "patched: label: decimal (live patched)" \
	grep -qx 'label: decimal (live patched)' /proc/target_hazard
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
show "grep label /proc/target_hazard"
check "reverted: label: base 10" grep -qx 'label: base 10' /proc/target_hazard
check "rmmod hazard_clone" show rmmod hazard_clone
check "rmmod target_hazard" show rmmod target_hazard
log_clean

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/hazard-inlined.c: a patch of an inlined function
# finds no symbol, with the target loaded first or last.
p=$KLP/hazard_inlined
# has_sym NAME: the kallsyms lines shown last (" TYPE NAME [module]",
# kept in $ks) have NAME.  Each read of /proc/kallsyms is slow under TCG,
# and the shown grep keeps every line whose name starts as NAME does.
has_sym() { echo "$ks" | awk -v s="$1" '$2 == s { f = 1 } END { exit !f }'; }

# Target first: the patch is refused.
check "insmod target-hazard.ko" show insmod "$MODDIR"/target-hazard.ko
show "grep ' th_scale' /proc/kallsyms | cut -d' ' -f2-"
ks=$out
check_not "target_hazard has no th_scale symbol (inlined)" has_sym th_scale
check "target_hazard has th_scaled_value, its caller" has_sym th_scaled_value
refused "insmod hazard-inlined.ko fails with EINVAL" \
	insmod "$MODDIR"/hazard-inlined.ko
show "dmesg | grep 'livepatch:'"
check "log: symbol 'th_scale' not found in symbol table" \
	sh -c "dmesg | grep -qF \"livepatch: symbol 'th_scale' not found in symbol table\""
check_not "no $p in sysfs" test -e "$p"
check_not "module hazard_inlined is not loaded" \
	grep -q '^hazard_inlined ' /proc/modules
show "grep scaled /proc/target_hazard"
check "the target is unchanged: scaled: 42" \
	grep -qx 'scaled: 42' /proc/target_hazard
check "rmmod target_hazard" show rmmod target_hazard
log_clean
dmesg -c >/dev/null

# Patch first: it waits for the target, then refuses the target's load.
check "insmod hazard-inlined.ko without the target loads" \
	show insmod "$MODDIR"/hazard-inlined.ko
patch_ready "$p"
check_not "no target_hazard object is patched yet" \
	test "$(cat "$p"/target_hazard/patched 2>/dev/null)" = 1
refused "insmod target-hazard.ko fails with EINVAL" \
	insmod "$MODDIR"/target-hazard.ko
show "dmesg | grep 'livepatch:'"
check "log: patch 'hazard_inlined' failed for module 'target_hazard'" \
	sh -c "dmesg | grep -qF \"livepatch: patch 'hazard_inlined' failed for module 'target_hazard', refusing to load module 'target_hazard'\""
check_not "module target_hazard is not loaded" \
	grep -q '^target_hazard ' /proc/modules
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "rmmod hazard_inlined" show rmmod hazard_inlined
log_clean

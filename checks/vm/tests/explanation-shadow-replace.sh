# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test for explanation/shadow-variables.rst, "Under atomic replace: who
# frees": a cumulative patch replaces livepatch-shadow.ko, whose
# post_unpatch (klp_shadow_free_all) therefore never runs.  The shadow
# variables outlive the replaced patch and its module; the next patch that
# uses the same id finds them and is the one that frees them.  Uses
# target-demo.ko, livepatch-shadow.ko and livepatch-replace-v2.ko.
s=$KLP/livepatch_shadow
r=$KLP/livepatch_replace_v2
f=/proc/target_demo
n=/sys/module/livepatch_shadow/parameters/shadows

check "insmod target-demo.ko" show insmod "$MODDIR"/target-demo.ko
show "echo 'add one' > $f; echo 'add two' > $f"
check "insmod livepatch-shadow.ko" show insmod "$MODDIR"/livepatch-shadow.ko
patch_ready "$s"
show cat $f
show cat $n
check "two shadow variables, one per item" wait_for 1 $n 2

check "insmod livepatch-replace-v2.ko (replace = true)" \
	show insmod "$MODDIR"/livepatch-replace-v2.ko
patch_ready "$r"
check "the replaced patch leaves sysfs within 30 s" wait_gone 30 "$s"
show "ls $KLP"
show cat $n
check "its post_unpatch never ran: both shadow variables still exist" \
	test "$(cat $n)" = 2
check "rmmod livepatch_shadow: the module goes, its shadow data stays" \
	show rmmod livepatch_shadow
check "disable livepatch-replace-v2" show "echo 0 > $r/enabled"
check "livepatch-replace-v2 leaves sysfs" wait_gone 30 "$r"
check "rmmod livepatch_replace_v2" rmmod livepatch_replace_v2

# A new instance of livepatch-shadow.ko uses the same id: it finds the
# counters the first instance left, and its post_unpatch frees them.
check "insmod livepatch-shadow.ko again" show insmod "$MODDIR"/livepatch-shadow.ko
patch_ready "$s"
show cat $f
check "the new instance finds the old counters (item one shown twice)" \
	sh -c "echo '$out' | grep -qx 'item 1: one (shown 2 times, adopted)'"
check "disable: post_unpatch frees every SHADOW_READS variable" \
	show "echo 0 > $s/enabled"
check "livepatch-shadow leaves sysfs" wait_gone 30 "$s"
check "rmmod livepatch_shadow" rmmod livepatch_shadow
check "rmmod target_demo" rmmod target_demo
log_clean

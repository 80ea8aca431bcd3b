# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-state-v2.c: a klp_state carried from v1 to
# v2.  v2's pre_patch finds v1's read counter with klp_get_prev_state()
# and keeps counting in it; loaded alone, v2 starts a new counter.
p1=$KLP/livepatch_state_v1
p2=$KLP/livepatch_state_v2
orig=$(cat /proc/execdomains)
cbs="dmesg | grep -E 'livepatch_state_v[0-9]: (pre|post)_'"

check "insmod livepatch-state-v1.ko" show insmod "$MODDIR"/livepatch-state-v1.ko
check "v1 transition finishes within 30 s" wait_for 30 "$p1"/transition 0
show cat /proc/execdomains
show cat /proc/execdomains
check "v1 counted 3 reads" grep -qF '[state-v1: read 3]' /proc/execdomains
check "insmod livepatch-state-v2.ko (replaces v1)" \
	show insmod "$MODDIR"/livepatch-state-v2.ko
check "v2 transition finishes within 30 s" wait_for 30 "$p2"/transition 0
check "v1 leaves sysfs within 30 s" wait_gone 30 "$p1"
show ls "$KLP"
show "$cbs"
check "v2's pre_patch found v1's counter with klp_get_prev_state (3 reads)" \
	sh -c "dmesg | grep -qF 'livepatch_state_v2: pre_patch: taking over the read counter of an earlier patch (3 reads)'"
show cat /proc/execdomains
check "v2 keeps counting in v1's counter: the fifth read is 5" \
	grep -qF '[state-v2: read 5]' /proc/execdomains
check_not "v1's post_unpatch did not run: v1 was replaced, not disabled" \
	sh -c "dmesg | grep -qF 'livepatch_state_v1: post_unpatch'"
check "rmmod livepatch_state_v1" show rmmod livepatch_state_v1
check "disable v2" show "echo 0 > $p2/enabled"
check "v2 leaves sysfs within 30 s" wait_gone 30 "$p2"
check "/proc/execdomains is the original again" \
	test "$(cat /proc/execdomains)" = "$orig"
check "rmmod livepatch_state_v2" show rmmod livepatch_state_v2
show "$cbs"
check "v2's post_unpatch freed the counter after 5 reads" \
	sh -c "dmesg | grep -qF 'livepatch_state_v2: post_unpatch: freeing the read counter (5 reads)'"

# Reload v2 on its own: no earlier state, so a new counter.
dmesg -c >/dev/null
check "reload: insmod livepatch-state-v2.ko alone" \
	show insmod "$MODDIR"/livepatch-state-v2.ko
check "reload: transition finishes within 30 s" wait_for 30 "$p2"/transition 0
check "reload: pre_patch found no earlier state" \
	sh -c "dmesg | grep -qF 'livepatch_state_v2: pre_patch: no earlier read counter, new one'"
check "reload: the first read counts 1" \
	grep -qF '[state-v2: read 1]' /proc/execdomains
check "reload: disable" sh -c "echo 0 > $p2/enabled"
check "reload: v2 leaves sysfs within 30 s" wait_gone 30 "$p2"
check "reload: rmmod livepatch_state_v2" rmmod livepatch_state_v2
log_clean

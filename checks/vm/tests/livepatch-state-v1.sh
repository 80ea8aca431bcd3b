# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-state-v1.c on its own: the state (a read
# counter) is set up by pre_patch, used by the new function and freed by
# post_unpatch; the module loads, unloads and reloads cleanly.
p=$KLP/livepatch_state_v1
orig=$(cat /proc/execdomains)
cb() { dmesg | grep -E 'livepatch_state_v[0-9]: (pre|post)_'; }

for round in 1 2; do
	check "load $round: insmod livepatch-state-v1.ko" \
		show insmod "$MODDIR"/livepatch-state-v1.ko
	check "load $round: transition finishes within 30 s" \
		wait_for 30 "$p"/transition 0
	check "load $round: enabled is 1" wait_for 1 "$p"/enabled 1
	[ $round = 1 ] && show cat /proc/execdomains
	[ $round = 1 ] && show cat /proc/execdomains
	[ $round = 2 ] && cat /proc/execdomains >/dev/null &&
		cat /proc/execdomains >/dev/null
	check "load $round: third read counts 3" \
		grep -qF '[state-v1: read 3]' /proc/execdomains
	check "load $round: disable" show "echo 0 > $p/enabled"
	check "load $round: patch leaves sysfs within 30 s" wait_gone 30 "$p"
	check "load $round: /proc/execdomains is the original again" \
		test "$(cat /proc/execdomains)" = "$orig"
	check "load $round: rmmod livepatch_state_v1" \
		show rmmod livepatch_state_v1
	[ $round = 1 ] && show "dmesg | grep -E 'livepatch_state_v[0-9]: (pre|post)_'"
	check "load $round: pre_patch made a new counter" \
		sh -c "dmesg | grep -qF 'livepatch_state_v1: pre_patch: new read counter'"
	check "load $round: post_unpatch freed it after 3 reads" \
		sh -c "dmesg | grep -qF 'livepatch_state_v1: post_unpatch: freeing the read counter (3 reads)'"
	dmesg -c >/dev/null
done
log_clean

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/livepatch-state-v3.c: a cumulative patch with state
# version 1 is refused while v2 (state version 2) is installed, and loads
# when it is alone.
p2=$KLP/livepatch_state_v2
p3=$KLP/livepatch_state_v3

mkdir -p /tmp
check "insmod livepatch-state-v2.ko" show insmod "$MODDIR"/livepatch-state-v2.ko
check "v2 transition finishes within 30 s" wait_for 30 "$p2"/transition 0
dmesg -c >/dev/null
# show leaves the command's output in $out; check overwrites it.
show insmod "$MODDIR"/livepatch-state-v3.ko
rc=$?
v3_err=$out
check "insmod livepatch-state-v3.ko is refused" test $rc -ne 0
# shellcheck disable=SC2016 # expanded by the shell that runs it
check "insmod reports EINVAL (Invalid argument)" \
	sh -c 'echo "$1" | grep -q "Invalid argument"' - "$v3_err"
show "dmesg | grep -F 'not compatible'"
check "the kernel says why" sh -c "dmesg | grep -qF \
'livepatch: Livepatch patch (livepatch_state_v3) is not compatible with the already installed livepatches.'"
check_not "v3 is not loaded" grep -q "^livepatch_state_v3 " /proc/modules
check_not "v3 has no sysfs directory" test -e "$p3"
check "v2 is still enabled" wait_for 1 "$p2"/enabled 1
check "v2 still counts reads" grep -qF '[state-v2: read' /proc/execdomains
check "disable v2" show "echo 0 > $p2/enabled"
check "v2 leaves sysfs within 30 s" wait_gone 30 "$p2"
check "rmmod livepatch_state_v2" show rmmod livepatch_state_v2

for round in 1 2; do
	check "alone, load $round: insmod livepatch-state-v3.ko" \
		show insmod "$MODDIR"/livepatch-state-v3.ko
	check "alone, load $round: transition finishes within 30 s" \
		wait_for 30 "$p3"/transition 0
	[ $round = 1 ] && show cat /proc/execdomains
	check "alone, load $round: v3 counts reads" \
		grep -qF '[state-v3: read' /proc/execdomains
	check "alone, load $round: disable" sh -c "echo 0 > $p3/enabled"
	check "alone, load $round: leaves sysfs within 30 s" wait_gone 30 "$p3"
	check "alone, load $round: rmmod livepatch_state_v3" \
		rmmod livepatch_state_v3
done
log_clean

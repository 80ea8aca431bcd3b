# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/livepatch-busy.c: while livepatch-consistency is in
# transition (a task sleeps in target_sleeper_wait), loading another live
# patch fails with EBUSY; once the transition is over it loads.
pc=$KLP/livepatch_consistency
pb=$KLP/livepatch_busy
ctl=/proc/target_sleeper
orig=$(cat /proc/execdomains)

mkdir -p /tmp
check "insmod target-sleeper.ko" show insmod "$MODDIR"/target-sleeper.ko
# A reader in the background, as a reader of the page would start it.
echo "# cat $ctl >/tmp/busy-sleeper.out &  SLEEPER=\$!" >"$TRANSCRIPT"
cat $ctl >/tmp/busy-sleeper.out 2>&1 &
SLEEPER=$!
export SLEEPER
check "a reader sleeps in target_sleeper_wait" \
	wait_for 10 /proc/$SLEEPER/wchan target_sleeper_wait
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$SLEEPER/wchan'
check "insmod livepatch-consistency.ko" \
	show insmod "$MODDIR"/livepatch-consistency.ko
check "its transition stays open (transition 1)" \
	sh -c "sleep 2; [ \$(cat $pc/transition) = 1 ]"
show cat "$pc"/transition
# show leaves the command's output in $out; check overwrites it.
show insmod "$MODDIR"/livepatch-busy.ko
rc=$?
busy_err=$out
check "insmod livepatch-busy.ko is refused" test $rc -ne 0
# shellcheck disable=SC2016 # expanded by the shell that runs it
check "...with EBUSY (Device or resource busy)" \
	sh -c 'echo "$1" | grep -q "Device or resource busy"' - "$busy_err"
check_not "livepatch_busy is not loaded" grep -q "^livepatch_busy " /proc/modules
check_not "livepatch_busy has no sysfs directory" test -e "$pb"
check "/proc/execdomains is unchanged" \
	test "$(cat /proc/execdomains)" = "$orig"
check "release the sleeper" show "echo > $ctl"
wait $SLEEPER
check "the first transition finishes within 30 s" \
	wait_for 30 "$pc"/transition 0
show cat "$pc"/transition
check "insmod livepatch-busy.ko now succeeds" \
	show insmod "$MODDIR"/livepatch-busy.ko
check "its transition finishes within 30 s" wait_for 30 "$pb"/transition 0
show cat /proc/execdomains
check "/proc/execdomains shows the marker" \
	grep -qF '[live patched: busy]' /proc/execdomains
check "disable livepatch_busy" show "echo 0 > $pb/enabled"
check "livepatch_busy leaves sysfs within 30 s" wait_gone 30 "$pb"
check "rmmod livepatch_busy" show rmmod livepatch_busy
check "disable livepatch_consistency" show "echo 0 > $pc/enabled"
check "livepatch_consistency leaves sysfs within 30 s" wait_gone 30 "$pc"
check "rmmod livepatch_consistency" show rmmod livepatch_consistency
check "rmmod target_sleeper" show rmmod target_sleeper
check "/proc/execdomains is the original again" \
	test "$(cat /proc/execdomains)" = "$orig"
log_clean

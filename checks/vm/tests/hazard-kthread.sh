# SPDX-License-Identifier: GPL-2.0
# VM test of examples/hazard-kthread.c: a kthread that never leaves the
# patched function keeps the transition from finishing; reversing it
# finishes.
p=$KLP/hazard_kthread
proc=/proc/target_hazard_kthread

check "insmod target-hazard-kthread.ko" \
	show insmod "$MODDIR"/target-hazard-kthread.ko
pid=$(awk '$1 == "pid:" { print $2 }' $proc)
check "pidof finds th_kthread" test "$(pidof th_kthread)" = "$pid"
check "the kthread runs the original step" wait_for 5 $proc "pid: $pid
step: 1"
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$(pidof th_kthread)/patch_state'
check "no transition yet: patch_state is -1" \
	test "$(cat /proc/"$pid"/patch_state)" = -1

check "insmod hazard-kthread.ko succeeds" \
	show insmod "$MODDIR"/hazard-kthread.ko
check "$p/enabled is 1" wait_for 5 "$p"/enabled 1
show "ls $p"
check_not "there is no $p/signal file to write" test -e "$p"/signal
check "log: starting patching transition" \
	sh -c "dmesg | grep -qF \"livepatch: 'hazard_kthread': starting patching transition\""
# The core wakes kthreads that block a transition after 15 tries, one a
# second; then it prints "signaling remaining tasks".
i=0
while ! dmesg | grep -qF 'livepatch: signaling remaining tasks'; do
	i=$((i + 1))
	[ $i -gt 60 ] && break
	sleep 1
done
check "log: signaling remaining tasks (within 60 s)" \
	sh -c "dmesg | grep -qF 'livepatch: signaling remaining tasks'"
sleep 3
show "cat $p/transition"
check "after the wake-up, transition is still 1" test "$(cat "$p"/transition)" = 1
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$(pidof th_kthread)/patch_state'
check "the kthread is still unpatched: patch_state 0" \
	test "$(cat /proc/"$pid"/patch_state)" = 0
show 'cat /proc/self/patch_state'
check "a new task starts patched: patch_state 1" \
	test "$(cat /proc/self/patch_state)" = 1
check "the kthread still runs the original step" \
	grep -qx 'step: 1' $proc

check "reverse: echo 0 > enabled" show "echo 0 > $p/enabled"
check "the reversed transition finishes; patch leaves sysfs within 30 s" \
	wait_gone 30 "$p"
show "dmesg | grep 'livepatch:'"
check "log: unpatching complete" \
	sh -c "dmesg | grep -qF \"livepatch: 'hazard_kthread': unpatching complete\""
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$(pidof th_kthread)/patch_state'
check "no transition: patch_state is -1 again" \
	test "$(cat /proc/"$pid"/patch_state)" = -1
check "rmmod hazard_kthread" show rmmod hazard_kthread
check "rmmod target_hazard_kthread (stops the kthread)" \
	show rmmod target_hazard_kthread
check_not "th_kthread is gone" pidof th_kthread
log_clean

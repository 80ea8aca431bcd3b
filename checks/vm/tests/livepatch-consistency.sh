# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-consistency.c (with target-sleeper.ko): a
# task sleeping in the patched function holds the transition open; the
# kernel's fake signal, reversing, releasing the task, or force end it.
# Force is last: a patch whose removal was forced stays loaded for good.
# vm-leaves: livepatch_consistency (the VM is booted again after this test)
p=$KLP/livepatch_consistency
ctl=/proc/target_sleeper
param=/sys/module/target_sleeper/parameters/interruptible
export p

mkdir -p /tmp
# start_sleeper: start a reader of $ctl in the background, its output in
# /tmp/sleeper.out, its PID in $SLEEPER; the transcript gets the command
# line.  Not from inside check: check would wait for the reader's output.
start_sleeper() {
	echo "# cat $ctl >/tmp/sleeper.out &  SLEEPER=\$!" >"$TRANSCRIPT"
	cat $ctl >/tmp/sleeper.out 2>&1 &
	SLEEPER=$!
	export SLEEPER
}

# stuck_in STATE: the sleeper's patch_state is STATE, every other
# process's is the target state (its opposite).
stuck_in() {
	[ "$(cat /proc/$SLEEPER/patch_state)" = "$1" ] || return 1
	# Read by the shell: a cat per process costs a fork and an exec each
	# under TCG.
	others=$(for f in /proc/[0-9]*/patch_state; do
		[ "$f" = /proc/$SLEEPER/patch_state ] && continue
		{ read -r st_ <"$f" && echo "$st_"; } 2>/dev/null
	done | sort -u)
	[ "$others" = "$((1 - $1))" ]
}

# wait_log SECONDS TEXT: wait until the kernel log has TEXT.
wait_log() {
	i=0
	until dmesg | grep -qF "$2"; do
		i=$((i + 1))
		[ "$i" -gt "$1" ] && return 1
		sleep 1
	done
}

# release: wake the sleeper and wait for its output.
release() {
	show "echo > $ctl"
	wait $SLEEPER
}

check "insmod target-sleeper.ko" show insmod "$MODDIR"/target-sleeper.ko
# (A module's functions come last in ftrace's list: -F, a fixed string,
# is many times faster to search for there than a regular expression.)
check "target_sleeper_wait is traceable" \
	grep -qxF 'target_sleeper_wait [target_sleeper]' \
	/sys/kernel/tracing/available_filter_functions

# 1. A killable sleep in the old function; reversing the transition.
start_sleeper
check "1: reader sleeps in target_sleeper_wait (killable)" \
	wait_for 10 /proc/$SLEEPER/wchan target_sleeper_wait
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$SLEEPER/wchan'
check "1: insmod livepatch-consistency.ko" \
	show insmod "$MODDIR"/livepatch-consistency.ko
check "1: enabled is 1" wait_for 1 "$p"/enabled 1
check "1: the sleeper has patch_state 0" \
	wait_for 30 /proc/$SLEEPER/patch_state 0
sleep 2
check "1: every other process has patch_state 1" stuck_in 0
show ls "$p"
check_not "1: there is no 'signal' attribute to write to" test -e "$p"/signal
show cat "$p"/transition
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$SLEEPER/patch_state /proc/self/patch_state'
check "1: transition is 1" wait_for 1 "$p"/transition 1
# The kernel sends fake signals after 15 retries, about one a second.
check "1: within 60 s the kernel sends fake signals by itself" \
	wait_log 60 'livepatch: signaling remaining tasks'
sleep 2
check "1: ...which does not wake a killable sleep: transition still 1" \
	wait_for 1 "$p"/transition 1
check "1: the sleeper still has patch_state 0" \
	wait_for 1 /proc/$SLEEPER/patch_state 0
check "1: reverse: echo 0 > enabled during the transition" \
	show "echo 0 > $p/enabled"
check "1: reversed transition finishes, patch leaves sysfs within 30 s" \
	wait_gone 30 "$p"
check "1: rmmod livepatch_consistency" show rmmod livepatch_consistency
release
show cat /tmp/sleeper.out
check "1: the sleeper ran the original code to the end" \
	grep -qx 'released: original code' /tmp/sleeper.out
log_clean
dmesg -c >/dev/null

# 2. An interruptible sleep: the kernel's fake signal restarts the read.
check "2: echo 1 > interruptible" show "echo 1 > $param"
start_sleeper
check "2: reader sleeps in target_sleeper_wait (interruptible)" \
	wait_for 10 /proc/$SLEEPER/wchan target_sleeper_wait
check "2: reload: insmod livepatch-consistency.ko" \
	show insmod "$MODDIR"/livepatch-consistency.ko
check "2: transition is 1, the sleeper's patch_state 0" sh -c "sleep 2;
	[ \$(cat $p/transition) = 1 ] &&
	[ \$(cat /proc/$SLEEPER/patch_state) = 0 ]"
check "2: the fake signal ends the transition within 60 s" \
	wait_for 60 "$p"/transition 0
show cat "$p"/transition
show "dmesg | grep -o 'livepatch: signaling remaining tasks'"
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$SLEEPER/wchan'
check "2: the restarted read sleeps in the new function" \
	wait_for 1 /proc/$SLEEPER/wchan livepatch_consistency_wait
release
show cat /tmp/sleeper.out
check "2: the read returns from the new code" \
	grep -qx 'released: live patched code' /tmp/sleeper.out
check "2: echo 0 > interruptible" sh -c "echo 0 > $param"

# 3. Disabling while a task sleeps in the new function; releasing it.
start_sleeper
check "3: reader sleeps in livepatch_consistency_wait" \
	wait_for 10 /proc/$SLEEPER/wchan livepatch_consistency_wait
check "3: disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "3: transition is 1 and enabled 0" sh -c "sleep 2;
	[ \$(cat $p/transition) = 1 ] && [ \$(cat $p/enabled) = 0 ]"
check "3: unpatching: the sleeper stays at patch_state 1" \
	wait_for 1 /proc/$SLEEPER/patch_state 1
show cat "$p"/enabled "$p"/transition
# shellcheck disable=SC2016 # expanded by the shell that runs it
show 'cat /proc/$SLEEPER/patch_state'
release
show cat /tmp/sleeper.out
check "3: the released read returns from the new code" \
	grep -qx 'released: live patched code' /tmp/sleeper.out
check "3: releasing the sleeper ends the transition, patch leaves sysfs" \
	wait_gone 30 "$p"
check "3: rmmod livepatch_consistency" show rmmod livepatch_consistency
check "3: module is gone" \
	sh -c '! grep -q "^livepatch_consistency " /proc/modules'
log_clean

# 4. Force, last.  Forcing the patching transition: the patch can
# still be removed later.  Forcing the unpatching one: it cannot.
dmesg -c >/dev/null
start_sleeper
check "4: reader sleeps in target_sleeper_wait" \
	wait_for 10 /proc/$SLEEPER/wchan target_sleeper_wait
check "4: insmod livepatch-consistency.ko" \
	show insmod "$MODDIR"/livepatch-consistency.ko
check "4: transition is 1" sh -c "sleep 2; [ \$(cat $p/transition) = 1 ]"
check "4: force the patching transition: echo 1 > force" \
	show "echo 1 > $p/force"
if wait_for 30 "$p"/transition 0; then
	ok "4: transition is 0 within 30 s"
else
	fail "4: transition is 0 within 30 s" "tasks not at patch_state 1:" \
		"$(grep -v '^1$' /proc/[0-9]*/patch_state /proc/[0-9]*/task/*/patch_state)"
fi
show cat "$p"/transition
release
check "4: the forced sleeper still ran the old code to the end" \
	grep -qx 'released: original code' /tmp/sleeper.out
check "4: disable" show "echo 0 > $p/enabled"
check "4: patch leaves sysfs within 30 s" wait_gone 30 "$p"
check "4: a forced patching transition does not pin the module: rmmod" \
	show rmmod livepatch_consistency
check "4: insmod livepatch-consistency.ko again" \
	show insmod "$MODDIR"/livepatch-consistency.ko
check "4: transition finishes within 30 s" wait_for 30 "$p"/transition 0
start_sleeper
check "4: reader sleeps in livepatch_consistency_wait" \
	wait_for 10 /proc/$SLEEPER/wchan livepatch_consistency_wait
check "4: disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "4: transition is 1" sh -c "sleep 2; [ \$(cat $p/transition) = 1 ]"
check "4: force the unpatching transition: echo 1 > force" \
	show "echo 1 > $p/force"
check "4: the patch leaves sysfs" wait_gone 30 "$p"
show "dmesg | grep -o 'livepatch: forcing remaining tasks.*'"
check_not "4: rmmod livepatch_consistency is refused" \
	show rmmod livepatch_consistency
show "grep '^livepatch_consistency ' /proc/modules | cut -d' ' -f1,3"
check "4: the module stays loaded with a reference count of 1" \
	sh -c "grep -q '^livepatch_consistency [0-9]* 1 ' /proc/modules"
release
show cat /tmp/sleeper.out
check "4: rmmod target_sleeper" show rmmod target_sleeper
check "4: no live patch is enabled" \
	sh -c "! ls $KLP | grep -q ."
log_clean

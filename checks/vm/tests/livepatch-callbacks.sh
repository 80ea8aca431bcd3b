# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-callbacks.c: the order of the callbacks in
# the kernel log, and a failing pre_patch refusing the patch and a module.
p=$KLP/livepatch_callbacks
o=$p/target_demo
f=/proc/target_demo
fail_param=/sys/module/livepatch_callbacks/parameters/fail_pre_patch
cb="dmesg | grep -o 'livepatch_callbacks: [a-z_]*patch.*'"
new='target-demo: greeting from livepatch-callbacks'
old='target-demo: original greeting'

# next_step: start a step with an empty kernel log, after checking that
# the part about to be cleared has no oops or warning (log_clean at the
# end of the test covers only the last step).
next_step() {
	bad=$(dmesg | grep -E 'Oops|BUG|WARNING|Call Trace|general protection')
	[ -z "$bad" ] || fail "kernel log has no Oops, BUG, WARNING or call trace" "$bad"
	dmesg -c >/dev/null
}

# callbacks_are DESCRIPTION LINE...: the callback lines logged since
# next_step are exactly LINE..., in this order.
callbacks_are() {
	desc=$1
	shift
	want=$(printf 'livepatch_callbacks: %s\n' "$@")
	got=$(sh -c "$cb")
	if [ "$got" = "$want" ]; then
		ok "$desc"
	else
		fail "$desc" "expected:" "$want" "got:" "$got"
	fi
}

# callbacks_uniq_are DESCRIPTION LINE...: the same, once runs of
# identical lines are merged.  BusyBox's insmod, which the VM uses, asks
# the kernel a second time (init_module() after finit_module()) when a
# load fails, so a refused load runs the callbacks twice.
callbacks_uniq_are() {
	desc=$1
	shift
	want=$(printf 'livepatch_callbacks: %s\n' "$@")
	got=$(sh -c "$cb" | uniq)
	if [ "$got" = "$want" ]; then
		ok "$desc"
	else
		fail "$desc" "expected (runs merged):" "$want" "got:" "$got"
	fi
}

greeting_is() {
	[ "$(head -n 1 $f)" = "$1" ]
}

# 1. Enable with the target loaded: pre_patch for each object before the
# transition, post_patch for each once it is complete.
check "insmod target-demo.ko" insmod "$MODDIR"/target-demo.ko
next_step
check "insmod livepatch-callbacks.ko" \
	show insmod "$MODDIR"/livepatch-callbacks.ko
patch_ready "$p"
check "$o/patched is 1" wait_for 1 "$o"/patched 1
check "/proc/target_demo shows the new greeting" greeting_is "$new"
show "$cb"
callbacks_are "enable: pre_patch of each object, then post_patch of each" \
	"pre_patch vmlinux" "pre_patch target_demo" \
	"post_patch vmlinux" "post_patch target_demo"

# 2. The target removed and loaded again while patched: the callbacks of
# its object only, with no transition in between.
next_step
check "rmmod target_demo while patched" show rmmod target_demo
check "$o/patched is 0" wait_for 1 "$o"/patched 0
check "insmod target-demo.ko while patched" show insmod "$MODDIR"/target-demo.ko
check "$o/patched is 1" wait_for 1 "$o"/patched 1
check "$p/transition is 0: no transition for a module" \
	wait_for 1 "$p"/transition 0
show "$cb"
callbacks_are "module going then coming: its unpatch pair, then its patch pair" \
	"pre_unpatch target_demo" "post_unpatch target_demo" \
	"pre_patch target_demo" "post_patch target_demo"

# 3. A failing pre_patch refuses a module that loads while patched.
check "rmmod target_demo" rmmod target_demo
next_step
check "fail_pre_patch=1 at run time" show "echo 1 > $fail_param"
check_not "insmod target-demo.ko is refused" \
	show insmod "$MODDIR"/target-demo.ko
check_not "target_demo is not loaded" grep -q '^target_demo ' /proc/modules
check "$o/patched stays 0" wait_for 1 "$o"/patched 0
check "$p/enabled stays 1" wait_for 1 "$p"/enabled 1
show "dmesg | grep -o 'livepatch: .*'"
check "livepatch logs that it refused the module" sh -c \
	"dmesg | grep -q \"refusing to load module 'target_demo'\""
check "the load attempt reached the kernel twice (BusyBox insmod retries)" \
	sh -c "[ \$(dmesg | grep -c 'pre_patch target_demo: refusing') = 2 ]"
check "insmod fails with EBUSY, the callback's error" \
	sh -c "insmod $MODDIR/target-demo.ko 2>&1 | grep -q 'resource busy'"
callbacks_uniq_are "refused module: only the failing pre_patch, no post_unpatch" \
	"pre_patch target_demo: refusing"
check "fail_pre_patch=0" sh -c "echo 0 > $fail_param"
check "insmod target-demo.ko now loads" insmod "$MODDIR"/target-demo.ko
check "$o/patched is 1" wait_for 1 "$o"/patched 1

# 4. Disable: pre_unpatch of each object before the transition,
# post_unpatch of each once it is complete.
next_step
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "/proc/target_demo shows the original greeting" greeting_is "$old"
show "$cb"
callbacks_are "disable: pre_unpatch of each object, then post_unpatch of each" \
	"pre_unpatch vmlinux" "pre_unpatch target_demo" \
	"post_unpatch vmlinux" "post_unpatch target_demo"
check "rmmod livepatch_callbacks" show rmmod livepatch_callbacks

# 5. A failing pre_patch refuses the patch itself.
next_step
check_not "insmod livepatch-callbacks.ko fail_pre_patch=1 is refused" \
	show insmod "$MODDIR"/livepatch-callbacks.ko fail_pre_patch=1
check_not "the patch is not in sysfs" test -e "$p"
check_not "livepatch_callbacks is not loaded" \
	grep -q '^livepatch_callbacks ' /proc/modules
check "/proc/target_demo shows the original greeting" greeting_is "$old"
show "dmesg | grep -o 'livepatch: .*'"
callbacks_uniq_are "refused patch: the first pre_patch fails, nothing runs after it" \
	"pre_patch vmlinux: refusing"

# 6. fail_pre_patch=2: vmlinux's pre_patch succeeds, target_demo's fails.
# The kernel cancels the patch and gives vmlinux its post_unpatch.
next_step
check_not "insmod livepatch-callbacks.ko fail_pre_patch=2 is refused" \
	show insmod "$MODDIR"/livepatch-callbacks.ko fail_pre_patch=2
check_not "the patch is not in sysfs" test -e "$p"
check_not "livepatch_callbacks is not loaded" \
	grep -q '^livepatch_callbacks ' /proc/modules
check "/proc/target_demo shows the original greeting" greeting_is "$old"
show "$cb"
callbacks_uniq_are "second object refused: the first one gets post_unpatch" \
	"pre_patch vmlinux" "pre_patch target_demo: refusing" \
	"post_unpatch vmlinux" "pre_patch vmlinux" \
	"pre_patch target_demo: refusing" "post_unpatch vmlinux"

# 7. Without the target: only vmlinux's callbacks run.
check "rmmod target_demo" rmmod target_demo
next_step
check "insmod livepatch-callbacks.ko without the target" \
	insmod "$MODDIR"/livepatch-callbacks.ko
check "transition finishes within 30 s" wait_for 30 "$p"/transition 0
check "$o/patched is 0" wait_for 1 "$o"/patched 0
check "disable: echo 0 > enabled" sh -c "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
callbacks_are "without the target: vmlinux's four callbacks only" \
	"pre_patch vmlinux" "post_patch vmlinux" \
	"pre_unpatch vmlinux" "post_unpatch vmlinux"
check "rmmod livepatch_callbacks" rmmod livepatch_callbacks
check "no module of the test is left" \
	sh -c "! grep -qE '^(target_demo|livepatch_callbacks) ' /proc/modules"
log_clean

# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-module-func.c (patches target-demo.ko)
p=$KLP/livepatch_module_func
o=$p/target_demo
f=/proc/target_demo
new='target-demo: greeting from livepatch-module-func'
old='target-demo: original greeting'

# greeting_is TEXT: the first line of /proc/target_demo is TEXT.
greeting_is() {
	[ "$(head -n 1 $f)" = "$1" ]
}

# 1. The patch first, the module after it: the object waits.
check_not "target_demo is not loaded yet" grep -q '^target_demo ' /proc/modules
check "insmod livepatch-module-func.ko before the target" \
	show insmod "$MODDIR"/livepatch-module-func.ko
patch_ready "$p"
show ls "$p"
case $(uname -r) in
6.1.*)	check_not "6.1: the patch directory has no replace file" test -e "$p"/replace ;;
*)	check "6.12, 7.x: the patch directory has a read-only replace file" \
		sh -c "[ \"\$(cat $p/replace)\" = 0 ] && ! echo 1 > $p/replace" ;;
esac
show cat "$o"/patched
check "$o/patched is 0 while the module is missing" wait_for 1 "$o"/patched 0
check "insmod target-demo.ko while patched" show insmod "$MODDIR"/target-demo.ko
show cat "$o"/patched
check "$o/patched turns 1 when the module loads" wait_for 5 "$o"/patched 1
check "$p/transition stays 0: no transition for a coming module" \
	wait_for 1 "$p"/transition 0
show cat $f
check "/proc/target_demo shows the new greeting" greeting_is "$new"

# 2. The module removed while patched, then loaded again.
check "rmmod target_demo while patched" show rmmod target_demo
show cat "$o"/patched
check "$o/patched is 0 once the module is gone" wait_for 1 "$o"/patched 0
check "$p/enabled stays 1" wait_for 1 "$p"/enabled 1
check "insmod target-demo.ko again" show insmod "$MODDIR"/target-demo.ko
show cat "$o"/patched
check "$o/patched is 1 again" wait_for 5 "$o"/patched 1
show cat $f
check "the reloaded module is patched too" greeting_is "$new"

# Disable: the greeting goes back to the original.
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
show cat $f
check "/proc/target_demo shows the original greeting" greeting_is "$old"
check "rmmod livepatch_module_func" show rmmod livepatch_module_func

# 3. The module first, the patch after it.
check "insmod livepatch-module-func.ko after the target" \
	insmod "$MODDIR"/livepatch-module-func.ko
patch_ready "$p"
check "$o/patched is 1 at once" wait_for 1 "$o"/patched 1
check "/proc/target_demo shows the new greeting" greeting_is "$new"
check "disable: echo 0 > enabled" sh -c "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "/proc/target_demo shows the original greeting" greeting_is "$old"
check "rmmod livepatch_module_func" rmmod livepatch_module_func
check "rmmod target_demo" rmmod target_demo
check "no module of the test is left" \
	sh -c "! grep -qE '^(target_demo|livepatch_module_func) ' /proc/modules"
log_clean

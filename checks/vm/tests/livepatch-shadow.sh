# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-shadow.c (shadow variables on target-demo)
p=$KLP/livepatch_shadow
o=$p/target_demo
f=/proc/target_demo
n=/sys/module/livepatch_shadow/parameters/shadows

check "insmod target-demo.ko" show insmod "$MODDIR"/target-demo.ko
show "echo 'add old' > $f"
check "an item created before the patch shows no counter" \
	grep -qx 'item 1: old' $f
check "insmod livepatch-shadow.ko" show insmod "$MODDIR"/livepatch-shadow.ko
patch_ready "$p"
check "$o/patched is 1" wait_for 1 "$o"/patched 1
show cat $n
check "no shadow variable exists yet" wait_for 1 $n 0
show "echo 'add new' > $f"
show cat $n
check "creating an item attached a counter (alloc on create)" \
	wait_for 1 $n 1
# Every open of /proc/target_demo shows each item once, so each read
# below adds one to every counter.
show cat $f
show cat $n
check "showing the old item adopted it (get_or_alloc with constructor)" \
	wait_for 1 $n 2
check "second read: the new item's counter is 2" \
	grep -qx 'item 2: new (shown 2 times)' $f
check "third read: the old item's counter is 3, marked adopted" \
	grep -qx 'item 1: old (shown 3 times, adopted)' $f
show "echo 'del new' > $f"
show cat $n
check "destroying an item freed its counter (free on destroy)" \
	wait_for 1 $n 1
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
show cat $n
check "post_unpatch freed the counters left (klp_shadow_free_all)" \
	wait_for 1 $n 0
show cat $f
check "the item is shown without a counter again" grep -qx 'item 1: old' $f
check "rmmod livepatch_shadow" show rmmod livepatch_shadow

# The target removed while patched: its exit frees each item through the
# patched target_demo_item_free(), so no counter is left behind.
check "reload: insmod livepatch-shadow.ko" insmod "$MODDIR"/livepatch-shadow.ko
check "transition finishes within 30 s" wait_for 30 "$p"/transition 0
check "add two items" sh -c "echo 'add a' > $f && echo 'add b' > $f"
check "a counter each, plus the adopted old item after a read" \
	sh -c "cat $f >/dev/null && [ \"\$(cat $n)\" = 3 ]"
check "rmmod target_demo while patched" show rmmod target_demo
show cat $n
check "every counter is freed with the module" wait_for 1 $n 0
check "$o/patched is 0" wait_for 1 "$o"/patched 0
check "disable: echo 0 > enabled" sh -c "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "rmmod livepatch_shadow" rmmod livepatch_shadow
check "no module of the test is left" \
	sh -c "! grep -qE '^(target_demo|livepatch_shadow) ' /proc/modules"
log_clean

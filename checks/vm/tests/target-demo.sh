# SPDX-License-Identifier: GPL-2.0
# VM test of examples/target-demo.c, the module the API examples patch.
f=/proc/target_demo

check "insmod target-demo.ko" show insmod "$MODDIR"/target-demo.ko
check "$f exists" test -e $f
show "echo 'add alpha' > $f"
show "echo 'add beta' > $f"
show cat $f
check "greeting is the original" grep -qx 'target-demo: original greeting' $f
check "add alpha made item 1" grep -qx 'item 1: alpha' $f
check "add beta made item 2" grep -qx 'item 2: beta' $f
check_not "a duplicate name is refused" sh -c "echo 'add alpha' > $f"
check_not "an unknown command is refused" sh -c "echo 'frob x' > $f"
check_not "a name of 16 characters is refused" \
	sh -c "echo 'add abcdefghijklmnop' > $f"
check_not "del of a missing item is refused" sh -c "echo 'del gamma' > $f"
show "echo 'del alpha' > $f"
show cat $f
check_not "del alpha removed item 1" grep -q 'alpha' $f
check "item 2 is still there" grep -qx 'item 2: beta' $f
check "rmmod target_demo with an item left" show rmmod target_demo
check_not "$f is gone" test -e $f
check "reload: insmod target-demo.ko again" insmod "$MODDIR"/target-demo.ko
check "after reload the list is empty" \
	sh -c "[ \"\$(cat $f)\" = 'target-demo: original greeting' ]"
check "rmmod target_demo again" rmmod target_demo
log_clean

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/hazard-static-local.c: the replacement counts in a
# static local of its own, not in the original's.
p=$KLP/hazard_static_local
# calls_are N: read /proc/target_hazard once; it says "calls: N".
calls_are() {
	show "grep calls /proc/target_hazard"
	if [ "$out" = "calls: $1" ]; then
		ok "$2: calls: $1"
	else
		fail "$2: calls: $1" "read: $out"
	fi
}

check "insmod target-hazard.ko" show insmod "$MODDIR"/target-hazard.ko
calls_are 1 "the original counts"
calls_are 2 "the original counts"
calls_are 3 "the original counts"
check "insmod hazard-static-local.ko" \
	show insmod "$MODDIR"/hazard-static-local.ko
patch_ready "$p"
calls_are 1001 "the replacement's own static starts again from 0"
calls_are 1002 "the replacement counts in its own static"
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
calls_are 4 "the original count resumes where it stopped"
check "rmmod hazard_static_local" show rmmod hazard_static_local
check "rmmod target_hazard" show rmmod target_hazard
log_clean

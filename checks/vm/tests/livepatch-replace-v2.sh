# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-replace-v2.c: a cumulative patch (v2)
# replaces v1; v1 is disabled by the kernel, leaves sysfs and can be
# removed; the function v1 patched and v2 does not is the original again.
p1=$KLP/livepatch_replace_v1
p2=$KLP/livepatch_replace_v2
m1='[live patched: replace-v1]'
m2='[live patched: replace-v2]'
orig_exec=$(cat /proc/execdomains)

check "insmod livepatch-replace-v1.ko" \
	show insmod "$MODDIR"/livepatch-replace-v1.ko
check "v1 transition finishes within 30 s" wait_for 30 "$p1"/transition 0
check "/proc/execdomains shows the v1 marker" grep -qF "$m1" /proc/execdomains
check "/proc/version shows the v1 marker" grep -qF "$m1" /proc/version
show ls "$KLP"
show cat /proc/version /proc/execdomains
case $(uname -r) in
6.1.*)
	check_not "6.1: no 'replace' attribute in sysfs (6.12 has one)" \
		test -e "$p1"/replace
	;;
*)
	show cat "$p1"/replace
	check "6.12, 7.x: $p1/replace is 1" wait_for 1 "$p1"/replace 1
	;;
esac

check "insmod livepatch-replace-v2.ko while v1 is enabled" \
	show insmod "$MODDIR"/livepatch-replace-v2.ko
check "v2 transition finishes within 30 s" wait_for 30 "$p2"/transition 0
check "v2 enabled is 1" wait_for 1 "$p2"/enabled 1
check "v1 leaves /sys/kernel/livepatch within 30 s" wait_gone 30 "$p1"
show ls "$KLP"
show cat /proc/version /proc/execdomains
check "/proc/version shows the v2 marker" grep -qF "$m2" /proc/version
check_not "/proc/version no longer shows the v1 marker" \
	grep -qF "$m1" /proc/version
check "/proc/execdomains (dropped by v2) is the original again" \
	test "$(cat /proc/execdomains)" = "$orig_exec"
check "v1 module is still loaded until rmmod" \
	grep -q "^livepatch_replace_v1 " /proc/modules
check "rmmod livepatch_replace_v1 (replaced, so removable)" \
	show rmmod livepatch_replace_v1
check_not "rmmod livepatch_replace_v2 while enabled is refused" \
	rmmod livepatch_replace_v2
check "disable v2: echo 0 > enabled" show "echo 0 > $p2/enabled"
check "v2 leaves sysfs within 30 s" wait_gone 30 "$p2"
show cat /proc/version
check_not "/proc/version has no marker" grep -qF "live patched" /proc/version
check "rmmod livepatch_replace_v2" show rmmod livepatch_replace_v2
check "no replace module left" \
	sh -c '! grep -q "^livepatch_replace_" /proc/modules'
log_clean

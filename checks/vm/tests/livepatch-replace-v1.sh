# SPDX-License-Identifier: GPL-2.0
# VM test of examples/livepatch-replace-v1.c on its own: it patches two
# functions, unloads and reloads cleanly.  livepatch-replace-v2.sh tests
# the replacement of v1 by v2.
p=$KLP/livepatch_replace_v1
m='[live patched: replace-v1]'
tf=/sys/kernel/tracing/available_filter_functions

for f in version_proc_show execdomains_proc_show; do
	check "$f is traceable (ftrace can patch it)" grep -qxF "$f" $tf
done
orig=$(cat /proc/execdomains)
check_not "/proc/execdomains has no marker before the patch" \
	grep -qF "$m" /proc/execdomains

for round in 1 2; do
	check "load $round: insmod livepatch-replace-v1.ko" \
		show insmod "$MODDIR"/livepatch-replace-v1.ko
	check "load $round: transition finishes within 30 s" \
		wait_for 30 "$p"/transition 0
	check "load $round: enabled is 1" wait_for 1 "$p"/enabled 1
	[ $round = 1 ] && show cat /proc/version /proc/execdomains
	check "load $round: /proc/version shows the v1 marker" \
		grep -qF "$m" /proc/version
	check "load $round: /proc/execdomains shows the v1 marker" \
		grep -qF "$m" /proc/execdomains
	check "load $round: disable" show "echo 0 > $p/enabled"
	check "load $round: patch leaves sysfs within 30 s" wait_gone 30 "$p"
	check "load $round: /proc/execdomains is the original again" \
		test "$(cat /proc/execdomains)" = "$orig"
	check "load $round: rmmod livepatch_replace_v1" \
		show rmmod livepatch_replace_v1
done
log_clean

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of the select-timeval live patch (upstream commit 859c199bb3a9):
# select() with a negative timeval part succeeds, or never returns, before
# the patch, and fails with EINVAL once it is loaded; back to the bug when
# it is removed.  /payload/sysprobe makes the system call.
p=$KLP/livepatch_select_timeval
probe=/payload/sysprobe

# buggy WHEN: the two bad timevals get the unpatched kernel's answers.
buggy() {
	show "$probe" select -1 1000000
	check "$1: select {-1, 1000000} succeeds (a zero timeout)" \
		test "$out" = "select(0, NULL, NULL, NULL, {tv_sec=-1, tv_usec=1000000}) = 0"
	# LONG_MIN - 1 wraps to LONG_MAX: the call never returns, and
	# timeout kills it.  Only a kernel without the fix waits at all.
	show "timeout -s KILL 2 $probe select min -1000000; echo exit status \$?"
	check_not "$1: select {LONG_MIN, -1000000} has not returned after 2 s" \
		sh -c "echo '$out' | grep -q ' = '"
}

# fixed WHEN: both bad timevals fail with EINVAL; a good one still works.
fixed() {
	refused "$1: select {-1, 1000000} fails with EINVAL" \
		"$probe" select -1 1000000
	refused "$1: select {LONG_MIN, -1000000} fails with EINVAL" \
		"$probe" select min -1000000
	show "$probe" select 0 1000
	check "$1: select {0, 1000} still times out and returns 0" \
		test "$out" = "select(0, NULL, NULL, NULL, {tv_sec=0, tv_usec=1000}) = 0"
}

check "the probe runs" test -x "$probe"
# 7.x has the fix (check-realfix reads it in the source) and the patch is
# not built for it: the kernel itself refuses both timevals.  Nothing is
# shown, so no transcript is kept for 7.x.
case $(uname -r) in
7.*)
	check_not "7.x: no patch module is built" test -e "$MODDIR"/livepatch-select-timeval.ko
	# Nothing shown, so the probe's answer is matched here.  Without the
	# fix {LONG_MIN, -1000000} would never return: timeout ends it.
	check "7.x: select {-1, 1000000} fails with EINVAL without a patch" \
		sh -c "$probe select -1 1000000 | grep -q ' = -1 EINVAL '"
	check "7.x: select {LONG_MIN, -1000000} fails with EINVAL without a patch" \
		sh -c "timeout -s KILL 10 $probe select min -1000000 | grep -q ' = -1 EINVAL '"
	log_clean
	exit 0
	;;
esac
# The function is static in vmlinux and traceable; those it calls are
# not exported (no __ksymtab_ entry).
show "grep -wE 'kern_select|poll_select_set_timeout|core_sys_select|poll_select_finish' /proc/kallsyms | cut -d' ' -f2-"
# Each big list is searched for fixed strings (grep -F), which busybox
# does many times faster than a regular expression (seconds per read
# under TCG); the anchored expression then runs on the few lines found.
check "vmlinux has one kern_select, a static function" \
	test "$(grep -F ' t kern_select' /proc/kallsyms | grep -c ' t kern_select$')" = 1
check "kern_select can be traced" \
	grep -qxF kern_select /sys/kernel/tracing/available_filter_functions
check_not "none of the three it calls is exported" \
	sh -c "grep -F -e ' __ksymtab_poll_select_set_timeout' \
		-e ' __ksymtab_core_sys_select' -e ' __ksymtab_poll_select_finish' /proc/kallsyms |
		grep -qE ' __ksymtab_(poll_select_set_timeout|core_sys_select|poll_select_finish)\$'"

buggy "before the patch"
check "insmod livepatch-select-timeval.ko" \
	show insmod "$MODDIR"/livepatch-select-timeval.ko
patch_ready "$p"
show ls "$p"/vmlinux
fixed "patched"
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "rmmod livepatch_select_timeval" show rmmod livepatch_select_timeval
buggy "after removal"
log_clean

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of livepatch-select-timeval-v2: the next fix shipped as a
# cumulative patch with .replace = true.  Loaded over version 1 it takes
# its place in one transition: version 1 leaves sysfs, the select() fix
# stays, the generic_fadvise() fix (a negative offset fails with EINVAL)
# comes in; version 1's module can then be removed.
p1=$KLP/livepatch_select_timeval
p2=$KLP/livepatch_select_timeval_v2
probe=/payload/sysprobe
file=/init

# state WHEN SELECT FADVISE: what select {-1, 1000000} and a negative
# fadvise offset return ("bug": succeed; "fixed": EINVAL).
state() {
	show "$probe" select -1 1000000
	case $2 in
	bug) check "$1: select {-1, 1000000} succeeds (bug)" \
		test "$out" = "select(0, NULL, NULL, NULL, {tv_sec=-1, tv_usec=1000000}) = 0" ;;
	fixed) check "$1: select {-1, 1000000} fails with EINVAL" \
		sh -c "echo '$out' | grep -q 'EINVAL'" ;;
	esac
	show "$probe" fadvise "$file" -4096 0
	case $3 in
	bug) check "$1: fadvise offset -4096 succeeds (bug)" \
		test "$out" = "fadvise64(fd, -4096, 0, POSIX_FADV_DONTNEED) = 0" ;;
	fixed) check "$1: fadvise offset -4096 fails with EINVAL" \
		sh -c "echo '$out' | grep -q 'EINVAL'" ;;
	esac
}

# 7.x has both fixes (mm/fadvise.c and fs/select.c of its source) and
# the patches are not built for it; nothing is shown there.
case $(uname -r) in
7.*)
	check_not "7.x: no v2 module is built" test -e "$MODDIR"/livepatch-select-timeval-v2.ko
	check "7.x: fadvise offset -4096 fails with EINVAL without a patch" \
		sh -c "$probe fadvise $file -4096 0 | grep -q ' = -1 EINVAL '"
	check "7.x: fadvise offset 0 succeeds" "$probe" fadvise "$file" 0 0
	log_clean
	exit 0
	;;
esac

state "unpatched" bug bug
check "insmod livepatch-select-timeval.ko (v1)" \
	show insmod "$MODDIR"/livepatch-select-timeval.ko
patch_ready "$p1"
state "v1" fixed bug

check "insmod livepatch-select-timeval-v2.ko over v1" \
	show insmod "$MODDIR"/livepatch-select-timeval-v2.ko
patch_ready "$p2"
check "v1 leaves sysfs once replaced, within 30 s" wait_gone 30 "$p1"
show ls "$KLP"
check "only v2 is listed" test "$out" = livepatch_select_timeval_v2
show ls "$p2"/vmlinux
state "v2" fixed fixed
show "$probe" fadvise "$file" 0 0
check "v2: fadvise offset 0 still succeeds" \
	test "$out" = "fadvise64(fd, 0, 0, POSIX_FADV_DONTNEED) = 0"
check "v1's module, replaced, can be removed" \
	show rmmod livepatch_select_timeval

check "disable v2: echo 0 > enabled" show "echo 0 > $p2/enabled"
check "v2 leaves sysfs within 30 s" wait_gone 30 "$p2"
check "rmmod livepatch_select_timeval_v2" \
	show rmmod livepatch_select_timeval_v2
state "unpatched again" bug bug
log_clean

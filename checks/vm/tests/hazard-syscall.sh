# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/hazard-syscall.c: a system call is patched in its
# __x64_sys_* and __ia32_sys_* wrappers; __do_sys_* does not exist.
p=$KLP/hazard_syscall
aff=/sys/kernel/tracing/available_filter_functions

# The checks read the lines of kallsyms just shown: each read of
# /proc/kallsyms is slow under TCG.  (grep -F: busybox finds a fixed
# string many times faster than a regular expression.)
show "grep -E ' (__do_sys|__se_sys|__x64_sys|__ia32_sys)_umask\$' /proc/kallsyms"
ks=$out
check_not "kallsyms has no __do_sys_umask (the body is inlined)" \
	sh -c "echo \"\$1\" | grep -q ' __do_sys_umask\$'" - "$ks"
for w in __x64_sys_umask __ia32_sys_umask; do
	check "$w is in kallsyms and ftrace can hook it" \
		sh -c "echo \"\$1\" | grep -q ' $w\$' && grep -qxF '$w' $aff" - "$ks"
done

# SYSCALL_DEFINE0 is different: __do_sys_getpid is a real function and
# the wrappers are aliases of it, three names at one address.
show "grep -E ' (__do_sys|__x64_sys|__ia32_sys)_getpid\$' /proc/kallsyms"
check "SYSCALL_DEFINE0: __do_sys_getpid, __x64_sys_getpid, __ia32_sys_getpid are one address" \
	test "$(echo "$out" | wc -l) $(echo "$out" | cut -d' ' -f1 | sort -u | wc -l)" = "3 1"

show "sh -c 'umask 0; umask'"
check "before the patch, umask 0 stores 0000" test "$out" = 0000

refused "insmod hazard-syscall.ko body=1 (__do_sys_umask) fails with EINVAL" \
	insmod "$MODDIR"/hazard-syscall.ko body=1
check "log: symbol '__do_sys_umask' not found" \
	sh -c "dmesg | grep -qF \"livepatch: symbol '__do_sys_umask' not found in symbol table\""
show "dmesg | grep 'livepatch:'"
dmesg -c >/dev/null

check "insmod hazard-syscall.ko" show insmod "$MODDIR"/hazard-syscall.ko
patch_ready "$p"
show "ls $p/vmlinux"
for w in __x64_sys_umask __ia32_sys_umask; do
	check "$w is patched" test -d "$p/vmlinux/$w,1"
done
show "sh -c 'umask 0; umask'"
check "patched: umask 0 stores 0002" test "$out" = 0002
f=/hazard-syscall.new
show "sh -c 'umask 0; rm -f $f; touch $f; stat -c %a $f'"
check "patched: a new file is not world-writable (664)" test "$out" = 664
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
show "sh -c 'umask 0; umask'"
check "reverted: umask 0 stores 0000 again" test "$out" = 0000
rm -f $f
check "rmmod hazard_syscall" show rmmod hazard_syscall
log_clean

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/limit-init.c: an __init function is still listed by
# kallsyms after boot, has no ftrace site, and a patch of it is refused.
f=kernel_init_freeable

show "grep -w $f /proc/kallsyms | cut -d' ' -f2-"
# -F: a fixed string, which busybox grep finds many times faster than
# the same text as a regular expression (seconds per read under TCG).
check "kallsyms still lists the __init function $f" \
	grep -qwF $f /proc/kallsyms
# The count just shown (each read of the list is slow under TCG).
show "grep -cx $f /sys/kernel/tracing/available_filter_functions"
check "ftrace has no site for it" test "$out" = 0
check_not "insmod limit-init.ko is refused" show insmod "$MODDIR"/limit-init.ko
show "dmesg | grep 'livepatch:' | sed 's/^\[ *[0-9.]*\] //'"
check "the kernel reports the missing ftrace location" \
	sh -c "dmesg | grep -qF \"livepatch: failed to find location for function '$f'\""
check_not "no patch directory in sysfs" test -e "$KLP"/limit_init
check_not "module is not loaded" grep -q '^limit_init ' /proc/modules
log_clean

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/hazard-notrace.c: a patch of notrace __schedule()
# is refused.
p=$KLP/hazard_notrace
filters=/sys/kernel/tracing/available_filter_functions

check "tracefs lists traceable functions" grep -q . $filters
# The checks read the counts just shown: each read of kallsyms or of
# ftrace's list is slow under TCG.
show "grep -c ' t __schedule\$' /proc/kallsyms"
check "__schedule is in /proc/kallsyms" test "$out" -ge 1
show "grep -c '^__schedule\$' $filters"
check "__schedule is not in available_filter_functions (notrace)" \
	test "$out" = 0
check "schedule, its traceable caller, is in available_filter_functions" \
	grep -qxF schedule $filters

refused "insmod hazard-notrace.ko fails with EINVAL" \
	insmod "$MODDIR"/hazard-notrace.ko
show "dmesg | grep 'livepatch:'"
check "log: failed to find location for function '__schedule'" \
	sh -c "dmesg | grep -qF \"livepatch: failed to find location for function '__schedule'\""
check "log: failed to patch object 'vmlinux'" \
	sh -c "dmesg | grep -qF \"livepatch: failed to patch object 'vmlinux'\""
check "log: failed to enable patch 'hazard_notrace'" \
	sh -c "dmesg | grep -qF \"livepatch: failed to enable patch 'hazard_notrace'\""
check_not "no $p in sysfs" test -e "$p"
check_not "module hazard_notrace is not loaded" \
	grep -q '^hazard_notrace ' /proc/modules
log_clean

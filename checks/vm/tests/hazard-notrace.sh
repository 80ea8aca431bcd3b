# SPDX-License-Identifier: GPL-2.0
# VM test of examples/hazard-notrace.c: a patch of notrace __schedule()
# is refused.
p=$KLP/hazard_notrace
filters=/sys/kernel/tracing/available_filter_functions

check "tracefs lists traceable functions" grep -q . $filters
show "grep -c ' t __schedule\$' /proc/kallsyms"
check "__schedule is in /proc/kallsyms" \
	grep -q ' t __schedule$' /proc/kallsyms
show "grep -c '^__schedule\$' $filters"
check_not "__schedule is not in available_filter_functions (notrace)" \
	grep -q '^__schedule$' $filters
check "schedule, its traceable caller, is in available_filter_functions" \
	grep -q '^schedule$' $filters

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

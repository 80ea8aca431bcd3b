# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of the modules klp-build made from examples/klp-build/*.patch,
# loaded into the very kernel they were built against, in the order of
# examples/klp-build/series.  Runs in busybox sh with checks/vm/lib.sh.
A=$KLP/livepatch_proc_meminfo_kib
B=$KLP/livepatch_proc_cmdline_bytes
C=$KLP/livepatch_proc_version_reads
D=$KLP/livepatch_proc_version_reads_v2

# 1. proc-meminfo-kib: show_val_kb() is inlined into meminfo_proc_show(),
#    so the module replaces meminfo_proc_show().
show uname -r
show grep MemTotal /proc/meminfo
check "meminfo prints kB before the patch" grep -q '^MemTotal: .* kB$' /proc/meminfo
check "insmod livepatch-proc-meminfo-kib.ko" \
	show insmod "$MODDIR"/livepatch-proc-meminfo-kib.ko
patch_ready "$A"
show ls "$A"/vmlinux
check "the patched function is meminfo_proc_show, show_val_kb's caller" \
	test -d "$A"/vmlinux/meminfo_proc_show,1
show grep MemTotal /proc/meminfo
check "meminfo prints KiB: the inlined function changed through its caller" \
	grep -q '^MemTotal: .* KiB$' /proc/meminfo
check "kernel is tainted with K (TAINT_LIVEPATCH)" tainted_livepatch
check "disable: echo 0 > enabled" show "echo 0 > $A/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$A"
check "meminfo prints kB again" grep -q '^MemTotal: .* kB$' /proc/meminfo
check "rmmod livepatch_proc_meminfo_kib" show rmmod livepatch_proc_meminfo_kib
log_clean

# 2. proc-cmdline-bytes: the patched cmdline_proc_show() reads two
#    non-exported variables through klp relocations.
show cat /proc/cmdline
line=$(cat /proc/cmdline)
check "insmod livepatch-proc-cmdline-bytes.ko" \
	show insmod "$MODDIR"/livepatch-proc-cmdline-bytes.ko
patch_ready "$B"
show cat /proc/cmdline
check "cmdline ends with its true length: saved_command_line_len was resolved" \
	test "$(cat /proc/cmdline)" = "$line (${#line} bytes)"
show cat "$B"/replace
check "built without --no-replace: replace is 1" test "$(cat "$B"/replace)" = 1

# 3. proc-version-reads, built with --no-replace: stacks on top of
#    proc-cmdline-bytes; its new static local starts at zero.
check "insmod livepatch-proc-version-reads.ko" \
	show insmod "$MODDIR"/livepatch-proc-version-reads.ko
patch_ready "$C"
show cat "$C"/replace "$C"/stack_order
check "built with --no-replace: replace is 0" test "$(cat "$C"/replace)" = 0
check "stacked second: stack_order is 2" test "$(cat "$C"/stack_order)" = 2
show tail -n 1 /proc/version
check "first read counts 1" test "$out" = "reads: 1"
show tail -n 1 /proc/version
check "second read counts 2: the static local keeps its value" \
	test "$out" = "reads: 2"
check "proc-cmdline-bytes is still applied" grep -q 'bytes)$' /proc/cmdline

# 4. proc-version-reads-v2 (atomic replace): replaces both patches.
check "insmod livepatch-proc-version-reads-v2.ko" \
	show insmod "$MODDIR"/livepatch-proc-version-reads-v2.ko
patch_ready "$D"
check "proc-cmdline-bytes is replaced: it leaves sysfs" wait_gone 30 "$B"
check "proc-version-reads is replaced: it leaves sysfs" wait_gone 30 "$C"
show ls "$KLP"
show cat /proc/cmdline
check "cmdline is the original again" test "$(cat /proc/cmdline)" = "$line"
show tail -n 1 /proc/version
check "v2 counts from 1: its static local is a new variable" \
	test "$out" = "reads (v2): 1"
check "the replaced modules can be removed" \
	show rmmod livepatch_proc_cmdline_bytes livepatch_proc_version_reads
check "disable v2" show "echo 0 > $D/enabled"
check "v2 leaves sysfs once reverted, within 30 s" wait_gone 30 "$D"
check "rmmod livepatch_proc_version_reads_v2" \
	show rmmod livepatch_proc_version_reads_v2
check "/proc/version has no count any more" \
	sh -c '! grep -q "^reads" /proc/version'
check "no live patch module is left" \
	sh -c '! grep -q "^livepatch_" /proc/modules'
log_clean

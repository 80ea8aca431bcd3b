# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/hazard-sympos.c: a name vmlinux has twice needs
# old_sympos.
p=$KLP/hazard_sympos
sym=reg_vif_get_iflink

# Which of the two is which: the symbol before each one names its file.
# (6.12 puts a __pfx_ symbol, the padding, before each function: skip it.)
show "awk '\$3 == \"$sym\" { n++; print \"sympos \" n \": after \" prev } \$3 !~ /^__pfx_/ { prev = \$3 }' /proc/kallsyms"
# One line per entry of $sym in the kallsyms that awk just read.
check "vmlinux lists $sym exactly twice" \
	test "$(echo "$out" | grep -c '^sympos ')" = 2

refused "insmod hazard-sympos.ko (no old_sympos) fails with EINVAL" \
	insmod "$MODDIR"/hazard-sympos.ko
check "log: unresolvable ambiguity for symbol '$sym'" \
	sh -c "dmesg | grep -qF \"livepatch: unresolvable ambiguity for symbol '$sym'\""
refused "insmod hazard-sympos.ko sympos=3 fails with EINVAL" \
	insmod "$MODDIR"/hazard-sympos.ko sympos=3
check "log: symbol position 3 for symbol '$sym' not found" \
	sh -c "dmesg | grep -qF \"livepatch: symbol position 3 for symbol '$sym' in object 'vmlinux' not found\""
show "dmesg | grep 'livepatch:'"
check_not "module hazard_sympos is not loaded" \
	grep -q '^hazard_sympos ' /proc/modules
dmesg -c >/dev/null

check "insmod hazard-sympos.ko sympos=2" \
	show insmod "$MODDIR"/hazard-sympos.ko sympos=2
patch_ready "$p"
show "ls $p/vmlinux"
check "the function directory is $sym,2" test -d "$p/vmlinux/$sym,2"
check "$p/vmlinux/patched is 1" wait_for 5 "$p"/vmlinux/patched 1
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "rmmod hazard_sympos" show rmmod hazard_sympos
log_clean

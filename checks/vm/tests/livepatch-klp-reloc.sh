# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/livepatch-klp-reloc.c: the new th_show() reaches two
# static functions of target_hazard and saved_command_line of vmlinux
# through klp relocations.
p=$KLP/livepatch_klp_reloc
o=$p/target_hazard
f=/proc/target_hazard

# patched_output: /proc/target_hazard is what the new th_show() prints:
# the static functions' results and the kernel command line.
patched_output() {
	show cat $f
	calls=$(echo "$out" | sed -n 's/^calls: //p')
	expect="scaled: 42
calls: $calls
cmdline: $(cat /proc/cmdline)"
	if [ "$out" = "$expect" ]; then
		ok "$1: $f shows scaled: 42, calls: N and /proc/cmdline"
	else
		fail "$1: $f shows scaled: 42, calls: N and /proc/cmdline" \
			"expected:" "$expect" "read:" "$out"
	fi
}

# The symbols exist, once each, and none is exported.
show "grep -E ' (saved_command_line|th_scaled_value|th_count_calls)( |\$)' /proc/kallsyms | cut -d' ' -f2-"
# Counted in the lines just shown: each read of kallsyms is slow under TCG.
check "vmlinux has one saved_command_line" \
	test "$(echo "$out" | grep -c '^. saved_command_line$')" = 1

# 1. The target first: the patch's relocations for vmlinux are written
# when it loads, those for target_hazard when it is enabled.
check "insmod target-hazard.ko" show insmod "$MODDIR"/target-hazard.ko
show "grep -E ' (th_scaled_value|th_count_calls|th_show)\s' /proc/kallsyms | cut -d' ' -f2-"
check "target_hazard has th_scaled_value, th_count_calls and th_show" \
	test "$(echo "$out" | grep -cE '^. (th_scaled_value|th_count_calls|th_show)\s+\[target_hazard\]$')" = 3
# The exports of vmlinux and of the target in one read of kallsyms, as
# fixed strings: busybox grep finds them many times faster than the same
# alternatives as a regular expression (seconds under TCG).
exports=$(grep -F -e __ksymtab_saved_command_line \
	-e __ksymtab_th_scaled_value -e __ksymtab_th_count_calls /proc/kallsyms)
check_not "saved_command_line is not exported (no __ksymtab_ entry)" \
	sh -c "echo \"\$1\" | grep -q ' __ksymtab_saved_command_line\$'" - "$exports"
check_not "neither is exported" \
	sh -c "echo \"\$1\" | grep -qE '__ksymtab_(th_scaled_value|th_count_calls)'" - "$exports"
show cat $f
check "insmod livepatch-klp-reloc.ko" show insmod "$MODDIR"/livepatch-klp-reloc.ko
patch_ready "$p"
patched_output "target loaded first"
show cat /proc/cmdline
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "rmmod livepatch_klp_reloc" show rmmod livepatch_klp_reloc
check "rmmod target_hazard" show rmmod target_hazard

# 2. The patch first: the target_hazard relocations wait for the module.
check "insmod livepatch-klp-reloc.ko before the target" \
	show insmod "$MODDIR"/livepatch-klp-reloc.ko
check "transition finishes within 30 s" wait_for 30 "$p"/transition 0
check "$o/patched is 0 while the module is missing" wait_for 1 "$o"/patched 0
check "insmod target-hazard.ko while patched" \
	show insmod "$MODDIR"/target-hazard.ko
check "$o/patched turns 1" wait_for 5 "$o"/patched 1
patched_output "target loaded later"

# 3. The target removed and loaded again while patched.  6.1 does not
# clear the relocations when the module goes, so it finds them filled in
# and refuses the module; 6.12 and 7.x clear them and write them again
# (klp_clear_object_relocs(), kernel/livepatch/core.c).
check "rmmod target_hazard while patched" show rmmod target_hazard
log_clean
dmesg -c >/dev/null
case $(uname -r) in
6.1.*)
	check_not "6.1: insmod target-hazard.ko again is refused" \
		show insmod "$MODDIR"/target-hazard.ko
	# (loc is a hashed pointer, val an address: both change per boot.)
	show "dmesg | grep -E 'x86/modules|livepatch' | sed -E 's/(loc|val) [0-9a-f]+/\\1 X/g'"
	check "6.1 log: existing value is nonzero" \
		sh -c "dmesg | grep -qF 'x86/modules: Skipping invalid relocation target, existing value is nonzero'"
	check "6.1 log: refusing to load module 'target_hazard'" \
		sh -c "dmesg | grep -qF \"livepatch: patch 'livepatch_klp_reloc' failed for module 'target_hazard', refusing to load module 'target_hazard'\""
	check_not "target_hazard is not loaded" grep -q '^target_hazard ' /proc/modules
	;;
*)
	check "6.12, 7.x: insmod target-hazard.ko again" \
		show insmod "$MODDIR"/target-hazard.ko
	check "$o/patched turns 1 again" wait_for 5 "$o"/patched 1
	patched_output "target loaded again"
	check "rmmod target_hazard" show rmmod target_hazard
	;;
esac
check "disable: echo 0 > enabled" show "echo 0 > $p/enabled"
check "patch leaves sysfs once reverted, within 30 s" wait_gone 30 "$p"
check "rmmod livepatch_klp_reloc" show rmmod livepatch_klp_reloc
log_clean

# 4. Copies of the module converted wrongly on purpose (the "variant"
# lines of the source): a position saved_command_line does not have, and
# a vmlinux symbol in the section for target_hazard.
dmesg -c >/dev/null
refused "insmod livepatch-klp-reloc.wrong-sympos.ko fails with EINVAL" \
	insmod "$MODDIR"/livepatch-klp-reloc.wrong-sympos.ko
check "log: symbol position 2 for symbol 'saved_command_line' not found" \
	sh -c "dmesg | grep -qF \"livepatch: symbol position 2 for symbol 'saved_command_line' in object 'vmlinux' not found\""
check "insmod target-hazard.ko" show insmod "$MODDIR"/target-hazard.ko
refused "insmod livepatch-klp-reloc.wrong-object.ko fails with EINVAL" \
	insmod "$MODDIR"/livepatch-klp-reloc.wrong-object.ko
check "log: invalid access to vmlinux symbol 'saved_command_line'" \
	sh -c "dmesg | grep -qF \"livepatch: invalid access to vmlinux symbol 'saved_command_line' from module-specific livepatch relocation section\""
show "dmesg | grep 'livepatch:'"
check_not "module livepatch_klp_reloc is not loaded" \
	grep -q '^livepatch_klp_reloc ' /proc/modules
show cat $f
check "target_hazard is not patched: it still prints its label" \
	sh -c "grep -q '^label: ' $f"
check "rmmod target_hazard" show rmmod target_hazard

# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test, booted with lockdown=integrity (make check-lockdown): what a
# Debian kernel does under UEFI Secure Boot, where it locks itself down to
# the same level (drivers/firmware/efi/secureboot.c with
# CONFIG_LOCK_DOWN_IN_EFI_SECURE_BOOT=y).  Signatures are not enforced,
# but module_sig_check() asks lockdown about any module without a good
# signature, and lockdown refuses it with EPERM.
m=livepatch-select-timeval
signed=/payload/signed/$(uname -r)/$m.ko
mkdir -p /sys/kernel/security
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null

show cat /sys/kernel/security/lockdown
check "lockdown is at integrity" test "$out" = "none [integrity] confidentiality"
show cat /sys/module/module/parameters/sig_enforce
check "signatures are not enforced (sig_enforce is N)" test "$out" = N

# locked DESCRIPTION MODULE: insmod MODULE fails with EPERM ("Operation
# not permitted") and lockdown logs why.
locked() {
	dmesg -c >/dev/null
	# (a module loaded by mistake is removed by /init after the test)
	refused_with "Operation not permitted" "$1: EPERM" insmod "$2"
	show "dmesg | grep -F 'Lockdown:'"
	check "$1: log says unsigned module loading is restricted" \
		sh -c "dmesg | grep -qF 'Lockdown: insmod: unsigned module loading is restricted; see man kernel_lockdown.7'"
}

locked "unsigned module" "$MODDIR/$m.ko"
locked "module signed with an unknown key" "$signed"
check_not "no live patch was loaded" test -e "$KLP"/livepatch_select_timeval
log_clean

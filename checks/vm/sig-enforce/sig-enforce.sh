# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test, booted with module.sig_enforce=1 (make check-shipping): the
# kernel refuses livepatch-select-timeval unsigned, and refuses it signed
# with a key it does not trust (checks/vm/shipping-payload.sh signs it with
# a key made by openssl for the run).  kernel/module/signing.c of 6.1 and
# 6.12: both fail with EKEYREJECTED; the log says which case it was.
m=livepatch-select-timeval
signed=/payload/signed/$(uname -r)/$m.ko

show cat /sys/module/module/parameters/sig_enforce
check "signatures are enforced (sig_enforce is Y)" test "$out" = Y
check "the command line has module.sig_enforce=1" \
	grep -qw module.sig_enforce=1 /proc/cmdline
check "a signed build for this kernel is in /payload" test -f "$signed"

# rejected DESCRIPTION LOG-LINE MODULE: insmod MODULE fails with
# EKEYREJECTED ("Key was rejected by service") and the log has LOG-LINE.
rejected() {
	dmesg -c >/dev/null
	# (a module loaded by mistake is removed by /init after the test)
	refused_with "Key was rejected by service" "$1: EKEYREJECTED" insmod "$3"
	show "dmesg | grep -F 'Loading of'"
	check "$1: log says '$2'" \
		sh -c "dmesg | grep -qF '$2'"
}

show "grep -c '~Module signature appended~' $MODDIR/$m.ko $signed"
rejected "unsigned module" "Loading of unsigned module is rejected" \
	"$MODDIR/$m.ko"
rejected "module signed with an unknown key" \
	"Loading of module with unavailable key is rejected" "$signed"
check_not "no live patch was loaded" test -e "$KLP"/livepatch_select_timeval
check_not "module $m is not loaded" grep -q "^livepatch_select_timeval " /proc/modules
log_clean

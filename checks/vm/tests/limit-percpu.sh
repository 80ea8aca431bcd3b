# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of examples/limit-percpu.c: kallsyms lists per-CPU symbols of
# vmlinux and of a module.  Addresses are cut off: they differ per boot.
sym=limit_percpu_count

show "grep -w runqueues /proc/kallsyms | cut -d' ' -f2-"
# -F: a fixed string, which busybox grep finds many times faster than
# the same text as a regular expression (seconds per read under TCG).
check "vmlinux's per-CPU runqueues is in kallsyms" \
	grep -qwF runqueues /proc/kallsyms
check "insmod limit-percpu.ko" show insmod "$MODDIR"/limit-percpu.ko
show "grep -w $sym /proc/kallsyms | cut -d' ' -f2-"
# The lines just shown (each read of kallsyms is slow under TCG).
check "the module's static per-CPU variable is listed, type 'a'" \
	sh -c "echo \"\$1\" | grep -q '^a $sym	\[limit_percpu\]'" - "$out"
check "rmmod limit_percpu" show rmmod limit_percpu
check_not "the symbol is gone with the module" grep -qwF $sym /proc/kallsyms
log_clean

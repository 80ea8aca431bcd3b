# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test: livepatch-select-timeval built for the other kernel of the run
# (/payload/built-for/RELEASE/, checks/vm/shipping-payload.sh) does not
# load; the loader refuses it with ENOEXEC (busybox insmod: "invalid
# module format") before it compares vermagic.  The first check that
# fails differs (kernel/module/main.c and version.c):
#   6.1:  the CRC of module_layout (MODVERSIONS, check_modstruct_version())
#   6.12: the size of .gnu.linkonce.this_module, the module's struct
#         module, checked while the ELF file is validated
m=livepatch-select-timeval
here=$(uname -r)
case $here in
6.1.*) expect="livepatch_select_timeval: disagrees about version of symbol module_layout" ;;
*) expect="module livepatch_select_timeval: .gnu.linkonce.this_module section size must match the kernel's built struct module size at run time" ;;
esac

# The patch is built for the 6.x kernels only (7.x has the fix): a 7.x
# VM has nothing to compare; its foreign-build message is not recorded.
case $here in
7.*)
	check_not "7.x: no build of the patch for this kernel" \
		test -e "/payload/built-for/$here/$m.ko"
	exit 0
	;;
esac

show "ls /payload/built-for"
others=
for d in /payload/built-for/*/; do
	d=${d%/}
	[ -d "$d" ] && [ "${d##*/}" != "$here" ] && others="$others ${d##*/}"
done
[ -n "$others" ] ||
	fail "a build for another kernel is in /payload/built-for" \
		"run with KERNELS naming two releases"
for other in $others; do
	ko=/payload/built-for/$other/$m.ko
	show "strings $ko | grep '^vermagic='"
	dmesg -c >/dev/null
	# (a module loaded by mistake is removed by /init after the test)
	refused_with "invalid module format" \
		"the $other build is refused (ENOEXEC)" insmod "$ko"
	show "dmesg | grep livepatch_select_timeval"
	check "log: $expect" sh -c "dmesg | grep -qF \"$expect\""
done
show "strings /payload/built-for/$here/$m.ko | grep '^vermagic='"
check "the build for this kernel loads" \
	show insmod "/payload/built-for/$here/$m.ko"
patch_ready "$KLP"/livepatch_select_timeval
check "disable it" show "echo 0 > $KLP/livepatch_select_timeval/enabled"
check "it leaves sysfs within 30 s" wait_gone 30 "$KLP"/livepatch_select_timeval
check "rmmod livepatch_select_timeval" show rmmod livepatch_select_timeval
log_clean

# SPDX-License-Identifier: GPL-2.0
# VM test of examples/limit-kprobe-post.c, with livepatch-proc-version.ko as
# the live patch of the same function.  Run it together with that example:
# EXAMPLES="limit-kprobe-post livepatch-proc-version".  The kernel log is
# cleared before each test; the lines shown are filtered so that the
# transcript does not depend on which module was loaded first in the boot.
p=$KLP/livepatch_proc_version
hits=/sys/module/limit_kprobe_post/parameters/hits
marker='[live patched: proc-version]'

# 1. A probe with a post_handler first: the live patch is refused.
check "insmod limit-kprobe-post.ko (with a post_handler)" \
	show insmod "$MODDIR"/limit-kprobe-post.ko
check_not "insmod livepatch-proc-version.ko is refused" \
	show insmod "$MODDIR"/livepatch-proc-version.ko
show "dmesg | grep -E 'livepatch:|limit_kprobe_post: (probe|register)' | sed 's/^\[ *[0-9.]*\] //'"
check "the kernel reports the ftrace conflict (-16, EBUSY)" \
	sh -c "dmesg | grep -qF \"livepatch: failed to register ftrace handler for function 'version_proc_show' (-16)\""
check_not "no patch directory in sysfs" test -e "$p"
check_not "/proc/version is not patched" grep -qF "$marker" /proc/version
check "rmmod limit_kprobe_post" show rmmod limit_kprobe_post

# 2. A probe without a post_handler coexists, and still fires.
check "insmod limit-kprobe-post.ko post_handler=0" \
	show insmod "$MODDIR"/limit-kprobe-post.ko post_handler=0
check "insmod livepatch-proc-version.ko now works" \
	show insmod "$MODDIR"/livepatch-proc-version.ko
check "transition finishes within 30 s" wait_for 30 "$p"/transition 0
before=$(cat $hits)
show cat /proc/version
after=$(cat $hits)
check "/proc/version shows the patch" grep -qF "$marker" /proc/version
check "the entry probe fired on the patched function ($before -> $after)" \
	test "$after" -gt "$before"

# 3. The other order: with the patch enabled, a post_handler probe on the
# same function cannot be armed on 6.1 and 6.12: register_kprobe()
# returns -EBUSY.  7.3 fails to arm it just the same, but its
# __register_kprobe() (kernel/kprobes.c) drops the error of arm_kprobe()
# and returns 0: insmod succeeds, and the probe never fires.
check "rmmod limit_kprobe_post" show rmmod limit_kprobe_post
case $(uname -r) in
6.*)
	check_not "insmod limit-kprobe-post.ko (post_handler) is refused" \
		show insmod "$MODDIR"/limit-kprobe-post.ko
	show "dmesg | grep -E 'limit_kprobe_post: (probe|register)' | sed 's/^\[ *[0-9.]*\] //'"
	check "the probe module reports EBUSY" \
		sh -c "dmesg | grep -qF 'limit_kprobe_post: register_kprobe(version_proc_show) failed: -16'"
	;;
*)
	check "7.x: insmod limit-kprobe-post.ko (post_handler) succeeds while patched" \
		show insmod "$MODDIR"/limit-kprobe-post.ko
	show "dmesg | grep -E 'limit_kprobe_post: (probe|register)' | sed 's/^\[ *[0-9.]*\] //'"
	before=$(cat $hits)
	show cat /proc/version
	after=$(cat $hits)
	show "echo hits: $before before, $after after"
	check "7.x: /proc/version still shows the patch" grep -qF "$marker" /proc/version
	check "7.x: the probe never fires: it was not armed ($before -> $after)" \
		test "$after" -eq "$before"
	check "7.x: rmmod limit_kprobe_post" show rmmod limit_kprobe_post
	;;
esac

# Clean up.
check "disable the patch" show "echo 0 > $p/enabled"
check "patch leaves sysfs within 30 s" wait_gone 30 "$p"
check "rmmod livepatch_proc_version" rmmod livepatch_proc_version
log_clean

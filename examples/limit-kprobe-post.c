// SPDX-License-Identifier: GPL-2.0
/*
 * limit-kprobe-post.c - a kprobe that keeps a live patch off a function
 *
 * Puts a kprobe on the entry of version_proc_show(), the function that
 * livepatch-proc-version.ko replaces.  With a post_handler (the default)
 * the kprobe is armed through an ftrace ops that may change the
 * instruction pointer, like a live patch, and ftrace allows only one of
 * those per function:
 *
 *   # insmod limit-kprobe-post.ko
 *   # insmod livepatch-proc-version.ko
 *   insmod: can't insert 'livepatch-proc-version.ko': Device or resource busy
 *   # rmmod limit_kprobe_post
 *   # insmod limit-kprobe-post.ko post_handler=0
 *   # insmod livepatch-proc-version.ko        (works: the two coexist)
 *   # cat /proc/version; cat /sys/module/limit_kprobe_post/parameters/hits
 *
 * The hits counter shows that an entry probe still fires once the
 * function is patched.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/module.h>

static bool post_handler = true;
module_param(post_handler, bool, 0444);
MODULE_PARM_DESC(post_handler, "register a post_handler too (default: yes)");

static unsigned long hits;
module_param(hits, ulong, 0444);
MODULE_PARM_DESC(hits, "times the probe fired (read only)");

static int lkp_pre(struct kprobe *p, struct pt_regs *regs)
{
	WRITE_ONCE(hits, READ_ONCE(hits) + 1);
	return 0;
}

static void lkp_post(struct kprobe *p, struct pt_regs *regs,
		     unsigned long flags)
{
}

static struct kprobe lkp = {
	.symbol_name	= "version_proc_show",
	.pre_handler	= lkp_pre,
};

static int __init limit_kprobe_post_init(void)
{
	int ret;

	if (post_handler)
		lkp.post_handler = lkp_post;
	ret = register_kprobe(&lkp);
	if (ret) {
		pr_err("register_kprobe(%s) failed: %d\n", lkp.symbol_name, ret);
		return ret;
	}
	pr_info("probe on %s, post_handler %s\n", lkp.symbol_name,
		post_handler ? "yes" : "no");
	return 0;
}

static void __exit limit_kprobe_post_exit(void)
{
	unregister_kprobe(&lkp);
}

module_init(limit_kprobe_post_init);
module_exit(limit_kprobe_post_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A kprobe with a post_handler blocks a live patch of its function");

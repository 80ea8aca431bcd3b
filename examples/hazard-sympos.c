// SPDX-License-Identifier: GPL-2.0
/*
 * hazard-sympos: two functions with one name need old_sympos
 *
 * vmlinux has two static functions called reg_vif_get_iflink(), one in
 * net/ipv4/ipmr.c and one in net/ipv6/ip6mr.c.  A name alone does not
 * say which one to patch, so the kernel refuses it; old_sympos = N picks
 * the N-th of them in kallsyms order (1-based):
 *
 *   $ awk '$3 == "reg_vif_get_iflink" { n++; print "sympos " n ": after " prev }
 *          $3 !~ /^__pfx_/ { prev = $3 }' /proc/kallsyms
 *   sympos 1: after ipmr_hash_cmp
 *   sympos 2: after ip6mr_hash_cmp
 *   # insmod hazard-sympos.ko
 *   insmod: can't insert 'hazard-sympos.ko': Invalid argument
 *   # insmod hazard-sympos.ko sympos=2
 *   $ ls /sys/kernel/livepatch/hazard_sympos/vmlinux
 *   reg_vif_get_iflink,2
 *
 * The module parameter only exists to show both cases with one module;
 * a real patch sets .old_sympos in its klp_func table.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>

static unsigned long sympos;
module_param(sympos, ulong, 0444);
MODULE_PARM_DESC(sympos, "old_sympos of reg_vif_get_iflink (0: name only)");

/*
 * Both originals return 0: the pimreg devices they serve have no lower
 * device.  The replacement keeps that, so the patch changes nothing a
 * user could see; what it shows is which function the kernel picked.
 */
static int patched_reg_vif_get_iflink(const struct net_device *dev)
{
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "reg_vif_get_iflink",
		.new_func = patched_reg_vif_get_iflink,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* vmlinux */
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init hazard_sympos_init(void)
{
	funcs[0].old_sympos = sympos;
	return klp_enable_patch(&patch);
}

static void __exit hazard_sympos_exit(void)
{
}

module_init(hazard_sympos_init);
module_exit(hazard_sympos_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hazard: a duplicate static name needs old_sympos");
MODULE_INFO(livepatch, "Y");

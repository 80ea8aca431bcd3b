// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-shadow.c - shadow variables: a read counter for each item
 *
 * struct target_demo_item (target-demo.h) has no room for new fields, and
 * a live patch cannot change the layout of objects that already exist.
 * This patch attaches a shadow variable to each item instead: a counter
 * of how often /proc/target_demo showed the item.  Items created while
 * the patch is enabled get their counter at creation; items that existed
 * before get one the first time they are shown ("adopted"):
 *
 *   # insmod target-demo.ko
 *   # echo "add old" > /proc/target_demo
 *   # insmod livepatch-shadow.ko
 *   # echo "add new" > /proc/target_demo
 *   # cat /proc/target_demo
 *   target-demo: original greeting
 *   item 1: old (shown 1 times, adopted)
 *   item 2: new (shown 1 times)
 *   # cat /sys/module/livepatch_shadow/parameters/shadows
 *   2
 *   # echo "del new" > /proc/target_demo
 *   # cat /sys/module/livepatch_shadow/parameters/shadows
 *   1
 *   # echo 0 > /sys/kernel/livepatch/livepatch_shadow/enabled
 *   # cat /sys/module/livepatch_shadow/parameters/shadows
 *   0
 *   # rmmod livepatch_shadow
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "target-demo.h"

/*
 * A shadow variable is found by the address of its object and an id.
 * The id must differ from the ids of every other patch that could attach
 * shadow data to the same objects.
 */
#define SHADOW_READS 0x5eadc0deUL

struct item_reads {
	unsigned long count;
	bool adopted;		/* attached to an item created before us */
};

/* Shadow variables alive now; read-only as a module parameter. */
static atomic_t shadows = ATOMIC_INIT(0);

static int shadows_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&shadows));
}

static const struct kernel_param_ops shadows_ops = {
	.get = shadows_get,
};
module_param_cb(shadows, &shadows_ops, NULL, 0444);
MODULE_PARM_DESC(shadows, "Number of read counters attached right now");

/*
 * Constructor: runs under the shadow variable lock with interrupts off,
 * only when a new variable is attached, so it must not sleep.
 */
static int reads_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct item_reads *reads = shadow_data;

	reads->count = 0;
	reads->adopted = *(bool *)ctor_data;
	atomic_inc(&shadows);
	return 0;
}

/* Destructor: runs whenever a variable is detached, also under the lock. */
static void reads_dtor(void *obj, void *shadow_data)
{
	atomic_dec(&shadows);
}

/*
 * Replaces target_demo_item_new(): the same allocation, then a counter
 * attached to the new item.  An item without a counter still works (see
 * patched_item_show()), so a failure to attach one is not fatal.
 */
static struct target_demo_item *patched_item_new(unsigned int id,
						 const char *name)
{
	struct target_demo_item *item;
	bool adopted = false;

	item = kzalloc(sizeof(*item), GFP_KERNEL);
	if (!item)
		return NULL;
	item->id = id;
	strscpy(item->name, name, sizeof(item->name));

	if (!klp_shadow_alloc(item, SHADOW_READS, sizeof(struct item_reads),
			      GFP_KERNEL, reads_ctor, &adopted))
		pr_warn("no read counter for item %u\n", id);
	return item;
}

/* Replaces target_demo_item_free(): detach the counter, then free. */
static void patched_item_free(struct target_demo_item *item)
{
	klp_shadow_free(item, SHADOW_READS, reads_dtor);
	kfree(item);
}

/*
 * Replaces target_demo_item_show().  Items created before the patch have
 * no counter yet: klp_shadow_get_or_alloc() attaches one, and calls the
 * constructor only in that case.
 */
static void patched_item_show(struct seq_file *m,
			      struct target_demo_item *item)
{
	struct item_reads *reads;
	bool adopted = true;

	reads = klp_shadow_get_or_alloc(item, SHADOW_READS,
					sizeof(struct item_reads), GFP_KERNEL,
					reads_ctor, &adopted);
	if (!reads) {
		seq_printf(m, "item %u: %s\n", item->id, item->name);
		return;
	}
	/* target-demo calls us with its list mutex held: no race here. */
	reads->count++;
	seq_printf(m, "item %u: %s (shown %lu times%s)\n", item->id,
		   item->name, reads->count, reads->adopted ? ", adopted" : "");
}

/*
 * Once target_demo is unpatched (the patch disabled, or the module
 * removed) no code uses the counters any more: free those that are left.
 */
static void shadow_post_unpatch(struct klp_object *obj)
{
	klp_shadow_free_all(SHADOW_READS, reads_dtor);
}

static struct klp_func funcs[] = {
	{
		.old_name = "target_demo_item_new",
		.new_func = patched_item_new,
	},
	{
		.old_name = "target_demo_item_free",
		.new_func = patched_item_free,
	},
	{
		.old_name = "target_demo_item_show",
		.new_func = patched_item_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		.name = "target_demo",
		.funcs = funcs,
		.callbacks = {
			.post_unpatch = shadow_post_unpatch,
		},
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int __init livepatch_shadow_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_shadow_exit(void)
{
}

module_init(livepatch_shadow_init);
module_exit(livepatch_shadow_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch of target-demo.ko: shadow variables as read counters");
MODULE_INFO(livepatch, "Y");

// SPDX-License-Identifier: GPL-2.0
/*
 * target-demo.c - a module of our own for the live patch examples to patch
 *
 * It keeps a list of named items and shows them in /proc/target_demo.
 * Writing "add NAME" creates an item, "del NAME" destroys it:
 *
 *   # insmod target-demo.ko
 *   # echo "add alpha" > /proc/target_demo
 *   # echo "add beta" > /proc/target_demo
 *   # cat /proc/target_demo
 *   target-demo: original greeting
 *   item 1: alpha
 *   item 2: beta
 *   # echo "del alpha" > /proc/target_demo
 *   # rmmod target_demo
 *
 * The examples patch the four functions declared in target-demo.h, so a
 * patch can be seen at work without depending on vmlinux internals that
 * change from one kernel release to the next.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "target-demo.h"

/* Longest command accepted: "add " or "del ", a name, a newline. */
#define CMD_MAX (4 + TARGET_DEMO_NAME_LEN + 1)

static LIST_HEAD(items);
static DEFINE_MUTEX(items_lock);	/* protects items and next_id */
static unsigned int next_id = 1;

/*
 * The functions below are the ones that live patches replace.  They are
 * global and noinline on purpose: livepatch redirects a call at the entry
 * of the function it finds by name in kallsyms, so each one must stay a
 * real function under its own name.  Were the compiler free to inline it
 * into the caller, or to emit a specialised copy with a new name (such as
 * target_demo_greeting.constprop.0), the caller would run that copy and
 * never reach the patched entry point.
 */
noinline void target_demo_greeting(struct seq_file *m)
{
	seq_puts(m, "target-demo: original greeting\n");
}

noinline struct target_demo_item *target_demo_item_new(unsigned int id,
						       const char *name)
{
	struct target_demo_item *item;

	item = kzalloc(sizeof(*item), GFP_KERNEL);
	if (!item)
		return NULL;
	item->id = id;
	strscpy(item->name, name, sizeof(item->name));
	return item;
}

noinline void target_demo_item_free(struct target_demo_item *item)
{
	kfree(item);
}

noinline void target_demo_item_show(struct seq_file *m,
				    struct target_demo_item *item)
{
	seq_printf(m, "item %u: %s\n", item->id, item->name);
}

static int target_demo_show(struct seq_file *m, void *v)
{
	struct target_demo_item *item;

	target_demo_greeting(m);
	mutex_lock(&items_lock);
	list_for_each_entry(item, &items, node)
		target_demo_item_show(m, item);
	mutex_unlock(&items_lock);
	return 0;
}

static int target_demo_open(struct inode *inode, struct file *file)
{
	return single_open(file, target_demo_show, NULL);
}

static struct target_demo_item *find_item(const char *name)
{
	struct target_demo_item *item;

	list_for_each_entry(item, &items, node)
		if (!strcmp(item->name, name))
			return item;
	return NULL;
}

static int add_item(const char *name)
{
	struct target_demo_item *item;

	if (find_item(name))
		return -EEXIST;
	item = target_demo_item_new(next_id, name);
	if (!item)
		return -ENOMEM;
	next_id++;
	list_add_tail(&item->node, &items);
	return 0;
}

static int del_item(const char *name)
{
	struct target_demo_item *item = find_item(name);

	if (!item)
		return -ENOENT;
	list_del(&item->node);
	target_demo_item_free(item);
	return 0;
}

static ssize_t target_demo_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	char cmd[CMD_MAX + 1];
	char *name;
	int ret;

	if (count > CMD_MAX)
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	cmd[count] = '\0';
	strim(cmd);

	name = cmd + 4;
	if (strlen(cmd) <= 4 || cmd[3] != ' ' ||
	    strlen(name) >= TARGET_DEMO_NAME_LEN)
		return -EINVAL;

	mutex_lock(&items_lock);
	if (!strncmp(cmd, "add", 3))
		ret = add_item(name);
	else if (!strncmp(cmd, "del", 3))
		ret = del_item(name);
	else
		ret = -EINVAL;
	mutex_unlock(&items_lock);

	return ret ? ret : count;
}

static const struct proc_ops target_demo_ops = {
	.proc_open = target_demo_open,
	.proc_read = seq_read,
	.proc_write = target_demo_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init target_demo_init(void)
{
	if (!proc_create("target_demo", 0644, NULL, &target_demo_ops))
		return -ENOMEM;
	return 0;
}

static void __exit target_demo_exit(void)
{
	struct target_demo_item *item, *tmp;

	remove_proc_entry("target_demo", NULL);
	/* Destroy through target_demo_item_free(): a patch may track it. */
	list_for_each_entry_safe(item, tmp, &items, node) {
		list_del(&item->node);
		target_demo_item_free(item);
	}
}

module_init(target_demo_init);
module_exit(target_demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Target module for the live patch examples: /proc/target_demo");

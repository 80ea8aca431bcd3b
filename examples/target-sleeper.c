// SPDX-License-Identifier: GPL-2.0
/*
 * target-sleeper.c - a module whose function a task sleeps in
 *
 * A read of /proc/target_sleeper sleeps in target_sleeper_wait() until
 * someone writes to the file, then returns one line.  While it sleeps,
 * target_sleeper_wait() is on the reader's stack, which is what the
 * live patch consistency model looks for (livepatch-consistency.c).
 *
 * By default the reader sleeps killable: only a write or SIGKILL wakes
 * it.  With interruptible=1 any signal wakes it, and the read restarts.
 *
 *   # insmod target-sleeper.ko
 *   $ cat /proc/target_sleeper &
 *   $ cat /proc/$!/wchan
 *   target_sleeper_wait
 *   # echo > /proc/target_sleeper
 *   released: original code
 *   # echo 1 > /sys/module/target_sleeper/parameters/interruptible
 *   # rmmod target_sleeper
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include "target-sleeper.h"

static bool interruptible;
module_param(interruptible, bool, 0644);
MODULE_PARM_DESC(interruptible, "sleep interruptible instead of killable");

static struct target_sleeper sleeper = {
	.wq = __WAIT_QUEUE_HEAD_INITIALIZER(sleeper.wq),
};

/*
 * The function live patches replace.  __noipa keeps the compiler from
 * inlining or cloning it and from making any assumption in its caller
 * about what it does, so a replacement can take its place safely.
 */
__noipa ssize_t target_sleeper_wait(struct target_sleeper *s,
				    bool interruptible, char *buf, size_t len)
{
	unsigned long start = READ_ONCE(s->releases);
	int ret;

	if (interruptible)
		ret = wait_event_interruptible(s->wq,
					       READ_ONCE(s->releases) != start);
	else
		ret = wait_event_killable(s->wq,
					  READ_ONCE(s->releases) != start);
	if (ret)
		return ret;
	return scnprintf(buf, len, "released: original code\n");
}

static ssize_t sleeper_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	char buf[64];
	ssize_t len;

	if (*ppos)
		return 0;
	len = target_sleeper_wait(&sleeper, READ_ONCE(interruptible),
				  buf, sizeof(buf));
	if (len < 0)
		return len;
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t sleeper_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	WRITE_ONCE(sleeper.releases, sleeper.releases + 1);
	wake_up_all(&sleeper.wq);
	return count;
}

static const struct proc_ops sleeper_proc_ops = {
	.proc_read = sleeper_read,
	.proc_write = sleeper_write,
	.proc_lseek = noop_llseek,
};

static int __init target_sleeper_init(void)
{
	if (!proc_create("target_sleeper", 0600, NULL, &sleeper_proc_ops))
		return -ENOMEM;
	return 0;
}

static void __exit target_sleeper_exit(void)
{
	remove_proc_entry("target_sleeper", NULL);
}

module_init(target_sleeper_init);
module_exit(target_sleeper_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Target for livepatch examples: a read that sleeps until a write");

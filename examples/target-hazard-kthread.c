// SPDX-License-Identifier: GPL-2.0
/*
 * target-hazard-kthread: a target module with a kthread that never
 * leaves its main loop
 *
 * The kthread "th_kthread" runs thk_loop() until the module is removed.
 * Each round it calls thk_step(), which records what it did, then sleeps
 * for 100 ms inside thk_loop().  /proc/target_hazard_kthread shows the
 * kthread's pid and what the last step recorded:
 *
 *   # insmod target-hazard-kthread.ko
 *   $ grep step /proc/target_hazard_kthread
 *   step: 1
 *   # rmmod target_hazard_kthread
 *
 * thk_loop() is on the kthread's stack for as long as the kthread lives;
 * thk_step() is on it only for the moment a round runs.  hazard-kthread
 * patches the first and never finishes its transition; hazard-kthread-fix
 * patches the second and finishes at once.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

static struct task_struct *thk_task;
static struct proc_dir_entry *thk_proc;
static unsigned long thk_last;

/* One round of work: here it only says which version of it ran. */
static noinline void thk_step(unsigned long *last)
{
	WRITE_ONCE(*last, 1);
}

static int thk_loop(void *data)
{
	while (!kthread_should_stop()) {
		thk_step(data);
		msleep_interruptible(100);
	}
	return 0;
}

static int thk_show(struct seq_file *m, void *v)
{
	seq_printf(m, "pid: %d\n", task_pid_nr(thk_task));
	seq_printf(m, "step: %lu\n", READ_ONCE(thk_last));
	return 0;
}

static int __init target_hazard_kthread_init(void)
{
	thk_task = kthread_run(thk_loop, &thk_last, "th_kthread");
	if (IS_ERR(thk_task))
		return PTR_ERR(thk_task);

	thk_proc = proc_create_single("target_hazard_kthread", 0444, NULL,
				      thk_show);
	if (!thk_proc) {
		kthread_stop(thk_task);
		return -ENOMEM;
	}
	return 0;
}

static void __exit target_hazard_kthread_exit(void)
{
	proc_remove(thk_proc);
	kthread_stop(thk_task);
}

module_init(target_hazard_kthread_init);
module_exit(target_hazard_kthread_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Target of hazard-kthread: a kthread that never leaves its loop");

// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-state-v1.c - a live patch that records a system state
 *
 * The patched execdomains_proc_show() counts how often /proc/execdomains
 * is read and prints the count.  The counter is memory that outlives the
 * function: it is the "system state" this patch changes, declared in a
 * struct klp_state (id 1, version 1).  A later cumulative patch finds it
 * with klp_get_prev_state() and takes it over (livepatch-state-v2.c).
 *
 *   # insmod livepatch-state-v1.ko
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel] [state-v1: read 1]
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel] [state-v1: read 2]
 *   # echo 0 > /sys/kernel/livepatch/livepatch_state_v1/enabled
 *   # rmmod livepatch_state_v1
 *   # dmesg | grep livepatch_state_v1
 *   livepatch_state_v1: pre_patch: new read counter
 *   livepatch_state_v1: post_unpatch: freeing the read counter (2 reads)
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

/* The same id in every version of the patch that knows this state. */
#define STATE_READ_COUNTER	1

static struct klp_patch patch;

static atomic_t *read_counter(void)
{
	return klp_get_state(&patch, STATE_READ_COUNTER)->data;
}

static int state_v1_execdomains_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "0-0\tLinux           \t[kernel] [state-v1: read %d]\n",
		   atomic_inc_return(read_counter()));
	return 0;
}

/* Runs before the new function can be called: set up the state. */
static int state_v1_pre_patch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, STATE_READ_COUNTER);
	atomic_t *counter;

	counter = kzalloc(sizeof(*counter), GFP_KERNEL);
	if (!counter)
		return -ENOMEM;
	state->data = counter;
	pr_info("pre_patch: new read counter\n");
	return 0;
}

/*
 * Runs once no task can be in the new function any more, when this patch
 * is disabled, or when enabling it failed or was reversed.  It does not
 * run when a cumulative patch replaces this one: the new patch then owns
 * the state.
 */
static void state_v1_post_unpatch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, STATE_READ_COUNTER);

	pr_info("post_unpatch: freeing the read counter (%d reads)\n",
		atomic_read(state->data));
	kfree(state->data);
	state->data = NULL;
}

static struct klp_func funcs[] = {
	{
		.old_name = "execdomains_proc_show",
		.new_func = state_v1_execdomains_proc_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = state_v1_pre_patch,
			.post_unpatch = state_v1_post_unpatch,
		},
	},
	{ }
};

static struct klp_state states[] = {
	{
		.id = STATE_READ_COUNTER,
		.version = 1,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int __init livepatch_state_v1_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_state_v1_exit(void)
{
}

module_init(livepatch_state_v1_init);
module_exit(livepatch_state_v1_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch with a klp_state: counts reads of /proc/execdomains");
MODULE_INFO(livepatch, "Y");

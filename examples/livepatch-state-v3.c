// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-state-v3.c - a cumulative patch refused for an older state
 *
 * Like livepatch-state-v1.c, this patch knows the read counter state
 * (id 1) only in version 1.  Once livepatch-state-v2.c, which set up
 * version 2 of that state, is installed, the kernel refuses this patch:
 * a newer state may carry meaning an older patch does not handle.  On its
 * own, or after v1, it loads like any other patch.
 *
 *   # insmod livepatch-state-v2.ko
 *   # insmod livepatch-state-v3.ko
 *   insmod: can't insert 'livepatch-state-v3.ko': Invalid argument
 *   # dmesg | tail -n 1
 *   livepatch: Livepatch patch (livepatch_state_v3) is not compatible with
 *   the already installed livepatches.
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

static int state_v3_execdomains_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "0-0\tLinux           \t[kernel] [state-v3: read %d]\n",
		   atomic_inc_return(read_counter()));
	return 0;
}

/* Runs before the new function can be called: set up the state. */
static int state_v3_pre_patch(struct klp_object *obj)
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
static void state_v3_post_unpatch(struct klp_object *obj)
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
		.new_func = state_v3_execdomains_proc_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = state_v3_pre_patch,
			.post_unpatch = state_v3_post_unpatch,
		},
	},
	{ }
};

/* Version 1: lower than the version 2 of livepatch-state-v2.c. */
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

static int __init livepatch_state_v3_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_state_v3_exit(void)
{
}

module_init(livepatch_state_v3_init);
module_exit(livepatch_state_v3_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Cumulative live patch with an older klp_state version than v2");
MODULE_INFO(livepatch, "Y");

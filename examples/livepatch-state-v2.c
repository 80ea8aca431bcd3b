// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-state-v2.c - a cumulative patch that takes over a state
 *
 * Version 2 of livepatch-state-v1.c.  It declares the same state (id 1)
 * with version 2, so the kernel lets it replace v1.  Its pre_patch
 * callback asks klp_get_prev_state() for the read counter of the patch
 * being replaced and keeps counting in it; loaded on its own, it starts a
 * new counter.
 *
 *   # insmod livepatch-state-v1.ko
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel] [state-v1: read 1]
 *   # insmod livepatch-state-v2.ko
 *   $ cat /proc/execdomains
 *   0-0     Linux                   [kernel] [state-v2: read 2]
 *   # dmesg | grep livepatch_state_v2
 *   livepatch_state_v2: pre_patch: taking over the read counter of an earlier patch (1 reads)
 *   # rmmod livepatch_state_v1
 *   # echo 0 > /sys/kernel/livepatch/livepatch_state_v2/enabled
 *   # rmmod livepatch_state_v2
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#define STATE_READ_COUNTER	1

static struct klp_patch patch;

static atomic_t *read_counter(void)
{
	return klp_get_state(&patch, STATE_READ_COUNTER)->data;
}

static int state_v2_execdomains_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "0-0\tLinux           \t[kernel] [state-v2: read %d]\n",
		   atomic_inc_return(read_counter()));
	return 0;
}

static int state_v2_pre_patch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, STATE_READ_COUNTER);
	struct klp_state *prev = klp_get_prev_state(STATE_READ_COUNTER);

	if (prev && prev->data) {
		state->data = prev->data;
		pr_info("pre_patch: taking over the read counter of an earlier patch (%d reads)\n",
			atomic_read(state->data));
		return 0;
	}

	state->data = kzalloc(sizeof(atomic_t), GFP_KERNEL);
	if (!state->data)
		return -ENOMEM;
	pr_info("pre_patch: no earlier read counter, new one\n");
	return 0;
}

/*
 * If enabling this patch is reversed while the patch it was replacing is
 * still installed, the counter goes back to that patch: leave it alone.
 * Otherwise this patch is the last owner and frees it.
 */
static void state_v2_post_unpatch(struct klp_object *obj)
{
	struct klp_state *state = klp_get_state(&patch, STATE_READ_COUNTER);
	struct klp_state *prev = klp_get_prev_state(STATE_READ_COUNTER);

	if (prev && prev->data == state->data) {
		pr_info("post_unpatch: the earlier patch keeps the read counter\n");
	} else {
		pr_info("post_unpatch: freeing the read counter (%d reads)\n",
			atomic_read(state->data));
		kfree(state->data);
	}
	state->data = NULL;
}

static struct klp_func funcs[] = {
	{
		.old_name = "execdomains_proc_show",
		.new_func = state_v2_execdomains_proc_show,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* vmlinux */
		.funcs = funcs,
		.callbacks = {
			.pre_patch = state_v2_pre_patch,
			.post_unpatch = state_v2_post_unpatch,
		},
	},
	{ }
};

/*
 * Version 2 can handle a state made by version 1 or 2.  The kernel
 * refuses a cumulative patch whose version of a state is lower than the
 * installed one (livepatch-state-v3.c).
 */
static struct klp_state states[] = {
	{
		.id = STATE_READ_COUNTER,
		.version = 2,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	.states = states,
	.replace = true,
};

static int __init livepatch_state_v2_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_state_v2_exit(void)
{
}

module_init(livepatch_state_v2_init);
module_exit(livepatch_state_v2_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Cumulative live patch that takes over the klp_state of v1");
MODULE_INFO(livepatch, "Y");

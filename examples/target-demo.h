/* SPDX-License-Identifier: GPL-2.0 */
/*
 * target-demo.h - what the live patches in examples/ know of target-demo
 *
 * The live patches that patch target-demo.ko include this header for the
 * layout of struct target_demo_item and the prototypes of the functions
 * they replace.  They never call into target-demo: a call would make the
 * patch module depend on it, and then the patch could neither be loaded
 * before target-demo nor outlive it.
 */
#ifndef TARGET_DEMO_H
#define TARGET_DEMO_H

#include <linux/list.h>
#include <linux/seq_file.h>

#define TARGET_DEMO_NAME_LEN 16

/* One item, created by "add NAME" and destroyed by "del NAME". */
struct target_demo_item {
	struct list_head node;
	unsigned int id;
	char name[TARGET_DEMO_NAME_LEN];
};

/* The functions that examples patch; see target-demo.c. */
void target_demo_greeting(struct seq_file *m);
struct target_demo_item *target_demo_item_new(unsigned int id,
					      const char *name);
void target_demo_item_free(struct target_demo_item *item);
void target_demo_item_show(struct seq_file *m, struct target_demo_item *item);

#endif /* TARGET_DEMO_H */

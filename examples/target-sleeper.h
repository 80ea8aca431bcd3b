/* SPDX-License-Identifier: GPL-2.0 */
/*
 * target-sleeper.h - what livepatch-consistency.c knows of target-sleeper
 *
 * The patch includes this header for the layout of struct target_sleeper
 * and the prototype of the function it replaces.  It never calls into
 * target-sleeper.ko, so it does not depend on that module.
 */
#ifndef TARGET_SLEEPER_H
#define TARGET_SLEEPER_H

#include <linux/types.h>
#include <linux/wait.h>

/* The readers of /proc/target_sleeper wait here for a write. */
struct target_sleeper {
	wait_queue_head_t wq;
	unsigned long releases;		/* incremented by every write */
};

ssize_t target_sleeper_wait(struct target_sleeper *s, bool interruptible,
			    char *buf, size_t len);

#endif /* TARGET_SLEEPER_H */

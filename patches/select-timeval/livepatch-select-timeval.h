/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fs/select.c functions the new kern_select() calls.  None is exported
 * by Debian's 6.1 or 6.12 kernel, so each is declared under a C name of
 * our own whose assembler name is the klp symbol name
 *
 *   .klp.sym.vmlinux.SYMBOL,0
 *
 * (0: the name is unique in vmlinux).  tools/klp-convert-lite turns the
 * references into klp relocations, filled in when the patch loads.
 */
#ifndef LIVEPATCH_SELECT_TIMEVAL_H
#define LIVEPATCH_SELECT_TIMEVAL_H

#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/time64.h>
#include <linux/version.h>

/* fs/select.c: enum poll_time_type, which no header exports. */
#define KLP_PT_TIMEVAL 0

int klp_poll_select_set_timeout(struct timespec64 *to, time64_t sec,
				long nsec)
	asm("\".klp.sym.vmlinux.poll_select_set_timeout,0\"");

int klp_core_sys_select(int n, fd_set __user *inp, fd_set __user *outp,
			fd_set __user *exp, struct timespec64 *end_time)
	asm("\".klp.sym.vmlinux.core_sys_select,0\"");

/* static in fs/select.c; its enum argument is passed as an int. */
int klp_poll_select_finish(struct timespec64 *end_time, void __user *p,
			   int pt_type, int ret)
	asm("\".klp.sym.vmlinux.poll_select_finish,0\"");

/*
 * mm/ functions the new generic_fadvise() of livepatch-select-timeval-v2
 * calls; none is exported either.  6.1 drops pages with
 * invalidate_mapping_pagevec(), 6.12 with mapping_try_invalidate(),
 * under the same prototype.
 */
struct readahead_control;

void klp_force_page_cache_ra(struct readahead_control *ractl,
			     unsigned long nr)
	asm("\".klp.sym.vmlinux.force_page_cache_ra,0\"");

int klp_filemap_fdatawrite_range(struct address_space *mapping, loff_t start,
				 loff_t end, int sync_mode)
	asm("\".klp.sym.vmlinux.__filemap_fdatawrite_range,0\"");

typedef void klp_void_func_t(void);
klp_void_func_t klp_lru_add_drain asm("\".klp.sym.vmlinux.lru_add_drain,0\"");
klp_void_func_t klp_lru_add_drain_all
	asm("\".klp.sym.vmlinux.lru_add_drain_all,0\"");

#if LINUX_VERSION_MAJOR == 6 && LINUX_VERSION_PATCHLEVEL >= 12
unsigned long klp_mapping_try_invalidate(struct address_space *mapping,
					 pgoff_t start, pgoff_t end,
					 unsigned long *nr_failed)
	asm("\".klp.sym.vmlinux.mapping_try_invalidate,0\"");
#else
unsigned long klp_mapping_try_invalidate(struct address_space *mapping,
					 pgoff_t start, pgoff_t end,
					 unsigned long *nr_failed)
	asm("\".klp.sym.vmlinux.invalidate_mapping_pagevec,0\"");
#endif

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * livepatch-select-timeval-v2: the next version of livepatch-select-timeval,
 * cumulative and with .replace set
 *
 * It keeps the select() fix of version 1 (upstream commit 859c199bb3a9)
 * and adds the next one, "mm/fadvise: validate offset in generic_fadvise"
 * (in Linux 7.3; not in Debian's 6.1 or 6.12): posix_fadvise() with a
 * negative offset and a negative-free length returns 0 where it should
 * fail with EINVAL.  Loading it replaces version 1 in one transition; no
 * moment without the select() fix:
 *
 *   # insmod livepatch-select-timeval.ko
 *   $ sysprobe fadvise /init -4096 0
 *   fadvise64(fd, -4096, 0, POSIX_FADV_DONTNEED) = 0
 *   # insmod livepatch-select-timeval-v2.ko
 *   $ ls /sys/kernel/livepatch
 *   livepatch_select_timeval_v2
 *   $ sysprobe fadvise /init -4096 0
 *   fadvise64(fd, -4096, 0, POSIX_FADV_DONTNEED) = -1 EINVAL (Invalid argument)
 *   # rmmod livepatch_select_timeval
 *
 * generic_fadvise() is exported, but what it calls is not: the new one
 * reaches five mm/ functions through klp relocations.  Its body follows
 * the 6.1 or the 6.12 original, whichever kernel it is built for.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/backing-dev.h>
#include <linux/fadvise.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/pagemap.h>
#include <linux/time_types.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/writeback.h>

#include "livepatch-select-timeval.h"

/*
 * A live patch is written for the exact kernels it ships to: this one for
 * Debian's 6.1 and 6.12 series, whose generic_fadvise() differ (see the
 * header).  Any other series must be compared with its source first.
 */
#if LINUX_VERSION_MAJOR != 6 || \
	(LINUX_VERSION_PATCHLEVEL != 1 && LINUX_VERSION_PATCHLEVEL != 12)
#error "written for the 6.1 and 6.12 kernels only: compare generic_fadvise() first"
#endif

/* Version 1, unchanged: fs/select.c kern_select() with the fix. */
static int patched_kern_select(int n, fd_set __user *inp, fd_set __user *outp,
			       fd_set __user *exp,
			       struct __kernel_old_timeval __user *tvp)
{
	struct timespec64 end_time, *to = NULL;
	struct __kernel_old_timeval tv;
	int ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		to = &end_time;
		if (klp_poll_select_set_timeout(to,
						tv.tv_sec + tv.tv_usec / USEC_PER_SEC,
						(tv.tv_usec % USEC_PER_SEC) *
						NSEC_PER_USEC))
			return -EINVAL;
	}

	ret = klp_core_sys_select(n, inp, outp, exp, to);
	return klp_poll_select_finish(&end_time, tvp, KLP_PT_TIMEVAL, ret);
}

/* POSIX_FADV_NORMAL, _RANDOM, _SEQUENTIAL and _NOREUSE: file modes. */
static void fadvise_set_mode(struct file *file, fmode_t set, fmode_t clear)
{
	spin_lock(&file->f_lock);
	file->f_mode = (file->f_mode & ~clear) | set;
	spin_unlock(&file->f_lock);
}

/* POSIX_FADV_WILLNEED: read the pages ahead. */
static void fadvise_willneed(struct file *file, struct address_space *mapping,
			     pgoff_t first, unsigned long nrpages)
{
	DEFINE_READAHEAD(ractl, file, &file->f_ra, mapping, first);

	klp_force_page_cache_ra(&ractl, nrpages);
}

/* POSIX_FADV_DONTNEED: write back, then drop the full pages of the range. */
static void fadvise_dontneed(struct file *file, struct address_space *mapping,
			     loff_t offset, loff_t endbyte)
{
	struct inode *inode = file_inode(file);
	pgoff_t first = (offset + (PAGE_SIZE - 1)) >> PAGE_SHIFT;
	pgoff_t last = endbyte >> PAGE_SHIFT;
	unsigned long failed = 0;

	klp_filemap_fdatawrite_range(mapping, offset, endbyte, WB_SYNC_NONE);

	/*
	 * A partial last page is kept, unless the range ends on a page
	 * boundary or at the end of the file; page 0 has no page before it.
	 */
	if ((endbyte & ~PAGE_MASK) != ~PAGE_MASK &&
	    endbyte != inode->i_size - 1) {
		if (!last)
			return;
		last--;
	}
	if (last < first)
		return;

	/* Pages on this CPU's LRU batch first, then every CPU's. */
	klp_lru_add_drain();
	klp_mapping_try_invalidate(mapping, first, last, &failed);
	if (failed) {
		klp_lru_add_drain_all();
		invalidate_mapping_pages(mapping, first, last);
	}
}

/* mm/fadvise.c generic_fadvise() with the offset check of the fix. */
static int patched_generic_fadvise(struct file *file, loff_t offset,
				   loff_t len, int advice)
{
	struct inode *inode = file_inode(file);
	struct address_space *mapping = file->f_mapping;
	struct backing_dev_info *bdi;
	unsigned long nrpages;
	loff_t endbyte;
	pgoff_t first;

	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	/* The fix: "|| offset < 0". */
	if (!mapping || len < 0 || offset < 0)
		return -EINVAL;

	bdi = inode_to_bdi(mapping->host);
	if (IS_DAX(inode) || bdi == &noop_backing_dev_info) {
		/* Nothing to do for a known advice; no error either. */
		switch (advice) {
		case POSIX_FADV_NORMAL:
		case POSIX_FADV_RANDOM:
		case POSIX_FADV_SEQUENTIAL:
		case POSIX_FADV_WILLNEED:
		case POSIX_FADV_NOREUSE:
		case POSIX_FADV_DONTNEED:
			return 0;
		default:
			return -EINVAL;
		}
	}

	/* len 0 means "to the end"; unsigned, as overflow must not trap. */
	endbyte = (u64)offset + (u64)len;
	if (!len || endbyte < len)
		endbyte = LLONG_MAX;
	else
		endbyte--;

	switch (advice) {
	case POSIX_FADV_NORMAL:
		file->f_ra.ra_pages = bdi->ra_pages;
#ifdef FMODE_NOREUSE
		fadvise_set_mode(file, 0, FMODE_RANDOM | FMODE_NOREUSE);
#else
		fadvise_set_mode(file, 0, FMODE_RANDOM);
#endif
		break;
	case POSIX_FADV_RANDOM:
		fadvise_set_mode(file, FMODE_RANDOM, 0);
		break;
	case POSIX_FADV_SEQUENTIAL:
		file->f_ra.ra_pages = bdi->ra_pages * 2;
		fadvise_set_mode(file, 0, FMODE_RANDOM);
		break;
	case POSIX_FADV_WILLNEED:
		/* From the first to the last partial page. */
		first = offset >> PAGE_SHIFT;
		nrpages = (endbyte >> PAGE_SHIFT) - first + 1;
		if (!nrpages)
			nrpages = ~0UL;
		fadvise_willneed(file, mapping, first, nrpages);
		break;
	case POSIX_FADV_NOREUSE:
#ifdef FMODE_NOREUSE
		fadvise_set_mode(file, FMODE_NOREUSE, 0);
#endif
		break;
	case POSIX_FADV_DONTNEED:
		fadvise_dontneed(file, mapping, offset, endbyte);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

static struct klp_func funcs[] = {
	{
		.old_name = "kern_select",
		.new_func = patched_kern_select,
	},
	{
		.old_name = "generic_fadvise",
		.new_func = patched_generic_fadvise,
	},
	{ }
};

static struct klp_object objs[] = {
	{
		/* .name NULL: vmlinux */
		.funcs = funcs,
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
	/* Cumulative: it carries every fix of version 1 and replaces it. */
	.replace = true,
};

static int __init livepatch_select_timeval_v2_init(void)
{
	return klp_enable_patch(&patch);
}

static void __exit livepatch_select_timeval_v2_exit(void)
{
}

module_init(livepatch_select_timeval_v2_init);
module_exit(livepatch_select_timeval_v2_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Live patch v2: select() and fadvise() refuse negative values; replaces v1");
MODULE_INFO(livepatch, "Y");

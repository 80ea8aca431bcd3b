// SPDX-License-Identifier: GPL-2.0
/*
 * proof_ns.c - a namespaced export and modversions, as a module.
 *
 * Built by checks/limitations.sh with each installed kernel's kbuild and
 * never loaded.  dma_buf_get() is exported in the DMA_BUF namespace on
 * 6.1 and 6.12: code copied from a driver that calls it builds into a
 * live patch only with the driver's MODULE_IMPORT_NS(DMA_BUF) copied as
 * well; without it modpost stops the build.  Built with it, the module
 * carries the CRC of dma_buf_get() from the headers' Module.symvers
 * (CONFIG_MODVERSIONS=y), which the module loader compares with the
 * running kernel's.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/dma-buf.h>
#include <linux/err.h>
#include <linux/version.h>

long pn_probe(int fd);

noinline long pn_probe(int fd)
{
	struct dma_buf *buf = dma_buf_get(fd);

	if (IS_ERR(buf))
		return PTR_ERR(buf);
	dma_buf_put(buf);
	return 0;
}
EXPORT_SYMBOL_GPL(pn_probe);

#ifdef PROOF_IMPORT
/* The argument became a string literal in 6.13 (commit cdd30ebb1b9f). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
MODULE_IMPORT_NS("DMA_BUF");
#else
MODULE_IMPORT_NS(DMA_BUF);
#endif
#endif
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A namespaced export and its CRC, for build-match.rst");

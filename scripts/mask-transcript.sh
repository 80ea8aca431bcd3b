#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mask-transcript.sh [FILE...]: print FILE (or stdin) with what changes
# from one Debian build of the same kernel series to the next replaced by
# a placeholder in angle brackets, so that a point release changes no
# committed transcript (source/transcripts/) and no page:
#
#   [   12.345678]                  kernel log time stamp   [<time>]
#   6.1.0-57-amd64, 6.12.95+deb12-amd64    kernel release   <release>
#   #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)    <build>
#   (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld ...)  (<compiler>)
#   0xffffffff81cd82a0              vmlinux text/data       <vmlinux address>
#   0xffffffffc0a01000              module address          <module address>
#   build ID 40 hex digits                                  build ID <build ID>
#   linux-image-...-dbg 6.1.192-2   its Debian version      -dbg <version>
#   vmtest.start=21                 the VM harness's test   vmtest.start=<N>
#                                   to start from (boot 2+)
#   vmtest.shard=1/2                which of its VMs        (dropped: the
#                                   (checks/vm/run.sh)      same with 1 or 2)
#
# Every transcript writer runs its output through this script (the VM's
# checks/vm/transcripts.sh, checks/klp-check-transcripts.sh); the
# transcripts check (checks/transcripts.sh) fails on a committed
# transcript that it would change.  The masks are idempotent.
exec sed -E \
	-e 's/\[ *[0-9]+\.[0-9]+\]/[<time>]/g' \
	-e 's/#[0-9]+ SMP( PREEMPT_[A-Z]+)? Debian [^ ]+ \([0-9-]+\)/<build>/g' \
	-e 's/\((x86_64-linux-gnu-)?gcc-[0-9]+ \(Debian [^()]*\) [0-9.]+, GNU ld \([^()]*\) [0-9.]+\)/(<compiler>)/g' \
	-e 's/[0-9]+\.[0-9]+\.[0-9]+(-[0-9]+)?(\+deb[0-9]+)?-amd64/<release>/g' \
	-e 's/0xffffffff[89ab][0-9a-f]{7}/<vmlinux address>/g' \
	-e 's/0xffffffff[c-f][0-9a-f]{7}/<module address>/g' \
	-e 's/build ID [0-9a-f]{40}/build ID <build ID>/g' \
	-e 's/(-dbg) [0-9][^ ]*/\1 <version>/g' \
	-e 's/vmtest\.start=[0-9]+/vmtest.start=<N>/g' \
	-e 's/ vmtest\.shard=[0-9]+\/[0-9]+//g' \
	"$@"

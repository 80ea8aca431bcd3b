#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmlinux.sh IMAGE DIR: print the path of the kernel that the VMs boot
# for the Debian image IMAGE (a bzImage).
#
# Under TCG the image's own decompressor is slow: Debian's 6.1 image is
# xz-compressed, and its boot spent about 14 s of the host's CPU before
# the kernel's first line (24.7 s to /init against 10.3 s, measured side
# by side).  So the VMs boot the same kernel already uncompressed: the
# kernel's own scripts/extract-vmlinux (from the linux-source-6.1
# tarball, scripts/kernel-scripts.sh) takes the ELF vmlinux out of the
# image, and QEMU starts it at its PVH entry (CONFIG_PVH, set in every
# Debian amd64 kernel; QEMU's -kernel loads an ELF with that note).
# Only the way in differs: the decompressor does not run; the kernel's
# code is the image's, byte for byte.
#
# The result is kept in DIR (IMAGE's name, size and time in DIR/source)
# and reused while the image is the same.  When the image has no PVH
# entry, or extraction fails, it prints IMAGE itself and says why on
# stderr: the boot then costs more, nothing else changes.
set -eu
img=${1:?usage: vmlinux.sh IMAGE DIR}
dir=${2:?usage: vmlinux.sh IMAGE DIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac

key="$img $(stat -c '%s %Y' "$img")"
if [ -s "$dir/vmlinux" ] && [ "$(cat "$dir/source" 2>/dev/null)" = "$key" ]; then
	echo "$dir/vmlinux"
	exit 0
fi
fallback() {
	echo "vmlinux.sh: $img: $1; the VM boots the image itself" >&2
	echo "$img"
	exit 0
}
ks=$("$top"/scripts/kernel-scripts.sh "${HANDBOOK_OUT:-$out}/kernel-scripts" 2>&1) ||
	fallback "no extract-vmlinux ($ks)"
mkdir -p "$dir"
tmp=$(mktemp "$dir/vmlinux.XXXXXX")
trap 'rm -f "$tmp"' EXIT
"$ks/scripts/extract-vmlinux" "$img" >"$tmp" 2>/dev/null ||
	fallback "extract-vmlinux found no vmlinux in it"
# XEN_ELFNOTE_PHYS32_ENTRY (18): the PVH entry QEMU starts the kernel at.
readelf -n "$tmp" 2>/dev/null | grep -q 'Xen.*(0x00000012)' ||
	fallback "its vmlinux has no PVH entry note"
mv "$tmp" "$dir/vmlinux"
echo "$key" >"$dir/source"
echo "$dir/vmlinux"

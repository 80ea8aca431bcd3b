#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kernel-scripts.sh DIR: extract checkpatch.pl and its data files, and
# extract-vmlinux (checks/vm/vmlinux.sh), from Debian's linux-source-6.1
# tarball into DIR, once; print DIR.  No other Debian package ships them
# (kernel-doc, which the site needs, is in linux-kbuild and is taken from
# there).  Checks that run side by side may call it at once: flock makes
# one of them extract while the others wait.
set -eu
dir=${1:?usage: kernel-scripts.sh DIR}
tarball=
for f in /usr/src/linux-source-6.1.tar.*; do
	[ -f "$f" ] && { tarball=$f; break; }
done
if [ -z "$tarball" ]; then
	echo "error: /usr/src/linux-source-6.1.tar.xz not found: install linux-source-6.1 (make deps)" >&2
	exit 1
fi
stamp=$dir/.extracted
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9
if [ ! -f "$stamp" ] || [ ! -f "$dir/scripts/extract-vmlinux" ] ||
   [ -n "$(find "$tarball" -newer "$stamp")" ]; then
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp"
	tar -xf "$tarball" -C "$dir.tmp" --strip-components=1 \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch \
		linux-source-6.1/scripts/extract-vmlinux
	touch "$dir.tmp/.extracted"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
fi
echo "$dir"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kernel-scripts.sh DIR: extract checkpatch.pl and its data files from
# Debian's linux-source-6.1 tarball into DIR, once; print DIR.  No other
# Debian package ships checkpatch.pl (kernel-doc, which the site needs, is
# in linux-kbuild and is taken from there).
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
if [ ! -f "$stamp" ] || [ -n "$(find "$tarball" -newer "$stamp")" ]; then
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp"
	tar -xf "$tarball" -C "$dir.tmp" --strip-components=1 \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
	touch "$dir.tmp/.extracted"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
fi
echo "$dir"

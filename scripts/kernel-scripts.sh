#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kernel-scripts.sh [DIR]: checkpatch.pl with its data files (for
# check-examples) and extract-vmlinux (checks/vm/vmlinux.sh), taken from
# Debian's linux-source-6.1 tarball: no other Debian package ships them
# (kernel-doc, which the site needs, is in linux-kbuild and is taken from
# there).
#
# Set-up, done once: `make deps` unpacks them into a cache outside the
# tree, ${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/kernel-scripts-6.1
# (KERNEL_SCRIPTS_CACHE moves it), whose .source names the tarball with
# its size and time; they are unpacked again only when that changes (a
# new linux-source-6.1).  Unpacking means reading the tarball through xz
# up to the last of the four files.  Without DIR it prints the cache.
# With DIR (what the checks pass: $HANDBOOK_OUT/kernel-scripts) it copies
# the four files there, unpacking first if the cache is missing or stale,
# and prints DIR.  Callers that run side by side wait for one another
# (flock).
set -eu
dir=${1:-}
tarball=
for f in /usr/src/linux-source-6.1.tar.*; do
	[ -f "$f" ] && { tarball=$f; break; }
done
if [ -z "$tarball" ]; then
	echo "error: /usr/src/linux-source-6.1.tar.xz not found: install linux-source-6.1 (make deps)" >&2
	exit 1
fi
key="$tarball $(stat -c '%s %Y' "$tarball")"
cache=${KERNEL_SCRIPTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/kernel-scripts-6.1}
files="scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch scripts/extract-vmlinux"

# fresh DIR: DIR has every file, taken from this very tarball.
fresh() {
	[ "$(cat "$1/.source" 2>/dev/null)" = "$key" ] || return 1
	for f in $files; do
		[ -f "$1/$f" ] || return 1
	done
}

mkdir -p "$(dirname "$cache")"
exec 8>"$cache.lock"
flock 8
if ! fresh "$cache"; then
	rm -rf "$cache.tmp"
	mkdir -p "$cache.tmp"
	# --occurrence: tar stops at the last file named instead of reading
	# (and xz decompressing) the rest of the tarball.
	# shellcheck disable=SC2046,SC2086 # one member per word
	if ! tar -xf "$tarball" -C "$cache.tmp" --strip-components=1 \
		--occurrence $(printf 'linux-source-6.1/%s ' $files); then
		rm -rf "$cache.tmp"
		echo "error: $tarball: cannot unpack $files" >&2
		exit 1
	fi
	echo "$key" >"$cache.tmp/.source"
	rm -rf "$cache"
	mv "$cache.tmp" "$cache"
fi
if [ -z "$dir" ]; then
	echo "$cache"
	exit 0
fi

mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9
if ! fresh "$dir" || [ ! -f "$dir/.extracted" ]; then
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp/scripts"
	for f in $files; do
		cp -p "$cache/$f" "$dir.tmp/$f"
	done
	cp "$cache/.source" "$dir.tmp/.source"
	touch "$dir.tmp/.extracted"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
fi
echo "$dir"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# debian-source.sh: read a file of the Debian kernel source that an
# installed kernel was built from, to check whether an upstream fix is in
# it.  Debian backports many stable fixes, so the CVE tracker is not
# enough: the source is the answer.
#
#   scripts/debian-source.sh tarball REL     path of the linux-source
#                                            tarball of REL's series
#   scripts/debian-source.sh cat REL FILE    FILE (e.g. fs/select.c) from it
#
# A series whose source make deps installs (6.1 in /usr/src, 7.x in the
# trixie root) is found by scripts/kernels.sh source.  Any other (6.12):
# linux-source-SERIES of the exact version of REL's
# image package, fetched once with apt-get download into
# ${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/source/ and unpacked
# there (about 150 MB; apt checks the package against its signed index).
# A file read by "cat" is kept in that cache too, under files/SERIES/, and
# read from the tarball again only when the tarball changes (its path,
# size or time).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/kernels.sh"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/source

die() { echo "debian-source.sh: $*" >&2; exit 1; }

tarball() { # REL
	series=$(kernel_series "$1")
	kernel_source "$series" && return 0
	pkg=linux-image-$1
	ver=$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null) ||
		die "$pkg is not installed: run make deps"
	t=$cache/$series-$ver/usr/src/linux-source-$series.tar.xz
	[ -r "$t" ] && { echo "$t"; return 0; }
	tmp=$cache/.new.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"
	(cd "$tmp" && apt-get download -q "linux-source-$series=$ver") \
		>"$tmp/apt.log" 2>&1 ||
		{ cat "$tmp/apt.log" >&2; rm -rf "$tmp";
		  die "apt-get download linux-source-$series=$ver failed"; }
	dpkg-deb -x "$tmp"/linux-source-"$series"_*.deb "$tmp/x" ||
		{ rm -rf "$tmp"; die "cannot unpack linux-source-$series"; }
	rm -rf "$cache/$series-$ver"
	mv "$tmp/x" "$cache/$series-$ver"
	rm -rf "$tmp"
	echo "$t"
}

case ${1:-} in
tarball)
	tarball "${2:?usage: debian-source.sh tarball REL}"
	;;
cat)
	rel=${2:?usage: debian-source.sh cat REL FILE}
	file=${3:?usage: debian-source.sh cat REL FILE}
	t=$(tarball "$rel")
	series=$(kernel_series "$rel")
	# Kept under the cache, beside .key (the tarball's path, size and
	# time): read from the tarball again only when that changes.  Reading
	# it means xz decompressing the tarball up to the file, about 10 s of
	# CPU for fs/select.c.
	c=$cache/files/$series/$file
	key="$t $(stat -L -c '%s %Y' "$t")"
	if [ -f "$c" ] && [ "$(cat "$c.key" 2>/dev/null)" = "$key" ]; then
		cat "$c"
		exit 0
	fi
	mkdir -p "$(dirname "$c")"
	# --occurrence=1: stop at the file instead of reading the rest.
	tar --occurrence=1 -xOJf "$t" "linux-source-$series/$file" >"$c.$$" ||
		{ rm -f "$c.$$"; die "$file is not in $t"; }
	# The file first, then its key: a key names only a complete file.
	rm -f "$c.key"
	mv "$c.$$" "$c"
	echo "$key" >"$c.key.$$" && mv "$c.key.$$" "$c.key"
	cat "$c"
	;;
*)
	echo "usage: debian-source.sh tarball REL | cat REL FILE" >&2
	exit 2
	;;
esac

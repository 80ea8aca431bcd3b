#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fetch-dbg-vmlinux.sh RELEASE: get the vmlinux with DWARF of Debian's
# kernel RELEASE (as `uname -r` prints it) and print its path.
#
#   scripts/fetch-dbg-vmlinux.sh "$(uname -r)"
#   klp-check -e "$(scripts/fetch-dbg-vmlinux.sh "$(uname -r)")" FUNCTION...
#
# Debian ships it in linux-image-RELEASE-dbg (bookworm for 6.1,
# bookworm-backports for 6.12; for the handbook's 7.x kernel, the
# trixie-backports of the root that scripts/trixie-root.sh makes, whose
# apt is asked instead of the host's when the host's does not know the
# package).  This script:
#
#   1. asks apt for the package's version, size and SHA256: they come
#      from the Packages index that apt checked against the InRelease
#      file signed by Debian's archive key when it last ran apt-get
#      update.  When linux-image-RELEASE is installed, the -dbg package
#      must have its version (a rebuilt kernel with the same RELEASE
#      string would have other addresses);
#   2. downloads it with `apt-get download` (858 MB for 6.1, about 1 GB
#      for 6.12) into a temporary directory next to the cache;
#   3. compares the .deb's size and SHA256 with the index, and refuses it
#      when they differ;
#   4. extracts only the vmlinux (usr/lib/debug/boot/vmlinux-RELEASE, or
#      usr/lib/debug/lib/modules/RELEASE/vmlinux) and renames it to
#      CACHE/vmlinux, then writes CACHE/package (name, version, SHA256),
#      last; the .deb is deleted;
#   5. prints CACHE/vmlinux.
#
# CACHE is ${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/dbg/RELEASE,
# outside the tree; klp-check looks there for the running release.  When
# CACHE/vmlinux and CACHE/package are both there, nothing is fetched
# again: the path is printed at once.  A half-done run leaves only a
# directory CACHE.tmp.* that the next run removes.
#
# Exit status: 0 the path is printed; 1 an error (one line on standard
# error naming the package or file and the reason); 2 bad command line.
# `make check` does not run this (the download is about 1 GB); the checks
# of checks/fetch-dbg-vmlinux.sh use a small fake package instead.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
prog=fetch-dbg-vmlinux

die() {
	echo "$prog: $*" >&2
	exit 1
}

usage() {
	echo "usage: $prog.sh RELEASE    (RELEASE as uname -r prints it, e.g. \"\$(uname -r)\")" >&2
	exit 2
}

case ${1:-} in
-h | --help)
	echo "usage: $prog.sh RELEASE: fetch Debian's linux-image-RELEASE-dbg, check it"
	echo "against apt's signed index, keep only its vmlinux in"
	echo "\${XDG_CACHE_HOME:-\$HOME/.cache}/livepatch-handbook/dbg/RELEASE/ and print its path"
	exit 0 ;;
esac
[ $# -eq 1 ] || usage
rel=$1
# A release string as Debian writes it, and never a path.
case $rel in
'' | *[!0-9A-Za-z.+~_-]* | [!0-9]*)
	echo "$prog: '$rel' is not a kernel release (like the output of uname -r)" >&2
	usage ;;
esac

base=${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/livepatch-handbook/dbg
cache=$base/$rel
vm=$cache/vmlinux
stamp=$cache/package
pkg=linux-image-$rel-dbg

# Done before: print the path, fetch nothing.
if [ -s "$vm" ] && [ -s "$stamp" ]; then
	echo "$vm"
	exit 0
fi

missing=
for t in apt-cache apt-get dpkg-deb dpkg-query sha256sum tar flock; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -z "$missing" ] || die "not found:$missing: install apt dpkg coreutils tar (make deps)"

# apt_run CMD...: the host's apt, or the 7.x root's (see above)
apt_run() {
	"$@"
}
record=$(apt-cache show --no-all-versions "$pkg" 2>/dev/null)
if [ -z "$record" ] && [ -x "$top/scripts/trixie-root.sh" ] &&
   [ "$("$top/scripts/trixie-root.sh" release 2>/dev/null)" = "$rel" ]; then
	apt_run() {
		"$top/scripts/trixie-root.sh" run --bind "$base" "$@"
	}
	record=$(apt_run apt-cache show --no-all-versions "$pkg" 2>/dev/null)
fi
[ -n "$record" ] ||
	die "$pkg: apt knows no such package: Debian ships -dbg packages for its own kernel builds only; run apt-get update (6.12 is in bookworm-backports, which make deps adds)"

# The installed image's version, if any: the -dbg package must match it.
want=$(dpkg-query -W -f='${Status} ${Version}\n' "linux-image-$rel" 2>/dev/null |
	sed -n 's/^install ok installed //p')
if [ -n "$want" ]; then
	record=$(apt_run apt-cache show "$pkg=$want" 2>/dev/null)
	[ -n "$record" ] ||
		die "$pkg: apt has no version $want, the version of the installed linux-image-$rel (apt-get update, or upgrade the kernel)"
fi
field() { # field NAME: from the first record
	echo "$record" | sed -n "s/^$1: //p" | head -n 1
}
ver=$(field Version)
sum=$(field SHA256)
size=$(field Size)
if [ -z "$ver" ] || [ -z "$sum" ] || [ -z "$size" ]; then
	die "$pkg: apt's record has no Version, SHA256 or Size"
fi

# One run per release at a time; a second one waits, then finds it done.
mkdir -p "$base" || die "$base: cannot create the cache directory"
exec 9>"$cache.lock" || die "$cache.lock: cannot create"
flock 9 || die "$cache.lock: cannot lock"
if [ -s "$vm" ] && [ -s "$stamp" ]; then
	echo "$vm"
	exit 0
fi
rm -rf "$cache".tmp.*
work=$(mktemp -d "$cache.tmp.XXXXXX") || die "$base: cannot create a directory"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

echo "$prog: downloading $pkg $ver ($((size / 1048576)) MB)" >&2
# shellcheck disable=SC2016 # $1 and $2 are the inner shell's
apt_run sh -c 'cd "$1" && apt-get -q download "$2"' sh "$work" "$pkg=$ver" >&2 ||
	die "$pkg=$ver: apt-get download failed"
deb=$(find "$work" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
[ -n "$deb" ] || die "$pkg=$ver: no .deb after apt-get download"
got=$(stat -c %s "$deb")
[ "$got" = "$size" ] ||
	die "$deb: $got bytes, apt's index says $size: refused"
echo "$sum  $deb" | sha256sum -c --status - ||
	die "$deb: SHA256 differs from apt's index ($sum): refused"

# Only the vmlinux; tar reports the path that is not in the package.
dpkg-deb --fsys-tarfile "$deb" | (cd "$work" && tar -x --wildcards \
	"./usr/lib/debug/boot/vmlinux-$rel" \
	"./usr/lib/debug/lib/modules/$rel/vmlinux" 2>/dev/null)
for f in "$work/usr/lib/debug/boot/vmlinux-$rel" \
	 "$work/usr/lib/debug/lib/modules/$rel/vmlinux" ""; do
	[ -s "$f" ] && break
done
[ -n "$f" ] || die "$deb: holds no usr/lib/debug/boot/vmlinux-$rel"
[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = 177ELF ] ||
	die "$deb: its vmlinux-$rel is not an ELF file"

mkdir -p "$cache" || die "$cache: cannot create"
mv "$f" "$vm" || die "$vm: cannot write"
if ! echo "$pkg $ver (sha256 $sum)" >"$stamp.tmp" ||
   ! mv "$stamp.tmp" "$stamp"; then
	die "$stamp: cannot write"
fi
echo "$vm"

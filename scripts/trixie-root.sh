#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# trixie-root.sh: the Debian 13 (trixie) root the 7.x kernel is built and
# read in.  Debian 12 has no gcc-14, which the 7.x headers call, so kbuild
# for that kernel runs inside this root; the host's apt sources stay as
# they are.
#
#   scripts/trixie-root.sh ensure      create the root, or check it and
#                                      install what scripts/trixie-packages.txt
#                                      gained since; print its path
#   scripts/trixie-root.sh run [--bind DIR]... CMD [ARG]...
#                                      run CMD as root inside the root, with
#                                      the project tree, OUT and each DIR at
#                                      the same paths, /proc, /dev and a
#                                      fresh /tmp; exit with CMD's status
#   scripts/trixie-root.sh path        print the path, whether or not it
#                                      is ready
#   scripts/trixie-root.sh release     the 7.x release installed in it
#
# Where: TRIXIE_ROOT, default ${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/trixie-root
# (outside the tree: it is about 1 GB).  Mirror: TRIXIE_MIRROR, default
# http://deb.debian.org/debian.
#
# The root is made by mmdebstrap --variant=minbase in PATH.new.PID, gets
# the packages of trixie-packages.txt plus the headers, the image
# (linux-binary-REL, whose vmlinuz lives in /usr/lib/modules/REL/) and
# linux-source of the newest 7.x kernel in trixie-backports, and only
# then a stamp file (.livepatch-handbook-root) and the rename to PATH.  A
# root without the stamp or missing one of the files it names is broken
# and made anew.  A lock (PATH.lock) keeps two ensures from racing.
#
# Why bwrap (Debian's bubblewrap) and not unshare + chroot: bwrap sets up
# the bind mounts, /proc, /dev and /tmp in a private mount namespace in
# one command and tears them down with the process, so nothing stays
# mounted on the host when a build fails or is killed; with unshare +
# chroot every mount would be a separate step to get right in shell.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
root=${TRIXIE_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/livepatch-handbook/trixie-root}
mirror=${TRIXIE_MIRROR:-http://deb.debian.org/debian}
list=$top/scripts/trixie-packages.txt
stamp_name=.livepatch-handbook-root

die() {
	echo "trixie-root: $*" >&2
	exit 1
}

packages() {
	[ -r "$list" ] || die "cannot read $list"
	sed -e 's/#.*//' "$list" | tr -s ' \t' '\n' | sed '/^$/d'
}

# The files a usable root has; $1 is the root, $2 the 7.x release.
root_complete() {
	[ -f "$1/$stamp_name" ] || return 1
	for f in usr/bin/gcc usr/bin/as usr/bin/make \
		"usr/src/linux-headers-$2/Makefile" \
		"usr/lib/modules/$2/vmlinuz"; do
		[ -e "$1/$f" ] || return 1
	done
	ls "$1"/usr/src/linux-source-*.tar.xz >/dev/null 2>&1
}

stamp_release() { # ROOT
	[ -f "$1/$stamp_name" ] || return 0
	sed -n 's/^release //p' "$1/$stamp_name"
}

# Packages of the list not installed in root $1.  NAME/SUITE (e.g.
# libelf-dev/trixie-backports) is NAME, installed from SUITE.
missing() {
	r=$1
	shift
	for p in "$@"; do
		dpkg-query --admindir="$r/var/lib/dpkg" -W -f='${Status}\n' \
			"${p%%/*}" 2>/dev/null | grep -q '^install ok installed$' ||
			echo "$p"
	done
}

# run_in ROOT [--bind DIR]... CMD...: see the header.  The project tree and
# OUT are bound read-write: kbuild writes its objects next to the sources
# it is given (M=).
run_in() {
	r=$1
	shift
	command -v bwrap >/dev/null 2>&1 ||
		die "bwrap not found: install bubblewrap (make deps)"
	out=${OUT:-output}
	case $out in /*) ;; *) out=$top/$out ;; esac
	mkdir -p "$out"
	set -- --bind "$top" --bind "$out" "$@"
	binds=
	while [ "${1:-}" = --bind ]; do
		[ -n "${2:-}" ] || die "run: --bind needs a directory"
		[ -d "$2" ] || die "run: --bind $2: no such directory"
		d=$(cd "$2" && pwd -P)
		binds="$d $binds" # last first: see below
		shift 2
	done
	[ $# -gt 0 ] || die "usage: trixie-root.sh run [--bind DIR]... CMD [ARG]..."
	# The working directory stays when it is visible inside.
	cwd=/
	here=$(pwd -P)
	for d in $binds; do
		case $here/ in "$d"/*) cwd=$here ;; esac
	done
	# Prepended last first, the binds come in their order: OUT after the
	# tree it may lie in.
	for d in $binds; do
		set -- --bind "$d" "$d" "$@"
	done
	[ -r /etc/resolv.conf ] &&
		set -- --ro-bind /etc/resolv.conf /etc/resolv.conf "$@"
	exec bwrap --bind "$r" / --proc /proc --dev /dev --tmpfs /tmp \
		--cap-add ALL --die-with-parent --chdir "$cwd" \
		--setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--setenv LC_ALL C.UTF-8 --setenv DEBIAN_FRONTEND noninteractive \
		--setenv HOME /root --unsetenv TMPDIR "$@"
}

# The newest 7.x amd64 flavour in the root's apt lists (trixie-backports).
newest_7x() { # ROOT
	(run_in "$1" apt-cache pkgnames linux-headers-7.) |
		grep -E '^linux-headers-7\.[0-9]+\.[0-9]+[^-]*(-[0-9]+)?-amd64$' |
		sed 's/^linux-headers-//' | sort -V | tail -n 1
}

# Install the 7.x kernel into root $1: headers, image, source.  Prints the
# release.
install_kernel() { # ROOT
	rel=$(newest_7x "$1")
	[ -n "$rel" ] || die "no 7.x kernel (linux-headers-7.*-amd64) in trixie-backports at $mirror"
	series=$(echo "$rel" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
	# Since 6.19 Debian ships vmlinuz and modules in linux-binary-REL;
	# linux-image-REL is then an empty package depending on it.
	img=linux-binary-$rel
	(run_in "$1" apt-cache show "$img") >/dev/null 2>&1 || img=linux-image-$rel
	echo "trixie-root: installing the $rel kernel from trixie-backports" >&2
	(run_in "$1" apt-get install -y -q --no-install-recommends \
		-t trixie-backports "linux-headers-$rel" "$img" \
		"linux-source-$series") >&2 ||
		die "cannot install the $rel kernel into $1"
	echo "$rel"
}

# Parts of the 7.x source that run rather than being read: kernel-doc,
# which 7.x's linux-kbuild no longer ships and which is Python now, with
# its library.  They go to /usr/local/share/livepatch-handbook/ inside the
# root (scripts/kernels.sh script SERIES kernel-doc finds them there).
source_parts() { # ROOT RELEASE
	series=$(echo "$2" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
	d=$1/usr/local/share/livepatch-handbook
	[ -e "$d/linux-source-$series/tools/docs/kernel-doc" ] && return 0
	echo "trixie-root: unpacking kernel-doc from linux-source-$series" >&2
	mkdir -p "$d"
	rm -rf "$d/new"
	mkdir "$d/new"
	tar -xJf "$1/usr/src/linux-source-$series.tar.xz" -C "$d/new" \
		"linux-source-$series/scripts/kernel-doc" \
		"linux-source-$series/tools/docs/kernel-doc" \
		"linux-source-$series/tools/lib/python" ||
		die "cannot unpack kernel-doc from $1/usr/src/linux-source-$series.tar.xz"
	rm -rf "$d/linux-source-$series"
	mv "$d/new/linux-source-$series" "$d/"
	rmdir "$d/new"
}

write_stamp() { # ROOT RELEASE
	{
		echo "release $2"
		echo "made $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	} >"$1/$stamp_name.tmp"
	mv "$1/$stamp_name.tmp" "$1/$stamp_name"
}

make_root() {
	command -v mmdebstrap >/dev/null 2>&1 ||
		die "mmdebstrap not found: install mmdebstrap (make deps)"
	[ "$(id -u)" -eq 0 ] || die "making the root needs root (mmdebstrap, bwrap)"
	new=$root.new.$$
	rm -rf "$new"
	trap 'rm -rf "$new"' EXIT
	echo "trixie-root: making $root with mmdebstrap (a few minutes)" >&2
	include=$(packages | tr '\n' ',' | sed 's/,$//')
	# --skip=cleanup/apt/lists keeps the package lists, so the kernel
	# can be resolved right after.
	mmdebstrap --variant=minbase --include="$include" \
		--aptopt='APT::Install-Recommends "false"' \
		--skip=cleanup/apt/lists --components=main \
		trixie "$new" \
		"deb $mirror trixie main" \
		"deb $mirror trixie-updates main" \
		"deb $mirror trixie-backports main" >&2 ||
		die "mmdebstrap failed for $root"
	rel=$(install_kernel "$new")
	(run_in "$new" apt-get clean) >&2
	complete_check_files "$new" "$rel"
	source_parts "$new" "$rel"
	write_stamp "$new" "$rel"
	rm -rf "$root.old"
	[ -e "$root" ] && mv "$root" "$root.old"
	mv "$new" "$root"
	trap - EXIT
	rm -rf "$root.old"
}

# Before the stamp: the files complete() looks for, with a message.
complete_check_files() { # ROOT RELEASE
	for f in usr/bin/gcc usr/bin/as usr/bin/make \
		"usr/src/linux-headers-$2/Makefile" "usr/lib/modules/$2/vmlinuz"; do
		[ -e "$1/$f" ] || die "the new root lacks /$f"
	done
	ls "$1"/usr/src/linux-source-*.tar.xz >/dev/null 2>&1 ||
		die "the new root lacks /usr/src/linux-source-*.tar.xz"
}

ensure() {
	mkdir -p "$(dirname "$root")"
	exec 9>"$root.lock"
	flock 9
	rel=$(stamp_release "$root")
	if [ -z "$rel" ] || ! root_complete "$root" "$rel"; then
		[ -e "$root" ] && echo "trixie-root: $root is incomplete: making it anew" >&2
		make_root
		rel=$(stamp_release "$root")
	fi
	# The list gained packages since the root was made: install them.
	# shellcheck disable=SC2046 # one package per word
	todo=$(missing "$root" $(packages))
	if [ -n "$todo" ]; then
		# shellcheck disable=SC2086 # one package per word
		echo "trixie-root: installing into $root:" $todo >&2
		(run_in "$root" apt-get update -q) >&2 ||
			die "apt-get update failed in $root"
		# shellcheck disable=SC2086 # one package per word
		(run_in "$root" apt-get install -y -q --no-install-recommends $todo) >&2 ||
			die "cannot install into $root:" $todo
		(run_in "$root" apt-get clean) >&2
	fi
	source_parts "$root" "$rel"
	echo "$root"
}

case ${1:-} in
ensure)
	ensure
	;;
run)
	shift
	rel=$(stamp_release "$root")
	if [ -z "$rel" ] || ! root_complete "$root" "$rel"; then
		die "no complete root at $root: run scripts/trixie-root.sh ensure (make deps)"
	fi
	run_in "$root" "$@"
	;;
path)
	echo "$root"
	;;
release)
	rel=$(stamp_release "$root")
	[ -n "$rel" ] || exit 1
	echo "$rel"
	;;
*)
	echo "usage: trixie-root.sh ensure|run [--bind DIR]... CMD [ARG]...|path|release" >&2
	exit 2
	;;
esac

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kernels.sh: the one place that knows which kernels the handbook proves
# and where the parts of each installed kernel are.  Every script asks it;
# none looks in /boot or /usr/src by itself.
#
# As a command:
#   scripts/kernels.sh list            releases to prove on, oldest first
#                                      (the default of KERNELS)
#   scripts/kernels.sh series REL      6.1, 6.12, ... of a release
#   scripts/kernels.sh kdir REL        its headers (kbuild's -C directory)
#   scripts/kernels.sh image REL       its bootable image (vmlinuz)
#   scripts/kernels.sh common SERIES   the arch-independent headers of a
#                                      series (/usr/src/linux-headers-*-common)
#   scripts/kernels.sh script SERIES NAME  a kbuild script of a series
#                                      (linux-kbuild: kernel-doc, sign-file)
#   scripts/kernels.sh source SERIES   the kernel source tarball of a series
#                                      (linux-source-SERIES.tar.xz)
#   scripts/kernels.sh config REL      its configuration (/boot/config-REL,
#                                      else the .config of its headers)
#   scripts/kernels.sh default-kdir    KDIR of `make examples`: the running
#                                      kernel's build directory, else the
#                                      newest installed headers
#   scripts/kernels.sh make KDIR ARG...  make -C KDIR ARG..., inside the
#                                      trixie root when KDIR lies in it
#   scripts/kernels.sh exec PATH CMD [ARG]...  CMD, inside the trixie root
#                                      when PATH (a file CMD reads or runs)
#                                      lies in it, with PATH's prefix
#                                      dropped from every ARG
# Sourced (". scripts/kernels.sh", with $top set to the project tree), it
# defines the same as functions (those with variables run in a subshell,
# so they never change the caller's: n and failed of checks/tap.sh, say): kernels_list, kernel_series, kernel_kdir,
# kernel_image, kernel_common, kernel_script, kernel_source, kernel_config,
# kernel_default_kdir, kernel_make, kernel_exec.  A lookup that finds
# nothing prints nothing and returns 1, so callers can say what to install.
#
# Where the kernels are: 6.1 (bookworm) and 6.12 (bookworm-backports) on
# the host, in /boot and /usr/src; 7.x (trixie-backports) in the trixie
# root of scripts/trixie-root.sh, whose headers need trixie's gcc-14: its
# paths are returned as seen from the host (ROOT/usr/src/...), and
# kernel_make and kernel_exec run a tool inside the root on them.

# The series the handbook proves: Debian's 6.1 (bookworm), 6.12
# (bookworm-backports) and the newest 7.x of trixie-backports, whichever
# 7 the root was made with ("7" matches any 7.N).
KERNEL_SERIES=${KERNEL_SERIES:-"6.1 6.12 7"}

if [ -n "${top:-}" ] && [ -x "$top/scripts/trixie-root.sh" ]; then
	kernels_scripts=$top/scripts
else
	kernels_scripts=$(cd "$(dirname "$0")" && pwd)
fi

# The trixie root's path, and the 7.x release it holds ("" before
# `make deps` made it).
kernel_root() {
	"$kernels_scripts/trixie-root.sh" path
}

kernel_root_release() {
	"$kernels_scripts/trixie-root.sh" release 2>/dev/null
}

kernel_series() ( # REL
	echo "$1" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/'
)

kernels_list() (
	rootrel=$(kernel_root_release) || rootrel=
	for s in $KERNEL_SERIES; do
		# Debian's flavour amd64: "6.1.0-57-amd64", "6.12.57+deb12-amd64".
		for f in /boot/vmlinuz-"$s".[0-9]*; do
			[ -e "$f" ] && echo "${f#/boot/vmlinuz-}"
		done
		# The root's: "7.N.M+debNN-amd64".
		echo "$rootrel" | sed -n "s/^\\($s\\.[0-9].*\\)\$/\\1/p"
	done | sort -uV | tr '\n' ' ' | sed 's/ $//'
)

# The first of PATHs (relative to / or to the root) that exists.
kernel_first() ( # TEST PATH...
	t=$1
	shift
	for p in "$@"; do
		test "$t" "$p" && { echo "$p"; return 0; }
	done
	r=$(kernel_root)
	for p in "$@"; do
		test "$t" "$r$p" && { echo "$r$p"; return 0; }
	done
	return 1
)

kernel_kdir() ( # REL
	d=$(kernel_first -f "/usr/src/linux-headers-$1/Makefile" \
		"/lib/modules/$1/build/Makefile") || return 1
	echo "${d%/Makefile}"
)

kernel_image() { # REL
	# 7.x: vmlinuz lives in /usr/lib/modules/REL/ (linux-binary-REL).
	kernel_first -r "/boot/vmlinuz-$1" "/usr/lib/modules/$1/vmlinuz"
}

# The newest match of a glob, on the host, else in the root.
# (ls: Debian's package paths have no blanks.)
kernel_glob() ( # GLOB
	# shellcheck disable=SC2012,SC2086 # GLOB is a pattern
	f=$(ls -d $1 2>/dev/null | sort -V | tail -n 1)
	# shellcheck disable=SC2012,SC2086 # GLOB is a pattern
	[ -z "$f" ] && f=$(ls -d "$(kernel_root)"$1 2>/dev/null | sort -V | tail -n 1)
	[ -n "$f" ] && { echo "$f"; return 0; }
	return 1
)

kernel_common() { # SERIES
	kernel_glob "/usr/src/linux-headers-$1.*-common"
}

kernel_script() { # SERIES NAME
	# linux-kbuild-6.1 (bookworm), linux-kbuild-6.12.57+deb12 (backports),
	# linux-kbuild-7.N.M+debNN (trixie-backports): the series alone or
	# followed by a dot, never 6.1 for 6.12.
	# 7.x's kernel-doc is not in linux-kbuild: scripts/trixie-root.sh
	# unpacks it from linux-source.
	kernel_glob "/usr/lib/linux-kbuild-$1/scripts/$2" ||
		kernel_glob "/usr/lib/linux-kbuild-$1.*/scripts/$2" ||
		kernel_glob "/usr/local/share/livepatch-handbook/linux-source-$1/scripts/$2" ||
		kernel_glob "/usr/local/share/livepatch-handbook/linux-source-$1.*/scripts/$2"
}

# Its configuration: /boot/config-REL, else the .config of its headers
# (7.x: the headers in the trixie root).
kernel_config() ( # REL
	kernel_first -r "/boot/config-$1" && return 0
	d=$(kernel_kdir "$1") && [ -r "$d/.config" ] && { echo "$d/.config"; return 0; }
	return 1
)

kernel_source() { # SERIES
	kernel_first -r "/usr/src/linux-source-$1.tar.xz"
}

# kernel_exec PATH CMD [ARG]...: when PATH lies in the trixie root, run
# CMD there (scripts/trixie-root.sh run), PATH's root prefix dropped from
# every argument, with the current directory and every absolute
# directory named by an argument (or by NAME=DIR) bound at the same path;
# otherwise run CMD as it is.
kernel_exec() (
	r=$(kernel_root)
	case $1 in
	"$r"/*) ;;
	*)
		shift
		"$@"
		return
		;;
	esac
	shift
	binds="--bind $(pwd -P)"
	n=$#
	while [ "$n" -gt 0 ]; do
		a=$1
		shift
		n=$((n - 1))
		d=${a#*=}
		case $d in
		"$r"/*) a=$(echo "$a" | sed "s|$r/|/|") ;;
		/ | /usr* | /lib* | /bin* | /sbin* | /etc* | /var* | /proc* | /dev* | /sys*)
			;; # the root's own, never the host's
		/*)
			if [ -d "$d" ]; then
				binds="$binds --bind $d"
			elif [ -f "$d" ]; then
				binds="$binds --bind ${d%/*}"
			fi
			;;
		esac
		set -- "$@" "$a"
	done
	# shellcheck disable=SC2086 # --bind DIR pairs
	"$kernels_scripts/trixie-root.sh" run $binds "$@"
)

# kernel_make KDIR ARG...: kbuild for the kernel whose headers are KDIR,
# on the host or in the trixie root (gcc-14 and all).
kernel_make() {
	kernel_exec "$1" make -C "$@"
}

kernel_default_kdir() (
	d=/lib/modules/$(uname -r)/build
	[ -f "$d/Makefile" ] && { echo "$d"; return 0; }
	for r in $(kernels_list | tr ' ' '\n' | sort -rV); do
		kernel_kdir "$r" && return 0
	done
	echo "$d"
)

# Run as a command, not sourced.
case ${0##*/} in
kernels.sh)
	set -eu
	case ${1:-} in
	list) kernels_list; echo ;;
	series) kernel_series "${2:?usage: kernels.sh series REL}" ;;
	kdir) kernel_kdir "${2:?usage: kernels.sh kdir REL}" ;;
	image) kernel_image "${2:?usage: kernels.sh image REL}" ;;
	common) kernel_common "${2:?usage: kernels.sh common SERIES}" ;;
	script) kernel_script "${2:?usage: kernels.sh script SERIES NAME}" \
		"${3:?usage: kernels.sh script SERIES NAME}" ;;
	source) kernel_source "${2:?usage: kernels.sh source SERIES}" ;;
	config) kernel_config "${2:?usage: kernels.sh config REL}" ;;
	default-kdir) kernel_default_kdir ;;
	make)
		shift
		: "${1:?usage: kernels.sh make KDIR ARG...}"
		kernel_make "$@"
		;;
	exec)
		shift
		: "${2:?usage: kernels.sh exec PATH CMD [ARG]...}"
		kernel_exec "$@"
		;;
	*)
		echo "usage: kernels.sh list|series REL|kdir REL|image REL|common SERIES|script SERIES NAME|source SERIES|config REL|default-kdir|make KDIR ARG...|exec PATH CMD [ARG]..." >&2
		exit 2
		;;
	esac
	;;
esac

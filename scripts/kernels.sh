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
#   scripts/kernels.sh default-kdir    KDIR of `make examples`: the running
#                                      kernel's build directory, else the
#                                      newest installed headers
# Sourced (". scripts/kernels.sh"), it defines the same as functions:
# kernels_list, kernel_series, kernel_kdir, kernel_image, kernel_common,
# kernel_script, kernel_default_kdir.  A lookup that finds nothing prints nothing and
# returns 1, so callers can say what to install.

# The series the handbook proves: Debian's 6.1 (bookworm) and 6.12
# (bookworm-backports).
KERNEL_SERIES=${KERNEL_SERIES:-"6.1 6.12"}

kernel_series() { # REL
	echo "$1" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/'
}

kernels_list() {
	for s in $KERNEL_SERIES; do
		# Debian's flavour amd64: "6.1.0-57-amd64", "6.12.57+deb12-amd64".
		ls /boot 2>/dev/null | sed -n "s/^vmlinuz-\\($s\\.[0-9].*\\)\$/\\1/p"
	done | sort -V | tr '\n' ' ' | sed 's/ $//'
}

kernel_kdir() { # REL
	for d in "/usr/src/linux-headers-$1" "/lib/modules/$1/build"; do
		[ -f "$d/Makefile" ] && { echo "$d"; return 0; }
	done
	return 1
}

kernel_image() { # REL
	[ -r "/boot/vmlinuz-$1" ] && { echo "/boot/vmlinuz-$1"; return 0; }
	return 1
}

kernel_common() { # SERIES
	d=$(ls -d /usr/src/linux-headers-"$1".*-common 2>/dev/null |
		sort -V | tail -n 1)
	[ -n "$d" ] && { echo "$d"; return 0; }
	return 1
}

kernel_script() { # SERIES NAME
	# linux-kbuild-6.1 (bookworm), linux-kbuild-6.12.57+deb12 (backports):
	# the series alone or followed by a dot, never 6.1 for 6.12.
	f=$(ls -d /usr/lib/linux-kbuild-"$1"/scripts/"$2" \
		/usr/lib/linux-kbuild-"$1".*/scripts/"$2" 2>/dev/null |
		sort -V | tail -n 1)
	[ -n "$f" ] && { echo "$f"; return 0; }
	return 1
}

kernel_default_kdir() {
	d=/lib/modules/$(uname -r)/build
	[ -f "$d/Makefile" ] && { echo "$d"; return 0; }
	for r in $(kernels_list | tr ' ' '\n' | sort -rV); do
		kernel_kdir "$r" && return 0
	done
	echo "$d"
}

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
	default-kdir) kernel_default_kdir ;;
	*)
		echo "usage: kernels.sh list|series REL|kdir REL|image REL|common SERIES|script SERIES NAME|default-kdir" >&2
		exit 2
		;;
	esac
	;;
esac

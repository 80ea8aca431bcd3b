#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-realfix: the upstream fix that patches/select-timeval carries
# (commit 859c199bb3a9, fs/select.c) is not in the Debian source of the
# 6.1 and 6.12 kernels in KERNELS, while the code it changes is: so the
# live patch is needed there, and the check would notice a Debian update
# that takes the fix.  7.x has the fix, which the check asserts too.  Reads the source with scripts/debian-source.sh.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/kernels.sh"
. "$top/checks/tap.sh"
kernels=${KERNELS:-$(kernels_list)}
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.err"' EXIT

[ -n "$kernels" ] || emit not-ok "no kernel installed: run make deps"
for v in $kernels; do
	if ! "$top"/scripts/debian-source.sh cat "$v" fs/select.c >"$tmp" \
		2>"$tmp.err"; then
		emit not-ok "$v: fs/select.c of the Debian source is readable" \
			"$tmp.err"
		continue
	fi
	rm -f "$tmp.err"
	# kern_select() as the fix leaves it.  The patch is for 6.1 and 6.12,
	# which lack the fix; 7.x has it (the patch is not built there).
	fixed=no
	grep -qF 'if (tv.tv_sec < 0 || tv.tv_usec < 0)' "$tmp" && fixed=yes
	case $(kernel_series "$v") in
	6.*)
		if [ $fixed = no ]; then
			emit ok "$v: Debian's fs/select.c lacks fix 859c199bb3a9 (the patch is needed)"
		else
			emit not-ok "$v: Debian's fs/select.c lacks fix 859c199bb3a9 (the patch is needed)"
		fi
		if grep -qF 'tv.tv_sec + (tv.tv_usec / USEC_PER_SEC),' "$tmp"
		then
			emit ok "$v: it has the unfixed kern_select() the patch replaces"
		else
			emit not-ok "$v: it has the unfixed kern_select() the patch replaces"
		fi
		;;
	*)
		if [ $fixed = yes ]; then
			emit ok "$v: Debian's fs/select.c has fix 859c199bb3a9 (no patch needed)"
		else
			emit not-ok "$v: Debian's fs/select.c has fix 859c199bb3a9 (no patch needed)"
		fi
		;;
	esac
done
finish

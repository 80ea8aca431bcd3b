#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# transcripts.sh update|check VMDIR...: the documentation's transcripts.
#
# The VM tests copy the commands a reader would type, and their output, to
# a transcript (see show() in lib.sh).  "update" writes each example's
# transcript to source/transcripts/<example>.<series>.txt, where series is
# 6.1 or 6.12; "check" prints one TAP-style line per transcript saying
# whether the committed file still matches what the VM printed.  Kernel
# timestamps and the exact kernel release and build strings are masked when
# comparing, so a Debian point release does not fail the check; so are
# the addresses of module code (0xffffffffc... and up), which depend on the
# modules that earlier tests loaded and unloaded.
set -u

mode=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
dest=$top/source/transcripts
mkdir -p "$dest"

mask() {
	sed -E -e 's/\[ *[0-9]+\.[0-9]+\]/[TIME]/g' \
		-e 's/[0-9]+\.[0-9]+\.[0-9]+(-[0-9]+)?(\+deb[0-9]+)?-amd64/RELEASE/g' \
		-e 's/#[0-9]+ SMP PREEMPT_DYNAMIC Debian [^ ]+ \([0-9-]+\)/BUILD/g' \
		-e 's/(debian-kernel@lists\.debian\.org) \(.*\) BUILD/BUILD/' \
		-e 's/0xffffffff[c-f][0-9a-f]{7}/MODULE-ADDRESS/g' \
		"$1"
}

status=0
for vmdir in "$@"; do
	v=$(basename "$vmdir")
	series=$(echo "$v" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
	[ -f "$vmdir/transcript.clean" ] || continue
	tmp=$(mktemp -d)
	awk -v dir="$tmp" '/^=== / { f = dir "/" $2 ".txt"; next }
		f { print > f }' "$vmdir/transcript.clean"
	for t in "$tmp"/*.txt; do
		[ -e "$t" ] || continue
		name=$(basename "$t" .txt)
		file=$dest/$name.$series.txt
		case $mode in
		update)
			cp "$t" "$file.tmp" && mv "$file.tmp" "$file"
			echo "wrote ${file#"$top"/}"
			;;
		check)
			if [ ! -f "$file" ]; then
				echo "not ok - $v: transcript ${file#"$top"/} is missing (make transcripts)"
				status=1
			elif mask "$t" | diff -u "--label=${file#"$top"/}" \
				"--label=VM $v" /dev/fd/3 - 3<<EOF3 >"$tmp/diff"
$(mask "$file")
EOF3
			then
				echo "ok - $v: transcript ${file#"$top"/} matches the VM"
			else
				echo "not ok - $v: transcript ${file#"$top"/} differs from the VM (make transcripts)"
				sed 's/^/#   /' "$tmp/diff"
				status=1
			fi
			;;
		esac
	done
	rm -rf "$tmp"
done
exit $status

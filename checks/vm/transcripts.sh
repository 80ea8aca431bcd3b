#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# transcripts.sh update|check VMDIR...: the documentation's transcripts
# that the VM tests print.
#
# The VM tests copy the commands a reader would type, and their output, to
# a transcript (see show() in lib.sh); a line "=== NAME" starts the part
# that belongs in source/transcripts/NAME.<series>.txt.  Only the files
# source/transcripts/MANIFEST lists with a vm: producer are written or
# compared; the other parts are not on any page.  Both sides go through
# scripts/mask-transcript.sh, so kernel releases, builds, time stamps and
# addresses never differ.
#
# "update" writes the files (make transcripts), and refuses unless run.sh
# recorded a run of that kernel with no failure ($OUT/vm/passed).  "check"
# prints one TAP-style line per file.
set -u

mode=$1
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/kernels.sh"
dest=$top/source/transcripts
manifest=$dest/MANIFEST
mask=$top/scripts/mask-transcript.sh

# listed FILE: the manifest lists FILE with a vm: producer.
listed() {
	grep -v '^#' "$manifest" |
		awk -v f="$1" '$1 == f && $2 ~ /^vm:/ { found = 1 } END { exit !found }'
}

status=0
for vmdir in "$@"; do
	v=$(basename "$vmdir")
	series=$(kernel_series "$v")
	if [ ! -f "$vmdir/transcript.clean" ]; then
		echo "error: $vmdir: no VM run (make check-vm)" >&2
		status=1
		continue
	fi
	if [ "$mode" = update ] &&
	   ! grep -qw -- "$v" "$(dirname "$vmdir")/passed" 2>/dev/null; then
		echo "error: $v: the VM run had failures (see above): no transcript written" >&2
		status=1
		continue
	fi
	tmp=$(mktemp -d)
	awk -v dir="$tmp" '/^=== / { f = dir "/" $2 ".txt"; next }
		f { print > f }' "$vmdir/transcript.clean"
	for t in "$tmp"/*.txt; do
		[ -e "$t" ] || continue
		name=$(basename "$t" .txt).$series.txt
		listed "$name" || continue
		file=$dest/$name
		case $mode in
		update)
			"$mask" "$t" >"$file.tmp" && mv "$file.tmp" "$file"
			echo "wrote ${file#"$top"/}"
			;;
		check)
			if [ ! -f "$file" ]; then
				echo "not ok - $v: transcript ${file#"$top"/} is missing (make transcripts)"
				status=1
			elif "$mask" "$t" | diff -u "--label=${file#"$top"/}" \
				"--label=VM $v" "$file" - >"$tmp/diff"; then
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

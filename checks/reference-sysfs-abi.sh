#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-sysfs-abi: the table in source/reference/sysfs-abi.rst says, for
# each file livepatch creates, its mode and whether Debian's 6.1, 6.12 and 7.x
# have it.  The VM test checks/vm/tests/sysfs-abi.sh lists what the kernels
# really create into source/transcripts/sysfs-abi.<series>.txt (and
# `make check-vm` fails when those transcripts are stale).  This check
# compares the two, both ways: no row the kernel lacks, no file the table
# lacks, same mode.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
page=$top/source/reference/sysfs-abi.rst
. "$top/checks/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Table rows: ``PATH``  MODE  ADDED  6.1  6.12  7.x  SOURCE, between the
# ".. sysfs-abi-table-start" and "-end" comments of the page.
if ! awk -v out="$tmp" -v page="$page" '
	/^\.\. sysfs-abi-table-start/ { on = 1; next }
	/^\.\. sysfs-abi-table-end/ { on = 0; done = 1; next }
	on && /^``/ {
		if (NF < 7 || $2 !~ /^[-d][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx]$/ ||
		    $4 !~ /^(yes|no)$/ || $5 !~ /^(yes|no)$/ || $6 !~ /^(yes|no)$/) {
			printf "%s:%d: malformed table row: %s\n", page, NR, $0 \
				> "/dev/stderr"
			bad = 1
			next
		}
		path = $1
		gsub(/``/, "", path)
		rows++
		if ($4 == "yes") print $2, path > (out "/table.6.1")
		if ($5 == "yes") print $2, path > (out "/table.6.12")
		if ($6 == "yes") print $2, path > (out "/table.7")
	}
	END {
		if (!done || !rows) {
			printf "%s: no table between .. sysfs-abi-table-start " \
				"and -end\n", page > "/dev/stderr"
			exit 1
		}
		exit bad
	}' "$page" 2>"$tmp/parse.log"; then
	emit not-ok "the table in ${page#"$top"/} parses" "$tmp/parse.log"
	echo "1..$n"
	exit 1
fi
emit ok "the table in ${page#"$top"/} parses"

# The 7.x column holds for the newest 7.x transcript (the series the
# trixie root was made with: scripts/trixie-root.sh).
# shellcheck disable=SC2012 # names without blanks, sorted by version
t7=$(ls "$top"/source/transcripts/sysfs-abi.7.*.txt 2>/dev/null | sort -V | tail -n 1)
t7=${t7:-$top/source/transcripts/sysfs-abi.7.x.txt}
for series in 6.1 6.12 7; do
	tr=$top/source/transcripts/sysfs-abi.$series.txt
	[ "$series" = 7 ] && tr=$t7
	if [ ! -f "$tr" ]; then
		emit not-ok "$series: ${tr#"$top"/} exists (OUT=... EXAMPLES=livepatch-proc-version VM_TESTS=sysfs-abi make check-vm, then checks/vm/transcripts.sh update)"
		continue
	fi
	# "MODE PATH" lines printed by stat in the VM, with the names of our
	# patch, object and function replaced by the placeholders of the page.
	awk '
		$1 ~ /^[-d][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx][-rwx]$/ && NF == 2 {
			mode = $1; p = $2
			if (p == "/proc/self/patch_state") {
				print mode, "/proc/<pid>/patch_state"; next
			}
			if (p !~ /^\.\//) { print mode, p; next }
			k = split(substr(p, 3), c, "/")
			dir = (mode ~ /^d/)
			out = "/sys/kernel/livepatch/<patch>"
			if (k >= 2) out = out "/" ((k == 2 && !dir) ? c[2] : "<object>")
			if (k >= 3) out = out "/" ((k == 3 && !dir) ? c[3] : "<function,sympos>")
			if (k >= 4) out = out "/" c[4]
			print mode, out
		}' "$tr" | sort >"$tmp/kernel.$series"
	touch "$tmp/table.$series"
	sort "$tmp/table.$series" -o "$tmp/table.$series"
	if [ ! -s "$tmp/kernel.$series" ]; then
		emit not-ok "$series: ${tr#"$top"/} lists files" "$tr"
	elif diff -u --label "table ($series column)" \
		--label "kernel $series (${tr#"$top"/})" \
		"$tmp/table.$series" "$tmp/kernel.$series" >"$tmp/diff"; then
		emit ok "$series: the table matches the files the kernel creates ($(wc -l <"$tmp/kernel.$series") paths)"
	else
		emit not-ok "$series: the table matches the files the kernel creates" \
			"$tmp/diff"
	fi
done
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-check.sh run TARGET | summary TARGET...: the two halves of
# `make check`; make itself schedules the checks (make -j --output-sync,
# see the Makefile), this script only runs one and adds them up.
#
# "run TARGET" runs `make TARGET` into $OUT/check/TARGET.log and prints the
# log whole, then "=== make TARGET: N passed, N failed, N skipped (S s)".
# It exits 0 whatever the check says, so that make runs every check; the
# exit status goes to TARGET.status.
#
# "summary TARGET..." adds up the logs and prints the one line
# "N passed, N failed[, N skipped]"; it exits non-zero when a check failed.
# Every check prints TAP lines ("ok N - ...", "not ok N - ...", with
# "# SKIP reason" for a skip).  A check that exits non-zero without having
# reported a failure counts as one failure, so a crash is never a pass.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
mkdir -p "$out/check"

# count LOG RC: "PASSED FAILED SKIPPED" of one check's log.
count() {
	p=$(grep -E '^ok [0-9]+' "$1" | grep -vc '# SKIP')
	s=$(grep -Ec '^ok [0-9]+.*# SKIP' "$1")
	f=$(grep -Ec '^not ok [0-9]+' "$1")
	[ "$2" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "$p $f $s"
}

# child_cpu: clock ticks of CPU (user + system) used so far by the
# children this shell has waited for, and theirs (fields 16 and 17 of
# /proc/PID/stat, counted after the command name).  A process that its
# parent never waits for is missing from it: Chromium's renderers, so the
# site checks' figures are too low (check-a11y's by about half).
child_cpu() {
	# shellcheck disable=SC2046 # the fields, one word each
	set -- $(sed 's/^.*) //' /proc/$$/stat)
	echo $((${14} + ${15}))
}

case ${1:-} in
run)
	t=${2:?usage: run-check.sh run TARGET}
	log=$out/check/$t.log
	start=$(date +%s)
	cpu0=$(child_cpu)
	# The check's own make runs alone: not in this make's job server
	# (its builds choose their own -j) and with its output unsynced.
	MAKEFLAGS=$(echo " ${MAKEFLAGS:-}" | sed -E \
		's/ (-j[0-9]*|--jobserver-[a-z]+=[^ ]*|-O[a-z]*|--output-sync(=[a-z]+)?)\b//g')
	export MAKEFLAGS
	make -s --no-print-directory -C "$top" "$t" >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	cpu=$((($(child_cpu) - cpu0) / $(getconf CLK_TCK)))
	echo "$rc $secs $cpu" >"$out/check/$t.status"
	echo "=== make $t"
	cat "$log"
	read -r p f s <<EOF2
$(count "$log" "$rc")
EOF2
	[ "$rc" -ne 0 ] && [ "$(grep -Ec '^not ok [0-9]+' "$log")" -eq 0 ] &&
		echo "not ok - make $t exited with status $rc"
	echo "=== make $t: $p passed, $f failed, $s skipped (${secs} s, CPU ${cpu} s)"
	;;
summary)
	shift
	passed=0
	failed=0
	skipped=0
	times=
	for t in "$@"; do
		if [ ! -f "$out/check/$t.status" ]; then
			echo "not ok - make $t did not run"
			failed=$((failed + 1))
			continue
		fi
		read -r rc secs cpu <"$out/check/$t.status"
		times="$times
$secs $t ${cpu:-?}"
		read -r p f s <<EOF2
$(count "$out/check/$t.log" "$rc")
EOF2
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + s))
	done
	# Where the time went, longest first: wall and CPU seconds of each
	# check (CPU: the check's processes, user + system), and the two
	# steps of `make check` when the Makefile stamped them.
	echo "# seconds (wall, CPU) of each check:$(echo "$times" |
		sort -rn | awk 'NF { printf " %s %s/%s", $2, $1, $3 }')"
	if [ -f "$out/check/.t0" ] && [ -f "$out/check/.t1" ]; then
		t2=$(date +%s)
		echo "# make check: $((t2 - $(cat "$out/check/.t0"))) s, of which the example builds and check-docs $(($(cat "$out/check/.t1") - $(cat "$out/check/.t0"))) s"
	fi
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
	;;
*)
	echo "usage: run-check.sh run TARGET | summary TARGET..." >&2
	exit 2
	;;
esac

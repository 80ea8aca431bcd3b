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
# "step COMMAND..." runs the first step of make check and keeps its CPU
# seconds for the summary.
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
# parent never waits for is missing from it: Chromium's renderers.  Used
# only where no cgroup can be made (below).
child_cpu() {
	# shellcheck disable=SC2046 # the fields, one word each
	set -- $(sed 's/^.*) //' /proc/$$/stat)
	echo $((${14} + ${15}))
}

# A control group per check counts the CPU of every process the check
# starts, whether or not its parent waits for it (QEMU, Chromium's
# renderers).  cg_new NAME prints the directory of a new group (cgroup v1
# cpuacct, else cgroup v2), or nothing where none can be made (not root,
# no cgroupfs); cg_ns DIR prints the nanoseconds its processes used;
# cg_run DIR COMMAND... runs COMMAND in it; cg_drop DIR moves any
# process left to the parent group and removes it.
cg_new() {
	for base in /sys/fs/cgroup/cpuacct /sys/fs/cgroup/unified /sys/fs/cgroup; do
		if [ -f "$base/cpuacct.usage" ] ||
			{ [ -f "$base/cgroup.procs" ] && [ -f "$base/cgroup.controllers" ]; }; then
			d=$base/livepatch-handbook.$$.$1
			mkdir "$d" 2>/dev/null && [ -w "$d/cgroup.procs" ] && echo "$d" && return
			rmdir "$d" 2>/dev/null
		fi
	done
}
cg_ns() {
	if [ -f "$1/cpuacct.usage" ]; then
		cat "$1/cpuacct.usage"
	else
		awk '$1 == "usage_usec" { printf "%.0f\n", $2 * 1000 }' "$1/cpu.stat"
	fi
}
cg_run() { # DIR COMMAND...: COMMAND in group DIR (none if DIR is empty)
	if [ -n "$1" ]; then
		# shellcheck disable=SC2016 # $$ and $0 of the inner shell
		sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$@"
	else
		shift
		"$@"
	fi
}
cg_drop() {
	while read -r pid; do
		echo "$pid" >"$(dirname "$1")/cgroup.procs"
	done <"$1/cgroup.procs" 2>/dev/null
	rmdir "$1" 2>/dev/null || :
}

case ${1:-} in
run)
	t=${2:?usage: run-check.sh run TARGET}
	log=$out/check/$t.log
	start=$(date +%s)
	cpu0=$(child_cpu)
	cg=$(cg_new "$t")
	# The check's own make runs alone: not in this make's job server
	# (its builds choose their own -j) and with its output unsynced.
	MAKEFLAGS=$(echo " ${MAKEFLAGS:-}" | sed -E \
		's/ (-j[0-9]*|--jobserver-[a-z]+=[^ ]*|-O[a-z]*|--output-sync(=[a-z]+)?)\b//g')
	export MAKEFLAGS
	cg_run "$cg" make -s --no-print-directory -C "$top" "$t" >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	if [ -n "$cg" ]; then
		cpu=$(($(cg_ns "$cg") / 1000000000))
		cg_drop "$cg"
	else
		cpu="$((($(child_cpu) - cpu0) / $(getconf CLK_TCK)))*"
	fi
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
	# check (CPU: user + system of all the check's processes; marked *
	# where no cgroup could be made, and then without the processes
	# their parents never wait for), and the two steps of `make check`
	# when the Makefile stamped them.
	echo "# seconds (wall, CPU) of each check:$(echo "$times" |
		sort -rn | awk 'NF { printf " %s %s/%s", $2, $1, $3 }')"
	if [ -f "$out/check/.t0" ] && [ -f "$out/check/.t1" ]; then
		t2=$(date +%s)
		first=
		[ -f "$out/check/.step.cpu" ] &&
			first=", its builds $(cat "$out/check/.step.cpu") CPU s"
		total=$(echo "$times" | awk -v f="$(cat "$out/check/.step.cpu" 2>/dev/null)" '
			NF { if ($3 !~ /^[0-9]+$/) star = "*"; c += $3 }
			END { printf "%d%s", c + f, star }')
		echo "# make check: $((t2 - $(cat "$out/check/.t0"))) s, CPU $total s; of which the first step (example builds and check-docs) $(($(cat "$out/check/.t1") - $(cat "$out/check/.t0"))) s$first"
	fi
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
	;;
step)
	# step COMMAND...: make check's first step; its CPU seconds go to
	# .step.cpu for the summary.
	shift
	cg=$(cg_new step)
	cg_run "$cg" "$@"
	rc=$?
	if [ -n "$cg" ]; then
		echo $(($(cg_ns "$cg") / 1000000000)) >"$out/check/.step.cpu"
		cg_drop "$cg"
	fi
	exit $rc
	;;
*)
	echo "usage: run-check.sh run TARGET | step COMMAND... | summary TARGET..." >&2
	exit 2
	;;
esac

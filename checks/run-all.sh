#!/bin/sh
# run-all.sh TARGET...: run each make target, show its output, and end with
# one summary line "N passed, N failed[, N skipped]".
#
# Every check prints TAP lines ("ok N - ...", "not ok N - ...", with
# "# SKIP reason" for a skip).  A target that exits non-zero without having
# reported a failure counts as one failure, so a crash is never a pass.
#
# BESIDE="T:A T:B U:C ...": A and B, when they come after T in the list,
# run one after another in a second lane that starts with T, instead of
# after it; C likewise beside U.  `make check` uses it for the checks that
# spend much of their time waiting (check-vm: the kernel's one-second
# transition timer; check-harness: a VM left to time out) and for host
# checks that share no build directory with the one they run beside.
# Each target's output is still printed whole, in list order.  Empty
# BESIDE: one lane.
top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
mkdir -p "$out/check"
passed=0
failed=0
skipped=0

# run_one TARGET: run it into $out/check/TARGET.log; its exit status and
# seconds go to TARGET.status.
run_one() {
	start=$(date +%s)
	make -s --no-print-directory -C "$top" "$1" >"$out/check/$1.log" 2>&1
	echo "$? $(($(date +%s) - start))" >"$out/check/$1.status"
}

# report TARGET: print its log and its counts, and add them up.
report() {
	log=$out/check/$1.log
	read -r rc secs <"$out/check/$1.status"
	cat "$log"
	p=$(grep -E '^ok [0-9]+' "$log" | grep -vc '# SKIP')
	s=$(grep -Ec '^ok [0-9]+.*# SKIP' "$log")
	f=$(grep -Ec '^not ok [0-9]+' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - make $1 exited with status $rc"
		f=1
	fi
	echo "=== make $1: $p passed, $f failed, $s skipped ($secs s)" |
		tee -a "$log"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
}

# lane_of STAGE: the target STAGE runs beside, if any (and comes after).
lane_of() {
	for pair in ${BESIDE:-}; do
		[ "${pair#*:}" = "$1" ] || continue
		host=${pair%%:*}
		for x in $all; do
			[ "$x" = "$1" ] && break
			[ "$x" = "$host" ] && { echo "$host"; return; }
		done
	done
}
# lane_for HOST: the targets that run beside HOST, in list order.
lane_for() {
	for x in $all; do
		[ "$(lane_of "$x")" = "$1" ] && printf ' %s' "$x"
	done
}
all="$*"

for t in "$@"; do
	host=$(lane_of "$t")
	if [ -n "$host" ]; then
		eval "pid=\${lane_pid_$(echo "$host" | tr -c 'a-z0-9\n' _):-}"
		if [ -n "$pid" ]; then
			wait "$pid"
			eval "lane_pid_$(echo "$host" | tr -c 'a-z0-9\n' _)="
		fi
		echo "=== make $t (ran beside $host)"
		report "$t"
		continue
	fi
	echo "=== make $t"
	lane=$(lane_for "$t")
	if [ -n "$lane" ]; then
		(for l in $lane; do run_one "$l"; done) &
		eval "lane_pid_$(echo "$t" | tr -c 'a-z0-9\n' _)=$!"
		echo "# beside it:$lane"
	fi
	run_one "$t"
	report "$t"
done
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]

#!/bin/sh
# run-all.sh TARGET...: run each make target, show its output, and end with
# one summary line "N passed, N failed[, N skipped]".
#
# Every check prints TAP lines ("ok N - ...", "not ok N - ...", with
# "# SKIP reason" for a skip).  A target that exits non-zero without having
# reported a failure counts as one failure, so a crash is never a pass.
top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
mkdir -p "$out/check"
passed=0
failed=0
skipped=0
for t in "$@"; do
	log=$out/check/$t.log
	start=$(date +%s)
	echo "=== make $t"
	make -s --no-print-directory -C "$top" "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(grep -E '^ok [0-9]+' "$log" | grep -vc '# SKIP')
	s=$(grep -Ec '^ok [0-9]+.*# SKIP' "$log")
	f=$(grep -Ec '^not ok [0-9]+' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - make $t exited with status $rc"
		f=1
	fi
	echo "=== make $t: $p passed, $f failed, $s skipped" \
		"($(($(date +%s) - start)) s)" | tee -a "$log"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]

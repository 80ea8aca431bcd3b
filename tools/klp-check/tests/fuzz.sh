#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fuzz.sh FUZZER SECONDS WORKDIR: `make check-fuzz`, as TAP.
#
# First every file in fuzz/crashes/ (inputs that once crashed klp-check)
# must now be handled; then libFuzzer runs for SECONDS on a copy of the
# committed corpus in WORKDIR/corpus (made afresh each run), where it
# also writes the new inputs it finds; crash inputs go to
# WORKDIR/artifacts.  Nothing is written into the source tree, and the
# last test checks that fuzz/ is byte for byte as it was.  To keep a new
# input, copy it into fuzz/corpus/ (or, once fixed, a crash into
# fuzz/crashes/) by hand and commit it.
set -u

here=$(cd "$(dirname "$0")" && pwd)
fuzz=$(dirname "$here")/fuzz
bin=$1
secs=$2
work=$3
n=0
failed=0

# tree: every file under fuzz/ with its checksum
tree() {
	(cd "$fuzz" && find . -type f -exec sha256sum {} + | sort -k2)
}

rm -rf "$work/corpus" "$work/artifacts" "$work/one.log" "$work/fuzz.log"
mkdir -p "$work/corpus" "$work/artifacts" || exit 1
tree >"$work/tree.before"
cp "$fuzz"/corpus/* "$work/corpus/" || exit 1

for f in "$fuzz"/crashes/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	if "$bin" "$f" >"$work/one.log" 2>&1; then
		echo "ok $n - regression input $(basename "$f") is handled"
	else
		echo "not ok $n - regression input $(basename "$f") is handled"
		sed 's/^/#   /' "$work/one.log" | tail -n 30
		failed=$((failed + 1))
	fi
done

n=$((n + 1))
ncorpus=$(find "$work/corpus" -type f | wc -l)
if (cd "$work" && "$bin" -max_total_time="$secs" -timeout=10 \
	-rss_limit_mb=1024 -artifact_prefix="$work/artifacts/" \
	"$work/corpus") >"$work/fuzz.log" 2>&1; then
	echo "ok $n - libFuzzer ran ${secs}s on a copy of fuzz/corpus without a crash" \
		"($ncorpus inputs, $(find "$work/corpus" -type f | wc -l) after)"
else
	echo "not ok $n - libFuzzer ran ${secs}s on a copy of fuzz/corpus without a crash"
	grep -E 'ERROR|SUMMARY|==[0-9]+==|#[0-9]+ ' "$work/fuzz.log" |
		tail -n 40 | sed 's/^/#   /'
	for a in "$work"/artifacts/*; do
		[ -f "$a" ] &&
			echo "#   crash input: $a: fix, then copy it into fuzz/crashes/ and commit"
	done
	failed=$((failed + 1))
fi

n=$((n + 1))
tree >"$work/tree.after"
if diff -u "$work/tree.before" "$work/tree.after" >"$work/tree.diff"; then
	echo "ok $n - the source tree's fuzz/ is unchanged (all writes under $work)"
else
	echo "not ok $n - the source tree's fuzz/ is unchanged (all writes under $work)"
	sed 's/^/#   /' "$work/tree.diff"
	failed=$((failed + 1))
fi
echo "1..$n"
[ "$failed" -eq 0 ]

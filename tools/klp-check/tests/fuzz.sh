#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fuzz.sh FUZZER SECONDS: `make check-fuzz`, as TAP.
#
# First every file in fuzz/crashes/ (inputs that once crashed klp-check)
# must now be handled; then libFuzzer runs for SECONDS from the committed
# corpus, writing new inputs to a scratch directory, never to the corpus.
set -u

here=$(cd "$(dirname "$0")" && pwd)
fuzz=$(dirname "$here")/fuzz
bin=$1
secs=$2
n=0
failed=0
scratch=$(mktemp -d /tmp/klp-check-fuzz.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

for f in "$fuzz"/crashes/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	if "$bin" "$f" >"$scratch/one.log" 2>&1; then
		echo "ok $n - regression input $(basename "$f") is handled"
	else
		echo "not ok $n - regression input $(basename "$f") is handled"
		sed 's/^/#   /' "$scratch/one.log" | tail -n 30
		failed=$((failed + 1))
	fi
done

n=$((n + 1))
mkdir -p "$scratch/new" "$scratch/artifacts"
if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
	-artifact_prefix="$scratch/artifacts/" "$scratch/new" "$fuzz/corpus" \
	>"$scratch/fuzz.log" 2>&1; then
	echo "ok $n - libFuzzer ran ${secs}s on fuzz/corpus without a crash" \
		"($(grep -c . "$scratch/fuzz.log") log lines)"
else
	echo "not ok $n - libFuzzer ran ${secs}s on fuzz/corpus without a crash"
	grep -E 'ERROR|SUMMARY|==[0-9]+==|#[0-9]+ ' "$scratch/fuzz.log" |
		tail -n 40 | sed 's/^/#   /'
	mkdir -p "$fuzz/crashes"
	for a in "$scratch"/artifacts/*; do
		[ -f "$a" ] && cp "$a" "$fuzz/crashes/" &&
			echo "#   kept $(basename "$a") in fuzz/crashes/: fix, then commit it"
	done
	failed=$((failed + 1))
fi
echo "1..$n"
[ "$failed" -eq 0 ]

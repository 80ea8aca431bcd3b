#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench: how fast the site builds and how heavy its pages are,
# measured in one run, with PASS/FAIL against the targets of issue 6:
# no-op `make htmldocs` < 1 s, one-page rebuild < 3 s, index < 150 KB.
# Builds into $OUT/bench (never into the site a reader or a check uses);
# `make check` times come from the last `make check` run in $OUT.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
b=$out/bench
cd "$top" || exit 1
fails=0

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{printf "%.2f", $2 - $1}'; }
target() { # target LABEL VALUE LIMIT TEXT: PASS when VALUE < LIMIT
	if awk -v v="$2" -v l="$3" 'BEGIN {exit !(v < l)}'; then
		printf '  %-34s PASS (%s)\n' "target: $1" "$4"
	else
		printf '  %-34s FAIL (%s)\n' "target: $1" "$4"
		fails=$((fails + 1))
	fi
}
# build LABEL: one `make htmldocs` into $b, timed; prints what Sphinx redid.
build() {
	t0=$(now)
	make -s --no-print-directory htmldocs OUT="$b" >"$b.log" 2>&1
	rc=$?
	t=$(secs "$t0" "$(now)")
	what=$(grep -E 'updating environment: ' "$b.log" | sed 's/.*updating environment: //' | tail -n 1)
	read=$(grep -oE 'reading sources\.\.\. \[ *[0-9]+%\] \S+' "$b.log" |
		awk '{print $NF}' | sort -u | tr '\n' ' ')
	echo "$t"
	printf '  %-34s %6s s  %s\n' "$1" "$t" "${what:-no environment change}" >&2
	# A rebuild is exact when it reads only what changed.
	[ -n "$read" ] && [ "$1" != "full make htmldocs from clean" ] &&
		printf '  %-34s re-read: %s\n' "" "$read" >&2
	[ "$rc" -eq 0 ] || echo "  (make htmldocs exited $rc: see $b.log)" >&2
}

echo "# bench: site build in $b"
rm -rf "$b"
mkdir -p "$b"
build "full make htmldocs from clean" >/dev/null
noop=$(build "no-op make htmldocs")
target "no-op rebuild" "$noop" 1 "$noop s < 1 s"

page=source/tutorial/first-live-patch.rst
touch "$page"
one=$(build "after touching $page")
target "one-page rebuild" "$one" 3 "$one s < 3 s"

dot=
for f in diagrams/*.dot; do
	[ -e "$f" ] && { dot=$f; break; }
done
if [ -n "$dot" ]; then
	touch "$dot"
	build "after touching $dot" >/dev/null
fi

# A kernel header that the API reference reads (sphinx/kerneldoc_api.py
# notes each as a dependency); its time stamp is put back afterwards.
hdr=
if grep -qs 'kernel-doc-api::' -r source; then
	rel=$(grep -rhoE 'kernel-doc-api:: *\S+' source | head -n 1 | awk '{print $2}')
	for f in /usr/src/linux-headers-*-common/"$rel"; do
		[ -e "$f" ] && hdr=$f
	done
fi
if [ -n "$hdr" ] && [ -w "$hdr" ]; then
	old=$(stat -c %Y "$hdr")
	touch "$hdr"
	build "after touching $hdr" >/dev/null
	touch -d "@$old" "$hdr"
else
	echo "  (no kernel header used by an API reference page: not measured)"
fi

echo "# bench: make check by stage (from the last make check in $out/check)"
if ls "$out"/check/*.log >/dev/null 2>&1; then
	for log in "$out"/check/*.log; do
		# run-check.sh truncates the log when the stage starts and the
		# stage's output ends when it ends: birth and modification time.
		s=$(stat -c '%W %Y' "$log")
		printf '  %-20s %6s s\n' "$(basename "$log" .log)" \
			"$(echo "$s" | awk '$1 > 0 {print $2 - $1} $1 == 0 {print "?"}')"
	done
	vm=$(grep -hE '^# .*: VM ran [0-9]+ ?s' "$out/check/check-vm.log" 2>/dev/null)
	if [ -n "$vm" ]; then
		echo "$vm" | sed 's/^# /  VM time /'
	else
		echo "  VM time per kernel: no '# <version>: VM ran Ns' line in $out/check/check-vm.log"
	fi
else
	echo "  no $out/check/*.log: run make check OUT=$out first"
fi

echo "# bench: weight of the pages (first visit, empty cache, no compression)"
html=$b/html
# The largest page: the one whose HTML plus the files it links (CSS,
# scripts, images, diagrams) add up to the most; then both it and the index
# are loaded in Chromium, which counts what was really transferred.
largest=$(python3 - "$html" <<'PY'
import os, re, sys
html = sys.argv[1]
best = (0, "index.html")
for root, dirs, files in os.walk(html):
    dirs[:] = [d for d in dirs if not d.startswith("_")]
    for f in files:
        if not f.endswith(".html"):
            continue
        p = os.path.join(root, f)
        text = open(p, encoding="utf-8").read()
        size = os.path.getsize(p)
        for ref in set(re.findall(r'(?:src|href|data)="([^"#?:]+)[^"]*"', text)):
            q = os.path.normpath(os.path.join(root, ref))
            if os.path.isfile(q) and not q.endswith(".html"):
                size += os.path.getsize(q)
        best = max(best, (size, os.path.relpath(p, html)))
print(best[1])
PY
)
if node "$here/bytes.mjs" "$html" index.html "$largest" >"$b.bytes" 2>"$b.bytes.err"; then
	while read -r bytes reqs page; do
		printf '  %-34s %7d bytes in %d requests\n' "$page" "$bytes" "$reqs"
	done <"$b.bytes"
	idx=$(awk '$3 == "index.html" {print $1; exit}' "$b.bytes")
	target "index transferred" "${idx:-999999999}" 153600 "${idx:-?} bytes < 150 KB"
else
	echo "  could not load the pages in Chromium:"; sed 's/^/    /' "$b.bytes.err" | tail -n 5
	fails=$((fails + 1))
fi
printf '  %-34s %7d bytes\n' "search index (searchindex.js)" "$(stat -c %s "$html/searchindex.js")"
echo "# bench: $fails target(s) missed"
[ "$fails" -eq 0 ]

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench: how fast the site builds and how heavy its pages are,
# measured in one run, with PASS/FAIL against the targets of issue 15:
# the whole site from clean no slower than the kernel's own
# Documentation/livepatch built by the same Sphinx in the same run (ratio
# ours/kernel <= 1.0, medians of BENCH_RUNS alternating builds), no-op
# `make htmldocs` < 0.3 s, one-page rebuild < 1.5 s, index < 150 KB.
# Builds into $OUT/bench (never into the site a reader or a check uses);
# the kernel's sources are unpacked once from Debian's linux-source
# tarball into $OUT/bench-kernel (kept: unpacking is not what is timed).
# `make check` times come from the last `make check` run in $OUT; the
# Lighthouse performance scores of the key pages (perf.mjs) are printed,
# not targets.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
b=$out/bench
runs=${BENCH_RUNS:-3}
cd "$top" || exit 1
fails=0

now() { date +%s.%N; }
# cpu FILE0 FILE1: CPU seconds (user + system) of the children waited for
# between two outputs of the shell's `times` (taken in the same shell): a
# loaded machine stretches the wall clock, much less the CPU time.
cpu() {
	awk 'FNR == 2 {t = 0; for (i = 1; i <= 2; i++) {split($i, p, "m");
		t += p[1] * 60 + p[2]} c[++n] = t}
		END {printf "%.2f", c[2] - c[1]}' "$1" "$2"
}
secs() { echo "$1 $2" | awk '{printf "%.2f", $2 - $1}'; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
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
	times >"$b.times0"
	t0=$(now)
	make -s --no-print-directory htmldocs OUT="$b" >"$b.log" 2>&1
	rc=$?
	t=$(secs "$t0" "$(now)")
	times >"$b.times1"
	c=$(cpu "$b.times0" "$b.times1")
	what=$(grep -E 'updating environment: ' "$b.log" | sed 's/.*updating environment: //' | tail -n 1)
	read=$(grep -oE 'reading sources\.\.\. \[ *[0-9]+%\] \S+' "$b.log" |
		awk '{print $NF}' | sort -u | tr '\n' ' ')
	echo "$t"
	printf '  %-34s %6s s  (cpu %s s) %s\n' "$1" "$t" "$c" \
		"${what:-no environment change}" >&2
	# A rebuild is exact when it reads only what changed.
	[ -n "$read" ] && [ "${1#full}" = "$1" ] &&
		printf '  %-34s re-read: %s\n' "" "$read" >&2
	[ "$rc" -eq 0 ] || { echo "  (make htmldocs exited $rc: see $b.log)" >&2; : >"$b.failed"; }
}

# The kernel's Documentation/livepatch, as the kernel builds it
# (make htmldocs SPHINXDIRS=livepatch), from the oldest series whose
# linux-source tarball is installed.
ksrc=
for s in $(scripts/kernels.sh list | tr ' ' '\n' | sed -E 's/^([0-9]+\.[0-9]+).*/\1/' | sort -uV); do
	tarball=$(scripts/kernels.sh source "$s") && break
done
kdir=$out/bench-kernel
if [ -n "${tarball:-}" ]; then
	top_dir=$(basename "$tarball" .tar.xz)
	ksrc=$kdir/$top_dir
	if [ ! -f "$ksrc/.unpacked" ] ||
	   [ -n "$(find "$tarball" -newer "$ksrc/.unpacked")" ]; then
		echo "# bench: unpacking what the kernel's htmldocs needs from $tarball (once)"
		rm -rf "$ksrc"
		mkdir -p "$kdir"
		# Documentation/ and its scripts, the headers the media book
		# parses first, the sources api.rst runs kernel-doc on.
		if tar -C "$kdir" -xJf "$tarball" --wildcards "$top_dir/Makefile" \
			"$top_dir/Documentation/*" "$top_dir/scripts/*" \
			"$top_dir/include/*" "$top_dir/kernel/livepatch/*" \
			"$top_dir/arch/x86/Makefile*"; then
			touch "$ksrc/.unpacked"
		else
			echo "  could not unpack $tarball"; ksrc=; fails=$((fails + 1))
		fi
	fi
else
	echo "  no /usr/src/linux-source-<series>.tar.xz: install linux-source-6.1 (make deps)"
	fails=$((fails + 1))
fi
kbuild() { # one kernel make htmldocs SPHINXDIRS=livepatch from clean
	rm -rf "$kdir/out"
	mkdir -p "$kdir/out"
	times >"$b.times0"
	t0=$(now)
	make -s -C "$ksrc" O="$kdir/out" htmldocs SPHINXDIRS=livepatch \
		>"$kdir/out.log" 2>&1 ||
		{ echo "  (kernel htmldocs failed: see $kdir/out.log)" >&2; : >"$b.failed"; }
	t=$(secs "$t0" "$(now)")
	times >"$b.times1"
	echo "$t $(cpu "$b.times0" "$b.times1")"
}

rm -f "$b.failed"
echo "# bench: site build in $b, $(sphinx-build --version 2>&1)"
ours='' theirs=''
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	rm -rf "$b"
	mkdir -p "$b"
	ours="$ours $(build "full make htmldocs from clean ($i)")"
	if [ -n "$ksrc" ]; then
		kc=$(kbuild)
		k=${kc% *}
		theirs="$theirs $k"
		pages=$(find "$kdir/out/Documentation/output/livepatch" -name '*.html' \
			! -name genindex.html ! -name search.html | wc -l)
		printf '  %-34s %6s s  (cpu %s s) %s pages\n' \
			"kernel livepatch from clean ($i)" "$k" "${kc#* }" "$pages"
	fi
done
full=$(echo "$ours" | median)
ourpages=$(find "$b/html" -name '*.html' ! -name genindex.html ! -name search.html | wc -l)
printf '  %-34s %6s s  %s pages\n' "median, ours" "$full" "$ourpages"
if [ -n "$theirs" ]; then
	kmed=$(echo "$theirs" | median)
	ratio=$(echo "$full $kmed" | awk '{printf "%.2f", $1 / $2}')
	printf '  %-34s %6s s\n' "median, kernel's Documentation/livepatch" "$kmed"
	target "ratio ours/kernel" "$ratio" 1.001 "$ratio <= 1.0"
fi

noop=$(for i in 1 2 3; do build "no-op make htmldocs" 2>/dev/null; done | median)
printf '  %-34s %6s s  (median of 3)\n' "no-op make htmldocs" "$noop"
target "no-op rebuild" "$noop" 0.3 "$noop s < 0.3 s"

# An incremental build is exact when, nothing having changed but time
# stamps, it writes what the build from clean wrote, byte for byte.
rm -rf "$b.clean"
cp -a "$b/html" "$b.clean"
exact() { # LABEL
	if diff -r "$b.clean" "$b/html" >"$b.diff" 2>&1; then
		printf '  %-34s PASS (same as from clean)\n' "exact: $1"
	else
		printf '  %-34s FAIL (differs from clean: %s)\n' "exact: $1" \
			"$(grep -c . "$b.diff") diff lines in $b.diff"
		fails=$((fails + 1))
	fi
}

page=source/tutorial/first-live-patch.rst
touch "$page"
one=$(build "after touching $page")
target "one-page rebuild" "$one" 1.5 "$one s < 1.5 s"
exact "one-page rebuild"

dot=
for f in diagrams/*.dot; do
	[ -e "$f" ] && { dot=$f; break; }
done
if [ -n "$dot" ]; then
	touch "$dot"
	build "after touching $dot" >/dev/null
	exact "after touching $dot"
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
	exact "after touching the header"
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
echo "# bench: Lighthouse performance score (desktop preset; a timing, not a target)"
if node "$here/perf.mjs" "$html" >"$b.perf" 2>"$b.perf.err"; then
	while read -r score page; do
		printf '  %-34s %7s\n' "$page" "$score"
	done <"$b.perf"
else
	echo "  Lighthouse did not run:"; sed 's/^/    /' "$b.perf.err" | tail -n 5
fi
[ -e "$b.failed" ] && { echo "  a build failed (see above)"; fails=$((fails + 1)); }
echo "# bench: $fails target(s) missed"
[ "$fails" -eq 0 ]

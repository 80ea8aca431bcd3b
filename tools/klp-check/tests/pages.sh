# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2154 # $bin, $tmp, $here come from run.sh
# pages.sh: klp-check and the handbook's pages say the same; sourced by
# run.sh, uses its $bin, $tmp, $here and tap().
#
#  - every cheat-sheet anchor klp-check can print (the KLP_ANCHORS list in
#    klp-check.h, the only place the tool names one) is a row of
#    source/limitations/cheatsheet.rst;
#  - the __schedule blocker names each reason switch-to-schedule.rst gives
#    under "Why it still cannot be patched" (its bold lead-ins), and the
#    -dbg transcripts the pages show print the blockers of today's tool;
#  - the per-CPU caveat gives the first advice of percpu.rst's "What to do
#    instead".

top=$(cd "$here/../../.." && pwd)
lim=$top/source/limitations

# The anchors of the tool, from its source.
sed -n 's/^[[:space:]]*X(ANCHOR_[A-Z_]*, *"\([a-z0-9-]*\)").*/\1/p' \
	"$here/../klp-check.h" >"$tmp/tool-anchors"
if [ ! -s "$tmp/tool-anchors" ]; then
	tap fail "pages: KLP_ANCHORS in klp-check.h lists the anchors klp-check links to"
else
	tap ok "pages: KLP_ANCHORS in klp-check.h lists $(wc -l <"$tmp/tool-anchors") anchors"
fi
# No anchor written anywhere else in the C sources.
if grep -n '"hazard-' "$here"/../*.c >"$tmp/stray-anchors"; then
	tap fail "pages: no C file names a cheat-sheet anchor outside KLP_ANCHORS"
	sed 's/^/#   /' "$tmp/stray-anchors"
else
	tap ok "pages: no C file names a cheat-sheet anchor outside KLP_ANCHORS"
fi
while read -r a; do
	if grep -q "^| \.\. _$a: " "$lim/cheatsheet.rst"; then
		tap ok "pages: cheat-sheet has the row $a that klp-check links to"
	else
		tap fail "pages: cheat-sheet has the row $a that klp-check links to ($lim/cheatsheet.rst)"
	fi
done <"$tmp/tool-anchors"

# norm: one line, rst literals and emphasis dropped, lower case, no final dot
norm() {
	tr '\n' ' ' | sed -e 's/``//g' -e 's/\*\*//g' -e 's/[[:space:]]\{1,\}/ /g' \
		-e 's/^ //' -e 's/[. ]*$//' | tr '[:upper:]' '[:lower:]'
}

# What klp-check says of __schedule, a function inlined into it, and a
# function using per-CPU data (fixtures/hazards.c).
(cd "$tmp" && "$bin" -e fixture.o __schedule switch_helper count_hit) \
	>"$tmp/pages.out" 2>&1
sched=$(grep 'hazard    blocker:.*__schedule()' "$tmp/pages.out")
percpu=$(grep 'hazard    caveat: references per-CPU' "$tmp/pages.out")

# The reasons: "* **Reason.**" under "Why it still cannot be patched".
sed -n '/^Why it still cannot be patched/,/^How to check/p' \
	"$lim/switch-to-schedule.rst" |
	sed -n 's/^\* \*\*\(.*\)\*\*.*/\1/p' >"$tmp/reasons"
if [ "$(wc -l <"$tmp/reasons")" -lt 1 ] ||
   [ "$(printf '%s\n' "$sched" | grep -c .)" -ne 2 ]; then
	tap fail "pages: switch-to-schedule.rst gives reasons and klp-check prints two __schedule blockers"
else
	while IFS= read -r r; do
		want=$(printf '%s' "$r" | norm)
		if printf '%s\n' "$sched" | norm | grep -qF "$want"; then
			tap ok "pages: klp-check's __schedule blockers say \"$want\" (switch-to-schedule.rst)"
		else
			tap fail "pages: klp-check's __schedule blockers say \"$want\" (switch-to-schedule.rst)"
			printf '%s\n' "$sched" | sed 's/^/#   /'
		fi
	done <"$tmp/reasons"
fi

# The committed -dbg transcripts (make bench-tools BENCH_ONLY=transcripts,
# never rerun by make check) must show the __schedule blockers klp-check
# prints now: a change of the tool's text fails here until they are
# regenerated.
for t in "$top"/source/transcripts/klp-check-dbg-schedule.*.txt; do
	grep 'hazard    blocker:.*__schedule()' "$t" | sort -u >"$tmp/dbg-sched"
	if [ ! -s "$tmp/dbg-sched" ]; then
		tap fail "pages: $(basename "$t") shows a __schedule blocker"
	elif printf '%s\n' "$sched" | sort -u | cmp -s - "$tmp/dbg-sched"; then
		tap ok "pages: $(basename "$t") shows the __schedule blockers klp-check prints now"
	else
		tap fail "pages: $(basename "$t") shows the __schedule blockers klp-check prints now (make bench-tools BENCH_ONLY=transcripts)"
		printf '%s\n' "$sched" | sort -u | diff - "$tmp/dbg-sched" | sed 's/^/#   /'
	fi
done

# The first "* " item under "What to do instead", joined over its lines.
advice=$(sed -n '/^What to do instead/,/^Proof/p' "$lim/percpu.rst" |
	 awk '/^\* / { n++ } n == 1 && !/^=/ { print } n > 1 { exit }' |
	 sed 's/^\* //' | norm)
if [ -z "$advice" ] || [ -z "$percpu" ]; then
	tap fail "pages: percpu.rst has advice and klp-check prints a per-CPU caveat"
elif printf '%s\n' "$percpu" | norm | grep -qF "$advice"; then
	tap ok "pages: klp-check's per-CPU caveat gives percpu.rst's advice"
else
	tap fail "pages: klp-check's per-CPU caveat gives percpu.rst's advice (\"$advice\")"
	printf '%s\n' "$percpu" | sed 's/^/#   /'
fi

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# klp-check-transcripts.sh update|check: klp-check's answers about the
# example modules, as the limitation pages show them.
#
# For each kernel in KERNELS, klp-check -e reads the example modules built
# against that kernel's headers ($OUT/examples-<version>, brought up to date
# by scripts/build-examples.sh, all of them whatever EXAMPLES says, as
# check-examples does; under make check, which built them all before
# any check started, EXAMPLES_BUILT=1 skips that) and answers for the
# function each limitation page is about.  Each answer goes, after the
# command line a reader would type, to
# source/transcripts/klp-check-<topic>.<series>.txt (series 6.1 or 6.12).
#
# Only the files source/transcripts/MANIFEST lists for the producer
# klp-check-transcripts are written or compared, through
# scripts/mask-transcript.sh like every transcript.
#
# "update" writes those files (make transcripts).  "check" prints TAP, one
# line per file: not ok when the committed file differs from what klp-check
# prints now.  Addresses are masked on both sides when comparing: in a .ko
# they are offsets into a section, which move with the compiler version and
# with any edit to an example, while the page relies only on the names,
# sections, old_sympos, hazards and verdict.
set -u

mode=${1:-}
case $mode in
update|check) ;;
*) echo "usage: $0 update|check" >&2; exit 2 ;;
esac

top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/scripts/kernels.sh"
kernels=${KERNELS:-$(kernels_list)}
dest=$top/source/transcripts
bin=$out/tools/klp-check/klp-check
. "$top/checks/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# topic  module  functions: what each limitation page asks klp-check;
# topic  --patch  PATCH.ko TARGET.ko: a built patch checked against it.
topics='
inlined       target-hazard.ko th_scale th_scaled_value
clone         target-hazard.ko th_label
static-local  target-hazard.ko th_count_calls
init          target-hazard.ko target_hazard_init
notrace       target-hazard.ko target_hazard_exit
percpu        limit-percpu.ko  limit_percpu_init
patch-signature    --patch hazard-signature.ko target-signature.ko
patch-inlined      --patch hazard-inlined.ko target-hazard.ko
patch-static-local --patch hazard-static-local.ko target-hazard.ko
'

mask() { sed -E 's/0x[0-9a-f]+/0xADDR/g' "$1"; }

[ -n "$kernels" ] ||
	emit not-ok "klp-check transcripts: no Debian 6.1, 6.12 or 7.x kernel installed: run make deps"
if ! make -s -C "$top/tools/klp-check" B="$out/tools/klp-check" "$bin" \
	>"$tmp/build.log" 2>&1; then
	emit not-ok "klp-check builds (install libelf-dev libdw-dev: make deps)" \
		"$tmp/build.log"
	finish
fi

for v in $kernels; do
	series=$(kernel_series "$v")
	kdir=$(kernel_kdir "$v")
	mods=$out/examples-$v
	# make check built all of them just before (EXAMPLES_BUILT, EXAMPLES
	# empty; Makefile: EXAMPLE_BUILDS), as check-vm and check-examples
	# take them: no second kbuild run (about 10 s of CPU each, even when
	# nothing is out of date).
	if [ "${EXAMPLES_BUILT:-}" = 1 ] && [ -z "${EXAMPLES:-}" ] &&
	   [ "$(cat "$mods/build.status" 2>/dev/null)" = 0 ]; then
		:
	elif ! EXAMPLES='' "$top"/scripts/build-examples.sh "$kdir" "$mods" \
		>"$tmp/examples.log" 2>&1; then
		emit not-ok "$v: the examples build for klp-check" "$tmp/examples.log"
		continue
	fi
	while read -r topic ko funcs; do
		[ -n "$topic" ] || continue
		name=klp-check-$topic.$series.txt
		file=$dest/$name
		grep -v '^#' "$dest/MANIFEST" | awk -v f="$name" '$1 == f &&
			$2 == "klp-check-transcripts" { found = 1 }
			END { exit !found }' || continue
		got=$tmp/$name
		# "--patch PATCH.ko TARGET.ko": a built patch checked
		case $ko in
		--patch) args="--patch $funcs" ;;
		*) args="-e $ko $funcs" ;;
		esac
		{
			echo "\$ klp-check $args"
			# klp-check's exit status is part of the answer, but the
			# transcript shows what a reader sees: the text.
			# shellcheck disable=SC2086 # the arguments are words
			(cd "$mods" && "$bin" $args 2>&1) || :
		} | "$top"/scripts/mask-transcript.sh >"$got"
		if [ "$mode" = update ]; then
			cp "$got" "$file.tmp" && mv "$file.tmp" "$file"
			echo "wrote ${file#"$top"/}"
		elif [ ! -f "$file" ]; then
			echo "missing: ${file#"$top"/} (make transcripts)" >"$tmp/msg"
			emit not-ok "$v: ${file#"$top"/} is committed" "$tmp/msg"
		elif mask "$got" | diff -u "--label=${file#"$top"/}" \
			"--label=klp-check now" /dev/fd/3 - 3<<EOF3 >"$tmp/diff"
$(mask "$file")
EOF3
		then
			emit ok "$v: ${file#"$top"/} is what klp-check prints"
		else
			emit not-ok "$v: ${file#"$top"/} is what klp-check prints (make transcripts)" \
				"$tmp/diff"
		fi
	done <<EOF
$topics
EOF
done
if [ "$mode" = check ]; then
	finish
fi
[ "$failed" -eq 0 ]

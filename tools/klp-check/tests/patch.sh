# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2154 # $bin, $tmp, $here come from run.sh
# patch.sh: klp-check --patch MODULE.ko [TARGET]; sourced by run.sh after
# dbg.sh (it uses its sysroot), uses $bin, $tmp, $here, tap(), run_case().
#
# fixtures/patch-good.c and patch-bad.c are live patch modules in the
# shape of the kernel's (patch-klp.h), built with the flags of the other
# fixtures and linked by ld -r as kbuild links a .ko; they are checked
# against a fixture "kernel" (hazards.c, dup-static.c, patch-target.c),
# the fixture module (module.c: klp_fixture), and a fake running system.

pf="-O2 -pg -mfentry -mrecord-mcount -c"
# shellcheck disable=SC2086 # the flags are words
if gcc $pf -g -o "$tmp/patch-target.o" "$here/fixtures/patch-target.c" &&
   ld -r -o "$tmp/pt-target.o" "$tmp/hazards.o" "$tmp/dup-static.o" \
	"$tmp/patch-target.o" &&
   gcc $pf -g -o "$tmp/patch-good.o" "$here/fixtures/patch-good.c" &&
   ld -r -o "$tmp/patch-good.ko" "$tmp/patch-good.o" &&
   gcc $pf -o "$tmp/patch-nodebug.o" "$here/fixtures/patch-good.c" &&
   ld -r -o "$tmp/patch-nodebug.ko" "$tmp/patch-nodebug.o" &&
   gcc $pf -g -o "$tmp/patch-bad.o" "$here/fixtures/patch-bad.c" &&
   ld -r -o "$tmp/patch-bad.ko" "$tmp/patch-bad.o"; then
	tap ok "patch: fixture patch modules and their target build"

	run_case patch-good --patch patch-good.ko pt-target.o
	run_case patch-bad --patch patch-bad.ko pt-target.o
	run_case patch-bad-module --patch patch-bad.ko fixture-mod.ko
	run_case patch-nodebug --patch patch-nodebug.ko pt-target.o
	run_case patch-running --patch patch-bad.ko -s dbgroot
	# no tracefs: whether ftrace can hook the selected copy is unknown
	cp -r "$tmp/dbgroot" "$tmp/notraceroot" &&
		rm -r "$tmp/notraceroot/sys/kernel/tracing"
	run_case patch-no-tracefs --patch patch-good.ko -s notraceroot
	run_case patch-json --json --patch patch-bad.ko pt-target.o
	if command -v python3 >/dev/null 2>&1; then
		if (cd "$tmp" && "$bin" --json --patch patch-bad.ko pt-target.o) |
				python3 -m json.tool >/dev/null; then
			tap ok "patch: --json output parses as JSON"
		else
			tap fail "patch: --json output parses as JSON"
		fi
	else
		tap skip "patch: --json output parses as JSON" "install python3 (make deps)"
	fi

	# Bad input: one clear line naming the file, exit 3 (4: usage).
	run_case patch-not-module --patch pt-target.o
	run_case patch-not-livepatch --patch fixture-mod.ko
	run_case patch-usage --patch patch-good.ko pt-target.o fixture.o
else
	tap fail "patch: fixture patch modules and their target build"
fi

# The handbook's own example patches, where `make check-examples` built
# them: klp-check reads each one's tables (every old_name its source
# spells out), and its verdict against the target module of the examples
# is no error.
ex_out=${OUT:-$(cd "$here/../../.." && pwd)/output}
case $ex_out in /*) ;; *) ex_out=$(cd "$here/../../.." && pwd)/$ex_out ;; esac
set -- "$ex_out"/examples-*/Kbuild
if [ ! -f "$1" ]; then
	tap skip "patch: the example patches" "none built: make check-examples"
else
	for kb in "$@"; do
		d=$(dirname "$kb")
		bad=
		# One awk over the directory's sources (a handful of processes
		# per source cost more CPU than klp-check itself): for each live
		# patch source whose .ko is built, a line "PATCH.ko TARGET
		# OLD_NAME...": TARGET is the .ko of the module its first
		# ".name = " names, when built, else "-" (no target: the running
		# kernel); OLD_NAMEs are every old_name it spells out.
		awk '
			function flush() {
				if (file != "" && lp) {
					ko = file; sub(/\.c$/, ".ko", ko)
					t = obj; gsub(/_/, "-", t)
					t = dir "/" t ".ko"
					if (obj == "" || !exists(t))
						t = "-"
					if (exists(ko))
						print ko, t names
				}
				lp = 0; obj = ""; names = ""; seen_name = 0
			}
			function exists(f,   junk, r) {
				r = (getline junk <f) >= 0
				close(f)
				return r
			}
			FNR == 1 { flush(); file = FILENAME }
			index($0, "MODULE_INFO(livepatch, \"Y\")") { lp = 1 }
			!seen_name && /^[[:space:]]*\.name = ".*",$/ {
				obj = $0
				sub(/^[[:space:]]*\.name = "/, "", obj)
				sub(/",$/, "", obj)
				seen_name = 1
			}
			/^[[:space:]]*\.old_name = ".*",$/ {
				n = $0
				sub(/^[[:space:]]*\.old_name = "/, "", n)
				sub(/",$/, "", n)
				names = names " " n
			}
			END { flush() }' dir="$d" "$d"/*.c >"$tmp/ex.list"
		while read -r ko t want; do
			[ "$t" = - ] && t=
			# shellcheck disable=SC2086 # no TARGET when $t is empty
			"$bin" --json --patch "$ko" $t >"$tmp/ex.json" 2>"$tmp/ex.err"
			rc=$?
			# Every name read is one the source spells, and something is
			# read.  The source may spell more: a patch that picks one of
			# two tables at load time (hazard-syscall's body=1) registers
			# the other one only when asked.
			if ! awk -v want="$want" -v rc="$rc" -v ko="${ko##*/}" '
				BEGIN {
					nw = split(want, w, " ")
					for (i = 1; i <= nw; i++)
						wset[w[i]] = 1
				}
				index($0, "\"(set at run time)\"") { runtime = 1 }
				match($0, /^    \{"name": "[^"]*"/) {
					n = substr($0, 15, RLENGTH - 15)
					if (n != "(set at run time)" && n != "" && !(n in got)) {
						got[n] = 1
						gotlist = gotlist (ngot++ ? " " : "") n
						if (!(n in wset))
							extra = 1
					}
				}
				END {
					if (rc == 3 || rc == 4 || extra ||
					    (nw > 0 && !ngot && !runtime)) {
						# In the order of the source and of the answer.
						printf "# %s (exit %s): source names [%s], klp-check read [%s]\n",
							ko, rc, want, gotlist
						exit 1
					}
				}' "$tmp/ex.json"; then
				bad="$bad ${ko##*/}"
				sed 's/^/#   /' "$tmp/ex.err"
			fi
		done <"$tmp/ex.list"
		if [ -z "$bad" ]; then
			tap ok "patch: klp-check --patch reads every example patch in ${d##*/}"
		else
			tap fail "patch: klp-check --patch reads every example patch in ${d##*/}:$bad"
		fi
	done
fi

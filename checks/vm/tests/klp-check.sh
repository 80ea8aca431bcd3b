# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2154 # $out is set by show() in lib.sh, sourced first
# VM test of tools/klp-check: the static build in /payload, run against the
# live kernel, must agree with what the kernel itself shows in
# /proc/kallsyms and available_filter_functions, and with what loading a
# live patch really does.
K=/payload/klp-check
AFF=/sys/kernel/tracing/available_filter_functions
OUTF=/tmp/klp-check.out
KS=/tmp/kallsyms
mkdir -p /tmp

if [ ! -x $K ]; then
	fail "static klp-check is in /payload" \
		"make check-vm builds it into \$OUT/vm-payload/klp-check"
	exit 0
fi
check "static klp-check runs (--version)" $K --version
check "tracefs is mounted: available_filter_functions is readable" test -r $AFF
# One copy of each: the kernel formats /proc/kallsyms and ftrace's list
# anew at every read, and that is slow under TCG.
AFFC=/tmp/aff
cat /proc/kallsyms >$KS
cat $AFF >$AFFC

# Each program started costs tens of milliseconds under TCG, and the
# checks below run hundreds: they compare fields in one awk each rather
# than build a regular expression of a name (sed) for a grep.
re() { echo "$1" | sed 's/\./\\./g'; }
# The vmlinux lines of kallsyms for NAME, "address type NAME" (a module's
# line has a fourth field, "[module]"): all types, or text.
ks_all() { awk -v n="$1" 'NF == 3 && $3 == n' $KS; }
ks_text() { awk -v n="$1" 'NF == 3 && $3 == n && ($2 == "t" || $2 == "T")' $KS; }

# What klp-check said about NAME: its block, its vmlinux symbol lines.
kc_block() { awk -v f="function $1" '$0 == f { p = 1; next } /^$/ { p = 0 } p' $OUTF; }
kc_syms() {
	awk -v f="function $1" -v n="$1" '$0 == f { p = 1; next } /^$/ { p = 0 }
		p && /^  symbol    / && $2 == n && $3 == "vmlinux"' $OUTF
}

# same_symbols NAME: klp-check lists the same vmlinux text symbols, at the
# same addresses and in the same order, as /proc/kallsyms.
same_symbols() {
	a=$(kc_syms "$1" | awk '{ sub(/^0x/, "", $5); print $5 }')
	b=$(ks_text "$1" | awk '{ print $1 }')
	[ "$a" = "$b" ] || { echo "klp-check: $a"; echo "kallsyms: $b"; return 1; }
}

# same_sympos NAME: with N kallsyms entries of NAME (any type) in vmlinux,
# each symbol line says "old_sympos P (P of N)", P in kallsyms order; one
# entry: "old_sympos 0 (unique)"; none: no symbol line.
same_sympos() {
	ks_all "$1" | awk -v n="$1" -v f="function $1" -v out=$OUTF '
		{ total++; if ($2 == "t" || $2 == "T") addr[total] = $1 }
		END {
			while ((getline line < out) > 0) {
				if (line == f) { p = 1; continue }
				if (line == "") p = 0
				split(line, w, " ")
				if (p && line ~ /^  symbol    / && w[2] == n &&
				    w[3] == "vmlinux")
					syms[++ns] = line
			}
			if (!total) {
				if (ns) { print "klp-check: " syms[1]; exit 1 }
				exit 0
			}
			for (pos = 1; pos <= total; pos++) {
				if (total == 1)
					want = "old_sympos 0 (unique)"
				else if (pos in addr)
					want = "0x" addr[pos] " old_sympos " pos " (" pos " of " total ")"
				else
					continue
				for (i = 1; i <= ns && !index(syms[i], want); i++)
					;
				if (i > ns) {
					print "no line for " (total == 1 ? "the" : addr[pos]) \
						" symbol at old_sympos " pos " of " total
					exit 1
				}
			}
		}'
}

# same_traceable NAME: klp-check calls as many vmlinux copies of NAME
# traceable as ftrace lists: exactly, with available_filter_functions_addrs
# (6.12); listed or not, with names only (6.1).
same_traceable() {
	got=$(kc_syms "$1" | grep -c ': traceable$')
	if [ -r $AFFQ_ADDRS ]; then
		want=$(awk -v n="$1" 'NF == 2 && $2 == n { c++ } END { print c + 0 }' $AFFQ_ADDRS)
	else
		want=$(grep -cx "$1" $AFFQ)
		[ "$want" -gt 0 ] && [ "$got" -gt 0 ] && want=$got
	fi
	[ "$got" = "$want" ] || { echo "klp-check: $got traceable, ftrace: $want"; return 1; }
}

agree() {
	check "$1: klp-check lists the symbols kallsyms has" same_symbols "$1"
	check "$1: old_sympos follows kallsyms order" same_sympos "$1"
	check "$1: traceable as available_filter_functions says" same_traceable "$1"
}

# Pick, in kallsyms order, the first traceable .isra/.constprop clone and
# the first traceable function name that two or more text symbols share.
# Busybox awk is slow to hash 100k names under TCG: grep, cut and sort do
# the bulk, awk only looks a few hundred names up.
tab=$(printf '\t')
P=/tmp/picks
# vmlinux text symbols (a module's have a tab and [module]), no __pfx_ or
# __cfi_ stubs, in kallsyms order.
grep -F -e ' t ' -e ' T ' $KS | grep -vF -e "$tab" -e ' __pfx_' -e ' __cfi_' |
	cut -d' ' -f3 >$P.text
grep -F -e .isra. -e .constprop. $P.text |
	grep -E '^[a-z_0-9]+\.(isra|constprop)\.[0-9]+$' >$P.clones
sort $P.text | uniq -d >$P.dups
# The clones and the duplicated names that ftrace lists, in its order: one
# pass over its list for both.
awk -v c=$P.clones -v d=$P.dups -v tc=$P.tclones -v td=$P.tdups '
	BEGIN { while ((getline l < c) > 0) wc[l]; while ((getline l < d) > 0) wd[l]
		printf "" >tc; printf "" >td }
	($1 in wc) { print $1 >tc } ($1 in wd) { print $1 >td }' $AFFC
first_of() { awk 'NR == FNR { w[$1]; next } ($1 in w) { print; exit }' "$1" "$2"; }
picks="$(first_of $P.tclones $P.clones) $(first_of $P.tdups $P.text)"
clone=${picks% *}
dup=${picks#* }
base=${clone%%.*}
echo "# clone: $clone (function $base); duplicate: $dup" >"$TAP"
[ -n "$clone" ] || fail "kallsyms has a traceable .isra or .constprop clone"
[ -n "$dup" ] || fail "kallsyms has a traceable name shared by two functions"

# Every check below asks about a dozen vmlinux names.  Their lines of
# kallsyms and of ftrace's lists go to small files, which busybox greps in
# no time under TCG; the full files are 10 MB and would be read ~50 times.
names="cmdline_proc_show __schedule $base $clone $dup version_proc_show
	sched_clock do_syscall_64 context_switch finish_task_switch
	reg_vif_get_iflink kernel_init_freeable"
# grep -F keeps the lines that contain a name, awk those that end with one.
for n in $names; do echo "$n"; done >$P.names
only_names() { # FILE: the lines whose last field is one of $names
	grep -F -f $P.names "$1" | awk -v list="$names" 'BEGIN { n = split(list, a)
		for (i = 1; i <= n; i++) want[a[i]] = 1 } ($NF in want)'
}
AFFQ=/tmp/aff.names
AFFQ_ADDRS=/tmp/aff_addrs.names
only_names $AFFC >$AFFQ
[ -r ${AFF}_addrs ] && only_names ${AFF}_addrs >$AFFQ_ADDRS
only_names $KS >$KS.names
KS=$KS.names

# Each klp-check run reads all of kallsyms and ftrace's list (seconds
# under TCG): the checks read the output that show() kept, and those of
# $base the answer for $base alone (section clone, below).
show $K cmdline_proc_show __schedule "$dup"
rc=$?
echo "$out" >$OUTF
check "exit status 2: the worst verdict is not patchable (__schedule)" [ $rc = 2 ]

# cmdline_proc_show: unique, traceable, patchable as is.
agree cmdline_proc_show
check "cmdline_proc_show is in available_filter_functions" grep -qx cmdline_proc_show $AFFQ
kc_block cmdline_proc_show >/tmp/b
# No DWARF in the VM: never "patchable as is", and the command that answers.
check "cmdline_proc_show: patchable if inlined nowhere; names fetch-dbg-vmlinux.sh of this release" \
	sh -c "grep -q 'verdict   patchable if it is inlined nowhere' /tmp/b &&
		grep -qF 'scripts/fetch-dbg-vmlinux.sh $(uname -r)' /tmp/b"

# __schedule: notrace, and the switch_to hazard.
agree __schedule
check_not "__schedule is not in available_filter_functions" grep -qx __schedule $AFFQ
kc_block __schedule >/tmp/b
check "__schedule: not patchable, names hazard-schedule and hazard-notrace" \
	sh -c "grep -q 'verdict   not patchable' /tmp/b &&
		grep -q 'cheatsheet.html#hazard-schedule' /tmp/b &&
		grep -q 'cheatsheet.html#hazard-notrace' /tmp/b"

if [ -n "$dup" ]; then
	agree "$dup"
	kc_block "$dup" >/tmp/b
	check "$dup: hazard-duplicates, and the verdict names old_sympos" \
		sh -c "grep -q 'hazard-duplicates' /tmp/b &&
			grep -q 'verdict   patchable with old_sympos' /tmp/b"
fi

# What a live patch really does: livepatch-proc-version replaces
# version_proc_show; klp-check must see it while it is there, and not after.
ko=$MODDIR/livepatch-proc-version.ko
p=$KLP/livepatch_proc_version
if [ ! -f "$ko" ]; then
	ok "already-patched check # SKIP livepatch-proc-version.ko not in this run"
else
	$K version_proc_show >$OUTF 2>&1
	rc=$?
	check "version_proc_show: patchable if inlined nowhere (exit 5, no DWARF) before any patch" \
		sh -c "[ $rc = 5 ] && grep -q 'verdict   patchable if it is inlined nowhere' $OUTF"
	# The pre-flight check of the built patch, against this kernel.
	$K --patch "$ko" >$OUTF 2>&1
	rc=$?
	check "klp-check --patch livepatch-proc-version.ko: version_proc_show, no blocker, exit 5 (no DWARF)" \
		sh -c "[ $rc = 5 ] && grep -q '^function version_proc_show' $OUTF &&
			! grep -q 'blocker' $OUTF"
	check "insmod livepatch-proc-version.ko succeeds, as klp-check said" \
		insmod "$ko"
	check "transition finishes within 30 s" wait_for 30 "$p"/transition 0
	show $K version_proc_show
	echo "$out" >$OUTF
	check "version_proc_show: klp-check sees livepatch_proc_version replace it" \
		sh -c "grep -q 'replaced by live patch livepatch_proc_version' $OUTF &&
			grep -q 'hazard-already-patched' $OUTF &&
			grep -q '^  patched   yes' $OUTF"
	echo 0 >"$p"/enabled
	check "patch reverted within 30 s" wait_gone 30 "$p"
	rmmod livepatch_proc_version
	$K version_proc_show >$OUTF 2>&1
	check "version_proc_show: not patched once the patch is gone" \
		grep -q '^  patched   no' $OUTF
fi

# --patch on a patch the kernel refuses: hazard-notrace names __schedule.
ko=$MODDIR/hazard-notrace.ko
if [ -f "$ko" ]; then
	$K --patch "$ko" >$OUTF 2>&1
	rc=$?
	check "klp-check --patch hazard-notrace.ko: not patchable (exit 2), hazard-schedule" \
		sh -c "[ $rc = 2 ] && grep -q 'cheatsheet.html#hazard-schedule' $OUTF"
fi

# The limitation pages show klp-check's answer for the function each page
# is about.  Each answer gets a transcript of its own: a "=== NAME" line
# starts source/transcripts/NAME.<series>.txt (see transcripts.sh).
section() { echo "=== klp-check-vm-$1" >"$TRANSCRIPT"; }
has_text() { [ -n "$(ks_text "$1")" ]; }

# not_patchable NAME DESCRIPTION ANCHOR: klp-check's block for NAME in $OUTF
# names ANCHOR and ends "verdict   not patchable".
not_patchable() {
	kc_block "$1" >/tmp/b
	check "$1: $2, not patchable (hazard-$3)" \
		sh -c "grep -q 'cheatsheet.html#hazard-$3' /tmp/b &&
			grep -q 'verdict   not patchable' /tmp/b"
}

# notrace: sched_clock is notrace (6.12) or in a file built without -pg
# (tsc.o, 6.1); do_syscall_64 is noinstr.
section notrace
show $K sched_clock do_syscall_64
echo "$out" >$OUTF
for f in sched_clock do_syscall_64; do
	agree $f
	check_not "$f is not in available_filter_functions" grep -qx $f $AFFQ
	not_patchable $f "klp-check says ftrace cannot hook it" notrace
done

# switch_to: __schedule, a function inlined into it (no symbol left), and
# finish_task_switch, which __schedule calls.
section schedule
show $K __schedule context_switch finish_task_switch
echo "$out" >$OUTF
check_not "context_switch has no text symbol in kallsyms (inlined)" \
	has_text context_switch
kc_block context_switch >/tmp/b
check "context_switch: klp-check finds no symbol either" \
	grep -q 'symbol    none with this exact name' /tmp/b
agree finish_task_switch

# Duplicates: the hazard-sympos example's target.
section duplicates
show $K reg_vif_get_iflink
echo "$out" >$OUTF
agree reg_vif_get_iflink
check "reg_vif_get_iflink: patchable with old_sympos 1, 2" \
	grep -q 'verdict   patchable with old_sympos 1, 2$' $OUTF

# A clone in vmlinux: the one picked above.
if [ -n "$clone" ]; then
	section clone
	show $K "$base"
	echo "$out" >$OUTF
	agree "$base"
	kc_block "$base" >/tmp/b
	check "$base: klp-check lists the clone $clone" \
		grep -q "^  clone     $(re "$clone") vmlinux " /tmp/b
	if [ -z "$(ks_text "$base")" ]; then
		check "$base: no plain symbol, as in kallsyms; hazard-clones" \
			sh -c "grep -q 'symbol    none with this exact name' /tmp/b &&
				grep -q 'hazard-clones' /tmp/b"
	else
		check "$base: plain symbol and clone, as in kallsyms; hazard-clones" \
			grep -q 'hazard-clones' /tmp/b
	fi
fi

# __init code: the limit-init example's target.
section init
show $K kernel_init_freeable
echo "$out" >$OUTF
check "kernel_init_freeable is in kallsyms" has_text kernel_init_freeable
not_patchable kernel_init_freeable "klp-check says it is init code" init

# A loaded module: target-hazard's clone, inlined helper and static local.
ko=$MODDIR/target-hazard.ko
if [ ! -f "$ko" ]; then
	ok "module functions # SKIP target-hazard.ko not in this run"
else
	section module
	check "insmod target-hazard.ko" insmod "$ko"
	show $K th_label th_scale th_count_calls
	echo "$out" >$OUTF
	kc_block th_label >/tmp/b
	check "th_label: klp-check lists th_label.constprop.0 in target_hazard" \
		grep -q '^  clone     th_label\.constprop\.0 target_hazard ' /tmp/b
	check "th_label.constprop.0 [target_hazard] is in available_filter_functions" \
		grep -qxF 'th_label.constprop.0 [target_hazard]' $AFF
	kc_block th_scale >/tmp/b
	check "th_scale: no symbol, not patchable" \
		sh -c "grep -q 'symbol    none with this exact name' /tmp/b &&
			grep -q 'verdict   not patchable' /tmp/b"
	kc_block th_count_calls >/tmp/b
	check "th_count_calls: traceable in target_hazard" \
		grep -q '^  symbol    th_count_calls target_hazard .*: traceable$' /tmp/b
	check "rmmod target_hazard" rmmod target_hazard
	# Once the module is gone, so are its functions.
	section unloaded
	show $K th_label
	echo "$out" >$OUTF
	check "th_label: not in the running kernel once target_hazard is unloaded" \
		sh -c "grep -q 'symbol    none with this exact name' $OUTF &&
			! grep -q 'clone ' $OUTF &&
			grep -q 'verdict   not patchable' $OUTF"
fi
rm -f /tmp/kallsyms $KS $AFFC $AFFQ $AFFQ_ADDRS /tmp/b $P.*
log_clean

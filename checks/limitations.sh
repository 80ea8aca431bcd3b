#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# limitations.sh: prove the compiler facts of the limitation pages.
#
# Builds checks/limitations/proof_gcc.c as a module against each
# kernel in KERNELS (default: the installed Debian 6.1 and 6.12), with that
# kernel's kbuild, gcc and flags, plus -fdump-ipa-clones.  The module is
# never loaded: these facts are about the object file, which is what a VM
# cannot show better.  A second build of the same file with one line added
# at the top shows what a line-number shift changes.  proof_jump.c is
# built three ways for jump-labels.rst (a static branch and a static call
# on another module's symbols, the same read with static_key_enabled()
# and static_call_query(), and the branch through a klp symbol converted
# by tools/klp-convert-lite), never loaded either.  proof_ipa.c is built
# with -fdump-ipa-cp/-fdump-ipa-icf-optimized and again with IPA-VRP,
# bit-CP and ICF off (gcc-optimizations.rst: facts flow from callers into
# a callee; what -fdump-ipa-clones does not record).  proof_ns.c is built
# without and with MODULE_IMPORT_NS(DMA_BUF) (build-match.rst: modpost's
# namespace error, the modversions CRC, the kernel's own gcc).
# proof_pure.c is built as is, with -fno-ipa-pure-const, and with
# -fno-ipa-modref as well (gcc-optimizations.rst: a caller relies on a
# const callee; -fdump-ipa-pure-const shows it, -fdump-ipa-clones does
# not).  static_counts.c is compiled with the host's plain gcc -O2
# (static-locals.rst: the nm output of function-scope statics).  Prints
# TAP.
#
# Two pages show what these builds print: the transcripts
# limit-static-locals.txt and limit-pure-const.SERIES.txt of
# source/transcripts/ (producer "limitations" in its MANIFEST).  "check"
# (the default, make check-limitations) compares them with what the
# builds print now; "update" (make limitations-transcripts) rewrites them,
# each only when the assertions about it pass.
#
# Per kernel, every build but one is a single kbuild run (make -j over
# one M directory, a subdirectory per variant whose Kbuild adds its
# flags); the namespace proof that must fail modpost has a run of its own.
set -u

mode=${1:-check}
case $mode in
check | update) ;;
*) echo "usage: $0 [check|update]" >&2; exit 2 ;;
esac

top=$(cd "$(dirname "$0")/.." && pwd)
fixture=$top/checks/limitations
. "$top/scripts/kernels.sh"
kernels=${KERNELS:-$(kernels_list)}
. "$top/checks/tap.sh"

for t in make:make gcc:gcc nm:binutils objdump:binutils objcopy:binutils \
	 readelf:binutils modprobe:kmod \
	 cmp:diffutils diff:diffutils; do
	if ! command -v "${t%%:*}" >/dev/null 2>&1; then
		emit not-ok "${t%%:*} not found: install ${t#*:} (make deps)"
		finish
	fi
done
if [ -z "$kernels" ]; then
	emit not-ok "no 6.1, 6.12 or 7.x kernel: install linux-image-amd64 (make deps)"
	finish
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# transcript NAME FILE WHAT: FILE, masked, is source/transcripts/NAME
# (check), or becomes it (update: a temporary file, then a rename).
dest=$top/source/transcripts
transcript() {
	"$top/scripts/mask-transcript.sh" "$2" >"$2.masked"
	if [ "$mode" = update ]; then
		if cp "$2.masked" "$dest/$1.tmp" && mv "$dest/$1.tmp" "$dest/$1"; then
			emit ok "$3: wrote source/transcripts/$1"
		else
			emit not-ok "$3: cannot write $dest/$1"
		fi
	elif [ ! -f "$dest/$1" ]; then
		emit not-ok "$3: source/transcripts/$1 is missing (make limitations-transcripts)"
	elif diff -u "$dest/$1" "$2.masked" >"$2.diff"; then
		emit ok "$3: source/transcripts/$1 is what the build prints"
	else
		emit not-ok "$3: source/transcripts/$1 differs from what the build prints (make limitations-transcripts)" \
			"$2.diff"
	fi
}

# static-locals.rst: function-scope statics as the host's gcc 12 (Debian
# 12's) emits them with plain -O2, and the page's nm | grep run over them.
sl=$tmp/static-locals
mkdir -p "$sl"
cp "$fixture/static_counts.c" "$sl/"
re=' [bdr] [A-Za-z_][A-Za-z0-9_]*\.[0-9]+$'
if [ "$(gcc -dumpversion)" != 12 ]; then
	emit not-ok "static-locals.rst shows gcc 12's output, but gcc is $(gcc -dumpversion): install gcc-12 as gcc (Debian 12: make deps)"
else
	(cd "$sl" && {
		echo '$ gcc -dumpversion'
		gcc -dumpversion
		echo '$ gcc -O2 -c static_counts.c && nm static_counts.o'
		gcc -O2 -c static_counts.c && nm static_counts.o
		echo "\$ nm static_counts.o | grep -E '$re'"
		nm static_counts.o | grep -E "$re"
		echo "\$ objdump -dr --no-show-raw-insn static_counts.o | awk '/<a>:/,/^\$/'"
		objdump -dr --no-show-raw-insn static_counts.o | awk '/<a>:/,/^$/'
	} >"$sl/out" 2>&1)
	# owner FUNCTION: the count.N its first PC-relative relocation
	# reaches (section + addend + 4, the length of the displacement).
	owner() {
		r=$(objdump -dr --no-show-raw-insn "$sl/static_counts.o" |
			awk -v f="<$1>:" '$2 == f { p = 1; next }
				p && /R_X86_64_PC32/ { print $3; exit }')
		sec=${r%%[-+]*}
		add=${r#"$sec"}
		off=$(printf '%016x' $((${add:-0} + 4)))
		case $sec in .bss) t=b ;; .data) t=d ;; *) t=- ;; esac
		awk -v t="$t" -v o="$off" '$1 == o && $2 == t { print $3 }' "$sl/nm"
	}
	nm "$sl/static_counts.o" >"$sl/nm" 2>/dev/null
	if [ "$(grep -Ec ' b count\.[0-9]+$' "$sl/nm")" = 2 ] &&
	   [ "$(grep -Ec ' d count\.[0-9]+$' "$sl/nm")" = 1 ] &&
	   ! grep -q ' count$' "$sl/nm" &&
	   [ "$(grep -Ec "$re" "$sl/nm")" = 3 ]; then
		emit ok "gcc 12 -O2: three statics named count are count.N, two in .bss (b), one in .data (d); the page's regex finds all three (static locals)"
		if [ "$(owner a)" = count.2 ] && [ "$(owner b)" = count.1 ] &&
		   [ "$(owner c)" = count.0 ]; then
			emit ok "gcc 12 -O2: a() uses count.2, b() count.1, c() count.0: the numbers run against the order in the file (static locals)"
			transcript limit-static-locals.txt "$sl/out" "static-locals.rst"
		else
			emit not-ok "gcc 12 -O2: a() uses count.2, b() count.1, c() count.0 (found: $(owner a) $(owner b) $(owner c))" \
				"$sl/out"
		fi
	else
		emit not-ok "gcc 12 -O2: three statics named count are count.N, two in .bss (b), one in .data (d) (static locals)" \
			"$sl/out"
	fi
fi

# tools/klp-convert-lite writes the klp relocations of proof_jump.c's
# unsafe variant (jump-labels.rst).
conv=$tmp/klp-convert-lite/klp-convert-lite
if ! make -s -C "$top/tools/klp-convert-lite" B="$tmp/klp-convert-lite" \
	>"$tmp/conv.log" 2>&1; then
	emit not-ok "tools/klp-convert-lite builds (libelf-dev: make deps)" \
		"$tmp/conv.log"
fi

# fentry_funcs OBJ: the functions of OBJ that start with a call to
# __fentry__, i.e. the ones ftrace (and so livepatch) can hook.
fentry_funcs() {
	objdump -dr --no-show-raw-insn "$1" |
	awk '/^[0-9a-f]+ <[^>]+>:$/ { fn = substr($2, 2, length($2) - 3); next }
	     /__fentry__/ { print fn }' | sort -u
}
has_sym() { grep -q " $2\$" "$1"; }   # has_sym NM-OUTPUT NAME
# variant DIR SOURCE NAME [FLAG]...: DIR, a subdirectory of a kbuild
# run's M directory, holds checks/limitations/SOURCE.c as NAME.c (unless
# DIR/NAME.c is there already) and a Kbuild that builds it as the module
# NAME.ko, FLAGs added to the compiler's command line of that directory
# only (ccflags-y: what KCFLAGS does for a whole run).  A second copy of
# a source takes another NAME: kbuild refuses two modules of one name in
# a run.  Each stays a module of one object, built (objtool and all)
# exactly as the source alone would be.
variant() {
	vd=$1 vsrc=$2 vname=$3
	shift 3
	mkdir -p "$vd"
	[ -f "$vd/$vname.c" ] || cp "$fixture/$vsrc.c" "$vd/$vname.c"
	{
		echo "obj-m += $vname.o"
		[ $# -eq 0 ] || echo "ccflags-y += $*"
	} >>"$vd/Kbuild"
}
# kbuild KDIR M LOG [ARG]...: one kbuild run over every module of M, as
# many jobs as there are CPUs.
kbuild() {
	kb_kdir=$1 kb_m=$2 kb_log=$3
	shift 3
	kernel_make "$kb_kdir" -s M="$kb_m" -j"$(nproc)" "$@" modules \
		>"$kb_log" 2>&1
}
has_re() { grep -Eq " $2\$" "$1"; }   # has_re NM-OUTPUT REGEX

for v in $kernels; do
	kdir=$(kernel_kdir "$v")
	series=$(kernel_series "$v")
	if [ ! -d "$kdir" ]; then
		emit not-ok "$series: headers for $v: install linux-headers-$v (make deps)"
		continue
	fi
	b=$tmp/$v
	# Two kbuild runs build every proof of this kernel; each pays
	# kbuild's fixed costs (its Makefiles, some thirty compiler probes,
	# modpost) once.  $b is the M directory of the first: one
	# subdirectory per variant, the flags it needs (before: the KCFLAGS
	# of a run of its own) its directory's ccflags-y.
	mkdir -p "$b/orig"
	cp "$fixture/proof_gcc.c" "$fixture/proof_ra_traced.c" \
		"$fixture/proof_ra_plain.c" "$fixture/Kbuild" "$b/orig/"
	echo 'ccflags-y += -fdump-ipa-clones' >>"$b/orig/Kbuild"
	# The same source with one blank line after the SPDX line: every line
	# below moves down by one, no code changes.
	mkdir -p "$b/shift"
	sed '1a\
' "$fixture/proof_gcc.c" >"$b/shift/proof_gcc_shift.c"
	variant "$b/shift" proof_gcc proof_gcc_shift -fdump-ipa-clones
	variant "$b/ipa" proof_ipa proof_ipa \
		-fdump-ipa-clones -fdump-ipa-cp -fdump-ipa-icf-optimized
	variant "$b/ipa-off" proof_ipa proof_ipa_off \
		-fno-ipa-vrp -fno-ipa-bit-cp -fno-ipa-icf
	variant "$b/pc" proof_pure proof_pure \
		-fdump-ipa-clones -fdump-ipa-pure-const
	variant "$b/pc-off" proof_pure proof_pure_off -fno-ipa-pure-const
	variant "$b/pc-mr-off" proof_pure proof_pure_mr_off \
		-fno-ipa-pure-const -fno-ipa-modref
	variant "$b/ns-import" proof_ns proof_ns -DPROOF_IMPORT
	variant "$b/jump-branch" proof_jump proof_jump -DPROOF_BRANCH
	variant "$b/jump-read" proof_jump proof_jump_read
	variant "$b/jump-klp" proof_jump proof_jump_klp \
		-DPROOF_BRANCH -DPROOF_KLP
	{
		echo 'obj-m += orig/ shift/ ipa/ ipa-off/ pc/ pc-off/ pc-mr-off/'
		echo 'obj-m += ns-import/ jump-branch/ jump-read/ jump-klp/'
	} >"$b/Kbuild"
	# KBUILD_MODPOST_WARN: the jump-label proofs use symbols that exist
	# nowhere; modpost warns about those (and only about those: checked
	# below) instead of stopping.  The second run is the one that must
	# fail, without the warning mode.
	variant "$b/ns-bare" proof_ns proof_ns
	main_ok=0
	kbuild "$kdir" "$b" "$b/main.log" KBUILD_MODPOST_WARN=1 && main_ok=1
	ns_bare_ok=0
	kbuild "$kdir" "$b/ns-bare" "$b/ns-bare.log" && ns_bare_ok=1

	if [ "$main_ok" = 1 ] && [ -s "$b/orig/proof_gcc.o" ] &&
	   [ -s "$b/shift/proof_gcc_shift.o" ]; then
		emit ok "$series: proof_gcc.c builds with the kernel's kbuild"
	else
		emit not-ok "$series: proof_gcc.c builds with the kernel's kbuild" \
			"$b/main.log"
		continue
	fi
	o=$b/orig/proof_gcc.o
	nm "$o" >"$b/nm"
	fentry_funcs "$o" >"$b/fentry"
	cat "$b"/orig/*.ipa-clones >"$b/clones" 2>/dev/null

	# inlining.rst: a static helper with one caller has no symbol left,
	# and the clone dump names the function it went into.
	if ! has_sym "$b/nm" 't pg_helper' &&
	   grep -q '^Callgraph clone;pg_helper;.*;pg_entry;.*;inlining to$' \
		"$b/clones"; then
		emit ok "$series: pg_helper() inlined into pg_entry(), no symbol (inlining)"
	else
		emit not-ok "$series: pg_helper() inlined into pg_entry(), no symbol (inlining)"
	fi
	# notrace.rst: a kernel "inline" function kept out of line has no
	# ftrace call, while an ordinary function has one.
	if grep -qx pg_entry "$b/fentry"; then
		emit ok "$series: an ordinary function calls __fentry__"
	else
		emit not-ok "$series: an ordinary function calls __fentry__"
	fi
	if has_sym "$b/nm" 't pg_inline_kept' && ! grep -qx pg_inline_kept "$b/fentry"; then
		emit ok "$series: an out-of-line kernel 'inline' function has no __fentry__ (notrace)"
	else
		emit not-ok "$series: an out-of-line kernel 'inline' function has no __fentry__ (notrace)"
	fi
	# gcc-optimizations.rst: clones, their names and their ftrace calls.
	clone=$(awk '$3 ~ /^pg_scale\.constprop\.[0-9]+$/ { print $3 }' "$b/nm")
	if [ -n "$clone" ] && ! has_re "$b/nm" '[tT] pg_scale' &&
	   grep -qx "$clone" "$b/fentry"; then
		emit ok "$series: only $clone exists, and it calls __fentry__ (constprop)"
	else
		emit not-ok "$series: pg_scale() exists only as a traceable .constprop clone"
	fi
	isra=$(awk '$3 ~ /^pg_sum\..*isra\.[0-9]+$/ { print $3 }' "$b/nm")
	if [ -n "$isra" ] && grep -q "^Callgraph clone;.*;$isra;.*;isra\$" "$b/clones"; then
		emit ok "$series: pg_sum() became $isra, recorded by -fdump-ipa-clones (isra)"
	else
		emit not-ok "$series: pg_sum() became an .isra clone recorded by -fdump-ipa-clones"
	fi
	# A hot/cold split is gcc's choice: 6.1's flags produce one for
	# pg_check(), 6.12's did not when this was written.  When there is
	# one, it must be in .text.unlikely and have no ftrace call.
	unlikely=$(readelf -SW "$o" |
		sed -n 's/^ *\[ *\([0-9]*\)\] \.text\.unlikely .*/\1/p')
	if ! has_sym "$b/nm" 't pg_check.cold'; then
		emit ok "$series: pg_check.cold is in .text.unlikely, without __fentry__ # SKIP gcc made no .cold part with this kernel's flags"
	elif ! grep -qx pg_check.cold "$b/fentry" &&
	     [ -n "$unlikely" ] &&
	     readelf -sW "$o" | awk '$8 == "pg_check.cold" { print $7 }' |
		grep -qx "$unlikely"; then
		emit ok "$series: pg_check.cold is in .text.unlikely, without __fentry__ (cold)"
	else
		emit not-ok "$series: pg_check.cold is in .text.unlikely, without __fentry__ (cold)"
	fi
	# static-locals.rst: the static local is a numbered local object.
	if has_re "$b/nm" 'b pg_calls\.[0-9]+'; then
		emit ok "$series: the static local is the object $(awk '$3 ~ /^pg_calls\./ { print $3 }' "$b/nm") (static locals)"
	else
		emit not-ok "$series: the static local is a numbered local object"
	fi
	# line-numbers.rst: moving every line down by one leaves the machine
	# code as it was and changes the bug table of the function below.
	s=$b/shift/proof_gcc_shift.o
	objcopy -O binary --only-section=.text "$o" "$b/text.orig" 2>/dev/null
	objcopy -O binary --only-section=.text "$s" "$b/text.shift" 2>/dev/null
	objcopy -O binary --only-section=__bug_table "$o" "$b/bug.orig" 2>/dev/null
	objcopy -O binary --only-section=__bug_table "$s" "$b/bug.shift" 2>/dev/null
	if [ -s "$b/text.orig" ] && cmp -s "$b/text.orig" "$b/text.shift"; then
		emit ok "$series: a line shift leaves .text byte for byte the same"
	else
		emit not-ok "$series: a line shift leaves .text byte for byte the same"
	fi
	if [ -s "$b/bug.orig" ] && ! cmp -s "$b/bug.orig" "$b/bug.shift"; then
		emit ok "$series: a line shift changes the __bug_table entry of WARN_ON()"
	else
		emit not-ok "$series: a line shift changes the __bug_table entry of WARN_ON()"
	fi

	# gcc-optimizations.rst, IPA-RA: the caller of a known leaf needs b,
	# c and d after the call.  Built with the ftrace flags (-pg), it
	# saves them in callee-saved registers: gcc turns IPA-RA off under
	# -pg.  Built without them, as the kernel builds its notrace files,
	# it keeps them in argument registers the leaf does not touch, unless
	# the kernel passes -fpatchable-function-entry to every file (6.12's
	# CALL_PADDING), which turns IPA-RA off as well.
	ra_caller() { # OBJECT FUNCTION: its instructions, one per line
		objdump -dr --no-show-raw-insn "$1" |
		awk -v f="<$2>:" '$2 == f { p = 1; next } p && /^$/ { exit } p'
	}
	saves='push +%(rbx|rbp|r1[2-5])'
	ra_caller "$b/orig/proof_ra_traced.o" pra_traced_caller >"$b/ra.traced"
	ra_caller "$b/orig/proof_ra_plain.o" pra_plain_caller >"$b/ra.plain"
	if grep -q '__fentry__' "$b/ra.traced" &&
	   grep -Eq "$saves" "$b/ra.traced"; then
		emit ok "$series: with -pg, the caller saves its values around the call (IPA-RA off)"
	else
		emit not-ok "$series: with -pg, the caller saves its values around the call (IPA-RA off)" \
			"$b/ra.traced"
	fi
	if grep -q -- '-fpatchable-function-entry' "$b/orig/.proof_ra_plain.o.cmd"; then
		if ! grep -q '__fentry__' "$b/ra.plain" &&
		   grep -Eq "$saves" "$b/ra.plain"; then
			emit ok "$series: without -pg but with -fpatchable-function-entry, the caller still saves them (IPA-RA off)"
		else
			emit not-ok "$series: without -pg but with -fpatchable-function-entry, the caller still saves them (IPA-RA off)" \
				"$b/ra.plain"
		fi
	elif ! grep -q '__fentry__' "$b/ra.plain" &&
	     ! grep -Eq "$saves" "$b/ra.plain" &&
	     awk '/call.*pra_plain_leaf/ { c = 1; next } c' "$b/ra.plain" |
		grep -Eq '%(rsi|rdx|rcx)'; then
		emit ok "$series: without the ftrace flags, the caller keeps b, c, d in argument registers across the call (IPA-RA on)"
	else
		emit not-ok "$series: without the ftrace flags, the caller keeps b, c, d in argument registers across the call (IPA-RA on)" \
			"$b/ra.plain"
	fi

	# gcc-optimizations.rst, facts between functions: proof_ipa.c built
	# with the dumps that show them, and again with IPA-VRP, IPA bit-CP
	# and ICF off, the control that shows what they removed.
	ipa=$b/ipa/proof_ipa.o
	ipa_off=$b/ipa-off/proof_ipa_off.o
	if [ "$main_ok" = 1 ] && [ -s "$ipa" ] && [ -s "$ipa_off" ]; then
		emit ok "$series: proof_ipa.c builds with and without IPA-VRP, bit-CP, ICF"
		ra_caller "$ipa" pi_check >"$b/pi_check"
		ra_caller "$ipa_off" pi_check >"$b/pi_check.off"
		ra_caller "$ipa" pi_bits >"$b/pi_bits"
		ra_caller "$ipa_off" pi_bits >"$b/pi_bits.off"
		ra_caller "$ipa" pi_user1 >"$b/pi_user1"
		cat "$b"/ipa/proof_ipa.c.*.cp >"$b/ipa.cp" 2>/dev/null
		cat "$b"/ipa/proof_ipa.c.*.icf >"$b/ipa.icf" 2>/dev/null
		cat "$b"/ipa/proof_ipa.c.*.ipa-clones >"$b/ipa.clones" 2>/dev/null
		# Callers pass 0..258: the callee's "x > 1000" is gone.
		# shellcheck disable=SC2016 # $0x... is an assembler immediate, not shell
		if ! grep -q 'cmp *\$0x3e8,' "$b/pi_check" &&
		   grep -q 'cmp *\$0x3e8,' "$b/pi_check.off"; then
			emit ok "$series: the callers' argument range removed the range check from the callee pi_check() (IPA-VRP/bit-CP, callers into callee)"
		else
			emit not-ok "$series: the callers' argument range removed the range check from the callee pi_check()" \
				"$b/pi_check"
		fi
		# Callers pass values below 256: the callee's "& 0xffff" is gone.
		# shellcheck disable=SC2016 # $0x... is an assembler immediate, not shell
		if ! grep -Eq 'movzwl|and +\$0xffff,' "$b/pi_bits" &&
		   grep -Eq 'movzwl|and +\$0xffff,' "$b/pi_bits.off"; then
			emit ok "$series: the callers' known bits removed the mask from the callee pi_bits() (IPA bit-CP)"
		else
			emit not-ok "$series: the callers' known bits removed the mask from the callee pi_bits()" \
				"$b/pi_bits"
		fi
		# The other direction: gcc 12 (6.1, 6.12) keeps the caller's
		# test of a result that is always 0..15; gcc 14 (7.x) carries
		# the callee's return range back and drops it.
		gccv=$(sed -n 's/^CONFIG_GCC_VERSION=//p' \
			"$kdir/include/config/auto.conf")
		# shellcheck disable=SC2016 # $0x... is an assembler immediate, not shell
		if awk '/call.*<pi_small>/ { c = 1; next } c' "$b/pi_user1" |
			grep -q 'cmp *\$0x64,'; then
			kept=1
		else
			kept=0
		fi
		if [ "${gccv:-0}" -lt 140000 ] && [ "$kept" = 1 ]; then
			emit ok "$series: gcc $gccv: the caller keeps its check of the callee's result (no return range carried back)"
		elif [ "${gccv:-0}" -ge 140000 ] && [ "$kept" = 0 ]; then
			emit ok "$series: gcc $gccv: the caller's check of the callee's result is gone (return range carried back)"
		else
			emit not-ok "$series: gcc $gccv: the caller's check of the callee's result (kept: $kept)" \
				"$b/pi_user1"
		fi
		if nm "$ipa" | awk '$3 == "pi_twin_a" || $3 == "pi_twin_b" { print $1 }' |
			uniq | wc -l | grep -qx 1 &&
		   grep -q 'Semantic equality hit:pi_twin_a/[0-9]*->pi_twin_b' "$b/ipa.icf"; then
			emit ok "$series: ICF: pi_twin_a and pi_twin_b are one body at one address, named by -fdump-ipa-icf-optimized"
		else
			emit not-ok "$series: ICF: pi_twin_a and pi_twin_b are one body at one address, named by -fdump-ipa-icf-optimized" \
				"$(nm "$ipa" | grep pi_twin)"
		fi
		if grep -q '^Propagated bits info for function pi_check/' "$b/ipa.cp"; then
			emit ok "$series: -fdump-ipa-cp names what it propagated into pi_check()"
		else
			emit not-ok "$series: -fdump-ipa-cp names what it propagated into pi_check()" \
				"$(head -c 2000 "$b/ipa.cp")"
		fi
		if [ -e "$b/ipa.clones" ] && ! grep -q 'pi_' "$b/ipa.clones"; then
			emit ok "$series: -fdump-ipa-clones records none of it (no line names pi_check, pi_bits or the twins)"
		else
			emit not-ok "$series: -fdump-ipa-clones records none of it" \
				"$b/ipa.clones"
		fi
	else
		emit not-ok "$series: proof_ipa.c builds with and without IPA-VRP, bit-CP, ICF" \
			"$b/main.log"
	fi

	# gcc-optimizations.rst, pure-const: proof_pure.c built with the
	# dumps, then with -fno-ipa-pure-const, then with -fno-ipa-modref too.
	# pp_weight() is found const: pp_twice() calls it once, pp_dropped()
	# not at all; the controls show the calls the source has.
	pcb=$b
	# dis OBJECT FUNCTION: the disassembly of FUNCTION in $b/OBJECT
	dis() {
		(cd "$b" && objdump -dr --no-show-raw-insn "$1" |
			awk "/<$2>:/,/^\$/")
	}
	# weight_calls FILE: the calls to pp_weight() in a disassembly
	weight_calls() {
		grep -Ec 'call.*<pp_weight>|R_X86_64_(PLT|PC)32[[:space:]]+pp_weight' "$1"
	}
	gccv=$(sed -n 's/^CONFIG_GCC_VERSION=//p' "$kdir/include/config/auto.conf")
	pt=$pcb/transcript
	if [ "$main_ok" = 1 ] && [ -s "$pcb/pc/proof_pure.o" ] && [ -s "$pcb/pc-off/proof_pure_off.o" ] &&
	   [ -s "$pcb/pc-mr-off/proof_pure_mr_off.o" ]; then
		pc_ok=1
		emit ok "$series: proof_pure.c builds as is, without pure-const, without pure-const and modref"
		dis pc/proof_pure.o pp_twice >"$pcb/twice"
		dis pc/proof_pure.o pp_dropped >"$pcb/dropped"
		dis pc-off/proof_pure_off.o pp_twice >"$pcb/twice.off"
		dis pc-off/proof_pure_off.o pp_dropped >"$pcb/dropped.off"
		dis pc-mr-off/proof_pure_mr_off.o pp_dropped >"$pcb/dropped.mr-off"
		(cd "$pcb/pc" && awk '/local analysis of pp_weight\// { p = 1 }
			p { print } p && /^Function / { exit }' \
			proof_pure.c.*.pure-const) >"$pcb/dump" 2>&1
		if nm "$pcb/pc/proof_pure.o" | grep -q ' t pp_weight$' &&
		   grep -q '__fentry__' "$pcb/twice" &&
		   [ "$(weight_calls "$pcb/twice")" = 1 ] &&
		   [ "$(weight_calls "$pcb/twice.off")" = 2 ]; then
			emit ok "$series: pp_twice() calls the const pp_weight() once for the source's two calls; twice with -fno-ipa-pure-const"
		else
			pc_ok=0
			emit not-ok "$series: pp_twice() calls the const pp_weight() once for the source's two calls; twice with -fno-ipa-pure-const" \
				"$pcb/twice"
		fi
		if [ "$(weight_calls "$pcb/dropped")" = 0 ] &&
		   [ "$(weight_calls "$pcb/dropped.off")" = 0 ] &&
		   [ "$(weight_calls "$pcb/dropped.mr-off")" = 1 ]; then
			emit ok "$series: pp_dropped() does not call pp_weight(); it does only with -fno-ipa-pure-const -fno-ipa-modref (modref alone knows enough)"
		else
			pc_ok=0
			emit not-ok "$series: pp_dropped() does not call pp_weight(); it does only with -fno-ipa-pure-const -fno-ipa-modref" \
				"$pcb/dropped.mr-off"
		fi
		if grep -Eq '^Function (is locally|found to be) const' "$pcb/dump"; then
			emit ok "$series: -fdump-ipa-pure-const: $(grep -E '^Function ' "$pcb/dump" | head -n 1)"
		else
			pc_ok=0
			emit not-ok "$series: -fdump-ipa-pure-const finds pp_weight() const" "$pcb/dump"
		fi
		if ls "$pcb"/pc/proof_pure.c.*.ipa-clones >/dev/null 2>&1 &&
		   ! grep -q 'pp_' "$pcb"/pc/proof_pure.c.*.ipa-clones; then
			emit ok "$series: -fdump-ipa-clones has no line about pp_weight() or its callers"
		else
			pc_ok=0
			emit not-ok "$series: -fdump-ipa-clones has no line about pp_weight() or its callers"
		fi
		{
			echo "# make check-limitations: checks/limitations/proof_pure.c, kbuild and gcc ${gccv%????} of $v"
			echo "# (gcc's node numbers and the __UNIQUE_ID counters read <N>)"
			echo "# One kbuild run builds every proof of checks/limitations/: each"
			echo "# copy of a source in a directory of its own, whose Kbuild adds"
			echo "# that copy's flags (ccflags-y), under a name of its own."
			echo "\$ cat Kbuild pc/Kbuild"
			(cd "$pcb" && cat Kbuild pc/Kbuild)
			echo "# (KBUILD_MODPOST_WARN=1: other proofs use symbols defined nowhere)"
			echo "\$ make -C \"\$KDIR\" M=\"\$PWD\" -j\"\$(nproc)\" KBUILD_MODPOST_WARN=1 modules"
			echo "\$ objdump -dr --no-show-raw-insn pc/proof_pure.o | awk '/<pp_twice>:/,/^\$/'"
			cat "$pcb/twice"
			echo "\$ objdump -dr --no-show-raw-insn pc/proof_pure.o | awk '/<pp_dropped>:/,/^\$/'"
			cat "$pcb/dropped"
			echo "\$ awk '/local analysis of pp_weight\\// { p = 1 } p { print } p && /^Function / { exit }' pc/proof_pure.c.*.pure-const"
			cat "$pcb/dump"
			echo "\$ grep -c pp_ pc/proof_pure.c.*.ipa-clones"
			(cd "$pcb" && grep -c pp_ pc/proof_pure.c.*.ipa-clones)
			echo
			echo "# the same source in pc-off/, pure-const off"
			echo "\$ cat pc-off/Kbuild"
			cat "$pcb/pc-off/Kbuild"
			echo "\$ cmp pc/proof_pure.c pc-off/proof_pure_off.c && echo same source"
			(cd "$pcb" && cmp pc/proof_pure.c pc-off/proof_pure_off.c && echo same source)
			echo "\$ objdump -dr --no-show-raw-insn pc-off/proof_pure_off.o | awk '/<pp_twice>:/,/^\$/'"
			cat "$pcb/twice.off"
			echo "\$ objdump -dr --no-show-raw-insn pc-off/proof_pure_off.o | awk '/<pp_dropped>:/,/^\$/'"
			cat "$pcb/dropped.off"
			echo
			echo "# and in pc-mr-off/, pure-const and modref off"
			echo "\$ cat pc-mr-off/Kbuild"
			cat "$pcb/pc-mr-off/Kbuild"
			echo "\$ cmp pc/proof_pure.c pc-mr-off/proof_pure_mr_off.c && echo same source"
			(cd "$pcb" && cmp pc/proof_pure.c pc-mr-off/proof_pure_mr_off.c && echo same source)
			echo "\$ objdump -dr --no-show-raw-insn pc-mr-off/proof_pure_mr_off.o | awk '/<pp_dropped>:/,/^\$/'"
			cat "$pcb/dropped.mr-off"
		} 2>&1 | sed -E -e 's#(pp_[a-z]+)/[0-9]+#\1/<N>#g' \
			-e 's#__UNIQUE_ID_([a-z_]+)[0-9]+#__UNIQUE_ID_\1<N>#g' >"$pt"
		[ "$pc_ok" = 1 ] &&
			transcript "limit-pure-const.$series.txt" "$pt" \
				"$series: gcc-optimizations.rst (pure-const)"
	else
		emit not-ok "$series: proof_pure.c builds as is, without pure-const, without pure-const and modref" \
			"$b/main.log"
	fi

	# build-match.rst: a namespaced export without and with
	# MODULE_IMPORT_NS, the CRC modversions records, and the compiler
	# kbuild picks for this kernel.
	if [ "$ns_bare_ok" = 1 ]; then
		emit not-ok "$series: without MODULE_IMPORT_NS(DMA_BUF), modpost stops the build" \
			"$b/ns-bare.log"
	elif grep -Eq "modpost: .*uses symbol '?dma_buf_get'? from namespace '?DMA_BUF'?, but does not import it" \
		"$b/ns-bare.log"; then
		emit ok "$series: without MODULE_IMPORT_NS(DMA_BUF), modpost stops the build ($(grep -m1 -o 'uses symbol.*import it' "$b/ns-bare.log"))"
	else
		emit not-ok "$series: without MODULE_IMPORT_NS(DMA_BUF), modpost stops the build" \
			"$b/ns-bare.log"
	fi
	nk=$b/ns-import/proof_ns.ko
	# The run was in KBUILD_MODPOST_WARN mode: modpost must have named
	# none but the jump-label proofs, so no complaint about proof_ns was
	# turned into a warning.
	if [ "$main_ok" = 1 ] && [ -s "$nk" ] &&
	   ! grep 'modpost' "$b/main.log" | grep -Eqv '[[/ ]jump-[a-z]+/'; then
		emit ok "$series: with MODULE_IMPORT_NS(DMA_BUF) it builds"
		crc_built=$(modprobe --dump-modversions "$nk" 2>/dev/null |
			awk '$2 == "dma_buf_get" { print $1 }')
		crc_headers=$(awk '$2 == "dma_buf_get" { print $1 }' \
			"$kdir/Module.symvers")
		# 6.1 and 6.12 are built with CONFIG_MODVERSIONS=y; Debian's
		# 7.x is not (its Module.symvers lists CRC 0x00000000).
		if grep -qx 'CONFIG_MODVERSIONS=y' "$kdir/include/config/auto.conf"; then
			if [ -n "$crc_built" ] && [ "$crc_built" = "$crc_headers" ]; then
				emit ok "$series: CONFIG_MODVERSIONS=y; the module records the headers' CRC of dma_buf_get ($crc_built)"
			else
				emit not-ok "$series: CONFIG_MODVERSIONS=y; the module records the headers' CRC of dma_buf_get" \
					"$b/main.log"
			fi
		elif [ -z "$crc_built" ] &&
		     ! readelf -SW "$nk" | grep -q ' __versions '; then
			emit ok "$series: CONFIG_MODVERSIONS is off: the module has no __versions section, only vermagic is checked"
		else
			emit not-ok "$series: CONFIG_MODVERSIONS is off: the module has no __versions section" \
				"$b/main.log"
		fi
		# The compiler: Debian's headers name gcc-12 (or its triplet
		# form) and set DEBIAN_KERNEL_NO_CC_VERSION_CHECK, so kbuild's
		# own "the compiler differs" warning is off; the object's
		# .comment and CONFIG_CC_VERSION_TEXT must agree.
		cc_kernel=$(sed -n 's/^CONFIG_CC_VERSION_TEXT=//p' \
			"$kdir/include/config/auto.conf" | tr -d '"' | cut -d' ' -f2-)
		cc_built=$(readelf -p .comment "$b/ns-import/proof_ns.o" |
			sed -n 's/.*GCC: \(.*\)$/\1/p' | head -n 1)
		if [ -n "$cc_kernel" ] && [ "$cc_built" = "$cc_kernel" ]; then
			emit ok "$series: kbuild built with the kernel's own compiler: $cc_kernel"
		else
			emit not-ok "$series: kbuild built with the kernel's own compiler" \
				"$b/main.log"
		fi
	else
		emit not-ok "$series: with MODULE_IMPORT_NS(DMA_BUF) it builds" \
			"$b/main.log"
	fi

	# jump-labels.rst: proof_jump.c built twice.  With static_branch and
	# static_call, the object has __jump_table and .static_call_sites
	# entries relocated against the other module's key, and the key field
	# holds 0 until that relocation is written.  With static_key_enabled()
	# and static_call_query() it has neither table: the key is reached
	# from .text.  KBUILD_MODPOST_WARN: the symbols exist nowhere, and
	# only the object file matters.
	jb=$b/jump-branch/proof_jump.o
	jr=$b/jump-read/proof_jump_read.o
	if [ "$main_ok" = 1 ] && [ -s "$jb" ] && [ -s "$jr" ]; then
		emit ok "$series: proof_jump.c builds both ways"
	else
		emit not-ok "$series: proof_jump.c builds both ways" "$b/main.log"
		continue
	fi
	# relocs OBJ SECTION: "TYPE SYMBOL" of each relocation in SECTION.
	relocs() {
		readelf -rW "$1" | awk -v s="'$2'" '
			/^Relocation section/ { p = ($3 == s); next }
			p && NF >= 5 { print $3, $5 }'
	}
	# The unsafe case, built and never loaded: the key reached through a
	# klp relocation, which klp-convert-lite puts in a section the livepatch
	# core writes only when the patch is enabled.
	jk=$b/jump-klp/proof_jump_klp.ko
	if [ "$main_ok" = 1 ] && [ -s "$jk" ] &&
	   "$conv" "$jk" >"$b/jump-klp.log" 2>&1 &&
	   readelf -SW "$jk" |
		grep -q ' \.klp\.rela\.proof_owner\.__jump_table .* AIo ' &&
	   relocs "$jk" .klp.rela.proof_owner.__jump_table |
		grep -qx 'R_X86_64_PC64 .klp.sym.proof_owner.pj_key,0'; then
		emit ok "$series: through a klp symbol, the key's relocation is in .klp.rela.proof_owner.__jump_table"
	else
		cat "$b/main.log" >>"$b/jump-klp.log"
		emit not-ok "$series: through a klp symbol, the key's relocation is in .klp.rela.proof_owner.__jump_table" \
			"$b/jump-klp.log"
	fi
	if relocs "$jb" .rela__jump_table | grep -qx 'R_X86_64_PC64 pj_key'; then
		emit ok "$series: static_branch_unlikely(): a __jump_table key field relocated against pj_key"
	else
		emit not-ok "$series: static_branch_unlikely(): a __jump_table key field relocated against pj_key"
	fi
	# struct jump_entry: s32 code, s32 target, long key; the key at 8.
	key=$(objcopy -O binary --only-section=__jump_table "$jb" /dev/stdout |
		od -An -tx1 -j8 -N8 | tr -d ' \n')
	if [ "$key" = 0000000000000000 ]; then
		emit ok "$series: the unrelocated key field is 0 (the kernel would read the entry's own address)"
	else
		emit not-ok "$series: the unrelocated key field is 0" \
			"key field: '$key'"
	fi
	if relocs "$jb" .rela.static_call_sites | grep -q ' __SCK__pj_call$'; then
		emit ok "$series: static_call(): a .static_call_sites entry relocated against __SCK__pj_call"
	else
		emit not-ok "$series: static_call(): a .static_call_sites entry relocated against __SCK__pj_call"
	fi
	if ! readelf -SW "$jr" | grep -Eq ' (__jump_table|\.static_call_sites) ' &&
	   relocs "$jr" .rela.text | grep -q ' pj_key$' &&
	   relocs "$jr" .rela.text | grep -q ' __SCK__pj_call$'; then
		emit ok "$series: static_key_enabled(), static_call_query(): no __jump_table, no .static_call_sites; pj_key and __SCK__pj_call reached from .text"
	else
		emit not-ok "$series: static_key_enabled(), static_call_query(): no __jump_table, no .static_call_sites" \
			"$(readelf -SW "$jr" | grep -E 'jump|static_call')"
	fi
done
finish

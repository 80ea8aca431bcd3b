# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2154 # $bin, $tmp, $here come from run.sh
# pfe.sh: __patchable_function_entries is no list of ftrace call sites on
# x86 (fixtures/pfe.c says why); sourced by run.sh, uses its $tmp, $here,
# tap() and run_case().

pfe_flags="-O2 -fpatchable-function-entry=16,16 -g -c"
# shellcheck disable=SC2086 # the flags are words
if gcc $pfe_flags -pg -mfentry -mrecord-mcount -o "$tmp/pfe-plain.o" \
		"$here/fixtures/pfe.c" &&
   gcc $pfe_flags -o "$tmp/pfe-noftrace.o" "$here/fixtures/pfe.c"; then
	tap ok "pfe fixtures build with -fpatchable-function-entry=16,16, with and without -pg"
	# objtool --prefix=16 (CONFIG_PREFIX_SYMBOLS) names each function's
	# padding __pfx_<name>; add the same symbols here.
	pfx=$(nm "$tmp/pfe-plain.o" | while read -r addr type name; do
		[ "$type" = T ] && printf ' --add-symbol __pfx_%s=.text:0x%x,function,local' \
			"$name" $((0x$addr - 16))
	done)
	# shellcheck disable=SC2086 # one word per option
	objcopy $pfx "$tmp/pfe-plain.o" "$tmp/pfe.o"
	# The fixture proves something only if the padding table lists the
	# notrace function and __mcount_loc does not.
	sites() { readelf -rW "$tmp/$1" | sed -n "/'.rela$2'/,/^$/p" |
		  grep -c 'R_X86_64_64'; }
	if [ "$(sites pfe.o __patchable_function_entries)" = 3 ] &&
	   [ "$(sites pfe.o __mcount_loc)" = 2 ] &&
	   [ "$(sites pfe-noftrace.o __patchable_function_entries)" = 3 ] &&
	   ! readelf -SW "$tmp/pfe-noftrace.o" | grep -q __mcount_loc; then
		tap ok "pfe fixtures: the padding table lists all 3 functions, __mcount_loc only the 2 traced"
	else
		tap fail "pfe fixtures: the padding table lists all 3 functions, __mcount_loc only the 2 traced"
	fi
	run_case pfe -e pfe.o pfe_traced pfe_quiet __pfx_pfe_quiet
	run_case pfe-noftrace -e pfe-noftrace.o pfe_traced
else
	tap fail "pfe fixtures build with -fpatchable-function-entry=16,16, with and without -pg"
fi

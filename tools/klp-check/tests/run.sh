#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh [--update] KLP_CHECK: the tests of klp-check, as TAP.
#
# Fixtures are built here from fixtures/*.c with the flags of a kernel
# with ftrace (gcc -O2 -pg -mfentry -mrecord-mcount -g) and linked by
# ld -r; a running system is faked as a small sysroot tree.  Each case
# runs klp-check and compares its output and exit status with
# expected/<case>.out by diff -u.  --update rewrites the expected files
# from the tool's output (review them before committing).
set -u

update=0
if [ "${1:-}" = --update ]; then
	update=1
	shift
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
expected=$here/expected
tmp=$(mktemp -d /tmp/klp-check-tests.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

tap() { # tap ok|fail|skip DESCRIPTION [WHY]
	n=$((n + 1))
	case $1 in
	ok) echo "ok $n - $2" ;;
	skip) echo "ok $n - $2 # SKIP $3" ;;
	*) echo "not ok $n - $2"; failed=$((failed + 1)) ;;
	esac
}

# run_case NAME ARGS...: run klp-check in $tmp, compare with expected/NAME.out
run_case() {
	name=$1
	shift
	(cd "$tmp" && "$bin" "$@" >"$tmp/$name.got" 2>&1
	 echo "[exit $?]" >>"$tmp/$name.got")
	if [ "$update" = 1 ]; then
		mkdir -p "$expected"
		cp "$tmp/$name.got" "$expected/$name.out"
	fi
	if [ ! -f "$expected/$name.out" ]; then
		tap fail "$name: expected/$name.out is missing (run.sh --update, then review)"
	elif diff -u "--label=expected/$name.out" "--label=klp-check $*" \
			"$expected/$name.out" "$tmp/$name.got" >"$tmp/$name.diff"; then
		tap ok "$name: klp-check $*"
	else
		tap fail "$name: klp-check $*"
		sed 's/^/#   /' "$tmp/$name.diff"
	fi
}

# --- fixtures -------------------------------------------------------------
have_cc=1
for t in gcc ld; do
	command -v $t >/dev/null 2>&1 || have_cc=0
done
if [ "$have_cc" = 1 ]; then
	cflags="-O2 -pg -mfentry -mrecord-mcount -g -c"
	if gcc $cflags -o "$tmp/hazards.o" "$here/fixtures/hazards.c" &&
	   gcc $cflags -o "$tmp/dup-static.o" "$here/fixtures/dup-static.c" &&
	   ld -r -o "$tmp/fixture.o" "$tmp/hazards.o" "$tmp/dup-static.o" &&
	   gcc -O2 -c -o "$tmp/nodebug.o" "$here/fixtures/dup-static.c" &&
	   gcc $cflags -o "$tmp/module.o" "$here/fixtures/module.c" &&
	   ld -r -o "$tmp/fixture-mod.ko" "$tmp/module.o" "$tmp/dup-static.o"; then
		tap ok "fixtures build with gcc -O2 -pg -mfentry -mrecord-mcount -g"
	else
		tap fail "fixtures build with gcc -O2 -pg -mfentry -mrecord-mcount -g"
		have_cc=0
	fi
fi

if [ "$have_cc" = 1 ]; then
	run_case plain -e fixture.o plain_ok
	run_case inlined -e fixture.o always_inlined partly_inlined
	run_case folded -e fixture.o folded_away
	run_case clones -e fixture.o sum_fields scale
	run_case duplicates -e fixture.o dup_name
	run_case notrace -e fixture.o not_traced
	run_case percpu -e fixture.o count_hit
	run_case init -e fixture.o setup_fixture
	run_case schedule -e fixture.o __schedule switch_helper
	run_case missing -e fixture.o no_such_function
	run_case no-mcount -e nodebug.o use_dup_b
	run_case module -e fixture-mod.ko init_module dup_name mod_entry
	run_case json --json -e fixture.o dup_name always_inlined count_hit
	if command -v python3 >/dev/null 2>&1; then
		if (cd "$tmp" && "$bin" --json -e fixture.o plain_ok dup_name \
				sum_fields not_traced) | python3 -m json.tool >/dev/null; then
			tap ok "--json output parses as JSON"
		else
			tap fail "--json output parses as JSON"
		fi
	else
		tap skip "--json output parses as JSON" "install python3 (make deps)"
	fi

	# Bad input: a clear error naming the file, exit status 3, no crash.
	head -c 200 "$tmp/fixture.o" >"$tmp/truncated.o"
	cp "$tmp/fixture.o" "$tmp/corrupt.o"
	# e_shoff (offset 0x28) pointing far beyond the end of the file
	printf '\377\377\377\377' |
		dd of="$tmp/corrupt.o" bs=1 seek=40 conv=notrunc 2>/dev/null
	run_case bad-truncated -e truncated.o plain_ok
	run_case bad-corrupt -e corrupt.o plain_ok
	strip -o "$tmp/stripped.o" --strip-all "$tmp/fixture.o" 2>/dev/null &&
		run_case bad-stripped -e stripped.o plain_ok
else
	for c in plain inlined clones duplicates notrace percpu init schedule \
		 missing no-mcount module json; do
		tap skip "$c" "install gcc and binutils (make deps)"
	done
fi

printf 'this is not an ELF file\n' >"$tmp/text.o"
: >"$tmp/empty.o"
run_case bad-not-elf -e text.o plain_ok
run_case bad-empty -e empty.o plain_ok
run_case bad-missing -e does-not-exist.o plain_ok
run_case usage-no-function -e text.o
run_case usage-bad-option --frobnicate plain_ok

# --- a running system, faked -------------------------------------------
root=$tmp/sysroot
mkdir -p "$root/proc" "$root/sys/kernel/tracing" \
	"$root/sys/kernel/livepatch/livepatch_demo/vmlinux/cmdline_proc_show,1"
echo 1 >"$root/sys/kernel/livepatch/livepatch_demo/enabled"
cp "$here/fixtures/kallsyms" "$root/proc/kallsyms"
cp "$here/fixtures/available_filter_functions" \
	"$root/sys/kernel/tracing/available_filter_functions"
run_case running -s sysroot cmdline_proc_show __schedule dup_show \
	sched_clone start_kernel demo_fn nosuch_fn
cp "$here/fixtures/available_filter_functions_addrs" \
	"$root/sys/kernel/tracing/available_filter_functions_addrs"
run_case running-addrs -s sysroot dup_show demo_fn
rm -r "$root/sys/kernel/tracing"
run_case running-no-tracefs -s sysroot cmdline_proc_show
printf 'ffffffff81000000 T ok_line\nthis line is broken\n' >"$root/proc/kallsyms"
run_case bad-kallsyms -s sysroot ok_line

# --- the index cache of vmlinux ------------------------------------------
. "$here/index.sh"

echo "1..$n"
[ "$failed" -eq 0 ]

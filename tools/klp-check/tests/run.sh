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
#
# The addresses in the output of compiled fixtures are offsets that the
# compiler chose (gcc 12.2 wrote the expected files); another gcc may lay
# the code out differently.  So for those cases both sides are compared
# with every 0x... number masked, while the expected files keep what the
# tool printed.  To prove that the mask is needed and enough, the
# fixtures are built a second time with -falign-functions=64, which moves
# every function: the raw output must then differ from the expected
# files, and the masked output must not.  (clang cannot stand in: it has
# no -mrecord-mcount and makes no .isra/.constprop clones.)  Masking is
# the default for every case, so that cases added later on compiled
# fixtures are safe too; only the faked running system, whose addresses
# come from the committed fixtures/kallsyms, is compared exactly
# (masked=0 around those cases).
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

# mask FILE: FILE with every hexadecimal number replaced by 0x?
mask() {
	sed -E 's/0x[0-9a-f]+/0x?/g' "$1"
}

# run_case NAME ARGS...: run klp-check in $dir (default $tmp), compare
# with expected/NAME.out; masked unless $masked = 0 (see above).  $label
# prefixes the description.
dir=$tmp
masked=1
label=
run_case() {
	name=$1
	shift
	got=$dir/$name.got
	(cd "$dir" && "$bin" "$@" >"$got" 2>&1
	 echo "[exit $?]" >>"$got")
	if [ "$update" = 1 ] && [ "$dir" = "$tmp" ]; then
		mkdir -p "$expected"
		cp "$got" "$expected/$name.out"
	fi
	if [ ! -f "$expected/$name.out" ]; then
		tap fail "$label$name: expected/$name.out is missing (run.sh --update, then review)"
		return
	fi
	want=$expected/$name.out
	if [ "$masked" = 1 ]; then
		mask "$want" >"$dir/$name.want-masked"
		mask "$got" >"$dir/$name.got-masked"
		want=$dir/$name.want-masked
		got=$dir/$name.got-masked
	fi
	if diff -u "--label=expected/$name.out" "--label=klp-check $*" \
			"$want" "$got" >"$dir/$name.diff"; then
		tap ok "$label$name: klp-check $*"
	else
		tap fail "$label$name: klp-check $*"
		sed 's/^/#   /' "$dir/$name.diff"
	fi
}

# --- fixtures -------------------------------------------------------------
have_cc=1
for t in gcc ld; do
	command -v $t >/dev/null 2>&1 || have_cc=0
done
# build_fixtures DIR [GCC-FLAGS...]: the fixture objects, into DIR
build_fixtures() {
	d=$1
	shift
	cflags="-O2 -pg -mfentry -mrecord-mcount -g -c $*"
	mkdir -p "$d"
	# shellcheck disable=SC2086 # the flags are words
	gcc $cflags -o "$d/hazards.o" "$here/fixtures/hazards.c" &&
	gcc $cflags -o "$d/dup-static.o" "$here/fixtures/dup-static.c" &&
	ld -r -o "$d/fixture.o" "$d/hazards.o" "$d/dup-static.o" &&
	gcc -O2 -c "$@" -o "$d/nodebug.o" "$here/fixtures/dup-static.c" &&
	gcc $cflags -o "$d/module.o" "$here/fixtures/module.c" &&
	ld -r -o "$d/fixture-mod.ko" "$d/module.o" "$d/dup-static.o"
}

# The cases on compiled fixtures, in $dir.
fixture_cases() {
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
}

if [ "$have_cc" = 1 ]; then
	if build_fixtures "$tmp"; then
		tap ok "fixtures build with gcc -O2 -pg -mfentry -mrecord-mcount -g"
	else
		tap fail "fixtures build with gcc -O2 -pg -mfentry -mrecord-mcount -g"
		have_cc=0
	fi
fi

if [ "$have_cc" = 1 ]; then
	fixture_cases
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

# --- the same fixtures at other offsets ----------------------------------
if [ "$have_cc" = 1 ]; then
	if build_fixtures "$tmp/shifted" -falign-functions=64; then
		dir=$tmp/shifted
		label="shifted: "
		fixture_cases
		# The shift must show in the raw output, or this proves nothing.
		if ! cmp -s "$tmp/shifted/json.got" "$expected/json.out" &&
		   ! cmp -s "$tmp/shifted/plain.got" "$expected/plain.out"; then
			tap ok "shifted: the raw addresses differ from expected/ (the mask is needed)"
		else
			tap fail "shifted: the raw addresses differ from expected/ (the mask is needed)"
		fi
		dir=$tmp
		label=
	else
		tap fail "fixtures build with -falign-functions=64"
	fi
fi

# --- a running system, faked -------------------------------------------
masked=0
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
masked=1

# --- the index cache of vmlinux ------------------------------------------
# shellcheck source=index.sh
. "$here/index.sh"

# --- later cases, one file each (the file says what it proves) -----------
for cases in pfe pages dbg patch; do
	if [ "$have_cc" = 1 ]; then
		# shellcheck source=/dev/null # pfe.sh, pages.sh, dbg.sh, patch.sh
		. "$here/$cases.sh"
	else
		tap skip "$cases.sh" "install gcc and binutils (make deps)"
	fi
done

echo "1..$n"
[ "$failed" -eq 0 ]

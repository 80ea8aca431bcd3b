#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-klp-convert: examples/livepatch-klp-reloc.c without conversion
# fails in modpost against each kernel in KERNELS, and
# tools/klp-convert-lite converts it, leaves a converted module alone, and
# refuses bad input (not ELF, truncated, a directory, not a livepatch
# module, no or a malformed klp symbol, an output path it cannot write,
# every kind of bad command line) with a message naming the file or
# option, a nonzero exit status and no file written; corrupt copies of
# the module never crash it; --help and the man page (made from
# klp-convert-lite.rst, rendered without a warning).  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/scripts/kernels.sh"
kernels=${KERNELS:-$(kernels_list)}
. "$top/checks/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
conv=$out/tools/klp-convert-lite/klp-convert-lite
src=$top/examples
mod=livepatch-klp-reloc

for tool in readelf:binutils nm:binutils gcc:gcc python3:python3; do
	command -v "${tool%%:*}" >/dev/null 2>&1 ||
		emit not-ok "${tool%%:*} not found: install ${tool#*:} (make deps)"
done
if ! make -s -C "$top/tools/klp-convert-lite" B="${conv%/*}" all \
	>"$tmp/conv.log" 2>&1; then
	emit not-ok "klp-convert-lite builds (is libelf-dev installed? make deps)" \
		"$tmp/conv.log"
	finish
fi
# The man page, made from klp-convert-lite.rst, which the reference page
# includes: it renders without a warning, and its Options are exactly the
# long options of --help.
man=${conv%/*}/klp-convert-lite.1
if ! make -s -C "$top/tools/klp-convert-lite" B="${conv%/*}" man \
	>"$tmp/man.log" 2>&1; then
	emit not-ok "klp-convert-lite.1 is made from klp-convert-lite.rst by pandoc" \
		"$tmp/man.log"
elif ! command -v man >/dev/null 2>&1; then
	emit not-ok "klp-convert-lite.1 renders: install man-db (make deps)"
elif MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$man" >"$tmp/man.txt" \
		2>"$tmp/man.err" && [ ! -s "$tmp/man.err" ] &&
	grep -q '^OPTIONS' "$tmp/man.txt" && grep -q '^LIMITS' "$tmp/man.txt"; then
	emit ok "klp-convert-lite.1, made from klp-convert-lite.rst, renders with man -l, no warning"
else
	cat "$tmp/man.txt" >>"$tmp/man.err"
	emit not-ok "klp-convert-lite.1, made from klp-convert-lite.rst, renders with man -l, no warning" \
		"$tmp/man.err"
fi
"$conv" --help 2>&1 | grep -oE '^  -[a-zA-Z], --[a-z-]+' | sed 's/^ *//' |
	sort >"$tmp/options.help"
# shellcheck disable=SC2016 # the backquotes are rst's, not the shell's
sed -n '/^Options$/,/^Exit status$/p' "$top/tools/klp-convert-lite/klp-convert-lite.rst" |
	sed -nE 's/^``(-[a-zA-Z])[^`]*``, ``(--[a-z-]+)[^`]*``$/\1, \2/p' |
	sort >"$tmp/options.doc"
if [ -s "$tmp/options.help" ] &&
   diff -u --label='klp-convert-lite --help' --label=klp-convert-lite.rst \
	"$tmp/options.help" "$tmp/options.doc" >"$tmp/options.diff"; then
	emit ok "klp-convert-lite.rst documents the $(wc -l <"$tmp/options.help") options of --help, no other"
else
	emit not-ok "klp-convert-lite.rst documents the options of --help, no other" \
		"$tmp/options.diff"
fi
rm -f "$tmp"/man.* "$tmp"/options.*

[ -n "$kernels" ] ||
	emit not-ok "no Debian 6.1, 6.12 or 7.x kernel installed: run make deps"

# build DIR KDIR [MAKE-ARGS]: the example and its target, plain kbuild.
build() {
	mkdir -p "$1"
	cp "$src/$mod.c" "$src/$mod.h" "$src/target-hazard.c" "$1/"
	printf 'obj-m += target-hazard.o\nobj-m += %s.o\n' "$mod" >"$1/Kbuild"
	d=$1 k=$2
	shift 2
	kernel_make "$k" -s M="$d" W=1 KCFLAGS=-Werror "$@" modules \
		>"$d/build.log" 2>&1
}

first=
for v in $kernels; do
	kdir=$(kernel_kdir "$v")
	b=$tmp/plain-$v
	if build "$b" "$kdir"; then
		emit not-ok "$v: $mod without conversion fails in modpost" "$b/build.log"
		continue
	fi
	grep '^ERROR: modpost: ' "$b/build.log" >"$b/errors"
	for s in target_hazard.th_scaled_value target_hazard.th_count_calls \
		 vmlinux.saved_command_line; do
		# modpost's wording: 6.x names the module's path after the
		# symbol, 7.x its name before (7.3 scripts/mod/modpost.c,
		# check_exports() and modpost_log()).
		case $(kernel_series "$v") in
		6.*)
			msg="\".klp.sym.$s,0\" [$b/$mod.ko] undefined!"
			say="\".klp.sym.$s,0\" [$mod.ko] undefined!"
			;;
		*)
			msg="$mod.ko: symbol '.klp.sym.$s,0' undefined!"
			say=$msg
			;;
		esac
		if grep -qF "ERROR: modpost: $msg" "$b/errors"; then
			emit ok "$v: modpost: $say"
		else
			emit not-ok "$v: modpost: $say" "$b/build.log"
		fi
	done
	if [ "$(grep -c 'undefined!' "$b/errors")" = 3 ]; then
		emit ok "$v: modpost reports no other undefined symbol"
	else
		emit not-ok "$v: modpost reports no other undefined symbol" "$b/errors"
	fi
	[ -z "$first" ] && first=$v
done
[ -n "$first" ] || finish

# The converter, on the module built against the first kernel with
# modpost's errors made warnings: kbuild run again in that kernel's
# directory, where the objects are up to date (the same flags), so only
# modpost and the link of each .ko run.
kdir=$(kernel_kdir "$first")
w=$tmp/plain-$first
if ! kernel_make "$kdir" -s M="$w" W=1 KCFLAGS=-Werror KBUILD_MODPOST_WARN=1 \
	modules >"$w/warn.log" 2>&1; then
	emit not-ok "$first: $mod builds with KBUILD_MODPOST_WARN=1" "$w/warn.log"
	finish
fi
raw=$w/$mod.ko
: >"$tmp/before"
: >"$tmp/after"

# refuse DESCRIPTION STATUS MESSAGE CONVERTER-ARGS...: the converter exits
# with STATUS, prints MESSAGE, and leaves no file but those there before.
refuse() {
	desc=$1 want=$2 msg=$3
	shift 3
	ls "$tmp"/* >"$tmp/before" 2>/dev/null
	"$conv" "$@" >"$tmp/log" 2>&1
	rc=$?
	ls "$tmp"/* >"$tmp/after" 2>/dev/null
	if [ "$rc" != "$want" ]; then
		echo "exit status $rc, expected $want" >>"$tmp/log"
		emit not-ok "$desc" "$tmp/log"
	elif ! grep -qF -- "$msg" "$tmp/log"; then
		echo "expected: $msg" >>"$tmp/log"
		emit not-ok "$desc" "$tmp/log"
	elif ! cmp -s "$tmp/before" "$tmp/after"; then
		diff "$tmp/before" "$tmp/after" >>"$tmp/log"
		emit not-ok "$desc: no file left behind" "$tmp/log"
	else
		emit ok "$desc"
	fi
}

"$conv" "$raw" "$tmp/good.ko" >"$tmp/log" 2>&1
rc=$?
readelf -SW "$tmp/good.ko" >"$tmp/sections" 2>&1
readelf -sW "$tmp/good.ko" >"$tmp/symbols" 2>&1
if [ $rc = 0 ] &&
	grep -qE '\.klp\.rela\.vmlinux\.text +RELA .* AIo ' "$tmp/sections" &&
	grep -qE '\.klp\.rela\.target_hazard\.text +RELA .* AIo ' "$tmp/sections"
then
	emit ok "converts: .klp.rela.vmlinux.text and .klp.rela.target_hazard.text, flags AIo"
else
	cat "$tmp/sections" >>"$tmp/log"
	emit not-ok "converts: .klp.rela.vmlinux.text and .klp.rela.target_hazard.text, flags AIo" "$tmp/log"
fi
if [ "$(grep -c 'OS \[0xff20\] \.klp\.sym\.' "$tmp/symbols")" = 3 ] &&
	! grep -q 'UND \.klp\.sym\.' "$tmp/symbols"; then
	emit ok "converts: three .klp.sym symbols with index SHN_LIVEPATCH, none undefined"
else
	emit not-ok "converts: three .klp.sym symbols with index SHN_LIVEPATCH, none undefined" \
		"$tmp/symbols"
fi
if [ "$(nm -u "$raw" | grep -c ' U \.klp\.sym\.')" = 3 ]; then
	emit ok "the input is left as it was"
else
	emit not-ok "the input is left as it was"
fi
cp "$tmp/good.ko" "$tmp/again.ko"
if "$conv" "$tmp/again.ko" >"$tmp/log" 2>&1 &&
	grep -q 'already converted (3 klp symbols)' "$tmp/log" &&
	cmp -s "$tmp/good.ko" "$tmp/again.ko"; then
	emit ok "a converted module is left alone"
else
	emit not-ok "a converted module is left alone" "$tmp/log"
fi

echo 'not a module' >"$tmp/text.ko"
refuse "not ELF: exit 1, says so" 1 "$tmp/text.ko: not an ELF file" \
	"$tmp/text.ko" "$tmp/out.ko"
head -c 4096 "$raw" >"$tmp/short.ko"
refuse "truncated: exit 1, names the file" 1 "klp-convert-lite: $tmp/short.ko: " \
	"$tmp/short.ko" "$tmp/out.ko"
cp "$tmp/short.ko" "$tmp/short-copy.ko"
refuse "truncated, in place: exit 1" 1 "$tmp/short-copy.ko: " \
	"$tmp/short-copy.ko"
if cmp -s "$tmp/short.ko" "$tmp/short-copy.ko"; then
	emit ok "a failed conversion in place leaves the file as it was"
else
	emit not-ok "a failed conversion in place leaves the file as it was"
fi
refuse "no MODULE_INFO(livepatch): exit 1" 1 "not a livepatch module" \
	"$w/target-hazard.ko" "$tmp/out.ko"
refuse "--sympos naming no symbol: exit 1" 1 "--sympos vmlinux.nothing=1: no such" \
	--sympos vmlinux.nothing=1 "$raw" "$tmp/out.ko"
refuse "--object with a dot: exit 2" 2 "--object a.b: OBJ is vmlinux or a module's name" \
	--object a.b "$raw" "$tmp/out.ko"
refuse "--sympos without =POS: exit 2" 2 "--sympos vmlinux.x: expected OBJ.NAME=POS" \
	--sympos vmlinux.x "$raw" "$tmp/out.ko"
refuse "--object without its value: exit 2" 2 "option --object needs a value" \
	--object
refuse "an unknown option: exit 2" 2 "unknown option --frobnicate" \
	--frobnicate "$raw"
refuse "no module named: exit 2" 2 "no input module named"
refuse "three file names: exit 2" 2 "too many arguments, from $tmp/c.ko on" \
	"$raw" "$tmp/out.ko" "$tmp/c.ko"
refuse "no file: exit 1" 1 "$tmp/none.ko: cannot open" \
	"$tmp/none.ko" "$tmp/out.ko"
mkdir "$tmp/adir"
refuse "a directory as input: exit 1" 1 "$tmp/adir: cannot read" \
	"$tmp/adir" "$tmp/out.ko"
rmdir "$tmp/adir"
refuse "an output directory that does not exist: exit 1" 1 \
	"$tmp/no/such/dir/out.ko: cannot create a temporary file" \
	"$raw" "$tmp/no/such/dir/out.ko"
# Copies of the module with the klp names changed in .strtab, same length:
# no klp symbol left, or one that is not .klp.sym.OBJ.NAME,POS.
python3 - "$raw" "$tmp" <<'PY'
import sys
raw, d = sys.argv[1:]
b = open(raw, 'rb').read()
open(d + '/noklp.ko', 'wb').write(b.replace(b'.klp.sym.', b'.klp.syn.'))
open(d + '/badname.ko', 'wb').write(
    b.replace(b'.klp.sym.vmlinux.saved', b'.klp.sym.vmlinuxXsaved'))
PY
refuse "a live patch module with no .klp.sym symbol: exit 1" 1 \
	"$tmp/noklp.ko: no undefined .klp.sym.* symbol to convert" \
	"$tmp/noklp.ko" "$tmp/out.ko"
refuse "a malformed klp name: exit 1, names it" 1 \
	"symbol '.klp.sym.vmlinuxXsaved_command_line,0' is not of the form .klp.sym.OBJ.NAME,POS" \
	"$tmp/badname.ko" "$tmp/out.ko"
rm -f "$tmp/noklp.ko" "$tmp/badname.ko"
"$conv" --help >"$tmp/help" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q '^usage: klp-convert-lite ' "$tmp/help" &&
   grep -q '^Exit status:' "$tmp/help"; then
	emit ok "--help: exit 0, usage, options and exit status"
else
	emit not-ok "--help: exit 0, usage, options and exit status" "$tmp/help"
fi

# 300 corrupt copies of the module (bytes changed in the ELF header, the
# section headers at the end, anywhere; some cut short), with the same
# seed each run, converted by the ASan+UBSan build (make asan: the real
# build's flags plus -fsanitize): exit 0 or 1 only, and
# no temporary file left.
if make -s -C "$top/tools/klp-convert-lite" B="${conv%/*}" asan \
	>"$tmp/asan.log" 2>&1; then
	mkdir "$tmp/fz"
	ASAN_OPTIONS=detect_leaks=0 python3 - "${conv%/*}/asan/klp-convert-lite" \
		"$raw" "$tmp/fz" \
		>"$tmp/fz.log" 2>&1 <<'PY'
import random, subprocess, sys
conv, raw, d = sys.argv[1:]
orig = open(raw, 'rb').read()
rng = random.Random(1)
bad = 0
for i in range(300):
    b = bytearray(orig)
    for _ in range(rng.randint(1, 30)):
        r = rng.random()
        if r < 0.2:
            p = rng.randrange(64)
        elif r < 0.6:
            p = len(b) - rng.randrange(1, 5000)
        else:
            p = rng.randrange(len(b))
        b[p] = rng.randrange(256)
    if rng.random() < 0.2:
        b = b[:rng.randrange(len(b))]
    open(d + '/in.ko', 'wb').write(b)
    res = subprocess.run([conv, d + '/in.ko', d + '/out.ko'],
                         capture_output=True)
    if res.returncode not in (0, 1):
        bad += 1
        print('copy %d: exit %d' % (i, res.returncode))
        print(res.stderr.decode(errors='replace')[-1500:])
sys.exit(1 if bad else 0)
PY
	rc=$?
	find "$tmp/fz" -mindepth 1 ! -name in.ko ! -name out.ko >"$tmp/fz.left"
	cat "$tmp/fz.left" >>"$tmp/fz.log"
	if [ $rc = 0 ] && [ ! -s "$tmp/fz.left" ]; then
		emit ok "300 corrupt copies: exit 0 or 1, no sanitizer error, no file left"
	else
		emit not-ok "300 corrupt copies: exit 0 or 1, no sanitizer error, no file left" \
			"$tmp/fz.log"
	fi
else
	emit not-ok "klp-convert-lite builds with ASan and UBSan" "$tmp/asan.log"
fi
finish

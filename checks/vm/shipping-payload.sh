#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shipping-payload.sh DIR: what the shipping VM tests load from /payload.
#
# For each kernel in KERNELS, build livepatch-select-timeval from its patch
# directory (patches/select-timeval) against that kernel's headers and put
#
#   DIR/built-for/RELEASE/livepatch-select-timeval.ko   as built
#   DIR/signed/RELEASE/livepatch-select-timeval.ko      signed with a key
#                                                     made here by openssl
#
# The key is new for every run and no kernel trusts it: the tests show
# what a kernel does with a module signed by a key it does not know, and
# with a build for another kernel.  Signing uses the kernel's own
# scripts/sign-file from Debian's linux-kbuild of that series.
set -eu

dir=${1:?usage: shipping-payload.sh DIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/scripts/kernels.sh"
# The patch is written for the 6.x kernels (7.x has the fix).
kernels=$(for v in ${KERNELS:-$(kernels_list)}; do
	case $(kernel_series "$v") in 6.*) echo "$v" ;; esac
done | tr '\n' ' ' | sed 's/ $//')
name=livepatch-select-timeval
work=$out/shipping

command -v openssl >/dev/null 2>&1 ||
	{ echo "error: openssl not found: install openssl (make deps)" >&2; exit 1; }

# Checks that run side by side (check-vm, check-shipping, check-lockdown)
# share DIR: one builds it at a time, and a payload newer than its inputs
# and made for the same kernels is used as it is.
mkdir -p "$work" "$dir"
exec 9>"$work/.lock"
flock 9
stamp=$dir/.shipping-stamp
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$kernels" ] &&
	[ -z "$(find "$top/patches/select-timeval" "$0" -newer "$stamp" \
		-type f 2>/dev/null)" ]; then
	exit 0
fi
rm -f "$stamp"

# A throw-away signing key: RSA, self-signed, one day.
mkdir -p "$work"
rm -rf "$work/key.tmp"
mkdir "$work/key.tmp"
openssl req -new -x509 -nodes -newkey rsa:2048 -sha256 -days 1 -batch \
	-subj "/CN=Livepatch Handbook test key (not trusted)/" \
	-addext keyUsage=digitalSignature \
	-keyout "$work/key.tmp/signing_key.pem" -outform DER \
	-out "$work/key.tmp/signing_key.x509" 2>"$work/openssl.log" ||
	{ cat "$work/openssl.log" >&2; exit 1; }
rm -rf "$work/key"
mv "$work/key.tmp" "$work/key"

for v in $kernels; do
	kdir=$(kernel_kdir "$v") ||
		{ echo "error: no headers for $v: run make deps" >&2; exit 1; }
	signfile=$(kernel_script "$(kernel_series "$v")" sign-file) ||
		{ echo "error: no sign-file for $v: install linux-kbuild (make deps)" >&2; exit 1; }
	EXAMPLES=$name EXAMPLES_SRC=$top/patches/select-timeval \
		"$top"/scripts/build-examples.sh "$kdir" "$work/build-$v" \
		>"$work/build-$v.log" 2>&1 ||
		{ cat "$work/build-$v.log" >&2; exit 1; }
	mkdir -p "$dir/built-for/$v" "$dir/signed/$v"
	cp "$work/build-$v/$name.ko" "$dir/built-for/$v/$name.ko.tmp"
	mv "$dir/built-for/$v/$name.ko.tmp" "$dir/built-for/$v/$name.ko"
	"$signfile" sha256 "$work/key/signing_key.pem" \
		"$work/key/signing_key.x509" "$work/build-$v/$name.ko" \
		"$dir/signed/$v/$name.ko.tmp"
	mv "$dir/signed/$v/$name.ko.tmp" "$dir/signed/$v/$name.ko"
done
echo "$kernels" >"$stamp.tmp" && mv "$stamp.tmp" "$stamp"

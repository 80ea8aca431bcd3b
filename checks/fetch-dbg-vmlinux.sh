#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-fetch-dbg: scripts/fetch-dbg-vmlinux.sh without the 1 GB download.
#
# apt-cache, apt-get and dpkg-query are replaced (first in PATH) by small
# scripts that serve a Packages-style index and a .deb built here with
# dpkg-deb, holding a small ELF file as usr/lib/debug/boot/vmlinux-REL;
# the real dpkg-deb, sha256sum and tar do the rest.  Checked: bad command
# lines, a package apt does not know, a fetch (path printed, vmlinux
# extracted, the package noted, nothing else left), a second run that
# reuses the cache without asking apt to download, and refusals (SHA256
# or size not those of the index, a package without a vmlinux, an
# installed kernel whose version apt has no -dbg for), each leaving no
# vmlinux behind.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/checks/tap.sh"
fetch=$top/scripts/fetch-dbg-vmlinux.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

missing=
for t in dpkg-deb sha256sum tar flock; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
if [ -n "$missing" ]; then
	emit not-ok "not found:$missing: install dpkg coreutils tar util-linux (make deps)"
	finish
fi

# --- the fake apt ---------------------------------------------------------
fake=$tmp/bin
mkdir -p "$fake"
# apt-cache show [--no-all-versions] PKG[=VER]: the records of $FAKE_INDEX
cat >"$fake/apt-cache" <<'EOF'
#!/bin/sh
[ "$1" = show ] || exit 100
shift
[ "$1" = --no-all-versions ] && shift
pkg=${1%%=*}
ver=
case $1 in *=*) ver=${1#*=} ;; esac
awk -v p="$pkg" -v v="$ver" '
	BEGIN { RS = ""; ORS = "\n\n" }
	$0 ~ "(^|\n)Package: " p "(\n|$)" &&
	(v == "" || $0 ~ "\nVersion: " v "(\n|$)") { print; found = 1 }
	END { exit !found }' "$FAKE_INDEX"
EOF
# apt-get -q download PKG=VER: $FAKE_DEB into the current directory
cat >"$fake/apt-get" <<'EOF'
#!/bin/sh
echo "apt-get $*" >>"$FAKE_LOG"
[ "$1" = -q ] && shift
[ "$1" = download ] || exit 100
pv=$2
cp "$FAKE_DEB" "./${pv%%=*}_${pv#*=}_amd64.deb"
EOF
# dpkg-query: the installed image is $FAKE_INSTALLED, if set
cat >"$fake/dpkg-query" <<'EOF'
#!/bin/sh
[ -n "${FAKE_INSTALLED:-}" ] || exit 1
echo "install ok installed $FAKE_INSTALLED"
EOF
chmod +x "$fake"/*

# deb NAME REL [nofile]: a .deb holding a small ELF as the vmlinux of REL
deb() {
	d=$tmp/pkg-$1
	mkdir -p "$d/DEBIAN" "$d/usr/lib/debug/boot"
	[ "${3:-}" = nofile ] ||
		cp "$(command -v env)" "$d/usr/lib/debug/boot/vmlinux-$2"
	printf 'Package: linux-image-%s-dbg\nVersion: 1.0\nArchitecture: amd64\nMaintainer: test <test@example.org>\nDescription: fake\n' \
		"$2" >"$d/DEBIAN/control"
	dpkg-deb --root-owner-group -Zgzip --build "$d" "$tmp/$1.deb" >/dev/null
}

# record REL DEB [SHA256 [SIZE [VERSION]]]: an index record for DEB
record() {
	printf 'Package: linux-image-%s-dbg\nVersion: %s\nSize: %s\nSHA256: %s\n\n' \
		"$1" "${5:-1.0}" "${4:-$(stat -c %s "$2")}" \
		"${3:-$(sha256sum "$2" | cut -d' ' -f1)}"
}

xdg=$tmp/xdg
dbg=$xdg/livepatch-handbook/dbg

# run NAME ARGS...: the script with the fake apt; stdout, stderr, status
run() {
	name=$1
	shift
	PATH=$fake:$PATH XDG_CACHE_HOME=$xdg FAKE_LOG=$tmp/apt.log \
		"$fetch" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
	cat "$tmp/$name.out" "$tmp/$name.err" >"$tmp/$name.log"
	echo "exit status $(cat "$tmp/$name.rc")" >>"$tmp/$name.log"
}

# left REL: what the cache holds for REL, but the lock
left() {
	find "$dbg" -mindepth 1 \( -path "$dbg/$1" -o -path "$dbg/$1/*" -o \
		-path "$dbg/$1.tmp.*" \) 2>/dev/null
}

# refused NAME REL STATUS MESSAGE: the run exited STATUS, said MESSAGE on
# standard error, printed nothing on standard output, left nothing
refused() {
	if [ "$(cat "$tmp/$1.rc")" = "$3" ] && [ ! -s "$tmp/$1.out" ] &&
	   grep -qF -- "$4" "$tmp/$1.err" && [ -z "$(left "$2")" ]; then
		emit ok "$1: exit $3, \"$4\", nothing left in the cache"
	else
		left "$2" >>"$tmp/$1.log"
		emit not-ok "$1: exit $3, \"$4\", nothing left in the cache" "$tmp/$1.log"
	fi
}

export FAKE_INDEX="$tmp/index" FAKE_DEB="$tmp/good.deb"
deb good 9.9.9-test-amd64
deb novm 9.9.8-test-amd64 nofile
record 9.9.9-test-amd64 "$tmp/good.deb" >"$FAKE_INDEX"

# --- command line ---------------------------------------------------------
run noarg
refused noarg '' 2 "usage: fetch-dbg-vmlinux.sh RELEASE"
run twoargs 9.9.9-test-amd64 extra
refused twoargs 9.9.9-test-amd64 2 "usage:"
run path ../../etc
refused path ../../etc 2 "'../../etc' is not a kernel release"
run help --help
if [ "$(cat "$tmp/help.rc")" = 0 ] && grep -q '^usage:' "$tmp/help.out"; then
	emit ok "--help: exit 0, usage on standard output"
else
	emit not-ok "--help: exit 0, usage on standard output" "$tmp/help.log"
fi

# --- a package apt does not know ------------------------------------------
run unknown 9.9.7-test-amd64
refused unknown 9.9.7-test-amd64 1 \
	"linux-image-9.9.7-test-amd64-dbg: apt knows no such package"

# --- a fetch, then the cache reused ----------------------------------------
: >"$tmp/apt.log"
run first 9.9.9-test-amd64
vm=$dbg/9.9.9-test-amd64/vmlinux
if [ "$(cat "$tmp/first.rc")" = 0 ] && [ "$(cat "$tmp/first.out")" = "$vm" ] &&
   cmp -s "$vm" "$tmp/pkg-good/usr/lib/debug/boot/vmlinux-9.9.9-test-amd64"; then
	emit ok "fetch: prints $vm (dbg/RELEASE/vmlinux), the vmlinux of the package"
else
	emit not-ok "fetch: prints dbg/RELEASE/vmlinux, the vmlinux of the package" \
		"$tmp/first.log"
fi
sum=$(sha256sum "$tmp/good.deb" | cut -d' ' -f1)
if [ "$(cat "$dbg/9.9.9-test-amd64/package" 2>/dev/null)" = \
     "linux-image-9.9.9-test-amd64-dbg 1.0 (sha256 $sum)" ] &&
   [ "$(left 9.9.9-test-amd64 | sort | tr '\n' ' ')" = \
     "$dbg/9.9.9-test-amd64 $dbg/9.9.9-test-amd64/package $vm " ]; then
	emit ok "fetch: the package noted; no .deb, no temporary file left"
else
	left 9.9.9-test-amd64 >>"$tmp/first.log"
	emit not-ok "fetch: the package noted; no .deb, no temporary file left" \
		"$tmp/first.log"
fi
before=$(stat -c '%i %Y' "$vm")
: >"$tmp/apt.log"
run again 9.9.9-test-amd64
if [ "$(cat "$tmp/again.rc")" = 0 ] && [ "$(cat "$tmp/again.out")" = "$vm" ] &&
   [ ! -s "$tmp/apt.log" ] && [ "$(stat -c '%i %Y' "$vm")" = "$before" ]; then
	emit ok "a second run reuses the cached vmlinux: same path, no download"
else
	cat "$tmp/apt.log" >>"$tmp/again.log"
	emit not-ok "a second run reuses the cached vmlinux: same path, no download" \
		"$tmp/again.log"
fi

# --- refusals ----------------------------------------------------------------
rel=9.9.6-test-amd64
deb bad $rel
record $rel "$tmp/bad.deb" \
	0000000000000000000000000000000000000000000000000000000000000000 \
	>"$FAKE_INDEX"
FAKE_DEB=$tmp/bad.deb run badsum $rel
refused badsum $rel 1 "SHA256 differs from apt's index"

record $rel "$tmp/bad.deb" "" 12345 >"$FAKE_INDEX"
FAKE_DEB=$tmp/bad.deb run badsize $rel
refused badsize $rel 1 "apt's index says 12345: refused"

record 9.9.8-test-amd64 "$tmp/novm.deb" >"$FAKE_INDEX"
FAKE_DEB=$tmp/novm.deb run novm 9.9.8-test-amd64
refused novm 9.9.8-test-amd64 1 "holds no usr/lib/debug/boot/vmlinux-9.9.8-test-amd64"

record $rel "$tmp/bad.deb" >"$FAKE_INDEX"
FAKE_DEB=$tmp/bad.deb FAKE_INSTALLED=2.0 run installed $rel
refused installed $rel 1 "apt has no version 2.0, the version of the installed linux-image-$rel"
record $rel "$tmp/bad.deb" "" "" 2.0 >>"$FAKE_INDEX"
FAKE_DEB=$tmp/bad.deb FAKE_INSTALLED=2.0 run installed-ok $rel
if [ "$(cat "$tmp/installed-ok.rc")" = 0 ] &&
   grep -q "dbg 2.0 " "$dbg/$rel/package" &&
   grep -q "download linux-image-$rel-dbg=2.0" "$tmp/apt.log"; then
	emit ok "an installed kernel of version 2.0: the -dbg package of version 2.0 is fetched"
else
	emit not-ok "an installed kernel of version 2.0: the -dbg package of version 2.0 is fetched" \
		"$tmp/installed-ok.log"
fi
finish

#!/bin/sh
# Install every Debian package the project needs; safe to run again.
# Usage: scripts/deps.sh   (as root, or with sudo available)
set -eu

here=$(dirname "$0")
list="$here/debian-packages.txt"
backports_list=/etc/apt/sources.list.d/bookworm-backports.sources

if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "deps: need root or sudo to install packages" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive

# The 6.12 kernel is only in bookworm-backports.
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	echo "deps: adding bookworm-backports to $backports_list"
	$SUDO tee "$backports_list" >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	updated=no
fi

pkgs=$(sed -e 's/#.*//' "$list" | tr -s ' \t' '\n' | sed '/^$/d')

missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

# shellcheck disable=SC2086 # PKGS is a list of words
todo=$(missing $pkgs)
if [ -n "$todo" ] || [ "${updated:-yes}" = no ] ||
   ! apt-cache show -q linux-image-amd64 2>/dev/null | grep -q bpo; then
	$SUDO apt-get update -q
fi

# Resolve the versioned 6.12 image and headers behind the backports
# metapackages, so that the 6.1 metapackages stay installed as well.
bpo_dep() {
	apt-cache show "$1" 2>/dev/null |
		awk -v want="$1" '/^Version: .*bpo/ {b=1} /^Depends:/ && b {print $2; exit}'
}
img612=$(bpo_dep linux-image-amd64)
hdr612=$(bpo_dep linux-headers-amd64)
if [ -z "$img612" ] || [ -z "$hdr612" ]; then
	echo "deps: no 6.12 kernel found in bookworm-backports" >&2
	exit 1
fi

# Package lists are words: unquoted on purpose below.
# shellcheck disable=SC2086
todo=$(missing $pkgs)
todo612=$(missing "$img612" "$hdr612")
if [ -n "$todo" ]; then
	# shellcheck disable=SC2086
	echo "deps: installing:" $todo
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $todo
fi
if [ -n "$todo612" ]; then
	# shellcheck disable=SC2086
	echo "deps: installing from bookworm-backports:" $todo612
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends \
		-t bookworm-backports $todo612
fi
echo "deps: all packages installed"

# The 7.x kernel: a trixie root outside the tree (its headers need gcc-14).
# Reused when complete; TRIXIE_ROOT overrides where.
echo "deps: the trixie root of the 7.x kernel:" "$("$here"/trixie-root.sh ensure)"

# checkpatch.pl and extract-vmlinux, unpacked once from linux-source-6.1
# into a cache outside the tree (again only when the tarball changes).
echo "deps: checkpatch.pl and extract-vmlinux of linux-source-6.1:" "$("$here"/kernel-scripts.sh)"

# The file check-realfix reads from each kernel's Debian source
# (fs/select.c), kept in the source cache by debian-source.sh: reading it
# from a tarball costs about 10 to 15 CPU-s of xz per kernel, paid here
# once instead of in the first make check.  A failure is reported here and
# again, as a failed check, by check-realfix.
for rel in $("$here"/kernels.sh list); do
	"$here"/debian-source.sh cat "$rel" fs/select.c >/dev/null ||
		echo "deps: warning: fs/select.c of $rel's source not cached (check-realfix will try again)" >&2
done
echo "deps: fs/select.c of each kernel's Debian source is cached"

#!/bin/sh
# Print the default KDIR: the running kernel's build directory when it
# exists, else the newest installed Debian headers.
running=/lib/modules/$(uname -r)/build
if [ -d "$running" ]; then
	echo "$running"
	exit 0
fi
newest=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
echo "${newest:-$running}"

#!/bin/sh
# need.sh COMMAND PACKAGE: fail with one clear line when COMMAND is missing.
if ! command -v "$1" >/dev/null 2>&1; then
	echo "error: '$1' not found: install the Debian package $2 (make deps)" >&2
	exit 127
fi

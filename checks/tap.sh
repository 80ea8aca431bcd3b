# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# TAP output for the host-side checks; source it from a check script.
#
#   emit ok|not-ok DESCRIPTION [DETAIL-FILE]   one numbered result; for a
#                                              failure, the last 40 lines
#                                              of DETAIL-FILE as comments
#   finish                                     the plan line, then exit 0
#                                              if nothing failed, else 1
n=0
failed=0

emit() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ -n "${3:-}" ] && [ -s "$3" ] && sed 's/^/#   /' "$3" | tail -n 40
	fi
	return 0
}

finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
}

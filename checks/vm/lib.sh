# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers for the tests that run inside the VM (busybox sh).
#
# A test is a shell script in checks/vm/tests/ named after the example it
# tests.  It reports each assertion as one TAP line through ok/fail/check;
# the host numbers them and adds the kernel version.

# shellcheck disable=SC2034 # MODDIR and KLP are for the tests, sourced after
TAP=/dev/ttyS1
TRANSCRIPT=/dev/ttyS2
MODDIR=/modules
KLP=/sys/kernel/livepatch

# ok DESCRIPTION / fail DESCRIPTION [DETAIL...]: report one result.
ok() {
	echo "ok - $TEST: $1" >"$TAP"
}

fail() {
	desc=$1
	shift
	echo "not ok - $TEST: $desc" >"$TAP"
	for line in "$@"; do
		echo "$line" | sed 's/^/#   /' >"$TAP"
	done
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	desc=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		fail "$desc" "command: $*" "$out"
	fi
}

# check_not DESCRIPTION COMMAND...: ok when COMMAND fails.
check_not() {
	desc=$1
	shift
	if out=$("$@" 2>&1); then
		fail "$desc" "command succeeded but should not: $*" "$out"
	else
		ok "$desc"
	fi
}

# show COMMAND...: run a command as a reader would type it, and copy the
# prompt, the command and its output to the transcript.  Returns the
# command's status; the output also stays in $out for the checks that
# follow.
show() {
	echo "# $*" >"$TRANSCRIPT"
	out=$(sh -c "$*" 2>&1)
	rc=$?
	[ -n "$out" ] && echo "$out" >"$TRANSCRIPT"
	return $rc
}

# refused_with MESSAGE DESCRIPTION COMMAND...: COMMAND, shown in the
# transcript, fails, and what it printed holds MESSAGE (the strerror text
# of the errno the kernel must return).
refused_with() {
	want=$1
	desc=$2
	shift 2
	if show "$@"; then
		fail "$desc" "command succeeded but should not: $*" "$out"
	else
		case $out in
		*"$want"*) ok "$desc" ;;
		*) fail "$desc" "expected $want" "$out" ;;
		esac
	fi
}

# refused DESCRIPTION COMMAND...: COMMAND fails with EINVAL.
refused() {
	refused_with "Invalid argument" "$@"
}

# The polls below run ten times a second for up to a minute, and under
# TCG a fork and exec of a busybox applet costs the guest milliseconds of
# CPU: they use the shell's own read instead of cat and sleep.

# nap: wait a tenth of a second: a read with a timeout from a FIFO that
# no one writes to (/run/nap, made by checks/vm/init), with no fork; the
# sleep applet where there is no such FIFO.  A signal the shell does not
# trap does not cut the read short.
nap() {
	if [ -p /run/nap ]; then
		# shellcheck disable=SC3045 # busybox ash: read -t takes fractions
		read -r -t 0.1 nap_ <>/run/nap
	else
		sleep 0.1
	fi
	return 0
}

# read_file FILE: file_text gets what $(cat FILE 2>/dev/null) gives (the
# text of FILE less its trailing newlines, every line of it; empty when
# FILE cannot be read), read by the shell itself.
NL='
'
read_file() {
	file_text=
	file_line_=
	{
		while IFS= read -r file_line_; do
			file_text=$file_text$file_line_$NL
			file_line_=
		done
		# a last line without a newline (/proc/PID/wchan has none)
		file_text=$file_text$file_line_
	} 2>/dev/null <"$1"
	while [ "${file_text%"$NL"}" != "$file_text" ]; do
		file_text=${file_text%"$NL"}
	done
}

# wait_for SECONDS FILE VALUE: wait until FILE holds VALUE (compared as
# $(cat FILE) would be), polling ten times a second.
wait_for() {
	i=0
	while read_file "$2"; [ "$file_text" != "$3" ]; do
		i=$((i + 1))
		[ "$i" -gt $(($1 * 10)) ] && return 1
		nap
	done
	return 0
}

# patch_ready DIR: the live patch whose sysfs directory is DIR is enabled
# within 5 s and its transition finishes within 30 s (two results).
patch_ready() {
	check "$1/enabled is 1" wait_for 5 "$1/enabled" 1
	check "transition finishes within 30 s" wait_for 30 "$1/transition" 0
}

# wait_gone SECONDS PATH: wait until PATH no longer exists.
wait_gone() {
	i=0
	while [ -e "$2" ]; do
		i=$((i + 1))
		[ "$i" -gt $(($1 * 10)) ] && return 1
		nap
	done
	return 0
}

# log_clean: the kernel log since the test started has no oops, BUG,
# WARNING or call trace.
log_clean() {
	bad=$(dmesg | grep -E 'Oops|BUG|WARNING|Call Trace|general protection')
	if [ -z "$bad" ]; then
		ok "kernel log has no Oops, BUG, WARNING or call trace"
	else
		fail "kernel log has no Oops, BUG, WARNING or call trace" "$bad"
	fi
}

# tainted_livepatch: TAINT_LIVEPATCH (bit 15, 'K') is set.
tainted_livepatch() {
	[ $(($(cat /proc/sys/kernel/tainted) & 32768)) -ne 0 ]
}

# SPDX-License-Identifier: GPL-2.0
# Every live patch that an example loads successfully only once is loaded,
# enabled, disabled and removed twice in a row: a leak or a stale sysfs
# entry from the first round would make the second insmod fail or the
# kernel log complain.  (The other examples reload in their
# own tests; hazard-kthread never finishes its transition on purpose.)

# reload TARGET PATCH [PARAMS...]: two rounds; TARGET may be "-".
reload() {
	target=$1
	patch=$2
	shift 2
	pname=$(echo "$patch" | tr - _)
	tname=$(echo "$target" | tr - _)
	for round in 1 2; do
		what="$patch, round $round"
		if [ "$target" != - ] && ! insmod "$MODDIR"/"$target".ko; then
			fail "$what: insmod $target"
			return
		fi
		if ! out=$(insmod "$MODDIR"/"$patch".ko "$@" 2>&1); then
			fail "$what: insmod" "$out"
			return
		fi
		if ! wait_for 60 "$KLP"/"$pname"/transition 0; then
			fail "$what: transition finishes within 60 s"
			return
		fi
		echo 0 >"$KLP"/"$pname"/enabled
		if ! wait_gone 60 "$KLP"/"$pname"; then
			fail "$what: disabled patch leaves sysfs within 60 s"
			return
		fi
		if ! rmmod "$pname"; then
			fail "$what: rmmod"
			return
		fi
		if [ "$target" != - ] && ! rmmod "$tname"; then
			fail "$what: rmmod $target"
			return
		fi
		ok "$what: load, enable, disable, remove"
	done
}

reload - livepatch-replace-v2
reload - hazard-sympos sympos=2
reload target-hazard hazard-inlined-fix
reload target-hazard hazard-clone
reload target-hazard hazard-static-local
reload target-hazard-kthread hazard-kthread-fix
reload target-signature hazard-signature
reload target-signature hazard-signature-fix
log_clean

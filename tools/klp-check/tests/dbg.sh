# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2154 # $bin, $tmp, $here come from run.sh
# dbg.sh: on the running kernel, a verdict whose inlining question is
# open is never "patchable as is" (exit 5, and the command that answers
# it), and the -dbg vmlinux that scripts/fetch-dbg-vmlinux.sh caches is
# found by itself when it has the running build ID.  Sourced by run.sh,
# uses its $bin, $tmp, $here, tap() and run_case().
#
# The "running kernel" is a sysroot made from a linked fixture: its
# kallsyms from nm, its /sys/kernel/notes from the fixture's build-ID note,
# and a made-up release (not a real kernel's) in osrelease.

dbg_rel=0.0.0-klp-check-fixture
dbg_root=$tmp/dbgroot
if ld --build-id -e 0 --unresolved-symbols=ignore-all \
	-o "$tmp/dbg.elf" "$tmp/hazards.o" "$tmp/dup-static.o" &&
   ld --build-id=0x0123456789abcdef -e 0 --unresolved-symbols=ignore-all \
	-o "$tmp/dbg-other.elf" "$tmp/hazards.o" "$tmp/dup-static.o" &&
   mkdir -p "$dbg_root/proc/sys/kernel" "$dbg_root/sys/kernel/tracing" &&
   nm "$tmp/dbg.elf" | grep ' [tT] ' >"$dbg_root/proc/kallsyms" &&
   sed 's/^[^ ]* [tT] //' "$dbg_root/proc/kallsyms" \
	>"$dbg_root/sys/kernel/tracing/available_filter_functions" &&
   echo "$dbg_rel" >"$dbg_root/proc/sys/kernel/osrelease" &&
   objcopy -O binary --only-section=.note.gnu.build-id "$tmp/dbg.elf" \
	"$dbg_root/sys/kernel/notes" &&
   objcopy -O binary --only-section=.note.gnu.build-id "$tmp/dbg-other.elf" \
	"$tmp/other-notes"; then
	tap ok "dbg: a sysroot from a linked fixture (kallsyms, notes, osrelease)"

	# No -dbg vmlinux cached: nothing against plain_ok, yet not green.
	XDG_CACHE_HOME=$tmp/dbg-empty run_case dbg-none -s dbgroot plain_ok
	XDG_CACHE_HOME=$tmp/dbg-empty run_case dbg-none-json --json -s dbgroot plain_ok

	# The cached vmlinux of that release answers it.
	mkdir -p "$tmp/dbg-cache/livepatch-handbook/dbg/$dbg_rel"
	cp "$tmp/dbg.elf" "$tmp/dbg-cache/livepatch-handbook/dbg/$dbg_rel/vmlinux"
	XDG_CACHE_HOME=$tmp/dbg-cache run_case dbg-cached -s dbgroot \
		plain_ok always_inlined

	# ... but not when the running kernel is another build.
	cp "$tmp/other-notes" "$dbg_root/sys/kernel/notes"
	XDG_CACHE_HOME=$tmp/dbg-cache run_case dbg-other-build -s dbgroot plain_ok
else
	tap fail "dbg: a sysroot from a linked fixture (kallsyms, notes, osrelease)"
fi

# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh disable=SC2154 # $bin, $tmp, $have_cc come from run.sh
# index.sh: the tests of klp-check's index cache (index.c), sourced by
# run.sh after its fixture tests; uses its $bin, $tmp, $here and tap().
#
# The cache is only used for linked files (vmlinux), so the fixture
# objects are linked by ld into executables, one with a build ID and one
# without.  Every answer read from the cache must equal the answer of the
# DWARF walk itself (--no-cache): that is the expected output, made by
# klp-check, not written by hand.

index_funcs="plain_ok always_inlined partly_inlined folded_away sum_fields
	scale dup_name not_traced count_hit setup_fixture __schedule
	switch_helper no_such_function"

# q NAME XDG ARGS...: run klp-check in $tmp with XDG_CACHE_HOME=XDG;
# stdout and exit status to $tmp/NAME.out, stderr to $tmp/NAME.err
q() {
	name=$1
	xdg=$2
	shift 2
	# shellcheck disable=SC2086 # the names are words
	(cd "$tmp" && XDG_CACHE_HOME=$xdg "$bin" "$@" $index_funcs \
		>"$tmp/$name.out" 2>"$tmp/$name.err"
	 echo "[exit $?]" >>"$tmp/$name.out")
}

# same NAME REF: stdout and status equal, else show the diff
same() {
	diff -u "$tmp/$2.out" "$tmp/$1.out" >"$tmp/$1.diff"
}

show() { # show FILE...: as TAP comments
	cat "$@" 2>/dev/null | sed 's/^/#   /'
}

# stamp FILE: what changes when the file is written again (rename)
stamp() {
	stat -c '%i %y %s' "$1" 2>/dev/null
}

index_tests() {
	if ! ld --build-id -e 0 --unresolved-symbols=ignore-all \
		-o "$tmp/fixture.elf" "$tmp/hazards.o" "$tmp/dup-static.o" ||
	   ! ld --build-id=none -e 0 --unresolved-symbols=ignore-all \
		-o "$tmp/noid.elf" "$tmp/hazards.o" "$tmp/dup-static.o" ||
	   ! ld --build-id=0x0123456789abcdef -e 0 --unresolved-symbols=ignore-all \
		-o "$tmp/other.elf" "$tmp/hazards.o"; then
		tap fail "index: the fixtures link into executables with ld"
		return
	fi
	tap ok "index: the fixtures link into executables with ld"
	id=$(readelf -n "$tmp/fixture.elf" | sed -n 's/^ *Build ID: *//p')
	other=0123456789abcdef
	x=$tmp/xdg
	idx=$x/klp-check/$id.idx

	# The DWARF walk itself: the reference, and no cache file.
	q walk "$x" --no-cache -e fixture.elf
	q walk-json "$x" --no-cache --json -e fixture.elf
	if [ ! -e "$x" ] && [ ! -s "$tmp/walk.err" ] &&
	   grep -q 'inlined   into' "$tmp/walk.out"; then
		tap ok "index: --no-cache walks the DWARF and writes no cache"
	else
		tap fail "index: --no-cache walks the DWARF and writes no cache"
		show "$tmp/walk.out" "$tmp/walk.err"
		find "$x" 2>/dev/null | sed 's/^/#   /'
	fi

	q built "$x" -e fixture.elf
	if [ -f "$idx" ] && [ ! -s "$tmp/built.err" ] && same built walk; then
		tap ok "index: a first query writes klp-check/<build ID>.idx, same answer"
	else
		tap fail "index: a first query writes klp-check/<build ID>.idx, same answer"
		show "$tmp/built.diff" "$tmp/built.err"
		find "$x" | sed 's/^/#   /'
	fi
	if [ "$(find "$x/klp-check" -type f | wc -l)" = 1 ] &&
	   [ "$(stat -c %a "$x/klp-check")" = 700 ] &&
	   [ "$(stat -c %a "$idx")" = 600 ]; then
		tap ok "index: no temporary file left; directory 0700, file 0600"
	else
		tap fail "index: no temporary file left; directory 0700, file 0600"
		find "$x" -exec stat -c '%a %n' {} + | sed 's/^/#   /'
	fi

	before=$(stamp "$idx")
	q reused "$x" -e fixture.elf
	q reused-json "$x" --json -e fixture.elf
	if [ "$(stamp "$idx")" = "$before" ] && [ ! -s "$tmp/reused.err" ] &&
	   same reused walk && same reused-json walk-json; then
		tap ok "index: a second query reads the cache, does not rewrite it"
	else
		tap fail "index: a second query reads the cache, does not rewrite it"
		echo "# before: $before, after: $(stamp "$idx")"
		show "$tmp/reused.diff" "$tmp/reused-json.diff" "$tmp/reused.err"
	fi

	# A bad cache file: a note on stderr, the same answer, a new file.
	cp "$idx" "$tmp/good.idx"
	size=$(stat -c %s "$idx")
	for bad in byte-flipped truncated header-only empty not-an-index \
		   of-another-file; do
		cp "$tmp/good.idx" "$idx"
		case $bad in
		byte-flipped) # one byte in the middle: the checksum no longer matches
			printf 'Z' | dd of="$idx" bs=1 seek=$((size / 2)) \
				conv=notrunc 2>/dev/null ;;
		truncated) truncate -s $((size - 7)) "$idx" ;;
		header-only) truncate -s 20 "$idx" ;;
		empty) : >"$idx" ;;
		not-an-index) echo 'not an index' >"$idx" ;;
		of-another-file) # a valid index, but of another file
			rm -f "$idx"
			q other-build "$x" -e other.elf
			mv "$x/klp-check/$other.idx" "$idx" ;;
		esac
		q "bad-$bad" "$x" -e fixture.elf
		after=$(stamp "$idx")
		q "bad-$bad-again" "$x" -e fixture.elf
		if same "bad-$bad" walk &&
		   grep -q "ignoring the index cache" "$tmp/bad-$bad.err" &&
		   cmp -s "$idx" "$tmp/good.idx" &&
		   [ ! -s "$tmp/bad-$bad-again.err" ] &&
		   [ "$(stamp "$idx")" = "$after" ]; then
			tap ok "index: cache file $bad: reported, ignored and rebuilt"
		else
			tap fail "index: cache file $bad: reported, ignored and rebuilt"
			show "$tmp/bad-$bad.diff" "$tmp/bad-$bad.err" \
				"$tmp/bad-$bad-again.err"
		fi
	done

	# No build ID: the key is path, size and modification time.
	y=$tmp/xdg-noid
	q noid-walk "$y" --no-cache -e noid.elf
	q noid "$y" -e noid.elf
	n1=$(find "$y/klp-check" -name 'file-*.idx' 2>/dev/null | wc -l)
	touch -d '2001-01-01' "$tmp/noid.elf"
	q noid-touched "$y" -e noid.elf
	n2=$(find "$y/klp-check" -name 'file-*.idx' 2>/dev/null | wc -l)
	if [ "$n1" = 1 ] && [ "$n2" = 2 ] && same noid noid-walk &&
	   same noid-touched noid-walk && [ ! -s "$tmp/noid.err" ]; then
		tap ok "index: without a build ID, a new mtime means a new cache file"
	else
		tap fail "index: without a build ID, a new mtime means a new cache file"
		echo "# cache files: $n1, then $n2"
		show "$tmp/noid.diff" "$tmp/noid-touched.diff" "$tmp/noid.err"
	fi

	# A cache that cannot be written: a note, and still the answer.
	: >"$tmp/not-a-dir"
	q unwritable "$tmp/not-a-dir" -e fixture.elf
	if same unwritable walk &&
	   grep -q "cannot write the index cache" "$tmp/unwritable.err"; then
		tap ok "index: an unwritable cache directory is reported, the answer stays"
	else
		tap fail "index: an unwritable cache directory is reported, the answer stays"
		show "$tmp/unwritable.diff" "$tmp/unwritable.err"
	fi

	# Objects and modules are walked each time: no cache file.
	z=$tmp/xdg-obj
	q obj "$z" -e fixture.o
	if [ ! -e "$z" ]; then
		tap ok "index: an object file is not cached"
	else
		tap fail "index: an object file is not cached"
		find "$z" | sed 's/^/#   /'
	fi
}

if [ "$have_cc" = 1 ]; then
	index_tests
else
	tap skip "index" "install gcc and binutils (make deps)"
fi

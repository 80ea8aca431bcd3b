#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-api-reference: the API page (source/reference/api.rst, built by
# sphinx/kerneldoc_api.py) documents every klp identifier of the installed
# 6.1, 6.12 and 7.x livepatch headers (7.x: in the trixie root), and the directive fails cleanly, naming
# the file and line, for a missing header, a missing kernel-doc script, a
# declaration nobody described and a malformed notes file.  The list of
# identifiers comes from a plain grep of the headers, not from the scanner
# in the extension, so the two check each other.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/checks/tap.sh"
. "$top/scripts/kernels.sh"

for tool in sphinx-build:python3-sphinx perl:perl; do
	if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
		emit not-ok "${tool%%:*} not found: install ${tool#*:} (make deps)"
		finish
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The doctrees of these builds go under $OUT and are removed at the end.
mkdir -p "$out"

# build NAME: build $tmp/NAME/src (index.rst + api-notes.txt) alone.
build() {
	sphinx-build -b html -W --keep-going -n -q -c "$top" \
		-d "$out/doctrees-check-api-$1" "$tmp/$1/src" "$tmp/$1/html" \
		>"$tmp/$1.log" 2>&1
}
page() { # page NAME: a source tree with the real page and notes
	mkdir -p "$tmp/$1/src"
	cp "$top/source/reference/api.rst" "$tmp/$1/src/index.rst"
	cp "$top/source/reference/api-notes.txt" "$tmp/$1/src/"
}

# 1. The real page builds on its own without a warning.
page real
if build real; then
	emit ok "api.rst builds alone with -W -n"
else
	emit not-ok "api.rst builds alone with -W -n" "$tmp/real.log"
	finish
fi

# 2. Every klp identifier of the headers has an entry.
html=$tmp/real/html/index.html
# (Identifiers inside string literals, pasted with ## or only used in the
# body of a macro are not declarations: 7.x's helpers have such.)
for series in 6.12 6.1 7; do
	hdrs=$(kernel_common "$series")
	if [ -z "$hdrs" ]; then
		emit not-ok "$series: linux-headers-$series.*-common installed (make deps)"
		continue
	fi
	ns=
	[ "$series" = 6.1 ] && ns=linux_6_1.
	[ "$series" = 7 ] && ns=linux_7.
	perl -0777 -ne 's{/\*.*?\*/}{}gs; s{//[^\n]*}{}g; s{"[^"\n]*"}{""}g;
		s{^(\s*#\s*define\s+\w+)(?:[^\n]*\\\n)*[^\n]*}{$1}gm;
		print "$1\n" while /\b(_*(?:klp|KLP)_\w+)\b/g' \
		"$hdrs"/include/linux/livepatch*.h | sort -u >"$tmp/ids.$series"
	# Each id="c.NAME" of the page, then the identifiers (in their
	# order) with no such anchor: one awk, not a grep per identifier.
	awk -v ns="$ns" 'FILENAME != ids {
			while (match($0, /id="c\.[^"]*"/)) {
				have[substr($0, RSTART + 6, RLENGTH - 7)] = 1
				$0 = substr($0, RSTART + RLENGTH)
			}
			next
		}
		{ want[++n] = $0 }
		END {
			for (i = 1; i <= n; i++)
				if (!((ns want[i]) in have))
					print want[i]
		}' ids="$tmp/ids.$series" "$html" "$tmp/ids.$series" \
		>"$tmp/missing.$series"
	count=$(wc -l <"$tmp/ids.$series")
	if [ "$count" -gt 0 ] && [ ! -s "$tmp/missing.$series" ]; then
		emit ok "$series: all $count klp identifiers of $hdrs/include/linux/livepatch*.h are documented"
	else
		emit not-ok "$series: every klp identifier of the headers is documented (missing below)" \
			"$tmp/missing.$series"
	fi
done

# 2b. api.rst says the structures have the same members and the functions
# the same prototypes in 6.1 and 6.12; compare the headers themselves.
h61=$(kernel_common 6.1)
h612=$(kernel_common 6.12)
if [ -n "$h61" ] && [ -n "$h612" ]; then
	for v in 61 612; do
		if [ "$v" = 61 ]; then h=$h61; else h=$h612; fi
		# Structures and prototypes, comments and layout removed, the
		# task state constants (renamed in 6.10) left out.
		perl -0777 -ne 's{/\*.*?\*/}{}gs; s{\s+}{ }g;
			print "$1\n" while /(struct klp_\w+ \{[^}]*\})/g;
			print "$1\n" while /((?:int|void|bool|struct klp_state) \*?klp_\w+\([^)]*\);)/g' \
			"$h/include/linux/livepatch.h" | sort >"$tmp/decl.$v"
	done
	if [ -s "$tmp/decl.61" ] && diff -u "$tmp/decl.61" "$tmp/decl.612" >"$tmp/decl.diff"; then
		emit ok "6.1 and 6.12 have the same klp structures and prototypes ($(wc -l <"$tmp/decl.61") declarations), as api.rst says"
	else
		emit not-ok "6.1 and 6.12 have the same klp structures and prototypes, as api.rst says" \
			"$tmp/decl.diff"
	fi
fi

# expect_fail NAME DESCRIPTION PATTERN: the build of NAME fails and its
# log matches PATTERN (a grep -E expression).
expect_fail() {
	if build "$1"; then
		emit not-ok "$2: the build should fail" "$tmp/$1.log"
	elif grep -Eq "$3" "$tmp/$1.log"; then
		emit ok "$2"
	else
		emit not-ok "$2: the error should match /$3/" "$tmp/$1.log"
	fi
}

# 3. A declaration with neither kernel-doc nor a note fails the build.
page nonote
awk '/^klp_enable_patch$/ { skip = 1; next }
     skip && /^[^ ]/ { skip = 0 }
     !skip' "$top/source/reference/api-notes.txt" >"$tmp/nonote/src/api-notes.txt"
expect_fail nonote "an undescribed declaration fails, naming it and its header line" \
	'index\.rst:[0-9]+: .*klp_enable_patch \(/usr/src/linux-headers-[^ ]*/include/linux/livepatch\.h:[0-9]+\)'

# 4. A malformed notes file fails, naming the notes file and line.
page badnotes
printf 'klp_enable_patch\n   text\nnot a name!\n' >"$tmp/badnotes/src/api-notes.txt"
expect_fail badnotes "a malformed notes file fails, naming api-notes.txt:3" \
	'index\.rst:[0-9]+: .*api-notes\.txt:3: expected a C name'

# 5. A kernel series without installed headers fails, naming the path.
mkdir -p "$tmp/nohdr/src"
printf '=====\nIndex\n=====\n\nText.\n\n.. kernel-doc-api:: include/linux/livepatch.h\n   :series: 9.99\n' \
	>"$tmp/nohdr/src/index.rst"
expect_fail nohdr "missing headers fail the build, naming index.rst:7 and the header" \
	'index\.rst:7: .*linux-headers-9\.99[^ ]*/include/linux/livepatch\.h: header not found'

# 6. A missing kernel-doc script fails the build, naming it.
mkdir -p "$tmp/noscript/src"
cp "$tmp/nohdr/src/index.rst" "$tmp/noscript/src/index.rst"
sed -i 's/9\.99/6.12/' "$tmp/noscript/src/index.rst"
if sphinx-build -b html -W --keep-going -n -q -c "$top" \
	-D kerneldoc_api_script="$tmp/no-such-kernel-doc" \
	-d "$out/doctrees-check-api-noscript" "$tmp/noscript/src" \
	"$tmp/noscript/html" >"$tmp/noscript.log" 2>&1; then
	emit not-ok "a missing kernel-doc script fails the build" "$tmp/noscript.log"
elif grep -q "index.rst:7: .*$tmp/no-such-kernel-doc" "$tmp/noscript.log"; then
	emit ok "a missing kernel-doc script fails the build, naming it and index.rst:7"
else
	emit not-ok "a missing kernel-doc script's error names it and index.rst:7" \
		"$tmp/noscript.log"
fi
rm -rf "$out"/doctrees-check-api-*
finish

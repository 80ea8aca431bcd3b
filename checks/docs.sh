#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-docs: the site builds from clean without a single warning, a broken
# reference fails the build naming the file and line, and every diagram is
# valid and used by a page.  Prints TAP.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-output}
case $out in /*) ;; *) out=$top/$out ;; esac
. "$top/checks/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in sphinx-build:python3-sphinx dot:graphviz; do
	if command -v "${tool%%:*}" >/dev/null 2>&1; then
		emit ok "${tool%%:*} is installed"
	else
		emit not-ok "${tool%%:*} not found: install ${tool#*:} (make deps)"
		finish
	fi
done

# 1. A build from clean: incremental builds do not repeat old warnings.
# handbook_nav_verify: every page's navigation is also computed furo's
# own way, and the build fails where sphinx/handbook_nav.py differs.
rm -rf "$out/doctrees" "$out/html"
if make -s --no-print-directory -C "$top" htmldocs \
	SPHINXOPTS="${SPHINXOPTS:--W --keep-going -n -j 1} -D handbook_nav_verify=1" \
	>"$tmp/build.log" 2>&1; then
	emit ok "make htmldocs builds from clean with no warning; navigation equals furo's on every page"
else
	emit not-ok "make htmldocs builds from clean with no warning; navigation equals furo's on every page" \
		"$tmp/build.log"
fi
if [ -s "$out/html/index.html" ]; then
	emit ok "$out/html/index.html exists"
else
	emit not-ok "$out/html/index.html exists"
fi

# 1b. make knows when nothing changed (the stamp and its depfile), and
# still rebuilds when a page or something a page includes changes.
make -s --no-print-directory -C "$top" htmldocs >"$tmp/noop.log" 2>&1
if [ ! -s "$tmp/noop.log" ]; then
	emit ok "a second make htmldocs starts no Sphinx"
else
	emit not-ok "a second make htmldocs starts no Sphinx" "$tmp/noop.log"
fi
inc=$(sed -n 's/^  \(.*\/source\/transcripts\/[^ ]*\) \\$/\1/p' "$out/html/.depend" | head -n 1)
for f in "$top/source/index.rst" "$inc"; do
	[ -n "$f" ] || { emit not-ok "$out/html/.depend lists a transcript"; continue; }
	touch "$f"
	make --no-print-directory -C "$top" htmldocs >"$tmp/one.log" 2>&1
	if grep -q 'reading sources\.\.\. .*100%' "$tmp/one.log"; then
		emit ok "make htmldocs rebuilds after touching ${f#"$top"/}"
	else
		emit not-ok "make htmldocs rebuilds after touching ${f#"$top"/}" "$tmp/one.log"
	fi
done

# 2. Our configuration makes a broken reference fatal, naming file:line.
mkdir -p "$tmp/src"
printf '=====\nIndex\n=====\n\n.. toctree::\n\n   broken\n' >"$tmp/src/index.rst"
# shellcheck disable=SC2016 # the backquotes are rst, not a command
printf '======\nBroken\n======\n\nText.\n\nSee :doc:`no-such-page`.\n' \
	>"$tmp/src/broken.rst"
if sphinx-build -b html -W --keep-going -n -q -c "$top" "$tmp/src" \
	"$tmp/html" >"$tmp/neg.log" 2>&1; then
	emit not-ok "a broken :doc: reference fails the build" "$tmp/neg.log"
elif grep -q 'broken.rst:7' "$tmp/neg.log"; then
	emit ok "a broken :doc: reference fails the build, naming broken.rst:7"
else
	emit not-ok "a broken reference's error names broken.rst:7" \
		"$tmp/neg.log"
fi

# 3. Every diagram is valid Graphviz and is included by a page.
for d in "$top"/diagrams/*.dot; do
	[ -e "$d" ] || continue
	name=$(basename "$d")
	if dot -Tsvg -o /dev/null "$d" >"$tmp/dot.log" 2>&1 &&
	   [ ! -s "$tmp/dot.log" ]; then
		emit ok "diagrams/$name renders with dot, no warning"
	else
		emit not-ok "diagrams/$name renders with dot, no warning" \
			"$tmp/dot.log"
	fi
	if grep -rqs "^\.\. graphviz:: .*diagrams/$name\$" "$top/source"; then
		emit ok "diagrams/$name is used by a page"
	else
		emit not-ok "diagrams/$name is used by a page"
	fi
done
finish

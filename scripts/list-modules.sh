#!/bin/sh
# list-modules.sh OUTDIR: print the path of every module the last
# build-examples.sh run into OUTDIR built, one per line.  modules.order
# names them as .ko (6.1) or .o (6.12); older .ko files in OUTDIR that the
# last build did not list are left out.
set -eu
out=${1:?usage: list-modules.sh OUTDIR}
# MODULE.VARIANT.ko: a variant build-examples.sh made of MODULE.ko.
sed 's/\.o$/.ko/' "$out/modules.order" | while IFS= read -r m; do
	echo "$out/$(basename "$m")"
	for v in "$out/$(basename "$m" .ko)".*.ko; do
		[ -e "$v" ] && echo "$v"
	done
done

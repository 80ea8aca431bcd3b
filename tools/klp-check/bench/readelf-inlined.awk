# SPDX-License-Identifier: GPL-2.0
# readelf-inlined.awk -v name=FUNCTION: read `readelf --debug-dump=info`
# and do by hand what klp-check does with libdw for one function: count
# the DIEs named FUNCTION, the DW_TAG_inlined_subroutine entries whose
# DW_AT_abstract_origin is one of them, and the distinct top-level
# subprograms (the out-of-line functions) that hold those copies.
#
# An abstract_origin may point forwards within its compilation unit, so
# the inlined entries of one unit are kept until the unit ends.

function flush(  i) {
	for (i = 1; i <= nsite; i++)
		if (site_origin[i] in named) {
			sites++
			if (!(site_outer[i] in outers)) {
				outers[site_outer[i]] = 1
				nouter++
			}
		}
	split("", named)
	split("", site_origin)
	split("", site_outer)
	split("", outers)
	nsite = 0
}

/^  Compilation Unit @ offset/ {
	flush()
	next
}

/^ <[0-9]+><[0-9a-f]+>: Abbrev Number: / {
	die = $1
	sub(/^<[0-9]+></, "", die)
	sub(/>:$/, "", die)
	depth = $1
	sub(/^</, "", depth)
	sub(/>.*/, "", depth)
	tag = $NF
	if (depth == 1 && tag == "(DW_TAG_subprogram)")
		outer = die
	in_inline = (tag == "(DW_TAG_inlined_subroutine)" && depth > 1)
	if (in_inline) {
		nsite++
		site_outer[nsite] = outer
	}
	next
}

$2 == "DW_AT_name" && $NF == name {
	named[die] = 1
	names++
	next
}

in_inline && $2 == "DW_AT_abstract_origin:" {
	o = $3
	gsub(/[<>]|0x/, "", o)
	site_origin[nsite] = o
}

END {
	flush()
	printf "names %d inlined %d callers %d\n", names, sites, nouter
}

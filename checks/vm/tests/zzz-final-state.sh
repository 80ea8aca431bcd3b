# SPDX-License-Identifier: GPL-2.0
# Runs after every other test (the VM runs tests in name order): the tests
# must leave no live patch enabled and no module loaded, except the one
# that livepatch-consistency pins on purpose with a forced disable.
left=$(ls $KLP)
if [ -z "$left" ]; then
	ok "no live patch left in $KLP"
else
	fail "no live patch left in $KLP" "$left"
fi
mods=$(cut -d' ' -f1 /proc/modules | grep -v '^livepatch_consistency$')
if [ -z "$mods" ]; then
	ok "no module left loaded but the forced livepatch_consistency"
else
	fail "no module left loaded but the forced livepatch_consistency" "$mods"
fi

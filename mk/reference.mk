# SPDX-License-Identifier: GPL-2.0
# Reference pages (source/reference/): the generated API page is complete
# and its directive fails cleanly; the sysfs ABI table is checked against
# what the VM test checks/vm/tests/sysfs-abi.sh recorded.
.PHONY: check-api-reference check-sysfs-abi
CHECKS     += check-api-reference check-sysfs-abi
HELP_LINES += '  check-api-reference  the API page covers every klp_* of the 6.1/6.12/7.x headers'
HELP_LINES += '  check-sysfs-abi the sysfs ABI table matches the files 6.1, 6.12 and 7.x create'

check-api-reference:
	@checks/reference-api.sh

check-sysfs-abi:
	@checks/reference-sysfs-abi.sh

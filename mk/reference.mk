# SPDX-License-Identifier: GPL-2.0
# Reference pages (source/reference/): the sysfs ABI table is checked
# against what the VM test checks/vm/tests/sysfs-abi.sh recorded.
.PHONY: check-sysfs-abi
CHECKS     += check-sysfs-abi
HELP_LINES += '  check-sysfs-abi the sysfs ABI table matches the files 6.1 and 6.12 create'

check-sysfs-abi:
	@checks/reference-sysfs-abi.sh

#!/bin/sh
# Fails 'make check' loudly when configure did not find cmocka.
echo "FAIL: cmocka is missing: install the Debian package libcmocka-dev and re-run configure" >&2
exit 1

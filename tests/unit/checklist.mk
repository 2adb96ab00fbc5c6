# tests/unit/checklist.mk
# The loader's unit tests, and a check that po/checklist-msgs.c is current.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_checklist
TESTS += tests/unit/test_checklist
tests_unit_test_checklist_SOURCES = tests/unit/test_checklist.c
tests_unit_test_checklist_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_checklist_LDADD = $(UNIT_LINK)
endif
TESTS += tests/check-checklist-msgs.sh
EXTRA_DIST += tests/check-checklist-msgs.sh tests/gen-checklist-msgs.py \
	po/checklist-msgs.c

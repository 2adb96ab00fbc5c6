# tests/unit/checklist.mk
# The loader's unit tests, a check that po/checklist-msgs.c is current, and
# one that every command in the checklist is runnable as written.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_checklist
TESTS += tests/unit/test_checklist
tests_unit_test_checklist_SOURCES = tests/unit/test_checklist.c
tests_unit_test_checklist_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_checklist_LDADD = $(UNIT_LINK)
endif
TESTS += tests/check-checklist-msgs.sh tests/check-checklist-commands.sh
EXTRA_DIST += tests/check-checklist-msgs.sh tests/gen-checklist-msgs.py \
	po/checklist-msgs.c tests/check-checklist-commands.sh \
	tests/check-checklist-commands.py

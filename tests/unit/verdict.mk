# tests/unit/verdict.mk: verdict engine, evidence JSON and the JSON report.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_verdict tests/unit/test_evidence
TESTS += tests/unit/test_verdict tests/unit/test_evidence \
	tests/validate-json.sh
tests_unit_test_verdict_SOURCES = tests/unit/test_verdict.c
tests_unit_test_verdict_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_verdict_LDADD = $(UNIT_LINK)
tests_unit_test_evidence_SOURCES = tests/unit/test_evidence.c
tests_unit_test_evidence_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_evidence_LDADD = $(UNIT_LINK)
endif
EXTRA_DIST += tests/validate-json.sh

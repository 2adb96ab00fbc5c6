# tests/unit/tui.mk: the session model and the wizard's screen model.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_session tests/unit/test_tui_model
TESTS += tests/unit/test_session tests/unit/test_tui_model
tests_unit_test_session_SOURCES = tests/unit/test_session.c
tests_unit_test_session_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_session_LDADD = $(UNIT_LINK)
tests_unit_test_tui_model_SOURCES = tests/unit/test_tui_model.c
tests_unit_test_tui_model_CFLAGS = $(UNIT_CC_FLAGS)
tests_unit_test_tui_model_LDADD = $(UNIT_LINK)
endif

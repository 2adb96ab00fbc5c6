# src/diag/session.mk: the wizard session model and its JSON form.
src_libconnreset_a_SOURCES += src/diag/session.c src/diag/session.h

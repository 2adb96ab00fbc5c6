# src/diag/session.mk

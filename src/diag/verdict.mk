# src/diag/verdict.mk

# src/diag/checklist.mk

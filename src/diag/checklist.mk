# src/diag/checklist.mk
# The checklist model: loads data/checklist.json (the one file diag reads).
src_libconnreset_a_SOURCES += src/diag/checklist.c src/diag/checklist.h

# tests/unit/checklist.mk

# tests/unit/verdict.mk

# tests/unit/report.mk

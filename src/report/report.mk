# src/report/report.mk

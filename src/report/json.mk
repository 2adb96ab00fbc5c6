# src/report/json.mk

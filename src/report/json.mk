# src/report/json.mk: the JSON report writer (report_json).
src_libconnreset_a_SOURCES += src/report/json.c

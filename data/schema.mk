# data/schema.mk: the JSON Schema of the JSON report.
dist_pkgdata_DATA += data/report.schema.json

# data/checklist.mk
# The troubleshooting checklist; loaded at run time by src/diag/checklist.c.
dist_pkgdata_DATA += data/checklist.json

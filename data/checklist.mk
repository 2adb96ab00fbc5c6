# data/checklist.mk

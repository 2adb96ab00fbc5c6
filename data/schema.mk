# data/schema.mk

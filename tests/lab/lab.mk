# tests/lab/lab.mk

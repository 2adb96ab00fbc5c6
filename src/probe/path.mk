# src/probe/path.mk

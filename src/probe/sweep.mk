# src/probe/sweep.mk

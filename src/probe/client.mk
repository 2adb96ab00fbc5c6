# src/probe/client.mk

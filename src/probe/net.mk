# src/probe/net.mk

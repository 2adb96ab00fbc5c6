# tests/unit/net.mk

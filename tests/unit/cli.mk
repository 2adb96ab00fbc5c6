# tests/unit/cli.mk

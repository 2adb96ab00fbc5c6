# tests/unit/dns.mk

# src/probe/dns.mk

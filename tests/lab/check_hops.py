#!/usr/bin/python3
"""Checks where one lab report places the device that injected a reset,
and that no hop is given an address it did not show.

  check_hops.py --name N --report FILE [options]

  --near-ttl T        reset_locator.near_hop.ttl must be T
  --near ADDR         the near hop is ADDR ...
  --or-unidentified   ... or has no address and says it did not
                      identify itself (evidence.locator), or, silent,
                      is ADDR as the route's gateway flagged inferred
  --unidentified      the near hop has no address and says so
  --inferred ADDR     the near hop did not answer; ADDR (the route's
                      gateway) is given, flagged as inferred
  --between B A       an unidentified near hop lies between the hops
                      with addresses B and A (B may be "any": one of the
                      path's addresses before it; A may be "none")
  --hop T=A[,A...]    path hop T has one of these addresses ("null":
                      none)

Always: the report's near hop (the reading every section uses) carries
unidentified and inferred as the evidence has them for the hop the
locator named.

Prints "PASS N: ..." or "FAIL N: ..." per check; exits 1 on any FAIL.
"""

import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--near-ttl", type=int)
    ap.add_argument("--near")
    ap.add_argument("--or-unidentified", action="store_true")
    ap.add_argument("--unidentified", action="store_true")
    ap.add_argument("--inferred")
    ap.add_argument("--between", nargs=2)
    ap.add_argument("--hop", action="append", default=[])
    a = ap.parse_args()
    fails = []
    notes = []
    try:
        with open(a.report, encoding="utf-8") as f:
            doc = json.load(f)
        hops = {h["ttl"]: h["address"] for h in doc["path"]["hops"]}
        ev = doc["evidence"]["locator"]
        # No reset, no locator section: only the hops can be checked.
        near = (doc.get("reset_locator") or {}).get("near_hop") or {}
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("FAIL %s: unreadable report: %s" % (a.name, e))
        return 1
    addr = near.get("address")
    unid = ev.get("near_hop_unidentified", False)
    inferred = ev.get("near_hop_inferred", False)
    if near or a.near_ttl is not None:
        notes.append("near hop %s %s%s%s" % (
            near.get("ttl"), addr, " unidentified" if unid else "",
            " inferred" if inferred else ""))
    else:
        notes.append("hops %s" % [hops[t] for t in sorted(hops)])
    # The report's near hop is the reading: for the hop the locator
    # named, it says what the evidence says.
    same = near and near.get("ttl") == ev.get("near_hop_ttl")
    for key, flag in (("unidentified", unid), ("inferred", inferred)):
        if same and near.get(key) != flag:
            fails.append("near hop %s %s, the evidence says %s" % (
                key, near.get(key), flag))
    if a.near_ttl is not None and near.get("ttl") != a.near_ttl:
        fails.append("near hop TTL %s, expected %d" % (near.get("ttl"),
                                                       a.near_ttl))
    if a.near is not None:
        if addr == a.near and not unid:
            pass
        elif a.or_unidentified and addr is None and unid:
            notes.append("(said it did not identify itself)")
        elif a.or_unidentified and addr == a.near and unid and inferred:
            # A silent first hop: the route's gateway, said to be
            # inferred (rationed ICMP ran out in sweeps close together).
            notes.append("(silent, the gateway inferred)")
        else:
            fails.append("near hop %s (unidentified %s), expected %s%s" % (
                addr, unid, a.near,
                " or no address" if a.or_unidentified else ""))
    if a.unidentified and (addr is not None or not unid or inferred):
        fails.append("near hop %s unidentified %s inferred %s, expected "
                     "no address, unidentified" % (addr, unid, inferred))
    if a.inferred is not None and (addr != a.inferred or not unid or
                                   not inferred):
        fails.append("near hop %s unidentified %s inferred %s, expected "
                     "%s inferred" % (addr, unid, inferred, a.inferred))
    if a.between:
        before, after = ev.get("near_hop_before_addr"), \
            ev.get("near_hop_after_addr")
        notes.append("between %s and %s" % (before, after))
        want_b, want_a = a.between
        ttl = near.get("ttl", 0)
        ok_b = (before == want_b or
                (want_b == "any" and before is not None and
                 before in [hops.get(t) for t in hops if t < ttl]))
        ok_a = after == (None if want_a == "none" else want_a)
        if not (ok_b and ok_a):
            fails.append("between %s and %s, expected %s and %s" % (
                before, after, want_b, want_a))
    for spec in a.hop:
        ttl, _, allowed = spec.partition("=")
        ok = [None if x == "null" else x for x in allowed.split(",")]
        got = hops.get(int(ttl), "missing")
        if got not in ok:
            fails.append("hop %s is %s, expected one of %s" % (
                ttl, got, allowed))
    if fails:
        print("FAIL %s: %s" % (a.name, "; ".join(fails)))
        return 1
    print("PASS %s: %s" % (a.name, " ".join(notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Checks what one lab sweep's four reports show of the browser's own
conditions: the redirect chain, the ClientHello sizes tried or the TCP
segment sizes tried.

  check_sizes.py --name N --stem DIR/STEM --kind redirect|bighello|pmtu
                 [--hop TEXT]

Reads STEM.json, STEM.text, STEM.markdown and STEM.html, all written by
one connreset run. The JSON evidence must hold the facts (the chain's
requests, with the JSON target the address as typed and final_url where
the chain leads, and every format titled with the typed host; every try with its size and outcome; the segment sizes with
their results and the MTUs), and every human format must show them with
the sizes the JSON recorded. For bighello and pmtu, the section for the
reader must state the finding, not what the main request alone shows
("got a response; nothing reset it"), and never send it to the server;
--hop TEXT: every human format names that hop ("hop 2 (198.18.0.6)").

Prints one line per format, "PASS N.FORMAT" or "FAIL N.FORMAT: ...",
and exits 1 when any failed.
"""

import argparse
import html
import json
import re
import sys
import urllib.parse

HUMAN = ("text", "markdown", "html")
WRONG = ("nothing reset it during the test",
         "the site owner needs to look at the server")


def flat(s, fmt):
    """The text of a report with line wrapping and markup undone."""
    if fmt == "html":
        s = re.sub(r"<[^>]+>", " ", s)
        s = html.unescape(s)
    if fmt == "markdown":
        s = s.replace("`", "").replace("**", "")
    return re.sub(r"\s+", " ", s)


def json_facts(kind, ev, report):
    """(problems, words every human format must show)."""
    if kind == "redirect":
        chain = [h for h in ev.get("http", []) if h["variant"] == "redirect"]
        if len(chain) < 2:
            return ["the chain has %d requests" % len(chain)], []
        first, last = chain[0], chain[-1]
        probs = []
        if not (300 <= (first.get("status") or 0) < 400 and
                first.get("location") == last["url"]):
            probs.append("hop 0 is no redirect to %s" % last["url"])
        if last["result"] == "response":
            probs.append("the last hop got a response")
        # The report is about what was typed; the landing has its name.
        t = report.get("target") or {}
        if t.get("url") != first["url"] or t.get("final_url") != last["url"]:
            probs.append("JSON target %s, final_url %s" % (
                t.get("url"), t.get("final_url")))
        typed = urllib.parse.urlsplit(first["url"]).hostname
        return probs, ["Connection report for %s" % typed,
                       "%s redirects to %s" % (first["url"], last["url"]),
                       "%s: status %d, to %s" % (first["url"],
                                                 first["status"],
                                                 last["url"])]
    if kind == "bighello":
        b = ev.get("bighello")
        if not b:
            return ["no bighello evidence"], []
        small = [t for t in b["tries"] if not t["large"]]
        large = [t for t in b["tries"] if t["large"]]
        probs = []
        if not small or not large:
            probs.append("not both sizes were tried")
        if not all(t["outcome"] == "ok" and t["size"] < 1000
                   for t in small):
            probs.append("a classic ClientHello failed or is large")
        if not all(t["outcome"] == "reset" and t["size"] > 1200
                   for t in large):
            probs.append("a browser-size ClientHello was not reset")
        if not b["locator"]["ran"]:
            probs.append("the large one was not replayed with low TTLs")
        if probs:
            return probs, []
        return [], ["TLS ClientHello sizes",
                    "classic ClientHello, %d bytes: answered" %
                    small[0]["size"],
                    "browser-size ClientHello, %d bytes: reset" %
                    large[0]["size"],
                    "ClientHello has a current browser's size, %d bytes" %
                    large[0]["size"]]
    p = ev.get("pmtu")
    if not p:
        return ["no pmtu evidence"], []
    probs = []
    small = [t for t in p["tries"] if t["maxseg"] == 1200]
    full = [t for t in p["tries"] if t["maxseg"] == 0]
    if not small or not all(t["result"] == "response" for t in small):
        probs.append("a request with small segments failed")
    if not full or any(t["result"] == "response" for t in full):
        probs.append("a request with full-size segments was answered")
    if p["if_mtu"] != 1500:
        probs.append("interface MTU %s, not 1500" % p["if_mtu"])
    if probs:
        return probs, []
    return [], ["TCP segment sizes",
                "segments of at most 1200 bytes: response received, "
                "%d bytes received" % small[0]["bytes"],
                "the system's own segment size: timed out",
                "Interface MTU", "%s: 1500" % p["ifname"],
                "with segments of at most 1200 bytes %d of %d times" %
                (len(small), len(small))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--stem", required=True)
    ap.add_argument("--kind", required=True,
                    choices=("redirect", "bighello", "pmtu"))
    ap.add_argument("--hop", default=None)
    a = ap.parse_args()
    fails = 0
    try:
        with open(a.stem + ".json", encoding="utf-8") as f:
            report = json.load(f)
        probs, words = json_facts(a.kind, report["evidence"], report)
    except (OSError, ValueError, KeyError, TypeError) as e:
        probs, words = ["unreadable: %s" % e], []
    if probs:
        print("FAIL %s.json: %s" % (a.name, "; ".join(probs)))
        return 1
    print("PASS %s.json" % a.name)
    if a.hop:
        words.append(a.hop)
    for fmt in HUMAN:
        try:
            with open("%s.%s" % (a.stem, fmt), encoding="utf-8") as f:
                text = flat(f.read(), fmt)
        except OSError as e:
            print("FAIL %s.%s: %s" % (a.name, fmt, e))
            fails += 1
            continue
        missing = [w for w in words if w not in text]
        wrong = [w for w in WRONG if a.kind != "redirect" and w in text]
        if missing or wrong:
            print("FAIL %s.%s: missing %s; says %s" % (
                a.name, fmt, missing, wrong))
            fails += 1
        else:
            print("PASS %s.%s" % (a.name, fmt))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

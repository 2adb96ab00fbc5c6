#!/usr/bin/env python3
"""Turns the raw figures of tests/bench/run-bench.sh into a table.

summarize.py RAW.tsv MACHINE OUT.md

RAW.tsv has one line per run:
  expect  SCENARIO URL SYMPTOM CAUSE
  tool    SCENARIO RUN WALL_US RC RSS_KIB,USER_S,SYS_S REPORT.json
  manual  SCENARIO RUN WALL_US - - STEPS
  version - RUN WALL_US - - -
  tui     - RUN WALL_US - - SCREEN   (WALL_US "-": never complete)
(a STEPS file has "NAME RC MICROSECONDS" per manual command).
Prints plain tables on stdout and writes the same as Markdown to
OUT.md, with every target of issue 14 and whether it was met; exits 1
when a run is missing, connreset's verdict is not the expected one, or
a target was missed.
"""

import json
import statistics
import sys

STEPS = [
    ("dig_a", "dig A"),
    ("dig_aaaa", "dig AAAA"),
    ("dig_ns_a", "dig @ns A"),
    ("dig_ns_aaaa", "dig @ns AAAA"),
    ("tcp", "TCP connect"),
    ("curl", "curl"),
    ("curl_other_host", "curl, other Host"),
    ("tls10", "s_client TLS 1.0"),
    ("tls11", "s_client TLS 1.1"),
    ("tls12", "s_client TLS 1.2"),
    ("tls13", "s_client TLS 1.3"),
    ("traceroute", "traceroute -T"),
]


def ms(us):
    """Microseconds as a whole number of milliseconds."""
    return "%d" % round(us / 1000.0)


def spread(values):
    """median [min-max] of microsecond values, in milliseconds."""
    return "%s [%s-%s]" % (ms(statistics.median(values)), ms(min(values)),
                           ms(max(values)))


def read_tool(path, expect, problems, scn):
    """Slowest check, its id and the sum of all checks, in microseconds."""
    try:
        with open(path, encoding="utf-8") as f:
            rep = json.load(f)
    except (OSError, ValueError) as e:
        problems.append("%s: no readable report (%s)" % (scn, e))
        return None
    v = rep["verdict"]
    got = (v["symptom"], v["cause"])
    if got != expect:
        problems.append("%s: verdict %s/%s, expected %s/%s" %
                        ((scn,) + got + expect))
    # The counters are read at the start and once every other check has
    # ended, and a watch runs as long as asked: their durations span the
    # sweep by design, they are not checks waiting on the network.
    durs = [(c["duration_ms"] or 0.0, c["id"]) for c in rep["checks"]
            if c["id"] not in ("counters", "watch")]
    slow = max(durs)
    loc = rep.get("reset_locator") or {}
    near = loc.get("near_hop") or {}
    hop = None
    if near.get("ttl") and near.get("address") and \
            not near.get("unidentified"):
        hop = "hop %d (%s)" % (near["ttl"], near["address"])
    path = (rep.get("evidence") or {}).get("path") or {}
    trace = "%s%s" % (path.get("method") or "-",
                      "+" + path["alt_method"] if path.get("alt_method")
                      else "")
    return (slow[0] * 1000.0, slow[1], sum(d for d, _ in durs) * 1000.0,
            hop, trace)


def read_steps(path):
    """{step: (rc, us)} for one manual sequence."""
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                name, rc, us = line.split()
                out[name] = (int(rc), int(us))
    except (OSError, ValueError):
        pass
    return out


def collect(raw):
    """Per scenario: expected verdict, tool runs, manual runs."""
    scen = {}
    order = []
    problems = []
    extra = {"version": [], "tui": [], "tui_missing": 0}
    with open(raw, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    for r in rows:
        if r[0] == "expect":
            order.append(r[1])
            scen[r[1]] = {"url": r[2], "expect": (r[3], r[4]),
                          "tool": [], "manual": []}
    for r in rows:
        if r[0] == "expect":
            continue
        kind, name, run, wall, rc, rss, path = r
        if kind in ("version", "tui"):
            if wall.isdigit():
                extra[kind].append(int(wall))
            else:
                extra["tui_missing"] += 1
                problems.append("the wizard's first screen never became "
                                "complete (run %s, %s)" % (run, path))
            continue
        s = scen[name]
        if not wall.isdigit():
            problems.append("%s run %s (%s): no time measured" %
                            (name, run, kind))
            continue
        if kind == "tool":
            info = read_tool(path, s["expect"], problems, name)
            if info is None:
                continue
            parts = rss.split(",")
            if len(parts) != 3 or not parts[0].isdigit():
                problems.append("%s run %s: no peak memory" % (name, run))
                continue
            cpu = (float(parts[1]) + float(parts[2])) * 1e6
            s["tool"].append({"wall": int(wall), "rc": int(rc),
                              "rss": int(parts[0]), "cpu": cpu,
                              "slow": info[0], "slow_id": info[1],
                              "sum": info[2], "hop": info[3],
                              "trace": info[4]})
        else:
            s["manual"].append({"wall": int(wall),
                                "steps": read_steps(path)})
    return order, scen, problems, extra


def med(values):
    return statistics.median(values) if values else None


def main_rows(order, scen):
    """The main table's rows, as lists of cells."""
    rows = []
    for name in order:
        s = scen[name]
        t, m = s["tool"], s["manual"]
        if not t or not m:
            continue
        ids = sorted({x["slow_id"] for x in t})
        wall = med([x["wall"] for x in t])
        hops = sorted({x["hop"] for x in t if x["hop"]})
        rows.append([
            name, s["url"], str(len(t)),
            spread([x["wall"] for x in t]),
            "%s (%s)" % (ms(med([x["slow"] for x in t])), "/".join(ids)),
            ms(med([x["sum"] for x in t])),
            spread([x["wall"] for x in m]),
            "%.1fx" % (med([x["wall"] for x in m]) / wall),
            "%d [%d]" % (med([x["rss"] for x in t]),
                         max(x["rss"] for x in t)),
            "%.1f" % (100.0 * med([x["cpu"] / x["wall"] for x in t])),
            "/".join(hops) or "-",
        ])
    return rows


def target_rows(order, scen, extra):
    """Issue 14's targets: [target, figure, met?] rows; all met?"""
    rows = []

    def add(what, figure, ok):
        rows.append([what, figure, "met" if ok else "NOT MET"])

    def get(name):
        s = scen.get(name)
        if not s or not s["tool"] or not s["manual"]:
            add("scenario %s" % name, "no runs", False)
            return None
        return s

    ok = get("ok")
    if ok:
        w = med([x["wall"] for x in ok["tool"]])
        hand = med([x["wall"] for x in ok["manual"]])
        slow = med([x["slow"] for x in ok["tool"]])
        add("healthy HTTPS, one silent hop: <= 300 ms", ms(w) + " ms",
            w <= 300000)
        add("healthy HTTPS: >= 3.5x faster than by hand",
            "%.1fx" % (hand / w), hand >= 3.5 * w)
        add("healthy wall <= 1.25 x slowest check + 100 ms",
            "%s <= %s ms" % (ms(w), ms(1.25 * slow + 100000)),
            w <= 1.25 * slow + 100000)
    dpi = get("dpi_host")
    if dpi:
        w = med([x["wall"] for x in dpi["tool"]])
        hand = med([x["wall"] for x in dpi["manual"]])
        located = all(x["hop"] for x in dpi["tool"])
        add("reset on the path, located to its hop: <= 1000 ms",
            "%s ms, %s" % (ms(w), "located every run" if located else
                           "NOT located in every run"),
            w <= 1000000 and located)
        add("reset on the path: faster than by hand",
            "%s vs %s ms" % (ms(w), ms(hand)), w < hand)
    bh = get("blackhole")
    if bh:
        w = med([x["wall"] for x in bh["tool"]])
        hand = med([x["wall"] for x in bh["manual"]])
        traced = all("+udp" in x["trace"] for x in bh["tool"])
        add("SYN dropped: <= 3500 ms, traceroute included",
            "%s ms, %s" % (ms(w), "both traces every run" if traced
                           else "a trace MISSING"),
            w <= 3500000 and traced)
        add("SYN dropped: >= 4x faster than by hand",
            "%.1fx" % (hand / w), hand >= 4 * w)
        cpu = med([x["cpu"] / x["wall"] for x in bh["tool"]])
        add("CPU while waiting (SYN dropped): <= 5 % of wall",
            "%.1f %%" % (100 * cpu), cpu <= 0.05)
    rss = [x["rss"] for s in scen.values() for x in s["tool"]]
    if rss:
        add("peak RSS <= 16 MiB (highest of all runs)",
            "%.1f MiB" % (max(rss) / 1024.0), max(rss) <= 16 * 1024)
    v = med(extra["version"])
    add("--version <= 15 ms", "%s ms" % ms(v) if v else "not timed",
        v is not None and v <= 15000)
    tui = med(extra["tui"])
    add("first complete wizard screen <= 150 ms",
        "%s ms" % ms(tui) if tui else "not timed",
        tui is not None and tui <= 150000 and not extra["tui_missing"])
    a1, a16 = scen.get("addr1"), scen.get("addr16")
    if a1 and a16 and a1["tool"] and a16["tool"]:
        w1 = med([x["wall"] for x in a1["tool"]])
        w16 = med([x["wall"] for x in a16["tool"]])
        r1 = med([x["rss"] for x in a1["tool"]])
        r16 = med([x["rss"] for x in a16["tool"]])
        add("flat in addresses: 16 addresses <= 2 x the time of 1",
            "%s vs %s ms" % (ms(w16), ms(w1)), w16 <= 2 * w1)
        add("flat in addresses: 16 addresses <= 1 MiB more than 1",
            "%d vs %d KiB" % (r16, r1), r16 <= r1 + 1024)
    return rows, all(r[2] == "met" for r in rows)


def step_rows(order, scen):
    """Per scenario, each manual command: median ms and its exit codes."""
    rows = []
    for name in order:
        m = scen[name]["manual"]
        if not m:
            continue
        row = [name]
        for key, _ in STEPS:
            got = [x["steps"][key] for x in m if key in x["steps"]]
            if not got:
                row.append("-")
                continue
            rcs = sorted({rc for rc, _ in got})
            row.append("%s (exit %s)" % (
                ms(statistics.median([us for _, us in got])),
                "/".join(str(rc) for rc in rcs)))
        rows.append(row)
    return rows


MAIN_HEAD = ["scenario", "URL", "runs", "connreset wall ms",
             "slowest check ms", "sum of checks ms", "by hand ms",
             "by hand / connreset", "peak RSS KiB", "CPU % of wall",
             "reset located"]
TARGET_HEAD = ["target (medians)", "this run", ""]
STEP_HEAD = ["scenario"] + [label for _, label in STEPS]


def plain(head, rows):
    """A fixed-width text table."""
    widths = [max(len(c) for c in col) for col in zip(head, *rows)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
             for r in [head] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(head, rows):
    """A Markdown table."""
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def machine(path):
    """key=value lines of the machine file."""
    info = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            info[k] = v
    return info


NOTES = """\
How to read it: times are milliseconds, "median [min-max]" over the
runs. The path is realistic: r3 never says "time exceeded" (a silent
router) and r1, r2 and r3 ration their ICMP as Linux does by default
(a burst of 6 per destination, then one a second). "connreset wall" is
one `connreset --batch --timeout 3 --cacert <lab CA> URL` run as uid
65534 in the lab's client namespace, timed around the process. "slowest
check" and "sum of checks" are the medians of the largest and of the
total `duration_ms` in its JSON report (the check that was slowest is
named); the checks run at the same time on one poll() loop, so the wall
time follows the slowest check, not the sum. "by hand" runs, one after
another and as root (a TCP traceroute needs raw sockets), the sequence
of issue 14: `dig +time=3 +tries=1 NAME A` and `AAAA` (the system's
resolver) and the same `@192.0.2.53` (the nameserver on its own), a TCP
connect to the port (`timeout 3`, bash's /dev/tcp), `curl -sS -o
/dev/null --max-time 3` on the URL and again with `-H 'Host:
other.example'`, on https `openssl s_client -tls1`, `-tls1_1`,
`-tls1_2` and `-tls1_3` (each under `timeout 5`), and `traceroute -n -T
-p PORT -w 1 -q 3 ADDR`. It counts only the
commands' own time: no typing, reading or copying an address from one
output to the next, so a person is slower still; and it does less (no
proxy or local checks, no reset locator, no repeated attempts, no
protocol-mismatch retry). "peak RSS" is GNU time's %M (median
[highest]); "CPU % of wall" its user plus system time over the wall
time. "reset located": the hop the reset locator named. --version is
timed on the host; the wizard's first screen in tmux inside the client
namespace, from the window's start to a screen showing the first
question, the address and the keys line.
"""


def busy(info):
    """One line on what else ran on the machine during the bench."""
    others = info.get("others", "0")
    line = "load average at the end: %s; " % info.get("load")
    if others == "0":
        return line + "no other network namespaces during the runs"
    return line + ("%s other network namespace(s) (another lab?) during "
                   "the runs: the figures may be noisy" % others)


def main():
    raw, mach, out = sys.argv[1:4]
    order, scen, problems, extra = collect(raw)
    info = machine(mach)
    rows = main_rows(order, scen)
    srows = step_rows(order, scen)
    trows, all_met = target_rows(order, scen, extra)
    v, tui = med(extra["version"]), med(extra["tui"])
    other = ("--version: %s; the wizard's first complete screen: %s" %
             (spread(extra["version"]) if v else "not timed",
              spread(extra["tui"]) if tui else "not timed"))
    head = ("connreset bench, %s: %s runs per scenario, %s CPU(s) (%s), "
            "Linux %s, %s; the bench took %s s" %
            (info.get("date"), info.get("runs"), info.get("nproc"),
             info.get("cpu") or "CPU model unknown", info.get("kernel"),
             info.get("version"), info.get("seconds")))
    print()
    print(head)
    print(busy(info))
    print()
    print(plain(MAIN_HEAD, rows))
    print()
    print(other)
    print()
    print("By hand, per command: median ms (exit codes seen)")
    print(plain(STEP_HEAD, srows))
    print()
    print(plain(TARGET_HEAD, trows))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# connreset bench: the tool against the same checks by "
                "hand\n\n")
        f.write("Generated by `make bench` (tests/bench/run-bench.sh) in "
                "the network lab.\n\n")
        f.write("- date: %s\n" % info.get("date"))
        f.write("- machine: %s CPU(s), %s; Linux %s\n" %
                (info.get("nproc"), info.get("cpu") or "CPU model unknown",
                 info.get("kernel")))
        f.write("- tool: %s\n" % info.get("version"))
        f.write("- runs per scenario: %s; the whole bench took %s s\n" %
                (info.get("runs"), info.get("seconds")))
        f.write("- %s\n\n" % busy(info))
        f.write(markdown(MAIN_HEAD, rows) + "\n\n")
        f.write("%s (ms, median [min-max]).\n\n" % other)
        f.write("By hand, per command: median ms (exit codes seen)\n\n")
        f.write(markdown(STEP_HEAD, srows) + "\n\n")
        f.write("Targets\n\n")
        f.write(markdown(TARGET_HEAD, trows) + "\n\n")
        f.write(NOTES)
        if problems:
            f.write("\nProblems in this run:\n\n")
            f.write("".join("- %s\n" % p for p in problems))
    print()
    print("written to %s" % out)
    for p in problems:
        print("PROBLEM: %s" % p)
    if not all_met:
        print("PROBLEM: not every target was met (see the table above)")
    return 1 if problems or not all_met else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Turns the raw figures of tests/bench/run-bench.sh into a table.

summarize.py RAW.tsv MACHINE OUT.md

RAW.tsv has one line per run:
  expect  SCENARIO URL SYMPTOM CAUSE
  tool    SCENARIO RUN WALL_US RC RSS_KIB REPORT.json
  manual  SCENARIO RUN WALL_US - - STEPS
(a STEPS file has "NAME RC MICROSECONDS" per manual command).
Prints a plain table on stdout and writes the same as Markdown to
OUT.md; exits 1 when a run is missing or connreset's verdict is not
the one tests/lab/scenarios expects.
"""

import json
import statistics
import sys

STEPS = [
    ("dig_a", "dig A"),
    ("dig_aaaa", "dig AAAA"),
    ("curl", "curl"),
    ("curl_other_host", "curl, other Host"),
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
    return (slow[0] * 1000.0, slow[1], sum(d for d, _ in durs) * 1000.0)


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
        s = scen[name]
        if not wall.isdigit():
            problems.append("%s run %s (%s): no time measured" %
                            (name, run, kind))
            continue
        if kind == "tool":
            info = read_tool(path, s["expect"], problems, name)
            if info is None:
                continue
            if not rss.isdigit():
                problems.append("%s run %s: no peak memory" % (name, run))
                continue
            s["tool"].append({"wall": int(wall), "rc": int(rc),
                              "rss": int(rss), "slow": info[0],
                              "slow_id": info[1], "sum": info[2]})
        else:
            s["manual"].append({"wall": int(wall),
                                "steps": read_steps(path)})
    return order, scen, problems


def main_rows(order, scen):
    """The main table's rows, as lists of cells."""
    rows = []
    for name in order:
        s = scen[name]
        t, m = s["tool"], s["manual"]
        if not t or not m:
            continue
        ids = sorted({x["slow_id"] for x in t})
        rows.append([
            name, s["url"], str(len(t)),
            spread([x["wall"] for x in t]),
            "%s (%s)" % (ms(statistics.median([x["slow"] for x in t])),
                         "/".join(ids)),
            ms(statistics.median([x["sum"] for x in t])),
            spread([x["wall"] for x in m]),
            "%d [%d]" % (statistics.median([x["rss"] for x in t]),
                         max(x["rss"] for x in t)),
        ])
    return rows


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
             "connreset max RSS KiB"]
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
runs. "connreset wall" is one `connreset --batch --timeout 3 --cacert
<lab CA> URL` run as uid 65534 in the lab's client namespace, timed
around the process. "slowest check" and "sum of checks" are the medians
of the largest and of the total `duration_ms` in its JSON report (the
check that was slowest is named); the checks run at the same time on one
poll() loop, so the wall time follows the slowest check, not the sum.
"by hand" runs, one after another and as root (a TCP traceroute needs
raw sockets): `dig +time=3 +tries=1 @192.0.2.53 NAME A` and `AAAA`,
`curl -sS -o /dev/null --max-time 3` on the URL and again with
`-H 'Host: other.example'`, on https `openssl s_client -tls1_2` and
`-tls1_3` (each under `timeout 5`), and `traceroute -n -T -p PORT -w 1
-q 3 ADDR`. It counts only the commands' own time: no typing, reading
or copying an address from one output to the next, so a person is
slower still. It also covers less than connreset does (no proxy or
local checks, no reset locator, no protocol-mismatch retry), and
`openssl s_client` exits 0 even when the certificate fails to verify:
the person has to read its "Verify return code" line. Where connreset
takes about 3 s on a reset (dpi_host, abort), that is its reset locator
and its protocol-mismatch check, which each run for the whole
`--timeout 3`; on the blackhole it is the path trace (a TCP trace that
stops, then a UDP one). "max
RSS" is GNU time's %M for the connreset process (median [highest]).
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
    order, scen, problems = collect(raw)
    info = machine(mach)
    rows = main_rows(order, scen)
    srows = step_rows(order, scen)
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
    print("By hand, per command: median ms (exit codes seen)")
    print(plain(STEP_HEAD, srows))
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
        f.write("By hand, per command: median ms (exit codes seen)\n\n")
        f.write(markdown(STEP_HEAD, srows) + "\n\n")
        f.write(NOTES)
        if problems:
            f.write("\nProblems in this run:\n\n")
            f.write("".join("- %s\n" % p for p in problems))
    print()
    print("written to %s" % out)
    for p in problems:
        print("PROBLEM: %s" % p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Checks one lab scenario: the JSON report's verdict, the exit code and
the report's validity against data/report.schema.json.

  check_report.py --name N --report FILE --rc RC --schema FILE
                  [--stderr FILE] [--says TEXT]... [--not-confidence C]
                  SYMPTOM CAUSE ORIGIN EXIT

--says: the verdict's summary or one of its reasons contains TEXT.
--not-confidence: the verdict's confidence is not C (e.g. "high").

Prints one line, "PASS N" or "FAIL N: expected X got Y; ...", and exits
0 on PASS, 1 on FAIL. A missing schema file is a failure, not a skip.
"""

import argparse
import json
import os
import sys


def schema_problem(report, path):
    """Returns None when report validates against the schema at path."""
    if not os.path.isfile(path):
        return "schema %s is missing" % path
    try:
        import jsonschema
    except ImportError:
        return "python3 jsonschema module is missing"
    try:
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(report),
                        key=lambda e: list(e.absolute_path))
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        return "schema %s is unusable: %s" % (path, str(e).splitlines()[0])
    if not errors:
        return None
    e = errors[0]
    where = "/".join(str(p) for p in e.absolute_path) or "(top)"
    more = " (and %d more)" % (len(errors) - 1) if len(errors) > 1 else ""
    return "report does not match the schema at %s: %s%s" % (
        where, e.message[:160], more)


def first_line(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.strip():
                    return line.strip()[:200]
    except OSError:
        pass
    return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--rc", default="")
    ap.add_argument("--schema", required=True)
    ap.add_argument("--stderr", default=None)
    ap.add_argument("--says", action="append", default=[])
    ap.add_argument("--not-confidence", default=None)
    ap.add_argument("--check-says", action="append", default=[],
                    metavar="ID:TEXT",
                    help="the summary line of check ID contains TEXT")
    ap.add_argument("--check-not", action="append", default=[],
                    metavar="ID:TEXT",
                    help="the summary line of check ID lacks TEXT")
    ap.add_argument("--check-status", action="append", default=[],
                    metavar="ID:STATUS",
                    help="check ID ended with STATUS (pass, fail, info...)")
    ap.add_argument("expect", nargs=4,
                    metavar=("SYMPTOM", "CAUSE", "ORIGIN", "EXIT"))
    a = ap.parse_args()
    want = dict(zip(("symptom", "cause", "origin", "exit"), a.expect))
    problems = []
    got = {"exit": a.rc if a.rc else "none"}
    report = None
    try:
        with open(a.report, encoding="utf-8") as f:
            report = json.load(f)
    except FileNotFoundError:
        problems.append("no report written")
    except (OSError, ValueError) as e:
        problems.append("report is not JSON: %s" % e)
    if report is not None:
        verdict = report.get("verdict") if isinstance(report, dict) else None
        if not isinstance(verdict, dict):
            verdict = {}
            problems.append("report has no verdict object")
        for key in ("symptom", "cause", "origin"):
            got[key] = str(verdict.get(key, "missing"))
        words = [str(verdict.get("summary", ""))] + [
            str(r.get("text", "")) for r in verdict.get("reasons", [])
            if isinstance(r, dict)]
        for text in a.says:
            if not any(text in w for w in words):
                problems.append("the verdict does not say %r (summary: %s)"
                                % (text, words[0][:200]))
        if a.not_confidence and verdict.get("confidence") == a.not_confidence:
            problems.append("confidence is %s" % a.not_confidence)
        checks, status = {}, {}
        ev = report.get("evidence") if isinstance(report, dict) else None
        for c in (ev or {}).get("checks") or []:
            if isinstance(c, dict):
                checks[c.get("id")] = str(c.get("summary", ""))
                status[c.get("id")] = str(c.get("status", ""))
        for spec in a.check_status:
            cid, _, want_st = spec.partition(":")
            if status.get(cid) != want_st:
                problems.append("the %s check is %s, expected %s: %s" % (
                    cid, status.get(cid), want_st, checks.get(cid)))
        for spec, says in [(x, True) for x in a.check_says] + \
                [(x, False) for x in a.check_not]:
            cid, _, text = spec.partition(":")
            line = checks.get(cid)
            if line is None:
                problems.append("no %s check line" % cid)
            elif (text in line) != says:
                problems.append("the %s line %s %r: %s" % (
                    cid, "does not say" if says else "says", text, line))
    for key in ("symptom", "cause", "origin", "exit"):
        if key in got and got[key] != want[key]:
            problems.append("expected %s=%s got %s" %
                            (key, want[key], got[key]))
    if report is not None:
        why = schema_problem(report, a.schema)
        if why:
            problems.append(why)
    if problems and a.stderr and report is None:
        err = first_line(a.stderr)
        if err:
            problems.append("stderr: %s" % err)
    if problems:
        print("FAIL %s: %s" % (a.name, "; ".join(problems)))
        return 1
    print("PASS %s: %s/%s/%s exit %s" % (a.name, want["symptom"],
                                        want["cause"], want["origin"],
                                        want["exit"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

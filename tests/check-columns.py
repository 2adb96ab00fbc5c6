#!/usr/bin/env python3
"""Text laid out in columns lines up by display width (terminal columns).

    check-columns.py report FILE   a text report: in every table (a header
        with columns two spaces apart, a line of dashes, rows) each cell
        starts at its header's column; every title's underline is as wide
        as the title.
    check-columns.py batch FILE    the --batch summary: on every line of
        the checks block the title and the summary start at one column
        each (a line whose title is wider than the column, one space
        before its summary, is let be).
    check-columns.py fields FILE LABEL...   on the lines that start with
        one of the labels (a screen dump), the value after it starts at
        one column.
    With --accented first, it also fails when no line it checked holds a
    letter beyond ASCII (a test in Spanish or German that cannot fail).

Counted as a terminal shows it: an accented letter is one column though
two bytes, a wide (CJK) character two, a combining mark none. Prints what
is out of line and exits 1; exits 0 when everything lines up.
"""
import re
import sys
import unicodedata


def width(s):
    """Columns the string takes on a terminal."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d":
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def starts(line, gap=2):
    """Display columns where a field starts after `gap` or more spaces."""
    cols = []
    for m in re.finditer(r" {%d,}(?=\S)" % gap, line):
        cols.append(width(line[:m.end()]))
    return cols


def space_at(line, col):
    """Whether display column col of line is a space or past its end."""
    w = 0
    for ch in line:
        if w == col:
            return ch == " "
        w += width(ch)
        if w > col:
            return False
    return True


CHECKED = []    # the lines compared, for --accented


def check_report(lines):
    bad = []
    tables = 0
    for i in range(1, len(lines)):
        under = lines[i]
        if not under or set(under) - set("-=~"):
            continue
        head = lines[i - 1]
        heads = starts(head)
        if not heads or not head.strip():
            # A title: its underline as wide as it (titles of one line).
            if head.strip() and width(head) <= 78:
                CHECKED.append(head)
            if head.strip() and width(head) <= 78 and \
                    len(under) != width(head):
                bad.append("underline of %d for a title of %d columns: %s"
                           % (len(under), width(head), head))
            continue
        tables += 1
        CHECKED.append(head)
        for row in lines[i + 1:]:
            if not row.strip():
                break
            CHECKED.append(row)
            for c in starts(row):
                if c not in heads:
                    bad.append("cell at column %d, not under a header %s:"
                               "\n  %s\n  %s" % (c, heads, head, row))
            for c in heads:
                if not space_at(row, c - 1):
                    bad.append("column %d runs into the next:\n  %s\n  %s"
                               % (c, head, row))
    if tables == 0:
        bad.append("no table found in the report")
    return bad


def check_batch(lines):
    bad = []
    try:
        first = next(i for i, l in enumerate(lines) if
                     re.match(r"^\S.*:$", l) and i + 1 < len(lines) and
                     re.match(r"^  \S+ +\S", lines[i + 1]) and
                     not lines[i + 1].lstrip().startswith("- "))
    except StopIteration:
        return ["no checks block in the summary"]
    rows = []
    for l in lines[first + 1:]:
        if not l.startswith("  ") or l.startswith("    "):
            if l.startswith("    "):
                continue    # a wrapped summary
            break
        rows.append(l)
    CHECKED.extend(rows)
    if len(rows) < 5:
        return ["only %d check lines in the summary" % len(rows)]
    # The status is one word: the title starts after its padding.
    title = {starts(r[2:], 1)[0] for r in rows if starts(r[2:], 1)}
    if len(title) != 1:
        bad.append("titles start at columns %s:\n  %s"
                   % (sorted(title), "\n  ".join(rows)))
    summ = {}
    for r in rows:
        t = starts(r[2:], 1)
        s = [c for c in starts(r[2:], 2) if t and c > t[0]]
        if s:
            summ.setdefault(s[0], []).append(r)
    if len(summ) > 1:
        bad.append("summaries start at columns %s:\n  %s"
                   % (sorted(summ), "\n  ".join(rows)))
    return bad


def check_fields(lines, labels):
    bad = []
    at = {}
    for l in lines:
        t = l.strip("\u2502|").strip()
        for lab in labels:
            if t.startswith(lab + " "):
                rest = t[len(lab):]
                col = width(lab) + len(rest) - len(rest.lstrip(" "))
                at.setdefault(col, []).append(t)
                CHECKED.append(t)
    if len(at) == 0:
        bad.append("none of the labels %s found" % labels)
    elif len(at) > 1:
        bad.append("values start at columns %s:\n  %s" % (sorted(at),
                   "\n  ".join(x for v in at.values() for x in v)))
    return bad


def main():
    args = sys.argv[1:]
    accented = args[:1] == ["--accented"]
    if accented:
        args = args[1:]
    if len(args) < 2 or args[0] not in ("report", "batch", "fields"):
        sys.exit("usage: check-columns.py [--accented] report|batch|fields "
                 "FILE [LABEL...]")
    with open(args[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    if args[0] == "report":
        bad = check_report(lines)
    elif args[0] == "batch":
        bad = check_batch(lines)
    else:
        bad = check_fields(lines, args[2:])
    if accented and not any(ord(c) > 0x7f for l in CHECKED for c in l):
        bad.append("no line checked holds a letter beyond ASCII")
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)


main()

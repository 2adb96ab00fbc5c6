#!/usr/bin/python3
"""Checks the four formats of one lab report for one audience.

  check_formats.py --name N --dir DIR --stem STEM --schema FILE
                   [--scenario dpi|abort --audience isp|it|site-owner]
                   [--redact] [--hide WORD]... [--local PATH]...
                   [--summary FILE]

Reads DIR/STEM.text, .markdown, .html and .json (all four written by one
connreset run for one scenario and audience) and checks that every
format is complete:
the verdict, the section for the audience with the facts it needs, what
was tried (batch mode says so), every evidence section, the reproduction
commands with their exact arguments; the JSON against the schema; the
text within 80 columns; the HTML as one self-contained page; no line
of any format says a phrase twice in a row ("not checked: Not
checked:"), and no format names a path of this machine (a home
directory, or a --local PATH such as the program's own). With
--redact, the redacted list or section names every category, and no
--hide word (this machine's user and host names) appears.

Without --scenario (any scenario of run-lab.sh), only what holds for
every report is checked: the JSON against the schema, the text within
80 columns, the HTML as one self-contained page, no phrase said twice
in a row, no path of this machine; with --summary FILE, the batch
summary that run printed the same (80 columns, as it is no terminal).

Prints one PASS/FAIL line per format and exits 1 when any failed.
"""

import argparse
import html.parser
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_report import schema_problem  # noqa: E402

STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
PRIVATE = re.compile(r"\b(10\.\d+\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|"
                     r"192\.168\.\d+\.\d+|100\.(6[4-9]|[7-9]\d|1[01]\d|"
                     r"12[0-7])\.\d+\.\d+|f[cd][0-9a-f]{2}:[0-9a-f:]+|"
                     r"fe80:[0-9a-f:]*)\b", re.I)

# What each scenario must say, whatever the audience.
SCENARIOS = {
    "dpi": {
        "host": "blocked.example", "addr": "203.0.113.18",
        "verdict": ("reset", "middlebox_injection", "path"),
        "words": ["Symptom: connection reset",
                  "Cause: a middlebox on the path injected the reset",
                  "Where: the network path"],
        "located": "near hop 2 (198.18.0.6); the server is 4 hops away",
        "variation": "Request with a neutral Host name: "
                     "http://blocked.example:80/ to 203.0.113.18, Host "
                     "neutral.connreset.invalid",
    },
    "abort": {
        "host": "abort.example", "addr": "203.0.113.11",
        "verdict": ("reset", "server_abort", "server"),
        "words": ["Symptom: connection reset",
                  "Cause: the server aborted the connection",
                  "Where: the server"],
        "located": "near hop 4 (203.0.113.11); the server is 4 hops away",
        "variation": "Request with a neutral Host name: "
                     "http://abort.example:80/ to 203.0.113.11, Host "
                     "neutral.connreset.invalid",
    },
}

HEADINGS = {
    "isp": "For the Internet provider",
    "it": "For the network or security administrator",
    "site-owner": "For the site owner",
}


def audience_facts(scn, aud):
    """Regular expressions the audience's section must match."""
    s = SCENARIOS[scn]
    timeline = (r"Browser request to %s from %s port \d+: reset before "
                r"any response\. "
                r"Started %s, ended %s \(connected after [\d.]+ ms, "
                r"total [\d.]+ ms, 0 bytes received\)\." %
                (re.escape(s["addr"]), r"198\.18\.0\.2", STAMP, STAMP))
    route = re.escape("reaches it: 198.18.0.1, 198.18.0.6, 198.18.0.10, "
                      "%s." % s["addr"])
    if aud == "isp":
        where = (r"may travel only 3 hops, while the server is 4 hops "
                 r"away\. The device that resets it is at or just after "
                 r"hop 2 \(198\.18\.0\.6\)" if scn == "dpi" else
                 r"as far as the server \(4 hops\): it comes from the "
                 r"server's end")
        return [r"requests to %s \(port 80\) end with: reset before any "
                r"response\. The first test ran at %s \(UTC\)" %
                (re.escape(s["host"]), STAMP), route, where, timeline]
    if aud == "it":
        if scn == "dpi":
            return [r"Connections to 203\.0\.113\.18 are reset when the "
                    r"HTTP Host header is \"blocked\.example\"\.",
                    r"neutral name \"neutral\.connreset\.invalid\" got a "
                    r"response\.",
                    r"The reset is injected near hop 2 \(198\.18\.0\.6\)",
                    r"policy that applies to this name\."]
        return [r"Requests to 203\.0\.113\.11 end with: reset before any "
                r"response\.",
                r"The name in the request does not decide it\.",
                r"as far away as the server \(4 hops\)",
                r"the site owner needs to look at the server\."]
    abort = (r"The connection to %s was accepted and then reset before "
             r"any response, [\d.]+ ms after the request started, at %s\." %
             (re.escape(s["addr"]), STAMP))
    if scn == "dpi":
        return [abort, r"The reset is sent near hop 2 \(198\.18\.0\.6\), "
                r"before the server: a device on the client's path sends it",
                timeline]
    return [abort, r"as far away as the server \(4 hops\): the server or a "
            r"device right in front of it", r"was reset as well: the server "
            r"resets these connections whatever name", timeline]


def commands(scn):
    """The reproduction commands, exactly as they must appear."""
    s = SCENARIOS[scn]
    return ["curl -v -g --connect-to %s:80:%s:80 http://%s:80/" %
            (s["host"], s["addr"], s["host"]),
            "curl -v -g --connect-to neutral.connreset.invalid:80:%s:80 "
            "http://neutral.connreset.invalid:80/" % s["addr"],
            "dig @192.0.2.53 %s A" % s["host"],
            "dig %s A" % s["host"],
            "traceroute -T -p 80 %s" % s["host"]]


class Plain(html.parser.HTMLParser):
    """HTML to plain text, checking nesting and collecting problems."""
    VOID = {"meta", "br", "hr", "img", "link", "input"}
    BLOCK = {"p", "li", "tr", "h1", "h2", "h3", "pre", "title", "table",
             "ul"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.stack, self.problems = [], [], []
        self.tags = {}
        self.in_style = False
        self.in_svg = 0

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "svg":
            self.in_svg += 1
        for k, v in attrs:
            if k in ("src", "href", "srcset", "action", "data", "poster"):
                self.problems.append("<%s %s=%r>" % (tag, k, v))
            if k.startswith("on"):
                self.problems.append("<%s %s=...> handler" % (tag, k))
        if tag == "th":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("- ")
        if tag not in self.VOID:
            self.stack.append(tag)
        self.in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        # <path/> and the like inside an SVG: nothing to close.
        for k, v in attrs:
            if k in ("src", "href", "xlink:href") or k.startswith("on"):
                self.problems.append("<%s %s=%r>" % (tag, k, v))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes %s" % (
                tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()
        self.in_style = False
        if tag == "th":
            self.out.append(": ")
        elif tag in self.BLOCK or tag == "td":
            self.out.append("\n")

    def handle_data(self, data):
        # A figure's words are drawn, not read: its caption says it.
        if not self.in_style and not self.in_svg:
            self.out.append(data)


def html_problems(raw):
    """Problems of the HTML as one self-contained page, and its text."""
    problems = []
    low = raw.lower()
    if not low.startswith("<!doctype html>"):
        problems.append("does not start with <!DOCTYPE html>")
    for bad in ("<script", "<link", "<iframe", "<object", "<embed", "<img",
                "@import", "url(", "<base"):
        if bad in low:
            problems.append("contains %s" % bad)
    # An SVG's <title> names the picture; the page has one in its head.
    head = low.split("</head>", 1)[0]
    for tag in ("<html", "<head>", "<body>", "</body>", "</html>",
                "<style>", "<title>"):
        n = head.count(tag) if tag == "<title>" else low.count(tag)
        if n != 1:
            problems.append("%s appears %d times" % (tag, n))
    if re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", low):
        problems.append("refers to a remote resource")
    p = Plain()
    p.feed(raw)
    p.close()
    if p.stack:
        problems.append("unclosed elements: %s" % ", ".join(p.stack))
    problems += p.problems
    text = "".join(p.out)
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", text)
    return problems, text


def markdown_text(raw):
    """Markdown to plain text: no escapes, list markers or bold marks."""
    t = re.sub(r"\\([\\`*_\[\]<>!&|~#+=\-.()])", r"\1", raw)
    t = t.replace("**", "")
    t = re.sub(r"(?m)^#+ ", "", t)
    t = re.sub(r"(?m)^```+.*$", "", t)
    # A table's separator row is markup, not words.
    t = re.sub(r"(?m)^\|(?: -{3,} \|)+$", "", t)
    return t


def text_problems(raw):
    """Lines over 80 columns, trailing blanks, tabs, double blank lines."""
    problems = []
    for i, line in enumerate(raw.split("\n"), 1):
        if len(line) > 80:
            problems.append("line %d has %d columns" % (i, len(line)))
        if line != line.rstrip():
            problems.append("line %d ends in blanks" % i)
        if "\t" in line:
            problems.append("line %d has a tab" % i)
    if "\n\n\n" in raw:
        problems.append("two blank lines in a row")
    if not raw.endswith("\n") or raw.endswith("\n\n"):
        problems.append("does not end in exactly one newline")
    return problems


def repeat_problems(text, cells=False):
    """A phrase of 1 to 4 words said twice in a row within one line
    ("not checked: Not checked:", "the the"), case aside; with cells,
    within each column of a line (columns apart by 3 blanks or more)."""
    problems = []
    for i, line in enumerate(text.split("\n"), 1):
        found = None
        for cell in (re.split(r"(?<=\S) {3,}", line) if cells else [line]):
            found = found or repeated(cell)
        if found:
            problems.append("line %d repeats itself: %r" % (i, found))
    return problems


def repeated(line):
    """The first phrase of 1 to 4 words said twice in a row, or None."""
    w = [x.lower() for x in re.split(r"[\s|*`]+", line) if x]
    for k in range(1, 5):
        for j in range(len(w) - 2 * k + 1):
            if w[j:j + k] == w[j + k:j + 2 * k] and (
                    k > 1 or re.match(r"[a-z]{2}", w[j])):
                return " ".join(w[j:j + 2 * k])
    return None


def path_problems(raw, local):
    """Paths of this machine (the program's, a home directory)."""
    problems = []
    for p in ["/home/", "/root/"] + [x for x in local if x]:
        if p in raw:
            problems.append("a local path: %s" % p)
    return problems


def row_rx(cells):
    """A table row of these cells (regular expressions) in any format: a
    Markdown or aligned text row, the HTML cells one a line, or the text
    report's bullet with each cell after its column's name."""
    sep = r"(?:\s*(?:\||;|--)?\s*(?:[A-Z][\w ]*: )?)"
    return r"(?:^|[\s|-])" + sep.join(cells) + r"(?:$|[\s|;])"


def flat(text):
    """The text with shell continuations joined and every run of blanks
    and newlines as one space, so checks do not depend on wrapping."""
    return re.sub(r"\s+", " ", re.sub(r" \\\n\s*", " ", text))


def section_after(text, heading):
    """The text between a heading line and the next heading."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == heading:
            body = []
            for nxt in lines[i + 1:]:
                if nxt.strip() in HEADING_SET:
                    break
                body.append(nxt)
            return "\n".join(body)
    return None


HEADING_SET = {"Verdict", "Why", "What was already tried", "Evidence",
               "DNS", "TCP connections", "HTTP requests",
               "Content variations", "Network path", "Proxy",
               "This machine", "Commands to reproduce this", "Redacted",
               } | set(HEADINGS.values())


def content_problems(text, a):
    """Everything a human format must say, checked on its plain text."""
    if not a.scenario:
        return []
    s = SCENARIOS[a.scenario]
    problems = []
    ft = flat(text)
    need = ["Connection report for %s" % s["host"], "Verdict",
            "Evidence", "DNS", "TCP connections", "HTTP requests",
            "Content variations", "Network path", "This machine",
            "Commands to reproduce this", "What was already tried",
            HEADINGS[a.audience]]
    lines = {ln.strip() for ln in text.split("\n")}
    for h in need:
        if h not in lines:
            problems.append("no heading %r" % h)
    for other in set(HEADINGS.values()) - {HEADINGS[a.audience]}:
        if other in lines:
            problems.append("has the section for another audience: %r" %
                            other)
    tried = section_after(text, "What was already tried")
    if tried is None or "batch mode" not in flat(tried):
        problems.append("'What was already tried' does not say that batch "
                        "mode tried nothing by hand")
    for w in s["words"] + [s["variation"]]:
        if w not in ft:
            problems.append("missing %r" % w)
    for cells in (["192.0.2.53", "/etc/resolv.conf", "answered",
                   r"[\d.]+ ms", re.escape(s["addr"])],
                  ["system, used by this machine", "/etc/resolv.conf",
                   "answered", r"[\d.]+ ms", re.escape(s["addr"])],
                  [re.escape(s["addr"]), "80", "open", r"[\d.]+ ms"]):
        if not re.search(row_rx(cells), ft):
            problems.append("missing table row %r" % " | ".join(cells))
    for w in ["Browser request: http://%s:80/ to %s" % (s["host"],
                                                        s["addr"]),
              "- 1: 198.18.0.1,", "- 2: 198.18.0.6,", "- 3: 198.18.0.10,",
              "- 4: %s (%s)," % (s["addr"], s["host"]),
              "Reset located: the first reset came back with TTL",
              s["located"]]:
        if w not in ft:
            problems.append("missing evidence %r" % w)
    for c in commands(a.scenario):
        if not re.search(r"(^| )%s( |$)" % re.escape(c), ft):
            problems.append("missing command %r" % c)
    for rx in audience_facts(a.scenario, a.audience):
        if not re.search(rx, ft):
            problems.append("the %s section lacks /%s/" % (a.audience,
                                                           rx[:70]))
    if a.redact:
        red = section_after(text, "Redacted")
        if red is None:
            problems.append("no Redacted section")
        else:
            for w in ("URL credentials", "proxy credentials",
                      "secret headers", "[user]", "[host]",
                      "[private address N]"):
                if w not in flat(red):
                    problems.append("Redacted does not list %r" % w)
    elif "Redacted" in lines:
        problems.append("a Redacted section without --redact")
    return problems


def json_problems(path, a):
    """The JSON report: verdict, audience, schema, redacted list."""
    try:
        with open(path, encoding="utf-8") as f:
            rep = json.load(f)
    except (OSError, ValueError) as e:
        return ["not JSON: %s" % e]
    if not a.scenario:
        why = schema_problem(rep, a.schema)
        return [why] if why else []
    problems = []
    v = rep.get("verdict", {})
    got = (v.get("symptom"), v.get("cause"), v.get("origin"))
    if got != SCENARIOS[a.scenario]["verdict"]:
        problems.append("verdict %s, expected %s" %
                        (got, SCENARIOS[a.scenario]["verdict"]))
    if rep.get("audience") != a.audience.replace("-", "_"):
        problems.append("audience %r" % rep.get("audience"))
    if rep.get("answers") != []:
        problems.append("answers in batch mode: %r" % rep.get("answers"))
    want = ["url_credentials", "proxy_credentials", "secret_headers"]
    if a.redact:
        want += ["user_names", "host_names", "private_addresses"]
    if rep.get("redacted") != want:
        problems.append("redacted is %r, expected %r" %
                        (rep.get("redacted"), want))
    ev = rep.get("evidence", {})
    for key in ("dns", "tcp", "http", "path", "locator"):
        if not ev.get(key):
            problems.append("evidence.%s is empty" % key)
    why = schema_problem(rep, a.schema)
    if why:
        problems.append(why)
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--stem", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("--scenario", choices=sorted(SCENARIOS))
    ap.add_argument("--audience", choices=sorted(HEADINGS))
    ap.add_argument("--redact", action="store_true")
    ap.add_argument("--hide", action="append", default=[])
    ap.add_argument("--local", action="append", default=[],
                    help="a path of this machine that must not appear")
    ap.add_argument("--summary", default=None,
                    help="the batch summary (stdout, not a terminal): "
                    "80 columns, no phrase twice, no local path")
    a = ap.parse_args()
    if bool(a.scenario) != bool(a.audience):
        ap.error("--scenario and --audience go together")
    fails = 0
    fmts = ("text", "markdown", "html", "json")
    if a.summary:
        fmts += ("summary",)
    for fmt in fmts:
        path = os.path.join(a.dir, "%s.%s" % (a.stem, fmt))
        if fmt == "summary":
            path = a.summary
        try:
            with open(path, encoding="utf-8") as f:
                raw = f.read()
        except (OSError, UnicodeError) as e:
            print("FAIL %s %s: %s" % (a.name, fmt, e))
            fails += 1
            continue
        if fmt == "json":
            problems = json_problems(path, a)
        elif fmt == "summary":
            problems = [p for p in text_problems(raw) if "column" in p]
            problems += repeat_problems(raw, cells=True)
        elif fmt == "text":
            problems = text_problems(raw) + content_problems(raw, a)
            problems += repeat_problems(raw)
        elif fmt == "markdown":
            problems = content_problems(markdown_text(raw), a)
            problems += repeat_problems(markdown_text(raw))
        else:
            problems, text = html_problems(raw)
            problems += content_problems(text, a)
            problems += repeat_problems(text)
        problems += path_problems(raw, a.local)
        if a.redact:
            m = PRIVATE.search(raw)
            if m:
                problems.append("a private address: %s" % m.group(0))
            for w in a.hide:
                if len(w) >= 2 and re.search(r"\b%s\b" % re.escape(w), raw):
                    problems.append("%r appears" % w)
        if problems:
            fails += 1
            print("FAIL %s %s: %s" % (a.name, fmt, "; ".join(problems[:6])))
        else:
            print("PASS %s %s" % (a.name, fmt))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks an HTML report as people see it, with headless Chromium.

    render_html.py REPORT.html OUTDIR [--expect WHAT ...]

Static checks on the file: one self-contained page (no script, no event
handler attribute, no src/href/url() that fetches anything), and well
formed (a parser check: every element closed in order, one html, head and
body, a charset). Then Chromium, driven over its DevTools pipe, renders it
at a desktop width (OUTDIR/desktop.png, its first screenful OUTDIR/first-screen.png) and as
printed on A4
(OUTDIR/print.png with print media at the A4 text width, OUTDIR/print.pdf):
nothing may be fetched, nothing may stick out of the page, no picture may
be taller than a printed page (it could not break, it would be cut), and every
folded <details> must be open in print. --expect names parts that must be
there: glance (the verdict block), path (the path figure), reset (a
station marked as the reset's), timeline (the attempts' time line).
Exit 0 when every check passes; each problem is one line on stdout.
"""
import argparse
import base64
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
FETCHING = {"src", "href", "srcset", "action", "formaction", "poster",
            "data", "xlink:href", "background", "ping"}


class Checker(html.parser.HTMLParser):
    """Well-formedness and self-containedness, element by element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.count = {}
        self.classes = set()
        self.charset = False

    def starttag(self, tag, attrs, closed):
        if not any(t == "svg" for t, _ in self.stack):
            self.count[tag] = self.count.get(tag, 0) + 1
        if tag in ("script", "iframe", "object", "embed", "link", "img",
                   "base", "frame", "audio", "video"):
            self.problems.append("a <%s> element" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append("an event handler %s=" % k)
            if k in FETCHING and not (v or "").startswith("#"):
                self.problems.append("<%s %s=%r> fetches" % (tag, k, v))
            if k == "style" and "url(" in (v or ""):
                self.problems.append("a url() in a style attribute")
            if k == "class":
                self.classes.update((v or "").split())
            if tag == "meta" and k == "charset":
                self.charset = True
        if not closed and tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_starttag(self, tag, attrs):
        self.starttag(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self.starttag(tag, attrs, True)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.problems.append("</%s> closes nothing (line %d)" %
                                 (tag, self.getpos()[0]))
            return
        top, pos = self.stack.pop()
        if top != tag:
            self.problems.append("</%s> closes <%s> of line %d (line %d)" %
                                 (tag, top, pos[0], self.getpos()[0]))

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "style" and "url(" in data:
            self.problems.append("a url() in the style sheet")


def static_problems(text):
    c = Checker()
    c.feed(text)
    c.close()
    p = list(c.problems)
    if not text.lstrip().lower().startswith("<!doctype html>"):
        p.append("no <!DOCTYPE html>")
    for t in ("html", "head", "body", "title"):
        if c.count.get(t, 0) != 1:
            p.append("%d <%s> elements" % (c.count.get(t, 0), t))
    for tag, pos in c.stack:
        p.append("<%s> of line %d is never closed" % (tag, pos[0]))
    if not c.charset:
        p.append("no <meta charset>")
    return p, c


class Browser:
    """Chromium over --remote-debugging-pipe: one JSON message per NUL."""

    def __init__(self, exe, profile):
        import fcntl
        r_in, self.w = os.pipe()     # we write, Chromium reads fd 3
        self.r, w_out = os.pipe()    # Chromium writes fd 4, we read
        # Out of the way of 3 and 4, which the child gets them as.
        for name in ("r_in", "w_out"):
            fd = locals()[name]
            high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
            os.close(fd)
            if name == "r_in":
                r_in = high
            else:
                w_out = high
        self.buf = b""
        self.seq = 0
        self.events = []

        def fds():
            os.dup2(r_in, 3)
            os.dup2(w_out, 4)
        # As root, Chromium gets a network namespace of its own with no
        # way out: whatever it tried to fetch could not leave the machine.
        jail = (["unshare", "--net", "--"] if os.geteuid() == 0 and
                shutil.which("unshare") else [])
        self.proc = subprocess.Popen(
            jail + [exe, "--headless=new", "--remote-debugging-pipe",
             "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--hide-scrollbars",
             "--disable-component-update", "--disable-sync", "--no-pings",
             "--disable-domain-reliability",
             "--user-data-dir=" + profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=fds, close_fds=False)
        os.close(r_in)
        os.close(w_out)
        self.session = None

    def send(self, method, params=None, session=True, timeout=30):
        self.seq += 1
        msg = {"id": self.seq, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        want = self.seq
        deadline = time.monotonic() + timeout
        while True:
            m = self.read(deadline)
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def read(self, deadline):
        import select
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.r], [], [], left)
            if ready:
                chunk = os.read(self.r, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed its pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def wait_event(self, name, timeout=30):
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == name:
                return self.events.pop(i)
        while True:
            m = self.read(deadline)
            if m.get("method") == name:
                return m
            self.events.append(m)

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# What the page says about itself once laid out: overflow, open details.
PROBE = r"""
(() => {
  const w = document.documentElement.clientWidth;
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 1 || r.left < -1))
        out.push(e.tagName.toLowerCase() + '.' + (e.className.baseVal ??
        e.className) + ' spans ' + Math.round(r.left) + '..' +
        Math.round(r.right) + ' of ' + w);
  }
  // A picture taller than a printed page cannot break: it would be cut.
  const page = %PAGE%;
  for (const e of document.querySelectorAll('svg, pre, tr, .glance')) {
    const h = e.getBoundingClientRect().height;
    if (page > 0 && h > page)
      out.push(e.tagName.toLowerCase() + ' is ' + Math.round(h) +
        ' px tall, a page ' + page);
  }
  const hidden = [...document.querySelectorAll('details > :not(summary)')]
    .filter(e => !e.checkVisibility()).length;
  return JSON.stringify({overflow: out.slice(0, 5),
    scroll: document.documentElement.scrollWidth, width: w,
    hidden: hidden, height: document.documentElement.scrollHeight});
})()
"""


def shoot(b, path, width, media, first=None, page=0):
    b.send("Emulation.setEmulatedMedia", {"media": media})
    b.send("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1,
        "mobile": False})
    probe = json.loads(b.send("Runtime.evaluate", {
        "expression": PROBE.replace("%PAGE%", str(page)),
        "returnByValue": True})["result"]["value"])
    height = min(max(probe["height"], 100), 12000)
    shot = b.send("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height,
                 "scale": 1}}, timeout=60)
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    if first:
        # The first screenful: what a person sees before scrolling.
        shot = b.send("Page.captureScreenshot", {
            "format": "png", "clip": {"x": 0, "y": 0, "width": width,
                                      "height": 800, "scale": 1}})
        with open(first, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    return probe


def browser_problems(report, outdir, exe):
    problems = []
    profile = tempfile.mkdtemp(prefix="connreset-chromium.")
    b = Browser(exe, profile)
    try:
        targets = b.send("Target.createTarget", {"url": "about:blank"},
                         session=False)
        b.session = b.send("Target.attachToTarget", {
            "targetId": targets["targetId"], "flatten": True},
            session=False)["sessionId"]
        b.send("Page.enable")
        b.send("Network.enable")
        b.send("Page.navigate", {"url": "file://" +
                                 os.path.abspath(report)})
        b.wait_event("Page.loadEventFired")
        desk = shoot(b, os.path.join(outdir, "desktop.png"), 1280, "screen",
                     os.path.join(outdir, "first-screen.png"))
        # A4 less the report's 14 mm margins, at 96 px an inch.
        a4 = int((210 - 2 * 14) / 25.4 * 96)
        prn = shoot(b, os.path.join(outdir, "print.png"), a4, "print",
                    page=int((297 - 2 * 14) / 25.4 * 96))
        pdf = b.send("Page.printToPDF", {"preferCSSPageSize": True,
                                         "printBackground": True},
                     timeout=60)
        with open(os.path.join(outdir, "print.pdf"), "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
        for e in b.events:
            if e.get("method") == "Network.requestWillBeSent":
                url = e["params"]["request"]["url"]
                if not url.startswith(("file:", "data:", "about:")):
                    problems.append("the page fetched %s" % url)
        for name, p in (("desktop", desk), ("print", prn)):
            if p["scroll"] > p["width"] + 1:
                problems.append("%s: the page is %d px wide in %d" %
                                (name, p["scroll"], p["width"]))
            for o in p["overflow"]:
                problems.append("%s: %s" % (name, o))
        if prn["hidden"]:
            problems.append("print: %d folded parts stay closed" %
                            prn["hidden"])
        if desk["hidden"] == 0 and "<details" in open(report).read():
            problems.append("desktop: the evidence is not folded")
    finally:
        b.close()
        shutil.rmtree(profile, ignore_errors=True)
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("outdir")
    ap.add_argument("--expect", action="append", default=[],
                    choices=["glance", "path", "reset", "timeline"])
    ap.add_argument("--chromium", default=shutil.which("chromium") or
                    shutil.which("chromium-browser") or "chromium")
    a = ap.parse_args()
    text = open(a.report, encoding="utf-8").read()
    problems, c = static_problems(text)
    need = {"glance": "glance", "path": "path", "timeline": "timeline"}
    for e in a.expect:
        if e == "reset":
            if "RESET HERE" not in text:
                problems.append("no station is marked as the reset's")
        elif need[e] not in c.classes:
            problems.append("no %s in the report" % e)
    os.makedirs(a.outdir, exist_ok=True)
    problems += browser_problems(a.report, a.outdir, a.chromium)
    for p in problems:
        print("PROBLEM: %s" % p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

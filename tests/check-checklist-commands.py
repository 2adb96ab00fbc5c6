#!/usr/bin/env python3
"""Keep every command in data/checklist.json runnable as written.

A command is what a text puts between `backticks`. The rules:

- The site being tested is written as example.com, in one of the forms
  that cl_text_fill() (src/diag/checklist.c) replaces with the real
  target: https://example.com/ (the URL), example.com:443 (host and
  port) or example.com (the host). No other stand-in for a host: no
  <server address>, www.example.com, example.org, 1.2.3.4 and the like.
  Placeholders for things only the reader knows are allowed from a short
  list (<interface>, <connection>, <device>, <client address>, <backend
  address>).
- Every command that talks to the site names it (curl, openssl s_client,
  dig, nslookup, traceroute, tcpdump on the client side, ...).
- No command waits for input or a key: openssl s_client reads from
  /dev/null (NUL on Windows), openssl x509 and grep read a file or a pipe,
  journalctl and systemctl status are piped or run with --no-pager, top
  and mtr run in batch/report mode, nslookup gets a name, package managers
  get -y, a capture that runs until stopped says Ctrl+C.
- On Linux and macOS the command parses (sh -n), its program is a known
  one for that system, and sudo is there where the program needs root; on
  Windows there is no sudo and curl is spelled curl.exe (in PowerShell,
  curl may be another command).

Usage: check-checklist-commands.py [data/checklist.json]
Exit status 0 when every command passes, 1 with one line per problem.
The rules check themselves first on known bad examples, so a rule that
stopped catching anything fails the test too.
"""

import json
import os
import re
import shlex
import subprocess
import sys

TARGET = "example.com"
ALLOWED_PLACEHOLDERS = ("<interface>", "<connection>", "<device>",
                        "<client address>", "<backend address>")
FAKE_HOSTS = re.compile(
    r"www\.example\.com|example\.(?:org|net)\b|example\.com\.[a-z]|"
    r"your-?(?:domain|site|server|host)|\b(?:x\.x\.x\.x|1\.2\.3\.4)\b|"
    r"\b(?:domain|site|server)\.com\b|\b(?:myserver|yourserver)\b",
    re.IGNORECASE)
PLACEHOLDER = re.compile(r"<[A-Za-z][A-Za-z _-]*>")

# Programs a command may start with, per system.
UNIX_COMMON = {
    "curl", "openssl", "dig", "traceroute", "mtr", "tcpdump", "grep",
    "connreset", "nginx", "netstat", "df", "top", "head", "tail", "wc",
    "cat", "env", "date", "tshark",
}
LINUX_CMDS = UNIX_COMMON | {
    "resolvectl", "systemd-resolve", "nscd", "systemctl", "nmcli",
    "gsettings", "wg-quick", "ip", "ufw", "nft", "timedatectl", "apt",
    "dnf", "flatpak", "snap", "journalctl", "nstat", "free", "ss",
    "sysctl", "iptables", "ip6tables", "firewall-cmd", "fail2ban-client",
    "getent", "tracepath", "apachectl",
}
MACOS_CMDS = UNIX_COMMON | {
    "dscacheutil", "killall", "networksetup", "scutil", "sntp",
    "softwareupdate", "route", "vm_stat", "launchctl", "pfctl", "brew",
    "/usr/libexec/ApplicationFirewall/socketfilterfw",
}
WINDOWS_CMDS = {
    "ipconfig", "curl.exe", "netsh", "set-dnsclientserveraddress",
    "get-netadapter", "get-vpnconnection", "rasdial", "w32tm", "pktmon",
    "findstr", "select-string", "netstat", "openssl", "nslookup",
    "resolve-dnsname", "tracert", "pathping", "get-service", "connreset",
    "%windir%\\system32\\inetsrv\\appcmd",
}
# Programs whose whole point is to reach the site: they must name it.
TALKS_TO_TARGET = {"curl", "curl.exe", "dig", "nslookup", "traceroute",
                   "tracert", "tracepath", "pathping", "mtr", "getent",
                   "resolve-dnsname"}
NEVER = {"less", "more", "vi", "vim", "nano", "telnet", "ssh", "watch"}
# Programs that read standard input when given no file.
FILTERS = {"grep": 2, "head": 1, "tail": 1, "wc": 1}


def needs_root(os_name, prog, args):
    """Whether this program with these arguments needs root."""
    first = args[0] if args else ""
    logs = any(a.startswith("/var/log/") for a in args)
    if os_name == "linux":
        if prog in ("tcpdump", "iptables", "ip6tables", "nft", "ufw",
                    "firewall-cmd", "fail2ban-client", "wg-quick", "nscd",
                    "apachectl", "journalctl"):
            return True
        if prog == "nginx":
            return any(a in ("-t", "-T", "-s") for a in args)
        if prog == "resolvectl":
            return first in ("flush-caches", "dns", "domain", "revert",
                             "reset-statistics")
        if prog == "systemd-resolve":
            return "--flush-caches" in args
        if prog == "systemctl":
            return first in ("start", "stop", "restart", "reload",
                             "enable", "disable")
        if prog == "nmcli":
            return first in ("networking", "radio") or (
                first in ("connection", "con", "c") and len(args) > 1 and
                args[1] in ("modify", "up", "down", "add", "delete"))
        if prog in ("apt", "dnf"):
            return first in ("update", "upgrade", "install")
        if prog == "snap":
            return first in ("refresh", "install")
        if prog == "timedatectl":
            return first.startswith("set-")
        if prog == "traceroute":
            return "-T" in args or "-I" in args
        return prog in ("grep", "tail", "cat", "head") and logs
    if os_name == "macos":
        if prog in ("tcpdump", "mtr", "pfctl"):
            return True
        if prog == "networksetup":
            return first.startswith("-set") and first != "-setairportpower"
        if prog == "dscacheutil":
            return "-flushcache" in args
        if prog == "killall":
            return "mDNSResponder" in args
        if prog == "softwareupdate":
            return first.startswith("-i")
        if prog == "sntp":
            return any(a.startswith("-s") for a in args)
    return False


def segments(cmd):
    """Split a shell command into (tokens, piped_in, piped_out) parts."""
    # What $(...) runs is not checked; it stands for one word here.
    flat = re.sub(r"\$\([^()]*\)", "X", cmd)
    lex = shlex.shlex(flat, posix=True, punctuation_chars="|&;<>")
    lex.whitespace_split = True
    parts, cur, seps = [], [], []
    for tok in lex:
        if tok in ("|", "&&", "||", ";", "&"):
            parts.append(cur)
            seps.append(tok)
            cur = []
        else:
            cur.append(tok)
    parts.append(cur)
    out = []
    for i, toks in enumerate(parts):
        piped_in = i > 0 and seps[i - 1] == "|"
        piped_out = i < len(seps) and seps[i] == "|"
        out.append((toks, piped_in, piped_out))
    return out


def check_unix(os_name, section, cmd, text):
    """Problems of one Linux or macOS command."""
    probs = []
    bare = cmd
    for ph in ALLOWED_PLACEHOLDERS:
        bare = bare.replace(ph, "PLACEHOLDER")
    rc = subprocess.run(["sh", "-n", "-c", bare], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL, check=False).returncode
    if rc != 0:
        return ["does not parse as a shell command"]
    known = LINUX_CMDS if os_name == "linux" else MACOS_CMDS
    for toks, piped_in, piped_out in segments(bare):
        sudo = bool(toks) and toks[0] == "sudo"
        if sudo:
            toks = toks[1:]
        if not toks:
            continue
        prog, args = toks[0], toks[1:]
        if prog in NEVER:
            probs.append("%s waits for keys" % prog)
            continue
        if prog not in known:
            probs.append("%s is not a known %s command" % (prog, os_name))
            continue
        if needs_root(os_name, prog, args) and not sudo:
            probs.append("%s needs sudo here" % prog)
        probs += waits_for_input(prog, args, toks, piped_in, piped_out,
                                 text)
        if prog == "tcpdump" and section != "server" and \
                TARGET not in args:
            probs.append("tcpdump does not filter on the site")
    return probs


def waits_for_input(prog, args, toks, piped_in, piped_out, text):
    """Problems of a command that would sit waiting for input or a key."""
    probs = []
    sub = args[0] if args else ""
    if prog == "openssl" and sub == "s_client":
        if "<" not in toks or "/dev/null" not in toks:
            probs.append("openssl s_client waits for input: add </dev/null")
    if prog == "openssl" and sub == "x509" and not piped_in and \
            "-in" not in args:
        probs.append("openssl x509 waits for a certificate on its input")
    if prog in FILTERS and not piped_in:
        pos = [a for a in args if not a.startswith("-")]
        if len(pos) < FILTERS[prog]:
            probs.append("%s reads the keyboard: give it a file" % prog)
    if prog == "journalctl" or (prog == "systemctl" and "status" in args):
        if not piped_out and "--no-pager" not in args:
            probs.append("%s opens a pager: pipe it or add --no-pager"
                         % prog)
    if prog == "resolvectl" and "status" in args and \
            "--no-pager" not in args and not piped_out:
        probs.append("resolvectl status opens a pager: add --no-pager")
    if prog == "top" and not any(a in ("-b", "-l") for a in args):
        probs.append("top runs until q is pressed: use batch mode")
    if prog == "mtr" and not any(re.match(r"^-[a-zA-Z]*r", a) or
                                 a == "--report" for a in args):
        probs.append("mtr runs until q is pressed: use -r")
    if prog in ("apt", "dnf") and sub in ("upgrade", "install") and \
            "-y" not in args:
        probs.append("%s %s asks for confirmation: add -y" % (prog, sub))
    if prog == "flatpak" and sub == "update" and "-y" not in args:
        probs.append("flatpak update asks for confirmation: add -y")
    if prog == "nmcli" and "--ask" in args:
        probs.append("nmcli --ask waits for a password")
    if prog == "tcpdump" and "-c" not in args and "Ctrl+C" not in text:
        probs.append("tcpdump runs until stopped: say Ctrl+C")
    if prog in TALKS_TO_TARGET and TARGET not in " ".join(args):
        probs.append("%s does not name the site (%s)" % (prog, TARGET))
    if prog == "openssl" and sub == "s_client" and \
            TARGET + ":443" not in args:
        probs.append("openssl s_client does not connect to the site")
    return probs


def check_windows(cmd):
    """Problems of one Windows command (Command Prompt or PowerShell)."""
    probs = []
    words = cmd.split()
    prog = words[0].lower() if words else ""
    if prog == "sudo":
        probs.append("there is no sudo on Windows")
    elif prog == "curl":
        probs.append("write curl.exe: in PowerShell curl may be another "
                     "command")
    elif prog in NEVER:
        probs.append("%s waits for keys" % prog)
    elif prog not in WINDOWS_CMDS:
        probs.append("%s is not a known Windows command" % words[0])
    if prog in TALKS_TO_TARGET and TARGET not in cmd:
        probs.append("%s does not name the site (%s)" % (prog, TARGET))
    if prog == "nslookup" and len(words) < 2:
        probs.append("nslookup without a name waits for input")
    if prog == "openssl" and "s_client" in words and "<NUL" not in words:
        probs.append("openssl s_client waits for input: add <NUL")
    if cmd.count('"') % 2:
        probs.append("unbalanced quotes")
    return probs


def check_text(os_name, section, text):
    """Problems of one text, as (command or None, problem) pairs."""
    probs = []
    if text.count("`") % 2:
        return [(None, "unbalanced backticks")]
    for m in FAKE_HOSTS.finditer(text):
        probs.append((None, "stand-in host %r: write %s" %
                      (m.group(0), TARGET)))
    for m in PLACEHOLDER.finditer(text):
        if m.group(0) not in ALLOWED_PLACEHOLDERS:
            probs.append((None, "placeholder %s where a real value belongs "
                          "(the site is written %s)" % (m.group(0), TARGET)))
    for m in re.finditer(r"https?://example\.com[^\s`]*", text):
        if m.group(0) != "https://" + TARGET + "/":
            probs.append((None, "%s: the site's URL is written https://%s/ "
                          "exactly" % (m.group(0), TARGET)))
    for m in re.finditer(r"example\.com:([0-9]*)", text):
        if m.group(1) != "443":
            probs.append((None, "%s: host and port are written %s:443" %
                          (m.group(0), TARGET)))
    if os_name is None:
        return probs
    for cmd in re.findall(r"`([^`]*)`", text):
        if os_name == "windows":
            found = check_windows(cmd)
        elif os_name in ("linux", "macos"):
            found = check_unix(os_name, section, cmd, text)
        else:
            found = ["a phone has no command line"]
        probs += [(cmd, p) for p in found]
    return probs


def check_doc(doc):
    """Every problem of the checklist, one line each."""
    lines = []
    for st in doc["steps"]:
        fields = [("title", None, st["title"]), ("why", None, st["why"])]
        fields += [("how." + o, o, t) for o, t in st["how"].items()]
        fields += [("browsers." + b, None, t)
                   for b, t in st.get("browsers", {}).items()]
        fields += [("outcome " + o["result"], None, o["meaning"])
                   for o in st["outcomes"]]
        for field, os_name, text in fields:
            for cmd, prob in check_text(os_name, st["section"], text):
                where = "step %s %s" % (st["id"], field)
                lines.append("%s: `%s`: %s" % (where, cmd, prob) if cmd
                             else "%s: %s" % (where, prob))
    return lines


# Each rule, shown a command it must refuse: (os, section, text, problem).
SELF_TESTS = [
    ("linux", "client", "`openssl s_client -connect example.com:443`",
     "waits for input"),
    ("windows", "server", "`openssl s_client -connect example.com:443`",
     "add <NUL"),
    ("linux", "network", "`sudo tcpdump -ni any host <server address>`",
     "placeholder <server address>"),
    ("linux", "network", "`sudo tcpdump -ni any -w x.pcap host example.com`",
     "say Ctrl+C"),
    ("macos", "advanced", "`dig www.example.com`", "stand-in host"),
    ("linux", "advanced", "`traceroute 192.0.2.1`", "does not name the site"),
    ("linux", "client", "`resolvectl flush-caches`", "needs sudo"),
    ("linux", "server", "`iptables -S | grep -i reset`", "needs sudo"),
    ("macos", "advanced", "`mtr -rwc 20 example.com`", "needs sudo"),
    ("linux", "advanced", "`mtr example.com`", "use -r"),
    ("windows", "client", "`curl -v https://example.com/`", "curl.exe"),
    ("windows", "client", "`sudo ipconfig /flushdns`", "no sudo"),
    ("linux", "server", "`sudo journalctl -k`", "pager"),
    ("linux", "server", "`top`", "batch mode"),
    ("linux", "client", "`sudo apt upgrade`", "add -y"),
    ("linux", "client", "`nmcli --ask device wifi connect x`", "password"),
    ("linux", "server", "`grep -i reset`", "give it a file"),
    ("linux", "server", "`openssl x509 -noout -dates`", "waits for"),
    ("linux", "client", "`curl -v 'https://example.com/`", "parse"),
    ("linux", "client", "`curl -v https://example.com/a`", "URL is written"),
    ("linux", "client", "`curl -v http://example.com/`", "URL is written"),
    ("linux", "server", "`openssl s_client -connect example.com:8443 "
     "</dev/null`", "example.com:443"),
    ("linux", "client", "`frobnicate example.com`", "not a known"),
    ("macos", "client", "`less /etc/hosts`", "waits for keys"),
    ("windows", "advanced", "`nslookup`", "waits for input"),
    ("linux", "client", "open `curl -v https://example.com/", "backticks"),
]
GOOD = ("linux", "client", "`curl -v -o /dev/null https://example.com/`, "
        "`sudo resolvectl dns <interface> 1.1.1.1` and `openssl s_client "
        "-connect example.com:443 -servername example.com </dev/null "
        "2>/dev/null | openssl x509 -noout -issuer`")


def self_test():
    """The rules catch what they are meant to catch; returns problems."""
    lines = []
    for os_name, section, text, want in SELF_TESTS:
        got = [p for _, p in check_text(os_name, section, text)]
        if not any(want in p for p in got):
            lines.append("self-test: %s %s not refused with %r (got %r)" %
                         (os_name, text, want, got))
    got = check_text(*GOOD)
    if got:
        lines.append("self-test: a good text was refused: %r" % got)
    return lines


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        top, "data", "checklist.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    problems = self_test() + check_doc(doc)
    ncmd = sum(len(re.findall(r"`[^`]*`", t)) for st in doc["steps"]
               for t in st["how"].values())
    for line in problems:
        print("FAIL: " + line)
    if problems:
        print("FAIL: %d problem(s) in the commands of %s" %
              (len(problems), path))
        return 1
    print("PASS: %d commands in %d steps are runnable as written" %
          (ncmd, len(doc["steps"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Origin behaviours for the network lab: one process, several listeners.

  servers.py --certdir DIR [--ready FILE] KIND@ADDR:PORT...

KIND is one of
  http              answers every request with 200 and a short body
  https[:CERT]      the same over TLS; CERT names DIR/CERT.pem and
                    DIR/CERT.key (default "leaf")
  abort             reads the request, then resets the connection
                    (SO_LINGER {1, 0} and close) without answering
  midabort          sends the status line, headers and part of the body,
                    then resets the same way
  tlsreset          a TLS port (leaf certificate) that resets any
                    connection whose first bytes are not a TLS handshake
                    and any connection whose handshake fails
  legacy            TLS 1.0/1.1 only (leaf certificate), then like http
  hostile           a hostile origin: a Server header and another header
                    full of terminal escapes (OSC title, clear screen, C1
                    CSI, U+202E), invalid UTF-8, a 64 KiB header line,
                    part of the body, then a reset
  hostiletls[:CERT] the same over TLS with DIR/CERT.pem (default "leaf"),
                    for a certificate whose names are hostile
  flaky             reads the request, then resets the connection in about
                    half of the cases (at random) and answers 200 in the
                    others, with an X-Served-By header naming a backend
  flakytls          the same over TLS (leaf certificate)
  latereset         reads the request, waits LATE_RESET seconds (3), then
                    resets: a time-out somewhere in front of the server
  h2reset           TLS (leaf certificate) offering ALPN h2 and http/1.1:
                    a connection that negotiates h2 is reset once its
                    first bytes came, one on http/1.1 is answered as by
                    http (a broken HTTP/2 stack)
  redirect          answers every request with 302 and the Location that
                    REDIRECTS gives for its Host and path (a path not
                    listed is answered with 200)
  large             answers with 200 and a LARGE_BODY-byte body (64 KiB),
                    so that the answer fills full-size packets
ADDR is an IPv4 address or an IPv6 address in brackets. When every
listener is bound, FILE is created. Connections are logged to stderr.
"""

import email.utils
import os
import random
import socket
import ssl
import struct
import sys
import threading
import time

BODY = b"connreset lab: this origin works.\n"
READ_LIMIT = 65536
BODY_LIMIT = 1024 * 1024
IO_TIMEOUT = 10
LATE_RESET = 3.0


def log(fmt, *args):
    sys.stderr.write("%.3f %s\n" % (time.time(), fmt % args))
    sys.stderr.flush()


def reset(conn):
    """Closes with SO_LINGER {1, 0}: the kernel sends a RST, not a FIN."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                        struct.pack("ii", 1, 0))
    except OSError:
        pass
    conn.close()


def read_request(conn):
    """Reads the request headers and a body of Content-Length bytes (at
    most BODY_LIMIT): an unread body would turn the close into a RST."""
    data = b""
    while b"\r\n\r\n" not in data and len(data) < READ_LIMIT:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    want = len(data.split(b"\r\n\r\n", 1)[0]) + 4 + \
        min(request_body_length(data), BODY_LIMIT)
    while b"\r\n\r\n" in data and len(data) < want:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def request_body_length(data):
    """The request's Content-Length, 0 when it has none."""
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        if line.lower().startswith(b"content-length:"):
            try:
                return max(0, int(line[15:].strip()))
            except ValueError:
                return 0
    return 0


def request_host(data):
    for line in data.split(b"\r\n")[1:]:
        if line.lower().startswith(b"host:"):
            return line[5:].strip().decode("ascii", "replace")
    return "-"


def respond_ok(conn, data, extra=b""):
    first = data.split(b"\r\n", 1)[0]
    head = first.split(b" ")[0] if first else b""
    if head == b"HEAD":
        body = b""
    else:
        body = BODY
    conn.sendall(b"HTTP/1.1 200 OK\r\n"
                 b"Content-Type: text/plain\r\n"
                 b"Content-Length: " + str(len(BODY)).encode() + b"\r\n"
                 + http_date() + extra +
                 b"Connection: close\r\n\r\n" + body)
    conn.close()


# What the hostile origin puts in its headers: an OSC window title, clear
# screen, a C1 CSI (U+009B), a right-to-left override (U+202E), markup
# and invalid UTF-8 (a lone continuation byte, an overlong slash, 0xff).
HOSTILE_BYTES = (b"\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m\xe2\x80\xae"
                 b"<script>alert(1)</script>](javascript:alert(1))`id`"
                 b"\x80\xc0\xaf\xff")


def respond_hostile(conn):
    """Hostile headers, part of the body, then a reset."""
    conn.sendall(b"HTTP/1.1 200 OK\r\n"
                 b"Server: evil/1.0 " + HOSTILE_BYTES + b"\r\n"
                 b"X-Hostile: " + HOSTILE_BYTES + b"\r\n"
                 b"X-Long: " + b"L" * 65536 + b"\r\n"
                 b"Content-Type: text/plain\r\n"
                 b"Content-Length: 100000\r\n"
                 b"Connection: close\r\n\r\n" + HOSTILE_BYTES * 20)
    time.sleep(0.3)
    reset(conn)


def serve_http(conn, kind, peer):
    data = read_request(conn)
    log("%s %s: request %r host %s body %d", kind, peer,
        data.split(b"\r\n", 1)[0][:80], request_host(data),
        len(data.split(b"\r\n\r\n", 1)[1]) if b"\r\n\r\n" in data else 0)
    if not data:
        conn.close()
        return
    if kind == "abort":
        reset(conn)
        log("%s %s: reset after the request", kind, peer)
        return
    if kind == "midabort":
        conn.sendall(b"HTTP/1.1 200 OK\r\n"
                     b"Content-Type: text/plain\r\n"
                     b"Content-Length: 100000\r\n"
                     b"Connection: close\r\n\r\n" + b"x" * 1000)
        time.sleep(0.3)
        reset(conn)
        log("%s %s: reset in the middle of the body", kind, peer)
        return
    if kind in ("flaky", "flakytls"):
        backend = random.choice((b"lab-backend-1", b"lab-backend-2"))
        if random.random() < 0.5:
            reset(conn)
            log("%s %s: reset (at random)", kind, peer)
            return
        respond_ok(conn, data, b"X-Served-By: " + backend + b"\r\n")
        log("%s %s: answered (at random)", kind, peer)
        return
    if kind == "latereset":
        time.sleep(LATE_RESET)
        reset(conn)
        log("%s %s: reset %.1f s after the request", kind, peer, LATE_RESET)
        return
    if kind == "large":
        respond_large(conn)
        log("%s %s: answered with %d bytes", kind, peer, LARGE_BODY)
        return
    if kind in ("hostile", "hostiletls"):
        respond_hostile(conn)
        log("%s %s: hostile headers, then a reset mid-body", kind, peer)
        return
    if kind == "redirect" and respond_redirect(conn, data, peer):
        return
    respond_ok(conn, data)


def looks_like_tls(conn):
    """Peeks at the first byte: 0x16 starts a TLS handshake record."""
    conn.settimeout(IO_TIMEOUT)
    first = conn.recv(1, socket.MSG_PEEK)
    return first == b"\x16"


def serve_tls(conn, kind, ctx, peer):
    if kind == "tlsreset" and not looks_like_tls(conn):
        log("%s %s: not a TLS handshake, resetting", kind, peer)
        reset(conn)
        return
    try:
        tls = ctx.wrap_socket(conn, server_side=True)
    except (ssl.SSLError, OSError) as e:
        log("%s %s: handshake failed: %s", kind, peer, e)
        if kind == "tlsreset":
            reset(conn)
        else:
            conn.close()
        return
    log("%s %s: %s %s", kind, peer, tls.version(), tls.cipher()[0])
    if kind == "h2reset" and h2_reset(tls, peer):
        return
    serve_http(tls, kind, peer)


def tls_context(certdir, kind):
    name = "leaf"
    if ":" in kind:
        name = kind.split(":", 1)[1]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if kind == "legacy":
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    if kind == "h2reset":
        ctx.set_alpn_protocols(["h2", "http/1.1"])
    ctx.load_cert_chain(os.path.join(certdir, name + ".pem"),
                        os.path.join(certdir, name + ".key"))
    return ctx


def handle(conn, addr, kind, ctx):
    peer = "%s:%d" % (addr[0], addr[1])
    conn.settimeout(IO_TIMEOUT)
    try:
        if ctx is not None:
            serve_tls(conn, kind, ctx, peer)
        else:
            serve_http(conn, kind, peer)
    except OSError as e:
        log("%s %s: %s", kind, peer, e)
        conn.close()


def accept_loop(sock, kind, ctx):
    while True:
        conn, addr = sock.accept()
        threading.Thread(target=handle, args=(conn, addr, kind, ctx),
                         daemon=True).start()


def parse_spec(spec):
    kind, _, where = spec.partition("@")
    host, _, port = where.rpartition(":")
    if host.startswith("["):
        return kind, host[1:-1], int(port), socket.AF_INET6
    return kind, host, int(port), socket.AF_INET


def listener(spec, certdir):
    kind, host, port, family = parse_spec(spec)
    base = kind.split(":", 1)[0]
    if base not in ("http", "https", "abort", "midabort", "tlsreset",
                    "legacy", "hostile", "hostiletls", "flaky", "flakytls",
                    "latereset", "h2reset", "redirect", "large"):
        raise ValueError("unknown kind %s" % kind)
    ctx = None
    if base in ("https", "tlsreset", "legacy", "hostiletls", "flakytls",
                "h2reset"):
        ctx = tls_context(certdir, kind)
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    return sock, base, ctx


def main(argv):
    certdir, ready, specs = ".", None, []
    i = 1
    while i < len(argv):
        if argv[i] == "--certdir":
            certdir = argv[i + 1]
            i += 2
        elif argv[i] == "--ready":
            ready = argv[i + 1]
            i += 2
        else:
            specs.append(argv[i])
            i += 1
    if not specs:
        sys.stderr.write(__doc__)
        return 2
    threads = []
    for spec in specs:
        sock, kind, ctx = listener(spec, certdir)
        log("listening: %s", spec)
        threads.append(threading.Thread(target=accept_loop,
                                        args=(sock, kind, ctx), daemon=True))
    for t in threads:
        t.start()
    if ready:
        with open(ready, "w", encoding="ascii") as f:
            f.write("%d\n" % os.getpid())
    for t in threads:
        t.join()
    return 0


def http_date():
    """The Date header an origin server sends (RFC 9110, IMF-fixdate)."""
    return b"Date: " + email.utils.formatdate(usegmt=True).encode() + b"\r\n"


def h2_reset(tls, peer):
    """On h2, reads the client's first bytes and resets: True when done."""
    if tls.selected_alpn_protocol() != "h2":
        return False
    tls.recv(4096)
    reset(tls)
    log("h2reset %s: h2 negotiated, reset after the preface", peer)
    return True


# Where the redirect origin sends each Host and path.
REDIRECTS = {
    ("redirect.example", "/"): "https://blocked-sni.example/login",
    ("goodredirect.example", "/"): "/next",
    ("goodredirect.example", "/next"): "https://ok.example/",
}


def respond_redirect(conn, data, peer):
    """Answers 302 with the Location REDIRECTS names; False if none."""
    first = data.split(b"\r\n", 1)[0].split(b" ")
    path = first[1].decode("ascii", "replace") if len(first) > 1 else "/"
    where = REDIRECTS.get((request_host(data).split(":")[0], path))
    if where is None:
        return False
    conn.sendall(b"HTTP/1.1 302 Found\r\n"
                 b"Location: " + where.encode("ascii") + b"\r\n"
                 b"Content-Length: 0\r\n"
                 b"Connection: close\r\n\r\n")
    conn.close()
    log("redirect %s: %s to %s", peer, path, where)
    return True
LARGE_BODY = 65536


def respond_large(conn):
    """A 200 whose body fills many full-size packets."""
    conn.sendall(b"HTTP/1.1 200 OK\r\n"
                 b"Content-Type: text/plain\r\n"
                 b"Content-Length: " + str(LARGE_BODY).encode() + b"\r\n"
                 b"Connection: close\r\n\r\n" + b"x" * LARGE_BODY)
    conn.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""Turns tests/lab/topology into the commands that build the lab.

  topo.py up TOPOLOGY PREFIX LABDIR   print a bash script that builds it
  topo.py nodes TOPOLOGY              print the node names, one a line
  topo.py names TOPOLOGY              print the DNS names, one a line
  topo.py check TOPOLOGY              parse and report problems only

Routes are computed from the links (shortest path), one per destination
network, so adding a node or a link needs no hand-written routes. Nothing
gets a default route: only lab prefixes are reachable.
"""

import collections
import ipaddress
import shlex
import sys

SAFE_NETS = [ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
    "198.18.0.0/15", "2001:db8::/32")]


class TopologyError(Exception):
    pass


def check_safe(net, where):
    """Refuses any address outside the documentation/benchmark ranges."""
    if not any(net.version == s.version and net.subnet_of(s)
               for s in SAFE_NETS):
        raise TopologyError("%s: %s is outside the lab ranges" %
                            (where, net))


class Topology:
    def __init__(self):
        self.nodes = collections.OrderedDict()   # name -> is_router
        self.links = []         # (a, b, [(net, addr_a, addr_b)...])
        self.addrs = []         # (node, interface)
        self.sysctls = []       # (node, "key=value")
        self.resolvers = []     # (node, listen address)
        self.records = collections.OrderedDict()  # (node, name) -> [addr]
        self.resolvconf = []    # (node, [addr...])
        self.serves = collections.OrderedDict()   # node -> [spec...]
        self.rules = []         # (node, argv)

    def need_node(self, name, where):
        if name not in self.nodes:
            raise TopologyError("%s: unknown node %s" % (where, name))

    def parse(self, path):
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                where = "%s:%d" % (path, lineno)
                words = shlex.split(line, comments=True)
                if words:
                    self.statement(words, where)

    def statement(self, w, where):
        kw, args = w[0], w[1:]
        handler = getattr(self, "st_" + kw, None)
        if handler is None:
            raise TopologyError("%s: unknown statement %s" % (where, kw))
        try:
            handler(args, where)
        except (ValueError, IndexError) as e:
            raise TopologyError("%s: %s" % (where, e))

    def st_node(self, a, where):
        if len(a[0]) > 12 or not a[0].replace("-", "").isalnum():
            raise TopologyError("%s: bad node name %s" % (where, a[0]))
        if a[0] in self.nodes:
            raise TopologyError("%s: duplicate node %s" % (where, a[0]))
        self.nodes[a[0]] = len(a) > 1 and a[1] == "router"

    def st_link(self, a, where):
        self.need_node(a[0], where)
        self.need_node(a[1], where)
        nets = []
        for text in a[2:]:
            net = ipaddress.ip_network(text)
            check_safe(net, where)
            hosts = net.hosts()
            first, second = next(hosts), next(hosts)
            nets.append((net, first, second))
        if not nets:
            raise TopologyError("%s: link without a network" % where)
        self.links.append((a[0], a[1], nets))

    def st_addr(self, a, where):
        self.need_node(a[0], where)
        iface = ipaddress.ip_interface(a[1])
        check_safe(iface.network, where)
        self.addrs.append((a[0], iface))

    def st_sysctl(self, a, where):
        self.need_node(a[0], where)
        if "=" not in a[1]:
            raise TopologyError("%s: sysctl needs KEY=VALUE" % where)
        self.sysctls.append((a[0], a[1]))

    def st_resolver(self, a, where):
        self.need_node(a[0], where)
        addr = ipaddress.ip_address(a[1])
        check_safe(ipaddress.ip_network(addr), where)
        self.resolvers.append((a[0], addr))

    def st_dns(self, a, where):
        self.need_node(a[0], where)
        if not a[1].endswith(".example"):
            raise TopologyError("%s: lab names end in .example" % where)
        for text in a[2:]:
            check_safe(ipaddress.ip_network(ipaddress.ip_address(text)),
                       where)
        self.records.setdefault((a[0], a[1]), []).extend(a[2:])

    def st_resolvconf(self, a, where):
        self.need_node(a[0], where)
        for text in a[1:]:
            check_safe(ipaddress.ip_network(ipaddress.ip_address(text)),
                       where)
        self.resolvconf.append((a[0], a[1:]))

    def st_serve(self, a, where):
        self.need_node(a[0], where)
        addr = ipaddress.ip_address(a[2])
        check_safe(ipaddress.ip_network(addr), where)
        port = int(a[3])
        host = "[%s]" % addr if addr.version == 6 else str(addr)
        self.serves.setdefault(a[0], []).append(
            "%s@%s:%d" % (a[1], host, port))

    def st_rule(self, a, where):
        self.need_node(a[0], where)
        if len(a) < 2:
            raise TopologyError("%s: rule without a command" % where)
        self.rules.append((a[0], a[1:]))

    # Routing -----------------------------------------------------------

    def neighbours(self):
        """node -> [(peer, {version: peer address on the shared link})]."""
        nb = collections.defaultdict(list)
        for a, b, nets in self.links:
            nb[a].append((b, {n.version: sb for n, sa, sb in nets}))
            nb[b].append((a, {n.version: sa for n, sa, sb in nets}))
        return nb

    def first_hops(self, src):
        """For every node reachable from src: the first hop on the way."""
        nb = self.neighbours()
        hop = {src: None}
        queue = collections.deque([src])
        while queue:
            cur = queue.popleft()
            for peer, _ in nb[cur]:
                if peer not in hop:
                    hop[peer] = peer if cur == src else hop[cur]
                    queue.append(peer)
        return hop

    def destinations(self):
        """(network, [owner nodes]) for every routed network."""
        dests = []
        for a, b, nets in self.links:
            for net, _, _ in nets:
                dests.append((net, [a, b]))
        for node, iface in self.addrs:
            dests.append((iface.network, [node]))
        return dests

    def routes(self, node):
        """(network, via address) pairs for node, shortest path."""
        hop = self.first_hops(node)
        nbaddr = dict(self.neighbours()[node])
        out = []
        for net, owners in self.destinations():
            if node in owners:
                continue
            reach = [o for o in owners if o in hop]
            if not reach:
                continue
            first = hop[reach[0]]
            via = nbaddr[first].get(net.version)
            if via is not None:
                out.append((net, via))
        return out


def q(*words):
    return " ".join(shlex.quote(str(w)) for w in words)


def up_script(t, prefix, lab):
    here = sys.path[0]
    ns = {n: "%s-%s" % (prefix, n) for n in t.nodes}
    out = ["#!/bin/bash", "# Generated by topo.py; builds one lab run.",
           "set -eu"]
    for n in t.nodes:
        out.append(q("ip", "netns", "add", ns[n]))
        out.append(q("ip", "-n", ns[n], "link", "set", "lo", "up"))
        # No ICMP rate limit: parallel scenarios trace from one client
        # address, and a limited router would look silent to some of them.
        for key in ("net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0",
                    "net.ipv6.conf.default.accept_dad=0",
                    "net.ipv6.conf.all.accept_dad=0",
                    "net.ipv6.conf.default.accept_ra=0",
                    "net.ipv6.conf.all.accept_ra=0"):
            out.append(q("ip", "netns", "exec", ns[n], "sysctl", "-q",
                         "-w", key))
        if t.nodes[n]:
            for key in ("net.ipv4.ip_forward=1",
                        "net.ipv6.conf.all.forwarding=1"):
                out.append(q("ip", "netns", "exec", ns[n], "sysctl", "-q",
                             "-w", key))
    for node, kv in t.sysctls:
        out.append(q("ip", "netns", "exec", ns[node], "sysctl", "-q",
                     "-w", kv))
    for a, b, nets in t.links:
        ia, ib = "to-" + b, "to-" + a
        out.append(q("ip", "link", "add", ia, "netns", ns[a], "type",
                     "veth", "peer", "name", ib, "netns", ns[b]))
        for net, sa, sb in nets:
            for node, dev, addr in ((a, ia, sa), (b, ib, sb)):
                extra = ["nodad"] if net.version == 6 else []
                out.append(q("ip", "-n", ns[node], "addr", "add",
                             "%s/%d" % (addr, net.prefixlen), "dev", dev,
                             *extra))
        out.append(q("ip", "-n", ns[a], "link", "set", ia, "up"))
        out.append(q("ip", "-n", ns[b], "link", "set", ib, "up"))
    for node, iface in t.addrs:
        extra = ["nodad"] if iface.version == 6 else []
        out.append(q("ip", "-n", ns[node], "addr", "add", str(iface),
                     "dev", "lo", *extra))
    for n in t.nodes:
        for net, via in t.routes(n):
            fam = "-6" if net.version == 6 else "-4"
            out.append(q("ip", "-n", ns[n], fam, "route", "add", str(net),
                         "via", str(via)))
    for node, addrs in t.resolvconf:
        d = "/etc/netns/" + ns[node]
        out.append(q("mkdir", "-p", d))
        text = "".join("nameserver %s\n" % a for a in addrs)
        out.append("printf %%s %s > %s" % (q(text), q(d + "/resolv.conf")))
    for node, argv in t.rules:
        out.append(q("ip", "netns", "exec", ns[node], *argv))
    for node, listen in t.resolvers:
        argv = ["dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--no-poll",
                "--bind-interfaces", "--listen-address=%s" % listen,
                "--port=53", "--local=/example/", "--user=root",
                "--pid-file=%s/dnsmasq-%s.pid" % (lab, node),
                "--log-queries", "--log-facility=-"]
        for (rnode, name), addrs in t.records.items():
            if rnode == node:
                # One record per address: dnsmasq keeps only one IPv4
                # and one IPv6 address per --host-record.
                for addr in addrs:
                    argv.append("--host-record=%s,%s" % (name, addr))
        out.append("%s >%s 2>&1 &" % (
            q("ip", "netns", "exec", ns[node], *argv),
            q("%s/dnsmasq-%s.log" % (lab, node))))
        out.append("echo $! >>%s" % q(lab + "/pids"))
    for node, specs in t.serves.items():
        argv = ["ip", "netns", "exec", ns[node], "/usr/bin/python3",
                here + "/servers.py", "--certdir", lab,
                "--ready", "%s/ready-%s" % (lab, node)] + specs
        out.append("%s >%s 2>&1 &" % (
            q(*argv), q("%s/servers-%s.log" % (lab, node))))
        out.append("echo $! >>%s" % q(lab + "/pids"))
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    t = Topology()
    try:
        t.parse(argv[2])
    except (OSError, TopologyError) as e:
        sys.stderr.write("topo.py: %s\n" % e)
        return 1
    cmd = argv[1]
    if cmd == "up" and len(argv) == 5:
        sys.stdout.write(up_script(t, argv[3], argv[4]))
    elif cmd == "nodes":
        sys.stdout.write("".join(n + "\n" for n in t.nodes))
    elif cmd == "names":
        names = collections.OrderedDict((n, 1) for _, n in t.records)
        sys.stdout.write("".join(n + "\n" for n in names))
    elif cmd == "servers":
        sys.stdout.write("".join(n + "\n" for n in t.serves))
    elif cmd == "check":
        pass
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""The moving parts of bench/soak.sh, one subcommand each, every one loopback only.

  config OUT K          the daemon's config (reads SOAK_* from the environment), reload service K
  reloader OUT EVERY    rewrites OUT every EVERY s, adding one reload-K service and removing one
  health PORT PERIOD    HTTP health targets: /ok/A 200, /down/A 503, /flap/A 200 or 503 by turns
  queries OUT           dnsperf's query file: zone names and forwarded names
  junk HOST PORT PPS FLOOD_EVERY FLOOD_COUNT
                        malformed datagrams from 127.0.1.1, and bursts of valid queries from
                        127.0.2.1 over the per-source rate limit
  slowloris HOST PORT CONNS STATS
                        TCP clients from 127.0.0.3 that send a partial length prefix or one byte
                        at a time and hold the connection
  writer ADMIN JOURNAL EVERY
                        API writes (PUT, drain, DELETE); each 2xx appended to JOURNAL
  verify ADMIN JOURNAL  whether every journaled write is still in effect; prints "KEPT TOTAL"
Every loop runs until SIGTERM.
"""
import json
import os
import random
import signal
import socket
import struct
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ZONE = "svc.cluster.local"
STABLE = ["10.9.0.1", "10.9.0.2", "10.9.0.3", "10.9.0.4"]  # the last one's target is /down
STOP = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: STOP.set())


def env(name):
    return os.environ[name]


# --- config --------------------------------------------------------------------------------------

def config_text(k):
    e = os.environ
    hp = e["SOAK_HEALTH_PORT"]
    probe = ("{type: http, target: \"http://127.0.0.1:%s/%s/{}\", interval: 1s, timeout: 500ms, "
             "rise: 1, fall: 1}")
    out = [
        "# written by bench/soak.sh",
        "dns:",
        "  listen: [\"127.0.0.1:%s\"]" % e["SOAK_PORT"],
        "  zone: " + ZONE,
        "  ttl: 5",
        "  reverse: true",
        "  forward:",
        "    upstreams: [\"%s\"]" % e["SOAK_UPSTREAM"],
        "    allow_from: [\"127.0.0.0/8\"]",
        "    cache: {max_entries: 10000, max_ttl: 1h, negative_ttl: 5s}",
        "    timeout: 1s",
        "  rate_limit: {per_source_rps: %s, per_source_burst: %s, slip: 2}"
        % (e["SOAK_RRL_RPS"], e["SOAK_RRL_BURST"]),
        "  limits: {tcp_connections: 1000, tcp_per_source: 32, tcp_idle: 5s, forward_in_flight: 1000}",
        "admin:",
        "  listen: \"127.0.0.1:%s\"" % e["SOAK_ADMIN_PORT"],
        "data_dir: \"%s\"" % e["SOAK_DATA_DIR"],
        "query_log: {mode: \"off\"}",
        "services:",
        "  - name: stable",
        "    endpoints:",
    ]
    out += ["      - {address: %s}" % a for a in STABLE]
    # Its last endpoint's probe fails: the health server answers 503 for that address. A generous
    # timeout and fall 3: one probe slowed by the load must not change the answer checked at the end.
    out.append("    health: {type: http, target: \"http://127.0.0.1:%s/ok/{}\", interval: 1s, "
               "timeout: 900ms, rise: 1, fall: 3}" % hp)
    flapping = int(e["SOAK_FLAPPING"])
    for i in range(int(e["SOAK_SERVICES"])):
        out.append("  - name: svc-%d" % i)
        out.append("    ports: [{name: http, protocol: tcp, port: 8080}]")
        out.append("    endpoints:")
        for j in range(1, 4):
            out.append("      - {address: 10.%d.%d.%d}" % (20 + i // 250, i % 250, j))
        if i < flapping:
            out.append("    health: " + probe % (hp, "flap"))
    for r in (k - 1, k):
        if r >= 0:
            out.append("  - name: reload-%d" % r)
            out.append("    endpoints: [{address: 10.250.%d.%d}]" % (r // 250 % 250, r % 250 + 1))
    return "\n".join(out) + "\n"


def write_config(path, k):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(config_text(k))
    os.replace(tmp, path)  # the daemon never reads a half-written file


def reloader(path, every):
    k = 1
    while not STOP.wait(every):
        k += 1
        write_config(path, k)
    print(k - 1, file=sys.stderr)


# --- health targets ------------------------------------------------------------------------------

class Health(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Wayfinder's probe client expects
    period = 4.0

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        kind, addr = (parts + ["", ""])[:2]
        if addr == STABLE[-1]:
            kind = "down"
        if kind == "flap":
            phase = sum(addr.encode()) % 7
            up = int(time.time() / self.period + phase) % 2 == 0
        else:
            up = kind == "ok"
        body = b"ok" if up else b"down"
        self.send_response(200 if up else 503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a probe the daemon gave up on closes its connection mid-answer


def health(port, period):
    Health.period = period
    server = QuietServer(("127.0.0.1", port), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    STOP.wait()
    server.shutdown()


# --- queries -------------------------------------------------------------------------------------

def queries(out, services, fwd_names):
    lines = []
    for i in range(services):
        lines.append("svc-%d.%s A" % (i, ZONE))
        if i % 5 == 0:
            lines.append("_http._tcp.svc-%d.%s SRV" % (i, ZONE))
            lines.append("svc-%d-2.%s A" % (i, ZONE))
            lines.append("nothing-%d.%s A" % (i, ZONE))
    lines += ["stable.%s A" % ZONE] * 50
    lines += ["n%d.fwd.test A" % n for n in range(fwd_names)]
    random.Random(1).shuffle(lines)
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


# --- malformed datagrams and floods --------------------------------------------------------------

def encode_name(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".") if p) + b"\0"


def query(qid, name, qtype=1, flags=0x0100):
    return struct.pack(">HHHHHH", qid, flags, 1, 0, 0, 0) + encode_name(name) + struct.pack(">HH", qtype, 1)


def malformed(rng):
    kind = rng.randrange(6)
    qid = rng.randrange(65536)
    if kind == 0:  # random bytes
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 600)))
    if kind == 1:  # a header cut short
        return query(qid, "svc-1." + ZONE)[: rng.randrange(0, 12)]
    if kind == 2:  # a name that points at itself
        return struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + b"\xc0\x0c" + b"\x00\x01\x00\x01"
    if kind == 3:  # a pointer past the end, or a label longer than the packet
        tail = b"\xc0\xff" if rng.random() < 0.5 else b"\x3f" + b"a" * 5
        return struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + tail
    if kind == 4:  # a response (QR set) instead of a query: gets no reply
        return query(qid, "svc-2." + ZONE, flags=0x8180)
    # counts that promise more than is there
    return struct.pack(">HHHHHH", qid, 0x0100, 3, 7, 9, 11) + encode_name("svc-3." + ZONE)


def junk(host, port, pps, flood_every, flood_count):
    rng = random.Random(7)
    bad = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    bad.bind(("127.0.1.1", 0))
    bad.setblocking(False)
    flood = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    flood.bind(("127.0.2.1", 0))
    flood.setblocking(False)
    sent = flooded = 0
    next_flood = time.monotonic() + flood_every
    batch = max(1, pps // 20)
    while not STOP.wait(0.05):
        for _ in range(batch):
            try:
                bad.sendto(malformed(rng), (host, port))
                sent += 1
            except OSError:
                pass
        drain(bad)
        if flood_every > 0 and time.monotonic() >= next_flood:
            next_flood += flood_every
            wire = query(4242, "stable." + ZONE)
            for _ in range(flood_count):
                try:
                    flood.sendto(wire, (host, port))
                    flooded += 1
                except OSError:
                    pass
            drain(flood)
    print("malformed_sent=%d flood_sent=%d" % (sent, flooded), file=sys.stderr)


def drain(sock):
    try:
        while True:
            sock.recv(4096)
    except OSError:
        pass


# --- slow TCP clients ----------------------------------------------------------------------------

def slowloris(host, port, conns, stats_path):
    stats = {"opened": 0, "closed_by_server": 0, "refused_or_reset": 0}
    lock = threading.Lock()

    def one(n):
        while not STOP.is_set():
            s = socket.socket()
            try:
                s.bind(("127.0.0.3", 0))
                s.settimeout(3)
                s.connect((host, port))
                with lock:
                    stats["opened"] += 1
                if n % 2 == 0:
                    s.sendall(b"\x00")  # half a length prefix, then silence
                    payload = b""
                else:
                    payload = struct.pack(">H", 64) + b"\x00" * 64  # one byte at a time
                for b in payload:
                    if STOP.wait(1.0):
                        break
                    s.sendall(bytes([b]))
                s.settimeout(None if STOP.is_set() else 30)
                if not STOP.is_set() and s.recv(1) == b"":
                    with lock:
                        stats["closed_by_server"] += 1
            except OSError:
                with lock:
                    stats["refused_or_reset"] += 1
            finally:
                s.close()
            STOP.wait(0.5)

    threads = [threading.Thread(target=one, args=(n,), daemon=True) for n in range(conns)]
    for t in threads:
        t.start()
    STOP.wait()
    with open(stats_path, "w") as f:
        json.dump(stats, f)


# --- API writes ----------------------------------------------------------------------------------

def call(admin, method, path, body=None):
    req = urllib.request.Request("http://%s%s" % (admin, path), method=method,
                                 data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


def writer(admin, journal, every):
    made = failed = 0
    with open(journal, "a") as out:
        i = 0
        while not STOP.wait(every):
            name = "api-%d" % i
            a = "10.200.%d.%d" % (i // 250 % 250, i % 250 + 1)
            b = "10.201.%d.%d" % (i // 250 % 250, i % 250 + 1)
            writes = [("PUT", "/api/v1/services/" + name, {"endpoints": [{"address": a}, {"address": b}]},
                       {"op": "put", "service": name}),
                      ("POST", "/api/v1/services/%s/endpoints/%s/drain" % (name, a), None,
                       {"op": "drain", "service": name, "address": a})]
            old = i - 40
            if old >= 0 and old % 10 != 0:  # every tenth one stays for good
                writes.append(("DELETE", "/api/v1/services/api-%d" % old, None,
                               {"op": "delete", "service": "api-%d" % old}))
            for method, path, body, record in writes:
                status, _ = call(admin, method, path, body)
                if 200 <= status < 300:
                    made += 1
                    out.write(json.dumps(record) + "\n")
                    out.flush()
                else:
                    failed += 1
            i += 1
    print("api_writes_2xx=%d api_writes_other=%d" % (made, failed), file=sys.stderr)


def verify(admin, journal):
    """Each service's last write decides what must be there; every write to it is kept when that
    holds (earlier writes were applied in order and then replaced)."""
    writes = [json.loads(l) for l in open(journal) if l.strip()]
    present, drained = {}, {}
    for w in writes:
        s = w["service"]
        if w["op"] == "put":
            present[s], drained[s] = True, set()
        elif w["op"] == "delete":
            present[s], drained[s] = False, set()
        else:
            drained.setdefault(s, set()).add(w["address"])
    ok = {}
    for s, there in present.items():
        status, body = call(admin, "GET", "/api/v1/services/" + s)
        if not there:
            ok[s] = status == 404
            continue
        if status != 200:
            ok[s] = False
            continue
        states = {e["address"]: e["state"] for e in json.loads(body)["endpoints"]}
        ok[s] = all(states.get(a) == "draining" for a in drained.get(s, ()))
    kept = sum(1 for w in writes if ok.get(w["service"], False))
    for s in sorted(k for k, v in ok.items() if not v):
        print("write lost: %s (expected %s)" % (s, "present" if present[s] else "absent"),
              file=sys.stderr)
    print(kept, len(writes))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "config":
        write_config(args[0], int(args[1]))
    elif cmd == "reloader":
        reloader(args[0], float(args[1]))
    elif cmd == "health":
        health(int(args[0]), float(args[1]))
    elif cmd == "queries":
        queries(args[0], int(args[1]), int(args[2]))
    elif cmd == "junk":
        junk(args[0], int(args[1]), int(args[2]), float(args[3]), int(args[4]))
    elif cmd == "slowloris":
        slowloris(args[0], int(args[1]), int(args[2]), args[3])
    elif cmd == "writer":
        writer(args[0], args[1], float(args[2]))
    elif cmd == "verify":
        verify(args[0], args[1])
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()

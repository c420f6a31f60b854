#!/usr/bin/env python3
"""Starts a DNS server and times its first answer.

    first_answer.py PORT NAME LOG [TIMEOUT_S] -- COMMAND [ARG...]

Starts COMMAND (stdout and stderr to LOG), then sends an A query for NAME to 127.0.0.1:PORT every
5 ms until a reply with rcode NOERROR and at least one answer arrives. Prints "PID MS": the
server's pid (left running, for the caller to inspect and stop) and the milliseconds from launch
to that reply. Exits 1, leaving nothing running, if the server exits or TIMEOUT_S (60) passes.

Why not dig in a shell loop: each dig is a process of ~35 ms of CPU, so polling with it every
20 ms takes half a core from a server that is starting on a 2-core machine. Why launch the server
from here: Python itself takes ~0.35 s of CPU to start on the microVMs this ran on, which must
not overlap the server's start either. Once running, this poller costs about 1% of a core.
"""
import socket
import struct
import subprocess
import sys
import time


def query(name, qid):
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.rstrip(".").split("."))
    return struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + labels + b"\0" + struct.pack(">HH", 1, 1)


def main():
    split = sys.argv.index("--")
    port, name, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    timeout = float(sys.argv[4]) if split > 4 else 60.0
    # One unconnected socket: while nothing is bound there is no reply (the kernel's refusal is
    # not reported to an unconnected socket), so each try is a send and a 5 ms wait.
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.005)
    with open(log, "wb") as out:
        t0 = time.monotonic_ns()
        server = subprocess.Popen(sys.argv[split + 1:], stdout=out, stderr=subprocess.STDOUT)
    qid = 0
    while time.monotonic_ns() - t0 < timeout * 1e9:
        if qid % 20 == 0 and server.poll() is not None:
            sys.exit("first_answer.py: the server exited with status %d" % server.returncode)
        qid = (qid + 1) & 0xFFFF
        s.sendto(query(name, qid), ("127.0.0.1", port))
        try:
            while True:  # a late reply to an earlier try is as good as this one's
                reply = s.recv(65535)
                ms = (time.monotonic_ns() - t0) // 1_000_000
                _, flags, _, ancount = struct.unpack(">HHHH", reply[:8])
                if flags & 0x000F == 0 and ancount > 0:
                    print(server.pid, ms)
                    return
        except socket.timeout:
            pass
    server.kill()
    sys.exit("first_answer.py: no answer for %s on port %d in %g s" % (name, port, timeout))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures how many concurrent streams `ssespec serve` holds, on loopback only, bounded.

  mockserver/tools/concurrency.py [--ssespec build/bin/ssespec] [--connections 1000] [--time-limit 120]

Starts the server on 127.0.0.1 (port 0) with one repeat_last scenario (an event, then a heartbeat
every second), opens N connections, waits until every one has its event and then a heartbeat
(all N streams alive at once), reports the server's threads and memory, then drops half the
connections with a TCP reset in the middle of the stream, checks a new request is still served,
stops the server with SIGTERM and checks it exits 0 having written its record of N+1 requests.
Exit 0 when all of that held, 1 otherwise.
"""
import argparse
import json
import os
import pathlib
import resource
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

parser = argparse.ArgumentParser()
root = pathlib.Path(__file__).resolve().parents[2]
parser.add_argument("--ssespec", default=str(root / "build" / "bin" / "ssespec"))
parser.add_argument("--connections", type=int, default=1000)
parser.add_argument("--time-limit", type=float, default=120.0, help="seconds for the whole measurement")
args = parser.parse_args()
if not 1 <= args.connections <= 5000:
    sys.exit("--connections: 1 to 5000")
deadline = time.monotonic() + args.time_limit

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.connections * 2 + 100)), hard))

work = tempfile.mkdtemp(prefix="ssespec-concurrency-")
scenarios = pathlib.Path(work, "scenarios")
scenarios.mkdir()
(scenarios / "hold.json").write_text(json.dumps({
    "description": "One stream per connection, for load.",
    "repeat_last": True,
    "connections": [{"steps": [
        {"kind": "send", "chunks": ["data: hello\n\n"]},
        {"kind": "heartbeat", "every_ms": 1000, "for_ms": 300000, "comment": ":hb\n"}]}]}))
record = pathlib.Path(work, "record.json")
server = subprocess.Popen([args.ssespec, "serve", "--scenarios", str(scenarios), "--port", "0",
                           "--record", str(record), "--max-connections", str(args.connections + 100)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
failures = []
try:
    url = server.stdout.readline().strip()
    port = int(url.split(":")[2].split("/")[0])
    print(f"server pid {server.pid} at {url}")
    request = b"GET /scenarios/hold HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"

    selector = selectors.DefaultSelector()
    state = {}
    started = time.monotonic()
    for i in range(args.connections):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(request)
        s.setblocking(False)
        state[s] = b""
        selector.register(s, selectors.EVENT_READ)
    connected = time.monotonic() - started

    def pump(until, done):
        while time.monotonic() < until and time.monotonic() < deadline:
            if done():
                return True
            for key, _ in selector.select(timeout=0.2):
                try:
                    data = key.fileobj.recv(65536)
                except (BlockingIOError, ConnectionError):
                    continue
                if data:
                    state[key.fileobj] += data[-64:] if b"data: hello" in state[key.fileobj] else data
        return done()

    have_event = lambda: all(b"data: hello" in v for v in state.values())
    ok = pump(time.monotonic() + 60, have_event)
    events_at = time.monotonic() - started
    n_event = sum(b"data: hello" in v for v in state.values())
    for s in state:
        state[s] = state[s][state[s].find(b"data: hello") + 11:] if b"data: hello" in state[s] else state[s]
    have_beat = lambda: all(b":hb" in v for v in state.values())
    ok = pump(time.monotonic() + 30, have_beat) and ok
    n_beat = sum(b":hb" in v for v in state.values())
    status = pathlib.Path(f"/proc/{server.pid}/status").read_text()
    threads = int(next(l for l in status.splitlines() if l.startswith("Threads:")).split()[1])
    rss_kb = int(next(l for l in status.splitlines() if l.startswith("VmRSS:")).split()[1])
    print(f"{args.connections} connections opened in {connected:.2f} s; {n_event} had their event after "
          f"{events_at:.2f} s; {n_beat} then got a heartbeat (all streams alive at once)")
    print(f"server: {threads} threads, {rss_kb / 1024:.1f} MiB resident")
    if n_event != args.connections or n_beat != args.connections:
        failures.append("not every stream was served concurrently")

    # Vanish mid-stream: half the clients reset their connections.
    gone = list(state)[: args.connections // 2]
    for s in gone:
        selector.unregister(s)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        del state[s]
    time.sleep(2.5)  # two heartbeats: the server's writes to the reset sockets fail
    probe = socket.create_connection(("127.0.0.1", port), timeout=10)
    probe.sendall(request)
    probe.settimeout(10)
    got = b""
    while b"data: hello" not in got:
        chunk = probe.recv(4096)
        if not chunk:
            break
        got += chunk
    probe.close()
    if b"data: hello" not in got:
        failures.append("a new request was not served after clients vanished")
    status = pathlib.Path(f"/proc/{server.pid}/status").read_text()
    threads_after = int(next(l for l in status.splitlines() if l.startswith("Threads:")).split()[1])
    print(f"after {len(gone)} clients reset mid-stream: new request served: {b'data: hello' in got}; "
          f"server threads {threads_after}")
finally:
    stop = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        code = "killed (no exit within 30 s of SIGTERM)"
    for s in list(state):
        s.close()
print(f"SIGTERM: exit {code} after {time.monotonic() - stop:.2f} s")
if code != 0:
    failures.append(f"server exit {code}")
try:
    recorded = len(json.loads(record.read_text())["requests"])
    print(f"record file: {recorded} requests")
    if recorded != args.connections + 1:
        failures.append(f"record has {recorded} requests, expected {args.connections + 1}")
except (OSError, ValueError, KeyError) as error:
    failures.append(f"record file: {error}")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)

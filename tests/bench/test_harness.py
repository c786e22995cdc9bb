"""The one harness: wrk's output read, and a gunicorn started, answering and stopped."""

import os
import socket

from bench.harness import ROOT, Server, fetch, parse_wrk, site_env

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8150/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.47ms    2.01ms  40.12ms   93.10%
  Latency Distribution
     50%    1.20ms
     75%    1.50ms
     90%    2.10ms
     99%   13.10ms
  54140 requests in 10.00s, 1.05GB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   5414.00
Transfer/sec:    107.52MB
"""


def test_parse_wrk():
    figures = parse_wrk(WRK_OUTPUT)
    assert figures["requests"] == 54140
    assert figures["rps"] == 5414.0
    assert (figures["p50"], figures["p90"], figures["p99"]) == (1.2, 2.1, 13.1)
    assert (figures["non_2xx_3xx"], figures["socket_errors"], figures["errors"]) == (4, 3, 7)
    assert figures["socket_detail"] == "connect 0, read 1, write 0, timeout 2"
    assert parse_wrk("Latency Distribution\n     50%  850.00us\n")["p50"] == 0.85


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_server_starts_answers_and_stops_with_its_workers():
    env = site_env("sqlite://")
    with Server("floor:application", free_port(), env, workers=2, cwd=ROOT / "bench") as server:
        server.wait_ready("/", timeout=60)
        response = fetch(server.url + "/")
        assert response.status == 200
        assert len(response.body) == 20 * 1024
        workers = server.worker_pids()
        assert len(workers) == 2
    assert server.process.poll() is not None
    assert [pid for pid in workers if alive(pid)] == []
    assert fetch(server.url + "/", timeout=1).status == 0


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True

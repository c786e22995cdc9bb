"""PostgreSQL goes away under load: visitors get the friendly 503 quickly, and the site recovers
by itself once PostgreSQL is back, without restarting gunicorn.

    .venv/bin/python -m bench.scripts.fault_postgres [--outage 3] [--port 8162]

The site reaches PostgreSQL through a TCP proxy of the script's own (bench.tcp_proxy); for
--outage seconds the proxy resets every connection, as a stopped server would. The shared
PostgreSQL server is never stopped or reconfigured. Loopback only; stops everything it starts
and drops its database.
"""

import sys
import time
import urllib.parse

from bench.harness import PG_SERVER, Stack, fetch, log
from bench.scripts.traffic import LoadGenerator, fault_arguments, page_urls, summarise
from bench.tcp_proxy import TCPProxy

RECOVERY_WINDOW = 5.0  # seconds after PostgreSQL is back by which every request must succeed
MAX_OUTAGE_LATENCY = 5.0


def main():
    args = fault_arguments(__doc__, outage=3.0, port=8162, after=15.0)

    server = urllib.parse.urlsplit(PG_SERVER)
    proxy = TCPProxy(server.hostname or "127.0.0.1", server.port or 5432).start()
    stack = Stack(args.port, "np_security_fault")
    generator = None
    try:
        stack.create_database()
        stack.env["DATABASE_URL"] = proxy.url(stack.database_url)  # gunicorn goes through it
        stack.start()
        urls = page_urls(stack)
        generator = LoadGenerator(stack.url, urls).start()
        time.sleep(args.baseline)
        workers_before = stack.worker_pids()
        down = time.monotonic()
        try:
            log(f"cutting the site off from PostgreSQL for {args.outage:.0f}s")
            proxy.close()
            time.sleep(args.outage / 2)
            health_during = fetch(stack.url + "/healthz/")
            time.sleep(args.outage / 2)
        finally:
            proxy.pass_through()
        back = time.monotonic()
        log(f"PostgreSQL is back after {back - down:.1f}s")
        time.sleep(args.after)
        samples = generator.stop()
        generator = None
        health_after = fetch(stack.url + "/healthz/")
        workers_after = stack.worker_pids()
    finally:
        if generator:
            generator.stop()
        proxy.pass_through()
        stack.close()
        proxy.stop()

    first = samples[0][0]
    before = summarise(samples, first, down)
    during = summarise(samples, down, back)
    settling = summarise(samples, back, back + RECOVERY_WINDOW)
    after = summarise(samples, back + RECOVERY_WINDOW, float("inf"))
    recovered = next((s[0] - back for s in samples if s[0] >= back and s[1] == 200), None)
    print("| phase | requests | statuses | slowest (s) | 503 without the friendly page |")
    print("| --- | --- | --- | --- | --- |")
    for name, phase in [
        ("before", before),
        ("PostgreSQL down", during),
        (f"first {RECOVERY_WINDOW:.0f}s back", settling),
        ("after", after),
    ]:
        print(
            f"| {name} | {phase['requests']} | {phase['statuses']} | {phase['max_s']} "
            f"| {phase['unfriendly_503']} |"
        )
    print(f"healthz while down: {health_during[0]} {health_during[2][:120]}")
    print(f"healthz after: {health_after[0]} {health_after[2][:120]}")
    print(f"first 200 after PostgreSQL was back: {recovered and round(recovered, 2)}s")
    print(f"gunicorn workers unchanged: {workers_before == workers_after}")

    allowed_during = {200, 301, 503}
    ok = (
        set(before["statuses"]) <= {200, 301}
        and set(during["statuses"]) <= allowed_during
        and set(settling["statuses"]) <= allowed_during
        and during["unfriendly_503"] == 0
        and during["max_s"] < MAX_OUTAGE_LATENCY
        and set(after["statuses"]) <= {200, 301}
        and after["requests"] > 0
        and health_after[0] == 200
        and workers_before == workers_after
    )
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

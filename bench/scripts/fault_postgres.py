"""PostgreSQL goes away under load: visitors get the friendly 503 quickly, and the site recovers
by itself once PostgreSQL is back, without restarting gunicorn.

    .venv/bin/python -m bench.scripts.fault_postgres [--outage 3] [--port 8162]

Stops the local PostgreSQL cluster for --outage seconds (0 = a plain restart) and ALWAYS starts
it again, whatever happens. Other users of the cluster lose their connections for that time:
run it rarely. Loopback only; stops everything it starts and drops its database.
"""

import os
import subprocess
import sys
import time

from bench.harness import Stack, fetch, log
from bench.scripts.traffic import LoadGenerator, fault_arguments, page_urls, summarise

RECOVERY_WINDOW = 5.0  # seconds after PostgreSQL is back by which every request must succeed
MAX_OUTAGE_LATENCY = 5.0


def cluster(action):
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        capture_output=True,
        text=True,
        timeout=120,
    )


def ensure_postgres_running():
    if cluster("status").returncode != 0:
        log("starting PostgreSQL again")
        cluster("start")
    if cluster("status").returncode != 0:
        raise SystemExit("PostgreSQL did not start: check pg_lsclusters")


def main():
    args = fault_arguments(__doc__, outage=3.0, port=8162, after=15.0)

    stack = Stack(args.port, "np_security_fault")
    generator = None
    try:
        stack.create_database()
        stack.start()
        urls = page_urls(stack)
        generator = LoadGenerator(stack.url, urls).start()
        time.sleep(args.baseline)
        workers_before = stack.worker_pids()
        down = time.monotonic()
        try:
            if args.outage > 0:
                log(f"stopping PostgreSQL for {args.outage:.0f}s")
                cluster("stop")
                time.sleep(args.outage / 2)
                health_during = fetch(stack.url + "/healthz/")
                time.sleep(args.outage / 2)
                cluster("start")
            else:
                log("restarting PostgreSQL")
                health_during = (None, {}, "", 0)
                cluster("restart")
        finally:
            ensure_postgres_running()
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
        ensure_postgres_running()
        stack.close()

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

"""Redis (the cache) goes away under load: pages keep being served from the database (the cache
fails open) and caching resumes when Redis is back.

    .venv/bin/python -m bench.scripts.fault_redis [--outage 5] [--port 8163]

Shuts the local Redis down for --outage seconds and ALWAYS starts it again. Other users of this
Redis lose it for that time: run it rarely. Loopback only; stops everything it starts.

The site is started with REDIS_URL=redis://127.0.0.1:6379/2. If the settings don't turn that
into a Redis cache, the script says so and supplies its own fail-open cache settings.
tests/serving/test_faults.py covers the same ground (and a silent Redis) without stopping the
shared Redis, through a TCP proxy of its own.
"""

import subprocess
import sys
import time

from bench.harness import Stack, fetch, log
from bench.scripts.traffic import LoadGenerator, fault_arguments, page_urls, summarise

REDIS_URL = "redis://127.0.0.1:6379/2"
REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
    "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip
FALLBACK_SETTINGS = f"""
from neuropain.settings.bench import *  # noqa: F403

CACHES = {{
    "default": {{
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "{REDIS_URL}",
        "OPTIONS": {{
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
        }},
    }}
}}
"""


def redis_up():
    result = subprocess.run(
        ["redis-cli", "-p", "6379", "ping"], capture_output=True, text=True, timeout=10
    )
    return result.stdout.strip() == "PONG"


def ensure_redis_running():
    if not redis_up():
        log("starting Redis again")
        subprocess.run(REDIS_START, capture_output=True, timeout=30)
        for _ in range(50):
            if redis_up():
                return
            time.sleep(0.1)
        raise SystemExit("Redis did not start")


def keys_in_cache_db():
    result = subprocess.run(
        ["redis-cli", "-p", "6379", "-n", "2", "dbsize"], capture_output=True, text=True, timeout=10
    )
    return result.stdout.strip()


def main():
    args = fault_arguments(__doc__, outage=5.0, port=8163, after=10.0)

    ensure_redis_running()
    stack = Stack(args.port, "np_security_redis", extra_env={"REDIS_URL": REDIS_URL})
    generator = None
    try:
        backend = stack.manage(
            "shell", "-c", "from django.conf import settings; print(settings.CACHES['default'])"
        ).stdout
        if "Redis" not in backend:
            log("settings don't configure Redis from REDIS_URL: using this script's cache settings")
            (stack.tmp / "np_fault_redis_settings.py").write_text(FALLBACK_SETTINGS)
            stack.env["PYTHONPATH"] = f"{stack.tmp}:{stack.env['PYTHONPATH']}"
            stack.env["DJANGO_SETTINGS_MODULE"] = "np_fault_redis_settings"
        stack.create_database()
        stack.start()
        urls = page_urls(stack)
        generator = LoadGenerator(stack.url, urls).start()
        time.sleep(args.baseline)
        health_before = fetch(stack.url + "/healthz/")
        keys_before = keys_in_cache_db()
        down = time.monotonic()
        try:
            log(f"shutting Redis down for {args.outage:.0f}s")
            subprocess.run(
                ["redis-cli", "-p", "6379", "shutdown", "nosave"], capture_output=True, timeout=30
            )
            time.sleep(args.outage / 2)
            health_during = fetch(stack.url + "/healthz/")
            time.sleep(args.outage / 2)
        finally:
            ensure_redis_running()
        back = time.monotonic()
        time.sleep(args.after)
        health_after = fetch(stack.url + "/healthz/")
        keys_after = keys_in_cache_db()
        samples = generator.stop()
        generator = None
    finally:
        ensure_redis_running()
        if generator:
            generator.stop()
        stack.close()

    first = samples[0][0]
    phases = [
        ("before", summarise(samples, first, down)),
        ("Redis down", summarise(samples, down, back)),
        ("after", summarise(samples, back, float("inf"))),
    ]
    print("| phase | requests | statuses | slowest (s) |\n| --- | --- | --- | --- |")
    for name, phase in phases:
        print(f"| {name} | {phase['requests']} | {phase['statuses']} | {phase['max_s']} |")
    print(f"cache keys in Redis db 2 before the outage: {keys_before}; after: {keys_after}")
    for label, health in [
        ("before", health_before),
        ("down", health_during),
        ("after", health_after),
    ]:
        print(f"healthz {label}: {health.status} {health.body[:160]}")
    ok = (
        all(set(phase["statuses"]) <= {200, 301} for _, phase in phases)
        and phases[1][1]["requests"] > 0
        and '"degraded"' in health_during.body
        and '"status": "ok"' in health_after.body
    )
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

"""Redis (the cache) goes away under load: pages keep being served from the database (the cache
fails open) and caching resumes when Redis is back.

    .venv/bin/python -m bench.scripts.fault_redis [--outage 5] [--port 8163]

The site reaches Redis (database 2) through a TCP proxy of the script's own (bench.tcp_proxy);
for --outage seconds the proxy resets every connection, as a stopped Redis would. The shared
Redis is never stopped or reconfigured. Loopback only; stops everything it starts.

If the settings don't turn REDIS_URL into a Redis cache, the script says so and supplies its
own fail-open cache settings. tests/serving/test_faults.py covers the same ground (and a silent
Redis) in the test suite.
"""

import subprocess
import sys
import time

from bench.harness import Stack, fetch, log
from bench.scripts.traffic import LoadGenerator, fault_arguments, page_urls, summarise
from bench.tcp_proxy import TCPProxy

REDIS = ("127.0.0.1", 6379)
REDIS_DB = 2
FALLBACK_SETTINGS = """
from neuropain.settings.bench import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "{location}",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
        },
    }
}
"""


def keys_in_cache_db():
    result = subprocess.run(
        ["redis-cli", "-p", str(REDIS[1]), "-n", str(REDIS_DB), "dbsize"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    return result.stdout.strip()


def main():
    args = fault_arguments(__doc__, outage=5.0, port=8163, after=10.0)

    proxy = TCPProxy(*REDIS).start()
    redis_url = proxy.url(f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}")
    stack = Stack(args.port, "np_security_redis", extra_env={"REDIS_URL": redis_url})
    generator = None
    try:
        backend = stack.manage(
            "shell", "-c", "from django.conf import settings; print(settings.CACHES['default'])"
        ).stdout
        if "Redis" not in backend:
            log("settings don't configure Redis from REDIS_URL: using this script's cache settings")
            (stack.tmp / "np_fault_redis_settings.py").write_text(
                FALLBACK_SETTINGS.replace("{location}", redis_url)
            )
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
            log(f"cutting the site off from Redis for {args.outage:.0f}s")
            proxy.close()
            time.sleep(args.outage / 2)
            health_during = fetch(stack.url + "/healthz/")
            time.sleep(args.outage / 2)
        finally:
            proxy.pass_through()
        back = time.monotonic()
        time.sleep(args.after)
        health_after = fetch(stack.url + "/healthz/")
        keys_after = keys_in_cache_db()
        samples = generator.stop()
        generator = None
    finally:
        if generator:
            generator.stop()
        stack.close()
        proxy.stop()

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

"""`make bench`, the cache tier (deploy/varnish/default.vcl) in front of the site's gunicorn:

- the page-cached article through Varnish beside nginx serving the same bytes from a file;
- an editorial day: readers spread over every article (Zipf-like: a few articles are read
  a lot, most a little) through Varnish while an editor publishes a popular article every
  few seconds, with the site purging Varnish: the cache hit ratio, the readers' latency, and
  how soon each published change is seen once the publish has committed (the publish
  itself, revision and search index included, is timed and reported beside it).
"""

import json
import re
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.front import StaticFile, Varnish
from bench.harness import PYTHON, ROOT, log, wrk

ZIPF_EXPONENT = 1.1
VISIBLE_WITHIN = 5.0  # seconds we wait for a change before calling it missed

ZIPF_SCRIPT = """
local paths = {%s}
local n = #paths
local cdf, total = {}, 0
for k = 1, n do total = total + 1 / k ^ %s; cdf[k] = total end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%%x+)") or "0", 16) %% 100000)
end

function request()
  local r = math.random() * total
  local lo, hi = 1, n
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", paths[lo])
end
"""

# Connected before the readers start: under their load (both cores busy) a new PostgreSQL
# connection can take longer than the site's 3 s connect timeout.
PUBLISHER = """
import json, sys, time
from django.db import connection
from articles.models import ArticlePage
connection.ensure_connection()
print("READY", flush=True)
for line in sys.stdin:
    page = ArticlePage.objects.get(pk=int(line))
    page.title = page.title.split(" (edited ")[0] + f" (edited {time.time():.3f})"
    page.save_revision().publish()
    print("PUBLISHED " + json.dumps({"title": page.title}), flush=True)
"""


def varnish_and_static(cache, path, measure):
    """(through Varnish, the same bytes as a file from nginx): wrk figures of each."""
    status, headers, body = cache.get(path, X_Forwarded_Proto="https")
    if status != 200:
        raise RuntimeError(f"{path} through Varnish answered {status}")
    if cache.get(path, X_Forwarded_Proto="https")[1].get("X-Cache") != "HIT":
        print(f"  note: {path} is not kept by Varnish")
    through_varnish = measure(f"http://127.0.0.1:{cache.port}", path)
    with StaticFile(body) as static:
        from_file = measure(f"http://127.0.0.1:{static.port}", "/page.html")
    return through_varnish, from_file


class Publisher:
    """One `manage.py shell` that publishes a new title of the article it is given, with the
    site's purges going to Varnish (FRONTEND_CACHE_PURGE_URL)."""

    def __init__(self, env):
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            [PYTHON, "manage.py", "shell", "-c", PUBLISHER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._read("READY")

    def _read(self, prefix):
        while True:  # log lines (JSON on stdout) may come first
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the publisher stopped")
            if line.startswith(prefix):
                return line.removeprefix(prefix)

    def publish(self, pk):
        self.process.stdin.write(f"{pk}\n")
        self.process.stdin.flush()
        return json.loads(self._read("PUBLISHED "))["title"]

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def seen_after(cache, path, title, started):
    """Seconds from `started` until Varnish serves `title` at `path` (None: not within
    VISIBLE_WITHIN)."""
    needle = title.encode()
    while time.monotonic() - started < VISIBLE_WITHIN:
        if needle in cache.get(path, X_Forwarded_Proto="https")[2]:
            return time.monotonic() - started
        time.sleep(0.01)
    return None


def editorial_day(cache, env, articles, *, seconds, every, warmup, connections, threads):
    """articles: [(pk, path)], most read first. Returns the wrk figures through Varnish plus
    hit_ratio, publishes and visible (seconds until each change was seen)."""
    script = Path(tempfile.mkdtemp(prefix="np-zipf-")) / "zipf.lua"
    paths = ",".join(json.dumps(path) for _pk, path in articles)
    script.write_text(ZIPF_SCRIPT % (paths, ZIPF_EXPONENT))
    url = f"http://127.0.0.1:{cache.port}/"
    options = {"connections": connections, "threads": threads, "script": script}
    started = time.monotonic()
    fill(cache, [path for _pk, path in articles], connections)
    log(f"  every article read once through Varnish in {time.monotonic() - started:.0f} s")
    if warmup:
        wrk(url, duration=warmup, **options)
    publisher = Publisher({**env, "FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{cache.port}"})
    try:
        before = cache.counters()
        figures = {}
        reader = threading.Thread(
            target=lambda: figures.update(wrk(url, duration=seconds, **options)), daemon=True
        )
        reader.start()
        popular = articles[: max(1, min(20, len(articles)))]
        count = max(1, int(seconds // every))
        visible, publishing, start = [], [], time.monotonic()
        for number in range(count):  # spread over the run, `every` seconds apart
            time.sleep(max(0.0, start + (number + 0.5) * seconds / count - time.monotonic()))
            pk, path = popular[number % len(popular)]
            started = time.monotonic()
            title = publisher.publish(pk)  # returns once committed (and Varnish purged)
            published = time.monotonic()
            publishing.append(published - started)
            visible.append(seen_after(cache, path, title, published))
            log(f"  published {path} in {publishing[-1]:.2f} s, seen {visible[-1]} s later")
        reader.join(seconds + 60)
        after = cache.counters()
    finally:
        publisher.stop()
        script.unlink(missing_ok=True)
        script.parent.rmdir()
    hits = after["MAIN.cache_hit"] - before["MAIN.cache_hit"]
    misses = after["MAIN.cache_miss"] - before["MAIN.cache_miss"]
    figures.update(
        hit_ratio=hits / max(1, hits + misses),
        publishes=len(visible),
        visible=visible,
        publishing=publishing,
    )
    return figures


def fill(cache, paths, connections):
    """Read each path once through Varnish, as readers of a site that has been up for a while
    have: the day measures a cache in service, not its first minutes (a cold page's render
    is what the uncached rows of the main table measure)."""
    with ThreadPoolExecutor(max_workers=connections) as pool:
        for status, *_rest in pool.map(
            lambda path: cache.get(path, X_Forwarded_Proto="https"), paths
        ):
            if status != 200:
                raise RuntimeError(f"filling the cache: an article answered {status}")


def slowest_visible(figures):
    """The longest wait for a change to be seen (inf if one never was)."""
    waits = figures["visible"]
    return float("inf") if any(w is None for w in waits) else max(waits, default=0.0)


def describe(figures):
    waits = ", ".join("never" if w is None else f"{w:.2f} s" for w in figures["visible"])
    took = ", ".join(f"{t:.2f} s" for t in figures["publishing"])
    errors = ""
    if figures.get("errors"):
        errors = f"; errors: {figures['non_2xx_3xx']} non-2xx/3xx responses"
        if figures.get("socket_detail"):
            errors += f", socket errors {figures['socket_detail']}"
    return (
        f"hit ratio {figures['hit_ratio']:.1%}, p99 {figures['p99']:.1f} ms; "
        f"{figures['publishes']} publishes (taking {took}) seen after {waits}{errors}"
    )


def article_paths(env, manage_json):
    """Every live article as (pk, path), in a fixed order (the Zipf ranks)."""
    return [
        (pk, re.sub(r"^https?://[^/]+", "", path))
        for pk, path in manage_json(
            env,
            "import json\n"
            "from articles.models import ArticlePage\n"
            "print(json.dumps([[p.pk, p.url] for p in "
            "ArticlePage.objects.live().order_by('pk')]))",
        )
    ]


def front_of(port):
    """Varnish with the repository's VCL in front of 127.0.0.1:`port`."""
    # Room for every article (about 25 KB each): the 32 MB tests run with held about a
    # thousand of 10,000, so most of an editorial day's readers were evictions, not purges.
    return Varnish("127.0.0.1", port, storage="1g")

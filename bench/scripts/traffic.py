"""Readers for the load and fault scripts: the public URLs of the demo content, and threads
requesting them in a loop while recording what came back."""

import argparse
import threading
import time

from bench.harness import fetch, manage_json

PAGE_URLS = (
    "import json\n"
    "from articles.models import ArticlePage\n"
    "from drugs.models import DrugPage, BrandName\n"
    "from quizzes.models import QuizPage\n"
    "from physicians.models import PhysicianSearchPage\n"
    "a = [p.url for p in ArticlePage.objects.live()[:6]]\n"
    "d = [p.url for p in DrugPage.objects.live()[:3]]\n"
    "b = ['/drugs/brand/%s/' % x.slug for x in BrandName.objects.all()[:2]]\n"
    "q = [p.url for p in QuizPage.objects.live()[:1]]\n"
    "f = PhysicianSearchPage.objects.live().first().url\n"
    "print(json.dumps(a + d + b + q + [f + '?zip_code=55905', '/drugs/', '/articles/', '/',"
    " '/search/?q=gabapentin', '/search/?q=nerve+pain', '/glossary/', '/quizzes/']))\n"
)


def page_urls(stack):
    """A mix of public URLs that exist in the stack's database."""
    return manage_json(stack.env, PAGE_URLS)


class LoadGenerator:
    """Threads requesting the URL mix in a loop, recording (start, status, seconds, body kind)."""

    FRIENDLY_503 = "NeuroPain is briefly unavailable"

    def __init__(self, base_url, urls, threads=8, pause=0.05):
        self.base_url = base_url
        self.urls = urls
        self.pause = pause
        self.samples = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.loop, args=(n,)) for n in range(threads)]

    def loop(self, offset):
        n = offset
        while not self.stopping.is_set():
            url = self.urls[n % len(self.urls)]
            started = time.monotonic()
            status, _headers, body, seconds = fetch(self.base_url + url, timeout=30)
            friendly = status != 503 or self.FRIENDLY_503 in body
            with self.lock:
                self.samples.append((started, status, seconds, friendly, url))
            n += 1
            time.sleep(self.pause)

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return sorted(self.samples)


def summarise(samples, start, end):
    """Counts by status, worst latency and whether every 503 was the friendly page, for the
    requests that finished in [start, end) (one in flight when a fault began counts as during)."""
    window = [s for s in samples if start <= s[0] + s[2] < end]
    statuses = {}
    for _, status, _, _, _ in window:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "requests": len(window),
        "statuses": dict(sorted(statuses.items())),
        "max_s": round(max((s[2] for s in window), default=0), 3),
        "unfriendly_503": sum(1 for s in window if not s[3]),
    }


def fault_arguments(description, *, outage, port, after):
    """The command line of a fault script: outage length, port and the observed windows."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--outage", type=float, default=outage)
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--baseline", type=float, default=8.0)
    parser.add_argument("--after", type=float, default=after)
    return parser.parse_args()

"""An editor publishing while the site is under load: change an article, publish it, and time
how long until the public page shows the change. Prints one JSON summary line at the end.

"Visible after" is measured from the publish to the start of the first request that returned
the new text, so it measures staleness (cache invalidation), not queueing under load.

    python -m bench.scripts.editor_loop SITE_URL SECONDS   (environment as for manage.py)
"""

import json
import sys
import time
import uuid

import django

django.setup()

from articles.models import ArticlePage  # noqa: E402
from bench.harness import fetch  # noqa: E402
from bench.models import synthetic  # noqa: E402

VISIBLE_WITHIN = 1.0
GIVE_UP_AFTER = 10.0


def main(site_url, seconds):
    articles = list(synthetic(ArticlePage).live().order_by("pk"))
    results = []
    errors = []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        page = articles[n % len(articles)].get_latest_revision_as_object()
        token = f"Edition {n} {uuid.uuid4().hex[:8]}"
        page.summary = f"{token}: synthetic article for load tests."
        try:
            page.save_revision().publish()
        except Exception as exc:  # noqa: BLE001 - any publishing failure is reported
            errors.append(f"publish: {exc!r}")
            time.sleep(1)
            continue
        published = time.monotonic()
        while True:
            asked = time.monotonic()
            status, _headers, body, _seconds = fetch(site_url + page.url)
            if status == 200 and token in body:
                results.append(asked - published)
                break
            if status not in (200, 304):
                errors.append(f"GET {page.url}: {status}")
            if time.monotonic() - published > GIVE_UP_AFTER:
                results.append(float("inf"))
                break
            time.sleep(0.02)
        n += 1
        time.sleep(1)
    slowest = max(results) if results else None
    print(
        json.dumps(
            {
                "publishes": len(results),
                "slowest_visible_s": round(slowest, 3) if results else None,
                "late": sum(1 for r in results if r > VISIBLE_WITHIN),
                "errors": errors,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))

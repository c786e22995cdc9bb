"""An editor publishing while the site is under load: change an article, publish it, and time
how long until the public page shows the change. Prints one JSON summary line at the end.

"Visible after" is measured from the publish to the start of the first request that returned
the new text, so it measures staleness (cache invalidation), not queueing under load.

    python scripts/editor_loop.py PORT SECONDS   (environment as for manage.py)
"""

import json
import sys
import time
import uuid
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from articles.models import ArticlePage  # noqa: E402
from scripts.harness import fetch  # noqa: E402

VISIBLE_WITHIN = 1.0
GIVE_UP_AFTER = 10.0


def main(port, seconds):
    articles = list(ArticlePage.objects.live().filter(is_synthetic=True).order_by("pk"))
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
            status, body, _ = fetch(port, page.url)
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
    main(int(sys.argv[1]), float(sys.argv[2]))

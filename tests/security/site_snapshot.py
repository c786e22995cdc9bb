"""Print what the site at DATABASE_URL serves: every live page's HTML and every page's revisions.

Run as `python -m tests.security.site_snapshot` (test settings); the backup test compares the
output before a backup and after a restore.
"""

import hashlib
import json
import re

import django

PER_REQUEST = [
    re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'),
    re.compile(r'(nonce=")[^"]*'),
]


def normalise(html):
    for pattern in PER_REQUEST:
        html = pattern.sub(r"\1-", html)
    return html


def main():
    django.setup()
    from django.test import Client

    from wagtail.models import Page, PageLogEntry, Revision

    client = Client()
    pages = {}
    for page in Page.objects.live().specific().order_by("path"):
        response = client.get(page.url)
        pages[page.url] = {
            "status": response.status_code,
            "html": normalise(response.content.decode()),
        }
    revisions = [
        {
            "page": revision.object_id,
            "created_at": revision.created_at.isoformat(),
            "content": hashlib.sha256(
                json.dumps(revision.content, sort_keys=True).encode()
            ).hexdigest(),
            "title": revision.content.get("title"),
            "live": revision.pk == Page.objects.get(pk=revision.object_id).live_revision_id,
        }
        for revision in Revision.page_revisions.order_by("pk")
    ]
    log = list(PageLogEntry.objects.order_by("pk").values_list("action", "label"))
    print(json.dumps({"pages": pages, "revisions": revisions, "log": log}))  # noqa: T201


if __name__ == "__main__":
    main()

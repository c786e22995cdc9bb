"""The seeded site with approved care cards and the pages about the site: every page reached
by a crawl from the home page is valid HTML (vnu), and every link between our pages leads
somewhere (tests/browser/test_links.py checks the same over HTTP with linkinator)."""

import json
import re
import subprocess
from html import unescape
from urllib.parse import urldefrag, urlsplit

from django.contrib.auth.models import Group

from articles.models import ArticlePage
from core.models import Person
from tests.a11y.test_html_validity import vnu  # noqa: F401 - the fixture
from tests.browser.site_content import seed_site
from trust.models import InfoPage, SitemapPage

HREF = re.compile(r'href="([^"]+)"')
# Not pages for readers: the admin (sign-in redirect) and the XML sitemap.
SKIP = ("/admin/", "/sitemap.xml")


def approve_care_cards(django_user_model):
    user = django_user_model.objects.create_user("rex", "rex@example.com", "pw")
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    Person.objects.create(name="Dr Rex Reviewer", role=Person.Role.MEDICAL_REVIEWER, user=user)
    for page in ArticlePage.objects.all():
        state = page.current_workflow_state
        if state is not None:
            task_state = state.current_task_state
            task_state.task.specific.on_action(task_state, user, "approve")


def crawl(client, start="/"):
    """{path: HTML} of every internal page reachable from `start`; broken links listed."""
    seen, queue, broken, pages = {start}, [start], [], {}
    while queue:
        path = queue.pop()
        response = client.get(path)
        if response.status_code != 200:
            broken.append(f"{path}: HTTP {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        pages[path] = response.text
        for href in HREF.findall(response.text):
            target = urldefrag(unescape(href))[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not target.startswith("/"):
                continue
            if target.startswith(SKIP) or target.startswith("/static/") or target in seen:
                continue
            # Follow each listing's filters once, not every combination.
            if "?" in target and len(seen) > 400:
                continue
            seen.add(target)
            queue.append(target)
    return pages, broken


def test_no_broken_internal_links_and_valid_html(client, site, django_user_model, vnu, tmp_path):  # noqa: F811
    seed_site()
    approve_care_cards(django_user_model)
    pages, broken = crawl(client)
    assert not broken, "\n".join(broken)
    wanted = [page.url for page in InfoPage.objects.all()] + [SitemapPage.objects.get().url]
    wanted += [page.url for page in ArticlePage.objects.live()]
    assert set(wanted) <= set(pages), set(wanted) - set(pages)
    # Every page the crawl reached is checked, not only these.
    files = {}
    for number, path in enumerate(sorted(pages)):
        files[path] = tmp_path / f"page-{number}.html"
        files[path].write_text(pages[path], encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [*vnu, "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    names = {f"file:{file}": path for path, file in files.items()}
    errors = [
        f"{names.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr or "{}").get("messages", [])
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)
    assert "care-card" in pages[ArticlePage.objects.get(title="Neuropathic Pain").url]

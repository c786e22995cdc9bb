"""linkinator (npm) walks the whole seeded site, served over HTTP, and finds no broken link.

The site is served as `make run` seeds it, with the care cards approved by a medical reviewer
so their pages show them. linkinator follows every link on our host recursively (pages,
stylesheets, scripts, images) and reports any that does not answer; links to other sites are
not fetched (the tests have no network).
tests/a11y/test_condition_pages_html.py crawls the same site in-process and validates the
HTML (vnu).
"""

import json
import os
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from django.conf import settings
from django.core.management import call_command

from articles.models import ArticlePage
from tests.a11y.test_condition_pages_html import approve_care_cards
from trust.models import InfoPage

pytestmark = pytest.mark.browser

LINKINATOR = settings.BASE_DIR / "node_modules" / "linkinator" / "build" / "src" / "cli.js"


@pytest.fixture
def linkinator():
    node = shutil.which("node")
    if node and LINKINATOR.is_file():
        return [node, str(LINKINATOR)]
    what = "Node.js" if not node else "linkinator (npm install)"
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing and CI is set: the link check must run.")
    pytest.skip(f"{what} is missing (run `make browser-deps`)")


def test_linkinator_finds_no_broken_link_over_the_whole_site(
    linkinator, seeded_live_server, django_user_model
):
    approve_care_cards(django_user_model)
    base = seeded_live_server.url
    # As `make run` does: the Site record takes the served address, so canonical links
    # point at this server and are checked with the rest.
    call_command("set_site_address", urlsplit(base).netloc, verbosity=0)
    ours = re.escape(base)
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own server
        [
            *linkinator,
            f"{base}/",
            "--recurse",
            "--format",
            "json",
            # A few requests at a time: the test server is one process on a shared machine.
            "--concurrency",
            "4",
            "--timeout",
            "20000",
            # Other sites are not fetched: the tests run without network.
            "--skip",
            f"^(?!{ours}(/|$))",
        ],
        capture_output=True,
        text=True,
        timeout=480,
        check=False,
    )
    assert result.stdout.strip(), f"linkinator printed nothing: {result.stderr[-2000:]}"
    report = json.loads(result.stdout)
    links = report["links"]
    broken = [
        f"{link['url']} (HTTP {link['status']}, linked from {link.get('parent')})"
        for link in links
        if link["state"] == "BROKEN"
    ]
    assert not broken, "\n".join(broken)
    assert report["passed"], result.stderr[-2000:]
    # The walk reached the whole site, not just the home page: every section and the pages
    # about the site were among the links it checked.
    urls = {link["url"] for link in links}
    pages = [page.url for page in ArticlePage.objects.live()] + [
        page.url for page in InfoPage.objects.all()
    ]
    pages += [
        "/drugs/",
        "/drugs/gabapentin/",
        "/glossary/",
        "/quizzes/",
        "/find-a-physician/",
        "/site-map/",
    ]
    assert {f"{base}{path}" for path in pages} <= urls, sorted(
        set(pages) - {u[len(base) :] for u in urls}
    )
    assert any(url.endswith(".css") for url in urls)
    assert len(links) > 100, len(links)

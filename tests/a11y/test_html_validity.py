"""Every public page type is valid HTML according to the Nu Html Checker (vnu.jar).

Valid markup is what assistive technology relies on: the glossary popovers inside
paragraphs and list items, for example, must stay phrasing content.
"""

import json
import os
import shutil
import subprocess

import pytest

from django.conf import settings
from django.views.defaults import server_error

from articles.models import ArticlePage
from drugs.models import DrugPage
from quizzes.models import QuizPage
from tests.browser.site_content import seed_site

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def vnu():
    java = shutil.which("java")
    if java and VNU_JAR.is_file():
        return [java, "-jar", str(VNU_JAR)]
    what = "Java" if not java else "vnu-jar (npm install)"
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing and CI is set: the HTML validity check must run.")
    pytest.skip(f"{what} is missing (run `make browser-deps`)")


@pytest.fixture
def page_paths(site):
    seed_site()
    articles = ArticlePage.objects.live().order_by("title")
    return {
        "home": "/",
        "article-index": "/articles/",
        **{f"article-{article.slug}": article.url for article in articles},
        "drug-index": "/drugs/",
        "drug": DrugPage.objects.get(title="gabapentin").url,
        "physician-search": "/find-a-physician/",
        "physician-results": "/find-a-physician/?zip_code=55905",
        "physician-errors": "/find-a-physician/?zip_code=abc",
        "quiz-index": "/quizzes/",
        "quiz": QuizPage.objects.live().first().url,
        "glossary": "/glossary/",
        "search": "/search/",
        "search-results": "/search/?q=nerve+pain",
        "search-no-results": "/search/?q=qwxzvbn",
        "search-too-long": "/search/?q=" + "x" * 101,
        "not-found": "/no-such-page/",
    }


def test_every_page_type_is_valid_html(client, rf, vnu, page_paths, tmp_path):
    files = {}
    for name, path in page_paths.items():
        response = client.get(path)
        assert response.status_code < 500, f"{name}: HTTP {response.status_code}"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)
    files["server-error"] = tmp_path / "server-error.html"
    files["server-error"].write_bytes(server_error(rf.get("/")).content)
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [*vnu, "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    names = {f"file:{path}": name for name, path in files.items()}
    errors = [
        f"{names.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, "\n".join(errors)

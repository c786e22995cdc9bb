"""Each kind of broken text, in an article an editor wrote (not only in the seeds): the stored
body keeps the source words, the page editor warns at that very block, and the public page
reads correctly (held back, trimmed to its finished sentences, omitted or worded plainly)."""

import json
import re

import pytest

from articles.problems import (
    EMPTY_SECTION,
    LEAD_IN,
    MESSAGES,
    MISSING_MEDIA,
    TRUNCATED,
    UNRESOLVED_LINK,
)
from tests.factories import ArticlePageFactory
from tests.importer.import_helpers import visible_text

SHOWN = "Nerve pain often starts in the feet."


def body(*blocks):
    return [*blocks, ("paragraph", f"<p>{SHOWN}</p>")]


KINDS = {
    # kind: (the body, its words kept for editors, what readers see instead or None)
    "marked lead-in": (
        LEAD_IN,
        body(("held_back", {"reason": "lead_in", "text": "Drugs used include the following:"})),
        "Drugs used include the following:",
        None,
    ),
    "written lead-in": (
        LEAD_IN,
        body(
            ("heading", {"text": "Causes", "level": "h2"}),
            ("paragraph", "<p>Common causes include:</p>"),
            ("paragraph", "<p>Diabetes is the most common.</p>"),
        ),
        "Common causes include:",
        "Diabetes is the most common.",
    ),
    "sentence ending in a lead-in": (
        LEAD_IN,
        body(("paragraph", "<p>Burning is often felt at night. Symptoms may include</p>")),
        "Symptoms may include",
        "Burning is often felt at night.",
    ),
    "empty section": (
        EMPTY_SECTION,
        body(
            ("heading", {"text": "Physical therapy", "level": "h2"}),
            ("heading", {"text": "Outlook", "level": "h2"}),
        ),
        "Physical therapy",
        "Outlook",
    ),
    "truncated": (
        TRUNCATED,
        body(("held_back", {"reason": "truncated", "text": "More and more, we are learning th"})),
        "More and more, we are learning th",
        None,
    ),
    "missing video": (
        MISSING_MEDIA,
        body(("video", {"title": "How nerves heal", "url": "", "teaser": "", "transcript": ""})),
        "How nerves heal",
        None,
    ),
    "unresolved See line": (
        UNRESOLVED_LINK,
        body(("see_also", {"title": "Anatomy of nerve pain", "page": None, "verb": "See"})),
        "Anatomy of nerve pain",
        "See Anatomy of nerve pain (not on NeuroPain yet: search NeuroPain for",
    ),
}


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_is_kept_for_editors_and_reads_correctly_in_public(
    name, client, editor_client, article_index
):
    kind, blocks, kept, shown = KINDS[name]
    page = ArticlePageFactory(parent=article_index, body=blocks)
    page.save_revision().publish()
    page.refresh_from_db()

    # Kept: the stored body still holds the source words.
    assert kept in json.dumps(list(page.body.raw_data), ensure_ascii=False)
    [problem] = [p for p in page.body_problems if p.kind == kind]

    # Editors: the warning is tied to the block that holds the words.
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").text
    data = re.search(r'id="body-warnings-data"[^>]*>(.*?)</script>', html, re.S)[1]
    warnings = {warning["id"]: warning["message"] for warning in json.loads(data)}
    assert warnings[problem.block_id] == MESSAGES[kind]

    # Readers: the page reads correctly.
    public = client.get(page.url)
    assert public.status_code == 200
    text = visible_text(public.text)
    assert SHOWN in text
    if shown:
        assert shown in text
    if kind == UNRESOLVED_LINK:
        # Worded plainly, with a link labelled as a search, never dressed as an article link.
        assert re.search(r'<a href="/search/\?q=[^"]+">search NeuroPain for', public.text)
        assert not re.search(r"<a [^>]*>Anatomy of nerve pain</a>", public.text)
    elif kind == MISSING_MEDIA:
        assert kept not in text and "not available" not in text
    else:
        assert kept not in text
    if kind == EMPTY_SECTION:
        assert not re.search(r"<a [^>]*>Physical therapy</a>", public.text)  # no contents entry

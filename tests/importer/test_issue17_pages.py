"""Issue 17 on imported pages, where the parser tests (test_structure_cases) stop: a guessed
title never takes over another article (item 2), the title and the lead shown once (item 10),
and documents cut off at arbitrary byte offsets imported whole-sentence by whole-sentence."""

import re

import pytest

from django.core.management.base import CommandError

from articles.models import ArticlePage
from importer.models import ImportProposal
from tests.helpers import elements

from .import_helpers import (
    MERCK_SEED,
    SEED_DIR,
    SPINE_SEED,
    held_back_text,
    run_import,
    snapshot,
    visible_text,
    write_documents,
)
from .structure_documents import MERCK_STRUCTURE, MERCK_STRUCTURE_TITLE, SPINE_STRUCTURE

NIGHT = "Nerve Pain at Night"
NIGHT_A = (
    f"{NIGHT}\n\nMany people notice nerve pain more in the evening, when the day is quiet.\n\n"
    "See Sleep Basics\n\n  • Keep the bedroom cool\n  • Keep a regular bedtime\n\n"
    "See Pain Diaries\n"
)
NIGHT_B = (
    f"{NIGHT}\n\nA heating pad on a low setting relaxes a stiff lower back before bed.\n\n"
    "See Heat and Cold Therapy\n\n  • Set a timer\n  • Never sleep on a heating pad\n\n"
    "See Back Care at Home\n"
)


def page_html(client, title):
    page = ArticlePage.objects.get(title=title)
    response = client.get(page.url)
    assert response.status_code == 200
    return page, response.content.decode()


# 1. Editors win on a Spine-health page too -------------------------------------------------


def test_1_spine_health_reimport_over_an_editors_draft_is_a_proposal(db, tmp_path, admin_user):
    """The editor published a new title, then left an unpublished draft; a re-import with new
    text writes no revision: the editor still opens their draft, and the proposal carries only
    the imported parts the editor did not change."""
    manifest = {"a.txt": {"title": "Ulnar Nerve Entrapment"}}
    run_import(write_documents(tmp_path / "one", {"a.txt": SPINE_STRUCTURE}, manifest))
    page = ArticlePage.objects.get(title="Ulnar Nerve Entrapment")
    draft = page.get_latest_revision_as_object()
    draft.title = "Ulnar Nerve Entrapment (Cubital Tunnel)"
    draft.save_revision(user=admin_user).publish(user=admin_user)
    draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.summary = "An editor's summary, not yet published."
    editors_draft = draft.save_revision(user=admin_user)
    revisions = page.revisions.count()

    changed = SPINE_STRUCTURE.replace("Many people notice it", "Most people first notice it")
    output = run_import(write_documents(tmp_path / "two", {"a.txt": changed}, manifest))
    assert "Articles changed by an editor since their last import: 1" in output
    page.refresh_from_db()
    assert page.revisions.count() == revisions
    assert page.latest_revision_id == editors_draft.pk
    assert page.title == "Ulnar Nerve Entrapment (Cubital Tunnel)"
    assert page.get_latest_revision_as_object().summary == "An editor's summary, not yet published."
    proposal = ImportProposal.objects.get(page=page, status="pending")
    # The new first paragraph changes the summary too, which the editor changed: kept as theirs.
    assert set(proposal.imported) == {"body", "summary"}
    assert proposal.kept == ["summary"] and proposal.carried == ["body"]
    assert "Most people first notice it" in str(proposal.imported["body"])


# 2. A different Spine-health text whose first heading guesses the same title ---------------


def test_2_a_different_text_under_the_same_first_heading_never_replaces_the_article(
    db, tmp_path, client
):
    run_import(write_documents(tmp_path / "one", {"a.txt": NIGHT_A}))
    page, _html = page_html(client, NIGHT)
    assert page.source_publisher == "Spine-health"  # recognised, title guessed from the heading
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run_import(write_documents(tmp_path / "two", {"b.txt": NIGHT_B}))
    message = str(error.value)
    assert "b.txt" in message and f"“{NIGHT}”" in message and f"page {page.pk}" in message
    assert "Nothing was imported" in message and "\n" not in message
    assert snapshot() == before
    _page, html = page_html(client, NIGHT)
    assert "evening" in html and "heating pad" not in html


# 10. The title and the lead paragraph are shown once --------------------------------------


def test_10_a_title_guessed_from_the_first_heading_is_the_h1_only(db, tmp_path, client):
    run_import(write_documents(tmp_path, {"a.txt": NIGHT_A}))
    page, html = page_html(client, NIGHT)
    headings = [visible_text(m) for m in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, flags=re.S)]
    assert headings.count(NIGHT) == 1  # the <h1>, not again as a section heading
    assert [a["excerpt"] for a in page.attention if a["kind"] == "derived_title"] == [NIGHT]


@pytest.mark.parametrize(
    ("text", "manifest", "title", "lead"),
    [
        (
            MERCK_STRUCTURE,
            {},
            MERCK_STRUCTURE_TITLE,
            "Carpal tunnel syndrome is pressure on the median nerve",
        ),
        (
            SPINE_STRUCTURE,
            {"title": "Ulnar Nerve Entrapment"},
            "Ulnar Nerve Entrapment",
            "Ulnar nerve entrapment happens when the nerve",
        ),
    ],
    ids=["merck", "spine-health"],
)
def test_10_the_lead_paragraph_is_shown_once(db, tmp_path, client, text, manifest, title, lead):
    folder = write_documents(tmp_path, {"a.txt": text}, {"a.txt": manifest} if manifest else None)
    run_import(folder)
    page, html = page_html(client, title)
    assert visible_text(html).count(lead) == 1
    assert lead in visible_text(html, within_class="article__header")
    # The stored body keeps the paragraph (an editor still edits it there).
    assert lead in page.body[0].value.source


# Documents cut off at arbitrary byte offsets, imported ------------------------------------

CUTS = {
    "merck": ((SEED_DIR / MERCK_SEED).read_bytes(), (0.37, 0.61, 0.83)),
    "spine-health": ((SEED_DIR / SPINE_SEED).read_bytes(), (0.29, 0.53, 0.77)),
}


@pytest.mark.parametrize("layout", list(CUTS))
def test_documents_cut_off_mid_word_import_every_whole_sentence(db, tmp_path, client, layout):
    """Each cut (some inside a multi-byte character) imports as a page in its publisher's
    layout; every whole sentence before the cut is on the page or held back for editors, and
    the cut-off sentence is never a heading."""
    data, fractions = CUTS[layout]
    for fraction in fractions:
        offset = int(len(data) * fraction)
        folder = tmp_path / f"cut-{offset}"
        folder.mkdir()
        (folder / "cut.txt").write_bytes(data[:offset])
        ArticlePage.objects.all().delete()
        run_import(folder)
        page = ArticlePage.objects.get()
        assert page.source_publisher.startswith(("Merck", "Spine")), offset
        html = client.get(page.url).content.decode()
        kept = visible_text(html) + " " + held_back_text(page)
        text = data[:offset].decode("utf-8", errors="ignore")
        lines = [" ".join(line.split()).lstrip("• ") for line in text.splitlines()]
        for line in lines[:-1]:
            if "read more" in line or re.search(r"\d{4};", line) or "Brand" in line:
                continue  # pop-ups, citations and the drugs table are kept as their own parts
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                if sentence.endswith((".", "!", "?")) and len(sentence.split()) > 3:
                    assert sentence in kept, (offset, sentence)
        cut = lines[-1]
        section_headings = [
            visible_text(m) for m in re.findall(r"<h2[^>]*>(.*?)</h2>", html, flags=re.S)
        ]
        assert cut not in section_headings, (offset, cut)
        assert len(elements(html, "h1")) == 1

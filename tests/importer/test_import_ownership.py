"""Issue 17, data safety (items 1-4): editors win for real, an article's identity, brands on
live drug pages; and issue 14's broken-text markers as the import stores them."""

import shutil

import pytest

from django.core.management.base import CommandError
from django.urls import reverse

from articles.models import ArticlePage
from drugs.models import DrugPage
from importer.attention import AttentionKind, marked_blocks
from importer.models import ImportProposal

from .import_helpers import (
    MERCK_SEED,
    MERCK_TITLE,
    SEED_DIR,
    SPINE_TITLE,
    run_import,
    snapshot,
    visible_text,
    write_documents,
)
from .structure_documents import MERCK_BRANDS, SPINE_QUIET

OLD_SENTENCE = "Sometimes neuropathic pain is deep and aching."
NEW_SENTENCE = "Sometimes the pain is deep and aching."


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEED_DIR, folder)
    return folder


def change_source(folder):
    path = folder / MERCK_SEED
    path.write_text(path.read_text().replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")


def paragraphs(page):
    return [block.value.source for block in page.body if block.block_type == "paragraph"]


# 1. Editors win: a proposal, and the editor's latest revision stays latest --------------------


def test_1_reimport_into_an_edited_page_is_a_proposal_keeping_the_editors_fields(
    db, seeds, admin_user, client
):
    run_import(seeds)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    draft = page.get_latest_revision_as_object()
    draft.title = "Nerve Pain (Neuropathic Pain)"
    draft.save_revision(user=admin_user).publish(user=admin_user)
    draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.summary = "An editor's unpublished summary."
    editors_revision = draft.save_revision(user=admin_user)  # an unpublished draft
    revisions = page.revisions.count()
    change_source(seeds)

    output = run_import(seeds)
    assert "Articles changed by an editor since their last import: 1" in output
    page.refresh_from_db()
    assert page.revisions.count() == revisions  # the import wrote no revision
    assert page.latest_revision_id == editors_revision.pk  # the editor opens their version
    assert page.title == "Nerve Pain (Neuropathic Pain)"
    assert f"<p>{OLD_SENTENCE}</p>" in paragraphs(page)
    proposal = ImportProposal.objects.get(page=page, status="pending")
    assert set(proposal.imported) == {"body"}  # only what the import changed
    assert proposal.kept == []
    assert "unchanged: 2" in run_import(seeds)  # no second proposal for the same text

    # Listed in the import-attention report, compared side by side, then applied.
    client.force_login(admin_user)
    report = client.get(reverse("editorial_attention_report")).content.decode()
    url = reverse("editorial_import_proposal", args=[proposal.pk])
    assert url in report
    compare = visible_text(client.get(url).content)
    assert OLD_SENTENCE in compare and NEW_SENTENCE in compare
    response = client.post(url, {"action": "apply"})
    assert response.status_code == 302
    page.refresh_from_db()
    applied = page.get_latest_revision_as_object()
    assert page.latest_revision.user == admin_user
    assert applied.title == "Nerve Pain (Neuropathic Pain)"
    assert applied.summary == "An editor's unpublished summary."
    assert f"<p>{NEW_SENTENCE}</p>" in paragraphs(applied)
    assert not page.live_revision_id == page.latest_revision_id  # published only via review
    proposal.refresh_from_db()
    assert proposal.status == "applied" and proposal.decided_by == admin_user
    assert client.post(url, {"action": "dismiss"}).status_code == 302  # no longer pending
    proposal.refresh_from_db()
    assert proposal.status == "applied"


def test_1_a_field_both_changed_is_kept_as_the_editors_and_can_be_dismissed(
    db, seeds, admin_user, client
):
    run_import(seeds)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    draft = page.get_latest_revision_as_object()
    draft.body = [(b.block_type, b.value) for b in draft.body if b.block_type != "cross_reference"]
    draft.save_revision(user=admin_user).publish(user=admin_user)
    change_source(seeds)
    run_import(seeds)
    proposal = ImportProposal.objects.get(page=page, status="pending")
    assert proposal.kept == ["body"] and proposal.carried == []
    client.force_login(admin_user)
    url = reverse("editorial_import_proposal", args=[proposal.pk])
    assert "Kept as you changed it" in client.get(url).content.decode()
    assert client.post(url, {"action": "bogus"}).status_code == 302  # refused, nothing done
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    client.post(url, {"action": "dismiss"})
    proposal.refresh_from_db()
    assert proposal.status == "dismissed"


def test_1_proposal_view_needs_edit_permission(db, seeds, django_user_model, client):
    run_import(seeds)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    ArticlePage.objects.filter(pk=page.pk).update(title="Edited directly")
    change_source(seeds)
    run_import(seeds)
    proposal = ImportProposal.objects.get(page=page)
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    url = reverse("editorial_import_proposal", args=[proposal.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"action": "apply"}).status_code in (302, 403)
    proposal.refresh_from_db()
    assert proposal.status == "pending"


# 4. A title changed directly in the database is the editor's too ------------------------------


def test_4_title_changed_directly_in_the_database_survives_reimports(db, seeds):
    run_import(seeds)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    ArticlePage.objects.filter(pk=page.pk).update(title="Neuropathic Pain (edited in SQL)")
    change_source(seeds)
    output = run_import(seeds)
    assert "Articles changed by an editor since their last import: 1" in output
    page.refresh_from_db()
    assert page.title == "Neuropathic Pain (edited in SQL)"
    proposal = ImportProposal.objects.get(page=page, status="pending")
    assert "title" not in proposal.imported
    assert "body" in proposal.imported
    run_import(seeds)
    page.refresh_from_db()
    assert page.title == "Neuropathic Pain (edited in SQL)"


# 2. Identity: a different text never takes over an article ------------------------------------


def test_2_different_text_under_the_same_guessed_title_stops_the_run(db, tmp_path):
    run_import(
        write_documents(
            tmp_path / "one", {"a.txt": SPINE_QUIET}, {"a.txt": {"title": "Nerve Pain Care"}}
        )
    )
    before = snapshot()
    other = (
        "Spine-health\n\nStretching keeps stiff joints moving and lowers strain on the back.\n\n"
        "See Stretching Basics\n\nSee Back Exercises\n"
    )
    folder = write_documents(
        tmp_path / "two", {"b.txt": other}, {"b.txt": {"title": "Nerve Pain Care"}}
    )
    with pytest.raises(
        CommandError, match=r"b\.txt: would replace the text of the article “Nerve Pain Care”"
    ):
        run_import(folder)
    assert snapshot() == before


def test_2_two_different_texts_with_one_title_in_a_run_stop_it(db, tmp_path):
    other = SPINE_QUIET.replace("Gentle activity", "Warm baths").replace(
        "The distinct", "A distinct"
    )
    unrelated = "Spine-health\n\nStretching keeps stiff joints moving.\n\nSee A\n\nSee B\n"
    folder = write_documents(
        tmp_path,
        {"a.txt": SPINE_QUIET, "b.txt": unrelated, "c.txt": other},
        {name: {"title": "Same Title"} for name in ("a.txt", "b.txt", "c.txt")},
    )
    with pytest.raises(CommandError, match="same title as"):
        run_import(folder)
    assert not ArticlePage.objects.filter(title="Same Title").exists()


def test_2_a_small_edit_and_a_url_identity_update_the_same_article(db, tmp_path):
    manifest = {"a.txt": {"title": "Nerve Pain Care", "url": "https://www.example.org/nerve-pain"}}
    run_import(write_documents(tmp_path / "one", {"a.txt": SPINE_QUIET}, manifest))
    page = ArticlePage.objects.get()
    assert page.source_key == "url:https://www.example.org/nerve-pain"
    assert page.source_url == "https://www.example.org/nerve-pain"
    # A rewrite under the same address, and a new title, is the same article.
    rewritten = "Spine-health\n\nAll new wording about nerves.\n\nSee X Page\n\nSee Y Page\n"
    manifest["a.txt"]["title"] = "Nerve Pain: Care at Home"
    output = run_import(write_documents(tmp_path / "two", {"a.txt": rewritten}, manifest))
    assert "updated: 1" in output
    assert ArticlePage.objects.get().title == "Nerve Pain: Care at Home"


def test_2_url_line_in_the_text_is_the_identity_and_not_content(db, tmp_path):
    text = "URL: https://www.example.org/ulnar\n\n" + SPINE_QUIET
    run_import(write_documents(tmp_path, {"a.txt": text}, {"a.txt": {"title": "Ulnar"}}))
    page = ArticlePage.objects.get()
    assert page.source_key == "url:https://www.example.org/ulnar"
    assert "example.org" not in " ".join(paragraphs(page))


def test_2_manifest_url_must_be_an_http_address(db, tmp_path):
    folder = write_documents(
        tmp_path, {"a.txt": SPINE_QUIET}, {"a.txt": {"url": "javascript:alert(1)"}}
    )
    with pytest.raises(CommandError, match="url must be an http"):
        run_import(folder)


# 3. Brands: unknown names never reach a live drug page; markup refused ------------------------


def test_3_unknown_brand_mixed_with_a_known_one_is_reported_not_published(db, tmp_path, client):
    output = run_import(write_documents(tmp_path, {"phn.txt": MERCK_BRANDS}))
    pregabalin = DrugPage.objects.get(title__iexact="pregabalin")
    lidocaine = DrugPage.objects.get(title__iexact="lidocaine")
    names = {b.name for page in (pregabalin, lidocaine) for b in page.brand_names.all()}
    assert "Lyrica" in names and "Lidoderm" in names
    assert "Fictiva Forte" not in names
    assert not any("<" in name or "img" in name for name in names)
    assert not DrugPage.objects.filter(brand_names__name__icontains="img").exists()
    html = client.get(pregabalin.url).content.decode()
    assert "Fictiva" not in html
    article = ArticlePage.objects.get(title="Postherpetic Neuralgia")
    assert ["Fictiva Forte"] in article.unidentified_brands
    excerpts = [a["excerpt"] for a in article.attention if a["kind"] == "unidentified_brand"]
    assert "Fictiva Forte" in excerpts
    assert "<img src=x onerror=alert(1)>" in excerpts  # refused, reported for an editor
    # The run's summary names the article and the row held back for editors.
    assert "Brand-name rows not added to a drug page:" in output
    assert "Postherpetic Neuralgia: Fictiva Forte" in output


# 10. Dry-run wording ---------------------------------------------------------------------------


def test_10_dry_run_says_would_for_quizzes_too(db, seeds):
    output = run_import(seeds, dry_run=True)
    assert "Draft quizzes would be created: 1" in output
    assert "Draft quizzes created" not in output


# Issue 14's markers on the seed articles ------------------------------------------------------


def test_seed_articles_mark_every_broken_place_and_keep_its_text(db, client):
    run_import()
    merck = ArticlePage.objects.get(title=MERCK_TITLE)
    spine = ArticlePage.objects.get(title=SPINE_TITLE)
    marked = {(str(kind), text) for _i, kind, text in marked_blocks(merck)}
    assert (AttentionKind.LOST_LIST, "Neuropathic pain may result from") in marked
    assert (
        AttentionKind.LOST_LIST,
        "Pain relievers used to treat neuropathic pain include the following:",
    ) in marked
    assert (AttentionKind.EMPTY_HEADING, "Physical and occupational therapy") in marked
    spine_marked = {(str(kind), text) for _i, kind, text in marked_blocks(spine)}
    assert (AttentionKind.VIDEO_INCOMPLETE, "Causes of Neuropathic Pain") in spine_marked
    assert (AttentionKind.UNRESOLVED_LINK, "Anatomy Of Nerve Pain") in spine_marked
    # Kept in the content, rendered as nothing for readers.
    held = [b for b in merck.body if b.block_type == "held_back"]
    assert len(held) == 3
    assert all(block.render() == "" for block in held)
    text = visible_text(client.get(merck.url).content, within_class="article__body")
    assert "include the following:" not in text
    assert "Neuropathic pain may result from" not in text
    assert "Physical and occupational therapy" not in text
    heading_texts = [b.value["text"] for b in merck.body if b.block_type == "heading"]
    assert "Physical and occupational therapy" not in heading_texts


def test_report_lists_each_problem_once(db):
    from importer.attention import page_items

    run_import()
    spine = ArticlePage.objects.get(title=SPINE_TITLE)
    lines = [str(item) for item in page_items(spine)]
    assert len(lines) == len(set(lines))
    see = [line for line in lines if "Anatomy Of Nerve Pain" in line]
    assert len(see) == 1
    video = [line for line in lines if "Causes of Neuropathic Pain" in line]
    assert len(video) == 1


def test_9_see_bullet_inside_a_list_links_once_the_article_exists(db, tmp_path, client):
    from .structure_documents import SPINE_STRUCTURE

    posture = (
        "Sitting upright with the screen at eye level eases the neck.\n\nSee A Page\n\nSee B Page\n"
    )
    folder = write_documents(
        tmp_path,
        {"ulnar.txt": SPINE_STRUCTURE, "posture.txt": posture},
        {
            "ulnar.txt": {"title": "Ulnar Nerve Entrapment"},
            "posture.txt": {"title": "Posture Tips for Desk Work"},
        },
    )
    run_import(folder)
    target = ArticlePage.objects.get(title="Posture Tips for Desk Work")
    ulnar = ArticlePage.objects.get(title="Ulnar Nerve Entrapment")
    lists = [b for b in ulnar.body if b.block_type == "bullet_list"]
    items = [i.source for b in lists for i in b.value["items"]]
    assert f'<p>See <a linktype="page" id="{target.pk}">Posture Tips for Desk Work</a></p>' in items
    assert "Posture Tips for Desk Work" not in [
        a["excerpt"] for a in ulnar.attention if a["kind"] == "unresolved_link"
    ]
    html = client.get(ulnar.url).content.decode()
    assert f'href="{target.url}"' in html


def test_10_did_you_know_box_is_a_note_callout_linking_nowhere(db, tmp_path, client):
    from .structure_documents import MERCK_STRUCTURE

    run_import(write_documents(tmp_path, {"carpal.txt": MERCK_STRUCTURE}))
    page = ArticlePage.objects.get(title="Carpal Tunnel Syndrome")
    notes = [b.value for b in page.body if b.block_type == "callout" and b.value["kind"] == "note"]
    assert [(n["heading"], n["text"].source, n["page"]) for n in notes] == [
        (
            "Did You Know...",
            "<p>Shaking the hand out often eases the tingling for a while.</p>",
            None,
        )
    ]
    text = visible_text(client.get(page.url).content, within_class="article__body")
    assert "Did You Know... Shaking the hand out often eases the tingling" in text
    # The structure cases reach the page: label in bold, lead-in and cut-off line held back.
    assert "More and more, doctors are learning that th" not in text
    assert "Wrist exercises" not in text
    assert "Carpal tunnel syndrome may be" in text


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("Lyrica CR", True),
        ("LMX 4 with Tegaderm", True),
        ("Zilactin-L", True),
        ("Aspercreme (Lidocaine)", True),
        ("Trödel & Co.", True),
        ("<img src=x onerror=alert(1)>", False),
        ('Lyrica" onmouseover="x', False),
        ("{{ 7*7 }}", False),
        ("Brand;DROP", False),
        ("", False),
        ("x" * 101, False),
    ],
)
def test_3_brand_names_are_validated(name, valid):
    from importer.drug_tables import valid_brand_name

    assert valid_brand_name(name) is valid

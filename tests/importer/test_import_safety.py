"""The import is safe to run again and again: idempotent, never overwrites an editor's work,
all or nothing, order-independent, and refuses bad input with one clear line."""

import shutil

import pytest

from django.core.management import ManagementUtility
from django.core.management.base import CommandError
from django.db import connections

from articles.models import ArticlePage
from importer.sources import MAX_BYTES
from importer.writer import ArticleImporter

from .documents import CERVICAL, CERVICAL_TITLE, PLAIN, TARSAL_TUNNEL
from .import_helpers import (
    MERCK_SEED,
    MERCK_TITLE,
    SEED_DIR,
    SPINE_SEED,
    link_target,
    run_import,
    snapshot,
    visible_text,
    write_documents,
)

MERCK_SENTENCE = "Sometimes neuropathic pain is deep and aching."


@pytest.fixture
def seeds(tmp_path):
    """A copy of the seed folder the test may edit, as an editor feeding new versions would."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEED_DIR, folder)
    return folder


def edit_source(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def paragraphs(page):
    return [block.value.source for block in page.body if block.block_type == "paragraph"]


# Idempotency --------------------------------------------------------------------------------


def test_second_run_creates_and_changes_nothing(db, seeds):
    run_import(seeds)
    before = snapshot()
    output = run_import(seeds)
    assert snapshot() == before
    assert "Articles created: 0, updated: 0, unchanged: 2, skipped: 0" in output
    assert "Drugs created: 0, updated: 0" in output


def test_changed_source_updates_the_live_page_with_one_new_revision(db, seeds, client):
    run_import(seeds)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    revisions = page.revisions.count()
    drugs = [drug.title for drug in page.mentioned_drugs()]
    edit_source(seeds, MERCK_SEED, MERCK_SENTENCE, "Sometimes neuropathic pain is deep.")
    output = run_import(seeds)
    assert "Articles created: 0, updated: 1, unchanged: 1, skipped: 0" in output
    page.refresh_from_db()
    assert "<p>Sometimes neuropathic pain is deep.</p>" in paragraphs(page)
    assert page.revisions.count() == revisions + 1
    assert page.live_revision_id == page.latest_revision_id == page.loaded_revision_id
    assert [drug.title for drug in page.mentioned_drugs()] == drugs != []  # in the same order
    assert "Sometimes neuropathic pain is deep." in visible_text(client.get(page.url).content)
    assert snapshot() == (run_import(seeds) and snapshot())  # and stable again


def test_duplicate_document_in_one_run_is_skipped(db, tmp_path):
    folder = write_documents(tmp_path, {"a.txt": TARSAL_TUNNEL, "b.txt": TARSAL_TUNNEL})
    output = run_import(folder)
    assert "Articles created: 1, updated: 0, unchanged: 0, skipped: 1" in output
    assert "b.txt: same article as" in output
    assert ArticlePage.objects.filter(title="Tarsal Tunnel Syndrome").count() == 1


# Editors' work ------------------------------------------------------------------------------


def editor_publishes(page, user, **changes):
    draft = page.get_latest_revision_as_object()
    for field, value in changes.items():
        setattr(draft, field, value)
    draft.save_revision(user=user).publish(user=user)


def test_editor_changes_survive_a_reimport(db, seeds, admin_user, client):
    run_import(seeds)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    editor_publishes(
        page, admin_user, summary="An editor's summary of nerve pain.", seo_title="Nerve pain"
    )
    page.refresh_from_db()
    editors_revision = page.latest_revision_id
    edit_source(seeds, MERCK_SEED, MERCK_SENTENCE, "Sometimes the pain is deep and aching.")

    output = run_import(seeds)
    assert "Articles created: 0, updated: 0, unchanged: 1, skipped: 0" in output
    assert "Articles changed by an editor since their last import: 1" in output
    page.refresh_from_db()
    # The live page and the latest revision are the editor's; the import is a proposal.
    assert page.summary == "An editor's summary of nerve pain."
    assert f"<p>{MERCK_SENTENCE}</p>" in paragraphs(page)
    assert page.latest_revision_id == editors_revision
    assert not page.has_unpublished_changes
    proposal = page.import_proposals.get(status="pending")
    assert set(proposal.imported) == {"body"}
    text = visible_text(client.get(page.url).content)
    assert MERCK_SENTENCE in text
    assert "Sometimes the pain is deep and aching." not in text

    before = snapshot()
    assert "unchanged: 2" in run_import(seeds)
    assert snapshot() == before


def test_editor_changes_stay_when_the_source_did_not_change(db, seeds, admin_user):
    run_import(seeds)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    editor_publishes(page, admin_user, title="Nerve Pain (Neuropathic Pain)")
    before = snapshot()
    assert "unchanged: 2" in run_import(seeds)
    assert snapshot() == before
    page.refresh_from_db()
    assert page.title == "Nerve Pain (Neuropathic Pain)"


def test_draft_option_saves_unpublished_pages(db, seeds, client):
    output = run_import(seeds, draft=True)
    assert "(saved as drafts)" in output
    pages = ArticlePage.objects.all()
    assert [p.live for p in pages] == [False, False]
    assert all(p.latest_revision_id == p.loaded_revision_id for p in pages)
    assert client.get("/articles/neuropathic-pain/").status_code == 404
    assert client.get("/drugs/gabapentin/").status_code == 200  # reference drugs are facts
    before = snapshot()
    assert "unchanged: 2" in run_import(seeds)
    assert snapshot() == before


def test_dry_run_writes_nothing(db, seeds):
    before = snapshot()
    output = run_import(seeds, dry_run=True)
    assert snapshot() == before
    assert "Articles would be created: 2" in output
    assert "Dry run: nothing was written." in output


# Links between articles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names", [("a.txt", "b.txt"), ("b.txt", "a.txt")], ids=["linker-first", "target-first"]
)
def test_links_resolve_within_a_run_in_any_order(db, tmp_path, names):
    linker, target = names
    folder = write_documents(
        tmp_path,
        {linker: CERVICAL, target: TARSAL_TUNNEL},
        manifest={linker: {"title": CERVICAL_TITLE}},
    )
    output = run_import(folder)
    tarsal = ArticlePage.objects.get(title="Tarsal Tunnel Syndrome")
    cervical = ArticlePage.objects.get(title=CERVICAL_TITLE)
    see = {b.value["title"]: b.value["page"] for b in cervical.body if b.block_type == "see_also"}
    assert see["Tarsal Tunnel Syndrome"].pk == tarsal.pk
    items = [
        str(i) for b in cervical.body if b.block_type == "bullet_list" for i in b.value["items"]
    ]
    assert "<p>See Neck Arthritis and Nerve Pain</p>" in items  # inside its list, no article yet
    assert "Unresolved links: 1" in output
    assert [a["excerpt"] for a in cervical.attention if a["kind"] == "unresolved_link"] == [
        "Neck Arthritis and Nerve Pain"
    ]


def test_a_later_run_links_earlier_articles_to_its_pages(db, tmp_path, client):
    first = write_documents(
        tmp_path / "first", {"cervical.txt": CERVICAL}, {"cervical.txt": {"title": CERVICAL_TITLE}}
    )
    run_import(first)
    cervical = ArticlePage.objects.get(title=CERVICAL_TITLE)
    html = client.get(cervical.url).content.decode()
    # Until the article exists: a search, labelled as one (not dressed as an article link).
    assert link_target(html, "search NeuroPain for “Tarsal Tunnel Syndrome”") == (
        "/search/",
        {"q": "Tarsal Tunnel Syndrome"},
    )

    output = run_import(write_documents(tmp_path / "second", {"tarsal.txt": TARSAL_TUNNEL}))
    assert "Earlier articles whose links now resolve: 1" in output
    tarsal = ArticlePage.objects.get(title="Tarsal Tunnel Syndrome")
    cervical.refresh_from_db()
    assert cervical.live_revision_id == cervical.latest_revision_id == cervical.loaded_revision_id
    html = client.get(cervical.url).content.decode()
    assert link_target(html, "Tarsal Tunnel Syndrome") == (tarsal.url, {})
    assert [a["excerpt"] for a in cervical.attention if a["kind"] == "unresolved_link"] == [
        "Neck Arthritis and Nerve Pain"
    ]
    before = snapshot()
    run_import(first)
    run_import(tmp_path / "second")
    assert snapshot() == before


NECK_TITLE = "Neck Arthritis and Nerve Pain"
NECK = (
    "Wear in the joints of the neck can narrow the openings the nerves pass through.\n\n"
    "See Neck Exercises\n\nSee Posture Basics\n"
)


def test_9_a_later_run_links_a_see_bullet_inside_an_earlier_articles_list(db, tmp_path, client):
    """A "• See X" inside a list, written as plain text while X was missing, is linked by the
    run that brings X, as a standalone "See X" line is; the rest of the list is untouched."""
    first = write_documents(
        tmp_path / "first", {"cervical.txt": CERVICAL}, {"cervical.txt": {"title": CERVICAL_TITLE}}
    )
    run_import(first)
    cervical = ArticlePage.objects.get(title=CERVICAL_TITLE)
    items_before = list_items(cervical)
    assert "<p>See Neck Arthritis and Nerve Pain</p>" in items_before

    second = write_documents(
        tmp_path / "second", {"neck.txt": NECK}, {"neck.txt": {"title": NECK_TITLE}}
    )
    output = run_import(second)
    assert "Earlier articles whose links now resolve: 1" in output
    neck = ArticlePage.objects.get(title=NECK_TITLE)
    cervical.refresh_from_db()
    assert cervical.live_revision_id == cervical.latest_revision_id == cervical.loaded_revision_id
    linked = f'<p>See <a linktype="page" id="{neck.pk}">{NECK_TITLE}</a></p>'
    assert list_items(cervical) == [
        linked if item == f"<p>See {NECK_TITLE}</p>" else item for item in items_before
    ]
    pending = [a["excerpt"] for a in cervical.attention if a["kind"] == "unresolved_link"]
    assert NECK_TITLE not in pending and "Tarsal Tunnel Syndrome" in pending
    html = client.get(cervical.url).content.decode()
    assert link_target(html, NECK_TITLE) == (neck.url, {})
    # Running either folder again writes nothing.
    before = snapshot()
    run_import(first)
    run_import(second)
    assert snapshot() == before


def test_9_relinking_leaves_a_see_bullet_alone_when_an_editor_owns_the_page(db, tmp_path):
    first = write_documents(
        tmp_path / "first", {"cervical.txt": CERVICAL}, {"cervical.txt": {"title": CERVICAL_TITLE}}
    )
    run_import(first)
    cervical = ArticlePage.objects.get(title=CERVICAL_TITLE)
    cervical.save_revision()  # an editor's draft on top of the import's revision
    items_before = list_items(cervical)
    output = run_import(
        write_documents(
            tmp_path / "second", {"neck.txt": NECK}, {"neck.txt": {"title": NECK_TITLE}}
        )
    )
    assert "Earlier articles whose links now resolve" not in output
    cervical.refresh_from_db()
    assert list_items(cervical) == items_before


def list_items(page):
    return [i.source for b in page.body if b.block_type == "bullet_list" for i in b.value["items"]]


# All or nothing ---------------------------------------------------------------------------


def fail_on_call(monkeypatch, method, call_number):
    original = getattr(ArticleImporter, method)
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == call_number:
            raise RuntimeError("injected failure")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArticleImporter, method, failing)
    return calls


def test_failure_half_way_through_new_articles_leaves_the_database_as_it_was(
    db, tmp_path, monkeypatch
):
    folder = write_documents(
        tmp_path,
        {"1.txt": TARSAL_TUNNEL, "2.txt": CERVICAL, "3.txt": PLAIN},
        manifest={"2.txt": {"title": CERVICAL_TITLE}},
    )
    before = snapshot()
    calls = fail_on_call(monkeypatch, "_apply_fields", 3)
    with pytest.raises(RuntimeError, match="injected failure"):
        run_import(folder)
    assert len(calls) == 3  # two articles were written before the failure
    assert snapshot() == before


def test_failure_half_way_through_updates_leaves_the_database_as_it_was(db, seeds, monkeypatch):
    run_import(seeds)
    edit_source(seeds, MERCK_SEED, MERCK_SENTENCE, "Sometimes the pain is deep and aching.")
    edit_source(seeds, SPINE_SEED, "Pain usually occurs", "Pain often occurs")
    before = snapshot()
    calls = fail_on_call(monkeypatch, "_merge_brands", 1)  # after both articles are written
    with pytest.raises(RuntimeError, match="injected failure"):
        run_import(seeds)
    assert calls == [1]
    assert snapshot() == before


# Bad input --------------------------------------------------------------------------------


def run_from_command_line(monkeypatch, *args):
    """Run the command as `manage.py` does; returns the exit status."""
    # manage.py closes the database connections when a command ends; here that would close
    # the test's own transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    utility = ManagementUtility(["manage.py", "import_seed_content", *map(str, args)])
    with pytest.raises(SystemExit) as exit_info:
        utility.execute()
    return exit_info.value.code


BAD_INPUTS = {
    "missing": (None, "no such file or folder"),
    "empty.txt": (b"", "file is empty"),
    "blank.txt": (b"  \n\t\n   \n", "file holds only whitespace"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    "latin1.txt": ("Névralgie du nerf sciatique.".encode("latin-1"), "not UTF-8 text"),
    "huge.txt": (b"Nerve pain. " * (MAX_BYTES // 12 + 1), "over the 5 MB limit"),
    "chrome.txt": (
        b"Merck Manual\n\nhoneypot link\n\nquiz link\n\nTest your knowledge\n",
        "document holds only site chrome",
    ),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_refused_with_one_line_and_nothing_written(
    db, tmp_path, capsys, monkeypatch, name
):
    content, message = BAD_INPUTS[name]
    folder = write_documents(tmp_path, {"good.txt": TARSAL_TUNNEL})
    bad = folder / name
    if content is not None:
        bad.write_bytes(content)
    before = snapshot()
    status = run_from_command_line(monkeypatch, folder / "good.txt", bad)
    assert status == 1
    stderr = capsys.readouterr().err.strip().splitlines()
    assert len(stderr) == 1
    assert stderr[0].startswith(f"CommandError: {bad}: ")
    assert message in stderr[0]
    assert snapshot() == before
    assert not ArticlePage.objects.exists()


def test_folder_without_text_files_is_refused(db, tmp_path):
    (tmp_path / "notes.md").write_text("Not an article.", encoding="utf-8")
    with pytest.raises(CommandError, match="folder has no .txt files"):
        run_import(tmp_path)


def test_bad_document_in_a_folder_stops_the_whole_run(db, tmp_path):
    folder = write_documents(tmp_path, {"a.txt": TARSAL_TUNNEL, "b.txt": "   \n"})
    with pytest.raises(CommandError, match=r"b\.txt: file holds only whitespace"):
        run_import(folder)
    assert not ArticlePage.objects.exists()


def test_malformed_manifest_is_refused(db, tmp_path):
    folder = write_documents(tmp_path, {"a.txt": TARSAL_TUNNEL})
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="manifest.json: not a readable JSON manifest"):
        run_import(folder)

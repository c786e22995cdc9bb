"""Review covers shared content: an editor's change to a person, glossary term or drug class is
a draft until a medical reviewer approves it, and public pages show only live versions."""

import pytest
from bs4 import BeautifulSoup

from django.core import mail

from wagtail.models import TaskState, Workflow

from articles.models import ArticleAuthor
from core.fragments import current_generation
from core.models import Person
from drugs.models import DrugClass
from glossary.models import GlossaryTerm
from tests.factories import ArticlePageFactory, GlossaryTermFactory

OLD_DEFINITION = "Pain from a touch that does not normally hurt."
NEW_DEFINITION = "Pain from a light touch (set by editor)."


@pytest.fixture
def term(db):
    return GlossaryTermFactory(term="allodynia", slug="allodynia", definition=OLD_DEFINITION)


@pytest.fixture
def reviewed_article(article_index, term, reviewer):
    page = ArticlePageFactory(
        parent=article_index,
        title="Touch and pain",
        body=[("paragraph", "<p>Allodynia makes clothes hurt.</p>")],
        reviewer=reviewer.person,
    )
    page.save_revision().publish()
    return page


def snippet_url(obj, view, *args):
    meta = obj._meta
    return f"/admin/snippets/{meta.app_label}/{meta.model_name}/{view}/{obj.pk}/" + "".join(
        f"{arg}/" for arg in args
    )


def public_text(login, page):
    return login(None).get(page.url).text


def approve_snippet(login, reviewer, obj, comment=""):
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    return login(reviewer).post(
        f"/admin/snippets/{obj._meta.app_label}/{obj._meta.model_name}/workflow/action/"
        f"{obj.pk}/approve/{task_state.pk}/",
        {"comment": comment},
    )


def submit_new_definition(login, editor, term):
    """The editor changes the term's definition and submits it for medical review."""
    return login(editor).post(
        snippet_url(term, "edit"),
        {
            "term": term.term,
            "slug": term.slug,
            "definition": NEW_DEFINITION,
            "aliases": "",
            "action-submit": "Submit",
        },
    )


def test_shared_snippets_are_in_the_medical_review_workflow(db):
    workflow = Workflow.objects.get(name="Medical review")
    for model in (Person, GlossaryTerm, DrugClass):
        assert model().get_workflow() == workflow, model


def test_editor_glossary_edit_waits_for_approval(login, editor, reviewer, reviewed_article, term):
    assert OLD_DEFINITION in public_text(login, reviewed_article)
    mail.outbox.clear()
    response = submit_new_definition(login, editor, term)
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.definition == OLD_DEFINITION and term.has_unpublished_changes
    assert any(reviewer.email in message.to for message in mail.outbox)
    # The live reviewed article still shows the reviewed definition.
    text = public_text(login, reviewed_article)
    assert OLD_DEFINITION in text and NEW_DEFINITION not in text
    assert OLD_DEFINITION in login(None).get("/glossary/").text

    assert approve_snippet(login, reviewer, term).status_code == 302
    term.refresh_from_db()
    assert term.definition == NEW_DEFINITION and not term.has_unpublished_changes
    text = public_text(login, reviewed_article)
    assert NEW_DEFINITION in text and OLD_DEFINITION not in text


def test_editor_person_rename_waits_for_approval(login, editor, reviewer, reviewed_article):
    person = reviewer.person
    response = login(editor).post(
        snippet_url(person, "edit"),
        {
            "name": "Dr Editor-Chosen Name",
            "credentials": "MD, FRCP (set by editor)",
            "affiliation": "",
            "role": person.role,
            "user": str(reviewer.pk),
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 302
    text = public_text(login, reviewed_article)
    assert "Editor-Chosen" not in text and "Dr Rex Reviewer, MD" in text

    approve_snippet(login, reviewer, person)
    text = public_text(login, reviewed_article)
    assert "Dr Editor-Chosen Name, MD, FRCP (set by editor)" in text


def test_editor_cannot_publish_shared_content(login, editor, term):
    page = login(editor).get(snippet_url(term, "edit"))
    names = {b.get("name") for b in BeautifulSoup(page.text, "html.parser").find_all("button")}
    assert "action-submit" in names and "action-publish" not in names
    login(editor).post(
        snippet_url(term, "edit"),
        {
            "term": term.term,
            "slug": term.slug,
            "definition": NEW_DEFINITION,
            "aliases": "",
            "action-publish": "Publish",
        },
    )
    term.refresh_from_db()
    assert term.definition == OLD_DEFINITION


def test_new_term_is_not_public_until_approved(login, editor, reviewer, site):
    login(editor).post(
        "/admin/snippets/glossary/glossaryterm/add/",
        {
            "term": "hyperalgesia",
            "slug": "hyperalgesia",
            "definition": "More pain.",
            "aliases": "",
            "action-submit": "Submit",
        },
    )
    term = GlossaryTerm.objects.get(slug="hyperalgesia")
    assert not term.live
    assert "hyperalgesia" not in login(None).get("/glossary/").text
    approve_snippet(login, reviewer, term)
    assert "hyperalgesia" in login(None).get("/glossary/").text


def test_the_cache_is_replaced_on_approval_not_on_a_draft(
    settings, login, editor, reviewer, reviewed_article, term
):
    """A draft waiting for review changes nothing a reader sees, so cached pages stay; the
    approval publishes the term and replaces the content generation."""
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = True
    before = current_generation()
    response = submit_new_definition(login, editor, term)
    assert response.status_code == 302
    assert current_generation() == before
    assert approve_snippet(login, reviewer, term).status_code == 302
    assert current_generation() != before


def test_never_approved_reviewer_or_author_is_not_named_on_a_live_page(
    login, editor, reviewer, reviewed_article
):
    """A Person record created as a draft (never approved) may be chosen on a page, but readers
    are not told of it: neither the article's byline nor its JSON-LD names an unapproved person."""
    draft_reviewer = Person.objects.create(
        name="Dr Draft Name", credentials="MD", role=Person.Role.MEDICAL_REVIEWER, live=False
    )
    draft_author = Person.objects.create(name="Unapproved Author", live=False)
    reviewed_article.reviewer = draft_reviewer
    reviewed_article.authors.add(ArticleAuthor(person=draft_author))
    reviewed_article.save_revision().publish()

    html = public_text(login, reviewed_article)
    assert "Dr Draft Name" not in html
    assert "Unapproved Author" not in html
    assert reviewed_article.public_reviewer is None

    draft_reviewer.live = True
    draft_reviewer.save()
    reviewed_article.refresh_from_db()
    assert reviewed_article.public_reviewer == draft_reviewer

"""What each role can and cannot do in the admin: anonymous, editor, medical reviewer,
administrator."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, TaskState, Workflow, WorkflowPage

from review.models import ReviewSettings
from tests.factories import GlossaryTermFactory, QuizPageFactory

from .forms import article_edit_form

ROLES = ["anonymous", "editor", "reviewer", "administrator"]


@pytest.fixture
def as_role(request, login):
    def client_for(role):
        return login(None if role == "anonymous" else request.getfixturevalue(role))

    return client_for


def outcome(response):
    """'ok', 'login' (sent to log in) or 'denied' (Wagtail's permission-denied redirect)."""
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return "login"
    if response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/":
        return "denied"
    return f"unexpected {response.status_code}"


def buttons(response):
    soup = BeautifulSoup(response.text, "html.parser")
    return {button.get("name") for button in soup.find_all("button") if button.get("name")}


def test_groups_exist_with_only_their_permissions(db):
    editors = Group.objects.get(name="Editors")
    assert set(editors.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("core", "add_person"),
        ("core", "change_person"),
        ("glossary", "add_glossaryterm"),
        ("glossary", "change_glossaryterm"),
        ("drugs", "add_drugclass"),
        ("drugs", "change_drugclass"),
        ("physicians", "add_physician"),
        ("physicians", "change_physician"),
    }
    assert set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "page__slug", "permission__codename"
        )
    ) == {
        ("articles", "add_page"),
        ("articles", "change_page"),
        ("drugs", "add_page"),
        ("drugs", "change_page"),
        ("quizzes", "add_page"),
        ("quizzes", "change_page"),
        ("quizzes", "publish_page"),
    }
    reviewers = Group.objects.get(name="Medical reviewers")
    # Reviewers edit and approve (publish) the shared content reviewed pages show (issue #18).
    assert set(reviewers.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        *(
            f"{action}_{model}"
            for action in ("change", "publish")
            for model in ("person", "glossaryterm", "drugclass")
        ),
    }
    assert set(
        GroupPagePermission.objects.filter(group=reviewers).values_list(
            "page__slug", "permission__codename"
        )
    ) == {
        ("articles", "change_page"),
        ("articles", "publish_page"),
        ("drugs", "change_page"),
        ("drugs", "publish_page"),
        ("find-a-physician", "change_page"),
        ("find-a-physician", "publish_page"),
    }
    administrators = Group.objects.get(name="Administrators")
    assert administrators.permissions.count() == Permission.objects.count()
    assert not Group.objects.filter(name="Moderators").exists()


def test_medical_review_workflow_covers_articles_drugs_and_the_physician_explainer(
    article_index, drug_index, quiz_index, physician_search_page
):
    workflow = Workflow.objects.get(name="Medical review", active=True)
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Medical reviewers"]
    assert set(WorkflowPage.objects.filter(workflow=workflow).values_list("page", flat=True)) == {
        article_index.pk,
        drug_index.pk,
        physician_search_page.pk,
    }
    assert article_index.get_workflow() == workflow
    assert quiz_index.get_workflow() is None


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", "login"), ("editor", "ok"), ("reviewer", "ok"), ("administrator", "ok")],
)
def test_edit_article(as_role, role, expected, article):
    assert outcome(as_role(role).get(f"/admin/pages/{article.pk}/edit/")) == expected


@pytest.mark.parametrize(
    "role, can_publish, can_submit",
    [("editor", False, True), ("reviewer", True, True), ("administrator", True, True)],
)
def test_publish_and_submit_buttons(as_role, role, can_publish, can_submit, article, drug):
    for page in (article, drug):
        names = buttons(as_role(role).get(f"/admin/pages/{page.pk}/edit/"))
        assert ("action-publish" in names) == can_publish, page
        assert ("action-submit" in names) == can_submit, page


def test_editor_publishes_quizzes(as_role, quiz_index):
    quiz = QuizPageFactory(parent=quiz_index)
    assert "action-publish" in buttons(as_role("editor").get(f"/admin/pages/{quiz.pk}/edit/"))


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", "login"), ("editor", "ok"), ("reviewer", "denied"), ("administrator", "ok")],
)
def test_create_article(as_role, role, expected, article_index):
    url = f"/admin/pages/add/articles/articlepage/{article_index.pk}/"
    assert outcome(as_role(role).get(url)) == expected


# Only medical reviewers approve a medical review; administrators can still publish directly,
# which records a correction, not a review.
@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", "login"), ("editor", "denied"), ("reviewer", "ok"), ("administrator", "denied")],
)
def test_approve(as_role, role, expected, login, article, editor):
    client = login(editor)
    client.post(
        f"/admin/pages/{article.pk}/edit/", article_edit_form(article, **{"action-submit": "1"})
    )
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    url = f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
    assert outcome(as_role(role).get(url)) == expected
    response = as_role(role).post(url, {"comment": ""})
    task_state.refresh_from_db()
    approved = task_state.status == TaskState.STATUS_APPROVED
    assert approved == (expected == "ok")
    article.refresh_from_db()
    assert article.has_unpublished_changes == (not approved)
    if not approved:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    "role, can_add, can_delete",
    [
        ("anonymous", "login", "login"),
        ("editor", "ok", "denied"),
        ("reviewer", "denied", "denied"),
        ("administrator", "ok", "ok"),
    ],
)
@pytest.mark.parametrize(
    "snippet", ["core/person", "glossary/glossaryterm", "drugs/drugclass", "physicians/physician"]
)
def test_snippets(as_role, role, can_add, can_delete, snippet, site):
    term = GlossaryTermFactory()
    client = as_role(role)
    assert outcome(client.get(f"/admin/snippets/{snippet}/add/")) == can_add
    if snippet == "glossary/glossaryterm":
        delete = client.get(f"/admin/snippets/glossary/glossaryterm/delete/{term.pk}/")
        assert outcome(delete) == can_delete


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", "login"), ("editor", "ok"), ("reviewer", "ok"), ("administrator", "ok")],
)
@pytest.mark.parametrize("url", ["/admin/reports/review-due/", "/admin/reports/import-attention/"])
def test_reports(as_role, role, expected, url, site):
    assert outcome(as_role(role).get(url)) == expected


def test_reports_need_page_permissions(login, django_user_model, site):
    user = django_user_model.objects.create_user("viewer", "v@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert outcome(login(user).get("/admin/reports/review-due/")) == "denied"


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", "login"),
        ("editor", "denied"),
        ("reviewer", "denied"),
        ("administrator", "ok"),
    ],
)
def test_users_settings_and_workflows_are_for_administrators(as_role, role, expected, site):
    ReviewSettings.for_site(site)
    client = as_role(role)
    for url in [
        "/admin/users/",
        "/admin/groups/",
        f"/admin/settings/review/reviewsettings/{site.pk}/",
        "/admin/workflows/list/",
    ]:
        assert outcome(client.get(url)) == expected, url

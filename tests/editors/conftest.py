"""Users in each role, and an article and a drug under the medical review workflow."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.test import Client

from core.models import Person
from review.roles import ADMINISTRATORS_GROUP, EDITORS_GROUP, REVIEWERS_GROUP
from tests.factories import ArticleAuthorFactory, ArticlePageFactory, DrugPageFactory, PersonFactory


def make_user(django_user_model, username, group_name=None, **extra):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "pw", first_name=username.title(), **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return make_user(django_user_model, "edna", EDITORS_GROUP, last_name="Editor")


@pytest.fixture
def reviewer(db, django_user_model):
    user = make_user(django_user_model, "rex", REVIEWERS_GROUP, last_name="Reviewer")
    Person.objects.create(
        name="Dr Rex Reviewer", credentials="MD", role=Person.Role.MEDICAL_REVIEWER, user=user
    )
    return user


@pytest.fixture
def administrator(db, django_user_model):
    return make_user(django_user_model, "ada", ADMINISTRATORS_GROUP, last_name="Admin")


@pytest.fixture
def login():
    def log_in(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return log_in


@pytest.fixture
def article(article_index):
    """A live article last reviewed two years ago, with one published revision."""
    page = ArticlePageFactory(
        parent=article_index,
        title="Living with nerve pain",
        last_reviewed=datetime.date(2023, 5, 2),
        last_modified=datetime.date(2023, 6, 1),
        next_review_due=datetime.date(2024, 5, 2),
    )
    ArticleAuthorFactory(page=page, person=PersonFactory(name="Jane Author"))
    page.reviewer = PersonFactory(name="Dr Old Reviewer", role=Person.Role.MEDICAL_REVIEWER)
    page.save()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def drug(drug_index):
    page = DrugPageFactory(parent=drug_index, title="pregabalin")
    page.save_revision().publish()
    page.refresh_from_db()
    return page

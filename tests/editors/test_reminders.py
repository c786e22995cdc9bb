"""send_review_reminders: each reviewer gets their own due pages, once a day."""

import datetime
from io import StringIO

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import Person
from review.models import ReviewReminder
from tests.factories import ArticlePageFactory, DrugPageFactory

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def run(*args):
    out = StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due_pages(article_index, drug_index, reviewer, django_user_model):
    other_user = django_user_model.objects.create_user("olga", "olga@example.com", "pw")
    other = Person.objects.create(
        name="Dr Olga Other", role=Person.Role.MEDICAL_REVIEWER, user=other_user
    )
    no_account = Person.objects.create(name="Dr No Account", role=Person.Role.MEDICAL_REVIEWER)
    mine = reviewer.person
    return {
        "mine_overdue": ArticlePageFactory(
            parent=article_index,
            title="Rex overdue",
            reviewer=mine,
            last_reviewed=days(-400),
            next_review_due=days(-20),
        ),
        "mine_drug": DrugPageFactory(
            parent=drug_index,
            title="rexamycin",
            reviewer=mine,
            last_reviewed=days(-340),
            next_review_due=days(25),
        ),
        "mine_fresh": ArticlePageFactory(
            parent=article_index,
            title="Rex fresh",
            reviewer=mine,
            last_reviewed=days(-10),
            next_review_due=days(355),
        ),
        "other": ArticlePageFactory(
            parent=article_index,
            title="Olga overdue",
            reviewer=other,
            last_reviewed=days(-500),
            next_review_due=days(-100),
        ),
        "orphan": ArticlePageFactory(
            parent=article_index,
            title="No account overdue",
            reviewer=no_account,
            last_reviewed=days(-500),
            next_review_due=days(-100),
        ),
    }


def test_each_reviewer_gets_their_due_pages(due_pages, reviewer):
    output = run()
    assert len(mail.outbox) == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    mine = by_recipient[reviewer.email]
    assert mine.subject == "NeuroPain: 2 page(s) due for medical review"
    assert "Rex overdue (overdue since" in mine.body
    assert "rexamycin (due " in mine.body
    assert f"/admin/pages/{due_pages['mine_overdue'].pk}/edit/" in mine.body
    assert "Rex fresh" not in mine.body
    assert "Olga overdue" not in mine.body
    assert "Olga overdue" in by_recipient["olga@example.com"].body
    assert "Dr No Account: no active admin account with an email address" in output
    assert "Sent 2 reminder(s)" in output


def test_second_run_the_same_day_sends_nothing(due_pages):
    run()
    assert len(mail.outbox) == 2
    output = run()
    assert len(mail.outbox) == 2
    assert "Sent 0 reminder(s); 2 reviewer(s) already reminded today" in output
    assert ReviewReminder.objects.filter(sent_on=TODAY).count() == 2


def test_dry_run_sends_and_records_nothing(due_pages, reviewer):
    output = run("--dry-run")
    assert mail.outbox == []
    assert not ReviewReminder.objects.exists()
    assert f"Would email {reviewer.email} about 2 page(s):" in output
    assert "Would send 2 reminder(s)" in output


def test_nothing_due_sends_nothing(site):
    assert "Sent 0 reminder(s)" in run()
    assert mail.outbox == []

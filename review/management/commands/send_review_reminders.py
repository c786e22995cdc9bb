from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.models import Person
from review.due import DUE_SOON_DAYS, ReviewStatus, due_for_review
from review.models import ReviewReminder


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def long_date(day):
    return f"{day.day} {day:%B %Y}"


def describe(page):
    if page.review_status == ReviewStatus.OVERDUE:
        when = f"overdue since {long_date(page.review_due)}"
    elif page.review_status == ReviewStatus.DUE_SOON:
        when = f"due {long_date(page.review_due)}"
    else:
        when = ReviewStatus.LABELS[page.review_status].lower()
    return f"- {page.title} ({when})\n  {admin_url(reverse('wagtailadmin_pages:edit', args=[page.pk]))}"


class Command(BaseCommand):
    help = (
        f"Email each medical reviewer the live pages they reviewed whose next review is overdue "
        f"or due within {DUE_SOON_DAYS} days. Safe to run from cron: a reviewer gets at most one "
        f"reminder a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be emailed; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        pages_by_reviewer = {}
        for page in due_for_review(today).filter(review_reviewer_id__isnull=False):
            pages_by_reviewer.setdefault(page.review_reviewer_id, []).append(page)
        people = Person.objects.select_related("user").in_bulk(list(pages_by_reviewer))

        sent = already = no_email = 0
        for person_id, pages in sorted(
            pages_by_reviewer.items(), key=lambda item: people[item[0]].name
        ):
            person = people[person_id]
            user = person.user
            if user is None or not user.email or not user.is_active:
                no_email += 1
                self.stdout.write(
                    self.style.WARNING(
                        f"{person.name}: no active admin account with an email address; "
                        f"{len(pages)} page(s) not reminded."
                    )
                )
                continue
            if ReviewReminder.objects.filter(user=user, sent_on=today).exists():
                already += 1
                self.stdout.write(f"{user.email}: already reminded today.")
                continue
            pages.sort(key=lambda page: (page.review_due is not None, page.review_due, page.title))
            if dry_run:
                self.stdout.write(f"Would email {user.email} about {len(pages)} page(s):")
                for page in pages:
                    self.stdout.write(describe(page))
                sent += 1
                continue
            try:
                self.remind(person, user, pages, today)
            except IntegrityError:
                # Another run reminded this reviewer a moment ago.
                already += 1
                continue
            sent += 1
            self.stdout.write(f"Emailed {user.email} about {len(pages)} page(s).")

        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {sent} reminder(s); {already} reviewer(s) already reminded "
                f"today; {no_email} reviewer(s) without an email address."
            )
        )

    @transaction.atomic
    def remind(self, person, user, pages, today):
        # The record is written first, so two overlapping runs cannot both send.
        ReviewReminder.objects.create(user=user, sent_on=today, page_count=len(pages))
        lines = "\n".join(describe(page) for page in pages)
        body = (
            f"Hello {person.name},\n\n"
            f"These NeuroPain pages you medically reviewed need a new review:\n\n{lines}\n\n"
            f"All pages due for review: {admin_url(reverse('editorial_review_due_report'))}\n"
        )
        subject = f"NeuroPain: {len(pages)} page(s) due for medical review"
        try:
            send_mail(subject, body, None, [user.email])
        except OSError as error:
            raise CommandError(f"Could not email {user.email}: {error}") from error

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import Person
from review.roles import EDITORS_GROUP, REVIEWERS_GROUP

# (username, email, first name, last name, password variable, group)
SAMPLE_ACCOUNTS = [
    ("editor", "editor@example.com", "Sample", "Editor", "EDITOR_PASSWORD", EDITORS_GROUP),
    (
        "reviewer",
        "reviewer@example.com",
        "Sample",
        "Reviewer",
        "REVIEWER_PASSWORD",
        REVIEWERS_GROUP,
    ),
]
SAMPLE_REVIEWER_PERSON = "Sample Reviewer"


def password_from(variable):
    """(password, shown): the environment's, or a generated one to print once."""
    if os.environ.get(variable):
        return os.environ[variable], f"from {variable}"
    password = secrets.token_urlsafe(12)
    return password, password


class Command(BaseCommand):
    help = (
        "Create the 'admin' superuser and the sample 'editor' (Editors) and 'reviewer' (Medical "
        "reviewers, person 'Sample Reviewer') accounts if missing. Passwords come from "
        "ADMIN_PASSWORD, EDITOR_PASSWORD and REVIEWER_PASSWORD, or are generated and printed "
        "once. Existing accounts keep their passwords."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        created = 0
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Account 'admin' already exists; password unchanged.")
        else:
            password, shown = password_from("ADMIN_PASSWORD")
            User.objects.create_superuser("admin", "admin@example.com", password)
            self.stdout.write(self.style.SUCCESS(f"Created account 'admin' with password: {shown}"))
            created += 1

        for username, email, first, last, variable, group_name in SAMPLE_ACCOUNTS:
            try:
                group = Group.objects.get(name=group_name)
            except Group.DoesNotExist as error:
                raise CommandError(
                    f"Group '{group_name}' is missing: run migrate first."
                ) from error
            user = User.objects.filter(username=username).first()
            if user is None:
                password, shown = password_from(variable)
                user = User.objects.create_user(
                    username, email, password, first_name=first, last_name=last
                )
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Created account '{username}' ({group_name}) with password: {shown}"
                    )
                )
                created += 1
            else:
                self.stdout.write(f"Account '{username}' already exists; password unchanged.")
            user.groups.add(group)

        reviewer = User.objects.get(username="reviewer")
        person = (
            Person.objects.filter(user=reviewer).first()
            or Person.objects.filter(name=SAMPLE_REVIEWER_PERSON).first()
        )
        if person is None:
            person = Person(name=SAMPLE_REVIEWER_PERSON)
        person.user = reviewer
        if person.role == Person.Role.AUTHOR:
            person.role = Person.Role.MEDICAL_REVIEWER
        person.save()
        self.stdout.write(self.style.SUCCESS(f"{created} account(s) created."))

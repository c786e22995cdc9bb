from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import reset


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app (a lost or replaced phone). They sign in with their "
        "password and, where two-factor sign-in is required, set up the new phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f'No user is called "{username}".')
        removed = reset(user)
        self.stdout.write(
            self.style.SUCCESS(f"Removed {removed} authenticator app(s) for {username}.")
        )

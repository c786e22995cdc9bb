from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: two-factor sign-in, the sample accounts and their resets."""

    name = "accounts"

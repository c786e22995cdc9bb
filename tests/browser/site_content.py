"""The browser tests' content: the site seeded exactly as `make run` seeds it."""

from django.core.management import call_command

from tests.importer.import_helpers import MERCK_TITLE, SPINE_TITLE

QUIZ_SLUG = "neuropathic-pain-quiz"

__all__ = ["MERCK_TITLE", "QUIZ_SLUG", "SPINE_TITLE", "seed_site"]


def seed_site():
    """Import the seed articles, then load the authored content (glossary, quiz, ...)."""
    call_command("import_seed_content", verbosity=0)
    call_command("load_site_content", verbosity=0)

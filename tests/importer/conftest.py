import pytest

from django.db import transaction

from .import_helpers import run_import


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed articles imported once for a module's tests (the command's output), inside a
    transaction rolled back when the module is done, so other modules start clean."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_import()
        yield output
        transaction.set_rollback(True)

"""The documented backup (pg_dump -Fc) restores (pg_restore) to the same site, history included."""

import os
import shutil
import subprocess

import pytest

from django.db import connection

from tests.helpers import python_json

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL"
    ),
]


def server_url(name):
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert result.returncode == 0, f"{command[0]}: {result.stderr}"
    return result


def psql(sql):
    run("psql", server_url("postgres"), "-v", "ON_ERROR_STOP=1", "-qc", sql)


def site_snapshot(name):
    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="neuropain.settings.test", DATABASE_URL=server_url(name)
    )
    return python_json(["-m", "tests.security.site_snapshot"], env, timeout=300)


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dump_drop_restore_serves_the_same_pages_and_revisions(tmp_path, public_site):
    article = public_site["article"]
    for n in (2, 3):
        article.summary = f"Summary, edition {n}."
        article.save_revision().publish()
    article.summary = "An unpublished draft edit."
    article.save_revision()

    live = f"np_security_restore_{os.getpid()}"
    backup = tmp_path / "neuropain.dump"
    psql(f'DROP DATABASE IF EXISTS "{live}"')
    try:
        # Stand up a copy of the test database as "the live site".
        run(
            "pg_dump",
            "-Fc",
            "-f",
            str(tmp_path / "seed.dump"),
            server_url(connection.settings_dict["NAME"]),
        )
        psql(f'CREATE DATABASE "{live}"')
        run("pg_restore", "--no-owner", "-d", server_url(live), str(tmp_path / "seed.dump"))
        before = site_snapshot(live)

        # The README's procedure: back up, lose the database, restore.
        run("pg_dump", "-Fc", "-f", str(backup), server_url(live))
        psql(f'DROP DATABASE "{live}"')
        psql(f'CREATE DATABASE "{live}"')
        run("pg_restore", "--no-owner", "--exit-on-error", "-d", server_url(live), str(backup))
        after = site_snapshot(live)
    finally:
        psql(f'DROP DATABASE IF EXISTS "{live}"')

    assert len(before["pages"]) >= 10
    assert before["pages"][article.url]["status"] == 200
    assert "Summary, edition 3." in before["pages"][article.url]["html"]
    article_revisions = [r for r in before["revisions"] if r["page"] == str(article.pk)]
    assert len(article_revisions) >= 3  # two published editions and the draft
    assert after == before

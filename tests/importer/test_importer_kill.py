"""The importer killed half-way (SIGTERM, as a deploy or an OOM killer would) changes nothing.

The importer's contract is one transaction per run. This runs the real command in a separate
process against a database both processes can open, waits until it is inside its transaction,
kills it, and compares every table with what was there before.
"""

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from django.db import connection

from tests.factories import ArticlePageFactory, DrugPageFactory

BASE_DIR = Path(__file__).resolve().parents[2]
DOCUMENTS = 1200


def write_documents(folder, count):
    """Spine-health-shaped articles on made-up topics, enough to take a while to import."""
    folder.mkdir()
    for n in range(count):
        topic = f"Synthetic nerve condition {n}"
        (folder / f"synthetic_{n:05d}.txt").write_text(
            f"{topic} is a kind of nerve pain. Nerve pain, also called neuropathic pain, "
            f"results from damage to the nerves themselves.\n\n"
            "See Anatomy Of Nerve Pain\n\n"
            f"Understanding {topic}\n\n"
            f"People with {topic.lower()} often describe burning or tingling. "
            "Symptoms can come and go.\n\n"
            "  • Burning\n  • Tingling\n  • Numbness\n\n"
            f"Treating {topic}\n\n"
            "Treatment aims to relieve symptoms and improve daily functioning.\n\n"
            "Find a Physician Near You\n\nSearch for a Doctor\n",
            encoding="utf-8",
        )


class Database:
    """The test database, reachable from another process and inspected with the raw driver."""

    def __init__(self, tmp_path):
        if connection.vendor == "sqlite":
            # The suite's SQLite database lives in memory: copy it to a file both can open.
            self.path = tmp_path / "db.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(self.path)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.path}"
        else:
            s = connection.settings_dict
            self.url = (
                f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
            )

    def tables(self, cursor):
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(row[0] for row in cursor.fetchall())

    def connect(self):
        if connection.vendor == "sqlite":
            return sqlite3.connect(self.path, timeout=30)
        return psycopg.connect(self.url.replace("postgres://", "postgresql://"), autocommit=True)

    def snapshot(self):
        """Every table's row count and a digest of its rows."""
        con = self.connect()
        try:
            cursor = con.cursor()
            result = {}
            for table in self.tables(cursor):
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue
                rows = sorted(repr(row) for row in cursor.fetchall())
                result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
            return result
        finally:
            con.close()

    def import_in_progress(self, pid):
        """True once the importer holds an open write transaction."""
        if connection.vendor == "sqlite":
            con = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True  # another connection holds the write lock
            finally:
                con.close()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND xact_start < now() - interval '1 second'"
            )
            return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sigterm_mid_import_leaves_the_database_exactly_as_before(
    tmp_path, article_index, drug_index
):
    ArticlePageFactory(parent=article_index, title="Existing article")
    DrugPageFactory(parent=drug_index, title="gabapentin")
    database = Database(tmp_path)
    write_documents(tmp_path / "docs", DOCUMENTS)
    before = database.snapshot()

    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="neuropain.settings.test", DATABASE_URL=database.url
    )
    importer = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "import_seed_content", str(tmp_path / "docs")],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        locked_since = None
        while time.monotonic() < deadline and importer.poll() is None:
            if database.import_in_progress(importer.pid):
                locked_since = locked_since or time.monotonic()
                if time.monotonic() - locked_since > 1.0:
                    break
            else:
                locked_since = None
            time.sleep(0.1)
        assert importer.poll() is None, (
            "the import finished before it could be interrupted; raise DOCUMENTS\n"
            + importer.communicate()[1][-2000:]
        )
        assert locked_since is not None, "the importer never opened its transaction"
        importer.send_signal(signal.SIGTERM)
        stdout, stderr = importer.communicate(timeout=60)
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.communicate()

    assert importer.returncode != 0, stdout[-2000:]
    after = database.snapshot()
    changed = {t for t in before if before[t] != after.get(t)} | (set(after) - set(before))
    assert not changed, f"tables changed by a killed import: {sorted(changed)}"

"""A second store opened and closed in the same process (the app's worker threads do it) keeps SQLite's locks on
the file: another program closing its connection must not take itself for the last one and delete the WAL that
holds this process's verdicts (https://www.sqlite.org/howtocorrupt.html, 2.2)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from store import NewClaim, Store, content_hash

OTHER_PROGRAM = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT COUNT(*) FROM claims").fetchall()
conn.close()
"""


def test_another_program_closing_its_connection_leaves_this_process_wal_and_verdicts(tmp_path):
    path = tmp_path / "desk.db"
    text = "The dam cost 4 billion."
    with Store(path) as app:
        with app.transaction():
            article_id = app.insert_article("Dam", text, content_hash(text), "Wire")
            app.insert_claims(article_id, [NewClaim(text, 0, len(text))])
        with Store(path):  # a worker thread's connection, opened and closed while the app's stays open
            pass
        subprocess.run([sys.executable, "-c", OTHER_PROGRAM, str(path)], check=True)
        assert path.with_name("desk.db-wal").exists()
        app.decide(1, "verified", "ana")
        seen = sqlite3.connect(path).execute("SELECT status FROM claims WHERE id = 1").fetchall()
        assert seen == [("verified",)]  # another program sees the verdict the moment it is made
    with Store(path) as reopened:
        assert reopened.desk_claim(1).status == "verified"
        assert reopened.execute("PRAGMA integrity_check") == [("ok",)]

"""`make demo` builds its database with fixtures/demo.py: the articles load, the earlier verdicts are recorded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store import Store

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo.py"


@pytest.mark.slow
def test_the_demo_database_builds_with_articles_matches_and_earlier_verdicts(tmp_path):
    db = tmp_path / "demo.db"
    done = subprocess.run([sys.executable, str(DEMO), "--db", str(db)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    with Store(db) as store:
        summaries = store.articles()
        assert len(summaries) >= 5
        assert any(s.decided for s in summaries) and any(s.matched for s in summaries)

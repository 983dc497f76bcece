"""Issue 18: a command on a large archive does not read every page before answering when claimdesk found the
file whole and nothing changed it since; a file changed by anything else is checked again, and refused when
damaged."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, StoreError, content_hash
from store.sqlite import connection as connection_module


@pytest.fixture
def checks(monkeypatch):
    """Counts page checks; each Store opened afterwards behaves as in a new process (nothing checked yet)."""
    made = []
    real = connection_module._quick_check

    def counted(conn, path):
        made.append(path)
        return real(conn, path)

    monkeypatch.setattr(connection_module, "_quick_check", counted)
    monkeypatch.setattr(connection_module, "_CHECKED", set())
    return made


def new_process():
    connection_module._CHECKED.clear()


def make_db(path):
    with Store(path) as store:
        for n in range(40):
            text = f"Article {n}: the flood forced {n} people from their homes, officials said. " * 20
            with store.transaction():
                article_id = store.insert_article(f"A{n}", text, content_hash(text), "Wire")
                store.insert_claims(article_id, [NewClaim(text[:40], 0, 40, 0.5, "other", None)])
    return path


def test_an_unchanged_file_is_checked_once_across_commands(tmp_path, checks):
    path = make_db(tmp_path / "a.db")
    new_process()
    with Store(path, create=False, upgrade=False) as store:
        store.articles()
    count = len(checks)
    new_process()
    with Store(path, create=False, upgrade=False) as store:
        store.articles()
    assert len(checks) == count  # nothing changed since the last command: no second read of every page


def test_a_write_by_claimdesk_keeps_the_file_vouched_for(tmp_path, checks):
    path = make_db(tmp_path / "a.db")
    new_process()
    with Store(path) as store:
        store.decide(1, "verified", "ana")
    count = len(checks)
    new_process()
    with Store(path, create=False, upgrade=False) as store:
        assert store.claim(1).status == "verified"
    assert len(checks) == count


def test_a_file_changed_by_something_else_is_checked_again_and_refused_when_damaged(tmp_path, checks):
    path = make_db(tmp_path / "a.db")
    new_process()
    Store(path).close()
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    page = len(data) // size - 2
    data[page * size : (page + 1) * size] = bytes([0x5A]) * size
    path.write_bytes(bytes(data))
    new_process()
    count = len(checks)
    with pytest.raises(StoreError, match="damaged"):
        Store(path, create=False, upgrade=False)
    assert len(checks) == count + 1

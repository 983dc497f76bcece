"""Every test keeps persisted match indexes (and the record of checked databases) in its own temporary folders,
never in the user's cache."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_index_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_INDEX_DIR", str(tmp_path_factory.mktemp("match-index")))
    monkeypatch.setenv("CLAIMDESK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))

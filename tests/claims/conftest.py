"""Shared fixtures for the claims tests: the spaCy model is loaded once per session."""

from __future__ import annotations

import pytest

from claims.extract.nlp import ModelMissingError, load_nlp
from claims.extract.pipeline import Extractor


@pytest.fixture(scope="session")
def nlp():
    try:
        return load_nlp()
    except ModelMissingError as error:
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def extractor(nlp) -> Extractor:
    """An Extractor sharing the session's pipeline (the model is cached per name)."""
    return Extractor()

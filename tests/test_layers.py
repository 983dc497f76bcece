"""The layers point one way (tui -> claims -> store), and the review screens open without spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def modules_after_import(statement: str) -> set[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize(
    ("statement", "forbidden"),
    [
        pytest.param("import store, store.exchange.export, store.paths",
                     {"tui", "claims", "textual", "rich", "spacy", "rapidfuzz"}, id="store-stands-alone"),
        pytest.param("import claims.desk.load, claims.match.matcher, claims.extract.pipeline, claims.read.article",
                     {"tui", "textual", "rich"}, id="claims-knows-no-textual"),
        pytest.param("import tui.app, tui.cli.main", {"spacy", "thinc", "onnxruntime", "tokenizers"},
                     id="review-app-opens-without-spacy-or-the-model"),
        pytest.param("import claims.extract.pipeline, claims.extract.nlp", {"spacy", "thinc", "onnxruntime",
                                                                             "tokenizers"},
                     id="spacy-and-the-model-loaded-only-when-used"),
    ],
)
def test_importing_a_layer_does_not_pull_in_what_it_must_not(statement, forbidden):
    assert top_level(modules_after_import(statement)) & forbidden == set()

"""The fine-tuned encoder: default scorer, lazy loading, the numpy fallback, and what it tells apart."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claims.extract import checkworthiness
from claims.extract.checkworthiness import ModelScorer, load_scorer
from claims.extract.detector import DEFAULT_DIR
from claims.extract.encoder_model import ENCODER_DIR, ClaimModel, EncoderScorer


def test_the_packaged_encoder_is_small_enough_to_ship() -> None:
    size = sum(path.stat().st_size for path in ENCODER_DIR.iterdir())
    assert size < 30_000_000
    assert json.loads((ENCODER_DIR / "meta.json").read_text())["article"]["weights"]


def test_default_scorer_is_the_encoder_and_tells_a_claim_from_a_courtesy() -> None:
    scorer = load_scorer()
    assert isinstance(scorer, EncoderScorer)
    claim, courtesy = scorer.score([None, None], ["The port handled 4 million boxes in 2020.", "Thank you."],
                                   [False, False])
    assert claim >= scorer.threshold > courtesy


def test_scores_keep_input_order_whatever_the_lengths() -> None:
    model = ClaimModel(batch_size=2)
    texts = ["Thank you.", "Unemployment fell to 3.5 percent in 2019, the lowest in fifty years.", "Hello there.",
             "The state spent $40 million on the bridge, twice the original estimate."]
    together = model.score(texts)
    alone = [model.score([t])[0] for t in texts]
    assert together == pytest.approx(alone, abs=0.01)  # int8: activations are quantised per batch
    assert together[1] > together[0] and together[3] > together[2]


def test_constructing_the_scorer_loads_no_runtime() -> None:
    code = ("import sys\nfrom claims.extract.checkworthiness import load_scorer\nload_scorer()\n"
            "print('onnxruntime' in sys.modules, 'tokenizers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_detector_dir_setting_can_still_pick_the_numpy_model(monkeypatch) -> None:
    monkeypatch.setenv(checkworthiness.DETECTOR_ENV, str(DEFAULT_DIR))
    assert isinstance(load_scorer(), ModelScorer)


def test_without_onnxruntime_the_numpy_model_is_the_fallback(monkeypatch) -> None:
    monkeypatch.setattr(checkworthiness, "runtime_available", lambda: False)
    assert isinstance(load_scorer(), ModelScorer)
    with pytest.warns(UserWarning, match="needs onnxruntime"):
        assert isinstance(load_scorer(ENCODER_DIR), ModelScorer)

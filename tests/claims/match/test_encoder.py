"""The sentence encoder (claims.match.encoder) as shipped: unit vectors in input order, a paraphrase closer than
an unrelated sentence, a vector that does not depend on its batch, int8 storage, lazy loading, its files found."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from claims.match.encoder import DIMS, ENV_DIR, available, dequantise, dequantise_many, model_dir, quantise

CLAIM = "The city council cut the police budget by 12 percent in 2021."
PARAPHRASE = "In 2021 the council reduced police funding by twelve per cent."
SAME_TOPIC = "The council raised the police budget by 12 percent in 2021."
UNRELATED = "Penguins huddle together to survive the Antarctic winter."
TEXTS = [CLAIM, PARAPHRASE, UNRELATED, "Exports of wheat doubled last year, the ministry said.", ""]


def test_one_unit_vector_per_text_in_input_order(encoder):
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), DIMS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    backwards = encoder.encode(TEXTS[::-1])
    assert np.allclose(backwards[::-1], vectors, atol=1e-5)
    assert encoder.encode([]).shape == (0, DIMS)


def test_a_paraphrase_is_closer_than_an_unrelated_sentence(encoder):
    claim, paraphrase, unrelated = encoder.encode([CLAIM, PARAPHRASE, UNRELATED])
    assert float(claim @ paraphrase) > 0.7 > 0.2 > float(claim @ unrelated)


def test_a_text_gets_the_same_vector_alone_as_in_any_batch(encoder):
    together = encoder.encode(TEXTS + [SAME_TOPIC * 3])
    alone = np.stack([encoder.encode([text])[0] for text in TEXTS])
    assert np.allclose(together[: len(TEXTS)], alone, atol=1e-5)


def test_whitespace_does_not_change_a_vector(encoder):
    plain, spaced = encoder.encode([CLAIM, "  The city council cut\nthe police budget  by 12 percent in 2021. "])
    assert np.allclose(plain, spaced, atol=1e-6)


def test_int8_storage_keeps_the_cosine(encoder):
    claim, paraphrase = encoder.encode([CLAIM, PARAPHRASE])
    stored = quantise(claim)
    assert isinstance(stored, bytes) and len(stored) == DIMS
    back = dequantise(stored)
    assert abs(float(np.linalg.norm(back)) - 1) < 1e-6 and float(back @ claim) > 0.9995
    assert abs(float(dequantise_many([stored, quantise(paraphrase)])[1] @ back) - float(claim @ paraphrase)) < 0.005
    assert quantise(np.full(DIMS, 2.0)) == bytes([127]) * DIMS  # out of range: clipped, never wrapped


def test_the_model_folder_can_be_moved_and_a_missing_one_is_reported(tmp_path, monkeypatch):
    assert available()
    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    assert model_dir() == tmp_path and not available()


def test_onnxruntime_loads_only_when_a_text_is_embedded():
    probe = ("import sys; from claims.match.encoder import Encoder; e = Encoder(); "
             "print('onnxruntime' in sys.modules, 'tokenizers' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["False", "False"]

"""The shipped check-worthiness model, its spaCy component, the cue fallback and the training entry point."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from claims.extract.checkworthiness import CueScorer, load_scorer
from claims.extract.detector import DEFAULT_DIR, FACTORY, load_detector, register_component
from claims.extract.encoder_model import EncoderScorer
from claims.extract.pipeline import Extractor
from claims.extract.train_detector import Sentence, best_threshold, prf, split_by_debate, train


@pytest.fixture(scope="module")
def detector():
    return load_detector()


def test_model_ships_inside_the_package() -> None:
    sizes = [path.stat().st_size for path in DEFAULT_DIR.iterdir()]
    assert sizes and sum(sizes) < 25 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "worthy"),
    [
        pytest.param("The state spent $4.2 billion on prisons in 2019, twice as much as in 2009.", True,
                     id="spending-figures"),
        pytest.param("Unemployment among young people has fallen by 30 percent since the law passed.", True,
                     id="percent-change"),
        pytest.param("Thank you very much, it is great to be here tonight.", False, id="pleasantry"),
        pytest.param("I think we need to come together as a country.", False, id="opinion"),
    ],
)
def test_model_separates_claims_from_talk(nlp, detector, text: str, worthy: bool) -> None:
    score = float(detector.score_spans([nlp(text)[:]])[0])
    assert 0.0 <= score <= 1.0
    assert (score >= detector.threshold) is worthy


def test_scores_do_not_depend_on_batching(nlp, detector) -> None:
    spans = [nlp(text)[:] for text in ("Taxes rose 3 percent.", "Hello there.", "The port has 40 cranes.")]
    together = detector.score_spans(spans)
    alone = np.concatenate([detector.score_spans([span]) for span in spans])
    assert np.allclose(together, alone, atol=1e-5)


def test_scores_need_only_the_tokenizer(nlp, detector) -> None:
    texts = ["The state spent $4.2 billion on prisons in 2019.", "Senator Mara Lind said no such thing."]
    parsed = detector.score_spans([nlp(text)[:] for text in texts])
    tokenized = detector.score_spans([nlp.make_doc(text)[:] for text in texts])
    assert np.array_equal(parsed, tokenized)


def test_weights_of_other_features_fall_back_to_cues(tmp_path: Path) -> None:
    for path in DEFAULT_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    with np.load(DEFAULT_DIR / "weights.npz") as arrays:
        saved = {name: arrays[name] for name in arrays.files}
    np.savez(tmp_path / "weights.npz", **(saved | {"dense": np.zeros((210, 3), np.float32)}))
    with pytest.warns(UserWarning, match="retrain"):
        assert isinstance(load_scorer(tmp_path), CueScorer)


def test_component_sets_sentence_scores(nlp, detector) -> None:
    register_component()
    doc = detector(nlp("The port has 40 cranes. Thank you."))
    assert [sent._.checkworthiness is not None for sent in doc.sents] == [True, True]
    from spacy.language import Language

    assert Language.has_factory(FACTORY)


def test_extractor_uses_the_encoder_by_default(nlp) -> None:
    extractor = Extractor()
    assert isinstance(extractor.scorer, EncoderScorer)
    assert extractor.threshold == extractor.scorer.threshold


def test_missing_model_falls_back_to_cues_with_a_warning(nlp, tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="hand-written cues"):
        scorer = load_scorer(tmp_path / "nowhere")
    assert isinstance(scorer, CueScorer)
    claims = Extractor(scorer=scorer).extract("The union has 42,000 members and lost $3 million last year.")
    assert len(claims) == 1


def test_split_holds_out_whole_debates() -> None:
    years = (1996, 2004, 2008, 2012, 2016)
    rows = [Sentence("a", 1, f"{year}-10-0{n}.txt") for year in years for n in (1, 2)]
    split = split_by_debate(rows)
    debates = [{row.debate for row in part} for part in (split.train, split.dev, split.test)]
    assert not (debates[0] & debates[1] or debates[0] & debates[2] or debates[1] & debates[2])
    assert {row.year for row in split.test} == {2012, 2016}


def test_metrics_helpers() -> None:
    truth = np.array([True, True, False, False])
    assert prf(truth, np.array([True, False, True, False]))["f1"] == 0.5
    assert best_threshold(truth, np.array([0.9, 0.8, 0.2, 0.1])) >= 0.2


def test_train_on_a_tiny_corpus_is_reproducible(nlp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = _tiny_corpus()
    for name in ("crowdsourced.csv", "groundtruth.csv"):
        with (data / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["Text", "Verdict", "File_id"])
            writer.writeheader()
            writer.writerows(rows)
    first = train(data, tmp_path / "a", seed=3)
    second = train(data, tmp_path / "b", seed=3)
    assert first == second and 0.0 <= first["test"]["f1"] <= 1.0
    a, b = load_detector(tmp_path / "a"), load_detector(tmp_path / "b")
    assert np.array_equal(a.weights.sparse, b.weights.sparse)


def _tiny_corpus() -> list[dict[str, str]]:
    worthy = "The budget grew by {n} percent in {y}."
    chatter = "Thank you, it is good to be here number {n}."
    rows = []
    for year in (2000, 2004, 2008, 2012):
        for n in range(6):
            debate = f"{year}-10-01.txt"
            rows.append({"Text": worthy.format(n=n + 2, y=year), "Verdict": "1", "File_id": debate})
            rows.append({"Text": chatter.format(n=n), "Verdict": "-1", "File_id": debate})
    return rows

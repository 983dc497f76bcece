"""read_verdict_file reads ClaimReview JSON-LD (object, list, graph, JSON Lines) and CSV/TSV into verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.exchange.fact_checks_in import RATING_MAP, ImportedVerdict, VerdictFileError, read_verdict_file, status_for

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://example.org/fact-check/taliban",
    "claimReviewed": "More than 60,000 Taliban fighters are inside Afghanistan.",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "datePublished": "2021-07-10",
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Spokesman"},
                     "datePublished": "2021-07-08"},
    "reviewRating": {"@type": "Rating", "alternateName": "Mostly False", "ratingValue": 2,
                     "bestRating": 5, "worstRating": 1},
}
EXPECTED = ImportedVerdict(
    "More than 60,000 Taliban fighters are inside Afghanistan.", "disputed", "Mostly False",
    "https://example.org/fact-check/taliban", "A. Spokesman", "2021-07-08", "Example Checks",
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("one.json", json.dumps(REVIEW), id="single-object"),
        pytest.param("list.json", json.dumps([REVIEW]), id="list"),
        pytest.param("graph.json", json.dumps({"@graph": [REVIEW]}), id="graph"),
        pytest.param("lines.jsonl", json.dumps(REVIEW) + "\n\n", id="json-lines"),
    ],
)
def test_claim_review_shapes(tmp_path: Path, name: str, text: str) -> None:
    assert list(read_verdict_file(write(tmp_path, name, text))) == [EXPECTED]


def test_numeric_rating_without_name_uses_its_scale(tmp_path: Path) -> None:
    review = {**REVIEW, "reviewRating": {"ratingValue": 5, "bestRating": 5, "worstRating": 1}}
    [verdict] = read_verdict_file(write(tmp_path, "r.json", json.dumps(review)))
    assert (verdict.status, verdict.rating) == ("verified", "true")


def test_fact_check_tools_records(tmp_path: Path) -> None:
    record = {"text": "The moon is made of cheese.", "claimant": "Someone", "claimDate": "2020-01-01",
              "claimReview": [{"publisher": {"name": "Checker"}, "url": "https://c.org/1",
                               "textualRating": "False"}]}
    [verdict] = read_verdict_file(write(tmp_path, "g.json", json.dumps({"claims": [record]})))
    assert verdict == ImportedVerdict("The moon is made of cheese.", "disputed", "False", "https://c.org/1",
                                      "Someone", "2020-01-01", "Checker")


def test_csv_with_rating_and_status_columns(tmp_path: Path) -> None:
    text = ("claim,rating,status,url,speaker,date\n"
            "Crime rose 20%,Half True,,https://x/1,Mayor,2020-02-02\n"
            "Taxes fell,,disputed,,,\n"
            ",True,,,,\n")
    verdicts = list(read_verdict_file(write(tmp_path, "checks.csv", text)))
    assert verdicts == [
        ImportedVerdict("Crime rose 20%", "unverified", "Half True", "https://x/1", "Mayor", "2020-02-02", "x"),
        ImportedVerdict("Taxes fell", "disputed", "", None, None, None, None),
    ]


def test_tsv_and_rating_override(tmp_path: Path) -> None:
    path = write(tmp_path, "checks.tsv", "Claim\tRating\nThe sky is green\tMisleading\n")
    assert next(read_verdict_file(path)).status == "disputed"
    assert next(read_verdict_file(path, {"misleading": "unverified"})).status == "unverified"


@pytest.mark.parametrize(
    ("rating", "status"),
    [("False", "disputed"), ("pants-fire", "disputed"), ("Pants on Fire!", "disputed"),
     ("mostly false", "disputed"), ("TRUE", "verified"), ("Mostly True", "verified"),
     ("half-true", "unverified"), ("Mixture", "unverified"), ("Unproven", "unverified"),
     ("Totally false claim", "disputed"), ("", "unverified"), ("???", "unverified")],
)
def test_rating_map(rating: str, status: str) -> None:
    assert status_for(rating) == status


def test_rating_map_values_are_verdicts() -> None:
    assert set(RATING_MAP.values()) == {"verified", "disputed", "unverified"}
    with pytest.raises(ValueError):
        status_for("false", {"false": "nonsense"})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("bad.json", b"{not json", id="broken-json"),
        pytest.param("bad.csv", b"text,verdict\na,b\n", id="csv-without-columns"),
        pytest.param("bin.csv", b"\x00\x01\x02binary", id="binary"),
    ],
)
def test_unreadable_files_raise_one_clear_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(VerdictFileError):
        list(read_verdict_file(path))


def test_missing_file_raises_verdict_file_error(tmp_path: Path) -> None:
    with pytest.raises(VerdictFileError):
        list(read_verdict_file(tmp_path / "absent.json"))

"""A snapshot of the match index answers exactly as the index it was taken of, before and after later changes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.match import snapshot
from claims.match.matcher import Matcher, Thresholds

CLAIMS = [
    (1, 10, "The state hired 900 new teachers in 2023, the governor said."),
    (2, 10, "Unemployment fell to 4.1 percent in March, the lowest in a decade."),
    (3, 11, "The governor hired 900 teachers last year."),
    (4, 11, "Rice prices doubled in March according to the statistics office."),
    (5, 12, "Ahmad Massoud is in neighbouring Tajikistan, a news report says."),
    (6, 12, "Massoud is inside Afghanistan in an undisclosed location."),
    (7, 13, "The bridge cost $40 million and opened two years late."),
]
QUERIES = ["the governor hired 900 new teachers", "Massoud fled to Tajikistan", "unemployment fell in March",
           "bridge cost 40 million", "nothing in common here at all"]


def hits(matcher: Matcher, query: str) -> list[tuple[int, float, str]]:
    return [(h.claim_id, h.score, h.kind) for h in matcher.search(query, limit=10, min_score=0)]


def loaded(rows, tmp_path) -> Matcher:
    plain = Matcher(Thresholds())
    plain.add_many(rows)
    snapshot.write(tmp_path / "snap", plain.frozen(), snapshot.Stamp("a", 1, 1, "m"))
    base, stamp = snapshot.read(tmp_path / "snap")
    assert stamp.archive_id == "a"
    return plain, Matcher(Thresholds(), base=base)


def test_a_snapshot_answers_as_the_index_it_was_taken_of(tmp_path):
    plain, reopened = loaded(CLAIMS, tmp_path)
    assert len(reopened) == len(plain) == len(CLAIMS)
    for query in QUERIES:
        assert hits(reopened, query) == hits(plain, query)


def test_changes_after_the_snapshot_are_seen(tmp_path):
    plain, reopened = loaded(CLAIMS, tmp_path)
    for matcher in (plain, reopened):
        matcher.remove(3)
        matcher.add(8, 14, "The governor said 900 teachers were hired in 2023.")
        matcher.add(5, 12, "Massoud and Saleh escaped to Tajikistan on September 6.")  # edited
    for query in QUERIES:
        assert hits(reopened, query) == hits(plain, query)
    assert 3 not in {h[0] for q in QUERIES for h in hits(reopened, q)}


def test_a_changed_index_refrozen_answers_as_one_built_afresh(tmp_path):
    _, reopened = loaded(CLAIMS, tmp_path)
    reopened.remove(2)
    reopened.add(9, 15, "Rice prices fell by half in April.")
    snapshot.write(tmp_path / "snap2", reopened.frozen(), snapshot.Stamp("a", 2, 9, "m"))
    base, _ = snapshot.read(tmp_path / "snap2")
    again = Matcher(Thresholds(), base=base)
    fresh = Matcher(Thresholds())
    fresh.add_many([row for row in CLAIMS if row[0] != 2] + [(9, 15, "Rice prices fell by half in April.")])
    assert len(again) == len(fresh)
    for query in [*QUERIES, "rice prices in April"]:
        assert hits(again, query) == hits(fresh, query)


def test_a_missing_or_damaged_snapshot_is_not_read(tmp_path):
    assert snapshot.read(tmp_path / "none") is None
    _, _ = loaded(CLAIMS, tmp_path)
    (tmp_path / "snap" / "meta.json").write_text("{not json", encoding="utf-8")
    assert snapshot.read(tmp_path / "snap") is None


words = st.sampled_from("tax jobs teachers governor rice bridge million percent 900 2023 fell rose march".split())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(words, min_size=2, max_size=8), min_size=1, max_size=12), st.data())
def test_any_archive_and_any_later_edits_answer_the_same(tmp_path_factory, texts, data):
    rows = [(n + 1, n % 3, " ".join(ws)) for n, ws in enumerate(texts)]
    plain, reopened = loaded(rows, tmp_path_factory.mktemp("s"))
    removed = data.draw(st.lists(st.sampled_from([r[0] for r in rows]), max_size=3))
    for matcher in (plain, reopened):
        for claim_id in removed:
            matcher.remove(claim_id)
        matcher.add(len(rows) + 5, 7, "governor teachers 900 jobs")
    query = " ".join(data.draw(st.lists(words, min_size=1, max_size=5)))
    assert hits(reopened, query) == hits(plain, query)

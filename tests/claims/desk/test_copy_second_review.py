"""`claimdesk copy --merge` (claims.desk.copy) carries the second review and the assignments, on every route
between SQLite and PostgreSQL: confirmed, reopened and awaiting verdicts arrive with who signed them off and when,
the agreement figures of `claimdesk stats` are the source's, a claim assigned to no one takes the source's
assignment while the target's own stays, and merging twice changes nothing."""

from __future__ import annotations

import itertools

import pytest

from claims.desk.copy import copy_archive
from store import NewClaim, Store, content_hash
from tests.store.exchange.test_merge_signoff import review_four

TEXT = ("The dam cost 4 billion. The flood moved 6,000 people. Rents fell 2% in May. "
        "The mayor was elected in 2019. The bridge opened in 1998.")
CLAIMS = ["The dam cost 4 billion.", "The flood moved 6,000 people.", "Rents fell 2% in May.",
          "The mayor was elected in 2019.", "The bridge opened in 1998."]
ROUTES = [("sqlite", "sqlite"), pytest.param(("sqlite", "postgres"), marks=pytest.mark.postgres),
          pytest.param(("postgres", "sqlite"), marks=pytest.mark.postgres)]
SIGNOFFS = "SELECT text, signoff, second_reviewer, second_reviewed_at FROM claims ORDER BY start"
ASSIGNED = "SELECT text, assigned_to, assigned_at FROM claims ORDER BY start"
AGREEMENT = ("SELECT c.text, s.first_reviewer, s.first_status, s.first_at, s.second_reviewer, s.outcome, s.at"
             " FROM claim_signoffs s JOIN claims c ON c.id = s.claim_id ORDER BY c.start, s.at")


def ticking(day: str):
    """A clock a second later at each call."""
    ticks = itertools.count()

    def now() -> str:
        tick = next(ticks)
        return f"{day}T09:{tick // 60:02d}:{tick % 60:02d}Z"

    return now


def build(location: str, day: str) -> Store:
    """The flood article with its five claims, undecided."""
    store = Store(location, clock=ticking(day))
    with store.transaction():
        article_id = store.insert_article("Flood", TEXT, content_hash(TEXT), "Wire", "https://a.example/flood")
        store.insert_claims(article_id, [NewClaim(t, TEXT.index(t), TEXT.index(t) + len(t)) for t in CLAIMS])
    return store


@pytest.fixture(params=ROUTES, ids=lambda route: "-to-".join(route))
def route(request):
    return request.param


@pytest.fixture
def source(route, new_archive):
    """Claim 1 confirmed by bob, 2 reopened by cy (with her note), 3 awaiting a second reviewer, 4 decided without
    second review; claims 1, 2 and 5 assigned to ana, 4 to bob."""
    with build(new_archive(route[0]), "2026-05-10") as store:
        store.assign([1, 2, 5], "ana", "lead")
        store.assign([4], "bob", "lead")
        review_four(store)
        yield store


@pytest.fixture
def target(route, new_archive):
    """The same article, undecided, earlier; claim 4 assigned to dee here."""
    with build(new_archive(route[1]), "2026-05-01") as store:
        store.assign([4], "dee", "lead")
        yield store


def by_text(store: Store, sql: str) -> dict[str, tuple]:
    return {text: tuple(rest) for text, *rest in store.execute(sql)}


def figures(store: Store) -> dict[str, tuple]:
    """The agreement figures `claimdesk stats` shows, per reviewer."""
    return {s.reviewer: (s.confirmed, s.reopened, s.confirmed_others, s.reopened_others, s.second_reviews)
            for s in store.reviewer_stats()}


def everything(store: Store) -> tuple:
    return (store.execute("SELECT * FROM claims ORDER BY id"), store.execute("SELECT * FROM claim_history ORDER BY id"),
            store.execute("SELECT * FROM claim_signoffs ORDER BY id"))


def test_a_merge_carries_every_sign_off_and_the_agreement_figures(source, target):
    outcome = copy_archive(source, target, merge=True, index=False)
    assert outcome.merged.signoffs == 3 and "3 sign-offs brought in" in outcome.summary()
    assert by_text(target, SIGNOFFS) == by_text(source, SIGNOFFS)
    assert by_text(target, SIGNOFFS)[CLAIMS[2]] == ("awaiting", None, None)
    assert target.execute(AGREEMENT) == source.execute(AGREEMENT) and len(target.execute(AGREEMENT)) == 2
    assert figures(target) == figures(source) and figures(target)["ana"][:2] == (1, 1)
    assert [c.text for c in target.awaiting_signoff()] == [CLAIMS[2]]
    reopened = target.desk_claim(2)
    assert (reopened.status, reopened.note) == ("pending", "ask the agency again")
    assert ("reopen", "cy") in [(h.action, h.reviewer) for h in target.history(2)]


def test_a_claim_assigned_to_no_one_takes_the_source_s_assignment_and_the_target_s_own_stays(source, target):
    mine = by_text(target, ASSIGNED)[CLAIMS[3]]
    outcome = copy_archive(source, target, merge=True, index=False)
    assert outcome.assignments == 3 and "3 assignments taken" in outcome.summary()
    theirs, merged = by_text(source, ASSIGNED), by_text(target, ASSIGNED)
    assert {text: merged[text] for text in (CLAIMS[0], CLAIMS[1], CLAIMS[4])} == {
        text: theirs[text] for text in (CLAIMS[0], CLAIMS[1], CLAIMS[4])}
    assert merged[CLAIMS[3]] == mine and mine[0] == "dee"
    assert merged[CLAIMS[2]] == (None, None)
    assert [c.text for c in target.team_claims(assigned_to="ana")] == [CLAIMS[0], CLAIMS[1], CLAIMS[4]]


def test_merging_twice_changes_nothing(source, target):
    copy_archive(source, target, merge=True, index=False)
    before = everything(target)
    again = copy_archive(source, target, merge=True, index=False)
    assert (again.merged.signoffs, again.merged.history, again.merged.updated, again.assignments) == (0, 0, 0, 0)
    assert "sign-off" not in again.summary() and "assignment" not in again.summary()
    assert everything(target) == before


def test_a_decision_newer_in_the_target_keeps_its_own_second_review(source, target):
    target.clock = lambda: "2026-06-01T00:00:00Z"
    target.decide(1, "disputed", "dee", "newer here", signoff=True)
    copy_archive(source, target, merge=True, index=False)
    assert (target.desk_claim(1).status, target.signoff(1).state) == ("disputed", "awaiting")
    assert CLAIMS[0] not in {row[0] for row in target.execute(AGREEMENT)}

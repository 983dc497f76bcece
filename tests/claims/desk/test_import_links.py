"""Imported checks are linked to loaded claims as a load would link them: the same panel whichever came first."""

from __future__ import annotations

import pytest

from claims.desk.import_links import link_earlier_checks
from claims.desk.load import Loader
from claims.read.article import ArticleDraft
from store import Store
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict
from store.models import IMPORTED
from tests.claims.desk.test_load_links import SentenceExtractor

CLAIMS = [
    "The new flood barrier is the cheapest insurance the country will ever buy, the minister said.",
    "The river district lost 6,000 homes to the flood of 2019, the interior ministry said.",
    "Unemployment in Calder fell to 4.1 percent in March, its lowest level since 1998.",
]
# One check of the first claim, one of the second, and checks that only share a word or two with the loaded claims.
CHECKS = [
    ("The flood barrier is the cheapest insurance the country will ever buy.", "disputed"),
    ("The river district lost 6,000 homes in the 2019 flood.", "verified"),
    ("Says private health insurance premiums doubled in five years.", "disputed"),
    ("The country will ever see its deficit fall under the new budget.", "unverified"),
    ("Says the minister bought a second home with public money.", "disputed"),
    ("Car insurance costs more in the city than anywhere in the country.", "verified"),
    ("Says flood insurance will be compulsory for every homeowner from next year.", "unverified"),
    ("The insurance industry paid out 2 billion after the storms.", "verified"),
]


def load(store: Store) -> None:
    draft = ArticleDraft("Barrier", " ".join(CLAIMS), "in/barrier.txt", "Courier")
    list(Loader(store, SentenceExtractor(), embed=False).load([draft]))


def import_checks(store: Store) -> None:
    checks = [ImportedVerdict(text, status, status, f"https://fc.example/{n}") for n, (text, status) in
              enumerate(CHECKS)]
    add_earlier_checks(store, checks, origin="import:checks.csv", keep_ids=False)


def panel(store: Store) -> set[tuple[str, str, str, float]]:
    """What the match panel shows for each loaded claim: (claim, earlier check, kind, score)."""
    shown = set()
    for claim_id, _, text in store.claim_texts(origin_not=IMPORTED):
        shown |= {(text, link.text, link.kind, round(link.score, 1)) for link in store.links(claim_id)}
    return shown


@pytest.fixture
def stores(tmp_path):
    with Store(tmp_path / "load-first.db") as first, Store(tmp_path / "import-first.db") as second:
        yield first, second


def test_a_check_imported_after_the_load_shows_as_it_would_had_it_come_first(stores):
    load_first, import_first = stores
    load(load_first)
    import_checks(load_first)
    stored = link_earlier_checks(load_first)
    import_checks(import_first)
    link_earlier_checks(import_first)  # nothing loaded yet: marked linked, nothing stored
    load(import_first)
    # The same checks, kinds and (up to the few claims the word statistics of the tiny archive then held) scores.
    assert {row[:3] for row in panel(load_first)} == {row[:3] for row in panel(import_first)}
    scores = {row[:3]: row[3] for row in panel(import_first)}
    assert all(abs(row[3] - scores[row[:3]]) < 2 for row in panel(load_first))
    linked = {(claim, check) for claim, check, _, _ in panel(load_first)}
    assert (CLAIMS[0], CHECKS[0][0]) in linked and (CLAIMS[1], CHECKS[1][0]) in linked
    assert stored == len(panel(load_first))


def test_checks_that_only_share_a_word_with_a_claim_are_not_linked(stores):
    store, _ = stores
    load(store)
    import_checks(store)
    link_earlier_checks(store)
    linked_checks = {check for _, check, _, _ in panel(store)}
    assert linked_checks <= {CHECKS[0][0], CHECKS[1][0]}, linked_checks - {CHECKS[0][0], CHECKS[1][0]}


def test_an_import_links_nothing_twice_and_a_second_one_counts_only_the_links_it_adds(stores):
    store, _ = stores
    load(store)
    import_checks(store)
    link_earlier_checks(store)
    before = {(claim, check) for claim, check, *_ in panel(store)}
    assert link_earlier_checks(store) == 0
    late = "The minister opened the new flood barrier in June."
    add_earlier_checks(store, [ImportedVerdict(late, "verified", "True", "https://fc.example/late")],
                       origin="import:late.csv")
    added = link_earlier_checks(store)  # the claims near it are searched again: their old links are not new
    after = {(claim, check) for claim, check, *_ in panel(store)}
    assert before <= after and added == len(after - before) == 1

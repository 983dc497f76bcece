"""Exporting decided claims as schema.org ClaimReview JSON-LD, one object a line (JSON Lines).

Google's required fields: ``claimReviewed`` (the claim), ``reviewRating`` with ``alternateName`` (the verdict in
words) and ``url`` (the page of the review: from the ``review_url`` template, else the article URL with
``#claimdesk-claim-<id>``, else ``urn:claimdesk:claim:<id>``). Recommended ones: ``author`` (the organisation),
``datePublished`` (the day of the decision), ``itemReviewed`` (a ``Claim`` whose ``author`` is the speaker and
whose ``appearance`` is the article). The rating scale is RATING_SCALE: worst 1 = disputed, 2 = unverified,
best 3 = verified. Notes are not exported: they are the desk's internal rationale.

ClaimReview is what a desk publishes: with second review (the team workflow) a verdict still awaiting sign-off, or
reopened by the second reviewer, is left out, and `LeftOut` counts them for one sentence on stderr (and, for every
format, the imported earlier fact-checks left out: no export publishes other desks' verdicts as the desk's). Verdicts no
second review was asked for (an archive without it: every verdict) are exported as before, byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TextIO

from store.errors import StoreError
from store.exchange.export import COLUMNS, ExportFilter, select_rows
from store.exchange.jsonl import one_line
from store.wording import counted

# status -> (ratingValue, alternateName)
RATING_SCALE = {"disputed": (1, "Disputed"), "unverified": (2, "Unverified"), "verified": (3, "Verified")}
WORST_RATING, BEST_RATING = 1, 3
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# claims.signoff states of a verdict a second reviewer has not passed: never published.
HELD_BACK = ("awaiting", "reopened")
# A speaker named with a leading article ("the interior ministry") is an organisation, else a person.
_ORGANISATION_SPEAKER = re.compile(r"(?i)^the\s")


def review_url(template: str | None, row: dict) -> str:
    if template:
        try:
            return template.format(claim_id=row["claim_id"], article_id=row["article_id"])
        except (KeyError, IndexError, ValueError) as error:
            raise StoreError(f"cannot use the review URL {template!r}: only {{claim_id}} and {{article_id}} "
                             "may appear in it.") from error
    if row["article_url"]:
        return f"{row['article_url'].split('#')[0]}#claimdesk-claim-{row['claim_id']}"
    return f"urn:claimdesk:claim:{row['claim_id']}"


def _date(value: str | None) -> str | None:
    match = _DATE.match(value or "")
    return match.group(0) if match else None


def _speaker(name: str | None) -> dict | None:
    if not name:
        return None
    kind = "Organization" if _ORGANISATION_SPEAKER.match(name) else "Person"
    return {"@type": kind, "name": name}


def _item_reviewed(row: dict) -> dict:
    item: dict = {"@type": "Claim"}
    if author := _speaker(row["speaker"]):
        item["author"] = author
    if published := _date(row["published"]):
        item["datePublished"] = published
    if row["article_url"]:
        appearance = {"@type": "CreativeWork", "url": row["article_url"], "headline": row["article_title"]}
        item["appearance"] = item["firstAppearance"] = appearance
    return item


def claim_review(row: dict, organisation: str, template: str | None = None) -> dict:
    """The ClaimReview for one decided claim (a dict of the verdicts view)."""
    value, name = RATING_SCALE[row["status"]]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(template, row),
        "claimReviewed": row["claim"],
        "author": {"@type": "Organization", "name": organisation},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": BEST_RATING,
                         "worstRating": WORST_RATING, "alternateName": name},
        "itemReviewed": _item_reviewed(row),
    }
    if published := _date(row["reviewed_at"]):
        review["datePublished"] = published
    return review


@dataclass
class LeftOut:
    """What an export left out: in ClaimReview, the decided claims whose verdict a second reviewer has not passed;
    in every format, the imported earlier fact-checks the filters would have selected (other desks' verdicts,
    counted by store.exchange.formats)."""

    awaiting: int = 0
    reopened: int = 0
    earlier_checks: int = 0

    def __bool__(self) -> bool:
        return bool(self.awaiting or self.reopened or self.earlier_checks)

    def count(self, signoff: str) -> None:
        setattr(self, signoff, getattr(self, signoff) + 1)

    def sentence(self) -> str:
        """E.g. "2 verdicts awaiting sign-off left out of the ClaimReview export." (empty when none was)."""
        kinds = [f"{counted(n, 'verdict')} {why}" for n, why in
                 ((self.awaiting, "awaiting sign-off"), (self.reopened, "reopened by the second reviewer")) if n]
        return f"{' and '.join(kinds)} left out of the ClaimReview export." if kinds else ""

    def checks_sentence(self, brief: bool = False) -> str:
        """E.g. "3,000 imported earlier fact-checks left out: they are other desks' verdicts (...)." (empty when
        none was); ``brief``: the app's shorter form."""
        if not self.earlier_checks:
            return ""
        one = self.earlier_checks == 1
        said = f"{counted(self.earlier_checks, 'imported earlier fact-check')} left out: "
        if brief:
            return said + ("another desk's verdict." if one else "other desks' verdicts.")
        why = ("it is another desk's verdict (re-import its file" if one else
               "they are other desks' verdicts (re-import their files")
        return f"{said}{why}, or move a whole archive with claimdesk copy)."

    def sentences(self, brief: bool = False) -> list[str]:
        """Every sentence on what was left out, the earlier checks first."""
        return [said for said in (self.checks_sentence(brief), self.sentence()) if said]


def claim_reviews(store, filters: ExportFilter | None, organisation: str | None,
                  template: str | None = None, left_out: LeftOut | None = None) -> Iterator[dict]:
    """One ClaimReview per decided claim the filters select (pending claims are never reviews), but for verdicts
    awaiting sign-off or reopened (counted in ``left_out``)."""
    if not (organisation or "").strip():
        raise StoreError("ClaimReview needs your organisation as its author: pass --organisation or set "
                         "organisation in the config file.")
    filters = replace(filters or ExportFilter(), decided_only=True)
    for *row, signoff in select_rows(store, filters, "v.*, c.signoff"):
        if signoff in HELD_BACK:
            if left_out is not None:
                left_out.count(signoff)
            continue
        yield claim_review(dict(zip(COLUMNS, row, strict=True)), organisation.strip(), template)


def write_claimreviews(store, out: TextIO, filters: ExportFilter | None, organisation: str | None,
                       template: str | None = None, left_out: LeftOut | None = None) -> int:
    count = 0
    for review in claim_reviews(store, filters, organisation, template, left_out):
        out.write(one_line(json.dumps(review, ensure_ascii=False)) + "\n")
        count += 1
    return count

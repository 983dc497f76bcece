"""The rules the one write path (store.review) applies before it writes: the span a selection makes, the note a
new verdict keeps, and the team workflow's guard (a change is refused, ChangedSinceError, when the claim no
longer holds what the writer saw: its verdict, or for undoing and redoing a second review, its sign-off)."""

from __future__ import annotations

from store.errors import ChangedSinceError, StoreError
from store.models import ANY, DeskClaim, Expected, SecondReview, as_decided


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span inside [0, len(text)] with surrounding whitespace removed; StoreError if nothing is left."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise StoreError("the selection holds no text.")
    return start, end


def inherited_note(before: DeskClaim, reviewer: str | None) -> str | None:
    """The note a new verdict keeps when none is given: the claim's own, unless the verdict it replaces was
    another reviewer's (a verdict never silently carries someone else's rationale; the history keeps it)."""
    if before.reviewer is not None and before.reviewer != reviewer:
        return None
    return before.note


def check_expected(claim: DeskClaim, expect: Expected | None) -> None:
    """ChangedSinceError (one sentence, with the claim as it is now) unless the claim holds what was expected."""
    if expect is None or expect.matches(claim):
        return
    if expect.reviewer is ANY:  # only a status was expected (mark --if-status)
        message = f"claim {claim.id} is {as_decided(claim)}, not {expect.status}; nothing was changed."
    else:
        message = (f"claim {claim.id} was marked {as_decided(claim)} since you opened it (it was {expect.status}"
                   f"{f' by {expect.reviewer}' if expect.reviewer else ''}); nothing was changed.")
    raise ChangedSinceError(message, claim)


def check_review_left(claim: DeskClaim, signoff: tuple[str | None, str | None], review: SecondReview,
                      given: bool) -> None:
    """Before a second review is undone (``given`` False) or redone: ChangedSinceError unless the claim holds what
    the review left (its verdict, or pending when it reopened it; signed off by that reviewer) or, for redo, what it
    found (the verdict, awaiting sign-off). ``signoff`` is the claim's (signoff, second_reviewer) now."""
    reopened = review.outcome == "reopened" and not given
    check_expected(claim, Expected("pending" if reopened else review.first_status, review.first_reviewer))
    if tuple(signoff) != ((review.outcome, review.second_reviewer) if not given else ("awaiting", None)):
        state, who = signoff
        raise ChangedSinceError(f"claim {claim.id}'s second review changed since ({state or 'none'}"
                                f"{f' by {who}' if who else ''}); nothing was changed.", claim)

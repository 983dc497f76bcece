"""The second review an export carries (its columns ``signoff``, ``second_reviewer``, ``second_reviewed_at``), read
for the merge: which sign-off a record can bring, whether it is further along than the claim's, and the history
row and claim_signoffs row that record it. The rule itself is in store.exchange.merge's docstring.
"""

from __future__ import annotations

from store.exchange.read_exports import ExportedClaim
from store.models import HistoryEntry, SecondReview, Signoff

REVIEWED = ("confirmed", "reopened")  # a second review given, with who gave it and when
_ACTION = {"confirmed": "confirm", "reopened": "reopen"}  # its history row's action (store.review.sign_off)


def carried(claim_id: int, r: ExportedClaim) -> Signoff | None:
    """The sign-off the record can bring to the claim, or None: the file has no sign-off for it (no columns, an
    empty cell), or one that cannot stand: an unknown state, "awaiting" on a claim with no verdict, a second
    review without its reviewer or time."""
    if r.signoff == "awaiting" and r.status != "pending":
        return Signoff(claim_id, "awaiting", None, None)
    if r.signoff in REVIEWED and r.second_reviewer and r.second_reviewed_at:
        return Signoff(claim_id, r.signoff, r.second_reviewer, r.second_reviewed_at)
    return None


def _rank(signoff: Signoff) -> tuple[int, str]:
    if signoff.state in REVIEWED:
        return 2, signoff.second_reviewed_at or ""
    return (1, "") if signoff.state == "awaiting" else (0, "")


def further_along(incoming: Signoff, local: Signoff, decided_at: str | None) -> bool:
    """Whether the file's sign-off goes further than the claim's: none < awaiting < a second review given, and of
    two second reviews the later one (on a tie the database's stays). A second review given before the claim's
    verdict (``decided_at``) reviewed an earlier one: never."""
    given = incoming.second_reviewed_at
    if given is not None and decided_at is not None and given < decided_at:
        return False
    return _rank(incoming) > _rank(local)


def history_fields(r: ExportedClaim, signoff: Signoff) -> dict:
    """The history row of the second review, as store.review.sign_off writes it; a CSV does not say which verdict a
    reopen undid, so that row's ``from_status`` is left empty."""
    return {"at": signoff.second_reviewed_at, "reviewer": signoff.second_reviewer,
            "from_status": r.status if signoff.state == "confirmed" else None, "to_status": r.status, "note": None,
            "action": _ACTION[signoff.state]}


def recorded(history: list[HistoryEntry], signoff: Signoff) -> HistoryEntry | None:
    """The claim's history row of this second review (same action, reviewer and time), if it has one."""
    wanted = (_ACTION.get(signoff.state or ""), signoff.second_reviewer, signoff.second_reviewed_at)
    return next((h for h in reversed(history) if (h.action, h.reviewer, h.at) == wanted), None)


def agreement_row(r: ExportedClaim, signoff: Signoff, row: HistoryEntry | None) -> SecondReview | None:
    """The claim_signoffs row of the second review: the verdict reviewed is the record's (a confirm keeps it, a
    reopen keeps its reviewer and time), its status the one the history row says was reviewed. None when that
    status is not known (a reopen read from a CSV, whose history is not in the file)."""
    second, at = signoff.second_reviewer, signoff.second_reviewed_at
    if signoff.state not in REVIEWED or row is None or row.from_status is None or not second or not at:
        return None
    return SecondReview(signoff.claim_id, r.reviewer, row.from_status, r.reviewed_at, second, signoff.state, at)


def decision_time(reviewed_at: str | None, signoff: Signoff | None) -> str | None:
    """When a claim's decision took its present form: a reopen changed it at the second review's time (the verdict
    keeps its first reviewer and time), so a teammate's later reopen wins over the awaiting verdict it reopened."""
    if signoff is not None and signoff.state == "reopened" and signoff.second_reviewed_at:
        return max(reviewed_at or "", signoff.second_reviewed_at)
    return reviewed_at

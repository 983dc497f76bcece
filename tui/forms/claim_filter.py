"""ClaimFilterForm: choose which claims to show by status, type, speaker, score and flag."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from store import STATUSES, Claim
from store.models import ClaimFilter
from store.text_match import contains


def matches(claim: Claim, f: ClaimFilter) -> bool:
    """Whether a claim passes the filter (the same rules as the store's filter_claims)."""
    return all((
        f.status is None or claim.status == f.status,
        f.type is None or claim.type == f.type,
        contains(claim.speaker, f.speaker),
        f.min_score is None or claim.score >= f.min_score,
        f.max_score is None or claim.score <= f.max_score,
        not f.flagged or getattr(claim, "flagged", False),
    ))


def parse_score(raw: str) -> float | None:
    try:
        return float(raw.strip()) if raw.strip() else None
    except ValueError:
        return None


class ClaimFilterForm(ModalScreen[ClaimFilter | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel"), Binding("ctrl+s", "apply", "Apply")]
    DEFAULT_CSS = """
    ClaimFilterForm { align: center middle; }
    ClaimFilterForm > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    ClaimFilterForm Horizontal { height: auto; }
    ClaimFilterForm Horizontal Input { width: 1fr; }
    ClaimFilterForm .buttons { align-horizontal: right; }
    """

    def __init__(self, current: ClaimFilter, types: list[str], title: str = "Show only claims that match"):
        super().__init__()
        self.current, self.types, self.heading = current, types, title

    def compose(self) -> ComposeResult:
        f = self.current
        with Vertical():
            yield Label(self.heading)
            yield Select([(s, s) for s in STATUSES], prompt="any status", value=f.status or Select.NULL,
                         id="filter-status")
            yield Select([(t.replace("_", " "), t) for t in self.types], prompt="any type",
                         value=f.type if f.type in self.types else Select.NULL, id="filter-type")
            yield Input(f.speaker or "", placeholder="speaker contains…", id="filter-speaker")
            with Horizontal():
                yield Input("" if f.min_score is None else f"{f.min_score:g}", placeholder="min score 0..1",
                            id="filter-min")
                yield Input("" if f.max_score is None else f"{f.max_score:g}", placeholder="max score 0..1",
                            id="filter-max")
            yield Checkbox("flagged “come back later” only", f.flagged, id="filter-flagged")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="filter-apply")
                yield Button("Clear", id="filter-clear")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "filter-apply":
            self.action_apply()
        else:
            self.dismiss(ClaimFilter(article_id=self.current.article_id))

    def on_input_submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        status = self.query_one("#filter-status", Select).value
        kind = self.query_one("#filter-type", Select).value
        self.dismiss(ClaimFilter(
            status=status if isinstance(status, str) else None,
            type=kind if isinstance(kind, str) else None,
            speaker=self.query_one("#filter-speaker", Input).value.strip() or None,
            min_score=parse_score(self.query_one("#filter-min", Input).value),
            max_score=parse_score(self.query_one("#filter-max", Input).value),
            flagged=self.query_one("#filter-flagged", Checkbox).value,
            article_id=self.current.article_id,
        ))

"""NoteForm: a small form for a claim's note (the rationale) and evidence links, with an optional verdict."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from store import DECIDED
from store.models import DeskClaim

KEEP = "keep"


@dataclass(frozen=True)
class NoteResult:
    note: str | None
    evidence: str | None
    status: str | None  # None keeps the claim's status


def clean_evidence(raw: str) -> str | None:
    """Links separated by spaces, commas or new lines, stored one a line."""
    links = [part for part in raw.replace(",", " ").split() if part]
    return "\n".join(links) or None


class NoteForm(ModalScreen[NoteResult | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel"), Binding("ctrl+s", "save", "Save")]
    DEFAULT_CSS = """
    NoteForm { align: center middle; }
    NoteForm > Vertical {
        width: 80; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    NoteForm Input, NoteForm Select { margin-bottom: 1; }
    NoteForm Horizontal { height: auto; align-horizontal: right; }
    NoteForm .claim { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, claim: DeskClaim, draft: NoteResult | None = None, just_decided: bool = False):
        """``draft``: what the reviewer typed last time, when the store refused it; else the claim's own note.
        ``just_decided``: the claim is the one a verdict key just decided (the cursor has moved on from it)."""
        super().__init__()
        self.claim = claim
        self.draft = draft or NoteResult(claim.note, claim.evidence, None)
        self.just_decided = just_decided

    @property
    def heading(self) -> str:
        if self.just_decided:
            return f"Note and evidence for claim #{self.claim.id}, just marked {self.claim.status}"
        return f"Note and evidence for claim #{self.claim.id}"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, markup=False, id="note-heading")
            yield Label(self.claim.text[:300], markup=False, classes="claim")
            yield Input(self.draft.note or "", placeholder="Rationale: why this verdict", id="note-text")
            evidence = " ".join((self.draft.evidence or "").split())
            yield Input(evidence, placeholder="Evidence links, separated by spaces", id="note-evidence")
            options = [(f"verdict: {s}", s) for s in DECIDED]
            yield Select(options, prompt=f"verdict: keep ({self.claim.status})", value=self.draft.status or Select.NULL,
                         id="note-status")
            with Horizontal():
                yield Button("Save", variant="primary", id="note-save")
                yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "note-save":
            self.action_save()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        note = self.query_one("#note-text", Input).value.strip() or None
        evidence = clean_evidence(self.query_one("#note-evidence", Input).value)
        status = self.query_one("#note-status", Select).value
        self.dismiss(NoteResult(note, evidence, status if isinstance(status, str) else None))

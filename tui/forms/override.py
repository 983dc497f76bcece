"""OverrideDialog: another reviewer decided this claim since you opened it; replace their verdict, or keep it.

Shows their verdict, name, time and note, and what pressing "Replace" does: your verdict, without their note
(it stays in the claim's history with their verdict). Escape, "Keep theirs" or n keep theirs: nothing is written.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from store.models import DeskClaim


def their_decision(claim: DeskClaim) -> str:
    """E.g. "bob marked it disputed at 2026-05-10T09:00:00Z"."""
    when = f" at {claim.reviewed_at}" if claim.reviewed_at else ""
    return f"{claim.reviewer or 'someone'} marked it {claim.status}{when}"


class OverrideDialog(ModalScreen[bool]):
    """Dismissed with True to replace their verdict, False to keep it."""

    BINDINGS = [Binding("escape,n", "keep", "Keep theirs"), Binding("y", "replace", "Replace")]
    DEFAULT_CSS = """
    OverrideDialog { align: center middle; }
    OverrideDialog > Vertical {
        width: 80; max-width: 100%; height: auto; border: thick $warning; background: $surface; padding: 0 1;
    }
    OverrideDialog Label { width: 100%; }  /* wrap inside the dialog: a Label is as wide as its text */
    OverrideDialog .claim { color: $text-muted; margin-bottom: 1; }
    OverrideDialog #override-note { margin-bottom: 1; }
    OverrideDialog Horizontal { height: auto; align-horizontal: right; }
    """

    def __init__(self, claim: DeskClaim, status: str, with_note: bool = False):
        """``claim``: as it is now (their verdict); ``status``: the verdict you asked for; ``with_note``: you
        wrote a note of your own for it (else the claim will have none)."""
        super().__init__()
        self.claim, self.status, self.with_note = claim, status, with_note

    def compose(self) -> ComposeResult:
        claim = self.claim
        with Vertical():
            yield Label(f"Claim #{claim.id} was decided by someone else since you opened it: {their_decision(claim)}.",
                        markup=False, id="override-heading")
            yield Label(claim.text[:300], markup=False, classes="claim")
            note = f"Their note: “{claim.note}”" if claim.note else "They left no note."
            yield Label(note, markup=False, id="override-note")
            yours = "with your note" if self.with_note else "without their note (it stays in the history)"
            yield Label(f"Replace their verdict with {self.status}, {yours}?", markup=False, id="override-question")
            with Horizontal():
                yield Button(f"Replace with {self.status}", variant="warning", id="override-replace")
                yield Button(f"Keep theirs ({claim.status})", variant="primary", id="override-keep")

    def on_mount(self) -> None:
        self.query_one("#override-keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "override-replace")

    def action_keep(self) -> None:
        self.dismiss(False)

    def action_replace(self) -> None:
        self.dismiss(True)

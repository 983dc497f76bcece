"""ClaimPanel: the selected claim's speaker, score, verdict, and the earlier claims it matches."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from store import Claim, HistoryEntry, LinkedClaim
from tui.status_style import status_badge

KIND_LABELS = {"same": "same claim", "related": "possibly related"}


def describe_claim(claim: Claim, position: int, total: int) -> Text:
    text = Text.assemble(("Claim ", "bold"), (f"{position} of {total}", "bold"), f"  #{claim.id}  ")
    text.append_text(status_badge(claim.status))
    text.append("\n\n")
    text.append_text(Text(claim.text))
    text.append("\n\n")
    for label, value in _fields(claim):
        text.append(f"{label:<10}", style="dim")
        text.append(f"{value}\n")
    return text


def _fields(claim: Claim) -> list[tuple[str, str]]:
    speaker = claim.speaker or "—"
    if claim.speaker and claim.cue:
        speaker += f"  ({claim.cue})"
    fields = [("Speaker", speaker), ("Score", f"{claim.score:.2f}"), ("Type", claim.type.replace("_", " "))]
    if claim.reviewer:
        fields.append(("Decided", f"{claim.reviewer}, {claim.reviewed_at}"))
    if claim.note:
        fields.append(("Note", claim.note))
    return fields


def describe_matches(links: list[LinkedClaim]) -> Text:
    text = Text("Earlier matches", style="bold")
    if not links:
        text.append("\nNo earlier claim matches this one.", style="dim")
        return text
    for link in links:
        text.append(f"\n\n{link.score:5.1f}% ", style="bold")
        text.append(KIND_LABELS.get(link.kind, link.kind), style="italic")
        text.append("  earlier verdict ")
        text.append_text(status_badge(link.status))
        text.append("\n")
        text.append_text(Text(link.text))
        text.append(f"\n— #{link.earlier_id} in “{link.article_title}”", style="dim")
        if link.note:
            text.append(f"\n  note: {link.note}", style="dim")
    return text


def describe_history(entries: list[HistoryEntry]) -> Text:
    text = Text("History", style="bold")
    for entry in entries[-5:]:
        text.append(f"\n{entry.at}  {entry.reviewer or '?'}: {entry.from_status} → {entry.to_status}", style="dim")
    return text


class ClaimPanel(VerticalScroll):
    """Right-hand panel of the article screen."""

    DEFAULT_CSS = """
    ClaimPanel { padding: 0 1; }
    ClaimPanel > Static { margin-bottom: 1; }
    """

    def compose(self):
        yield Static(id="claim-details")
        yield Static(id="claim-matches")
        yield Static(id="claim-history")

    def show(self, claim: Claim | None, position: int, total: int, links: list[LinkedClaim],
             history: list[HistoryEntry]) -> None:
        if claim is None:
            self.query_one("#claim-details", Static).update(Text("No claims were found in this article."))
            self.query_one("#claim-matches", Static).update("")
            self.query_one("#claim-history", Static).update("")
            return
        self.query_one("#claim-details", Static).update(describe_claim(claim, position, total))
        self.query_one("#claim-matches", Static).update(describe_matches(links))
        self.query_one("#claim-history", Static).update(describe_history(history) if history else "")


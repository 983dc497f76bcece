"""ClaimPanel: the selected claim (speaker, score, verdict, note), the earlier claims it matches with a
word-level difference, on request its nearest earlier checks below the match threshold (not matches, view only),
the claims it conflicts with (what differs, with the word difference), and its history."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from claims.match.diff import DiffSegment, diff_words
from store import Claim, LinkedClaim
from store.models import Conflict, DeskHistory
from tui.widgets.status_style import DIFF_STYLES, FLAG, status_badge

KIND_LABELS = {"same": "same claim", "related": "possibly related"}
ACTION_LABELS = {"status": "", "apply": "applied match", "undo": "undo", "redo": "redo", "note": "note",
                 "flag": f"{FLAG} flagged", "unflag": "flag cleared", "add": "added", "span": "boundaries changed",
                 "split": "split", "delete": "deleted"}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe_claim(claim: Claim, position: int, total: int, rank: tuple[int, int] | None = None) -> Text:
    text = Text.assemble(("Claim ", "bold"), (f"{position} of {total}", "bold"), f"  #{claim.id}  ")
    text.append_text(status_badge(claim.status))
    if getattr(claim, "flagged", False):
        text.append(f" {FLAG} later", style="bold magenta")
    if rank is not None:
        text.append(f"\n{ordinal(rank[0])} of {rank[1]} in this article", style="bold")
        if not claim.highlighted:
            text.append("  (not highlighted by default)", style="dim")
    text.append("\n\n")
    text.append_text(Text(claim.text))
    text.append("\n\n")
    for label, value in _fields(claim):
        text.append(f"{label:<10}", style="dim")
        text.append_text(Text(f"{value}\n"))
    return text


def _fields(claim: Claim) -> list[tuple[str, str]]:
    speaker = claim.speaker or "—"
    if claim.speaker and claim.cue:
        speaker += f"  ({claim.cue})"
    fields = [("Speaker", speaker), ("Score", f"{claim.score:.2f}"), ("Type", claim.type.replace("_", " "))]
    if claim.origin != "extracted":
        fields.append(("Origin", claim.origin))
    if claim.reviewer:
        fields.append(("Decided", f"{claim.reviewer}, {claim.reviewed_at}"))
    if claim.note:
        fields.append(("Note", claim.note))
    if evidence := getattr(claim, "evidence", None):
        fields.append(("Evidence", evidence))
    return fields


def diff_lines(new: str, earlier: str) -> Text:
    """Two lines: this claim with what only it says marked, the earlier claim with what only it says marked."""
    segments = diff_words(new, earlier)
    text = Text()
    text.append("  now:  ", style="dim")  # a label only: Text("…", style="dim") would dim every word after it
    text.append_text(_side(segments, "a"))
    text.append("\n  then: ", style="dim")
    text.append_text(_side(segments, "b"))
    return text


def _side(segments: list[DiffSegment], side: str) -> Text:
    text = Text()
    for segment in segments:
        if segment.side == "both":
            text.append(segment.text_on(side))
        elif segment.side == side:
            word = segment.text.rstrip()
            text.append(word, style=DIFF_STYLES.get(segment.kind, DIFF_STYLES[""]))
            text.append(segment.text[len(word):])
    return text


def describe_matches(links: list[LinkedClaim], claim: Claim | None = None, chosen: int = 0) -> Text:
    text = Text("Earlier matches", style="bold")
    if not links:
        text.append("\nNo earlier claim matches this one.", style="dim")
        return text
    if len(links) > 1:
        text.append(f"  ([ ] choose, a applies: {chosen + 1} of {len(links)})", style="dim")
    for index, link in enumerate(links):
        text.append_text(_describe_link(link, claim, index == chosen))
    return text


def _describe_link(link: LinkedClaim, claim: Claim | None, chosen: bool) -> Text:
    text = Text("\n\n")
    text.append("▶ " if chosen else "  ", style="bold")
    text.append(f"{link.score:5.1f}% ", style="bold")
    text.append(KIND_LABELS.get(link.kind, link.kind), style="italic")
    text.append("  earlier verdict ")
    text.append_text(status_badge(link.status))
    if link.reviewer:
        text.append(f" by {link.reviewer}", style="dim")
    text.append("\n")
    text.append_text(diff_lines(claim.text, link.text) if claim is not None else Text(link.text))
    source = f", {link.article_source}" if link.article_source else ""
    text.append_text(Text(f"\n  — #{link.earlier_id} in “{link.article_title}”{source}", style="dim"))
    if link.note:
        text.append_text(Text(f"\n  note: {link.note}", style="dim"))
    return text


BELOW_TITLE = "Nearest earlier checks, below the match threshold"


def describe_below(rows: list[LinkedClaim] | None, waiting: str = "") -> Text:
    """The nearest earlier checks the thresholds hide, headed as not matches; `rows` None: still searching
    (`waiting` says why it may take a while)."""
    text = Text(BELOW_TITLE, style="bold")
    text.append("  (not matches; view only, nothing is stored)", style="dim")
    if rows is None:
        text.append(f"\n{waiting or 'Searching the archive…'}", style="dim")
        return text
    if not rows:
        text.append("\nNo earlier check below the match threshold comes near this claim.", style="dim")
        return text
    for row in rows:
        text.append("\n\n")
        text.append(f"  {row.score:5.1f}% ", style="bold")
        text.append("below threshold", style="italic")
        text.append("  earlier verdict ")
        text.append_text(status_badge(row.status))
        if row.reviewer:
            text.append_text(Text(f" by {row.reviewer}", style="dim"))
        text.append_text(Text(f"\n  {row.text}"))
        source = f", {row.article_source}" if row.article_source else ""
        text.append_text(Text(f"\n  — #{row.earlier_id} in “{row.article_title}”{source}", style="dim"))
    return text


def describe_conflicts(conflicts: list[Conflict], claim: Claim) -> Text:
    """Each claim this one disagrees with: "conflicts with #N", what differs, both texts word by word."""
    text = Text("Conflicts", style="bold")
    for conflict in conflicts:
        text.append("\n\n")
        text.append(f"conflicts with #{conflict.other_id}", style="bold red")
        text.append_text(Text(f"  {conflict.differs}", style="italic"))
        text.append("\n")
        text.append_text(diff_lines(claim.text, conflict.other_text))
        where = "this article" if conflict.other_article_id == claim.article_id else f"“{conflict.other_article_title}”"
        said = f"{conflict.other_speaker}, " if conflict.other_speaker else ""
        text.append_text(Text(f"\n  — {said}#{conflict.other_id} in {where}", style="dim"))
    return text


def describe_history(entries: list[DeskHistory], limit: int = 8) -> Text:
    text = Text("History", style="bold")
    if len(entries) > limit:
        text.append(f"  (last {limit} of {len(entries)}; H shows all)", style="dim")
    for entry in entries[-limit:]:
        text.append_text(history_line(entry))
    return text


def history_line(entry: DeskHistory) -> Text:
    change = f"{entry.from_status or '—'} → {entry.to_status}"
    label = ACTION_LABELS.get(entry.action, entry.action)
    line = Text(f"\n{entry.at}  ", style="dim")
    line.append_text(Text(f"{entry.reviewer or '?'}: ", style="bold"))
    line.append(change)
    if label:
        line.append(f"  [{label}]", style="italic")
    if entry.note:
        line.append_text(Text(f"\n    “{entry.note}”", style="dim"))
    if entry.evidence and entry.action in ("status", "apply", "note", "undo", "redo"):
        line.append_text(Text(f"\n    evidence: {entry.evidence}", style="dim"))
    return line


class ClaimPanel(VerticalScroll):
    """Right-hand panel of the article screen."""

    DEFAULT_CSS = """
    ClaimPanel { padding: 0 1; }
    ClaimPanel > Static { margin-bottom: 1; }
    """

    ranks: dict[int, tuple[int, int]] = {}  # claim id -> (place by score, claims in the article); set by the screen

    def compose(self):
        yield Static(id="claim-details")
        yield Static(id="claim-matches")
        below = Static(id="claim-below")
        below.display = False  # only on request (BelowThreshold), for the claim it was asked for
        yield below
        yield Static(id="claim-conflicts")
        yield Static(id="claim-history")

    def show(self, claim: Claim | None, position: int, total: int, links: list[LinkedClaim],
             history: list[DeskHistory], chosen: int = 0, conflicts: list[Conflict] | None = None) -> None:
        conflicting = self.query_one("#claim-conflicts", Static)
        conflicting.display = bool(claim is not None and conflicts)
        if claim is None:
            self.query_one("#claim-details", Static).update(Text("No claims to show here."))
            self.query_one("#claim-matches", Static).update("")
            conflicting.update("")
            self.query_one("#claim-history", Static).update("")
            return
        rank = self.ranks.get(claim.id)
        self.query_one("#claim-details", Static).update(describe_claim(claim, position, total, rank))
        self.query_one("#claim-matches", Static).update(describe_matches(links, claim, chosen))
        conflicting.update(describe_conflicts(conflicts, claim) if conflicts else "")
        self.query_one("#claim-history", Static).update(describe_history(history) if history else "")

    def show_below(self, rows: list[LinkedClaim] | None, waiting: str = "") -> None:
        """Show the below-threshold section under the matches (see describe_below)."""
        below = self.query_one("#claim-below", Static)
        below.update(describe_below(rows, waiting))
        below.display = True

    def hide_below(self) -> None:
        below = self.query_one("#claim-below", Static)
        below.display = False
        below.update("")

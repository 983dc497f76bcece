"""ClaimTable: claims across the archive (filtered, flagged or found), one row each, and opening one."""

from __future__ import annotations

from rich.text import Text

from store.models import ClaimRow
from tui.widgets.row_list import Column, RowList
from tui.widgets.status_style import FLAG, status_badge

COLUMNS = [Column("#", 7, "right", min_width=5), Column("", 1), Column("Status", 12), Column("Score", 5, "right"),
           Column("Claim", min_width=28, grow=4), Column("Article", min_width=12, grow=2, max_width=50),
           Column("Speaker", min_width=10, max_width=32)]


def claim_cells(row: ClaimRow) -> list[Text | str]:
    if row.kind == "article":
        return ["", "", Text(" article ", style="bold reverse"), "", Text(row.text), Text(row.article_title), ""]
    return [str(row.id), Text(FLAG, style="bold magenta") if row.flagged else "", status_badge(row.status),
            Text(f"{row.score:.2f}", style="" if row.highlighted else "dim"), Text(row.text),
            Text(row.article_title), Text(row.speaker or "—")]


class ClaimTable(RowList):
    def __init__(self, **kwargs):
        super().__init__(COLUMNS, claim_cells, **kwargs)


def open_row(app, row: ClaimRow) -> None:
    """Open a row's claim in its article (an article hit opens the article at its first claim)."""
    app.open_article(row.article_id, None if row.kind == "article" else row.id)

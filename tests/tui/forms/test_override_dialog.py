"""The override dialog shows the whole of their decision and note, wrapped inside the dialog, never cut at its
border (a long name, time and note on an 80-column dialog)."""

from __future__ import annotations

from textual.app import App

from store.models import DeskClaim
from tui.forms.override import OverrideDialog

CLAIM = DeskClaim(id=2, article_id=1, start=0, end=120, score=0.6, type="other", speaker="the ministry",
                  text="Floodwater broke through earth embankments in three places south of Port Ellis on Sunday.",
                  status="disputed", note="The ministry corrected this on Monday: two places, not three, it said.",
                  reviewer="ana", reviewed_at="2026-12-01T18:29:36Z")


class OneDialog(App):
    def on_mount(self) -> None:
        self.push_screen(OverrideDialog(CLAIM, "verified"))


async def test_their_decision_and_note_wrap_inside_the_dialog():
    app = OneDialog()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.screen.query_one("OverrideDialog > Vertical")
        for name in ("#override-heading", "#override-note", "#override-question"):
            label = app.screen.query_one(name)
            assert label.region.right <= dialog.content_region.right, name
        heading = app.screen.query_one("#override-heading")
        assert heading.size.height >= 2  # "…: ana marked it disputed at 2026-12-01T18:29:36Z." goes on a second line

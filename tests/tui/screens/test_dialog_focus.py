"""The export dialog shows which field has the focus; esc in the note form closes an open dropdown, else the
form (one press, whichever field has the focus)."""

from __future__ import annotations

from textual.widgets import Input, Label, Select
from textual.widgets._select import SelectCurrent

from tui.forms.note import NoteForm
from tui.screens.article import ArticleScreen
from tui.screens.export import ExportScreen


async def test_the_focused_field_of_the_export_dialog_stands_out(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportScreen)
        focused, other = dialog.query_one("#export-path", Input), dialog.query_one("#export-source", Input)
        assert pilot.app.focused is focused
        assert focused.styles.background != other.styles.background
        label_of = {w: w.parent.query_one(Label) for w in (focused, other)}
        assert label_of[focused].styles.color != label_of[other].styles.color
        chosen, unchosen = dialog.query_one("#export-format", Select), dialog.query_one("#export-status", Select)
        chosen.focus()
        await pilot.pause()
        assert (chosen.query_one(SelectCurrent).styles.background
                != unchosen.query_one(SelectCurrent).styles.background)


async def test_esc_closes_an_open_dropdown_then_the_note_form(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "enter", "n")
        form = pilot.app.screen
        assert isinstance(form, NoteForm)
        verdict = form.query_one("#note-status", Select)
        verdict.focus()
        await pilot.press("enter")
        assert verdict.expanded
        await pilot.press("escape")
        assert pilot.app.screen is form and not verdict.expanded
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ArticleScreen)


async def test_one_esc_closes_the_note_form_from_the_verdict_field(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "enter", "n", "tab", "tab")
        assert isinstance(pilot.app.focused, Select)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ArticleScreen)

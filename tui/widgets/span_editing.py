"""Editing claims on the article screen: select a span (keyboard or mouse) to add a claim the extractor
missed, move a claim's boundaries, split a claim in two, or delete a wrong claim (kept in the history). A claim
added by hand is scored, typed and attributed in a worker, as an extracted one is."""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.message import Message

from tui.widgets.article_view import ArticleView
from tui.write_guard import records

SPAN_BINDINGS = [
    Binding("e", "select_mode", "Select text / edit claim", show=False, id="edit.select"),
    Binding("left", "move_start(-1)", "Selection start ←", show=False, id="edit.start_back"),
    Binding("right", "move_start(1)", "Selection start →", show=False, id="edit.start_forward"),
    Binding("shift+left", "move_end(-1)", "Selection end ←", show=False, id="edit.end_back"),
    Binding("shift+right", "move_end(1)", "Selection end →", show=False, id="edit.end_forward"),
    Binding("enter", "save_span", "Save selection", id="edit.save"),
    Binding("plus", "add_claim", "Add as new claim", id="edit.add"),
    Binding("t", "split_claim", "Split claim at selection end", id="edit.split"),
    Binding("delete", "delete_claim", "Delete claim", show=False, id="edit.delete"),
]
SELECT_ONLY = {"move_start", "move_end", "save_span", "add_claim", "split_claim"}


class SpanEditing:
    """Mixin of ArticleScreen. In select mode the selection is a (start, end) span of the article text."""

    class Analysed(Message):
        """Claims added by hand were scored, typed and attributed (see claims.desk.analyse)."""

        def __init__(self, claim_ids: list[int], error: str | None = None):
            super().__init__()
            self.claim_ids, self.error = claim_ids, error

    def init_span_editing(self) -> None:
        self.selecting = False
        self.span: tuple[int, int] = (0, 0)
        self.edit_target: int | None = None

    def is_editing(self) -> bool:
        """In select mode (tui.screen_protocol.StoreView): the store poll waits until the span is saved or left."""
        return self.selecting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SELECT_ONLY:
            return self.selecting
        return True

    def _view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def enter_select_mode(self, span: tuple[int, int], target: int | None) -> None:
        self.selecting, self.span, self.edit_target = True, span, target
        self._view().set_selection(span)
        self.refresh_bindings()
        self.refresh_status()

    def leave_select_mode(self) -> None:
        self.selecting, self.edit_target = False, None
        self._view().set_selection(None)
        self.refresh_bindings()
        self.refresh_status()

    def action_select_mode(self) -> None:
        if self.selecting:
            self.leave_select_mode()
            return
        claim = self.selected
        if claim is not None:
            self.enter_select_mode((claim.start, claim.end), claim.id)
        else:
            view = self._view()
            self.enter_select_mode(view.text_layout.word_span(view.text_layout.lines[int(view.scroll_y)][0]), None)

    def on_article_view_span_selected(self, message: ArticleView.SpanSelected) -> None:
        self.enter_select_mode((message.start, message.end), None)
        self.notify("Selected: enter (or +) adds it as a claim, esc cancels.", timeout=3)

    def on_article_view_claim_clicked(self, message: ArticleView.ClaimClicked) -> None:
        ids = [c.id for c in self.claims]
        if message.claim_id in ids:
            self.select(ids.index(message.claim_id))

    def _set_span(self, start: int, end: int) -> None:
        if start < end:
            self.span = (start, end)
            self._view().set_selection(self.span)

    def action_move_start(self, step: int) -> None:
        layout, (start, end) = self._view().text_layout, self.span
        moved = layout.next_word_start(start) if step > 0 else layout.previous_word_start(start)
        self._set_span(moved, end)

    def action_move_end(self, step: int) -> None:
        layout, (start, end) = self._view().text_layout, self.span
        moved = layout.next_word_end(end) if step > 0 else layout.previous_word_end(end)
        self._set_span(start, moved)

    def _edit(self, change) -> list[int]:
        """Run a span edit (a StoreError leaves select mode on, for another try: see ``@records``). The claim
        filter stays; a claim the edit made that the filter hides is announced, not shown."""
        ids = change()
        self.leave_select_mode()
        self.reload(select_id=ids[0])
        self.rematch(ids)
        hidden = [i for i in ids if i not in {c.id for c in self.claims}]
        if hidden:
            self.notify(f"Claim #{hidden[0]} does not pass the filter ({self.claim_filter.describe()}), so it is "
                        "not listed; c changes the filter.", severity="warning", timeout=6, markup=False)
        return ids

    @records
    def action_save_span(self) -> None:
        if self.edit_target is None:
            self.action_add_claim()
            return
        target, (start, end) = self.edit_target, self.span
        self._edit(lambda: [self.app.desk.change_span(target, start, end).id])
        self.notify(f"Claim #{target} now covers the selection; matching it again (ctrl+z undoes).", timeout=2)

    @records
    def action_add_claim(self) -> None:
        (start, end), article_id = self.span, self.article_id
        added = self._edit(lambda: [self.app.desk.add_claim(article_id, start, end).id])
        self.analyse(added)  # score, type and speaker, as for extracted claims (in a worker)
        self.notify("Claim added; analysing it and matching it against the archive (ctrl+z undoes).", timeout=2)

    @records
    def action_split_claim(self) -> None:
        if self.edit_target is None:
            self.notify("Split needs a claim: select one, press e, move the end to the split point, then t.",
                        severity="warning")
            return
        target, at = self.edit_target, self.span[1]
        self._edit(lambda: [c.id for c in self.app.desk.split_claim(target, at)])

    @records
    def action_delete_claim(self) -> None:
        if (claim := self.selected) is None:
            return
        self.app.desk.delete(claim.id)
        self.reload()
        self.notify(f"Claim #{claim.id} deleted (kept in the history; ctrl+z brings it back).", timeout=3)

    @work(thread=True, group="analyse")
    def analyse(self, claim_ids: list[int]) -> None:
        try:
            analysed = self.app.analyser.analyse(claim_ids)
        except Exception as error:  # noqa: BLE001 - a failed analysis leaves the claim as added, the desk up
            self.post_message(self.Analysed([], f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.Analysed(analysed))

    def on_span_editing_analysed(self, message: Analysed) -> None:
        if message.error:
            self.notify(f"Could not analyse the added claim: {message.error}", severity="warning", markup=False)
            return
        if not self.selecting:
            self.reload_from_store()
        for claim in (c for c in self.all_claims if c.id in message.claim_ids):
            found = f"score {claim.score:.2f}, {claim.type.replace('_', ' ')}"
            self.notify(f"Claim #{claim.id} analysed: {found}, speaker {claim.speaker or 'none found'}.",
                        timeout=3, markup=False)

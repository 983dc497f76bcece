"""The reviewer's desk, driven as a fact-checker would: one key to decide and move on, notes, undo, flags,
filters, search, jumps, edits of claims, help, statistics and rebinding keys."""

from __future__ import annotations

from textual import events

from store import Store
from tui.forms.note import NoteForm
from tui.screens.article import ArticleScreen
from tui.screens.article_list import ArticleListScreen
from tui.screens.claim_list import ClaimListScreen
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.screens.stats import StatsScreen


async def open_article(pilot, row: int = 1) -> ArticleScreen:
    await pilot.press(*["down"] * row, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ArticleScreen)
    return pilot.app.screen


def status_line(screen) -> str:
    return str(screen.query_one("#desk-status").render())


async def test_a_verdict_moves_on_to_the_next_pending_claim(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        ids = [c.id for c in screen.claims]
        await pilot.press("d")
        assert screen.selected.id == ids[1]
        assert "disputed" in status_line(screen)


async def test_when_an_article_is_done_the_next_pending_claim_of_another_article_opens(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        await pilot.press("v", "v")
        assert screen.article.title == "Flood displaces thousands"
        assert screen.selected.status == "pending"


async def test_auto_advance_can_be_switched_off(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        first = screen.selected.id
        await pilot.press("A", "v")
        assert screen.selected.id == first
        assert "auto-advance off" in status_line(screen)


async def test_the_reviewer_is_shown_and_stored(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        assert "reviewer: tester" in status_line(screen)


async def test_a_note_and_evidence_are_stored_with_the_verdict(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        claim_id = screen.selected.id
        await pilot.press("n")
        assert isinstance(pilot.app.screen, NoteForm)
        form = pilot.app.screen
        form.query_one("#note-text").value = "Governor's own count"
        form.query_one("#note-evidence").value = "https://a.example/1 https://b.example/2"
        form.query_one("#note-status").value = "disputed"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store(db_path) as store:
        claim = store.desk_claim(claim_id)
        assert (claim.status, claim.note, claim.evidence) == (
            "disputed", "Governor's own count", "https://a.example/1\nhttps://b.example/2")
        assert store.desk_history(claim_id)[-1].evidence == claim.evidence


async def test_undo_restores_status_and_note_and_redo_puts_the_verdict_back(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot, row=0)
        decided = screen.claims[0]
        await pilot.press("d")
        await pilot.press("ctrl+z")
        assert screen.selected.id == decided.id
        with Store(db_path) as store:
            claim = store.desk_claim(decided.id)
            assert (claim.status, claim.note, claim.reviewer) == ("verified", "Ministry figures confirm 6,000", "ana")
            assert [h.action for h in store.desk_history(decided.id)] == ["status", "status", "undo"]
        await pilot.press("ctrl+y")
        with Store(db_path) as store:
            assert store.desk_claim(decided.id).status == "disputed"


async def test_the_history_panel_shows_who_when_from_and_to(make_app):
    async with make_app(auto_advance=False).run_test(size=(140, 40)) as pilot:
        screen = await open_article(pilot)
        await pilot.press("u")
        shown = str(screen.query_one("#claim-history").render())
        assert "tester" in shown and "pending → unverified" in shown and "2026-05-10T09:00:00Z" in shown


async def test_a_flagged_claim_is_listed_as_such(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        flagged = screen.selected.id
        await pilot.press("f", "F")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ClaimListScreen)
        assert [r.id for r in pilot.app.screen.query_one("#claims").rows] == [flagged]


async def test_filtering_an_articles_claims_narrows_what_j_and_k_visit(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot, row=0)
        await pilot.press("c")
        pilot.app.screen.query_one("#filter-status").value = "pending"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [c.status for c in screen.claims] == ["pending"]
        assert "filter: status=pending" in status_line(screen)


async def test_jump_to_a_claim_by_id(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("g", "4", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ArticleScreen) and pilot.app.screen.selected.id == 4


async def test_search_lists_claims_and_opens_one_in_its_article(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("slash", *"60,000", "enter")
        await pilot.app.workers.wait_for_complete()  # the search runs in a worker
        await pilot.pause()
        assert isinstance(pilot.app.screen, SearchScreen)
        rows = pilot.app.screen.query_one("#search-results").rows
        assert rows[0].kind == "claim" and "60,000" in rows[0].text
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.selected.id == rows[0].id


async def test_the_article_list_sorts_and_filters(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ArticleListScreen)
        await pilot.press("o", "o")  # id -> title -> source
        table = screen.query_one("#articles")
        assert [r.source for r in table.rows] == ["Flood Wire", "Governor Wire"]
        await pilot.press("O")
        assert [r.source for r in table.rows] == ["Governor Wire", "Flood Wire"]
        await pilot.press("f")
        pilot.app.screen.query_one("#articles-progress").value = "todo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert table.row_count == 2
        assert "filter: todo" in status_line(screen)


async def test_apply_an_earlier_verdict_notes_where_it_came_from(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        claim_id = screen.selected.id
        await pilot.press("a")  # 60,000 now, 6,000 then: the first press only warns
        with Store(db_path) as store:
            assert store.desk_claim(claim_id).status == "pending"
        assert any("60,000 now, 6,000 then" in n.message for n in pilot.app._notifications)
        await pilot.press("a")
    with Store(db_path) as store:
        claim = store.desk_claim(claim_id)
        assert claim.status == "verified" and "#1" in claim.note and "Ministry figures" in claim.note
        assert store.desk_history(claim_id)[-1].source_claim_id == 1


async def test_the_match_panel_marks_the_changed_number(make_app):
    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await open_article(pilot)
        rendered = screen.query_one("#claim-matches").visual
        shown = str(screen.query_one("#claim-matches").render())
        assert "now:" in shown and "then:" in shown and "same claim" not in shown.split("possibly related")[0]
        assert rendered is not None


async def test_select_mode_moves_a_claims_end_and_splits_it(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        claim = screen.selected
        await pilot.press("e", "shift+left", "shift+left", "shift+left", "enter")
        await pilot.app.workers.wait_for_complete()
        with Store(db_path) as store:
            assert store.desk_claim(claim.id).text == "The flood forced 60,000 people from their homes,"
        await pilot.press("e", "shift+left", "shift+left", "shift+left", "t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        texts = [c.text for c in screen.claims]
        assert "The flood forced 60,000 people" in texts and "from their homes," in texts


async def test_span_edits_and_splits_are_undone_and_redone(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        claim = screen.selected
        whole = claim.text
        await pilot.press("e", "shift+left", "shift+left", "shift+left", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("ctrl+z")
        await pilot.app.workers.wait_for_complete()
        with Store(db_path) as store:
            assert store.desk_claim(claim.id).text == whole
        await pilot.press("e", "shift+left", "shift+left", "shift+left", "t")
        await pilot.app.workers.wait_for_complete()
        second = next(c for c in screen.claims if c.text == "the governor said.")
        await pilot.press("ctrl+z")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [c.text for c in screen.claims].count(whole) == 1 and second.id not in [c.id for c in screen.claims]
        with Store(db_path) as store:
            assert store.desk_claim(second.id).deleted_at is not None
            assert [h.action for h in store.desk_history(second.id)] == ["add", "undo"]
        await pilot.press("ctrl+y")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        halves = {"The flood forced 60,000 people from their homes,", "the governor said."}
        assert halves <= {c.text for c in screen.claims}


async def test_a_mouse_drag_adds_a_claim_that_is_then_matched(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot, row=0)
        view = screen.query_one("#article-view")
        text = view.text
        start, end = text.index("It was"), len(text)
        first, last = _cell_of(view, start), _cell_of(view, end - 1)
        view.on_mouse_down(_mouse(events.MouseDown, view, *first))
        view.on_mouse_move(_mouse(events.MouseMove, view, *last))
        view.on_mouse_up(_mouse(events.MouseUp, view, last[0] + 1, last[1]))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "It was a grey morning." in [c.text for c in screen.claims]
        with Store(db_path) as store:
            added = next(c for c in store.desk_claims(1) if c.text == "It was a grey morning.")
            assert added.origin == "manual" and store.desk_history(added.id)[0].action == "add"
        await pilot.press("ctrl+z")  # a claim added by mistake is taken off again (kept in the history)
        await pilot.app.workers.wait_for_complete()
        assert "It was a grey morning." not in [c.text for c in screen.claims]


def _cell_of(view, offset: int) -> tuple[int, int]:
    line = view.text_layout.line_of(offset)
    return offset - view.text_layout.lines[line][0] + 1, line - int(view.scroll_y)


def _mouse(kind, view, x: int, y: int):
    return kind(view, x, y, 0, 0, 1, False, False, False)


async def test_deleting_a_claim_keeps_it_in_history_and_undo_brings_it_back(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        gone = screen.selected.id
        await pilot.press("delete")
        assert gone not in [c.id for c in screen.claims]
        with Store(db_path) as store:
            assert store.desk_history(gone)[-1].action == "delete"
        await pilot.press("ctrl+z")
        assert gone in [c.id for c in screen.claims]


async def test_help_lists_every_key_of_the_desk(make_app):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await open_article(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = str(pilot.app.screen.query_one("VerticalScroll").query("Static")[1].render())
        for word in ("Note", "Flag", "Apply match", "Undo", "Redo", "Search", "Go to claim", "Statistics",
                     "Filter claims", "verdict.verified"):
            assert word in shown


async def test_statistics_are_drawn_as_bars(make_app):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StatsScreen)
        shown = str(pilot.app.screen.query_one("#stats-source").render())
        assert "Verdicts by source" in shown and "█" in shown and "Flood Wire" in shown


async def test_keys_can_be_rebound_in_the_config_file(make_app, db_path, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"verdict.verified" = "1"\n"no.such" = "2"\n', encoding="utf-8")
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(config))
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        claim_id = screen.selected.id
        await pilot.press("1")
    with Store(db_path) as store:
        assert store.desk_claim(claim_id).status == "verified"


async def test_every_action_is_in_the_command_palette(make_app):
    from tui.palette import ClaimdeskCommands

    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        provider = ClaimdeskCommands(screen)
        names = [name for name, _, _ in provider._commands()]
        for name in ("Verify", "Note", "Flag", "Undo", "Search", "Statistics", "Select text / edit claim"):
            assert name in names


async def test_a_typed_percent_sign_in_the_speaker_filter_is_taken_literally(make_app, db_path):
    with Store(db_path) as store, store.transaction():
        store.db.execute("UPDATE claims SET speaker = '50% Club' WHERE id = 2")
        store.db.execute("UPDATE claims SET speaker = '5000 voters' WHERE id = 3")
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("c", "c")
        pilot.app.screen.query_one("#filter-speaker").value = "50%"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ClaimListScreen)
        assert [(r.id, r.speaker) for r in pilot.app.screen.query_one("#claims").rows] == [(2, "50% Club")]

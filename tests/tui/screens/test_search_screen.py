"""Search never holds the screen: it runs in a worker thread with its own connection, once the reader stops
typing, and a slow answer for older words never replaces the answer for the words in the box."""

from __future__ import annotations

import threading

from store import NewClaim, Store
from tui.screens import search
from tui.screens.search import SearchScreen


async def typed(pilot, words: str) -> SearchScreen:
    await pilot.press("slash", *words)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, SearchScreen)
    return pilot.app.screen


async def test_search_runs_off_the_screen_thread_once_typing_stops(make_app, monkeypatch):
    calls = []
    real = Store.search_articles

    def recorded(store, words, limit=100):
        calls.append((words, threading.current_thread() is threading.main_thread(), store))
        return real(store, words, limit)

    monkeypatch.setattr(Store, "search_articles", recorded)
    monkeypatch.setattr(search, "DEBOUNCE_SECONDS", 1.0)  # however slow the machine, five keys come within it
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await typed(pilot, "flood")
        assert [words for words, _, _ in calls] == ["flood"]  # one search for five keys, not five
        assert not any(on_main for _, on_main, _ in calls)
        assert all(store is not pilot.app.store for _, _, store in calls)
        assert screen.query_one("#search-results").rows
        assert screen.sub_title == "2 claims, 2 articles"


async def test_an_answer_for_older_words_is_dropped(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await typed(pilot, "governor")
        shown = list(screen.query_one("#search-results").rows)
        screen.post_message(SearchScreen.Found("flood", []))
        await pilot.pause()
        assert screen.query_one("#search-results").rows == shown


async def test_clearing_the_words_clears_the_hits_at_once(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await typed(pilot, "dam")
        assert screen.query_one("#search-results").rows
        await pilot.press(*["backspace"] * 3)
        assert screen.query_one("#search-results").rows == []
        assert screen.sub_title == ""



async def test_with_a_scrollbar_the_last_column_is_not_cut(make_app, db_path):
    with Store(db_path) as store, store.transaction():
        store.insert_claims(1, [NewClaim(f"Flood figure number {n}.", 0, 10, 0.5, "quantity", "the ministry", "said")
                                for n in range(40)])
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await typed(pilot, "figure")
        results = screen.query_one("#search-results")
        assert results.scrollbars_enabled[0]  # more rows than fit: a vertical scrollbar is shown
        line = results.render_line(1)
        assert line.cell_length == results.scrollable_content_region.width
        assert line.text.rstrip().endswith("the mini…")  # the last column, cut with an ellipsis, not by the bar

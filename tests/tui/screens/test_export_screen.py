"""The export dialog: format, file and filters; it says how many rows it wrote and never loses the app."""

from __future__ import annotations

import csv
import json

import pytest
from textual.app import App

from store import Store
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict
from tui.screens.export import ExportScreen


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch):
    (tmp_path / "config.toml").write_text('organisation = "Harbour Checks"\n', encoding="utf-8")
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(tmp_path / "config.toml"))


async def open_dialog(pilot, article_id: int | None = None):
    if article_id is not None:
        pilot.app.open_article(article_id)
        await pilot.pause()
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportScreen)
    return pilot.app.screen


async def export(pilot, dialog, **values):
    for widget_id, value in values.items():
        dialog.query_one(f"#export-{widget_id}").value = value
    await pilot.pause()
    await pilot.click("#export-go")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_json_lines_with_a_reviewer_filter_reports_its_count(make_app, tmp_path):
    async with make_app().run_test(size=(120, 35)) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format").value = "jsonl"
        await pilot.pause()
        assert dialog.query_one("#export-path").value.endswith(".jsonl")
        out = tmp_path / "v.jsonl"
        await export(pilot, dialog, path=str(out), reviewer="ANA")
        assert not isinstance(pilot.app.screen, ExportScreen)
        assert f"Exported 1 claim to {out}" in messages(pilot.app)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["reviewer"] == "ana" and record["history"]


async def test_only_the_open_article_and_excel(make_app, tmp_path):
    out = tmp_path / "v.csv"
    async with make_app().run_test(size=(120, 35)) as pilot:
        dialog = await open_dialog(pilot, article_id=2)
        dialog.query_one("#export-article").value = True
        await export(pilot, dialog, format="excel", path=str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert {r["article_id"] for r in rows} == {"2"} and len(rows) == 2


async def test_claimreview_uses_the_configured_organisation(make_app, tmp_path):
    out = tmp_path / "reviews.jsonl"
    async with make_app().run_test(size=(120, 35)) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format").value = "claimreview"
        await pilot.pause()
        assert dialog.query_one("#export-organisation").value == "Harbour Checks"
        await export(pilot, dialog, path=str(out))
        assert f"Exported 1 review to {out}" in messages(pilot.app)
    (review,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert review["author"]["name"] == "Harbour Checks"


@pytest.mark.parametrize(("values", "expected"), [
    pytest.param({"since": "last week"}, "YYYY-MM-DD", id="bad-date"),
    pytest.param({"path": "/nonexistent-dir/sub/v.csv"}, "Export failed", id="unwritable-file"),
])
async def test_a_problem_is_one_message_and_the_dialog_stays(make_app, tmp_path, values, expected):
    async with make_app().run_test(size=(120, 35)) as pilot:
        dialog = await open_dialog(pilot)
        await export(pilot, dialog, **({"path": str(tmp_path / "v.csv")} | values))
        assert isinstance(pilot.app.screen, ExportScreen)
        assert any(expected in m for m in messages(pilot.app))
    assert not (tmp_path / "v.csv").exists()


class DialogApp(App):
    """Only the dialog, over an empty screen: the snapshot does not change when other screens do."""

    def __init__(self, db_path):
        super().__init__()
        self.db_path = db_path

    def on_mount(self) -> None:
        self.push_screen(ExportScreen())


def test_the_dialog_looks_right(snap_compare, db_path):
    async def fixed_path(pilot):
        await pilot.pause()
        pilot.app.screen.query_one("#export-path").value = "/tmp/claimdesk-verdicts.csv"
        await pilot.pause()

    assert snap_compare(DialogApp(db_path), run_before=fixed_path, terminal_size=(100, 24))


async def test_the_command_palette_offers_the_export_dialog_by_its_name(make_app):
    from textual.command import CommandList

    async with make_app().run_test(size=(120, 35)) as pilot:
        await pilot.press("ctrl+p", *"export verdicts")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)
        options = pilot.app.screen.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Export verdicts…" in line for line in shown)
        assert not any("Export verdicts as CSV" in line for line in shown)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)


async def test_claimreview_leaves_out_a_verdict_awaiting_sign_off_and_says_so(make_app, db_path, tmp_path):
    with Store(db_path) as store:
        store.decide(2, "disputed", "ana", signoff=True)
    out = tmp_path / "reviews.jsonl"
    async with make_app().run_test(size=(120, 35)) as pilot:
        dialog = await open_dialog(pilot)
        dialog.query_one("#export-format").value = "claimreview"
        await pilot.pause()
        await export(pilot, dialog, path=str(out))
        assert (f"Exported 1 review to {out}\n1 verdict awaiting sign-off left out of the ClaimReview export."
                in messages(pilot.app))
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


async def test_imported_earlier_checks_are_left_out_and_the_message_says_so(make_app, db_path, tmp_path):
    with Store(db_path) as store:
        add_earlier_checks(store, [ImportedVerdict("Rents doubled in a year.", "disputed", "False",
                                                   "https://fc.example/1", None, None, "PolitiFact")], "import:x")
    out = tmp_path / "v.csv"
    async with make_app().run_test(size=(120, 35)) as pilot:
        dialog = await open_dialog(pilot)
        await export(pilot, dialog, path=str(out))
        assert (f"Exported 4 claims to {out}\n1 imported earlier fact-check left out: another desk's verdict."
                in messages(pilot.app))
    assert "PolitiFact" not in out.read_text(encoding="utf-8")

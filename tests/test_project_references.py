"""What the project prints and ships points at its own documentation, not at files outside it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
NOTES = "." + "agent-notes"  # the engineers' working notes: not part of the project


def test_load_help_points_at_the_readme():
    shown = CliRunner().invoke(main, ["load", "--help"]).output
    assert "See the README" in " ".join(shown.split()) and NOTES not in shown


def test_no_source_file_points_at_the_working_notes():
    files = [p for folder in ("tui", "claims", "store", "tests", "benchmarks") for p in (ROOT / folder).rglob("*")
             if p.suffix in {".py", ".tcss", ".md", ".toml", ".txt"} and "__snapshots__" not in p.parts]
    mentioning = {str(p.relative_to(ROOT)) for p in files if NOTES in p.read_text(encoding="utf-8", errors="replace")}
    assert mentioning == set()

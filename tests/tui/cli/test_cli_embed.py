"""`claimdesk embed` and the embedding an import does, on both backends: every claim embedded once, a stopped run
going on where it stopped, one clear sentence without the encoder; an import embeds the checks it added up to a
cap, says so above it, and --embed / --no-embed decide."""

from __future__ import annotations

import pytest

from claims.desk import embed as embed_module
from claims.match.encoder import ENV_DIR, MODEL_ID
from store import Store
from tests.tui.cli.test_cli import LATE
from tests.tui.cli.test_cli_archive import run, write_checks
from tui.cli.progress import ProgressBar


@pytest.fixture
def db_path(review_archive):
    return review_archive


def counts(db_path) -> tuple[int, int]:
    with Store(db_path) as store:
        return store.vector_counts(MODEL_ID)


def test_embed_embeds_every_claim_once(runner, db_path, encoder):
    first = run(runner, db_path, "embed")
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "4 claims embedded, 0 left; semantic matching is on."
    assert counts(db_path) == (4, 4)
    again = run(runner, db_path, "embed")
    assert again.stdout.strip() == "0 claims embedded, 0 left; semantic matching is on."


def test_a_stopped_embed_goes_on_where_it_stopped(runner, db_path, encoder, monkeypatch):
    update = ProgressBar.advance

    def ctrl_c_after_the_first_batch(self, count):
        update(self, count)
        raise KeyboardInterrupt

    monkeypatch.setattr(ProgressBar, "advance", ctrl_c_after_the_first_batch)
    stopped = run(runner, db_path, "embed", "--batch", "1")
    assert stopped.exit_code == 130
    assert "interrupted: 1 claim embedded, 3 left; run `claimdesk embed` again to go on." in stopped.stderr
    assert counts(db_path) == (1, 4)
    monkeypatch.setattr(ProgressBar, "advance", update)
    resumed = run(runner, db_path, "embed", "--batch", "1")
    assert resumed.stdout.strip() == "3 claims embedded, 0 left; semantic matching is on."
    assert [line for line in resumed.stderr.splitlines() if line.startswith("progress")] == [
        "progress embedding: 30% (1 of 3 claims)", "progress embedding: 60% (2 of 3 claims)"]  # piped: plain lines


def test_without_the_encoder_embed_says_so_in_one_sentence(runner, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "no-model"))
    result = run(runner, db_path, "embed")
    assert result.exit_code == 1
    assert "semantic matching needs the sentence encoder" in result.stderr and "Traceback" not in result.output
    assert counts(db_path) == (0, 4)


def claim_ids(db_path) -> list[int]:
    """Every live claim's id, in order (those of a model no claim has: all of them)."""
    with Store(db_path) as store:
        return [row[0] for row in store.claims_to_embed("no-such-model")]


def test_an_import_embeds_the_checks_it_added_with_their_titles(runner, db_path, tmp_path, encoder):
    loaded = claim_ids(db_path)
    result = run(runner, db_path, "import", str(write_checks(tmp_path / "checks.csv", 5)))
    assert result.exit_code == 0, result.output
    assert "5 checks embedded for semantic matching" in result.stdout
    checks = [claim_id for claim_id in claim_ids(db_path) if claim_id not in loaded]
    with Store(db_path) as store:
        vectors = store.vectors_of(checks, MODEL_ID)
    assert len(checks) == 5 and set(vectors) == set(checks)
    assert all(title is not None for _, title in vectors.values())  # each headline differs from its claim


def test_no_embed_leaves_them_for_embed(runner, db_path, tmp_path, encoder):
    result = run(runner, db_path, "import", "--no-embed", str(write_checks(tmp_path / "checks.csv", 5)))
    assert result.exit_code == 0, result.output
    assert "5 checks not embedded (--no-embed): run `claimdesk embed` when you want" in result.stdout
    assert counts(db_path) == (0, 9)
    assert run(runner, db_path, "embed").stdout.strip() == "9 claims embedded, 0 left; semantic matching is on."


def test_over_the_cap_an_import_says_how_many_wait_and_embed_forces_it(runner, db_path, tmp_path, encoder,
                                                                        monkeypatch):
    monkeypatch.setattr(embed_module, "EMBED_AT_IMPORT", 3)
    over = run(runner, db_path, "import", str(write_checks(tmp_path / "checks.csv", 5)))
    assert over.exit_code == 0, over.output
    assert "5 checks not embedded (an import embeds at most 3): run `claimdesk embed`" in over.stdout
    assert counts(db_path) == (0, 9)
    more = tmp_path / "more.csv"
    more.write_text("claim,rating,url,source\n" + "".join(
        f"Ferry fares rose {n} percent,False,https://fc.example/more/{n},FactDesk\n" for n in range(4)),
        encoding="utf-8")
    before = claim_ids(db_path)
    forced = run(runner, db_path, "import", "--embed", str(more))
    assert "4 checks embedded for semantic matching" in forced.stdout
    added = [claim_id for claim_id in claim_ids(db_path) if claim_id not in before]
    with Store(db_path) as store:
        assert len(added) == 4 and set(store.vectors_of(added, MODEL_ID)) == set(added)


def test_a_load_embeds_the_claims_it_stores(runner, db_path, tmp_path, encoder):
    (tmp_path / "late.txt").write_text(LATE, encoding="utf-8")
    result = run(runner, db_path, "load", str(tmp_path / "late.txt"))
    assert result.exit_code == 0, result.output
    with Store(db_path) as store:
        (article,) = [a for a in store.articles() if a.title == "Governor revises flood figures"]
        ids = [claim.id for claim in store.claims(article.id)]
        assert ids and set(store.vectors_of(ids, MODEL_ID)) == set(ids)
        assert store.vector_counts(MODEL_ID) == (len(ids), len(ids) + 4)  # the archive's earlier claims wait

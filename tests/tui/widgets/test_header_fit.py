"""A screen's figures fit the header whole: long words while they fit, short ones on a narrow screen, two lines
when one cannot hold them."""

from __future__ import annotations

from rich.cells import cell_len

from tui.widgets.header_fit import HEADER_SIDES, Figure, fit_figures

FIGURES = [Figure("6 articles to review", "6 to review"), Figure("0 earlier checks"),
           Figure("6/109 claims decided", "6/109 decided")]
BIG = [Figure("12,000 articles shown", "12,000 shown"), Figure("12,500 articles to review", "12,500 to review"),
       Figure("19,250 earlier checks"), Figure("1,234/150,000 claims decided", "1,234/150,000 decided")]


def fits(title: str, sub_title: str, width: int) -> bool:
    first, *rest = sub_title.split("\n")
    room = width - HEADER_SIDES
    return cell_len(f"{title} — {first}") <= room and all(cell_len(line) <= room for line in rest)


def test_a_wide_screen_gets_the_long_words_on_one_line():
    fitted = fit_figures("Articles", FIGURES, 140)
    assert fitted.sub_title == "6 articles to review · 0 earlier checks · 6/109 claims decided"
    assert not fitted.two_lines


def test_80_columns_get_the_short_words_whole_on_one_line():
    fitted = fit_figures("Articles", FIGURES, 80)
    assert fitted.sub_title == "6 to review · 0 earlier checks · 6/109 decided"
    assert not fitted.two_lines and fits("Articles", fitted.sub_title, 80)


def test_figures_too_many_for_one_line_take_two_each_figure_whole():
    fitted = fit_figures("Articles", BIG, 80)
    assert fitted.two_lines and fits("Articles", fitted.sub_title, 80)
    shown = fitted.sub_title.replace("\n", " · ").split(" · ")
    assert shown in ([f.long for f in BIG], [f.short for f in BIG])


def test_one_figure_that_fits_nowhere_stays_on_one_line():
    fitted = fit_figures("Articles", [Figure("a figure far too long for so narrow a screen")], 40)
    assert not fitted.two_lines and "\n" not in fitted.sub_title

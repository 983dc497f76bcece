"""Issue 18 / 17: earlier fact-checks of any size read one at a time, every field clean, the organisation as the
source, the headline kept, dates parsed and never guessed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.exchange import record_stream
from store.exchange.check_fields import check_date
from store.exchange.fact_checks_in import VerdictFileError, read_verdict_file


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_byte_order_mark_survives_in_a_header_or_a_first_cell(tmp_path):
    text = ('\ufeff"\ufeffclaim",title,rating,url\n'
            '"\ufeff\ufeffSince Mayor X took office, crime fell",\ufeffHead,False,\n')
    [check] = read_verdict_file(write(tmp_path, "arch.csv", text))
    assert check.claim == "Since Mayor X took office, crime fell"
    assert check.title == "Head"
    assert "\ufeff" not in repr(check)


def test_the_source_is_the_organisation_never_the_file_name(tmp_path):
    text = ("claim,rating,url,publisher\n"
            "Crime fell,False,https://www.politifact.com/factchecks/1,PolitiFact\n"
            "Taxes rose,True,https://www.politifact.com/factchecks/2,\n"
            "Jobs grew,True,,\n")
    checks = list(read_verdict_file(write(tmp_path, "arch.csv", text)))
    assert [c.source for c in checks] == ["PolitiFact", "politifact.com", None]


def test_the_headline_and_subtitle_are_kept(tmp_path):
    text = "claim,headline,description,rating\nCrime fell 20%,No, crime did not fall,A look at the data,False\n"
    text = text.replace("No, crime did not fall", '"No, crime did not fall"')
    [check] = read_verdict_file(write(tmp_path, "a.csv", text))
    assert (check.title, check.subtitle) == ("No, crime did not fall", "A look at the data")


def test_claimreview_headline_and_fact_check_tools_title(tmp_path):
    review = {"@type": "ClaimReview", "claimReviewed": "The moon is cheese.", "headline": "Is the moon cheese?",
              "url": "https://checks.example/moon", "reviewRating": {"alternateName": "False"}}
    record = {"text": "The sun is cold.", "claimant": "Someone", "claimDate": "2020-01-01T00:00:00Z",
              "claimReview": [{"publisher": {"name": "Checker", "site": "checker.example"}, "url": "https://c.org/1",
                               "title": "No, the sun is hot", "reviewDate": "2020-01-03", "textualRating": "False",
                               "languageCode": "en"}]}
    [first] = read_verdict_file(write(tmp_path, "r.json", json.dumps(review)))
    [second] = read_verdict_file(write(tmp_path, "g.json", json.dumps({"claims": [record]})))
    assert (first.title, first.source) == ("Is the moon cheese?", "checks.example")
    assert (second.title, second.source, second.date, second.speaker) == ("No, the sun is hot", "Checker",
                                                                         "2020-01-01", "Someone")


@pytest.mark.parametrize(("written", "day"), [
    ("stated on October 21, 2019 in a speech:", "2019-10-21"),
    ("2019-10-21", "2019-10-21"), ("2019-10-21T08:30:00Z", "2019-10-21"), ("21 Oct 2019", "2019-10-21"),
    ("Oct. 21, 2019", "2019-10-21"), ("21st October, 2019", "2019-10-21"), ("2019/10/21", "2019-10-21"),
    ("last Tuesday", None), ("10/21/2019", None), ("2019-13-45", None), ("February 30, 2020", None), ("", None),
])
def test_dates_are_parsed_or_left_empty_never_guessed(written, day):
    assert check_date(written) == day


def test_a_politifact_date_in_a_csv(tmp_path):
    text = 'claim,rating,date\nCrime fell,False,"stated on October 21, 2019 in a speech:"\n'
    [check] = read_verdict_file(write(tmp_path, "p.csv", text))
    assert check.date == "2019-10-21"


def test_a_json_list_is_read_element_by_element(tmp_path, monkeypatch):
    monkeypatch.setattr(record_stream, "_CHUNK", 7)  # every record runs across many reads
    reviews = [{"@type": "ClaimReview", "claimReviewed": f"Claim number {n} says \"{n}\" ]", "reviewRating": n}
               for n in range(1, 40)]
    path = write(tmp_path, "list.json", " [\n" + ",\n".join(json.dumps(r) for r in reviews) + "\n]\n")
    assert [c.claim for c in read_verdict_file(path)] == [r["claimReviewed"] for r in reviews]


def test_a_broken_record_in_a_list_is_named_and_the_records_before_it_kept(tmp_path):
    path = write(tmp_path, "list.json", '[{"@type": "ClaimReview", "claimReviewed": "a"}, {"x": tru}, {"y": 1}]')
    skipped: list[str] = []
    assert [c.claim for c in read_verdict_file(path, skipped=skipped)] == ["a"]
    assert skipped == ["record 2: not JSON (expecting value); it and the rest of the list were not read"]


def test_a_list_cut_off_inside_a_record_keeps_the_records_before_it(tmp_path):
    reviews = [json.dumps({"@type": "ClaimReview", "claimReviewed": f"claim {n}", "reviewRating": "False"})
               for n in range(3)]
    text = "[" + ", ".join(reviews)
    skipped: list[str] = []
    path = write(tmp_path, "cut.json", text[:-20])
    assert [c.claim for c in read_verdict_file(path, skipped=skipped)] == ["claim 0", "claim 1"]
    assert skipped == ["record 3: the file ends inside it (unterminated string)"]
    skipped.clear()
    path = write(tmp_path, "open.json", text)
    assert len(list(read_verdict_file(path, skipped=skipped))) == 3
    assert skipped == ["the file ends inside its JSON list, after record 3"]


def test_a_list_broken_in_its_first_record_is_refused(tmp_path):
    with pytest.raises(VerdictFileError, match=r"^cut.json record 1 is not JSON \(unterminated string\)\.$"):
        list(read_verdict_file(write(tmp_path, "cut.json", '[{"claimReviewed": "a cla')))


def test_one_huge_json_object_is_refused_with_advice(tmp_path, monkeypatch):
    monkeypatch.setattr(record_stream, "MAX_DOCUMENT_BYTES", 100)
    review = {"@type": "ClaimReview", "claimReviewed": "a claim", "reviewRating": "False"}
    path = write(tmp_path, "graph.json", json.dumps({"@graph": [review] * 10}, indent=2))
    with pytest.raises(VerdictFileError, match="write it as JSON Lines"):
        list(read_verdict_file(path))


def test_json_lines_name_the_broken_line(tmp_path):
    line = json.dumps({"@type": "ClaimReview", "claimReviewed": "ok", "reviewRating": "True"})
    skipped: list[str] = []
    checks = list(read_verdict_file(write(tmp_path, "a.jsonl", f"{line}\n{{broken\n\n{line}\n"), skipped=skipped))
    assert len(checks) == 2 and skipped == ["line 2: not JSON (expecting property name enclosed in double quotes), "
                                            "skipped"]


def test_a_file_over_twenty_megabytes_is_read(tmp_path):
    row = "A claim that is long enough to fill the file quickly with text,False\n"
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("claim,rating\n")
        out.write(row * (21 * 2**20 // len(row) + 1))
    count = sum(1 for _ in read_verdict_file(path))
    assert count == 21 * 2**20 // len(row) + 1


def test_control_characters_are_shown_as_in_loaded_text(tmp_path):
    text = "claim,rating,speaker\nCrime\x1b[31m fell,False,The sen\u200bator\n"
    [check] = read_verdict_file(write(tmp_path, "c.csv", text))
    assert check.claim == "Crime␛[31m fell" and check.speaker == "The senator"


def test_one_huge_line_is_refused_before_it_is_held_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(record_stream, "MAX_DOCUMENT_BYTES", 1000)
    monkeypatch.setattr(record_stream, "_CHUNK", 100)
    review = {"@type": "ClaimReview", "claimReviewed": "a claim", "reviewRating": "False"}
    path = write(tmp_path, "one.json", json.dumps({"@graph": [review] * 100}))
    with pytest.raises(VerdictFileError, match="write it as JSON Lines"):
        list(read_verdict_file(path))


@pytest.mark.parametrize(("name", "text"), [("empty.json", ""), ("blank.csv", " \n\r\n\t")])
def test_an_empty_file_is_called_empty(tmp_path, name, text):
    with pytest.raises(VerdictFileError, match=f"^{name} is empty.$"):
        list(read_verdict_file(write(tmp_path, name, text)))

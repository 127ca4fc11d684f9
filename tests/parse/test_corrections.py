"""Analyst corrections: a readable CSV that survives rebuilds, applied before events and corridors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from geo.models import Toponym
from geo.parse.corrections import (
    Correction,
    CorrectionError,
    add_correction,
    apply_corrections,
    by_document,
    fingerprint,
    load_corrections,
    remove_correction,
)
from tests.support.pipeline_fakes import PARIS_TEXAS, PLACES, get_place

TEXT = "Officials met in Paris. Later they flew to Baku."
PARIS = Toponym(17, 22, "Paris", "Paris", "city", "FR", 48.8534, 2.3488, 0.8, "gn:2988507")
BAKU = Toponym(43, 47, "Baku", "Baku", "city", "AZ", 40.3777, 49.892, 0.8, "gn:587084")


def _correction(start: int, end: int, text: str, action: str = "reassign", place_id: str = "") -> Correction:
    return Correction.create(
        doc_id="d1", document="a.txt", start=start, end=end, text=text, action=action, place_id=place_id  # type: ignore[arg-type]
    )


def test_reassign_moves_the_mention_to_the_chosen_place_with_full_confidence() -> None:
    fixed = apply_corrections([PARIS, BAKU], [_correction(17, 22, "Paris", place_id=PARIS_TEXAS.place_id)], TEXT, get_place)
    assert [t.place_id for t in fixed] == [PARIS_TEXAS.place_id, BAKU.place_id]
    assert (fixed[0].country_code, fixed[0].lat, fixed[0].score) == ("US", PARIS_TEXAS.lat, 1.0)
    assert (fixed[0].start, fixed[0].end, fixed[0].text) == (17, 22, "Paris")


def test_not_place_drops_the_mention() -> None:
    fixed = apply_corrections([PARIS, BAKU], [_correction(43, 47, "Baku", "not_place")], TEXT, get_place)
    assert fixed == [PARIS]


def test_reassign_adds_a_mention_the_geoparser_missed_only_if_the_text_still_matches() -> None:
    baku = PLACES["Baku"].place_id
    added = apply_corrections([PARIS], [_correction(43, 47, "Baku", place_id=baku)], TEXT, get_place)
    assert [t.text for t in added] == ["Paris", "Baku"]
    stale = apply_corrections([PARIS], [_correction(43, 47, "Kyiv", place_id=baku)], TEXT, get_place)
    assert stale == [PARIS]


def test_unknown_place_id_leaves_the_mention_alone() -> None:
    assert apply_corrections([PARIS], [_correction(17, 22, "Paris", place_id="gn:0")], TEXT, get_place) == [PARIS]


def test_a_shifted_span_with_the_same_text_still_matches() -> None:
    fixed = apply_corrections([PARIS], [_correction(16, 22, "Paris", "not_place")], TEXT, get_place)
    assert fixed == []


def test_csv_is_human_readable_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    add_correction(path, _correction(17, 22, "Paris", place_id=PARIS_TEXAS.place_id))
    add_correction(path, _correction(43, 47, "Baku", "not_place"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "doc_id,document,start,end,text,action,place_id,note,created"
    assert lines[1].startswith("d1,a.txt,17,22,Paris,reassign,gn:4717560,,")
    assert [(c.start, c.action) for c in load_corrections(path)] == [(17, "reassign"), (43, "not_place")]


def test_a_new_decision_on_the_same_span_replaces_the_old_one_and_can_be_removed(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    add_correction(path, _correction(17, 22, "Paris", place_id=PARIS_TEXAS.place_id))
    add_correction(path, _correction(17, 22, "Paris", "not_place"))
    assert [c.action for c in load_corrections(path)] == ["not_place"]
    assert remove_correction(path, "d1", 17, 22) == []
    assert load_corrections(path) == []


def test_missing_file_means_no_corrections(tmp_path: Path) -> None:
    assert load_corrections(tmp_path / "none.csv") == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("d1,a.txt,5,2,Paris,reassign,gn:1,,", "bad span"),
        ("d1,a.txt,1,5,Paris,delete,,,", "action must be one of"),
        ("d1,a.txt,1,5,Paris,reassign,,,", "needs a place_id"),
        ("d1,a.txt,one,5,Paris,not_place,,,", "invalid literal"),
    ],
)
def test_bad_rows_are_reported_with_their_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text("doc_id,document,start,end,text,action,place_id,note,created\n" + row + "\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match=f"line 2: .*{message}"):
        load_corrections(path)


def test_fingerprint_changes_with_decisions_but_not_with_notes() -> None:
    one = _correction(17, 22, "Paris", place_id=PARIS_TEXAS.place_id)
    noted = replace(one, note="checked", created="2020-01-01T00:00:00+00:00")
    other = _correction(17, 22, "Paris", "not_place")
    assert fingerprint([]) == ""
    assert fingerprint([one]) == fingerprint([noted])
    assert fingerprint([one]) != fingerprint([other])
    assert by_document([one, other])["d1"] == (one, other)

"""Corrections are the analyst's work: concurrent saves lose nothing, a damaged file is named.

Two processes save 200 corrections each into one file at the same moment; every one of the
400 must be there afterwards. A file that is not UTF-8 or holds an absurdly long field is
refused with a :class:`CorrectionError` that names it, never a traceback from the csv module.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import settings
from geo.errors import CorrectionError
from geo.parse.corrections import Correction, add_correction, load_corrections, remove_correction

SAVES_PER_PROCESS = 200
_SAVER = """
import sys
from geo.parse.corrections import Correction, add_correction
path, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    add_correction(path, Correction.create(doc_id=f"doc-{who}", document=f"{who}.txt", start=i, end=i + 1,
                                           text="x", action="not_place"))
"""


def _savers(path: Path, names: list[str]) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(settings.ROOT)}
    return [
        subprocess.Popen([sys.executable, "-c", _SAVER, str(path), name, str(SAVES_PER_PROCESS)], env=env,
                         stderr=subprocess.PIPE)
        for name in names
    ]


def test_two_processes_saving_at_once_lose_no_correction(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    children = _savers(path, ["a", "b"])
    for child in children:
        _, errors = child.communicate(timeout=600)
        assert child.returncode == 0, errors.decode(errors="replace")
    saved = load_corrections(path)
    assert len(saved) == 2 * SAVES_PER_PROCESS
    assert {c.doc_id for c in saved} == {"doc-a", "doc-b"}
    assert not list(tmp_path.glob(".corrections.csv.*.tmp"))


def test_removing_keeps_what_another_save_added_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    first = Correction.create(doc_id="d1", document="a.txt", start=0, end=4, text="Baku", action="not_place")
    second = Correction.create(doc_id="d2", document="b.txt", start=5, end=9, text="Lima", action="not_place")
    add_correction(path, first)
    add_correction(path, second)
    remove_correction(path, "d1", 0, 4)
    assert load_corrections(path) == [second]


def test_a_corrections_file_that_is_not_utf8_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_bytes(b"doc_id,document,start,end,text,action\nd1,caf\xe9.txt,0,4,Baku,not_place\n")
    with pytest.raises(CorrectionError, match=r"corrections\.csv.*UTF-8") as raised:
        load_corrections(path)
    assert raised.value.path == path


def test_a_corrections_field_over_the_csv_limit_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text("doc_id,document,start,end,text,action,note\n"
                    f"d1,a.txt,0,4,Baku,not_place,{'n' * 140_000}\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match=r"corrections\.csv.*line 2") as raised:
        load_corrections(path)
    assert raised.value.path == path


def test_a_damaged_corrections_file_is_not_overwritten_by_a_save(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    damaged = b"doc_id,document,start,end,text,action\nd1,caf\xe9.txt,0,4,Baku,not_place\n"
    path.write_bytes(damaged)
    with pytest.raises(CorrectionError):
        add_correction(path, Correction.create(doc_id="d2", document="b.txt", start=0, end=4, text="Lima",
                                               action="not_place"))
    assert path.read_bytes() == damaged

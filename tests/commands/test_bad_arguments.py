"""Bad arguments end with a one-line message and a non-zero exit, never a traceback or a silent
empty result."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli import main
from geo.settings import MAX_CORPUS_BYTES, format_size
from geo.store import tables as store
from tests.support.export_layers import fake_store


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    fake = fake_store()
    folder = tmp_path / "store"
    with store.locked(folder):
        store.write_store(folder, {name: getattr(fake, name) for name in store.TABLE_NAMES}, cache={},
                          manifest={"counts": {}, "skipped": []})
    return folder


def test_export_with_a_date_range_that_ends_before_it_starts_fails(store_dir: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.geojson"
    code = main(["export", "--format", "geojson", "--store", str(store_dir), "--out", str(out),
                 "--from", "2024-01-01", "--to", "2023-01-01"])
    assert code != 0
    assert "--from 2024-01-01 is after --to 2023-01-01" in capsys.readouterr().err
    assert not out.exists()


def test_a_scheduler_that_is_not_an_address_is_refused_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--scheduler", "not-an-address"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "not a Dask scheduler address: 'not-an-address'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_export_of_a_damaged_store_names_the_file(store_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    events = store_dir / "events.parquet"
    events.write_bytes(events.read_bytes()[:100])
    code = main(["export", "--format", "csv", "--store", str(store_dir), "--out", str(tmp_path / "x.csv")])
    assert code == 1
    err = capsys.readouterr().err
    assert "events.parquet cannot be read" in err
    assert "Traceback" not in err


def test_limits_are_printed_in_binary_units() -> None:
    assert format_size(MAX_CORPUS_BYTES) == "10 MiB"
    assert format_size(5 * 1024 * 1024 + 1) == "5 MiB"

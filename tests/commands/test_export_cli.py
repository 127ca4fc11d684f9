"""``python -m geo export`` applies the dashboard's filters to a store on disk and writes the files."""

from __future__ import annotations

import argparse
import shlex
from datetime import date
from pathlib import Path

import geopandas as gpd
import pytest
from PIL import Image

from geo import export
from geo.cli import main
from geo.commands import export as export_command
from geo.store import tables as store_module
from geo.store.filters import Filters
from tests.support.export_layers import fake_store


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    fake = fake_store()
    tables = {name: getattr(fake, name) for name in store_module.TABLE_NAMES}
    store_module.write_store(folder, tables, cache={}, manifest={"counts": {}, "skipped": []})
    return folder


def test_geojson_export_applies_filter_flags(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "meetings.geojson"
    code = main(["export", "--format", "geojson", "--store", str(store_dir), "--out", str(out),
                 "--types", "meeting", "--countries", "ir"])

    assert code == 0
    read = gpd.read_file(out)
    events = read[read["layer"] == "events"]
    assert sorted(events["event_id"]) == ["ev0", "ev1"]


def test_default_name_in_a_folder_carries_filters_and_date(store_dir: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    assert main(["export", "--format", "kml", "--store", str(store_dir), "--out", str(out_dir),
                 "--from", "2024-03-01", "--to", "2024-03-31"]) == 0

    (written,) = out_dir.iterdir()
    assert written.name == f"corridor-atlas_2024-03-01_to_2024-03-31_{date.today().isoformat()}.kml"  # noqa: DTZ011


def test_csv_writes_events_and_places_beside_each_other(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.csv"
    assert main(["export", "--format", "csv", "--store", str(store_dir), "--out", str(out)]) == 0

    assert sorted(path.name for path in tmp_path.glob("view-*.csv")) == ["view-events.csv", "view-places.csv"]


def test_png_preset_a4(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert main(["export", "--format", "png", "--preset", "a4", "--store", str(store_dir), "--out", str(out),
                 "--title", "Caspian"]) == 0

    with Image.open(out) as image:
        assert image.size == (3508, 2480)
        assert image.info["Title"] == "Caspian"


def test_bad_date_is_a_usage_error(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["export", "--format", "png", "--store", str(store_dir), "--from", "March 2024"])
    assert excinfo.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_missing_store_says_how_to_build_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "geojson", "--store", str(tmp_path / "nowhere")]) == 1
    assert "python -m geo build" in capsys.readouterr().err


def test_command_shown_on_the_page_reproduces_the_filters() -> None:
    original = Filters(date_from=date(2024, 1, 1), include_undated=False, event_types=("meeting", "visit"),
                       countries=("IR",), corridors=("Kermanshah – Baghdad",), actors=("Aliyev",),
                       min_confidence=0.35, text="rail 'link'")
    command = export.cli_command("png", original, preset="a4", frame="all")
    parser = argparse.ArgumentParser()
    export_command.configure(parser)
    args = parser.parse_args(shlex.split(command)[4:])

    assert args.format == "png"
    assert args.preset == "a4"
    assert args.frame == "all"
    assert export_command.filters_from_args(args) == original


def test_formats_and_filter_flags_come_from_the_registries() -> None:
    from geo.briefings.export import DECK_FORMATS
    from geo.export.registry import EXPORTERS
    from geo.store.filters import FIELDS

    parser = argparse.ArgumentParser()
    export_command.configure(parser)
    actions = {action.dest: action for action in parser._actions}

    assert tuple(actions["format"].choices) == tuple(dict.fromkeys([*(e.name for e in EXPORTERS), *DECK_FORMATS]))
    flagged = [spec for spec in FIELDS if spec.flag]
    assert {spec.name for spec in flagged} <= set(actions)
    assert all(spec.flag in actions[spec.name].option_strings for spec in flagged)


def test_options_a_format_does_not_take_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="preset"):
        export.export_files(fake_store(), Filters(), "geojson", preset="a4")


def test_png_of_the_view_on_screen(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.png"
    assert main(["export", "--format", "png", "--store", str(store_dir), "--out", str(out), "--view", "40.4,49.9,8"]) == 0
    assert out.stat().st_size > 10_000
    with pytest.raises(SystemExit):
        main(["export", "--format", "png", "--store", str(store_dir), "--view", "40.4,49.9,80"])

"""Named corridors drawn through the real gazetteer, and the CLI end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from geo.cli import main
from geo.corridors.assemble import registry_corridors
from geo.corridors.routes import GEOD, line_length_km, share_over_land
from geo.maps import basemap
from geo.models import Corridor


@pytest.fixture(scope="module")
def corridors() -> dict[str, Corridor]:
    return {c.corridor_id: c for c in registry_corridors()}


def _km_inside(corridor: Corridor, country: str) -> float:
    polygons = basemap.countries("50m")
    shape = polygons[polygons["iso_a2"] == country].geometry.union_all()
    lines = shapely.MultiLineString([line for _, line in corridor.legs])
    return GEOD.geometry_length(shapely.intersection(lines, shape)) / 1000.0


def test_every_registry_waypoint_resolves_in_its_country(corridors: dict[str, Corridor]) -> None:
    assert set(corridors) >= {"instc", "zangezur", "aras", "middle-corridor", "china-iran-iraq-syria"}
    for corridor in corridors.values():
        assert corridor.length_km > 0
        assert all(-180 <= p.lon <= 180 and -90 <= p.lat <= 90 for p in corridor.waypoints)


def test_instc_length_is_near_the_stated_7200_km(corridors: dict[str, Corridor]) -> None:
    assert 4500 <= corridors["instc"].length_km <= 8500


def test_sea_legs_stay_at_sea(corridors: dict[str, Corridor]) -> None:
    land = basemap.land("50m")
    sea = [line for c in corridors.values() for mode, line in c.legs if mode == "sea"]
    assert sea
    lengths = [line_length_km(line) for line in sea]
    shares = [share_over_land(line, land) for line in sea]
    overall = sum(km * share for km, share in zip(lengths, shares, strict=True)) / sum(lengths)
    assert overall < 0.02
    assert max(shares) < 0.03  # port approaches only, no leg cuts across land


def test_zangezur_crosses_armenia_and_the_aras_corridor_avoids_it(corridors: dict[str, Corridor]) -> None:
    assert _km_inside(corridors["zangezur"], "AM") > 20
    assert _km_inside(corridors["aras"], "AM") < 5
    assert _km_inside(corridors["aras"], "IR") > 20


def test_cli_writes_one_feature_per_corridor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Ministers meet on the INSTC\n\n"
        "Russian and Iranian ministers discussed the International North-South Transport Corridor "
        "on Monday. They also agreed that a new railway will run from Rasht to Astara.\n",
        encoding="utf-8",
    )
    assert main(["corridors", str(article), "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    features = {f["properties"]["name"]: f for f in collection["features"]}
    instc = features["International North–South Transport Corridor"]
    assert instc["properties"]["kind"] == "named"
    assert instc["properties"]["documents"] == ["article.txt"]
    assert instc["geometry"]["type"] in {"LineString", "MultiLineString"}
    stated = [f for f in collection["features"] if f["properties"]["kind"] == "stated"]
    assert [f["properties"]["waypoints"][0] for f in stated] == ["Rasht"]
    assert stated[0]["properties"]["part_of"] == "International North–South Transport Corridor"


def test_cli_reads_folders_and_rejects_missing_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Trucks use the Aras corridor.\n", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.geojson"
    assert main(["corridors", str(tmp_path), "--output", str(out)]) == 0
    names = [f["properties"]["name"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    assert names == ["Aras Corridor"]
    assert "skipped b.bin" in capsys.readouterr().err
    assert main(["corridors", str(tmp_path / "missing.txt")]) == 2
    assert "no such file or folder" in capsys.readouterr().err

"""Gazetteer coverage (airports, Natural Earth features, unions, abbreviations), sources and the cache."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from geo.gazetteer import cache
from geo.gazetteer.airports import _aliases
from geo.gazetteer.index import gazetteer
from geo.gazetteer.physical import _tidy
from geo.gazetteer.sources import scripts_of


def _rare(word: str) -> float:
    return 1.0  # every word counts as rare English here


def test_an_airports_distinctive_name_becomes_an_alias_but_never_a_persons_or_a_towns() -> None:
    assert {"Schiphol", "Schiphol Airport"} <= _aliases("Amsterdam Airport Schiphol", "Amsterdam", set(), _rare)
    names = _aliases("Imam Khomeini International Airport", "Tehran", set(), _rare)
    assert "Imam Khomeini Airport" in names
    assert "Imam Khomeini" not in names  # two words: a person's name stays the person's
    assert "Kerman" not in _aliases("Kerman Airport", "Kerman", set(), _rare)  # the town's own name
    assert "Dunmore" not in _aliases("Dunmore Field", "Ashby", {"dunmore"}, _rare)  # a town's name
    assert "Memorial" not in _aliases("Memorial Airport", "Ashby", set(), lambda word: 5.0)  # an English word


def test_natural_earth_names_are_tidied() -> None:
    assert _tidy("BALKAN PEN.") == "Balkan Peninsula"
    assert _tidy("Falkland Is.") == "Falkland Islands"
    assert _tidy("GULF OF ALASKA") == "Gulf of Alaska"


def test_scripts_count_writing_systems_not_names() -> None:
    assert scripts_of(["Paris", "Parigi", "Париж", "باريس", "巴黎"]) == 4
    assert scripts_of([]) == 0


def test_airports_are_found_by_name_never_by_code() -> None:
    gaz = gazetteer()
    schiphol = [e for e in gaz.lookup("Schiphol") if e.place.kind == "facility"]
    assert schiphol
    assert schiphol[0].place.country_code == "NL"
    assert gaz.source(schiphol[0].place.place_id).startswith("airportsdata")
    assert not [e for e in gaz.lookup("SVO") + gaz.lookup("EHAM") if e.place.kind == "facility"]


def test_physical_features_have_a_point_a_footprint_and_a_source() -> None:
    gaz = gazetteer()
    alps = next(e for e in gaz.lookup("Alps") if e.place.kind == "region")
    footprint = gaz.footprint(alps.place.place_id)
    assert footprint is not None
    assert footprint.geom_type in ("Polygon", "MultiPolygon")
    assert 44 < alps.place.lat < 48
    assert gaz.source(alps.place.place_id).startswith("Natural Earth")
    danube = next(e for e in gaz.lookup("Danube") if e.place.kind == "water")
    assert gaz.footprint(danube.place.place_id) is not None  # the curated river gains Natural Earth's line


def test_a_river_takes_its_bare_name_only_when_nothing_else_bears_it() -> None:
    gaz = gazetteer()
    assert [e.place.kind for e in gaz.lookup("Mekong")] == ["water"]
    assert "water" not in {e.place.kind for e in gaz.lookup("Alabama")}  # the state's name
    assert "water" in {e.place.kind for e in gaz.lookup("Alabama River")}


def test_a_union_has_its_members_footprint() -> None:
    import shapely

    gaz = gazetteer()
    union = next(e for e in gaz.lookup("European Union"))
    footprint = gaz.footprint(union.place.place_id)
    assert footprint.contains(shapely.Point(2.35, 48.86))  # Paris
    assert not footprint.contains(shapely.Point(-0.13, 51.51))  # London
    assert gaz.source(union.place.place_id).startswith("curated")


def test_demonyms_mean_the_most_populous_country() -> None:
    table = gazetteer().demonyms()
    assert table["Chinese"] == "cc:CN"
    assert table["French"] == "cc:FR"
    assert table["Indian"] == "cc:IN"
    assert table["Norwegian"] == "cc:NO"


def test_every_kind_of_row_names_its_source() -> None:
    gaz = gazetteer()
    for place_id in ("cc:FR", "gn:2988507", "a1:CA.02", "cur:caspian-sea", "ap:AMS"):
        assert gaz.source(place_id), place_id


# -- the cache ------------------------------------------------------------------------------------------


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    files = [tmp_path / "a.csv", tmp_path / "b.json"]
    files[0].write_text("id,name\n1,Kerman\n", encoding="utf-8")
    files[1].write_text("{}", encoding="utf-8")
    monkeypatch.setattr("geo.gazetteer.sources.input_files", lambda: files)
    cache.content_key.cache_clear()
    yield files
    cache.content_key.cache_clear()


def test_the_index_is_keyed_by_the_content_of_its_inputs_not_their_times(inputs: list[Path]) -> None:
    import os

    key = cache.content_key()
    os.utime(inputs[0], (1_000_000, 1_000_000))  # a fresh checkout: new times, same bytes
    cache.content_key.cache_clear()
    assert cache.content_key() == key
    inputs[0].write_text("id,name\n1,Kermanshah\n", encoding="utf-8")
    cache.content_key.cache_clear()
    assert cache.content_key() != key


def test_concurrent_processes_build_the_index_once(inputs: list[Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from geo import settings

    monkeypatch.setenv(settings.CACHE_ENV, str(tmp_path / "cache"))
    builds: list[Path] = []

    def slow_build(path: Path) -> None:
        builds.append(path)
        time.sleep(0.2)  # the others must wait on the lock meanwhile
        path.write_bytes(b"index")

    found: list[Path] = []
    workers = [threading.Thread(target=lambda: found.append(cache.ensure_index(slow_build))) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(builds) == 1
    assert len(set(found)) == 1
    assert found[0].read_bytes() == b"index"
    assert found[0].name == f"gazetteer-{cache.content_key()}.sqlite"

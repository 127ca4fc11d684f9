"""The offline gazetteer: sources, names, variants and the cached index."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo import settings
from geo.gazetteer.build import CURATED_DIR
from geo.gazetteer.index import gazetteer, get_place
from geo.gazetteer.names import admin_aliases, normalize, skeleton
from geo.parse.geoparser import candidates, resolve_name


def test_normalize_folds_case_accents_and_punctuation() -> None:
    assert normalize("St. Petersburg") == "st petersburg"
    assert normalize("Bandar-e Anzalī") == "bandar e anzali"
    assert normalize("Iğdır") == "igdir"
    assert normalize("  ") == ""


def test_skeleton_joins_spelling_variants() -> None:
    assert skeleton("Teheran") == skeleton("Tehran")
    assert skeleton("Salianka") == skeleton("Solyanka")
    assert skeleton("Moscow") != skeleton("Tehran")


def test_admin_aliases_strip_the_level_word() -> None:
    assert admin_aliases("Syunik Province") == {"Syunik Province", "Syunik"}
    assert admin_aliases("Kerala") == {"Kerala"}
    assert admin_aliases("Anhui Sheng") == {"Anhui Sheng", "Anhui"}
    assert admin_aliases("Ningxia Huizu Zizhiqu") == {"Ningxia Huizu Zizhiqu", "Ningxia"}
    assert admin_aliases("Province of Pangasinan") == {"Province of Pangasinan", "Pangasinan"}
    assert admin_aliases("Henry County") == {"Henry County"}  # a bare "Henry" would be a person


def test_curated_rows_all_cite_a_source_and_have_coordinates() -> None:
    files = sorted(CURATED_DIR.glob("*.csv"))
    assert files, "curated supplement missing"
    for path in files:
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
        assert rows
        for row in rows:
            assert row["source"].strip(), (path.name, row)
            if "lat" in row:
                assert -90 <= float(row["lat"]) <= 90
                assert -180 <= float(row["lon"]) <= 180


def test_countries_have_coordinates_and_outrank_towns() -> None:
    turkey = resolve_name("Turkey")
    assert turkey is not None
    assert turkey.kind == "country"
    assert turkey.country_code == "TR"
    assert 36 <= turkey.lat <= 42
    assert 26 <= turkey.lon <= 45
    lebanon = resolve_name("Lebanon")
    assert lebanon is not None
    assert lebanon.kind == "country"


@pytest.mark.parametrize(
    ("name", "country", "kinds"),
    [
        ("Basra", "IQ", None),
        ("St. Petersburg", "RU", None),
        ("Syunik", "AM", {"admin"}),
        ("Teheran", "IR", {"city"}),
        ("Astrakhan", "RU", None),
        ("Bandar Anzali", "IR", {"city"}),
        ("Baku", "AZ", {"city"}),
        ("Kars", "TR", None),
        ("Nakhchivan", "AZ", None),
        ("Salianka", "RU", {"city"}),
    ],
)
def test_resolve_name_traps(name: str, country: str, kinds: set[str] | None) -> None:
    place = resolve_name(name)
    assert place is not None, name
    assert place.country_code == country, (name, place)
    if kinds:
        assert place.kind in kinds, (name, place)


def test_resolve_name_prefers_the_city_over_its_same_named_region() -> None:
    astrakhan = resolve_name("Astrakhan")
    assert astrakhan is not None
    assert astrakhan.kind == "city"
    petersburg = resolve_name("St. Petersburg")
    assert petersburg is not None
    assert petersburg.kind == "city"
    assert abs(petersburg.lat - 59.94) < 0.5


def test_resolve_name_uses_context_countries_and_kinds() -> None:
    assert resolve_name("Georgia", context_countries=["US"]).country_code == "US"  # type: ignore[union-attr]
    assert resolve_name("Georgia", context_countries=["AM", "AZ"]).country_code == "GE"  # type: ignore[union-attr]
    sea = resolve_name("Mediterranean Sea", kinds=["water"])
    assert sea is not None
    assert sea.kind == "water"
    assert resolve_name("Mediterranean Sea", kinds=["city"]) is None


def test_resolve_name_is_deterministic_and_unknown_names_give_none() -> None:
    assert resolve_name("Springfield") == resolve_name("Springfield")
    assert resolve_name("Xqzzvv Nowhere") is None
    assert resolve_name("") is None


def test_first_level_regions_are_derived_with_points_inside_the_country() -> None:
    texas = resolve_name("Texas")
    assert texas is not None
    assert texas.kind == "admin"
    assert texas.country_code == "US"
    assert 28 <= texas.lat <= 34
    assert -104 <= texas.lon <= -95
    dagestan = resolve_name("Dagestan")
    assert dagestan is not None
    assert dagestan.country_code == "RU"


def test_region_points_are_the_middle_of_the_area_not_of_the_people() -> None:
    # Ontario's towns crowd its south; GeoNames puts the province at 49.25 N, 84.50 W.
    ontario = get_place("a1:CA.08")
    assert ontario is not None
    assert 48.5 <= ontario.lat <= 50.5
    assert -86.5 <= ontario.lon <= -83.5
    # Alaska crosses the antimeridian (Aleutians): its point stays on the mainland (GeoNames 64 N, 150 W).
    alaska = resolve_name("Alaska")
    assert alaska is not None
    assert 63 <= alaska.lat <= 65.5
    assert -155 <= alaska.lon <= -148
    # France's polygon holds French Guiana, whose towns GeoNames codes GF: it must not pull
    # the nearest mainland region (Nouvelle-Aquitaine) out to the Atlantic.
    aquitaine = get_place("a1:FR.75")
    assert aquitaine is not None
    assert 43 <= aquitaine.lat <= 47.5
    assert -2 <= aquitaine.lon <= 2


def test_region_centres_unwrap_the_antimeridian_and_skip_miscoded_places() -> None:
    from shapely.geometry import box

    from geo.gazetteer.regions import _region_centres

    land = box(170, 60, 180, 70).union(box(-180, 60, -170, 70))  # one square split at 180°
    west = [(65.0 + k / 10, 172.0 + k / 10) for k in range(10)]
    east = [(65.0 + k / 10, -172.0 - k / 10) for k in range(10)]
    stray = [(61.0, 171.0)]  # coded "E" but surrounded by "W" places: left out
    centres = _region_centres({"W": west, "E": east[1:] + stray + east[:1]}, land)
    assert 170 < centres["W"][1] <= 180
    assert -180 <= centres["E"][1] < -170
    assert centres["E"][0] > 61.5


def test_candidates_are_ranked_and_get_place_round_trips() -> None:
    found = candidates("Alexandria", limit=5)
    assert 1 < len(found) <= 5
    assert found[0].country_code == "EG"  # the big one first when nothing else is known
    assert get_place(found[1].place_id) == found[1]
    assert get_place("gn:0") is None


def test_index_is_built_once_per_process_and_rebuilt_when_missing(tmp_path: Path, monkeypatch) -> None:
    import geo.gazetteer.build as builder
    import geo.gazetteer.index as module

    assert gazetteer() is gazetteer()
    # A missing cache file is rebuilt: point the cache at an empty folder and build a tiny index.
    monkeypatch.setenv(settings.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(module, "_INSTANCE", None)
    monkeypatch.setattr(builder, "_all_rows", lambda: builder._rows_curated())
    monkeypatch.setattr(builder, "_curated_aliases", lambda: iter(()))
    fresh = module.gazetteer()
    assert module.cache_path().exists()
    assert fresh.get("cur:caspian-sea") is not None
    assert fresh.lookup("Caspian")[0].place.kind == "water"


def test_key_filter_never_turns_away_a_key_of_the_index() -> None:
    """The bit set may let an absent key through (then it is queried), never miss a present one."""
    from geo.gazetteer.keyfilter import KeyFilter, build_key_filter

    present = [f"town {n}" for n in range(2000)]
    keys = KeyFilter(build_key_filter(present))
    assert all(keys.may_contain(key) for key in present)
    absent = [f"river {n}" for n in range(2000)]
    assert sum(keys.may_contain(key) for key in absent) < 20  # 2000 keys set ~0.003 % of the bits
    with pytest.raises(ValueError, match="key filter"):
        KeyFilter(b"\x00" * 16)


def test_lookups_through_the_key_filter_find_every_stored_name() -> None:
    gaz = gazetteer()
    rows = gaz._query("SELECT key FROM names ORDER BY idx LIMIT 500", ())
    assert all(gaz.lookup(key) for (key,) in rows)
    assert gaz.lookup("Qzxv Plonkety") == ()


def test_capital_is_the_seat_of_government_by_country_code() -> None:
    capital = gazetteer().capital("AZ")
    assert capital is not None
    assert (capital.name, capital.kind, capital.country_code) == ("Baku", "city", "AZ")
    assert gazetteer().capital("ZZ") is None

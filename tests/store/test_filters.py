"""Filter state, its URL form, and what it selects from the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.store.filters import (
    Filters,
    apply_filters,
    canonical_corridors,
    choices,
    describe,
    why_empty,
    within,
)
from geo.store.tables import Store
from tests.support import app_fixtures


@pytest.fixture
def store() -> Store:
    return Store(folder=Path("unused"), **app_fixtures.tables())


def test_default_filters_make_a_clean_url() -> None:
    assert Filters().to_query_params() == {}
    assert Filters.from_query_params({}) == Filters()


def test_query_params_round_trip_every_field() -> None:
    filters = Filters(
        date_from=date(2024, 1, 1),
        date_to=date(2024, 12, 31),
        include_undated=False,
        event_types=("meeting", "visit"),
        countries=("IR", "AZ"),
        corridors=("INSTC", "Kermanshah – Baghdad"),
        actors=("Iran, Islamic Republic of",),  # a comma inside a value must survive
        min_confidence=0.35,
        text="rail & port",
        briefing=True,
        dark=True,
    )
    params = filters.to_query_params()
    assert params["event_types"] == ["meeting", "visit"]
    assert params["include_undated"] == ["0"]
    assert Filters.from_query_params(params) == filters


def test_every_filter_is_described_once() -> None:
    import dataclasses

    from geo.store.filters import FIELDS

    assert [spec.name for spec in FIELDS] == [f.name for f in dataclasses.fields(Filters)]


def test_country_codes_in_the_url_are_read_in_capitals() -> None:
    assert Filters.from_query_params({"countries": ["ir", "AZ"]}).countries == ("IR", "AZ")


def test_bad_url_values_fall_back_to_defaults() -> None:
    parsed = Filters.from_query_params(
        {"date_from": "yesterday", "min_confidence": "7", "include_undated": "no", "event_types": ["", "visit"], "x": "1"}
    )
    assert parsed.date_from is None
    assert parsed.min_confidence == 1.0  # clamped into 0..1
    assert parsed.include_undated is False
    assert parsed.event_types == ("visit",)
    assert Filters.from_query_params({"min_confidence": "abc"}).min_confidence == 0.0


def test_no_filter_keeps_everything(store: Store) -> None:
    out = apply_filters(store, Filters())
    for name in ("documents", "mentions", "places", "events", "corridors"):
        assert len(out.table(name)) == len(store.table(name)), name


def test_date_window_and_undated_toggle(store: Store) -> None:
    may = apply_filters(store, Filters(date_from=date(2024, 5, 1), date_to=date(2024, 5, 31)))
    assert sorted(may.events["event_id"]) == ["e1", "e4"]  # e4 is undated and kept by default
    strict = apply_filters(store, Filters(date_from=date(2024, 5, 1), date_to=date(2024, 5, 31), include_undated=False))
    assert sorted(strict.events["event_id"]) == ["e1"]
    # The conference spans all of November: a window touching it keeps it.
    late = apply_filters(store, Filters(date_from=date(2024, 11, 25), include_undated=False))
    assert sorted(late.events["event_id"]) == ["e2"]
    # The undated article's places and corridor go with it.
    assert "003_undated.txt" not in set(strict.documents["file_name"])
    assert "Kermanshah – Baghdad" not in set(strict.corridors["name"])


def test_event_type_narrows_places_to_where_it_happened(store: Store) -> None:
    out = apply_filters(store, Filters(event_types=("visit",)))
    assert out.events["event_id"].tolist() == ["e3"]
    assert out.places["name"].tolist() == ["Moscow"]
    assert out.documents["file_name"].tolist() == ["002_tehran.txt"]


def test_country_filter_recounts_places(store: Store) -> None:
    out = apply_filters(store, Filters(countries=("RU",)))
    assert set(out.places["name"]) == {"Astrakhan", "Moscow"}
    assert out.places["mentions"].tolist() == [1, 1]
    assert out.events["event_id"].tolist() == ["e3"]


def test_actor_confidence_and_text_filters(store: Store) -> None:
    assert sorted(apply_filters(store, Filters(actors=("Masoud Pezeshkian",))).events["event_id"]) == ["e1", "e3"]
    confident = apply_filters(store, Filters(min_confidence=0.8))
    assert confident.events["event_id"].tolist() == ["e1"]
    assert "Yerevan" not in set(confident.places["name"])  # its mention scores 0.4
    found = apply_filters(store, Filters(text="rail line"))
    assert set(found.documents["file_name"]) == {"003_undated.txt"}
    assert found.corridors["name"].tolist() == ["Kermanshah – Baghdad"]


def test_corridor_filter_keeps_its_articles(store: Store) -> None:
    out = apply_filters(store, Filters(corridors=("INSTC",)))
    assert out.corridors["name"].tolist() == ["INSTC"]
    assert set(out.documents["file_name"]) == {"001_baku.txt", "002_tehran.txt"}
    assert "e4" not in set(out.events["event_id"])


def test_choices_and_caption(store: Store) -> None:
    offered = choices(store)
    assert offered.event_types == ["agreement", "conference", "meeting", "visit"]
    assert offered.actors[0] == "Masoud Pezeshkian"  # most frequent first
    assert (offered.first_date, offered.last_date) == (date(2024, 5, 3), date(2024, 11, 30))
    text = describe(Filters(date_from=date(2024, 1, 1), include_undated=False, countries=("IR",), min_confidence=0.5))
    assert text.startswith("2024-01-01 – …")
    assert "countries: IR" in text
    assert "confidence ≥ 0.50" in text
    assert describe(Filters()) == "all dates"


def _with_sea_event(store: Store) -> Store:
    """The fixture store plus a naval exercise on the Caspian Sea (a place of no one country)."""
    import geopandas as gpd
    from shapely.geometry import Point

    places = store.places.copy()
    places.loc[len(places)] = {**places.iloc[0].to_dict(), "place_id": "cur:caspian-sea", "name": "Caspian Sea",
                               "kind": "water", "country_code": None, "geometry": Point(50.67, 41.67)}
    events = store.events.copy()
    events.loc[len(events)] = {**events.iloc[0].to_dict(), "event_id": "e9", "type": "military_exercise",
                               "place_id": "cur:caspian-sea", "place": "Caspian Sea", "country_code": None,
                               "geometry": Point(50.67, 41.67)}
    mentions = store.mentions.copy()
    mentions.loc[len(mentions)] = {**mentions.iloc[0].to_dict(), "place_id": "cur:caspian-sea", "name": "Caspian Sea",
                                   "text": "Caspian", "kind": "water", "country_code": None,
                                   "geometry": Point(50.67, 41.67)}
    return Store(folder=Path("unused"), **{**app_fixtures.tables(),
                                           "places": gpd.GeoDataFrame(places, crs="EPSG:4326"),
                                           "events": gpd.GeoDataFrame(events, crs="EPSG:4326"),
                                           "mentions": gpd.GeoDataFrame(mentions, crs="EPSG:4326")})


def test_sea_events_count_for_the_countries_on_its_shores(store: Store) -> None:
    sea = _with_sea_event(store)
    russia_iran = apply_filters(sea, Filters(countries=("RU", "IR")))
    assert "e9" in set(russia_iran.events["event_id"])
    assert "Caspian Sea" in set(russia_iran.places["name"])
    iraq = apply_filters(sea, Filters(countries=("IQ",)))
    assert "e9" not in set(iraq.events["event_id"])  # Iraq has no Caspian shore


def test_seas_and_regions_are_a_choice_of_their_own(store: Store) -> None:
    sea = _with_sea_event(store)
    assert choices(sea).areas == ["Caspian Sea"]
    only = apply_filters(sea, Filters(areas=("Caspian Sea",)))
    assert only.events["event_id"].tolist() == ["e9"]
    both = apply_filters(sea, Filters(areas=("Caspian Sea",), countries=("AZ",)))
    assert set(both.events["event_id"]) == {"e1", "e9"}


def test_a_corridor_alias_selects_its_corridor(store: Store) -> None:
    corridors = store.corridors.copy()
    corridors["aliases"] = [["International North–South Transport Corridor"], []]
    aliased = Store(folder=Path("unused"), **{**app_fixtures.tables(), "corridors": corridors})
    assert apply_filters(aliased, Filters(corridors=("international north-south transport corridor",))).corridors[
        "name"].tolist() == ["INSTC"]
    assert canonical_corridors(aliased.corridors, ["International North-South Transport Corridor", "Nowhere"]) == (
        "INSTC", "Nowhere")
    assert apply_filters(aliased, Filters(text="north–south transport")).corridors["name"].tolist() == ["INSTC"]


def test_an_empty_result_says_why(store: Store) -> None:
    assert "no corridor called 'Nowhere Corridor'" in why_empty(store, Filters(corridors=("Nowhere Corridor",)))
    late = why_empty(store, Filters(date_from=date(2030, 1, 1), include_undated=False))
    assert "from 2030-01-01" in late
    assert "the events run from 2024-05-03 to 2024-11-30" in late
    together = why_empty(store, Filters(event_types=("visit",), countries=("IQ",)))
    assert together.startswith("Each filter matches something on its own")


def test_dates_beyond_the_data_are_kept_as_given() -> None:
    params = Filters(date_to=date(2031, 12, 31)).to_query_params()
    assert params == {"date_to": ["2031-12-31"]}
    assert Filters.from_query_params(params).date_to == date(2031, 12, 31)


def test_within_matches_pandas_isin_with_missing_values_and_plain_objects() -> None:
    column = pd.Series(["a", "b", None, "c"], dtype="str")
    assert within(column, {"a", "c"}).tolist() == column.isin(["a", "c"]).tolist() == [True, False, False, True]
    assert within(pd.Series(["x", None], dtype=object), np.array(["x"], dtype=object)).tolist() == [True, False]
    assert within(pd.Series([], dtype="str"), []).tolist() == []

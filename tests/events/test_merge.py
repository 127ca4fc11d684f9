"""One event, many reports: articles telling the same occurrence become one event with all its sources."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import shapely

from geo.events.merge import ReportKey, merge_reports
from geo.models import Actor, Event, Interval, Toponym
from geo.store.build import event_rows, merged_events
from geo.store.schema import TABLES

BAKU = Toponym(0, 4, "Baku", "Baku", "city", "AZ", 40.38, 49.89, 0.9, "test:Baku")
SUMGAIT = Toponym(0, 7, "Sumgait", "Sumgait", "city", "AZ", 40.59, 49.67, 0.9, "test:Sumgait")  # ~30 km away
TEHRAN = Toponym(0, 6, "Tehran", "Tehran", "city", "IR", 35.69, 51.42, 0.9, "test:Tehran")
MONDAY = Interval(date(2024, 5, 6), date(2024, 5, 6), "day")


def event(doc: str, place: Toponym | None = BAKU, interval: Interval = MONDAY, kind: str = "meeting",
          actors: tuple[Actor, ...] = (Actor("Ilham Aliyev", "President"), Actor("Lavrov")), n: int = 0) -> Event:
    return Event(f"{doc}-{n}", doc, f"{doc}.txt", kind, interval, place, actors, f"A sentence of {doc}.", 0.8,
                 sentences=(f"A sentence of {doc}.",))


def reports(events: list[Event]) -> list[list[str]]:
    return [sorted(events[i].document for i in report.mentions)
            for report in merge_reports([ReportKey.of(e) for e in events])]


def test_ten_articles_on_one_summit_are_one_event() -> None:
    events = [event(f"doc{i}") for i in range(10)]
    assert reports(events) == [[f"doc{i}.txt" for i in range(10)]]


def test_same_type_near_place_overlapping_dates_and_a_shared_actor_are_needed() -> None:
    base = event("a")
    same = event("b", place=SUMGAIT, actors=(Actor("Aliyev"),))  # near, and "Aliyev" is "Ilham Aliyev"
    elsewhere = event("c", place=TEHRAN)
    later = event("d", interval=Interval(date(2024, 6, 1), date(2024, 6, 1), "day"))
    strangers = event("e", actors=(Actor("Someone Else"),))
    other_kind = event("f", kind="visit")
    unplaced = event("g", place=None)
    assert reports([base, same, elsewhere, later, strangers, other_kind, unplaced]) == [
        ["a.txt", "b.txt"], ["c.txt"], ["d.txt"], ["e.txt"], ["f.txt"], ["g.txt"]]


def test_two_events_of_one_article_are_never_merged_across_articles() -> None:
    assert reports([event("a", n=1), event("a", n=2)]) == [["a.txt"], ["a.txt"]]


def test_the_merged_id_stays_when_a_later_report_joins() -> None:
    first = merge_reports([ReportKey.of(event("a")), ReportKey.of(event("b"))])
    later = event("c", interval=Interval(date(2024, 5, 6), date(2024, 5, 7), "approximate"))
    again = merge_reports([ReportKey.of(e) for e in (event("a"), event("b"), later)])
    assert first[0].event_id == again[0].event_id
    assert len(again[0].mentions) == 3


def _table(events: list[Event]) -> gpd.GeoDataFrame:
    rows = event_rows(events)
    points = [shapely.Point(r.pop("lon"), r.pop("lat")) if r["lon"] is not None else (r.pop("lon"), r.pop("lat"))[0]
              for r in rows]
    frame = gpd.GeoDataFrame(rows, geometry=points, crs="EPSG:4326")
    return frame[list(TABLES["event_mentions"])]


def test_the_store_keeps_merged_events_and_every_mention() -> None:
    events = [event("a"), event("b", actors=(Actor("Aliyev"), Actor("Sergei Lavrov", "Foreign Minister"))),
              event("c", place=TEHRAN)]
    merged, mentions = merged_events(_table(events))
    assert list(merged.columns) == list(TABLES["events"])
    assert len(mentions) == 3
    assert sorted(merged["reports"]) == [1, 2]
    both = merged[merged["reports"] == 2].iloc[0]
    assert both["documents"] == ["a.txt", "b.txt"]
    assert both["sentences"] == ["A sentence of a.", "A sentence of b."]
    assert both["actors"] == ["Ilham Aliyev", "Sergei Lavrov"]  # one name per person across the corpus
    assert both["actor_roles"] == ["President", "Foreign Minister"]
    linked = mentions[mentions["document"].isin(["a.txt", "b.txt"])]
    assert set(linked["merged_id"]) == {both["event_id"]}

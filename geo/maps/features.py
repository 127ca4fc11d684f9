"""The map's content as plain GeoJSON: events, places and corridors of the filtered tables,
with popups, stable styles, label candidates and the opening frame.

``map_layers`` is the one place that turns filtered tables into what a browser draws; the
app caches its result and the HTML export inlines it. Above :data:`EVENT_MARKER_LIMIT` events
or :data:`POINT_LIMIT` places, points are merged per place, then per grid cell, so the browser
never gets more than a few thousand features whatever the store holds. Every feature carries a
``ref`` (``event:ID``, ``place:ID``, ``corridor:ID``) that a click sends back, so the page shows
exactly that feature's sources.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geo.maps.framing import Frame, frame_of
from geo.maps.highlight import esc, highlight_all
from geo.maps.popups import clip, corridor_popup, event_popup, format_when, place_popup, type_label
from geo.maps.style import PLACE_COLOUR, corridor_colour, event_style
from geo.store.filters import StoreLike

EVENT_MARKER_LIMIT = 1500
POINT_LIMIT = 1000
GRID_STEPS_DEG = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
CANVAS_ABOVE = 1000  # point features; fewer stay SVG elements (crisper, and countable in tests)
PLACE_LABELS = 400
"""Most important places whose names the browser may write (it writes those that fit)."""
LABEL_LINE_TOLERANCE_DEG = 0.02
"""Corridor lines sent for name placement are simplified to this (a pixel at zoom ~6)."""


# ---------------------------------------------------------------- GeoJSON helpers


def point_feature(lon: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": properties,
    }


def collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def located(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with a point geometry, with ``lon``/``lat`` columns."""
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    return frame.assign(lon=frame.geometry.x, lat=frame.geometry.y)


def texts(values: pd.Series) -> np.ndarray:
    """Values as Python strings ('—' for missing), cheaply."""
    array = values.to_numpy(dtype=object)
    return np.where(pd.isna(array), "—", array)


def radius(count: int, scale: float = 3.0, cap: float = 28.0) -> float:
    return round(min(4.0 + scale * math.sqrt(count), cap), 1)


def document_urls(documents: pd.DataFrame) -> dict[str, object]:
    """Article URL by document file name (for links in popups and source cards)."""
    if documents is None or documents.empty or "url" not in documents:
        return {}
    known = documents[documents["url"].notna()]
    return dict(zip(known["file_name"], known["url"], strict=True))


def mention_surfaces(mentions: pd.DataFrame, doc_ids: set[str]) -> dict[tuple[str, str], list[str]]:
    """The words each (document, place) was matched on, as written ("Astra Khan")."""
    wanted = mentions[mentions["doc_id"].isin(doc_ids)]
    if wanted.empty:
        return {}
    pairs = wanted[["doc_id", "place_id", "text"]].drop_duplicates()
    out: dict[tuple[str, str], list[str]] = {}
    for doc_id, place_id, text in pairs.itertuples(index=False):
        out.setdefault((doc_id, place_id), []).append(text)
    return out


# ---------------------------------------------------------------- events


def event_features(events: pd.DataFrame, mentions: pd.DataFrame | None = None,
                   urls: dict[str, object] | None = None) -> list[dict[str, Any]]:
    """One awesome-marker feature per event (use only below ``EVENT_MARKER_LIMIT``)."""
    placed = located(events)
    surfaces = mention_surfaces(mentions, set(placed["doc_id"])) if mentions is not None else {}
    urls = urls or {}
    features = []
    for row in placed.itertuples(index=False):
        icon, marker, _ = event_style(row.type)
        tooltip = f"{type_label(row.type)} · {row.place or ''} · {format_when(row.start, row.end, row.precision)}"
        properties = {
            "icon": icon, "marker": marker, "kind": "event", "ref": f"event:{row.event_id}",
            "popup": event_popup(row, surfaces.get((row.doc_id, row.place_id), ()), urls.get(row.document)),
            "tooltip": esc(tooltip),
        }
        features.append(point_feature(row.lon, row.lat, properties))
    return features


def spatial_keys(frame: pd.DataFrame, limit: int) -> np.ndarray:
    """Integer keys: one per place, or per grid cell (the finest of ``GRID_STEPS_DEG`` that gives
    at most ``limit`` keys). Rows without a place id are keyed by their rounded position."""
    place_ids = frame["place_id"].to_numpy(dtype=object)
    missing = pd.isna(place_ids)
    if missing.any():
        position = (frame["lon"].round(3).astype(str).to_numpy(dtype=object) + ","
                    + frame["lat"].round(3).astype(str).to_numpy(dtype=object))
        place_ids = np.where(missing, position, place_ids)
    keys = pd.factorize(place_ids)[0].astype(np.int64)
    lon, lat = frame["lon"].to_numpy(), frame["lat"].to_numpy()
    for step in GRID_STEPS_DEG:
        if len(np.unique(keys)) <= limit:
            break
        keys = np.floor((lon + 540) / step).astype(np.int64) * 100_000 + np.floor((lat + 90) / step).astype(np.int64)
    return keys


def summarise(frame: pd.DataFrame, keys: np.ndarray, name: str, weight: str | None = None) -> pd.DataFrame:
    """One row per key: ``count`` (rows, or the sum of ``weight``), mean ``lon``/``lat``, the
    heaviest ``name`` value as ``top``, ``places`` (distinct place ids) and ``first`` (the
    position of the key's first row). Vectorised: 100,000 rows take a fraction of a second.
    """
    table = pd.DataFrame(
        {
            "key": keys,
            "w": frame[weight].to_numpy() if weight else 1,
            "lon": frame["lon"].to_numpy(),
            "lat": frame["lat"].to_numpy(),
            "name": texts(frame[name]),
            "place": pd.factorize(frame["place_id"].to_numpy(dtype=object))[0],
            "row": np.arange(len(frame)),
        }
    )
    groups = table.groupby("key", sort=False)
    summary = groups.agg(
        count=("w", "sum"), lon=("lon", "mean"), lat=("lat", "mean"), places=("place", "nunique"), first=("row", "first")
    )
    heaviest = table.groupby(["key", "name"], sort=False)["w"].sum().sort_values(ascending=False).reset_index()
    summary["top"] = heaviest.drop_duplicates("key").set_index("key")["name"]
    return summary


def type_breakdown(keys: np.ndarray, types: pd.Series) -> tuple[dict[Any, str], dict[Any, str]]:
    """Per key: ``"Meeting 12 · Visit 3"`` (top six types) and the most frequent type."""
    counts = (
        pd.DataFrame({"key": keys, "type": types.to_numpy()}).value_counts().reset_index(name="n")
        .sort_values(["key", "n"], ascending=[True, False])
    )
    top = counts.groupby("key", sort=False).head(6)
    text = top.assign(part=[f"{type_label(t)} {n}" for t, n in zip(top["type"], top["n"], strict=True)])
    breakdown = text.groupby("key", sort=False)["part"].agg(" · ".join).to_dict()
    dominant = counts.drop_duplicates("key").set_index("key")["type"].to_dict()
    return breakdown, dominant


def aggregated_event_features(events: pd.DataFrame, limit: int = POINT_LIMIT) -> list[dict[str, Any]]:
    """Circles sized by event count (per place, or per grid cell), coloured by the most frequent type."""
    placed = located(events)
    if placed.empty:
        return []
    keys = spatial_keys(placed, limit)
    summary = summarise(placed, keys, "place")
    breakdown, dominant = type_breakdown(keys, placed["type"])
    starts = pd.to_datetime(placed["start"], errors="coerce")
    ends = pd.to_datetime(placed["end"], errors="coerce").fillna(starts)
    span = pd.DataFrame({"key": keys, "first": starts.to_numpy(), "last": ends.to_numpy()}).groupby("key").agg(
        first=("first", "min"), last=("last", "max")
    )
    firsts, lasts = span["first"].to_dict(), span["last"].to_dict()
    heads = placed.iloc[summary["first"].to_numpy()]  # each key's first event speaks for it
    sentences, places, documents, place_ids = (texts(heads[c]) for c in ("sentence", "place", "document", "place_id"))
    features = []
    for first, row in enumerate(summary.itertuples()):
        key, count = row.Index, int(row.count)
        title = f"{row.top} area" if row.places > 1 else str(row.top)
        when = format_when(firsts[key], lasts[key], "day")
        popup = (
            f'<div class="ca-popup"><b>{esc(title)}</b> — {count} events<br>{esc(breakdown[key])}<br>'
            f'<span class="ca-when">{esc(when)}</span>'
            f"<blockquote>{highlight_all(clip(sentences[first]), [places[first]])}<br>"
            f"<small>{esc(documents[first])}</small></blockquote></div>"
        )
        style = {
            "radius": radius(count, 1.5), "color": "#222", "weight": 1, "fillColor": event_style(str(dominant[key]))[2],
            "fillOpacity": 0.7, "className": "ca-event-group",
        }
        ref = f"place-events:{place_ids[first]}" if row.places <= 1 and place_ids[first] != "—" else None
        properties = {"style": style, "popup": popup, "tooltip": esc(f"{title}: {count} events"), "kind": "events",
                      "ref": ref, "count": count}
        features.append(point_feature(row.lon, row.lat, properties))
    return features


# ---------------------------------------------------------------- places


def place_features(places: pd.DataFrame, mentions: pd.DataFrame, limit: int = POINT_LIMIT,
                   urls: dict[str, object] | None = None) -> list[dict[str, Any]]:
    """Circles sized by mentions; one per place, or per grid cell above ``limit`` places."""
    placed = located(places)
    if placed.empty:
        return []
    keys = spatial_keys(placed, limit)
    summary = summarise(placed, keys, "name", weight="mentions")
    single = summary["places"] <= 1
    columns = {c: texts(placed[c]) for c in ("place_id", "name", "kind", "country_code")}
    columns |= {c: placed[c].to_numpy() for c in ("mentions", "score", "documents")}
    examples = _examples(mentions, set(columns["place_id"][summary.loc[single, "first"].astype(int)]))
    features = []
    for row in summary.itertuples():
        count = int(row.count)
        if row.places <= 1:
            place = {name: values[int(row.first)] for name, values in columns.items()}
            popup = place_popup(place, examples.get(place["place_id"], []), urls)
            tooltip, ref = f"{place['name']}: {count} mention(s)", f"place:{place['place_id']}"
        else:
            popup = f'<div class="ca-popup"><b>{esc(row.top)} area</b> — {int(row.places)} places, {count} mentions</div>'
            tooltip, ref = f"{row.top} area: {int(row.places)} places", None
        style = {
            "radius": radius(count), "color": "#ffffff", "weight": 1, "fillColor": PLACE_COLOUR, "fillOpacity": 0.55,
            "className": "ca-place",
        }
        properties = {"style": style, "popup": popup, "tooltip": esc(tooltip), "kind": "place", "ref": ref,
                      "count": count}
        features.append(point_feature(row.lon, row.lat, properties))
    return features


def _examples(mentions: pd.DataFrame, place_ids: set[str], per_place: int = 2) -> dict[str, list[tuple[str, str, str]]]:
    """Up to ``per_place`` (sentence, surface text, document) quotes for each of ``place_ids``."""
    wanted = mentions[mentions["place_id"].isin(place_ids)]
    firsts = wanted.drop_duplicates(["place_id", "sentence"]).groupby("place_id", sort=False).head(per_place)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for place_id, sentence, surface, document in zip(
        *(texts(firsts[c]) for c in ("place_id", "sentence", "text", "document")), strict=True
    ):
        out.setdefault(place_id, []).append((sentence, surface, document))
    return out


# ---------------------------------------------------------------- corridors


def corridor_style(kind: str, colour: str, *, approximate: bool = False) -> dict[str, Any]:
    """Named corridors solid and thick; stated routes dashed; routes whose course is unknown
    (drawn between country or region points) thin and dotted."""
    if approximate:
        return {"color": colour, "weight": 2.5, "opacity": 0.85, "dashArray": "1 6", "lineCap": "round",
                "className": "ca-corridor ca-approximate"}
    named = kind == "named"
    return {"color": colour, "weight": 5 if named else 3, "opacity": 0.9, "dashArray": None if named else "8 6",
            "className": f"ca-corridor ca-{kind}"}


def is_approximate(row: Any) -> bool:
    """A stated route drawn through a country, region or sea point: its line is no known road."""
    return bool(getattr(row, "approximate", False) is True)


def corridor_features(corridors: pd.DataFrame) -> list[dict[str, Any]]:
    """Lines in each corridor's own colour (see :mod:`geo.maps.style`)."""
    features = []
    for row, geometry in zip(corridors.itertuples(index=False), corridors.geometry, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        colour = corridor_colour(row.corridor_id, row.name, _text(getattr(row, "part_of", None)))
        features.append(
            {
                "type": "Feature",
                "geometry": geometry.__geo_interface__,
                "properties": {
                    "style": corridor_style(row.kind, colour, approximate=is_approximate(row)),
                    "popup": corridor_popup(row, colour),
                    "tooltip": esc(f"Corridor: {row.name}"),
                    "kind": "corridor",
                    "ref": f"corridor:{row.corridor_id}",
                },
            }
        )
    return features


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


# ---------------------------------------------------------------- labels


LABEL_KIND_WEIGHT = {"continent": 0.0, "region": 0.5}
"""A continent's name at its centroid says nothing on a map (never written); a region's waits
for the towns and countries."""


def place_importance(places: pd.DataFrame, events: pd.DataFrame, waypoints: set[str]) -> pd.Series:
    """Who gets a name first: mentions, plus two per event there, plus three for a corridor
    waypoint (0 for a place whose name is not written, see :data:`LABEL_KIND_WEIGHT`)."""
    at_place = events["place_id"].value_counts() if len(events) else pd.Series(dtype=float)
    events_here = places["place_id"].map(at_place).fillna(0)
    on_route = places["name"].isin(waypoints).astype(float)
    weight = places["kind"].map(LABEL_KIND_WEIGHT).fillna(1.0) if "kind" in places else 1.0
    return (pd.to_numeric(places["mentions"], errors="coerce").fillna(1) + 2 * events_here + 3 * on_route) * weight


def label_config(filtered: StoreLike, *, scale: float = 1.0) -> dict[str, Any]:
    """What the browser may write on the map, most important first (it writes what fits):
    ``places`` as ``[name, lat, lon, importance, iso code of a country, gap px]``, corridor
    names with their colour and simplified lines, and the waypoint names of drawn corridors
    (basemap towns of that name get their label early)."""
    corridors = filtered.corridors[filtered.corridors.geometry.notna()]
    waypoints = {str(w) for ways in corridors["waypoints"] for w in ways} if len(corridors) else set()
    places = located(filtered.places)
    rows: list[list[Any]] = []
    if len(places):
        ranked = places.assign(rank=place_importance(places, filtered.events, waypoints))
        ranked = ranked[ranked["rank"] > 0].sort_values("rank", ascending=False, kind="stable").head(PLACE_LABELS)
        for row in ranked.itertuples(index=False):
            iso = row.country_code if row.kind == "country" and isinstance(row.country_code, str) else ""
            gap = radius(int(row.mentions)) + 2
            rows.append([str(row.name), round(row.lat, 4), round(row.lon, 4), round(float(row.rank), 1), iso, gap])
    lines = []
    named_first = corridors.assign(_named=corridors["kind"] != "named").sort_values("_named", kind="stable")
    for row, geometry in zip(named_first.itertuples(index=False), named_first.geometry, strict=True):
        simple = shapely.simplify(geometry, LABEL_LINE_TOLERANCE_DEG)
        parts = [[[round(lat, 3), round(lon, 3)] for lon, lat in shapely.get_coordinates(part)]
                 for part in shapely.get_parts(simple)]
        colour = corridor_colour(row.corridor_id, row.name, _text(getattr(row, "part_of", None)))
        lines.append({"name": str(row.name), "colour": colour, "lines": parts})
    return {"places": rows, "corridors": lines, "waypoints": sorted(waypoints), "scale": scale}


# ---------------------------------------------------------------- the layers together


@dataclass(frozen=True)
class MapLayers:
    """The map's content as plain GeoJSON dicts: cheap to cache, turned into a page by
    :func:`geo.maps.webmap.draw_map` (Folium maps must not be rendered twice)."""

    corridors: dict[str, Any]
    events: dict[str, Any]
    events_as_markers: bool  # awesome-marker pins in clusters; else aggregated circles
    places: dict[str, Any]
    counts: dict[str, int]
    event_types: tuple[str, ...]
    corridor_legend: tuple[tuple[str, str, str], ...]  # (name, colour, named/stated/approximate) per drawn corridor
    labels: dict[str, Any]
    frame: Frame

    @property
    def heavy(self) -> bool:
        """Many vector features: draw them on a canvas (fast) rather than as SVG elements."""
        return len(self.events["features"]) + len(self.places["features"]) > CANVAS_ABOVE

    @property
    def bounds(self) -> list[list[float]] | None:
        """[[south, west], [north, east]] of the opening frame."""
        return _corners(self.frame.bounds)

    def outside_points(self) -> list[list[float]]:
        """``[lat, lon, count]`` of every point feature, for the "outside this view" note."""
        return [
            [f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0], f["properties"].get("count", 1)]
            for f in (*self.events["features"], *self.places["features"])
        ]

    def outside_boxes(self) -> list[list[float]]:
        """``[south, west, north, east]`` of every corridor."""
        boxes = []
        for feature in self.corridors["features"]:
            west, south, east, north = shapely.bounds(shapely.geometry.shape(feature["geometry"]))
            boxes.append([round(south, 3), round(west, 3), round(north, 3), round(east, 3)])
        return boxes


def _corners(bounds: tuple[float, float, float, float] | None) -> list[list[float]] | None:
    if bounds is None:
        return None
    west, south, east, north = bounds
    return [[south, west], [north, east]]


def map_layers(filtered: StoreLike, *, corridors_selected: bool = False, label_scale: float = 1.0) -> MapLayers:
    """GeoJSON for each layer of the filtered tables, aggregated where there are too many points."""
    corridors, events, places = filtered.corridors, filtered.events, filtered.places
    urls = document_urls(filtered.documents)
    located_events = int(events.geometry.notna().sum()) if len(events) else 0
    as_markers = located_events <= EVENT_MARKER_LIMIT
    if not located_events:
        event_data: list[dict[str, Any]] = []
    elif as_markers:
        event_data = event_features(events, filtered.mentions, urls)
    else:
        event_data = aggregated_event_features(events)
    drawn = corridors[corridors.geometry.notna()]
    legend = tuple(
        (str(row.name), corridor_colour(row.corridor_id, row.name, _text(getattr(row, "part_of", None))),
         "approximate" if is_approximate(row) else str(row.kind))
        for row in drawn.itertuples(index=False)
    )
    return MapLayers(
        corridors=collection(corridor_features(corridors) if len(corridors) else []),
        events=collection(event_data),
        events_as_markers=as_markers,
        places=collection(place_features(places, filtered.mentions, urls=urls) if len(places) else []),
        counts={"corridors": len(corridors), "events": len(events), "places": len(places)},
        event_types=tuple(sorted(events["type"].dropna().unique())),
        corridor_legend=legend,
        labels=label_config(filtered, scale=label_scale),
        frame=frame_of(filtered, corridors_selected=corridors_selected),
    )

"""KML for Google Earth, written with fastkml: one folder per layer, styled like the map.

Events and corridors carry a ``TimeSpan`` so Google Earth's time slider filters them. Google
Earth renders ``<description>`` as HTML, and the text comes from untrusted articles, so every
value put into a description is HTML-escaped (XML escaping alone would not be enough).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd
from fastkml import KML, Document, Folder, Placemark
from fastkml.data import Data, ExtendedData
from fastkml.styles import IconStyle, LineStyle, Style, StyleUrl
from fastkml.times import KmlDateTime, TimeSpan

from geo.export.names import DEFAULT_TITLE, caption
from geo.maps.render import ATTRIBUTION, MapLayers
from geo.maps.style import PLACE_COLOUR, corridor_colours, event_style
from geo.store.filters import Filters

EVENT_FIELDS = ("event_id", "type", "start", "end", "precision", "place", "place_id", "country_code",
                "actors", "document", "confidence")
PLACE_FIELDS = ("place_id", "name", "kind", "country_code", "mentions", "score", "documents")
CORRIDOR_FIELDS = ("corridor_id", "name", "kind", "waypoints", "modes", "length_km", "first_mentioned",
                   "last_mentioned", "documents")
# Google Earth's own round marker; it ships with Google Earth, and fastkml drops an IconStyle without an icon.
ICON_HREF = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def to_kml(view: MapLayers, filters: Filters, *, title: str = DEFAULT_TITLE) -> bytes:
    """KML for Google Earth: a folder per layer; events carry a TimeSpan so the time slider works."""
    return document(view, title=title, description=caption(view, filters))


def document(view: MapLayers, *, title: str, description: str = "") -> bytes:
    """The whole view as one KML document (UTF-8 bytes); ``description`` is plain text (escaped here)."""
    types = sorted(view.events["type"].dropna().astype(str).unique()) if not view.events.empty else []
    styles = [_point_style(f"event-{_style_id(t)}", event_style(t)[2], 1.1) for t in types]
    styles.append(_point_style("place", PLACE_COLOUR, 0.7))
    colours = corridor_colours(view.corridors.drop(columns="geometry").to_dict("records"))
    styles += [
        Style(id=f"corridor-{index}", styles=[LineStyle(color=_kml_color(colour), width=4)])
        for index, colour in enumerate(colours.values())
    ]  # the map's colour of each corridor (geo.maps.style), so a KML legend matches the slides
    corridor_style_ids = {name: f"#corridor-{index}" for index, name in enumerate(colours)}
    folders = [
        Folder(name="Events", features=list(_event_placemarks(view.events))),
        Folder(name="Places", features=list(_place_placemarks(view.places))),
        Folder(name="Corridors", features=list(_corridor_placemarks(view.corridors, corridor_style_ids))),
    ]
    about = f"<p>{html.escape(description)}</p><p>{html.escape(ATTRIBUTION)}</p>"
    kml = KML(features=[Document(name=title, description=about, styles=styles, features=folders)])
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + kml.to_string(prettyprint=False)).encode("utf-8")


def _event_placemarks(events: gpd.GeoDataFrame) -> Iterator[Placemark]:
    for row in _rows(events):
        kind = str(row.get("type") or "event")
        yield Placemark(
            name=f"{kind.replace('_', ' ').capitalize()}: {row.get('place') or 'unknown place'}",
            description=_description(row.get("sentence"), row, ("document", "start", "end", "precision", "actors")),
            times=_time_span(row.get("start"), row.get("end")),
            style_url=StyleUrl(url=f"#event-{_style_id(kind)}"),
            extended_data=_extended_data(row, EVENT_FIELDS),
            geometry=row["geometry"],
        )


def _place_placemarks(places: gpd.GeoDataFrame) -> Iterator[Placemark]:
    for row in _rows(places):
        yield Placemark(
            name=str(row.get("name") or row.get("place_id")),
            description=_description(None, row, ("kind", "country_code", "mentions", "documents")),
            style_url=StyleUrl(url="#place"),
            extended_data=_extended_data(row, PLACE_FIELDS),
            geometry=row["geometry"],
        )


def _corridor_placemarks(corridors: gpd.GeoDataFrame, style_ids: dict[str, str]) -> Iterator[Placemark]:
    for row in _rows(corridors):
        yield Placemark(
            name=str(row.get("name") or row.get("corridor_id")),
            description=_description(row.get("sentence"), row, ("waypoints", "modes", "length_km", "documents")),
            times=_time_span(row.get("first_mentioned"), row.get("last_mentioned")),
            style_url=StyleUrl(url=style_ids[str(row.get("name"))]),
            extended_data=_extended_data(row, CORRIDOR_FIELDS),
            geometry=row["geometry"],
        )


def _rows(frame: gpd.GeoDataFrame) -> Iterator[dict[str, Any]]:
    """Every row as a dict; an event with no place keeps its placemark, without geometry, like in the other formats."""
    if frame.empty:
        return
    columns = list(frame.columns)
    for values in frame.itertuples(index=False, name=None):
        row = dict(zip(columns, values, strict=True))
        geometry = row.pop(frame.geometry.name)
        row["geometry"] = None if geometry is None or geometry.is_empty else geometry
        yield row


def _text(value: Any) -> str:
    """Display form of a table value: dates ISO, lists joined, nulls empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else value
        return "; ".join(str(v) for v in items) if isinstance(items, list) else str(items)
    return str(value)


def _description(sentence: Any, row: dict[str, Any], fields: tuple[str, ...]) -> str:
    """HTML balloon: the source sentence in quotes, then the facts; everything escaped."""
    lines = [f"<p><i>“{html.escape(_text(sentence))}”</i></p>"] if _text(sentence) else []
    facts = [
        f"<b>{html.escape(name.replace('_', ' '))}</b>: {html.escape(_text(row.get(name)))}"
        for name in fields
        if _text(row.get(name))
    ]
    return "".join(lines) + "<br/>".join(facts)


def _extended_data(row: dict[str, Any], fields: tuple[str, ...]) -> ExtendedData:
    return ExtendedData(elements=[Data(name=name, value=_text(row.get(name))) for name in fields if name in row])


def _time_span(start: Any, end: Any) -> TimeSpan | None:
    begin = _kml_date(start)
    finish = _kml_date(end) or begin
    if begin is None and finish is None:
        return None
    return TimeSpan(begin=begin, end=finish)


def _kml_date(value: Any) -> KmlDateTime | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return None
    return KmlDateTime(value if isinstance(value, date) else pd.Timestamp(value).date())


def _point_style(style_id: str, color: str, scale: float) -> Style:
    return Style(id=style_id, styles=[IconStyle(color=_kml_color(color), scale=scale, icon_href=ICON_HREF)])


def _kml_color(hex_rgb: str, alpha: str = "ff") -> str:
    """``#rrggbb`` → KML's ``aabbggrr``."""
    red, green, blue = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha}{blue}{green}{red}".lower()


def _style_id(event_type: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in event_type.lower())

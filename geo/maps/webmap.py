"""Interactive Folium maps built from (filtered) store tables, working with no network.

One builder for the app and for the standalone HTML export:

* ``build_map(store, filters, assets=...)`` – the main map: offline basemap + optional web
  tiles, corridors, events and places, each a layer in a LayerControl, with a legend.
* ``build_timeline_map(store, assets=...)`` – events on a time slider (folium's Timeline).

``map_layers`` turns filtered tables into plain GeoJSON (cacheable; aggregated per place or
grid cell when points are many) and ``draw_map`` turns that into a fresh Folium map. Maps are
``AtlasMap``s, whose JS/CSS come from local copies (``geo.maps.assets``, ``assets="static"``
for the app, ``"inline"`` for a standalone file). Every text shown on the map comes from
articles, i.e. from untrusted input, so popups and tooltips are built here from escaped text.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import folium
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.plugins import MarkerCluster, Timeline, TimelineSlider
from folium.template import Template
from folium.utilities import JsCode

from geo.maps import basemap
from geo.maps.assets import AssetMode, AtlasMap
from geo.maps.highlight import esc, highlight
from geo.maps.style import PLACE_COLOUR, THEMES, corridor_colours, event_style
from geo.store.filters import Filters, StoreLike, apply_filters, describe

# Above these counts a layer is aggregated (per place, then per grid cell): the browser gets
# at most a few thousand features whatever the store holds.
EVENT_MARKER_LIMIT = 1500
POINT_LIMIT = 1000
GRID_STEPS_DEG = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
EXAMPLE_CHARS = 220
CANVAS_ABOVE = 1000  # point features; fewer stay SVG elements (crisper, and countable in tests)

ATTRIBUTION_OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
ATTRIBUTION_CARTO = ATTRIBUTION_OSM + ' &copy; <a href="https://carto.com/attributions">CARTO</a>'
ATTRIBUTION_DATA = "Places: GeoNames (CC BY 4.0) · Basemap: Natural Earth"

_POPUP_JS = JsCode(
    """function (feature, layer) {
        var p = feature.properties;
        if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 400}); }
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
    }"""
)
_EVENT_MARKER_JS = JsCode(
    """function (feature, latlng) {
        var p = feature.properties;
        var icon = L.AwesomeMarkers.icon({icon: p.icon, prefix: 'fa', markerColor: p.marker, iconColor: 'white'});
        return L.marker(latlng, {icon: icon});
    }"""
)
_CIRCLE_JS = JsCode(
    """function (feature, latlng) { return L.circleMarker(latlng, feature.properties.style); }"""
)


# ---------------------------------------------------------------- text helpers


def format_when(start: object, end: object, precision: str | None) -> str:
    """Human date for an interval at its precision: ``3 May 2024``, ``May 2024``, ``2024``."""
    start_d, end_d = _as_date(start), _as_date(end)
    if start_d is None:
        return "undated"
    fmt = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}.get(precision or "", "%-d %b %Y")
    first = start_d.strftime(fmt)
    last = end_d.strftime(fmt) if end_d else first
    text = first if last == first else f"{first} – {last}"
    return f"c. {text}" if precision == "approximate" else text


def _as_date(value: object) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value if isinstance(value, date) else None


def _clip(text: str, limit: int = EXAMPLE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(event_type: str) -> str:
    return event_type.replace("_", " ").capitalize()


# ---------------------------------------------------------------- popups


def event_popup(row: Any) -> str:
    actors = ", ".join(row.actors) if len(row.actors) else "—"
    precision = row.precision or "unknown"
    reports = getattr(row, "reports", 1)
    reported = f" · reported by {int(reports)} articles" if isinstance(reports, int | float) and reports > 1 else ""
    planned = " · planned" if getattr(row, "planned", False) is True else ""
    return (
        f'<div class="ca-popup"><b>{esc(_label(row.type))}</b> · {esc(row.place or "no place")}<br>'
        f'<span class="ca-when">{esc(format_when(row.start, row.end, precision))} ({esc(precision)}){planned}</span><br>'
        f"Actors: {esc(actors)}<br>"
        f"<blockquote>{highlight(row.sentence, row.place)}</blockquote>"
        f'<small>Document: {esc(row.document)}{reported} · confidence {row.confidence:.2f}</small></div>'
    )


def place_popup(row: Any, examples: list[tuple[str, str, str]]) -> str:
    docs = list(row["documents"])
    shown = ", ".join(docs[:5]) + (f" and {len(docs) - 5} more" if len(docs) > 5 else "")
    quotes = "".join(
        f"<blockquote>{highlight(_clip(sentence), surface)}<br><small>{esc(document)}</small></blockquote>"
        for sentence, surface, document in examples
    )
    return (
        f'<div class="ca-popup"><b>{esc(row["name"])}</b> ({esc(row["kind"])}, {esc(row["country_code"] or "—")})<br>'
        f'{int(row["mentions"])} mention(s) · mean confidence {row["score"]:.2f}<br>'
        f"{quotes}<small>Documents: {esc(shown)}</small></div>"
    )


def corridor_popup(row: Any) -> str:
    docs = list(row.documents)
    when = format_when(row.first_mentioned, row.last_mentioned, "day")
    return (
        f'<div class="ca-popup"><b>{esc(row.name)}</b> ({esc(row.kind)} corridor, {row.length_km:,.0f} km)<br>'
        f"Via: {esc(' → '.join(row.waypoints))}<br>"
        f"Mentioned: {esc(when)}<br>"
        f"<blockquote>{highlight(_clip(row.sentence, 400), row.waypoints[0] if len(row.waypoints) else None)}</blockquote>"
        f"<small>Documents: {esc(', '.join(docs[:5]))}{' …' if len(docs) > 5 else ''}</small></div>"
    )


# ---------------------------------------------------------------- GeoJSON features


def _point_feature(lon: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": properties,
    }


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _located(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with a point geometry, with ``lon``/``lat`` columns."""
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    return frame.assign(lon=frame.geometry.x, lat=frame.geometry.y)


def event_features(events: pd.DataFrame) -> list[dict[str, Any]]:
    """One awesome-marker feature per event (use only below ``EVENT_MARKER_LIMIT``)."""
    features = []
    for row in _located(events).itertuples(index=False):
        icon, marker, _ = event_style(row.type)
        tooltip = f"{_label(row.type)} · {row.place or ''} · {format_when(row.start, row.end, row.precision)}"
        features.append(
            _point_feature(
                row.lon,
                row.lat,
                {"icon": icon, "marker": marker, "popup": event_popup(row), "tooltip": esc(tooltip), "kind": "event"},
            )
        )
    return features


def _spatial_keys(located: pd.DataFrame, limit: int) -> np.ndarray:
    """Integer keys: one per place, or per grid cell (the finest of ``GRID_STEPS_DEG`` that gives
    at most ``limit`` keys). Rows without a place id are keyed by their rounded position."""
    place_ids = located["place_id"].to_numpy(dtype=object)
    missing = pd.isna(place_ids)
    if missing.any():
        position = located["lon"].round(3).astype(str).to_numpy(dtype=object) + "," + located["lat"].round(3).astype(str).to_numpy(dtype=object)
        place_ids = np.where(missing, position, place_ids)
    keys = pd.factorize(place_ids)[0].astype(np.int64)
    lon, lat = located["lon"].to_numpy(), located["lat"].to_numpy()
    for step in GRID_STEPS_DEG:
        if len(np.unique(keys)) <= limit:
            break
        keys = np.floor((lon + 540) / step).astype(np.int64) * 100_000 + np.floor((lat + 90) / step).astype(np.int64)
    return keys


def _texts(values: pd.Series) -> np.ndarray:
    """Values as Python strings ('—' for missing), cheaply."""
    array = values.to_numpy(dtype=object)
    return np.where(pd.isna(array), "—", array)


def summarise(located: pd.DataFrame, keys: np.ndarray, name: str, weight: str | None = None) -> pd.DataFrame:
    """One row per key: ``count`` (rows, or the sum of ``weight``), mean ``lon``/``lat``, the
    heaviest ``name`` value as ``top``, ``places`` (distinct place ids) and ``first`` (the
    position of the key's first row). Vectorised: 100,000 rows take a fraction of a second.
    """
    frame = pd.DataFrame(
        {
            "key": keys,
            "w": located[weight].to_numpy() if weight else 1,
            "lon": located["lon"].to_numpy(),
            "lat": located["lat"].to_numpy(),
            "name": _texts(located[name]),
            "place": pd.factorize(located["place_id"].to_numpy(dtype=object))[0],
            "row": np.arange(len(located)),
        }
    )
    groups = frame.groupby("key", sort=False)
    summary = groups.agg(
        count=("w", "sum"), lon=("lon", "mean"), lat=("lat", "mean"), places=("place", "nunique"), first=("row", "first")
    )
    heaviest = frame.groupby(["key", "name"], sort=False)["w"].sum().sort_values(ascending=False).reset_index()
    summary["top"] = heaviest.drop_duplicates("key").set_index("key")["name"]
    return summary


def _radius(count: int, scale: float = 3.0, cap: float = 28.0) -> float:
    return round(min(4.0 + scale * math.sqrt(count), cap), 1)


def _type_breakdown(keys: np.ndarray, types: pd.Series) -> tuple[dict[Any, str], dict[Any, str]]:
    """Per key: ``"Meeting 12 · Visit 3"`` (top six types) and the most frequent type."""
    counts = (
        pd.DataFrame({"key": keys, "type": types.to_numpy()}).value_counts().reset_index(name="n")
        .sort_values(["key", "n"], ascending=[True, False])
    )
    top = counts.groupby("key", sort=False).head(6)
    text = top.assign(part=[f"{_label(t)} {n}" for t, n in zip(top["type"], top["n"], strict=True)])
    breakdown = text.groupby("key", sort=False)["part"].agg(" · ".join).to_dict()
    dominant = counts.drop_duplicates("key").set_index("key")["type"].to_dict()
    return breakdown, dominant


def aggregated_event_features(events: pd.DataFrame, limit: int = POINT_LIMIT) -> list[dict[str, Any]]:
    """Circles sized by event count (per place, or per grid cell), coloured by the most frequent type."""
    located = _located(events)
    if located.empty:
        return []
    keys = _spatial_keys(located, limit)
    summary = summarise(located, keys, "place")
    breakdown, dominant = _type_breakdown(keys, located["type"])
    starts = pd.to_datetime(located["start"], errors="coerce")
    ends = pd.to_datetime(located["end"], errors="coerce").fillna(starts)
    span = pd.DataFrame({"key": keys, "first": starts.to_numpy(), "last": ends.to_numpy()}).groupby("key").agg(
        first=("first", "min"), last=("last", "max")
    )
    firsts, lasts = span["first"].to_dict(), span["last"].to_dict()
    sentences, places, documents = (_texts(located[c]) for c in ("sentence", "place", "document"))
    features = []
    for row in summary.itertuples():
        key, first, count = row.Index, int(row.first), int(row.count)
        title = f"{row.top} area" if row.places > 1 else str(row.top)
        when = format_when(firsts[key], lasts[key], "day")
        popup = (
            f'<div class="ca-popup"><b>{esc(title)}</b> — {count} events<br>{esc(breakdown[key])}<br>'
            f'<span class="ca-when">{esc(when)}</span>'
            f"<blockquote>{highlight(_clip(sentences[first]), places[first])}<br>"
            f"<small>{esc(documents[first])}</small></blockquote></div>"
        )
        colour = event_style(str(dominant[key]))[2]
        style = {
            "radius": _radius(count, 1.5), "color": "#222", "weight": 1, "fillColor": colour, "fillOpacity": 0.7,
            "className": "ca-event-group",
        }
        properties = {"style": style, "popup": popup, "tooltip": esc(f"{title}: {count} events"), "kind": "events"}
        features.append(_point_feature(row.lon, row.lat, properties))
    return features


def place_features(places: pd.DataFrame, mentions: pd.DataFrame, limit: int = POINT_LIMIT) -> list[dict[str, Any]]:
    """Circles sized by mentions; one per place, or per grid cell above ``limit`` places."""
    located = _located(places)
    if located.empty:
        return []
    keys = _spatial_keys(located, limit)
    summary = summarise(located, keys, "name", weight="mentions")
    single = summary["places"] <= 1
    columns = {c: _texts(located[c]) for c in ("place_id", "name", "kind", "country_code")}
    columns |= {c: located[c].to_numpy() for c in ("mentions", "score", "documents")}
    examples = _examples(mentions, set(columns["place_id"][summary.loc[single, "first"].astype(int)]))
    features = []
    for row in summary.itertuples():
        count = int(row.count)
        if row.places <= 1:
            place = {name: values[int(row.first)] for name, values in columns.items()}
            popup = place_popup(place, examples.get(place["place_id"], []))
            tooltip = f"{place['name']}: {count} mention(s)"
        else:
            popup = f'<div class="ca-popup"><b>{esc(row.top)} area</b> — {int(row.places)} places, {count} mentions</div>'
            tooltip = f"{row.top} area: {int(row.places)} places"
        style = {
            "radius": _radius(count), "color": "#ffffff", "weight": 1, "fillColor": PLACE_COLOUR, "fillOpacity": 0.55,
            "className": "ca-place",
        }
        properties = {"style": style, "popup": popup, "tooltip": esc(tooltip), "kind": "place"}
        features.append(_point_feature(row.lon, row.lat, properties))
    return features


def _examples(mentions: pd.DataFrame, place_ids: set[str], per_place: int = 2) -> dict[str, list[tuple[str, str, str]]]:
    """Up to ``per_place`` (sentence, surface text, document) quotes for each of ``place_ids``."""
    wanted = mentions[mentions["place_id"].isin(place_ids)]
    firsts = wanted.drop_duplicates(["place_id", "sentence"]).groupby("place_id", sort=False).head(per_place)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for place_id, sentence, surface, document in zip(
        *(_texts(firsts[c]) for c in ("place_id", "sentence", "text", "document")), strict=True
    ):
        out.setdefault(place_id, []).append((sentence, surface, document))
    return out


def corridor_features(corridors: pd.DataFrame) -> list[dict[str, Any]]:
    """Lines coloured per corridor; stated routes dashed and thinner than named ones."""
    colours = corridor_colours(corridors["name"])
    features = []
    for row, geometry in zip(corridors.itertuples(index=False), corridors.geometry, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        named = row.kind == "named"
        style = {
            "color": colours[row.name],
            "weight": 5 if named else 3,
            "opacity": 0.9,
            "dashArray": None if named else "8 6",
            "className": f"ca-corridor ca-{row.kind}",
        }
        features.append(
            {
                "type": "Feature",
                "geometry": geometry.__geo_interface__,
                "properties": {
                    "style": style,
                    "popup": corridor_popup(row),
                    "tooltip": esc(f"Corridor: {row.name}"),
                    "kind": "corridor",
                },
            }
        )
    return features


# ---------------------------------------------------------------- map assembly


def _new_map(*, assets: AssetMode, briefing: bool, dark: bool, canvas: bool = False) -> AtlasMap:
    theme = THEMES["dark" if dark else "light"]
    fmap = AtlasMap(
        assets=assets,
        location=(30, 45),
        zoom_start=3,
        tiles=None,
        prefer_canvas=canvas,
        control_scale=not briefing,
        zoom_control=not briefing,
        world_copy_jump=True,
    )
    # Without a tile layer Leaflet has no zoom range, and marker clustering refuses to start.
    fmap.options.update(min_zoom=2, max_zoom=18)
    basemap_layer = folium.FeatureGroup(name="Offline basemap (Natural Earth)", overlay=False, control=True)
    land_style = {"fillColor": theme["land"], "color": theme["border"], "weight": 0.7, "fillOpacity": 1}
    folium.GeoJson(
        basemap.countries_geojson(),  # shared, cached dict: styled in JS so folium never edits it
        name="countries",
        style=JsCode(f"function () {{ return {json.dumps(land_style)}; }}"),
        interactive=False,
        control=False,
    ).add_to(basemap_layer)
    basemap_layer.add_to(fmap)
    for tiles, name, attribution in (
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "OpenStreetMap (online)", ATTRIBUTION_OSM),
        ("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png", "CartoDB Positron (online)", ATTRIBUTION_CARTO),
        ("https://{s}.basemaps.cartocdn.com/dark_all/{z}/{x}/{y}.png", "CartoDB Dark Matter (online)", ATTRIBUTION_CARTO),
    ):
        folium.TileLayer(tiles, name=name, attr=attribution, show=False, overlay=False).add_to(fmap)
    cast(Figure, fmap.get_root()).header.add_child(Element(f"<style>{_css(theme, briefing)}</style>"), name="atlas_style")
    fmap.add_child(_Attribution(ATTRIBUTION_DATA))
    return fmap


def _css(theme: dict[str, str], briefing: bool) -> str:
    size = "17px" if briefing else "13px"
    legend_size = "17px" if briefing else "12px"
    return f"""
    .leaflet-container {{ background: {theme['sea']} !important; }}
    .ca-popup {{ font: {size}/1.35 system-ui, sans-serif; }}
    .ca-popup blockquote {{ margin: 6px 0; padding-left: 8px; border-left: 3px solid #999; }}
    .ca-popup mark {{ background: #ffe066; padding: 0 1px; }}
    .ca-when {{ color: #555; }}
    .ca-legend {{ position: absolute; z-index: 1000; bottom: 24px; right: 10px;
        max-width: {'420px' if briefing else '300px'}; max-height: {'70%' if briefing else '40%'}; overflow-y: auto;
        background: {theme['panel']}; color: {theme['text']}; padding: 8px 10px; border-radius: 6px;
        font: {legend_size}/1.35 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.35); }}
    .ca-legend .sw {{ display: inline-block; width: 22px; height: 0; vertical-align: middle; margin-right: 6px; }}
    .ca-legend .dot {{ display: inline-block; width: 12px; height: 12px; border-radius: 50%;
        vertical-align: middle; margin-right: 6px; }}
    .ca-legend i {{ width: 18px; text-align: center; margin-right: 6px; }}
    .ca-legend summary {{ cursor: pointer; font-weight: 600; }}
    .ca-legend .types {{ display: grid; grid-template-columns: auto auto; column-gap: 12px; }}
    .ca-caption {{ position: absolute; z-index: 1000; top: 10px; left: 50%; transform: translateX(-50%);
        background: {theme['panel']}; color: {theme['text']}; padding: 6px 14px; border-radius: 6px;
        font: {'20px' if briefing else '13px'}/1.3 system-ui, sans-serif; max-width: 80%; text-align: center; }}
    """


class _Overlay(MacroElement):
    """A fixed HTML panel inside the map (legend, caption); ``body`` must be escaped already."""

    _template = Template(
        """{% macro html(this, kwargs) %}<div class="{{ this.css_class }}">{{ this.body }}</div>{% endmacro %}"""
    )

    def __init__(self, css_class: str, body: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.body = body


class _FitBesideLegend(MacroElement):
    """Fit the map to ``bounds`` in the part the legend leaves free or, when that cannot show
    them all (a world-wide spread at the smallest zoom), to the whole map."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (map, bounds) {
            map.fitBounds(bounds, {paddingTopLeft: [30, 30], paddingBottomRight: [{{ this.legend_width }}, 30],
                                   maxZoom: 7});
            if (!map.getBounds().contains(bounds)) { map.fitBounds(bounds, {padding: [30, 30], maxZoom: 7}); }
        })({{ this._parent.get_name() }}, L.latLngBounds({{ this.bounds|tojson }}));
        {% endmacro %}"""
    )

    def __init__(self, bounds: list[list[float]], legend_width: int) -> None:
        super().__init__()
        self.bounds = [[float(v) for v in corner] for corner in bounds]
        self.legend_width = int(legend_width)


class _Attribution(MacroElement):
    """Adds the data credits to Leaflet's attribution control, whatever the base layer."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def legend_html(event_types: Iterable[str], corridor_kinds: dict[str, str], show_places: bool) -> str:
    """Legend body for what is on the map: event types present (two columns, to keep the panel
    short), corridors (name -> kind), places."""
    types = []
    for event_type in event_types:
        icon, _, colour = event_style(event_type)
        types.append(f'<span><i class="fa fa-{icon}" style="color:{colour}"></i>{esc(_label(event_type))}</span>')
    grid = f'<div class="types">{"".join(types)}</div>' if types else ""
    lines = []
    colours = corridor_colours(corridor_kinds)
    for name, colour in list(colours.items())[:12]:
        named = corridor_kinds[name] == "named"
        border = f"{5 if named else 3}px {'solid' if named else 'dashed'} {colour}"
        lines.append(f'<span class="sw" style="border-top:{border}"></span>{esc(name)}')
    if len(colours) > 12:
        lines.append(f"… and {len(colours) - 12} more corridors")
    if colours:
        lines.append("<small>solid: named corridor · dashed: route stated in text</small>")
    if show_places:
        lines.append(f'<span class="dot" style="background:{PLACE_COLOUR};opacity:.6"></span>Place (size: mentions)')
    return grid + "<br>".join(lines)


@dataclass(frozen=True)
class MapLayers:
    """The map's content as plain GeoJSON dicts: cheap to cache, turned into Folium by ``draw_map``.

    Folium maps must not be rendered twice (streamlit-folium renames their variables in
    place), so the app caches this and draws a fresh map on every run.
    """

    corridors: dict[str, Any]
    events: dict[str, Any]
    events_as_markers: bool  # awesome-marker pins in clusters; else aggregated circles
    places: dict[str, Any]
    counts: dict[str, int]
    event_types: tuple[str, ...]
    corridor_kinds: dict[str, str]
    bounds: list[list[float]] | None

    @property
    def heavy(self) -> bool:
        """Many vector features: draw them on a canvas (fast) rather than as SVG elements."""
        return len(self.events["features"]) + len(self.places["features"]) > CANVAS_ABOVE


def map_layers(filtered: StoreLike) -> MapLayers:
    """GeoJSON for each layer of the filtered tables, aggregated where there are too many points."""
    corridors, events, places = filtered.corridors, filtered.events, filtered.places
    located_events = int(events.geometry.notna().sum()) if len(events) else 0
    as_markers = located_events <= EVENT_MARKER_LIMIT
    if not located_events:
        event_data: list[dict[str, Any]] = []
    elif as_markers:
        event_data = event_features(events)
    else:
        event_data = aggregated_event_features(events)
    return MapLayers(
        corridors=_collection(corridor_features(corridors) if len(corridors) else []),
        events=_collection(event_data),
        events_as_markers=as_markers,
        places=_collection(place_features(places, filtered.mentions) if len(places) else []),
        counts={"corridors": len(corridors), "events": len(events), "places": len(places)},
        event_types=tuple(sorted(events["type"].dropna().unique())),
        corridor_kinds=dict(zip(corridors["name"], corridors["kind"], strict=True)),
        bounds=feature_bounds(filtered),
    )


def draw_map(
    layers: MapLayers,
    *,
    assets: AssetMode = "static",
    briefing: bool = False,
    dark: bool = False,
    caption: str | None = None,
) -> AtlasMap:
    """A fresh Folium map of ``layers``: basemaps, corridors, events, places, legend, caption."""
    fmap = _new_map(assets=assets, briefing=briefing, dark=dark, canvas=layers.heavy)
    corridor_layer = folium.FeatureGroup(name=f"Corridors ({layers.counts['corridors']})").add_to(fmap)
    if layers.corridors["features"]:
        folium.GeoJson(layers.corridors, on_each_feature=_POPUP_JS).add_to(corridor_layer)

    event_layer = folium.FeatureGroup(name=f"Events ({layers.counts['events']})").add_to(fmap)
    if layers.events["features"] and layers.events_as_markers:
        cluster = MarkerCluster(name="event clusters", control=False, options={"maxClusterRadius": 40}).add_to(event_layer)
        folium.GeoJson(layers.events, on_each_feature=_POPUP_JS, point_to_layer=_EVENT_MARKER_JS).add_to(cluster)
    elif layers.events["features"]:
        folium.GeoJson(layers.events, on_each_feature=_POPUP_JS, point_to_layer=_CIRCLE_JS).add_to(event_layer)

    show_places = not briefing or not layers.events["features"]
    place_layer = folium.FeatureGroup(name=f"Places ({layers.counts['places']})", show=show_places).add_to(fmap)
    if layers.places["features"]:
        folium.GeoJson(layers.places, on_each_feature=_POPUP_JS, point_to_layer=_CIRCLE_JS).add_to(place_layer)

    folium.LayerControl(collapsed=True).add_to(fmap)
    legend = legend_html(layers.event_types, layers.corridor_kinds, show_places)
    if not briefing:  # on a working screen the legend can be folded away
        legend = f"<details open><summary>Legend</summary>{legend}</details>"
    fmap.add_child(_Overlay("ca-legend", legend))
    if caption:
        fmap.add_child(_Overlay("ca-caption", esc(caption)))
    if layers.bounds:
        fmap.add_child(_FitBesideLegend(layers.bounds, legend_width=460 if briefing else 330))
    return fmap


def render_map(
    filtered: StoreLike,
    *,
    assets: AssetMode = "static",
    briefing: bool = False,
    dark: bool = False,
    caption: str | None = None,
) -> AtlasMap:
    """Folium map of already-filtered tables."""
    return draw_map(map_layers(filtered), assets=assets, briefing=briefing, dark=dark, caption=caption)


def build_map(
    store: StoreLike, filters: Filters, *, assets: AssetMode = "static", caption: str | None = None
) -> AtlasMap:
    """Filter ``store`` and draw it; in briefing mode the caption defaults to the filter summary."""
    if caption is None and filters.briefing:
        caption = describe(filters)
    return render_map(
        apply_filters(store, filters), assets=assets, briefing=filters.briefing, dark=filters.dark, caption=caption
    )


def feature_bounds(filtered: StoreLike) -> list[list[float]] | None:
    """[[south, west], [north, east]] over events, places and corridors, or ``None`` if empty."""
    boxes = [
        frame.geometry.dropna().total_bounds
        for frame in (filtered.events, filtered.places, filtered.corridors)
        if len(frame) and frame.geometry.notna().any()
    ]
    boxes = [box for box in boxes if all(math.isfinite(v) for v in box)]
    if not boxes:
        return None
    west = min(b[0] for b in boxes)
    south = min(b[1] for b in boxes)
    east = max(b[2] for b in boxes)
    north = max(b[3] for b in boxes)
    return [[south, west], [north, east]]


# ---------------------------------------------------------------- timeline


def timeline_features(events: pd.DataFrame, limit: int = POINT_LIMIT) -> list[dict[str, Any]]:
    """Dated events as features with ``start``/``end`` in ms since epoch, for leaflet.timeline.

    Above ``limit`` events, one feature per place and month keeps the payload bounded.
    """
    dated = _located(events[events["start"].notna()])
    if dated.empty:
        return []
    start = pd.to_datetime(dated["start"])
    end = pd.to_datetime(dated["end"]).fillna(start) + pd.Timedelta(days=1)
    dated = dated.assign(t_start=start, t_end=end)
    features = []
    if len(dated) <= limit:
        for row in dated.itertuples(index=False):
            colour = event_style(row.type)[2]
            style = {"radius": 8, "color": "#222", "weight": 1, "fillColor": colour, "fillOpacity": 0.85}
            features.append(
                _point_feature(row.lon, row.lat, {
                    "start": int(row.t_start.timestamp() * 1000), "end": int(row.t_end.timestamp() * 1000),
                    "style": style, "popup": event_popup(row),
                    "tooltip": esc(f"{_label(row.type)} · {row.place or ''}"),
                })
            )
        return features
    spatial = _spatial_keys(dated, limit // 4)
    for period in ("M", "Q", "Y"):
        ordinals = dated["t_start"].dt.to_period(period).array.asi8
        keys = ordinals * 10**12 + spatial
        if len(np.unique(keys)) <= limit:
            break
    summary = summarise(dated, keys, "place")
    _, dominant = _type_breakdown(keys, dated["type"])
    for key, row in summary.iterrows():
        bucket = pd.Period(ordinal=int(key) // 10**12, freq=period)
        count = int(row["count"])
        colour = event_style(str(dominant[key]))[2]
        style = {"radius": _radius(count, 1.5), "color": "#222", "weight": 1, "fillColor": colour, "fillOpacity": 0.8}
        features.append(
            _point_feature(row["lon"], row["lat"], {
                "start": int(bucket.start_time.timestamp() * 1000),
                "end": int((bucket.end_time + pd.Timedelta(days=1)).normalize().timestamp() * 1000),
                "style": style,
                "tooltip": esc(f"{row['top']} · {bucket}: {count} events"),
            })
        )
    return features


def draw_timeline_map(features: list[dict[str, Any]], *, assets: AssetMode = "static", dark: bool = False) -> AtlasMap:
    """Timeline features on a time slider with playback (folium ``Timeline`` + ``TimelineSlider``)."""
    fmap = _new_map(assets=assets, briefing=False, dark=dark, canvas=len(features) > CANVAS_ABOVE)
    if features:
        timeline = Timeline(_collection(features), point_to_layer=_CIRCLE_JS, on_each_feature=_POPUP_JS).add_to(fmap)
        TimelineSlider(
            auto_play=False, date_options="YYYY-MM-DD", enable_keyboard_controls=True, playback_duration=20000
        ).add_timelines(timeline).add_to(fmap)
        lons = [f["geometry"]["coordinates"][0] for f in features]
        lats = [f["geometry"]["coordinates"][1] for f in features]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30), max_zoom=7)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap


def build_timeline_map(filtered: StoreLike, *, assets: AssetMode = "static", dark: bool = False) -> AtlasMap:
    """Dated events of the filtered tables on a time slider."""
    return draw_timeline_map(timeline_features(filtered.events), assets=assets, dark=dark)


# ---------------------------------------------------------------- what was clicked


def _tooltip_place(tooltip: str | None) -> str | None:
    """The place a feature's tooltip names: ``Tehran: 3 mention(s)``, ``Meeting · Baku · …``."""
    if not tooltip:
        return None
    text = html.unescape(tooltip.strip())
    if " · " in text:
        return text.split(" · ")[1].strip() or None
    name = text.split(":")[0].strip()
    return None if not name or name.endswith(" area") else name

CLICK_TOLERANCE_DEG = 1.0


def sources_at(
    filtered: StoreLike, lat: float, lon: float, tooltip: str | None = None, tolerance_deg: float = CLICK_TOLERANCE_DEG
) -> pd.DataFrame:
    """The evidence behind a clicked feature, one row per sentence.

    A corridor is recognised by its tooltip (``Corridor: NAME``); a point by the nearest
    event or mention location within ``tolerance_deg``. Columns: ``title``, ``when``,
    ``document`` and ``quote_html`` (escaped, with the place or corridor highlighted).
    """
    columns = ["title", "when", "document", "quote_html"]
    if tooltip and tooltip.strip().startswith("Corridor: "):
        corridor = tooltip.strip().removeprefix("Corridor: ")
        rows = [
            (row.name, format_when(row.first_mentioned, row.last_mentioned, "day"), ", ".join(row.documents),
             highlight(sentence, None))
            for row in filtered.corridors[filtered.corridors["name"] == corridor].itertuples(index=False)
            for sentence in dict.fromkeys(row.sentences or [row.sentence])
        ]
        return pd.DataFrame(rows, columns=columns)
    events, mentions = _located(filtered.events), _located(filtered.mentions)
    name = _tooltip_place(tooltip)
    if name:  # a circle's click point is the mouse position: its tooltip names the place
        named_events, named_mentions = events[events["place"] == name], mentions[mentions["name"] == name]
        if len(named_events) or len(named_mentions):
            events, mentions = named_events, named_mentions
            tolerance_deg *= 10  # a big circle seen from afar covers degrees
    points = pd.concat([events[["lon", "lat"]], mentions[["lon", "lat"]]])
    if points.empty:
        return pd.DataFrame(columns=columns)
    distance = ((points["lon"] - lon) * math.cos(math.radians(lat))) ** 2 + (points["lat"] - lat) ** 2
    nearest = points.iloc[int(distance.to_numpy().argmin())]
    if distance.min() > tolerance_deg**2:
        return pd.DataFrame(columns=columns)

    def here(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[((frame["lon"] - nearest["lon"]).abs() < 1e-6) & ((frame["lat"] - nearest["lat"]).abs() < 1e-6)]

    rows = [
        (f"{_label(row.type)} · {row.place or ''}", format_when(row.start, row.end, row.precision), row.document,
         highlight(row.sentence, row.place))
        for row in here(events).itertuples(index=False)
    ]
    seen = {(row[2], row[3]) for row in rows}
    for row in here(mentions).itertuples(index=False):
        quote = highlight(row.sentence, row.text)
        if (row.document, quote) not in seen and (row.document, highlight(row.sentence, row.name)) not in seen:
            seen.add((row.document, quote))
            rows.append((f"{row.name} (mention, score {row.score:.2f})", "", row.document, quote))
    return pd.DataFrame(rows, columns=columns)

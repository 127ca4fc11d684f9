"""Playback: the filtered events through time on the offline basemap, corridors drawn.

Two modes, chosen in the player: *cumulative* (everything up to the date, the events of the
last window bright, older ones faded) and *moving window* (only the events of the window,
fading as they age). The controls (play, step, date slider, speed, mode, window) sit in a bar
below the map, never over it, and the date is written large on the map. The browser side is
``static/atlas/playback.js``; here the events become features with their interval in
milliseconds, merged per place and month when there are too many to draw one by one.
"""

from __future__ import annotations

from typing import Any

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.maps.assets import STATIC_URL, AssetMode, AtlasMap
from geo.maps.features import (
    POINT_LIMIT,
    collection,
    corridor_features,
    located,
    map_layers,
    point_feature,
    radius,
    spatial_keys,
    summarise,
    type_breakdown,
)
from geo.maps.highlight import esc
from geo.maps.popups import event_popup, format_when, type_label
from geo.maps.style import THEMES, event_style
from geo.maps.view import MapView
from geo.maps.webmap import OFFLINE_BASEMAP, POPUP_JS, AtlasScript, basemap_source, new_map
from geo.store.filters import StoreLike

WINDOW_DAYS = (7, 30, 90, 365)
DEFAULT_WINDOW_DAYS = 30
TARGET_STEPS = 240
"""About this many steps from the first to the last date: a full run at 1× takes ~40 s."""
DAY_MS = 86_400_000


def _ms(values: pd.Series) -> np.ndarray:
    return (pd.to_datetime(values).astype("datetime64[ms]").astype("int64")).to_numpy()


def playback_features(events: pd.DataFrame, limit: int = POINT_LIMIT) -> list[dict[str, Any]]:
    """Dated events with ``start``/``end`` (ms since epoch, end exclusive) and their colour.

    Above ``limit`` events, one feature per place (or grid cell) and month keeps the browser fast.
    """
    dated = located(events[events["start"].notna()])
    if dated.empty:
        return []
    start = pd.to_datetime(dated["start"])
    end = pd.to_datetime(dated["end"]).fillna(start) + pd.Timedelta(days=1)
    dated = dated.assign(t_start=start, t_end=end)
    if len(dated) <= limit:
        return [
            point_feature(row.lon, row.lat, {
                "start": int(row.t_start.value // 1_000_000), "end": int(row.t_end.value // 1_000_000),
                "colour": event_style(row.type)[2], "count": 1, "ref": f"event:{row.event_id}",
                "popup": event_popup(row), "tooltip": esc(f"{type_label(row.type)} · {row.place or ''} · "
                                                          f"{format_when(row.start, row.end, row.precision)}"),
            })
            for row in dated.itertuples(index=False)
        ]
    spatial = spatial_keys(dated, limit // 4)
    period = "M"
    for period in ("M", "Q", "Y"):
        ordinals = dated["t_start"].dt.to_period(period).array.asi8
        keys = ordinals * 10**12 + spatial
        if len(np.unique(keys)) <= limit:
            break
    summary = summarise(dated, keys, "place")
    _, dominant = type_breakdown(keys, dated["type"])
    features = []
    for key, row in summary.iterrows():
        bucket = pd.Period(ordinal=int(key) // 10**12, freq=period)
        count = int(row["count"])
        features.append(point_feature(row["lon"], row["lat"], {
            "start": int(bucket.start_time.value // 1_000_000),
            "end": int((bucket.end_time + pd.Timedelta(days=1)).normalize().value // 1_000_000),
            "colour": event_style(str(dominant[key]))[2], "count": count, "radius": radius(count, 1.5),
            "tooltip": esc(f"{row['top']} · {bucket}: {count} events"),
        }))
    return features


def playback_corridors(corridors: pd.DataFrame) -> dict[str, Any]:
    """Corridor lines in their colours, each with the date it is first mentioned (ms, or null)."""
    features = corridor_features(corridors)
    firsts = dict(zip(corridors["corridor_id"], corridors["first_mentioned"], strict=True))
    for feature in features:
        first = firsts.get(feature["properties"]["ref"].removeprefix("corridor:"))
        first_ms = None if first is None or pd.isna(first) else int(pd.Timestamp(first).value // 1_000_000)
        feature["properties"]["first"] = first_ms
    return collection(features)


class PlaybackScript(JSCSSMixin, MacroElement):
    """Runs ``AtlasPlayback.init(map, config)`` (``static/atlas/playback.js``)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        AtlasPlayback.init({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}"""
    )
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self.config = config
        self.default_js = [("playback", f"{STATIC_URL}/atlas/playback.js")]
        self.default_css = [("playback_css", f"{STATIC_URL}/atlas/playback.css")]


def draw_playback(
    filtered: StoreLike, *, assets: AssetMode = "static", dark: bool = False, view: MapView | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> AtlasMap:
    """The playback page: basemap and labels as on the main map, corridors, events on the clock."""
    features = playback_features(filtered.events)
    layers = map_layers(filtered)
    fmap = new_map(assets=assets, briefing=False, dark=dark, canvas=len(features) > POINT_LIMIT, scroll_zoom=False)
    corridors = playback_corridors(filtered.corridors)
    corridor_layer = folium.FeatureGroup(name=f"Corridors ({len(corridors['features'])})").add_to(fmap)
    if corridors["features"]:
        folium.GeoJson(corridors, on_each_feature=POPUP_JS, class_name="ca-play-corridors").add_to(corridor_layer)
    folium.LayerControl(collapsed=True).add_to(fmap)
    starts = [f["properties"]["start"] for f in features]
    ends = [f["properties"]["end"] for f in features]
    first, last = (min(starts), max(ends)) if features else (0, DAY_MS)
    step_days = max(1, round((last - first) / DAY_MS / TARGET_STEPS))
    labels = {**layers.labels, "places": []}  # event markers come and go: only corridors and basemap named
    fmap.add_child(AtlasScript({
        **basemap_source(assets, layers.frame.bounds),
        "theme": THEMES["dark" if dark else "light"],
        "labels": labels,
        "view": {"lat": view.lat, "lon": view.lon, "zoom": view.zoom} if view else None,
        "frame": layers.bounds,
        "all": layers.bounds,
        "legendWidth": 30,
        "offlineName": OFFLINE_BASEMAP,
    }))
    fmap.add_child(PlaybackScript({
        "events": collection(features),
        "first": first, "last": last, "stepDays": step_days,
        "windows": list(WINDOW_DAYS), "window": window_days,
    }))
    return fmap

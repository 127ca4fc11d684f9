"""Static map snapshots: the one renderer behind PNG export on the CLI and on the Export page.

Drawn with Matplotlib over the offline Natural Earth basemap, so a snapshot never needs a
tile server. The map is projected to a Lambert azimuthal equal-area projection centred on the
features, which keeps shapes honest for a regional view and makes the scale bar true at the
centre. Points are drawn with one ``scatter`` call per layer (events are first aggregated per
place and type), so 100,000 events cost about as much as 100.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from typing import Any, Protocol

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.patheffects import withStroke
from pyproj import CRS, Transformer

from geo.webmap import PLACE_COLOUR, THEMES, corridor_colours, event_style

ATTRIBUTION = (
    "Basemap: Natural Earth (public domain) · Gazetteer: GeoNames (CC BY 4.0) · "
    "Sea lanes: searoute · Made with Corridor Atlas"
)
WGS84 = "EPSG:4326"
WORLD_CRS = "EPSG:8857"  # Equal Earth: for views too wide for an azimuthal projection
MAX_REGIONAL_SPAN_DEG = 140.0
MIN_SPAN_DEG = 3.0
PAD_FRACTION = 0.08

# Colours come from the interactive map (geo.webmap), so a snapshot looks like the screen.
THEME = THEMES["light"]
MAX_EVENT_TYPES = 10  # beyond this the legend lumps the rarest types into "Other events"
MAX_CORRIDOR_ENTRIES = 12  # as many corridors as the interactive map's legend names
OTHER_EVENTS = "Other events"


@dataclass(frozen=True, slots=True)
class Preset:
    """Output size of a snapshot. Fonts are in points, so they scale with the physical size."""

    name: str
    width_px: int
    height_px: int
    dpi: int
    font_pt: float
    max_labels: int

    @property
    def figsize(self) -> tuple[float, float]:
        return self.width_px / self.dpi, self.height_px / self.dpi


PRESETS: dict[str, Preset] = {
    "slides": Preset("slides", 1920, 1080, 100, 13.0, 18),
    "a4": Preset("a4", 3508, 2480, 300, 8.0, 30),  # A4 landscape, 297 × 210 mm at 300 dpi
}


class MapLayers(Protocol):
    """What the renderer draws: the store's tables after filtering (a ``Store`` fits)."""

    events: gpd.GeoDataFrame
    corridors: gpd.GeoDataFrame
    places: gpd.GeoDataFrame


def render_png(
    layers: MapLayers,
    *,
    title: str,
    caption: str,
    preset: str | Preset = "slides",
    basemap: gpd.GeoDataFrame | None = None,
) -> bytes:
    """The snapshot as PNG bytes, exactly ``preset.width_px × preset.height_px`` pixels."""
    chosen = _preset(preset)
    figure = render_figure(layers, title=title, caption=caption, preset=chosen, basemap=basemap)
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=chosen.dpi,
        metadata={"Title": title, "Description": caption, "Source": ATTRIBUTION},
    )
    return buffer.getvalue()


def render_figure(
    layers: MapLayers,
    *,
    title: str,
    caption: str,
    preset: str | Preset = "slides",
    basemap: gpd.GeoDataFrame | None = None,
) -> Figure:
    """Draw the layers into a new Matplotlib figure (no pyplot state, safe in a web server)."""
    chosen = _preset(preset)
    if basemap is None:
        from geo.basemap import countries

        basemap = countries()
    figure = Figure(figsize=chosen.figsize, dpi=chosen.dpi, facecolor="white")
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.01, 0.085, 0.98, 0.835))
    ax.set_facecolor(THEME["sea"])
    ax.set_xticks([])
    ax.set_yticks([])

    lonlat_bounds = _feature_bounds(layers)
    crs = _projection_for(lonlat_bounds)
    to_map = Transformer.from_crs(WGS84, crs, always_xy=True)
    _set_view(ax, figure, lonlat_bounds, to_map)
    _draw_basemap(ax, basemap, lonlat_bounds, crs)

    handles: list[Line2D] = []
    handles += _draw_corridors(ax, layers.corridors, to_map, chosen)
    handles += _draw_places(ax, layers.places, to_map, chosen)
    handles += _draw_events(ax, layers.events, to_map, chosen)
    if handles:
        legend = ax.legend(
            handles=handles,
            loc="upper right",
            title="Layers",
            fontsize=chosen.font_pt * 0.85,
            title_fontsize=chosen.font_pt * 0.9,
            framealpha=0.92,
        )
        legend.set_zorder(10)
    else:
        ax.text(
            0.5, 0.5, "No features match the filters", transform=ax.transAxes,
            ha="center", va="center", fontsize=chosen.font_pt * 1.4, color="#555555",
        )
    _draw_scale_bar(ax, crs, chosen)
    _draw_texts(figure, title, caption, chosen)
    return figure


def map_crs(layers: MapLayers) -> CRS:
    """The projection a snapshot of ``layers`` is drawn in (equal-area, centred on the features)."""
    return _projection_for(_feature_bounds(layers))


def legend_labels(figure: Figure) -> list[str]:
    """The legend entries of a rendered figure, in order (empty when nothing was drawn)."""
    legend = figure.axes[0].get_legend()
    return [] if legend is None else [text.get_text() for text in legend.get_texts()]


def _preset(preset: str | Preset) -> Preset:
    if isinstance(preset, Preset):
        return preset
    try:
        return PRESETS[preset]
    except KeyError:
        raise ValueError(f"Unknown preset {preset!r}; choose one of {', '.join(PRESETS)}") from None


def _valid(frame: gpd.GeoDataFrame | None) -> gpd.GeoSeries:
    if frame is None or frame.empty:
        return gpd.GeoSeries([], crs=WGS84)
    geometry = frame.geometry
    return geometry[geometry.notna() & ~geometry.is_empty]


def _feature_bounds(layers: MapLayers) -> tuple[float, float, float, float]:
    """Lon/lat box around every feature, padded, at least ``MIN_SPAN_DEG`` wide; the world if empty."""
    boxes = [
        _valid(frame).total_bounds
        for frame in (layers.events, layers.corridors, layers.places)
        if not _valid(frame).empty
    ]
    if not boxes:
        return -180.0, -60.0, 180.0, 85.0
    stacked = np.vstack(boxes)
    west, south = stacked[:, 0].min(), stacked[:, 1].min()
    east, north = stacked[:, 2].max(), stacked[:, 3].max()
    pad_x = max((east - west) * PAD_FRACTION, (MIN_SPAN_DEG - (east - west)) / 2, 0.0)
    pad_y = max((north - south) * PAD_FRACTION, (MIN_SPAN_DEG - (north - south)) / 2, 0.0)
    return (
        max(west - pad_x, -180.0),
        max(south - pad_y, -89.0),
        min(east + pad_x, 180.0),
        min(north + pad_y, 89.0),
    )


def _projection_for(bounds: tuple[float, float, float, float]) -> CRS:
    west, south, east, north = bounds
    if east - west > MAX_REGIONAL_SPAN_DEG or north - south > MAX_REGIONAL_SPAN_DEG / 2:
        return CRS.from_user_input(WORLD_CRS)
    lon0, lat0 = (west + east) / 2, (south + north) / 2
    return CRS.from_proj4(f"+proj=laea +lat_0={lat0:.6f} +lon_0={lon0:.6f} +datum=WGS84 +units=m +no_defs")


def _set_view(ax: Axes, figure: Figure, bounds: tuple[float, float, float, float], to_map: Transformer) -> None:
    """Fit the projected box into the axes, widening it to the axes' aspect ratio."""
    west, south, east, north = bounds
    ring = shapely.segmentize(shapely.box(west, south, east, north), 1.0)
    xs, ys = to_map.transform(*shapely.get_coordinates(ring).T)
    x0, x1, y0, y1 = np.min(xs), np.max(xs), np.min(ys), np.max(ys)
    box = ax.get_position()
    target = (box.width * figure.get_figwidth()) / (box.height * figure.get_figheight())
    width, height = x1 - x0, y1 - y0
    if width / height < target:
        grow = (height * target - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (width / target - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")


def _draw_basemap(ax: Axes, basemap: gpd.GeoDataFrame, bounds: tuple[float, float, float, float], crs: CRS) -> None:
    """Country polygons around the view: clipped in lon/lat first so far-off land never reaches the projection."""
    west, south, east, north = bounds
    margin_x, margin_y = max(east - west, 10.0), max(north - south, 10.0)
    clipped = shapely.clip_by_rect(
        basemap.geometry.values,
        max(west - margin_x, -180.0),
        max(south - margin_y, -90.0),
        min(east + margin_x, 180.0),
        min(north + margin_y, 90.0),
    )
    land = gpd.GeoSeries(clipped, crs=basemap.crs or WGS84).explode(index_parts=False)
    # A part wider than 180° wraps round the antimeridian (Antarctica, a Fiji sliver in the
    # TopoJSON-derived basemap); projected, it would smear a band across the whole map.
    bounds_ = land.bounds
    land = land[~land.is_empty & (bounds_["maxx"] - bounds_["minx"] <= 180.0)]
    if land.empty:
        return
    land.to_crs(crs).plot(ax=ax, color=THEME["land"], edgecolor=THEME["border"], linewidth=0.5, zorder=0)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("")  # GeoPandas labels projected axes "Easting [metre]"; a map needs no axis labels
    ax.set_ylabel("")


def _line_parts(geometry: shapely.Geometry, to_map: Transformer) -> list[np.ndarray]:
    parts = []
    for part in shapely.get_parts(geometry):
        coords = shapely.get_coordinates(part)
        if len(coords) >= 2:
            parts.append(np.column_stack(to_map.transform(coords[:, 0], coords[:, 1])))
    return parts


def _draw_corridors(ax: Axes, corridors: gpd.GeoDataFrame, to_map: Transformer, preset: Preset) -> list[Line2D]:
    """One line collection; a colour per corridor, named solid and thick, stated dashed (as on the map)."""
    drawn = corridors.loc[_valid(corridors).index] if corridors is not None else corridors
    if drawn is None or drawn.empty:
        return []
    colours = corridor_colours(drawn["name"].astype(str))
    segments, colors, styles, widths = [], [], [], []
    for name, kind, geometry in zip(drawn["name"].astype(str), drawn["kind"], drawn.geometry, strict=True):
        style = _corridor_style(colours[name], kind == "named", preset)
        for part in _line_parts(geometry, to_map):
            segments.append(part)
            colors.append(style["color"])
            styles.append(style["linestyle"])
            widths.append(style["linewidth"])
    ax.add_collection(
        LineCollection(segments, colors=colors, linestyles=styles, linewidths=widths, capstyle="round", zorder=2)
    )
    _label_corridors(ax, drawn[drawn["kind"] == "named"], colours, to_map, preset)
    kinds = dict(zip(drawn["name"].astype(str), drawn["kind"], strict=False))
    handles = [
        Line2D([], [], label=f"{'Corridor' if kinds[name] == 'named' else 'Route'}: {name}",
               **_corridor_style(colour, kinds[name] == "named", preset))
        for name, colour in list(colours.items())[:MAX_CORRIDOR_ENTRIES]
    ]
    if len(colours) > MAX_CORRIDOR_ENTRIES:
        handles.append(Line2D([], [], linestyle="none", label=f"… and {len(colours) - MAX_CORRIDOR_ENTRIES} more corridors"))
    return handles


def _corridor_style(colour: str, named: bool, preset: Preset) -> dict[str, Any]:
    width = preset.font_pt * (0.25 if named else 0.15)
    return {"color": colour, "linestyle": "solid" if named else (0, (4, 3)), "linewidth": width}


def _label_corridors(
    ax: Axes, corridors: gpd.GeoDataFrame, colours: dict[str, str], to_map: Transformer, preset: Preset
) -> None:
    """Name each named corridor at the middle of its line."""
    halo = [withStroke(linewidth=3, foreground="white")]
    for name, geometry in zip(corridors["name"].astype(str), corridors.geometry, strict=True):
        middle = shapely.line_interpolate_point(shapely.line_merge(geometry), 0.5, normalized=True)
        if middle is None or middle.is_empty:
            continue
        x, y = to_map.transform(middle.x, middle.y)
        ax.annotate(
            name, (x, y), xytext=(0, 6), textcoords="offset points", ha="center", va="bottom",
            fontsize=preset.font_pt * 0.85, fontweight="bold", color=colours[name], path_effects=halo,
            zorder=6, annotation_clip=True,
        )


def _draw_places(ax: Axes, places: gpd.GeoDataFrame, to_map: Transformer, preset: Preset) -> list[Line2D]:
    """Circles sized by mentions, labelled for the most-mentioned places."""
    drawn = places.loc[_valid(places).index] if places is not None else places
    if drawn is None or drawn.empty:
        return []
    mentions = (
        pd.to_numeric(drawn["mentions"], errors="coerce").fillna(1).clip(lower=1).to_numpy(dtype=float)
        if "mentions" in drawn
        else np.ones(len(drawn))
    )
    x, y = to_map.transform(drawn.geometry.x.to_numpy(), drawn.geometry.y.to_numpy())
    ax.scatter(x, y, s=_marker_area(mentions, preset, 0.5), c=PLACE_COLOUR, marker="o", edgecolors="white",
               linewidths=preset.font_pt * 0.05, alpha=0.55, zorder=3)
    order = np.argsort(-mentions, kind="stable")
    _label_places(ax, [str(drawn["name"].iloc[i]) for i in order], x[order], y[order], preset)
    return [
        Line2D([], [], marker="o", linestyle="none", markerfacecolor=PLACE_COLOUR, markeredgecolor="white",
               alpha=0.7, markersize=preset.font_pt * 0.7, label=f"Place ({len(drawn)}; size: mentions)")
    ]


def _marker_area(counts: np.ndarray, preset: Preset, growth: float) -> np.ndarray:
    """Marker area in pt²: a legible minimum, growing with the square root of the count, capped."""
    radius = np.minimum(1.0 + growth * np.sqrt(counts), 6.0) * preset.font_pt * 0.25
    return (2 * radius) ** 2


def _label_places(ax: Axes, names: list[str], xs: np.ndarray, ys: np.ndarray, preset: Preset) -> None:
    """Label the most-mentioned places, skipping any label that would overlap one already placed."""
    fontsize = preset.font_pt * 0.8
    px_per_pt = preset.dpi / 72
    char_w, line_h = fontsize * 0.6 * px_per_pt, fontsize * 1.3 * px_per_pt
    (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
    placed: list[tuple[float, float, float, float]] = []
    halo = [withStroke(linewidth=2.5, foreground="white")]
    for name, x, y in zip(names, xs, ys, strict=True):
        if len(placed) >= preset.max_labels:
            break
        if not (x_lo <= x <= x_hi and y_lo <= y <= y_hi):
            continue
        px, py = ax.transData.transform((x, y))
        box = (px + 6, py - line_h / 2, px + 6 + char_w * len(name), py + line_h / 2)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        ax.annotate(
            name, (x, y), xytext=(6, 0), textcoords="offset points", ha="left", va="center",
            fontsize=fontsize, color="#222222", path_effects=halo, zorder=5,
        )


def _draw_events(ax: Axes, events: gpd.GeoDataFrame, to_map: Transformer, preset: Preset) -> list[Line2D]:
    """Events aggregated per (point, type): one marker per group, growing with the count; one scatter call."""
    drawn = events.loc[_valid(events).index] if events is not None else events
    if drawn is None or drawn.empty:
        return []
    types = drawn["type"].fillna("other").astype(str)
    counts = types.value_counts()
    ranked = sorted(counts.index, key=lambda name: (-counts[name], name))  # most frequent first, ties by name
    shown = ranked[: MAX_EVENT_TYPES - 1] if len(ranked) > MAX_EVENT_TYPES else ranked
    label = types.where(types.isin(shown), OTHER_EVENTS)
    colours = {name: event_style(name)[2] for name in shown}
    colours[OTHER_EVENTS] = event_style(OTHER_EVENTS)[2]

    groups = (
        pd.DataFrame({"lon": drawn.geometry.x.to_numpy(), "lat": drawn.geometry.y.to_numpy(), "label": label.to_numpy()})
        .groupby(["lon", "lat", "label"], sort=False)
        .size()
        .reset_index(name="count")
        .sort_values("count", ascending=False, kind="stable")
    )
    x, y = to_map.transform(groups["lon"].to_numpy(), groups["lat"].to_numpy())
    ax.scatter(
        x, y, s=_marker_area(groups["count"].to_numpy(dtype=float), preset, 0.6) * 1.3,
        c=groups["label"].map(colours).to_list(), marker="o", edgecolors="#222222",
        linewidths=preset.font_pt * 0.06, alpha=0.85, zorder=4,
    )
    legend_order = [*shown, OTHER_EVENTS] if len(counts) > len(shown) else shown
    return [
        Line2D([], [], marker="o", linestyle="none", markerfacecolor=colours[name], markeredgecolor="#222222",
               markersize=preset.font_pt * 0.75, label=f"{_pretty(name)} ({int((label == name).sum())})")
        for name in legend_order
    ]


def _pretty(event_type: str) -> str:
    return event_type if event_type == OTHER_EVENTS else event_type.replace("_", " ").capitalize()


def _nice_length_km(max_km: float) -> float:
    """The largest 1, 2 or 5 × 10^k km not above ``max_km``."""
    exponent = math.floor(math.log10(max_km))
    for step in (5, 2, 1):
        if step * 10**exponent <= max_km:
            return float(step * 10**exponent)
    return float(10 ** (exponent - 1) * 5)


def _draw_scale_bar(ax: Axes, crs: CRS, preset: Preset) -> None:
    """A two-segment scale bar in the lower left; true at the map centre (equal-area projection)."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    length_km = _nice_length_km((x1 - x0) / 1000 / 5)
    length = length_km * 1000
    left, bottom = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.05
    height = (y1 - y0) * 0.008
    for i, color in enumerate(("#222222", "white")):
        ax.add_patch(Rectangle((left + i * length / 2, bottom), length / 2, height, facecolor=color,
                               edgecolor="#222222", linewidth=0.8, zorder=7))
    halo = [withStroke(linewidth=2.5, foreground="white")]
    fontsize = preset.font_pt * 0.75
    for fraction in (0, 0.5, 1):
        value = length_km * fraction
        text = f"{value:g} km" if fraction == 1 else f"{value:g}"
        ax.text(left + length * fraction, bottom + height * 1.8, text, ha="center", va="bottom",
                fontsize=fontsize, path_effects=halo, zorder=7)
    note = "scale at map centre" if crs.to_string() != WORLD_CRS else "scale along the equator"
    ax.text(left, bottom - height * 1.5, note, ha="left", va="top", fontsize=fontsize * 0.85,
            color="#444444", path_effects=halo, zorder=7)


def _draw_texts(figure: Figure, title: str, caption: str, preset: Preset) -> None:
    figure.text(0.01, 0.975, title, ha="left", va="top", fontsize=preset.font_pt * 1.6, fontweight="bold")
    caption_pt = preset.font_pt * 0.85
    chars_per_line = int(figure.get_figwidth() * 72 * 0.98 / (caption_pt * 0.55))
    figure.text(0.01, 0.075, textwrap.fill(caption, chars_per_line), ha="left", va="top",
                fontsize=caption_pt, color="#222222")
    figure.text(0.99, 0.012, ATTRIBUTION, ha="right", va="bottom", fontsize=preset.font_pt * 0.65, color="#555555")

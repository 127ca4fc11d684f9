"""Static map snapshots: the one renderer behind PNG export on the CLI and on the Export page.

Drawn with Matplotlib over the same offline Natural Earth layers as the interactive map
(:mod:`geo.maps.render_basemap`), with the same names placed without collisions
(:mod:`geo.maps.render_labels`), the same colours (:mod:`geo.maps.style`) and the same frame
(:mod:`geo.maps.framing`, or the view on screen). A regional view is projected to a Lambert
azimuthal equal-area projection centred on the features, which keeps shapes honest and makes
the scale bar true at the centre; a world-wide view uses Equal Earth. Points are drawn with one
``scatter`` call per layer (events are first aggregated per point and type), so 100,000 events
cost about as much as 100.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.patheffects import withStroke
from pyproj import CRS, Transformer

from geo.maps.features import place_importance
from geo.maps.framing import frame_of, pad
from geo.maps.render_basemap import draw_basemap
from geo.maps.render_labels import LabelPlacer, basemap_labels
from geo.maps.style import PLACE_COLOUR, THEMES, corridor_colours, event_style, is_styled
from geo.maps.view import Bounds, MapView, fit_zoom, view_bounds

ATTRIBUTION = (
    "Basemap: Natural Earth (public domain) · Gazetteer: GeoNames (CC BY 4.0) · "
    "Sea lanes: searoute · Made with Corridor Atlas"
)
WGS84 = "EPSG:4326"
WORLD_CRS = "EPSG:8857"  # Equal Earth: for views too wide for an azimuthal projection
MAX_REGIONAL_SPAN_DEG = 140.0
WORLD_BOUNDS = (-180.0, -60.0, 180.0, 85.0)

THEME = THEMES["light"]
MAX_EVENT_TYPES = 10  # beyond this the legend lumps the rarest types into "Other events"
MAX_CORRIDOR_ENTRIES = 12  # as many corridors as the interactive map's legend names
OTHER_EVENTS = "Other events"
CROWDED_MARKERS = 1500  # above this many event markers they shrink, so the map stays readable
LEGEND_WRAP_CHARS = 34
MAP_RECT = (0.01, 0.085, 0.77, 0.835)  # left, bottom, width, height; the legend sits to the right
WEB_DPI = 100
"""A snapshot at this many dots per inch stands for the web map at the same pixel size."""

Frame = Literal["auto", "all"]
Box = tuple[float, float, float, float]


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

    @property
    def map_px(self) -> tuple[int, int]:
        """The map panel's size in web-map pixels (what a browser window of that size would show)."""
        scale = WEB_DPI / self.dpi
        return round(self.width_px * MAP_RECT[2] * scale), round(self.height_px * MAP_RECT[3] * scale)


PRESETS: dict[str, Preset] = {
    "slides": Preset("slides", 1920, 1080, 100, 13.0, 60),
    "a4": Preset("a4", 3508, 2480, 300, 8.0, 80),  # A4 landscape, 297 × 210 mm at 300 dpi
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
    frame: Frame = "auto",
    view: MapView | None = None,
    corridors_selected: bool = False,
) -> bytes:
    """The snapshot as PNG bytes, exactly ``preset.width_px × preset.height_px`` pixels."""
    chosen = _preset(preset)
    figure = render_figure(layers, title=title, caption=caption, preset=chosen, frame=frame, view=view,
                           corridors_selected=corridors_selected)
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
    frame: Frame = "auto",
    view: MapView | None = None,
    corridors_selected: bool = False,
) -> Figure:
    """Draw the layers into a new Matplotlib figure (no pyplot state, safe in a web server).

    ``view`` draws what the interactive map shows at that centre and zoom; without it,
    ``frame="all"`` fits every feature and ``"auto"`` the frame where they concentrate (the
    corridors, when they were selected), saying on the map what it leaves out.
    """
    chosen = _preset(preset)
    # No Agg canvas yet: GeoPandas calls draw_idle(), which an Agg canvas would honour with a full
    # render; savefig picks the PNG backend itself.
    figure = Figure(figsize=chosen.figsize, dpi=chosen.dpi, facecolor="white")
    ax = figure.add_axes(MAP_RECT)
    ax.set_facecolor(THEME["sea"])
    ax.set_xticks([])
    ax.set_yticks([])

    bounds = view_bounds(view, *chosen.map_px) if view else map_bounds(layers, frame, corridors_selected=corridors_selected)
    crs = _projection_for(bounds)
    to_map = Transformer.from_crs(WGS84, crs, always_xy=True)
    _set_view(ax, figure, bounds, to_map)
    zoom = view.zoom if view else fit_zoom(bounds, *chosen.map_px)
    draw_basemap(ax, bounds, crs, zoom, THEME, chosen.font_pt)

    labels = LabelPlacer(ax, chosen.font_pt, chosen.dpi, THEME)
    handles: list[Line2D] = []
    handles += _draw_corridors(ax, layers.corridors, to_map, chosen)
    handles += _draw_places(ax, layers.places, to_map, chosen)
    handles += _draw_events(ax, layers.events, to_map, chosen)
    _draw_labels(labels, layers, bounds, zoom, to_map, chosen)
    if handles:
        _draw_legend(ax, handles, chosen)
    else:
        ax.text(
            0.5, 0.5, "No features match the filters", transform=ax.transAxes,
            ha="center", va="center", fontsize=chosen.font_pt * 1.4, color="#555555",
        )
    _note_outside(ax, layers, to_map, chosen)
    _draw_scale_bar(ax, crs, chosen)
    _draw_texts(figure, title, caption, chosen)
    return figure


def map_bounds(layers: MapLayers, frame: Frame = "auto", *, corridors_selected: bool = False) -> Bounds:
    """The lon/lat box a snapshot frames (padded; the world when there is nothing to show)."""
    found = frame_of(layers, corridors_selected=corridors_selected)
    chosen = found.everything if frame == "all" else found.bounds
    return WORLD_BOUNDS if chosen is None else pad(chosen)


def map_crs(layers: MapLayers, frame: Frame = "auto") -> CRS:
    """The projection a snapshot of ``layers`` is drawn in."""
    return _projection_for(map_bounds(layers, frame))


def legend_labels(figure: Figure) -> list[str]:
    """The legend entries of a rendered figure, in order, unwrapped (empty when nothing was drawn)."""
    legend = figure.axes[0].get_legend()
    return [] if legend is None else [text.get_text().replace("\n", " ") for text in legend.get_texts()]


# ---------------------------------------------------------------- framing


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


def _projection_for(bounds: Bounds) -> CRS:
    west, south, east, north = bounds
    if east - west > MAX_REGIONAL_SPAN_DEG or north - south > MAX_REGIONAL_SPAN_DEG / 2:
        return CRS.from_user_input(WORLD_CRS)
    lon0, lat0 = (west + east) / 2, (south + north) / 2
    return CRS.from_proj4(f"+proj=laea +lat_0={lat0:.6f} +lon_0={lon0:.6f} +datum=WGS84 +units=m +no_defs")


def _set_view(ax: Axes, figure: Figure, bounds: Bounds, to_map: Transformer) -> None:
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


# ---------------------------------------------------------------- layers


def _draw_labels(labels: LabelPlacer, layers: MapLayers, bounds: Bounds, zoom: float, to_map: Transformer,
                 preset: Preset) -> None:
    """Places by importance, corridor names along their lines, then the basemap's names."""
    corridors = layers.corridors.loc[_valid(layers.corridors).index] if layers.corridors is not None else None
    waypoints = {str(w) for ways in corridors["waypoints"] for w in ways} if corridors is not None and len(corridors) else set()
    suppressed: set[str] = set()
    places = layers.places.loc[_valid(layers.places).index] if layers.places is not None else None
    if places is not None and len(places):
        ranked = places.assign(rank=place_importance(places, layers.events, waypoints))
        ranked = ranked[ranked["rank"] > 0].sort_values("rank", ascending=False, kind="stable")
        x, y = to_map.transform(ranked.geometry.x.to_numpy(), ranked.geometry.y.to_numpy())
        for row, px, py in zip(ranked.itertuples(index=False), x, y, strict=True):
            if labels.count >= preset.max_labels:
                break
            if labels.point(str(row.name), px, py, "place", gap_pt=preset.font_pt * 0.5):
                suppressed.add("".join(ch for ch in str(row.name).casefold() if ch.isalnum()))
                if row.kind == "country" and isinstance(row.country_code, str):
                    suppressed.add(f"iso:{row.country_code.casefold()}")
    if corridors is not None and len(corridors):
        colours = corridor_colours(corridors.drop(columns=corridors.geometry.name).to_dict("records"))
        order = corridors.assign(_named=corridors["kind"] != "named").sort_values("_named", kind="stable")
        for name, geometry in zip(order["name"].astype(str), order.geometry, strict=True):
            lines = [np.column_stack(to_map.transform(*shapely.get_coordinates(part).T))
                     for part in shapely.get_parts(shapely.segmentize(geometry, 0.5))]
            labels.along(name, lines, "corridor", colour=colours[name])
    west, south, east, north = bounds
    basemap_labels(labels, (west - 1, south - 1, east + 1, north + 1), zoom, to_map, suppressed, waypoints)


def _line_parts(geometry: shapely.Geometry, to_map: Transformer) -> list[np.ndarray]:
    parts = []
    for part in shapely.get_parts(geometry):
        coords = shapely.get_coordinates(part)
        if len(coords) >= 2:
            parts.append(np.column_stack(to_map.transform(coords[:, 0], coords[:, 1])))
    return parts


def _draw_corridors(ax: Axes, corridors: gpd.GeoDataFrame, to_map: Transformer, preset: Preset) -> list[Line2D]:
    """One line collection; each corridor in its own colour: named solid and thick, stated
    dashed, routes of unknown course (through country points) thin and dotted, as on the map."""
    drawn = corridors.loc[_valid(corridors).index] if corridors is not None else None
    if drawn is None or drawn.empty:
        return []
    names = drawn["name"].astype(str)
    approximate = drawn["approximate"].fillna(False).astype(bool) if "approximate" in drawn else False
    kinds = dict(zip(names, drawn["kind"].where(~approximate, "approximate").astype(str), strict=True))
    colours = corridor_colours(drawn.drop(columns=drawn.geometry.name).to_dict("records"))
    segments, colors, styles, widths = [], [], [], []
    for name, geometry in zip(names, drawn.geometry, strict=True):
        style = _corridor_style(colours[name], kinds[name], preset)
        for part in _line_parts(geometry, to_map):
            segments.append(part)
            colors.append(style["color"])
            styles.append(style["linestyle"])
            widths.append(style["linewidth"])
    ax.add_collection(
        LineCollection(segments, colors=colors, linestyles=styles, linewidths=widths, capstyle="round", zorder=2)
    )
    handles = [
        Line2D([], [], label=f"{'Corridor' if kinds[name] == 'named' else 'Route'}: {name}",
               **_corridor_style(colour, kinds[name], preset))
        for name, colour in list(colours.items())[:MAX_CORRIDOR_ENTRIES]
    ]
    if len(colours) > MAX_CORRIDOR_ENTRIES:
        handles.append(Line2D([], [], linestyle="none", label=f"… and {len(colours) - MAX_CORRIDOR_ENTRIES} more corridors"))
    return handles


def _corridor_style(colour: str, kind: str, preset: Preset) -> dict[str, Any]:
    width = preset.font_pt * {"named": 0.25, "stated": 0.15}.get(kind, 0.13)
    dashes: Any = {"named": "solid", "stated": (0, (4, 3))}.get(kind, (0, (1, 2.5)))
    return {"color": colour, "linestyle": dashes, "linewidth": width}


def _crowding(markers: int) -> float:
    """1 for a readable number of markers; less (markers shrink, down to 0.3×) when thousands share the map."""
    return min(1.0, math.sqrt(CROWDED_MARKERS / max(markers, 1)))


def _edge_width(preset: Preset, crowding: float) -> float:
    """Marker outline; none on a crowded map, where outlines only add ink (and drawing time)."""
    return preset.font_pt * 0.06 * crowding if crowding >= 0.5 else 0.0


def _marker_area(counts: np.ndarray, preset: Preset, growth: float) -> np.ndarray:
    """Marker area in pt²: a legible minimum, growing with the square root of the count, capped."""
    radius = np.minimum(1.0 + growth * np.sqrt(counts), 6.0) * preset.font_pt * 0.25
    return (2 * radius) ** 2


def _draw_places(ax: Axes, places: gpd.GeoDataFrame, to_map: Transformer, preset: Preset) -> list[Line2D]:
    """Circles sized by mentions (their names are placed with the other labels)."""
    drawn = places.loc[_valid(places).index] if places is not None else None
    if drawn is None or drawn.empty:
        return []
    mentions = (
        pd.to_numeric(drawn["mentions"], errors="coerce").fillna(1).clip(lower=1).to_numpy(dtype=float)
        if "mentions" in drawn
        else np.ones(len(drawn))
    )
    x, y = to_map.transform(drawn.geometry.x.to_numpy(), drawn.geometry.y.to_numpy())
    crowding = _crowding(len(drawn))
    ax.scatter(x, y, s=_marker_area(mentions, preset, 0.5) * max(crowding, 0.3) ** 2, c=PLACE_COLOUR, marker="o",
               edgecolors="white", linewidths=_edge_width(preset, crowding) * 0.8, alpha=0.55, zorder=3)
    return [
        Line2D([], [], marker="o", linestyle="none", markerfacecolor=PLACE_COLOUR, markeredgecolor="white",
               alpha=0.7, markersize=preset.font_pt * 0.7, label=f"Place ({len(drawn)}; size: mentions)")
    ]


def _draw_events(ax: Axes, events: gpd.GeoDataFrame, to_map: Transformer, preset: Preset) -> list[Line2D]:
    """Events aggregated per (point, type): one marker per group, growing with the count; one scatter call.

    Types the interactive map has no symbol for share its grey as "Other events", as do the
    rarest types when there are more than ``MAX_EVENT_TYPES``.
    """
    drawn = events.loc[_valid(events).index] if events is not None else None
    if drawn is None or drawn.empty:
        return []
    types = drawn["type"].fillna(OTHER_EVENTS).astype(str)
    types = types.where(types.map(is_styled), OTHER_EVENTS)
    counts = types.value_counts()
    styled = sorted((name for name in counts.index if name != OTHER_EVENTS), key=lambda name: (-counts[name], name))
    shown = styled[: MAX_EVENT_TYPES - 1] if len(counts) > MAX_EVENT_TYPES else styled
    label = types.where(types.isin(shown), OTHER_EVENTS)
    colours = {name: event_style(name)[2] for name in [*shown, OTHER_EVENTS]}

    groups = (
        pd.DataFrame({"lon": drawn.geometry.x.to_numpy(), "lat": drawn.geometry.y.to_numpy(), "label": label.to_numpy()})
        .groupby(["lon", "lat", "label"], sort=False)
        .size()
        .reset_index(name="count")
        .sort_values("count", ascending=False, kind="stable")
    )
    x, y = to_map.transform(groups["lon"].to_numpy(), groups["lat"].to_numpy())
    crowding = _crowding(len(groups))
    ax.scatter(
        x, y, s=_marker_area(groups["count"].to_numpy(dtype=float), preset, 0.6) * 1.3 * max(crowding, 0.3) ** 2,
        c=groups["label"].map(colours).to_list(), marker="o", edgecolors="#222222",
        linewidths=_edge_width(preset, crowding), alpha=0.85 if crowding == 1.0 else 0.7, zorder=4,
    )
    legend_order = [*shown, OTHER_EVENTS] if (label == OTHER_EVENTS).any() else shown
    return [
        Line2D([], [], marker="o", linestyle="none", markerfacecolor=colours[name], markeredgecolor="#222222",
               markersize=preset.font_pt * 0.75, label=f"{_pretty(name)} ({int((label == name).sum())})")
        for name in legend_order
    ]


def _pretty(event_type: str) -> str:
    return event_type if event_type == OTHER_EVENTS else event_type.replace("_", " ").capitalize()


# ---------------------------------------------------------------- furniture


def _draw_legend(ax: Axes, handles: list[Line2D], preset: Preset) -> None:
    """The legend in a panel right of the map, long names wrapped, so it never hides features."""
    for handle in handles:
        handle.set_label(_wrap(str(handle.get_label()), LEGEND_WRAP_CHARS))
    legend = ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.015, 1.0), borderaxespad=0.0,
        title="Legend", alignment="left", fontsize=preset.font_pt * 0.85, title_fontsize=preset.font_pt,
        frameon=False,
    )
    for text in legend.get_texts():
        text.set_parse_math(False)  # corridor names come from articles: "$" is a dollar, not TeX


def _wrap(text: str, width: int) -> str:
    """Wrap at spaces and after dashes ("China–Iran–Iraq" has no spaces), indenting continuation lines."""
    lines: list[str] = [""]
    for piece in re.split(r"(?<=[\s–-])", text):
        if lines[-1] and len(lines[-1]) + len(piece.rstrip()) > width:
            lines.append("  ")
        lines[-1] += piece
    return "\n".join(line.rstrip() for line in lines)


def _note_outside(ax: Axes, layers: MapLayers, to_map: Transformer, preset: Preset) -> None:
    """Say how many events and places fall outside the frame, so a tight frame never hides data silently."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    parts = []
    for name, frame in (("events", layers.events), ("places", layers.places)):
        points = shapely.get_coordinates(_valid(frame).values)
        if not len(points):
            continue
        x, y = to_map.transform(points[:, 0], points[:, 1])
        outside = int((~((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))).sum())
        if outside:
            parts.append(f"{outside} {name[:-1] if outside == 1 else name}")
    if parts:
        ax.text(0.99, 0.015, f"Outside this frame: {' and '.join(parts)}", transform=ax.transAxes,
                ha="right", va="bottom", fontsize=preset.font_pt * 0.75, color="#444444",
                path_effects=[withStroke(linewidth=2.5, foreground="white")], zorder=7)


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
    note = "scale along the equator" if crs.to_epsg() == 8857 else "scale at map centre"
    ax.text(left, bottom - height * 1.5, note, ha="left", va="top", fontsize=fontsize * 0.85,
            color="#444444", path_effects=halo, zorder=7)


def _draw_texts(figure: Figure, title: str, caption: str, preset: Preset) -> None:
    # Title and caption carry user and article text: parse_math=False, so "$" stays a dollar sign.
    figure.text(0.01, 0.975, title, ha="left", va="top", fontsize=preset.font_pt * 1.6, fontweight="bold",
                parse_math=False)
    caption_pt = preset.font_pt * 0.85
    chars_per_line = int(figure.get_figwidth() * 72 * 0.98 / (caption_pt * 0.55))
    figure.text(0.01, 0.075, textwrap.fill(caption, chars_per_line), ha="left", va="top",
                fontsize=caption_pt, color="#222222", parse_math=False)
    figure.text(0.99, 0.012, ATTRIBUTION, ha="right", va="bottom", fontsize=preset.font_pt * 0.65, color="#555555")

"""The PNG's basemap: the same Natural Earth layers as the interactive map, drawn with Matplotlib.

Below zoom 6 (:data:`geo.maps.basemap.DETAIL_FROM_ZOOM`) the world tier: country polygons
(110m up to zoom 3, then 50m), 50m lakes and rivers. Closer in, the 10m cells of the frame: land with its coastline, lakes,
rivers by size, dashed land borders. The zoom a snapshot stands for is the web map's zoom at
which its frame fills the image (see :func:`geo.maps.view.fit_zoom`), so a river shown on
screen is shown in the snapshot too.
"""

from __future__ import annotations

from typing import cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from pyproj import CRS

from geo.maps import basemap
from geo.maps.view import Bounds

WGS84 = "EPSG:4326"


def _clip_area(bounds: Bounds) -> Bounds:
    """The frame with a margin (lines leave the frame whole), in lon/lat."""
    west, south, east, north = bounds
    margin_x, margin_y = max((east - west) * 0.5, 1.0), max((north - south) * 0.5, 1.0)
    return (max(west - margin_x, -180.0), max(south - margin_y, -90.0), min(east + margin_x, 180.0),
            min(north + margin_y, 90.0))


def _project(geometries: gpd.GeoSeries, area: Bounds, crs: CRS, tolerance: float) -> gpd.GeoSeries:
    """Clip to ``area`` in lon/lat (far-off shapes never reach the projection), project, simplify."""
    values = shapely.clip_by_rect(np.asarray(geometries.values, dtype=object), *area)
    keep = ~pd.isna(values)
    keep[keep] = ~shapely.is_empty(values[keep])
    clipped = gpd.GeoSeries(values[keep], index=geometries.index[keep], crs=WGS84)
    if clipped.empty:
        return clipped
    # A part wider than 180° wraps round the globe (Antarctica, whose ring encloses the pole);
    # drawn in a flat projection it would smear a band across the whole map.
    parts = clipped.explode(index_parts=False)
    extent = parts.bounds
    parts = parts[(extent["maxx"] - extent["minx"]) <= 180.0]
    return parts.to_crs(crs).simplify(tolerance)


def half_pixel(ax: Axes) -> float:
    """Half a pixel in map units: simplifying to it gives the same picture with fewer vertices."""
    figure = cast(Figure, ax.figure)
    (x0, x1), width_px = ax.get_xlim(), ax.get_position().width * figure.get_figwidth() * figure.dpi
    return (x1 - x0) / width_px / 2


def river_width(scalerank: pd.Series, zoom: float, font_pt: float) -> np.ndarray:
    """Line width in points, as the web map: 0 is the largest river."""
    px = np.clip(3.4 - 0.2 * scalerank.fillna(8).to_numpy(dtype=float) + (zoom - 6) * 0.35, 0.8, 4.0)
    return px * font_pt / 13.0 * 0.75


def draw_basemap(ax: Axes, bounds: Bounds, crs: CRS, zoom: float, theme: dict[str, str], font_pt: float) -> None:
    """Water background, land, coast, rivers, lakes and borders for a frame at ``zoom``."""
    area = _clip_area(bounds)
    tolerance = half_pixel(ax)
    if zoom < basemap.DETAIL_FROM_ZOOM:
        _draw_world(ax, area, crs, zoom, theme, tolerance, font_pt)
    else:
        _draw_detail(ax, area, crs, zoom, theme, tolerance, font_pt)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("")  # GeoPandas labels projected axes "Easting [metre]"; a map needs no axis labels
    ax.set_ylabel("")


def _draw_world(ax: Axes, area: Bounds, crs: CRS, zoom: float, theme: dict[str, str], tolerance: float,
                font_pt: float) -> None:
    countries = basemap.countries("110m" if zoom <= 3 else "50m")
    land = _project(countries.geometry, area, crs, tolerance)
    if not land.empty:
        land.plot(ax=ax, color=theme["land"], edgecolor=theme["border"], linewidth=0.5, zorder=0)
    if zoom < 3:
        return
    rivers = basemap.world_water("rivers")
    rivers = rivers[rivers["min_zoom"].fillna(0) <= zoom + 0.5]
    lines = _project(rivers.geometry, area, crs, tolerance)
    if not lines.empty:
        widths = river_width(rivers.loc[lines.index, "scalerank"] + 4, zoom + 3, font_pt)
        lines.plot(ax=ax, color=theme["river"], linewidth=widths, zorder=0.2)
    lakes = basemap.world_water("lakes")
    lakes = lakes[lakes["min_zoom"].fillna(0) <= zoom + 0.5]
    water = _project(lakes.geometry, area, crs, tolerance)
    if not water.empty:
        water.plot(ax=ax, color=theme["sea"], edgecolor=theme["coast"], linewidth=0.4, zorder=0.3)


def _draw_detail(ax: Axes, area: Bounds, crs: CRS, zoom: float, theme: dict[str, str], tolerance: float,
                 font_pt: float) -> None:
    cells = basemap.tiles(area)
    if cells.empty:
        return
    by_layer = {name: cells[cells["layer"] == name] for name in basemap.TILE_LAYERS}
    # Cells overlap a little at their cut edges: the union joins them, so its outline is the coast.
    land = _project(gpd.GeoSeries([shapely.union_all(by_layer["land"].geometry.values)], crs=WGS84), area, crs,
                    tolerance)
    if not land.empty:
        land.plot(ax=ax, color=theme["land"], edgecolor="none", zorder=0)
        land.boundary.plot(ax=ax, color=theme["coast"], linewidth=0.9 * font_pt / 13, zorder=0.1)
    rivers = by_layer["river"]
    rivers = rivers[rivers["min_zoom"].fillna(0) <= zoom + 0.5]
    lines = _project(rivers.geometry, area, crs, tolerance)
    if not lines.empty:
        lines.plot(ax=ax, color=theme["river"], linewidth=river_width(rivers.loc[lines.index, "scalerank"], zoom, font_pt),
                   zorder=0.2)
    lakes = by_layer["lake"]
    if not lakes.empty:
        water = _project(gpd.GeoSeries([shapely.union_all(lakes.geometry.values)], crs=WGS84), area, crs, tolerance)
        if not water.empty:
            water.plot(ax=ax, color=theme["sea"], edgecolor=theme["coast"], linewidth=0.6 * font_pt / 13, zorder=0.3)
    borders = _project(by_layer["border"].geometry, area, crs, tolerance)
    if not borders.empty:
        borders.plot(ax=ax, color=theme["border"], linewidth=0.8 * font_pt / 13, linestyle=(0, (4, 3)), zorder=0.4)

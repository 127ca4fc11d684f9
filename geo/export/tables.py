"""Store tables flattened for formats that hold one plain value per cell (CSV, GeoPackage)."""

from __future__ import annotations

from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np

LIST_SEPARATOR = "; "


def flat_table(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy that any format can hold: dates as ISO text, lists joined with ``"; "``."""
    flat = frame.copy()
    for column in flat.columns:
        if column == flat.geometry.name or flat[column].dtype != object:
            continue
        values = flat[column]
        first = next((v for v in values if v is not None and not (isinstance(v, float) and np.isnan(v))), None)
        if isinstance(first, list | tuple | np.ndarray):  # store columns hold one type each (geo/store/schema.py)
            flat[column] = values.map(_join, na_action="ignore")
        elif isinstance(first, date):
            flat[column] = values.map(lambda v: v.isoformat() if isinstance(v, date) else None)
    return flat


def _join(values: Any) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)

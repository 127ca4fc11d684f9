"""Events or places as a spreadsheet table with ``lat`` and ``lon`` columns.

Cells come from untrusted articles: one that a spreadsheet would run as a formula (OWASP "CSV
injection") gets a leading quote.
"""

from __future__ import annotations

import pandas as pd

from geo.export.tables import flat_table
from geo.maps.render import MapLayers

CSV_LAYERS: tuple[str, ...] = ("events", "places")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(view: MapLayers, layer: str) -> bytes:
    """One layer as UTF-8 CSV, ``lat``/``lon`` after ``country_code``."""
    if layer not in CSV_LAYERS:
        raise ValueError(f"CSV export holds {' or '.join(CSV_LAYERS)}, not {layer!r}")
    frame = flat_table(getattr(view, layer))
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    at = table.columns.get_loc("country_code") + 1 if "country_code" in table else len(table.columns)
    table.insert(at, "lat", frame.geometry.y.to_numpy())
    table.insert(at + 1, "lon", frame.geometry.x.to_numpy())
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            text = table[column]
            risky = text.astype("string").str.startswith(_FORMULA_START).fillna(False).astype(bool)
            if risky.any():
                table.loc[risky, column] = "'" + text[risky].astype(str)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")

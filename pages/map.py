"""Map page: corridors, events and places of the filtered store; click a feature for its sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.maps.webmap import MapLayers, draw_map, map_layers, sources_at
from geo.store.filters import Filters, describe
from geo.store.tables import Store
from pages import _shared
from pages._text import plain

current = _shared.view()
filters, filtered = current.filters, current.filtered


@st.cache_resource(max_entries=8, show_spinner="Drawing the map…")
def _layers(_filtered: Store, folder: str, stamp: float, key: Filters) -> MapLayers:
    """Cached per store build and filter state (``_filtered`` is derived from both)."""
    return map_layers(_filtered)


layers = _layers(filtered, str(_shared.store_dir()), _shared.store_stamp(), filters)
fmap = draw_map(layers, assets="static", briefing=filters.briefing, dark=filters.dark)

if filters.briefing:
    _shared.briefing_caption(current)
    _shared.show_map(fmap, key="briefing_map", height=_shared.BRIEFING_MAP_HEIGHT, clicks=False)
    st.stop()

st.title("Corridor Atlas")
counts = st.columns(4)
counts[0].metric("Events", f"{len(filtered.events):,}", help="Events matching the filters")
counts[1].metric("Corridors", f"{len(filtered.corridors):,}")
counts[2].metric("Places", f"{len(filtered.places):,}")
counts[3].metric("Documents", f"{len(filtered.documents):,}")
if current.store.documents.empty:
    st.info("The store is empty. Build it with `python -m geo build data/corpus` or upload articles on the Documents page.")

left, right = st.columns([3, 1])
with left:
    clicked = _shared.show_map(fmap, key="main_map", height=_shared.MAP_HEIGHT)
with right:
    st.subheader("Sources")
    point = clicked.get("last_object_clicked")
    if not point:
        st.caption("Click a point or a line on the map to read the sentences behind it.")
    else:
        found = sources_at(filtered, point["lat"], point["lng"], clicked.get("last_object_clicked_tooltip"))
        if found.empty:
            st.caption("Nothing drawn from the articles at that spot.")
        for row in found.head(12).itertuples(index=False):
            with st.container(border=True):
                st.markdown(f"**{plain(row.title)}**")
                st.caption(plain(" · ".join(part for part in (row.when, row.document) if part)))
                st.html(f"<div style='font-size:0.95rem'>{row.quote_html}</div>")
        if len(found) > 12:
            st.caption(f"… and {len(found) - 12} more; narrow the filters or see the Documents page.")

undated = int(pd.isna(filtered.events["start"]).sum()) if len(filtered.events) else 0
unplaced = int(filtered.events.geometry.isna().sum()) if len(filtered.events) else 0
st.caption(
    f"Filters: {plain(describe(filters))}. {undated} undated event(s); {unplaced} event(s) without a place are not drawn."
)

"""Map page: corridors, events and places of the filtered store; click a feature for its sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.maps.highlight import esc, link
from geo.maps.sources import SourceCard, sources_for
from geo.maps.webmap import map_html, render_map
from geo.store.filters import Filters, describe, why_empty
from geo.store.tables import Store
from pages import _shared
from pages._text import plain

SOURCE_CARDS = 12

current = _shared.view()

filters, filtered = current.filters, current.filtered


@st.cache_data(max_entries=8, show_spinner="Drawing the map…")
def _page(_filtered: Store, folder: str, stamp: float, key: Filters) -> str:
    """The map page, cached per store build and filter state (``_filtered`` follows from both):
    an identical page is not sent to the browser again when the view changes."""
    fmap = render_map(_filtered, assets="static", briefing=key.briefing, dark=key.dark,
                      corridors_selected=bool(key.corridors))
    return map_html(fmap)


def _card(card: SourceCard) -> None:
    """One source: title, its own document and date, the article link, the quoted sentence."""
    meta = " · ".join(esc(part) for part in (card.when, card.document) if part)
    source = f" · {link(card.url, 'article')}" if card.url else ""
    with st.container(border=True):
        st.html(f"<div class='ca-card'><b>{esc(card.title)}</b><br><small>{meta}{source}</small>"
                f"<div style='font-size:0.95rem;margin-top:4px'>{card.quote_html}</div></div>")


nothing = filtered.events.empty and filtered.corridors.empty and filtered.places.empty
html = _page(filtered, str(_shared.store_dir()), _shared.store_stamp(), filters)

if filters.briefing:
    _shared.briefing_caption(current)
    _shared.show_map(html, key="briefing_map", height=_shared.BRIEFING_MAP_HEIGHT)
    st.stop()

st.title("Corridor Atlas")
counts = st.columns(4)
counts[0].metric("Events", f"{len(filtered.events):,}", help="Events matching the filters")
counts[1].metric("Corridors", f"{len(filtered.corridors):,}")
counts[2].metric("Places", f"{len(filtered.places):,}")
counts[3].metric("Documents", f"{len(filtered.documents):,}")
if current.store.documents.empty:
    st.info("The store is empty. Build it with `python -m geo build data/corpus` or upload articles on the Documents page.")
elif nothing:
    st.warning(why_empty(current.store, filters))

left, right = st.columns([3, 1])
with left:
    state = _shared.show_map(html, key="main_map", height=_shared.MAP_HEIGHT)
with right:
    st.subheader("Sources")
    click = state.get("click")
    if not click:
        st.caption("Click a point or a line on the map to read the sentences behind it.")
    else:
        cards = sources_for(filtered, click.get("ref"), click.get("lat"), click.get("lon"))
        if not cards:
            st.caption("Nothing drawn from the articles at that spot.")
        for card in cards[:SOURCE_CARDS]:
            _card(card)
        if len(cards) > SOURCE_CARDS:
            st.caption(f"… and {len(cards) - SOURCE_CARDS} more; narrow the filters or see the Documents page.")

undated = int(pd.isna(filtered.events["start"]).sum()) if len(filtered.events) else 0
unplaced = int(filtered.events.geometry.isna().sum()) if len(filtered.events) else 0
st.caption(
    f"Filters: {plain(describe(filters))}. {undated} undated event(s); {unplaced} event(s) without a place are not drawn."
)

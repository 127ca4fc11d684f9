"""Timeline page: events over time by type, and a map that plays them back through time."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo.maps.playback import draw_playback
from geo.maps.popups import format_when
from geo.maps.style import event_style
from geo.maps.webmap import map_html
from geo.store.filters import Filters
from geo.store.tables import Store
from pages import _shared

PLAYBACK_HEIGHT = 600

current = _shared.view()
filters, events = current.filters, current.filtered.events

st.title("Timeline")
dated = events[events["start"].notna()]
st.caption(
    f"{len(dated):,} dated event(s) of {len(events):,} matching the filters. "
    "Narrow the dates in the sidebar; the player below runs the events through time."
)

if dated.empty:
    st.info("No dated events match the filters.")
    st.stop()

monthly = (
    pd.DataFrame({"month": pd.to_datetime(dated["start"]).dt.to_period("M").dt.to_timestamp(), "type": dated["type"]})
    .value_counts()
    .rename("events")
    .reset_index()
)
types = sorted(monthly["type"].unique())
chart = (
    alt.Chart(monthly)
    .mark_bar()
    .encode(
        x=alt.X("yearmonth(month):T", title="Month"),
        y=alt.Y("events:Q", title="Events", stack=True),
        color=alt.Color("type:N", title="Event type", scale=alt.Scale(domain=types, range=[event_style(t)[2] for t in types])),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month"), "type:N", "events:Q"],
    )
    .properties(height=260)
)
st.altair_chart(chart, width="stretch")


@st.cache_data(max_entries=8, show_spinner="Drawing the player…")
def _player(_filtered: Store, folder: str, stamp: float, key: Filters) -> str:
    """The playback page, cached per store build and filter state (``_filtered`` follows from both)."""
    return map_html(draw_playback(_filtered, assets="static", dark=key.dark))


st.subheader("Playback")
st.caption("Cumulative: everything so far, the last window bright. Moving window: only the events of the window, "
           "fading as they age. Scroll the page freely: the map zooms with its buttons or a double click.")
_shared.show_map(_player(current.filtered, str(_shared.store_dir()), _shared.store_stamp(), filters),
                 key="timeline_map", height=PLAYBACK_HEIGHT)

st.subheader("Events in order")
table = dated.sort_values("start", ascending=False).head(500)
st.dataframe(
    pd.DataFrame(
        {
            "when": [format_when(s, e, p) for s, e, p in zip(table["start"], table["end"], table["precision"], strict=True)],
            "type": table["type"],
            "place": table["place"],
            "actors": [", ".join(a) for a in table["actors"]],
            "sentence": table["sentence"],
            "document": table["document"],
        }
    ),
    hide_index=True,
    width="stretch",
)
if len(dated) > len(table):
    st.caption(f"Showing the latest {len(table)} of {len(dated):,} dated events.")

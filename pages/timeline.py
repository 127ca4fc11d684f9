"""Timeline page: events over time by type, and a map that plays them back through time."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from geo.maps.style import event_style
from geo.maps.webmap import draw_timeline_map, format_when, timeline_features
from geo.store.filters import Filters
from pages import _shared

current = _shared.view()
filters, events = current.filters, current.filtered.events

st.title("Timeline")
dated = events[events["start"].notna()]
st.caption(
    f"{len(dated):,} dated event(s) of {len(events):,} matching the filters. "
    "Use the sidebar's date slider to narrow the window; the map below plays the events back in time."
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


@st.cache_resource(max_entries=8, show_spinner="Drawing the timeline map…")
def _features(_events: pd.DataFrame, folder: str, stamp: float, key: Filters) -> list[dict[str, Any]]:
    """Cached per store build and filter state (``_events`` is derived from both)."""
    return timeline_features(_events)


st.subheader("Playback")
features = _features(events, str(_shared.store_dir()), _shared.store_stamp(), filters)
fmap = draw_timeline_map(features, assets="static", dark=filters.dark)
_shared.show_map(fmap, key="timeline_map", height=520, clicks=False)

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

"""Corridor Atlas: the Streamlit entry point.

Runs on every interaction: sets up the page, draws the shared filter sidebar (kept in the
URL), then hands over to the chosen page under ``pages/``.
"""

import streamlit as st

from geo.settings import STATIC_DIR
from pages import _shared

_shared.leave_pages_folder_mode()

briefing = _shared.initial_filters().briefing if "view" not in st.session_state else st.session_state["view"].filters.briefing
st.set_page_config(
    page_title="Corridor Atlas",
    page_icon=str(STATIC_DIR / "favicon.png"),
    layout="wide",
    initial_sidebar_state="collapsed" if briefing else "auto",
)
_shared.publish_basemap()
st.session_state["view"] = current = _shared.sidebar()
_shared.apply_briefing_style(current.filters)

pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/documents.py", title="Documents", icon=":material/article:"),
    st.Page("pages/places.py", title="Places", icon=":material/place:"),
    st.Page("pages/export.py", title="Export", icon=":material/download:"),
    st.Page("pages/about.py", title="About", icon=":material/info:"),
]
st.navigation(pages, position="hidden" if current.filters.briefing else "sidebar").run()

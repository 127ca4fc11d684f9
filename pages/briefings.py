"""Briefings page: a briefing's views in order, to rename, reorder, duplicate or delete; what changed
in each since it was saved; the problems of a hand-edited file; the deck downloads and presenter mode.

Every edit goes through :func:`geo.briefings.files.update_briefing` (read, change and write
under the file's lock), so two open tabs never lose each other's views.
"""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

import streamlit as st

from geo.briefings.deck import file_stem
from geo.briefings.export import DECK_FORMATS, deck_files, zipped
from geo.briefings.files import list_briefings, update_briefing
from geo.briefings.model import View
from geo.briefings.present import Presenting
from geo.briefings.shown import changes, shown
from geo.briefings.slideshow import note_html
from geo.store.filters import describe
from geo.store.tables import Store
from pages import _briefing, _shared
from pages._text import plain

_shared.view()
store = _shared.store()


@st.cache_data(max_entries=256, show_spinner=False)
def _freshness(_store: Store, folder: str, stamp: float, view: View) -> tuple[bool, str, str]:
    """(changed, what changed, what it draws now) of one view, cached per store build and view."""
    drawn = shown(_store, view)
    change = changes(view, drawn)
    counts = f"{len(drawn.events)} events · {len(drawn.corridors)} corridors · {len(drawn.places)} places"
    return change.changed, change.summary(), counts


def _rename(path: Path, index: int, key: str) -> None:
    title = st.session_state[key].strip()
    if title:
        update_briefing(path, lambda briefing: briefing.renamed(index, title))


def _title_key(path: Path, index: int, title: str) -> str:
    """The title box's key follows the file, the place and the title: another briefing, or a title changed
    elsewhere (a hand edit, another tab), gets a fresh box instead of the text left in an old one."""
    digest = hashlib.blake2b(f"{path}|{title}".encode(), digest_size=6).hexdigest()
    return f"bf_title_{index}_{digest}"


def _deck(path: Path, fmt: str, mark: bool) -> bytes:
    """The deck file (made when its button is clicked); PNG slides come as one zip."""
    files = deck_files(store, _briefing.load(path).briefing, fmt, mark_changes=mark)
    return zipped(files) if len(files) > 1 else next(iter(files.values()))


def _present_link(at: Presenting) -> str:
    """Presenter mode is at the app's root: ``./?briefing=…`` from this page (under any base URL path)."""
    return "./" + at.query()


def _where(view: View) -> str:
    if view.extent is None:
        return "framed on its features"
    return f"centre {view.extent.lat:.2f}, {view.extent.lon:.2f} · zoom {view.extent.zoom:g}"


def _view_row(path: Path, index: int, view: View, total: int, link: Presenting) -> None:
    changed, summary, counts = _freshness(store, str(_shared.store_dir()), _shared.store_stamp(), view)
    with st.container(border=True):
        about, actions = st.columns([3, 2])
        with about:
            key = _title_key(path, index, view.title)
            st.text_input(f"View {index + 1}", value=view.title, key=key, max_chars=_briefing.MAX_TITLE_CHARS,
                          on_change=_rename, args=(path, index, key))
            saved = view.saved_at.strftime("%Y-%m-%d %H:%M UTC") if view.saved_at else "never saved from the app"
            st.caption(plain(f"{describe(view.filters)} · {_where(view)} · layers: {', '.join(view.layers) or 'none'} "
                             f"· saved {saved}"))
            if changed:
                st.warning(plain(f"New: {summary}. Now: {counts}"))
            else:
                st.caption(plain(f"{summary.capitalize()}. Now: {counts}"))
            if view.note:
                with st.expander("Note"):
                    st.html(note_html(view.note))
        with actions:
            buttons = st.columns(5)
            common = {"width": "stretch"}
            buttons[0].button("", key=f"bf_up_{index}", icon=":material/arrow_upward:", help="Move up",
                              disabled=index == 0, on_click=_briefing.change, args=(path, f"up:{index}"), **common)
            buttons[1].button("", key=f"bf_down_{index}", icon=":material/arrow_downward:",
                              help="Move down", disabled=index == total - 1, on_click=_briefing.change,
                              args=(path, f"down:{index}"), **common)
            buttons[2].button("", key=f"bf_copy_{index}", icon=":material/content_copy:", help="Duplicate",
                              on_click=_briefing.change, args=(path, f"copy:{index}"), **common)
            buttons[3].button("", key=f"bf_delete_{index}", icon=":material/delete:", help="Delete",
                              on_click=_briefing.change, args=(path, f"delete:{index}"), **common)
            buttons[4].link_button("", _present_link(link.at(index + 1, total)), icon=":material/slideshow:",
                                   help="Present from this view", **common)


st.title("Briefings")
found = list_briefings()
if not found:
    st.info("No briefing yet. On any page, open “Save view” in the sidebar: it adds the current filters and the "
            "map's frame to a new or existing briefing.")
    st.stop()
names = [name for name, _ in found]
if st.session_state.get("bf_choice") not in names:
    st.session_state["bf_choice"] = names[0]
name = st.selectbox("Briefing", names, key="bf_choice")
path = dict(found)[name]
loaded = _briefing.load(path)
briefing = loaded.briefing
st.caption(plain(f"{len(briefing.views)} view(s) · {path}"))
for problem in loaded.problems:
    st.warning(plain(str(problem)))

present = Presenting(briefing.name)
head = st.columns([1, 1, 1, 1, 2])
head[0].link_button("Present", _present_link(present), icon=":material/slideshow:", type="primary", width="stretch",
                    disabled=not briefing.views)
mark = head[4].toggle("Mark what changed in the deck", key="bf_mark")
labels = {"pdf": "PDF", "png": "PNG slides (zip)", "html": "HTML slideshow"}
stem = file_stem(briefing)
for column, fmt in zip(head[1:4], DECK_FORMATS.values(), strict=True):
    column.download_button(labels[fmt.name], data=partial(_deck, path, fmt.name, mark),
                           file_name=f"{stem}.{'zip' if fmt.name == 'png' else fmt.extension}",
                           mime="application/zip" if fmt.name == "png" else fmt.mime, on_click="ignore",
                           icon=":material/download:", key=f"bf_deck_{fmt.name}", width="stretch",
                           disabled=not briefing.views)
st.caption("The deck: a 1920×1080 slide per view framed as saved, then a sources slide listing the articles "
           "behind each view. The HTML slideshow opens offline; arrow keys step through it.")

for index, view in enumerate(briefing.views):
    _view_row(path, index, view, len(briefing.views), present)

"""Export page: the filtered view as a PNG snapshot, a standalone HTML map, or data files.

The formats and their buttons come from the export registry (:mod:`geo.export.registry`), the
same table ``python -m geo export`` offers. Downloads never rerun the app
(``on_click="ignore"``), and every file except the previewed PNG is made only when its button
is clicked (a callable as ``data``).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from geo import export
from geo.export.png import thumbnail
from geo.export.registry import EXPORTERS, Exporter
from geo.maps.render import PRESETS, Frame
from geo.maps.view import MapView
from geo.store.filters import Filters
from geo.store.tables import Store
from pages import _shared
from pages._text import plain

KML_SLOW_FEATURES = 20_000  # fastkml writes ~1,500 placemarks a second
PRESET_LABELS = {"slides": "Slides · 1920 × 1080", "a4": "Print · A4 landscape, 300 dpi"}
PNG = export.exporter("png")
PREVIEW_WIDTH = 1460  # Streamlit's widest content column, in pixels

current = _shared.view()
filters, filtered = current.filters, current.filtered


FRAMINGS = {
    "auto": "Where the features concentrate",
    "all": "Every feature",
    "view": "The map's current view",
}


@st.cache_data(max_entries=8, show_spinner="Drawing the snapshot…")
def _png(_filtered: Store, folder: str, stamp: float, key: Filters, preset: str, frame: Frame, title: str,
         current: MapView | None) -> bytes:
    """Cached per store build, filter state, size, framing, view and title (``_filtered`` follows from the first three)."""
    return PNG.data(_filtered, key, preset=preset, frame=frame, title=title, current=current)


@st.cache_data(max_entries=8, show_spinner=False)
def _preview(png: bytes) -> bytes:
    """The snapshot at the width of the page (Streamlit would scale the full size again on every run)."""
    return thumbnail(png, PREVIEW_WIDTH)


def _download(exporter: Exporter, data: bytes | partial[bytes], *, layer: str | None = None, prefix: str = "") -> None:
    st.download_button(
        prefix + exporter.button_label(layer),
        data=data,
        file_name=exporter.file_name(filters, layer),
        mime=exporter.mime,
        on_click="ignore",
        icon=":material/download:",
        key=f"download_{exporter.name}_{layer or 'all'}",
    )


st.title("Export")
st.caption(plain(export.caption(filtered, filters)))
if filtered.events.empty and filtered.corridors.empty and filtered.places.empty:
    st.info("Nothing matches the filters: the files would be empty. Widen the filters in the sidebar.")

st.subheader("Map snapshot (PNG)")
controls, preview = st.columns([1, 3])
with controls:
    preset = st.radio("Size", list(PRESETS), format_func=PRESET_LABELS.get, key="export_preset")
    title = st.text_input("Title", value=export.DEFAULT_TITLE, max_chars=120, key="export_title").strip()
    offered = [name for name in FRAMINGS if name != "view" or current.map_view is not None]
    framing = st.radio("Frame", offered, format_func=FRAMINGS.get, key="export_framing",
                       index=offered.index("view") if "view" in offered else 0,
                       help="Where the features concentrate: far-off stray points are counted on the map. "
                       "The current view is the Map page's centre and zoom (also in the URL).")
    frame: Frame = "all" if framing == "all" else "auto"
    on_screen = current.map_view if framing == "view" else None
    png = _png(filtered, str(_shared.STORE_DIR), _shared.store_stamp(), filters, preset, frame,
               title or export.DEFAULT_TITLE, on_screen)
    _download(PNG, png, prefix="Download ")
    st.caption(PNG.description)
with preview:
    st.image(_preview(png), width="stretch")

for exporter in (e for e in EXPORTERS if e.group == "map" and e is not PNG):
    st.subheader(f"Interactive map ({exporter.name.upper()})")
    st.caption(exporter.description)
    if on_screen is not None:
        st.caption("It opens at the map's current view.")
    _download(exporter, partial(exporter.data, filtered, filters, title=title or export.DEFAULT_TITLE, current=on_screen),
              prefix="Download ")

st.subheader("Data")
st.caption("Exactly the features on the map, in WGS84 longitude/latitude.")
if len(filtered.events) + len(filtered.places) > KML_SLOW_FEATURES:
    st.caption(f"KML of more than {KML_SLOW_FEATURES:,} features takes a while to make, and Google Earth grows slow "
               "with it: narrow the filters, or use GeoPackage for large selections.")
files = [(exporter, layer) for exporter in EXPORTERS if exporter.group == "data" for layer in exporter.parts()]
for column, (exporter, layer) in zip(st.columns(len(files)), files, strict=True):
    with column:
        _download(exporter, partial(exporter.data, filtered, filters, layer), layer=layer)

st.caption("The same files from a script:")
st.code(export.cli_command("png", filters, preset=preset, frame=frame, title=title or export.DEFAULT_TITLE,
                           current=on_screen), language="bash")

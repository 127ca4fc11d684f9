"""Export page: the filtered view as a PNG snapshot, a standalone HTML map, or data files.

The files are made by :mod:`geo.export.files`, the same code as ``python -m geo export``. Downloads
never rerun the app (``on_click="ignore"``), and every file except the previewed PNG is made
only when its button is clicked (a callable as ``data``).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from geo import export
from geo.maps.render import PRESETS, Frame
from geo.store.filters import Filters
from geo.store.tables import Store
from pages import _shared
from pages._text import plain

KML_SLOW_FEATURES = 20_000  # fastkml writes ~1,500 placemarks a second
PRESET_LABELS = {"slides": "Slides · 1920 × 1080", "a4": "Print · A4 landscape, 300 dpi"}

current = _shared.view()
filters, filtered = current.filters, current.filtered


@st.cache_data(max_entries=8, show_spinner="Drawing the snapshot…")
def _png(_filtered: Store, folder: str, stamp: float, key: Filters, preset: str, frame: Frame, title: str) -> bytes:
    """Cached per store build, filter state, size, framing and title (``_filtered`` follows from the first three)."""
    return export.to_png(_filtered, key, preset=preset, frame=frame, title=title)


def _download(label: str, fmt: str, data: bytes | partial[bytes], *, layer: str | None = None) -> None:
    spec = export.FORMATS[fmt]
    st.download_button(
        label,
        data=data,
        file_name=export.export_file_name(fmt, filters, layer=layer),
        mime=spec.mime,
        on_click="ignore",
        icon=":material/download:",
        key=f"download_{fmt}_{layer or 'all'}",
    )


st.title("Export")
st.caption(plain(export.caption(filtered, filters)))
if filtered.events.empty and filtered.corridors.empty and filtered.places.empty:
    st.info("Nothing matches the filters: the files would be empty. Widen the filters in the sidebar.")

st.subheader("Map snapshot (PNG)")
controls, preview = st.columns([1, 3])
with controls:
    preset = st.radio("Size", list(PRESETS), format_func=PRESET_LABELS.get, key="export_preset")
    title = st.text_input("Title", value=export.DEFAULT_TITLE, max_chars=120, key="export_title")
    everything = st.toggle("Fit every feature", key="export_frame_all",
                           help="Off: frame where most features are; far-off stray points are counted on the map.")
    frame: Frame = "all" if everything else "auto"
    png = _png(filtered, str(_shared.STORE_DIR), _shared.store_stamp(), filters, preset, frame,
               title.strip() or export.DEFAULT_TITLE)
    _download("Download PNG", "png", png)
    st.caption("Drawn offline over Natural Earth; caption, legend, scale bar and sources are on the image.")
with preview:
    st.image(png, width="stretch")

st.subheader("Interactive map (HTML)")
st.caption("One file with the map, its scripts and the offline basemap inside: it opens in a browser with no network.")
_download("Download HTML map", "html", partial(export.to_html, filtered, filters))

st.subheader("Data")
st.caption("Exactly the features on the map, in WGS84 longitude/latitude.")
if len(filtered.events) + len(filtered.places) > KML_SLOW_FEATURES:
    st.caption(f"KML of more than {KML_SLOW_FEATURES:,} features takes a while to make, and Google Earth grows slow "
               "with it: narrow the filters, or use GeoPackage for large selections.")
columns = st.columns(5)
with columns[0]:
    _download("GeoJSON", "geojson", partial(export.to_geojson, filtered))
with columns[1]:
    _download("KML (Google Earth)", "kml", partial(export.to_kml, filtered, filters))
with columns[2]:
    _download("GeoPackage", "gpkg", partial(export.to_gpkg, filtered))
with columns[3]:
    _download("Events CSV", "csv", partial(export.to_csv, filtered, "events"), layer="events")
with columns[4]:
    _download("Places CSV", "csv", partial(export.to_csv, filtered, "places"), layer="places")

st.caption("The same files from a script:")
st.code(export.cli_command("png", filters, preset=preset, frame=frame), language="bash")

"""Presenter mode: ``?briefing=NAME&step=N`` shows view N of a briefing full screen (1920×1080).

Title and progress on top, the map framed as saved with the view's layers and filters, the
note beside it, the time window and active filters in the caption; Previous/Next (and the arrow
keys, also while the map has the focus) change ``step`` in the URL, so every view has its link.
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from geo.briefings.export import open_briefing
from geo.briefings.model import View
from geo.briefings.present import STEP_PARAM, Presenting
from geo.briefings.shown import changes, shown
from geo.briefings.slideshow import note_html
from geo.errors import AtlasError
from geo.maps.highlight import esc
from geo.maps.webmap import map_html, render_map
from geo.store.filters import describe
from geo.store.tables import Store
from pages import _briefing, _shared
from pages._text import plain

MAP_HEIGHT = 850  # of 1080: the title row above, the caption and the buttons below

CSS = """
<style>
.ca-present-head { display: flex; justify-content: space-between; align-items: baseline; margin: 0; }
.ca-present-head h1 { font-size: 2.4rem !important; margin: 0 !important; padding: 0 !important; line-height: 1.2 !important; }
.ca-present-head .progress { font-size: 1.8rem; font-weight: 700; white-space: nowrap; }
.ca-present-head .name { font-size: 1.1rem; color: #555; margin-right: 1rem; }
.ca-present-note, .ca-present-note p, .ca-present-note li { font-size: 1.4rem !important; line-height: 1.45 !important; }
.ca-present-change { background: #fff3b0; border: 1px solid #c9a400; border-radius: 6px; padding: 6px 10px;
  font-size: 1.2rem; margin-bottom: 0.6rem; }
</style>
"""

# Arrow keys anywhere on the page, in the map's frames too, click Previous/Next. The listener is
# put into the app's own page once (a component's frame may be replaced; the page stays).
KEYS = """
<script>
(function () {
  var top = window.parent;
  if (top.__caPresenterKeys) { return; }
  top.__caPresenterKeys = true;
  var script = top.document.createElement("script");
  script.textContent = "(" + function () {
    function press(which) {
      var button = document.querySelector(".st-key-presenter_" + which + " button");
      if (!button) { return false; }
      if (!button.disabled) { button.click(); }
      return true;
    }
    function onKey(event) {
      var tag = event.target && event.target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
      var which = {ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev"}[event.key];
      if (which && press(which)) { event.preventDefault(); event.stopPropagation(); }
    }
    function listen(doc) {
      if (!doc || doc.__caKeys) { return; }
      doc.__caKeys = true;
      doc.addEventListener("keydown", onKey, true);
    }
    function sweep(doc) {
      listen(doc);
      doc.querySelectorAll("iframe").forEach(function (frame) {
        try { if (frame.contentDocument) { sweep(frame.contentDocument); } } catch (error) { /* another origin */ }
      });
    }
    setInterval(function () { sweep(document); }, 500);
    sweep(document);
  } + ")();";
  top.document.head.appendChild(script);
})();
</script>
"""


@st.cache_data(max_entries=16, show_spinner="Drawing the view…")
def _map_page(_store: Store, folder: str, stamp: float, view: View) -> str:
    """The map page of one view (cached per store build and view): framed as saved, keys left to the slides."""
    fmap = render_map(shown(_store, view), briefing=True, dark=view.filters.dark, view=view.extent,
                      corridors_selected=bool(view.filters.corridors))
    fmap.options["keyboard"] = False  # the arrow keys step through the views
    return map_html(fmap)


def _go(step: int) -> None:
    st.query_params[STEP_PARAM] = str(step)


request = _briefing.presenter_request()
if request is None:  # app.py opens this page only for ?briefing=NAME
    st.stop()
store = _shared.store()
st.html(_shared.BRIEFING_CSS + CSS)
try:
    loaded = open_briefing(request.name, store)
except AtlasError as error:
    st.error(plain(error))
    st.markdown("[Open the Briefings page](./briefings)")
    st.stop()
views = loaded.briefing.views
if not views:
    st.warning(plain(f"“{loaded.briefing.name}” has no views yet: save some with “Save view” in the sidebar."))
    st.stop()
at: Presenting = request.at(request.step, len(views))
if at.step != request.step:
    _go(at.step)
view = views[at.step - 1]
drawn = shown(store, view)

st.html(f'<div class="ca-present-head"><h1>{esc(view.title)}</h1><div><span class="name">'
        f'{esc(loaded.briefing.name)}</span><span class="progress">{at.step} / {len(views)}</span></div></div>')
left, right = st.columns([4, 1])
with left:
    _shared.map_component(_map_page(store, str(_shared.store_dir()), _shared.store_stamp(), view),
                          key="presenter_map", height=MAP_HEIGHT, view=view.extent, token=f"{at.name}:{at.step}")
with right:
    change = changes(view, drawn)
    if change.changed:
        st.html(f'<div class="ca-present-change">New: {esc(change.summary())}</div>')
    st.html(f'<div class="ca-present-note">{note_html(view.note)}</div>')
    if loaded.problems:
        st.caption(plain(f"{len(loaded.problems)} problem(s) in the briefing file: see the Briefings page."))
counts = f"{len(drawn.events)} events · {len(drawn.corridors)} corridors · {len(drawn.places)} places"
st.html(f'<div class="ca-brief-caption">{esc(describe(view.filters))} — {esc(counts)}</div>')
back, forward, _ = st.columns([1, 1, 8])
back.button("Previous", key="presenter_prev", icon=":material/arrow_back:", disabled=at.step == 1,
            on_click=_go, args=(at.step - 1,), width="stretch")
forward.button("Next", key="presenter_next", icon=":material/arrow_forward:", disabled=at.step == len(views),
               on_click=_go, args=(at.step + 1,), width="stretch")
components.html(KEYS, height=0)

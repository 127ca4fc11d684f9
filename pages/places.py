"""Places page: resolved places, and the analyst's corrections of single mentions.

A correction either moves a mention to another gazetteer candidate or says the words are not
a place. It is saved in ``data/corrections.csv`` (readable, survives rebuilds) and the store
is rebuilt at once, parsing only the article concerned, so the map follows.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import CorrectionError
from geo.models import Place
from geo.parse.corrections import Correction, add_correction, load_corrections, remove_correction
from geo.parse.geoparser import candidates
from pages import _shared
from pages._text import plain

current = _shared.view()
places = current.filtered.places.sort_values(["mentions", "score"], ascending=False)

st.title("Places")
st.caption(f"{len(places):,} resolved place(s) match the filters, most mentioned first.")
st.dataframe(
    pd.DataFrame(
        {
            "place": places["name"],
            "kind": places["kind"],
            "country": places["country_code"].map(lambda c: _shared.country_label(c) if isinstance(c, str) and c else "—"),
            "mentions": places["mentions"].astype(int),
            "confidence": places["score"].round(2),
            "documents": places["documents"].map(len),
            "id": places["place_id"],
        }
    ),
    hide_index=True,
    width="stretch",
    height=320,
    column_config={"confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f")},
)


@st.cache_data(max_entries=256)
def _candidates(name: str, exclude: str) -> list[Place]:
    """The geoparser's ranked gazetteer candidates for ``name``, minus the current reading."""
    return [place for place in candidates(name, limit=40) if place.place_id != exclude]


def _save(correction: Correction) -> None:
    """Save a decision and apply it: an incremental build parses only the article concerned."""
    try:
        add_correction(_shared.corrections_path(), correction)
    except CorrectionError as error:  # a damaged file is named, and kept as it is
        st.session_state["places_error"] = str(error)
        return
    _apply(f"Saved: “{correction.text}” in {correction.document}.")


def _apply(notice: str) -> None:
    corpus = _shared.corpus_dir()
    if not corpus.is_dir() or not any(corpus.iterdir()):
        # Without the articles a rebuild would empty the store: keep the decision for later.
        st.session_state["places_notice"] = f"{notice} It applies at the next build (python -m geo build)."
        return
    from geo.store.build import build
    from geo.store.tables import StoreBusyError

    try:
        with st.spinner("Updating the store…"):
            summary = build(corpus, _shared.store_dir(), workers=1, progress=False,
                            corrections_path=_shared.corrections_path())
    except StoreBusyError as error:
        st.session_state["places_notice"] = f"{notice} {error}; the correction applies at the next build."
        return
    _shared.reload_store()
    st.session_state["places_notice"] = f"{notice} Store updated: {summary.report().splitlines()[0]}"


if notice := st.session_state.pop("places_notice", None):
    st.success(plain(notice))
if problem := st.session_state.pop("places_error", None):
    st.error(plain(problem))

st.subheader("Review a place")
names = dict(zip(places["place_id"], places["name"] + " (" + places["mentions"].astype(str) + ")", strict=True))
place_id = st.selectbox("Place", list(names), format_func=names.__getitem__, index=None,
                        placeholder="choose a place to see its mentions", key="review_place")
if place_id is not None:
    mentions = current.filtered.mentions[current.filtered.mentions["place_id"] == place_id]
    labels = {
        i: f"“{m.text}” in {m.document} (score {m.score:.2f}): {m.sentence[:140]}"
        for i, m in enumerate(mentions.itertuples(index=False))
    }
    chosen = st.selectbox("Mention", list(labels), format_func=labels.__getitem__, key="review_mention")
    if chosen is not None:
        mention = mentions.iloc[chosen]
        base = {
            "doc_id": str(mention["doc_id"]),
            "document": str(mention["document"]),
            "start": int(mention["start"]),
            "end": int(mention["end"]),
            "text": str(mention["text"]),
        }
        left, right = st.columns([3, 1])
        with left:
            lookup = st.text_input("Look up in the gazetteer", value=base["text"], key=f"lookup_{place_id}_{chosen}")
            options = _candidates(lookup.strip(), place_id) if lookup.strip() else []
            target = st.selectbox(
                "Reassign to",
                options,
                format_func=lambda p: f"{p.name} ({p.kind}, {p.country_code or '—'}) {p.lat:.2f}, {p.lon:.2f} · {p.place_id}",
                index=None,
                placeholder="choose another gazetteer candidate",
                key="review_target",
            )
            note = st.text_input("Note (optional)", key="review_note")
        with right:
            st.write("")
            if st.button("Reassign", type="primary", disabled=target is None, width="stretch", key="reassign"):
                _save(Correction.create(action="reassign", place_id=target.place_id, note=note, **base))
                st.rerun()
            if st.button("Not a place", width="stretch", key="not_place"):
                _save(Correction.create(action="not_place", note=note, **base))
                st.rerun()

try:
    corrections = load_corrections(_shared.corrections_path())
except CorrectionError as error:
    st.error(plain(f"The saved corrections cannot be read: {error}"))
    corrections = []
with st.expander(f"Saved corrections ({len(corrections)})"):
    st.caption(plain(f"Kept in {_shared.corrections_path()}; applied on every build."))
    for i, c in enumerate(corrections):
        cols = st.columns([5, 1])
        what = f"→ {c.place_id}" if c.action == "reassign" else "not a place"
        cols[0].write(plain(f"“{c.text}” in {c.document} [{c.start}:{c.end}] {what} {('— ' + c.note) if c.note else ''}"))
        if cols[1].button("Undo", key=f"undo_{i}"):
            remove_correction(_shared.corrections_path(), c.doc_id, c.start, c.end)
            _apply(f"Removed the correction of “{c.text}”.")
            st.rerun()

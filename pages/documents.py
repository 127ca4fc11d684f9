"""Documents page: read an article with its places and events marked; upload new articles."""

from __future__ import annotations

import streamlit as st

from geo.ingest.uploads import add_uploads
from geo.maps.highlight import Span, mark_spans, sentence_spans
from geo.maps.popups import format_when
from geo.settings import MAX_UPLOAD_BYTES, format_size
from pages import _shared
from pages._text import plain

READER_CSS = """
<style>
.ca-article { font-size: 1.05rem; line-height: 1.6; max-width: 60rem; }
.ca-article .ca-event { background: #e3f0ff; border-bottom: 2px solid #4a90d9; }
.ca-article .ca-place { background: #ffe28a; border-radius: 3px; padding: 0 2px; font-weight: 600; }
</style>
"""

current = _shared.view()
st.title("Documents")

with st.expander("Upload articles", expanded=current.store.documents.empty):
    st.caption(
        f"Plain text, Markdown or HTML news articles, up to {format_size(MAX_UPLOAD_BYTES)} each. "
        "They are added to the corpus folder and parsed at once; existing articles are kept."
    )
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            "Articles", type=["txt", "md", "html", "htm"], accept_multiple_files=True, key="uploads",
            max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
        submitted = st.form_submit_button("Add to the atlas", type="primary", key="upload_submit")
    if submitted and files:
        with st.status(f"Parsing {len(files)} file(s)…", expanded=True) as status:
            report = add_uploads(
                [(f.name, f.getvalue()) for f in files], _shared.corpus_dir(), _shared.store_dir()
            )
            _shared.reload_store()
            status.update(label="Upload finished", state="complete" if not report.rejected else "error")
        st.session_state["upload_report"] = report
        st.rerun()
    report = st.session_state.pop("upload_report", None)
    if report is not None:
        if report.deferred:
            st.warning(plain(report.deferred))
        elif report.added:
            st.success(f"Added {len(report.added)} article(s): {plain(', '.join(report.added))}. They are on the map now.")
        for name, warning in report.warnings:
            st.warning(f"{plain(name)} was added in part: {plain(warning)}")
        for name in report.unchanged:
            st.info(f"{plain(name)}: already in the corpus, nothing to do.")
        for name, reason in report.rejected:
            st.error(f"{plain(name)} was not added: {plain(reason)}")

documents = current.filtered.documents.sort_values(["published", "file_name"], ascending=[False, True], na_position="last")
st.caption(f"{len(documents):,} of {len(current.store.documents):,} documents match the filters.")
if documents.empty:
    st.stop()

labels = {
    row.doc_id: f"{row.title or row.file_name} — {format_when(row.published, None, row.date_precision)}"
    for row in documents.itertuples(index=False)
}
doc_id = st.selectbox("Article", list(labels), format_func=labels.__getitem__, key="doc")
document = documents[documents["doc_id"] == doc_id].iloc[0]
mentions = current.store.mentions[current.store.mentions["doc_id"] == doc_id]
events = current.store.events[current.store.events["doc_id"] == doc_id]

st.subheader(plain(document["title"] or document["file_name"]))
meta = [f"File: {document['file_name']}", f"Published: {format_when(document['published'], None, document['date_precision'])}"]
if isinstance(document["url"], str) and document["url"]:
    meta.append(f"Source: {document['url']}")
st.caption(" · ".join(plain(part) for part in meta))
st.caption(f"{len(mentions)} place mention(s) in yellow, {len(events)} event sentence(s) underlined in blue.")

spans = [
    Span(int(m.start), int(m.end), "ca-place", f"{m.name} ({m.kind}, {m.country_code or '—'}), score {m.score:.2f}")
    for m in mentions.itertuples(index=False)
]
spans += sentence_spans(
    document["text"],
    events["sentence"],
    "ca-event",
    [f"{t.replace('_', ' ')} · {format_when(s, e, p)}" for t, s, e, p in zip(events["type"], events["start"], events["end"], events["precision"], strict=True)],
)
st.html(READER_CSS + f'<div class="ca-article">{mark_spans(document["text"], spans)}</div>')

if len(events):
    st.subheader("Events in this article")
    st.dataframe(
        {
            "type": events["type"],
            "when": [format_when(s, e, p) for s, e, p in zip(events["start"], events["end"], events["precision"], strict=True)],
            "place": events["place"],
            "actors": [", ".join(a) for a in events["actors"]],
            "confidence": events["confidence"],
        },
        hide_index=True,
        width="stretch",
    )

"""Any bytes into the article loaders: a Document or a CorpusError, never anything else, and
never a hang. The same for the corrections file and the HTML nesting budget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.errors import AtlasError, CorpusError, CorrectionError
from geo.ingest.decode import decode_bytes
from geo.ingest.read import load_document
from geo.ingest.webpage import limit_nesting
from geo.parse.corrections import load_corrections
from geo.settings import MAX_HTML_DEPTH
from tests.hostile import hostile

# Pieces of markup and text that parsers and cleaners trip on, to be repeated and mixed.
FRAGMENTS = [
    "<div>", "</div>", "<p>", "</p>", "<b>", "<!--", "-->", "<script>", "</script>", "<a", ">", "<", "&amp;", "&#0;",
    "<![CDATA[", "]]>", '<meta property="og:title" content="', '">', "<title>", "<br/>", "<table><tr><td>",
    "Officials met in Tehran on Monday. ", "\n", "\r\n", "\t", " ", "\u202e", "\ufeff", "\x00", "\x1b[31m",
    "March 3, 2021", "date 2024-05-03", "BAKU – ", "https://example.com/news/2024/09/a", "[x](http://e.invalid)",
]
T = TypeVar("T")
text_soup = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
repeated = st.builds(lambda piece, times: piece * times, st.sampled_from(FRAGMENTS), st.integers(1, 20_000))
article_text = st.one_of(st.text(max_size=2_000), text_soup, repeated)
encodings = st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"])


def _outcome(call: Callable[[], T]) -> T | AtlasError:
    """What ``call`` returns, or the engine error it raises (anything else fails the test)."""
    try:
        return call()
    except AtlasError as error:
        return error


def _load(data: bytes, suffix: str) -> None:
    document = _outcome(lambda: load_document(Path(f"upload{suffix}"), data=data))
    if isinstance(document, AtlasError):
        assert isinstance(document, CorpusError)
        assert document.reason  # a reason a person can read
        return
    assert isinstance(document.text, str)
    assert document.text.strip()
    assert document.doc_id
    assert isinstance(document.title, str)


@hostile(150)
@given(st.binary(max_size=4_000), st.sampled_from([".txt", ".md", ".html", ".htm"]))
def test_any_bytes_load_as_a_document_or_a_clear_error(data: bytes, suffix: str) -> None:
    _load(data, suffix)


@hostile(150)
@given(article_text, encodings, st.sampled_from([".txt", ".html"]))
def test_any_text_in_any_encoding_loads_as_a_document_or_a_clear_error(text: str, encoding: str, suffix: str) -> None:
    _load(text.encode(encoding, errors="replace"), suffix)


@hostile(100)
@given(st.binary(max_size=2_000))
def test_decoding_gives_text_or_a_clear_error(data: bytes) -> None:
    text = _outcome(lambda: decode_bytes(data, "x.txt"))
    assert isinstance(text, str) or (isinstance(text, CorpusError) and text.reason)


@hostile(100)
@given(st.one_of(text_soup, repeated))
def test_the_nesting_budget_only_removes_tags(html: str) -> None:
    flattened, dropped = limit_nesting(html, MAX_HTML_DEPTH)
    assert (dropped == 0) == (flattened == html)
    assert len(flattened) <= len(html)
    characters = iter(html)
    assert all(char in characters for char in flattened)  # what is left is a subsequence of the page


@hostile(100)
@given(st.one_of(st.binary(max_size=2_000), article_text.map(lambda t: t.encode("utf-8", "replace"))))
def test_any_corrections_file_loads_or_is_named_in_the_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("corrections") / "corrections.csv"
    path.write_bytes(data)
    corrections = _outcome(lambda: load_corrections(path))
    if isinstance(corrections, AtlasError):
        assert isinstance(corrections, CorrectionError)
        assert corrections.path == path
        assert str(path) in str(corrections)
    else:
        assert isinstance(corrections, list)

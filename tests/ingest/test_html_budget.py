"""Hostile HTML shapes are read in linear time: absurd nesting is flattened (and reported), the
article is kept.

The sizes here are those of an upload (about 1 MB); no timing is asserted, but before the
nesting budget the deep page took more than five minutes, so a regression shows as a hang.
"""

from __future__ import annotations

from pathlib import Path

from geo.ingest.read import load_document
from geo.ingest.webpage import html_to_text, limit_nesting
from geo.settings import MAX_HTML_DEPTH

TEXT = "Officials met in Tehran on Monday to discuss the railway."


def _page(body: str) -> bytes:
    return f"<html><head><title>Deep page</title></head><body>{body}</body></html>".encode()


def test_a_page_nested_100000_levels_deep_is_kept_with_a_warning() -> None:
    levels = 100_000
    document = load_document(Path("deep.html"), data=_page("<div>" * levels + TEXT + "</div>" * levels + "<p>Next.</p>"),
                             max_bytes=10 * 1024 * 1024)
    assert TEXT in document.text
    assert document.text.index(TEXT) < document.text.index("Next.")
    assert len(document.warnings) == 1
    assert f"deeper than {MAX_HTML_DEPTH} levels" in document.warnings[0]


def test_ordinary_pages_are_untouched_by_the_budget() -> None:
    html = "<div><p>One<p>Two<ul><li>a<li>b</ul></div>" * 300  # 600 unclosed <p>: siblings, not nesting
    assert limit_nesting(html, MAX_HTML_DEPTH) == (html, 0)
    document = load_document(Path("fine.html"), data=_page(f"<article><p>{TEXT}</p></article>"))
    assert document.warnings == ()


def test_only_the_tags_below_the_limit_go_and_every_text_stays() -> None:
    html = "<div>" * 5 + "deep" + "</div>" * 5 + "<!-- <div><div><div> -->" + "<script><div><div></script>after"
    flattened, dropped = limit_nesting(html, 3)
    assert dropped == 4  # the 4th and 5th <div>, and their end tags
    assert flattened == "<div>" * 3 + "deep" + "</div>" * 3 + "<!-- <div><div><div> -->" + "<script><div><div></script>after"


def test_a_page_of_100000_sibling_paragraphs_keeps_its_text_and_metadata() -> None:
    body = "".join(f"<p>Paragraph {i} tells of talks in Tehran.</p>" for i in range(100_000))
    html = '<html><head><meta property="og:title" content="Many paragraphs"></head><body>' + body + "</body></html>"
    text, meta = html_to_text(html)
    assert meta["title"] == "Many paragraphs"
    assert text.count("\n") >= 100_000  # one block per paragraph
    assert "Paragraph 99999 tells" in text

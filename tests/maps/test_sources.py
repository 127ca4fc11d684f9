"""Source cards: each quotes its own sentence, document and date, the matched words marked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.maps.highlight import highlight_all, link
from geo.maps.sources import sources_for
from geo.store.tables import Store
from tests.support import app_fixtures


@pytest.fixture
def store() -> Store:
    return Store(folder=Path("unused"), **app_fixtures.tables())


def test_a_corridor_card_names_only_the_document_of_its_sentence(store: Store) -> None:
    cards = sources_for(store, "corridor:named:instc")
    assert [card.document for card in cards] == ["001_baku.txt", "002_tehran.txt"]
    assert [card.when for card in cards] == ["3 May 2024", "20 Nov 2024"]
    assert "<mark>INSTC</mark>" in cards[0].quote_html


def test_a_misspelt_mention_is_marked_as_the_article_wrote_it(store: Store) -> None:
    mentions = store.mentions.copy()
    sentence = "Ships unloaded at Astra Khan before the talks."
    row = mentions[mentions["name"] == "Astrakhan"].index[0]
    mentions.loc[row, ["sentence", "text"]] = [sentence, "Astra Khan"]
    cards = sources_for(Store(folder=Path("unused"), **{**app_fixtures.tables(), "mentions": mentions}),
                        "place:gn:580497")
    assert [card.quote_html for card in cards] == ["Ships unloaded at <mark>Astra Khan</mark> before the talks."]


def test_an_event_card_quotes_its_sentence_escaped_with_its_place_marked(store: Store) -> None:
    (card,) = sources_for(store, "event:e2")
    assert card.title == "Conference · Tehran"
    assert card.when == "Nov 2024"
    assert "<mark>Tehran</mark>" in card.quote_html
    assert "&lt;script&gt;" in card.quote_html
    assert "<script>" not in card.quote_html


def test_the_article_url_becomes_a_link_only_when_it_is_http(store: Store) -> None:
    documents = store.documents.copy()
    documents["url"] = ["https://news.example/a", "javascript:alert(1)", None]
    cards = sources_for(Store(folder=Path("unused"), **{**app_fixtures.tables(), "documents": documents}), "place:gn:587084")
    assert cards[0].url == "https://news.example/a"
    assert link("javascript:alert(1)") == "javascript:alert(1)"  # shown, never a link
    assert link('https://x.example/"><script>') == (
        '<a href="https://x.example/&quot;&gt;&lt;script&gt;" target="_blank" rel="noopener noreferrer">source</a>')


def test_a_click_on_a_merged_circle_finds_the_nearest_sources(store: Store) -> None:
    cards = sources_for(store, None, 40.38, 49.9)
    assert cards[0].title == "Meeting · Baku"
    assert sources_for(store, None, -40.0, -60.0) == []  # open ocean, far from everything


def test_highlight_prefers_the_longer_of_overlapping_names() -> None:
    marked = highlight_all("From Bandar Abbas to Abbas Town.", ["Abbas", "Bandar Abbas"])
    assert marked == "From <mark>Bandar Abbas</mark> to <mark>Abbas</mark> Town."
    assert highlight_all("a <b> & c", ["&"]) == "a &lt;b&gt; <mark>&amp;</mark> c"
    assert isinstance(pd.NA, object)

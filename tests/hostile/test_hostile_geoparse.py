"""Any text into the geoparser: a list of mentions whose offsets point at their own words, or an
AtlasError, within the suite's time bound."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.errors import AtlasError
from geo.parse.geoparser import geoparse
from tests.hostile import hostile

WORDS = ["Tehran", "Baku", "Paris", "Georgia", "Lebanon", "the Gulf", "Lake Charles", "Main Street", "Russian",
         "St. Petersburg", "met", "in", "from", "to", "via", ",", ".", "\n", "“", "”", "Teheran", "PARIS",
         "paris", "New", "York", "Port of", "province", "Mr.", "Gen.", "-", "'s", "&", "\u200b"]
sentences = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
many_names = st.builds(lambda name, times: f"{name}, " * times, st.sampled_from(WORDS[:8]), st.integers(1, 300))


@pytest.fixture(scope="module", autouse=True)
def _gazetteer_loaded() -> None:
    """Load the gazetteer before the timed examples (the first call opens its index)."""
    geoparse("Officials met in Tehran.")


@hostile(60)
@given(st.one_of(st.text(max_size=1_000), sentences, many_names))
def test_any_text_gives_mentions_at_their_own_offsets(text: str) -> None:
    try:
        mentions = geoparse(text)
    except AtlasError:
        return
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert 0.0 <= mention.score <= 1.0
        assert -90.0 <= mention.lat <= 90.0
        assert -180.0 <= mention.lon <= 180.0
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)

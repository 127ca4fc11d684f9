"""Numbers of an event report: only the ones the text states."""

from __future__ import annotations

import pytest

from geo.events.figures import crowd_size, fatalities, injuries


@pytest.mark.parametrize(("sentence", "dead", "hurt"), [
    ("A car bomb exploded near a market, killing as many as 20 people.", 20, None),
    ("The rebels reported two dead and 17 wounded.", 2, 17),
    ("The attack left six dead, wounding three soldiers.", 6, 3),
    ("Fierce shelling killed at least a dozen overnight.", 12, None),
    ("Two farmers were killed and four others were wounded.", 2, 4),
    ("Dozens were killed in the blast.", None, None),
    ("In 2009 the town was shelled.", None, None),
])
def test_dead_and_wounded(sentence: str, dead: int | None, hurt: int | None) -> None:
    assert (fatalities(sentence), injuries(sentence)) == (dead, hurt)


@pytest.mark.parametrize(("sentence", "size"), [
    ("A group of about 2,300 protesters gathered in the square.", 2300),
    ("The vigils went on, with as many as 45,000 in attendance.", 45000),
    ("About 55 residents marched on Friday.", 55),
    ("Thousands of protesters marched on Friday.", None),
])
def test_crowd_size(sentence: str, size: int | None) -> None:
    assert crowd_size(sentence) == size

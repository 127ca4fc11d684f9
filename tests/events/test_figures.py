"""Numbers of an event report: only the ones the text states."""

from __future__ import annotations

import pytest

from geo.events.figures import crowd_size, fatalities, injuries


@pytest.mark.parametrize(("sentence", "dead", "hurt"), [
    ("A car bomb exploded near a market, killing as many as 20 people.", 20, None),
    ("The rebels counted two dead and 18 wounded.", 2, 18),
    ("The attack left six dead, wounding three soldiers.", 6, 3),
    ("Heavy fighting killed at least a dozen yesterday.", 12, None),
    ("Two villagers were killed and three were wounded.", 2, 3),
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

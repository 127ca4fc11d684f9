"""Resolution details of ``geo.parse.resolve`` that whole sentences test only indirectly."""

from __future__ import annotations

from geo.parse.resolve import _hold


def test_namesakes_held_below_their_owner_keep_their_order() -> None:
    # Two lesser namesakes (1 and 2) both lifted above the ceiling by the document's countries and
    # regions alone: held, the better supported one must still come first, not tie with the other.
    scores = [5.0, 14.0, 12.0]
    out = list(scores)
    _hold(out, scores, 9.0, [(1, 10.0), (2, 10.0)])
    assert out[0] == 5.0
    assert out[1] == 9.0
    assert out[2] == 7.0


def test_a_namesake_with_its_own_evidence_is_not_pulled_down() -> None:
    # Without its coarse context the namesake still scores above the ceiling: it keeps that score.
    scores = [5.0, 14.0]
    out = list(scores)
    _hold(out, scores, 9.0, [(1, 3.0)])
    assert out[1] == 11.0

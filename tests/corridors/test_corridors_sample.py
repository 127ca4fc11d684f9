"""The sample corpus end to end against its hand-made gold (fixture copy of seeds_gold.json)."""

from __future__ import annotations

import json

import pytest

from geo import settings
from geo.corridors.assemble import extract_corridors
from geo.corridors.evaluate import best_branch_match, documents_of, match_gold
from geo.ingest.read import load_corpus
from geo.models import Corridor
from geo.parse.geoparser import geoparse

ROOT = settings.ROOT
GOLD = json.loads((ROOT / "tests" / "support" / "fixtures" / "seeds_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corridors() -> list[Corridor]:
    documents, _ = load_corpus(ROOT / "data" / "corpus")
    return extract_corridors([(doc, geoparse(doc.text)) for doc in documents])


@pytest.mark.parametrize("gold", GOLD["corridors"], ids=lambda g: g["name"])
def test_gold_corridor_is_found_in_exactly_its_documents(gold: dict, corridors: list[Corridor]) -> None:
    corridor = match_gold(gold, corridors)
    assert corridor is not None
    assert documents_of(corridor) == sorted(gold["docs"])


def test_china_corridor_branches_are_three_segments_near_gold(corridors: list[Corridor]) -> None:
    gold = next(c for c in GOLD["corridors"] if c.get("branches"))
    china = match_gold(gold, corridors)
    assert china is not None
    segments = [c for c in corridors if c.kind == "stated" and c.part_of == china.name]
    assert len(segments) == len(gold["branches"]) == 3
    for branch in gold["branches"]:
        error, _ = best_branch_match(branch, segments, GOLD["places"])
        assert error <= 161, f"{branch}: endpoint {error:.0f} km from gold"


def test_instc_length_is_near_the_articles_7200_km(corridors: list[Corridor]) -> None:
    instc = match_gold(next(c for c in GOLD["corridors"] if c.get("length_km")), corridors)
    assert instc is not None
    assert 4500 <= instc.length_km <= 8500

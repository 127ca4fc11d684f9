"""Scoring extracted corridors against hand-made gold (``seeds_gold.json``'s ``corridors``).

Shared by ``bench/corridors_bench.py`` and the sample-corpus test, so both count the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from geo.geodesy import distance_km
from geo.models import Corridor


def _key(name: str) -> str:
    return " ".join(re.sub(r"[-‐‑‒–—]", " ", name).casefold().split())


def match_gold(gold: Mapping[str, Any], corridors: Sequence[Corridor]) -> Corridor | None:
    """The named corridor whose name or an alias equals the gold name or one of its aliases."""
    wanted = {_key(n) for n in [gold["name"], *gold.get("aliases", [])]}
    for corridor in corridors:
        if corridor.kind == "named" and wanted & {_key(n) for n in [corridor.name, *corridor.aliases]}:
            return corridor
    return None


def documents_of(corridor: Corridor | None) -> list[str]:
    """File names of the documents that mention ``corridor`` (sorted)."""
    return sorted({m.document for m in corridor.mentions}) if corridor else []


def branch_error_km(branch: Sequence[str], segment: Corridor, places: Mapping[str, Any]) -> float:
    """Worse endpoint error (km) of ``segment`` against a gold branch ``[from, to]``.

    ``places`` is the gold's place table (``lat``/``lon`` per name). Either direction counts:
    "Kermanshah to Baghdad" and "Baghdad to Kermanshah" are the same branch.
    """
    gold = [(places[name]["lon"], places[name]["lat"]) for name in branch]
    first, last = segment.waypoints[0], segment.waypoints[-1]
    ends = [(first.lon, first.lat), (last.lon, last.lat)]
    forward = max(distance_km(gold[0], ends[0]), distance_km(gold[1], ends[1]))
    backward = max(distance_km(gold[0], ends[1]), distance_km(gold[1], ends[0]))
    return min(forward, backward)


def best_branch_match(
    branch: Sequence[str], segments: Sequence[Corridor], places: Mapping[str, Any]
) -> tuple[float, Corridor | None]:
    """The segment closest to a gold branch and its worse endpoint error (inf if none)."""
    scored = [(branch_error_km(branch, s, places), s) for s in segments]
    return min(scored, key=lambda item: item[0]) if scored else (float("inf"), None)

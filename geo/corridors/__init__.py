"""Transport corridors as lines: named ones from the registry and routes the articles state."""

from __future__ import annotations

from geo.corridors.assemble import (
    CorridorEvidence,
    assemble_corridors,
    corridor_features,
    corridor_mentions,
    extract_corridors,
)
from geo.corridors.registry import CorridorSpec, read_registry

__all__ = ["CorridorEvidence", "CorridorSpec", "assemble_corridors", "corridor_features", "corridor_mentions", "extract_corridors", "read_registry"]

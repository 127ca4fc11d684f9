"""Where a map opens: the frame that fits where the filtered features concentrate.

One far feature (a press conference in New York, a country's point in Siberia) must not turn a
regional briefing into a world map. The frame is the smallest box holding most of the weight
(:data:`CORE_SHARE`): events weigh 1, places the square root of their mentions, corridors a
little spread along their lines, and points that stand for a whole country, region or
continent weigh less, since their position says little. Features outside stay counted (the
map says "N features outside this view" with a "show all"). When the analyst selects
corridors, the frame is those corridors. The interactive map, the PNG and the HTML export all
open on this frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd
import shapely

from geo.maps.view import Bounds

CORE_SHARE = 0.8
CORE_AREA_RATIO = 4.0
"""Frame the core only when everything would cover more than this many times its area."""
MIN_POINTS = 8
"""Below this many points every one of them is framed: dropping one of three is no statistics."""
MIN_SPAN_DEG = 3.0
CORRIDOR_WEIGHT = 2.0
"""A whole corridor weighs as much as two events, spread over points every ~1° of its line."""
KIND_WEIGHT = {"country": 0.15, "region": 0.3, "continent": 0.05, "water": 0.5}
"""Weight of a point that stands for a wide area (its position is a centroid)."""


class Framed(Protocol):
    """What a frame is computed over: the filtered tables (a ``Store`` fits)."""

    events: pd.DataFrame
    places: pd.DataFrame
    corridors: pd.DataFrame


@dataclass(frozen=True, slots=True)
class Frame:
    """``bounds``: where to open; ``everything``: the box of every feature (the "show all")."""

    bounds: Bounds | None
    everything: Bounds | None

    @property
    def is_partial(self) -> bool:
        return self.bounds is not None and self.bounds != self.everything


def frame_of(view: Framed, *, corridors_selected: bool = False, share: float = CORE_SHARE) -> Frame:
    """The opening frame of ``view`` (``None`` bounds when it has nothing with a position)."""
    corridors = _located(view.corridors)
    everything = _union([_box_of(view.events), _box_of(view.places), _box_of(view.corridors)])
    if corridors_selected and len(corridors):
        return Frame(_bounds(shapely.total_bounds(corridors.geometry.values)), everything)
    points, weights = weighted_points(view)
    if len(points) < MIN_POINTS or everything is None:
        return Frame(everything, everything)
    (west, east), (south, north) = (densest_range(points[:, axis], weights, share) for axis in (0, 1))
    core = (west, south, east, north)
    if _area(everything) > CORE_AREA_RATIO * _area(core):
        return Frame(core, everything)
    return Frame(everything, everything)


def weighted_points(view: Framed) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat of events, places and points along corridors, with their framing weights."""
    kinds = _kinds(view.places)
    parts, weights = [], []
    events = _located(view.events)
    if len(events):
        parts.append(shapely.get_coordinates(events.geometry.values))
        place_ids = events["place_id"] if "place_id" in events else pd.Series(None, index=events.index)
        weights.append(place_ids.map(kinds).map(KIND_WEIGHT).fillna(1.0).to_numpy(dtype=float))
    places = _located(view.places)
    if len(places):
        parts.append(shapely.get_coordinates(places.geometry.values))
        mentions = pd.to_numeric(places.get("mentions", 1), errors="coerce")
        mentions = pd.Series(mentions, index=places.index).fillna(1).clip(lower=1)
        kind_weight = places["kind"].map(KIND_WEIGHT).fillna(1.0) if "kind" in places else 1.0
        weights.append((np.sqrt(mentions) * kind_weight).to_numpy(dtype=float))
    for geometry in _located(view.corridors).geometry:
        line = shapely.segmentize(geometry, 1.0)
        coords = shapely.get_coordinates(line)
        parts.append(coords)
        weights.append(np.full(len(coords), CORRIDOR_WEIGHT / max(len(coords), 1)))
    if not parts:
        return np.empty((0, 2)), np.empty(0)
    return np.vstack(parts), np.concatenate(weights)


def densest_range(values: np.ndarray, weights: np.ndarray, share: float) -> tuple[float, float]:
    """The narrowest interval holding ``share`` of the total weight (unlike quantiles, it can
    drop outliers on one side only)."""
    order = np.argsort(values, kind="stable")
    ordered, cumulative = values[order], np.cumsum(weights[order])
    need = share * cumulative[-1]
    before = np.concatenate([[0.0], cumulative[:-1]])
    # For each start i, the first end j whose cumulative weight from i reaches the share.
    ends = np.searchsorted(cumulative, before + need - 1e-12)
    valid = ends < len(ordered)
    starts = np.flatnonzero(valid)
    widths = ordered[ends[valid]] - ordered[starts]
    best = int(np.argmin(widths))
    return float(ordered[starts[best]]), float(ordered[ends[valid][best]])


def pad(bounds: Bounds, fraction: float = 0.08, min_span: float = MIN_SPAN_DEG) -> Bounds:
    """``bounds`` grown by ``fraction`` of its size, to at least ``min_span`` degrees each way."""
    west, south, east, north = bounds
    pad_x = max((east - west) * fraction, (min_span - (east - west)) / 2, 0.0)
    pad_y = max((north - south) * fraction, (min_span - (north - south)) / 2, 0.0)
    return (
        float(max(west - pad_x, -180.0)),
        float(max(south - pad_y, -89.0)),
        float(min(east + pad_x, 180.0)),
        float(min(north + pad_y, 89.0)),
    )


def _located(frame: pd.DataFrame | None) -> pd.DataFrame:
    if frame is None or frame.empty or "geometry" not in frame:
        return pd.DataFrame({"geometry": []})
    geometry = frame.geometry
    return frame[geometry.notna() & ~geometry.is_empty]


def _kinds(places: pd.DataFrame) -> dict[str, str]:
    if places is None or places.empty or "kind" not in places:
        return {}
    return dict(zip(places["place_id"], places["kind"], strict=True))


def _box_of(frame: pd.DataFrame | None) -> Bounds | None:
    located = _located(frame)
    if not len(located):
        return None
    box = shapely.total_bounds(located.geometry.values)
    return _bounds(box) if all(math.isfinite(v) for v in box) else None


def _bounds(box: np.ndarray | tuple[float, ...]) -> Bounds:
    return float(box[0]), float(box[1]), float(box[2]), float(box[3])


def _union(boxes: list[Bounds | None]) -> Bounds | None:
    present = [box for box in boxes if box is not None]
    if not present:
        return None
    return (min(b[0] for b in present), min(b[1] for b in present),
            max(b[2] for b in present), max(b[3] for b in present))


def _area(box: Bounds) -> float:
    return max(box[2] - box[0], MIN_SPAN_DEG) * max(box[3] - box[1], MIN_SPAN_DEG)

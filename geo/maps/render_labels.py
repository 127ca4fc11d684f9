"""Names on the PNG, placed as on the interactive map: most important first, none overlapping.

The order is the web map's (``static/atlas/atlas.js``): places of the view by importance
(mentions, events, corridor waypoints), corridor names written along their lines, then
countries, seas, towns on the corridors, capitals and cities, regions and rivers, each shown
in the zoom range Natural Earth gives it. A name is drawn only if its box (or, along a line,
the boxes of its letters' stretch) overlaps no name placed before.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patheffects import withStroke
from pyproj import Transformer

from geo.maps import basemap
from geo.maps.view import Bounds

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class LabelKind:
    """How one kind of name is written: size relative to the body font, weight, style, colour key."""

    size: float
    colour: str
    weight: str = "normal"
    style: str = "normal"
    upper: bool = False
    dot: bool = False


KINDS: dict[str, LabelKind] = {
    "place": LabelKind(0.95, "place", weight="bold"),
    "corridor": LabelKind(0.9, "place", weight="bold", style="italic"),
    "country": LabelKind(0.85, "country", weight="bold", upper=True),
    "sea": LabelKind(0.85, "water_text", style="italic"),
    "waypoint": LabelKind(0.8, "city", weight="bold", dot=True),
    "capital": LabelKind(0.8, "city", weight="bold", dot=True),
    "city": LabelKind(0.75, "city", dot=True),
    "region": LabelKind(0.75, "region", style="italic", upper=True),
    "water": LabelKind(0.75, "water_text", style="italic"),
}


class LabelPlacer:
    """Greedy placement in display pixels: a label is drawn only where it overlaps nothing placed."""

    def __init__(self, ax: Axes, font_pt: float, dpi: float, theme: dict[str, str]) -> None:
        self.ax = ax
        self.font_pt = font_pt
        self.px_per_pt = dpi / 72
        self.theme = theme
        self.placed: list[Box] = []
        self.halo = [withStroke(linewidth=2.5, foreground=theme["halo"])]
        bbox = ax.get_window_extent()
        self.frame = (bbox.x0 + 2, bbox.y0 + 2, bbox.x1 - 2, bbox.y1 - 2)
        self.count = 0
        self.written: set[str] = set()

    def _size(self, text: str, kind: LabelKind) -> tuple[float, float, float]:
        fontsize = self.font_pt * kind.size
        width = len(text) * fontsize * (0.62 if kind.weight == "bold" else 0.56) * self.px_per_pt
        if kind.upper:
            width *= 1.2
        return fontsize, width, fontsize * 1.3 * self.px_per_pt

    def _free(self, box: Box) -> bool:
        x0, y0, x1, y1 = self.frame
        if box[0] < x0 or box[1] < y0 or box[2] > x1 or box[3] > y1:
            return False
        return not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in self.placed)

    def point(self, text: str, x: float, y: float, kind_name: str, *, gap_pt: float = 4.0,
              colour: str | None = None) -> bool:
        """A name beside a point (right, left, above, below) or, for areas, centred on it."""
        kind = KINDS[kind_name]
        shown = text.upper() if kind.upper else text
        centred = kind_name in {"country", "sea", "region", "water"}
        if centred and text in self.written:  # a sea or country in several parts: named once
            return False
        fontsize, width, height = self._size(shown, kind)
        px, py = self.ax.transData.transform((x, y))
        gap = gap_pt * self.px_per_pt
        offsets = [(-width / 2, -height / 2)] if centred else [
            (gap, -height / 2), (-gap - width, -height / 2), (-width / 2, gap), (-width / 2, -gap - height)]
        for dx, dy in offsets:
            box = (px + dx, py + dy, px + dx + width, py + dy + height)
            if not self._free(box):
                continue
            self.placed.append(box)
            cx, cy = self.ax.transData.inverted().transform(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
            self.ax.text(cx, cy, shown, ha="center", va="center", fontsize=fontsize, fontweight=kind.weight,
                         fontstyle=kind.style, color=colour or self.theme[kind.colour], path_effects=self.halo,
                         zorder=6, parse_math=False)
            if kind.dot:
                self.ax.plot([x], [y], marker="o", markersize=fontsize * 0.35, color=self.theme["city"],
                             markeredgecolor=self.theme["halo"], markeredgewidth=0.6, zorder=5.5)
            self.count += 1
            self.written.add(text)
            return True
        return False

    def along(self, text: str, lines: Sequence[np.ndarray], kind_name: str, *, colour: str | None = None) -> bool:
        """A name written along a line (map coordinates), where a stretch of it is nearly straight."""
        kind = KINDS[kind_name]
        fontsize, width, height = self._size(text, kind)
        for line in lines:
            points = self.ax.transData.transform(line)
            x0, y0, x1, y1 = self.frame
            inside = points[(points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)]
            placed = self._along(inside, text, width, height)
            if placed is None:
                continue
            (cx, cy), angle = placed
            x, y = self.ax.transData.inverted().transform((cx, cy))
            self.ax.text(x, y, text, ha="center", va="center", rotation=angle, rotation_mode="anchor",
                         fontsize=fontsize, fontweight=kind.weight, fontstyle=kind.style,
                         color=colour or self.theme[kind.colour], path_effects=self.halo, zorder=6, parse_math=False)
            self.count += 1
            return True
        return False

    def _along(self, points: np.ndarray, text: str, width: float, height: float) -> tuple[tuple[float, float], float] | None:
        if len(points) < 2:
            return None
        steps = np.hypot(*np.diff(points, axis=0).T)
        lengths = np.concatenate([[0.0], np.cumsum(steps)])
        total = lengths[-1]
        if total < width * 1.05:
            return None
        for fraction in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9):
            middle = total * fraction
            if middle - width / 2 < 0 or middle + width / 2 > total:
                continue
            a = np.array([np.interp(middle - width / 2, lengths, points[:, i]) for i in (0, 1)])
            b = np.array([np.interp(middle + width / 2, lengths, points[:, i]) for i in (0, 1)])
            if math.dist(a, b) < width * 0.9:
                continue  # too curved here
            count = max(2, math.ceil(width / height))
            centres = [a + (b - a) * s / count for s in range(count + 1)]
            boxes = [(c[0] - height / 2, c[1] - height / 2, c[0] + height / 2, c[1] + height / 2) for c in centres]
            if all(self._free(box) for box in boxes):
                self.placed.extend(boxes)
                angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
                angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
                centre = (a + b) / 2
                return (float(centre[0]), float(centre[1])), angle
        return None


def basemap_labels(placer: LabelPlacer, bounds: Bounds, zoom: float, to_map: Transformer,
                   suppressed: set[str], waypoints: Iterable[str]) -> None:
    """Countries, seas, towns (corridor waypoints first), regions and rivers of the frame at ``zoom``."""
    points = basemap.labels_within(bounds)
    near = zoom + 0.3  # Natural Earth's label zooms, a little early (as on the web map)
    wanted_waypoints = {_key(name) for name in waypoints}

    def show(rows: Iterable[list[Any]], kind: str) -> None:
        for row in rows:
            name, lon, lat = str(row[0]), float(row[1]), float(row[2])
            if _key(name) not in suppressed:
                placer.point(name, *to_map.transform(lon, lat), kind)

    show([r for r in points["countries"] if r[3] <= near and zoom <= r[4] + 1 and _key(f"iso:{r[6]}") not in suppressed],
         "country")
    show(sorted((r for r in points["seas"] if r[3] <= near and zoom <= r[4] + 1), key=lambda r: r[5]), "sea")
    towns = points["places"]
    show([r for r in towns if _key(str(r[0])) in wanted_waypoints and r[3] <= zoom + 3], "waypoint")
    rest = [r for r in towns if _key(str(r[0])) not in wanted_waypoints and r[3] <= zoom - (-0.3 if r[6] == 1 else 0.5)]
    show(sorted((r for r in rest if r[6] == 1), key=lambda r: r[5]), "capital")
    show(sorted((r for r in rest if r[6] != 1), key=lambda r: (r[5], r[3])), "city")
    show(sorted((r for r in points["regions"] if r[3] <= zoom and zoom <= r[4] + 1), key=lambda r: r[5]), "region")
    show(sorted((r for r in points["water"] if r[3] <= zoom - 0.5), key=lambda r: r[5]), "water")


def _key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum() or ch == ":")

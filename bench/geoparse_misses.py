"""Where the geoparser's resolution misses: gold toponyms found but placed over 161 km off.

Usage::

    .venv/bin/python bench/geoparse_misses.py --lgl ../shared/eval/lgl.xml \\
        --geovirus ../shared/eval/GeoVirus.xml [--split train|test|all] [--top 40]

Prints, per corpus, the misses counted by the kind of place chosen and by gold name (with
the median error), so a fix can be aimed at a class of mistakes rather than one article.
``--split train`` keeps to the LGL articles that may be used for tuning (index % 10 < 7).
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from geoparse_eval import Article, load_geovirus, load_lgl

from geo.geodesy import distance_km
from geo.parse.geoparser import geoparse

HIT_KM = 161.0


@dataclass(frozen=True, slots=True)
class Miss:
    gold_name: str
    chosen: str
    kind: str
    country: str
    km: float


def misses(articles: list[Article]) -> tuple[list[Miss], int]:
    """Misses of the found gold toponyms with coordinates, and how many such toponyms there were."""
    out, scored = [], 0
    for article in articles:
        predicted = geoparse(article.text)
        for gold in article.gold:
            hits = [t for t in predicted if t.start < gold.end and gold.start < t.end]
            if not hits or gold.lat is None or gold.lon is None:
                continue
            scored += 1
            top = hits[0]
            km = distance_km((gold.lon, gold.lat), (top.lon, top.lat))
            if km > HIT_KM:
                name = article.text[gold.start : gold.end]
                out.append(Miss(name, f"{top.name} [{top.place_id}]", top.kind, top.country_code or "-", km))
    return out, scored


def report(title: str, articles: list[Article], top: int) -> None:
    found, scored = misses(articles)
    print(f"\n## {title}: {len(found)} misses of {scored} placed gold toponyms "
          f"(acc@161 {1 - len(found) / scored:.3f})")
    print("by chosen kind:", dict(Counter(m.kind for m in found).most_common()))
    by_name: dict[tuple[str, str], list[float]] = defaultdict(list)
    for miss in found:
        by_name[(miss.gold_name, f"{miss.chosen} {miss.kind} {miss.country}")].append(miss.km)
    rows = sorted(by_name.items(), key=lambda item: -len(item[1]))[:top]
    for (name, chosen), kms in rows:
        print(f"{len(kms):3d}  {name:<28} -> {chosen:<60} median {statistics.median(kms):7.0f} km")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lgl", type=Path)
    parser.add_argument("--geovirus", type=Path)
    parser.add_argument("--split", choices=("train", "test", "all"), default="train",
                        help="which LGL articles (train: index %% 10 < 7, the part open to tuning)")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    if args.lgl:
        lgl = load_lgl(args.lgl)
        chosen = [a for i, a in enumerate(lgl) if args.split == "all" or (i % 10 < 7) == (args.split == "train")]
        report(f"LGL ({args.split})", chosen, args.top)
    if args.geovirus:
        report("GeoVirus", load_geovirus(args.geovirus), args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Where the geoparser's resolution misses: gold toponyms found but placed wrong (over 161 km off,
countries by containment).

Usage::

    .venv/bin/python bench/geoparse_misses.py --lgl ../shared/eval/lgl.xml \\
        --geovirus ../shared/eval/GeoVirus.xml \\
        --tud ../shared/eval/tud-loc-2013-train.xml ../shared/eval/tud-loc-2013-validation.xml [--top 40]

Prints, per corpus, the misses counted by the kind of place chosen and by gold name (with
the median error), so a fix can be aimed at a class of mistakes rather than one article; a fix
must then hold on every corpus (``geoparse_bench.py --cross``).
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from geoparse_eval import Corpus, correct, load_corpora

from geo.geodesy import distance_km
from geo.parse.geoparser import geoparse


@dataclass(frozen=True, slots=True)
class Miss:
    gold_name: str
    chosen: str
    kind: str
    country: str
    km: float


def misses(corpus: Corpus) -> tuple[list[Miss], int]:
    """Misses of the found gold toponyms with coordinates, and how many such toponyms there were."""
    out, scored = [], 0
    for article in corpus.articles:
        predicted = geoparse(article.text, demonyms=corpus.demonyms)
        for gold in article.gold:
            hits = [t for t in predicted if t.start < gold.end and gold.start < t.end]
            if not hits or gold.lat is None or gold.lon is None:
                continue
            scored += 1
            top = hits[0]
            if not correct(gold, top, containment=True):
                km = distance_km((gold.lon, gold.lat), (top.lon, top.lat))
                name = article.text[gold.start : gold.end]
                out.append(Miss(name, f"{top.name} [{top.place_id}]", top.kind, top.country_code or "-", km))
    return out, scored


def report(corpus: Corpus, top: int) -> None:
    found, scored = misses(corpus)
    print(f"\n## {corpus.name}: {len(found)} misses of {scored} placed gold toponyms "
          f"(acc@161c {1 - len(found) / scored:.3f})")
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
    parser.add_argument("--tud", type=Path, nargs="*", default=[])
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    for corpus in load_corpora(args.lgl, args.geovirus, args.tud):
        report(corpus, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Corridor benchmark against the hand-made gold of the sample corpus (issue 5).

    python bench/corridors_bench.py GOLD_PATH [CORPUS_DIR]

GOLD_PATH is ``seeds_gold.json``; CORPUS_DIR defaults to ``data/corpus``. Prints, for the
targets of issue 5:
- each gold corridor found, and linked to exactly the gold documents;
- the China Corridor's stated branches: segments whose endpoints lie within 161 km of gold;
- INSTC total length beside the 7,200 km the article states (target 4,500–8,500 km);
- share of sea-leg length over land (Natural Earth 50m land polygons; target < 2 %);
- time to build all corridors once the gazetteer is loaded (target ≤ 1 s), and whether the sea
  lanes came from searoute (first run) or from the on-disk sea-lane cache (later runs).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from geo.corridors.assemble import extract_corridors, registry_corridors
from geo.corridors.evaluate import best_branch_match, documents_of, match_gold
from geo.corridors.routes import line_length_km, sea_cache_path, share_over_land
from geo.ingest.read import load_corpus
from geo.maps import basemap
from geo.parse.geoparser import geoparse

BRANCH_TOLERANCE_KM = 161.0
INSTC_RANGE_KM = (4500.0, 8500.0)
SEA_OVER_LAND_MAX = 0.02
BUILD_SECONDS_MAX = 1.0


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__)
        return 2
    gold = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    corpus = Path(argv[1] if len(argv) > 1 else "data/corpus")
    documents, skipped = load_corpus(corpus)
    for name, reason in skipped:
        print(f"skipped {name}: {reason}")

    started = time.perf_counter()
    geoparse("Warm-up: officials met in London and Paris.")
    print(f"gazetteer + model load: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    parsed = [(doc, geoparse(doc.text)) for doc in documents]
    print(f"geoparsing {len(documents)} documents: {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    corridors = extract_corridors(parsed)
    build_seconds = time.perf_counter() - started
    searoute_used = "searoute" in sys.modules
    started = time.perf_counter()
    extract_corridors(parsed)
    warm_seconds = time.perf_counter() - started

    print(f"\n{len(corridors)} corridors ({sum(c.kind == 'named' for c in corridors)} named):")
    for corridor in corridors:
        part = f" (part of {corridor.part_of})" if corridor.part_of else ""
        print(
            f"  [{corridor.kind}] {corridor.name}{part}: {corridor.length_km:,.0f} km, {documents_of(corridor)}"
        )

    print("\nGold corridors")
    found = exact = 0
    for item in gold["corridors"]:
        corridor = match_gold(item, corridors)
        got = documents_of(corridor)
        found += corridor is not None
        exact += got == sorted(item["docs"])
        status = "exact" if got == sorted(item["docs"]) else f"got {got}"
        print(f"  {item['name']}: {'found' if corridor else 'MISSING'}, documents {status}")
    print(f"  found {found}/{len(gold['corridors'])}, exact documents {exact}/{len(gold['corridors'])}")

    print(f"\nChina Corridor branches (endpoints within {BRANCH_TOLERANCE_KM:.0f} km)")
    china_gold = next(c for c in gold["corridors"] if c.get("branches"))
    china = match_gold(china_gold, corridors)
    segments = [c for c in corridors if c.kind == "stated" and china and c.part_of == china.name]
    print(f"  {len(segments)} stated segments attached to {china.name if china else '(not found)'}")
    branches_ok = 0
    for branch in china_gold["branches"]:
        error, segment = best_branch_match(branch, segments, gold["places"])
        branches_ok += error <= BRANCH_TOLERANCE_KM
        print(
            f"  {' → '.join(branch)}: {segment.name if segment else 'none'}, worse endpoint {error:,.0f} km"
        )
    print(f"  branches within tolerance: {branches_ok}/{len(china_gold['branches'])}")

    print("\nINSTC length")
    instc_gold = next(c for c in gold["corridors"] if c.get("length_km"))
    instc = match_gold(instc_gold, corridors)
    length = instc.length_km if instc else float("nan")
    print(
        f"  {length:,.0f} km (article: {instc_gold['length_km']:,} km; target {INSTC_RANGE_KM[0]:,.0f}–{INSTC_RANGE_KM[1]:,.0f})"
    )

    print("\nSea legs over land (Natural Earth 50m land)")
    land = basemap.land("50m")
    sea_total = sea_land = 0.0
    worst = (0.0, "")
    stated = [c for c in corridors if c.kind == "stated"]
    for corridor in registry_corridors() + stated:
        for mode, line in corridor.legs:
            if mode != "sea":
                continue
            km, share = line_length_km(line), share_over_land(line, land)
            sea_total += km
            sea_land += km * share
            worst = max(worst, (share, corridor.name))
            print(f"  {corridor.name}: {line[0]} → {line[-1]}, {km:,.0f} km, {share:.2%} over land")
    sea_share = sea_land / sea_total if sea_total else 0.0
    print(
        f"  all sea legs: {sea_share:.2%} of {sea_total:,.0f} km over land; worst leg {worst[0]:.2%} ({worst[1]})"
    )

    print("\nTime")
    lanes = "computed with searoute" if searoute_used else f"read from {sea_cache_path()}"
    print(f"  build all corridors after gazetteer load: {build_seconds:.3f} s (sea lanes {lanes})")
    print(f"  again in the same process (geometry cached): {warm_seconds:.3f} s")

    print("\nSummary")
    checks = {
        "all gold corridors found": found == len(gold["corridors"]),
        "each linked to exactly the gold documents": exact == len(gold["corridors"]),
        "China branches within 161 km": branches_ok == len(china_gold["branches"]),
        "INSTC length in range": INSTC_RANGE_KM[0] <= length <= INSTC_RANGE_KM[1],
        "sea legs < 2 % over land": sea_share < SEA_OVER_LAND_MAX,
        "build ≤ 1 s": build_seconds <= BUILD_SECONDS_MAX,
    }
    for label, ok in checks.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Score events against hand-made gold on outside news, overall and per corpus split.

Usage: python bench/events_outside_bench.py FOLDER [--fit lgl,geovirus] [--details] [--half N] [--cli]
       (FOLDER is e.g. ../shared/eval/events-dev: articles *.txt and gold.json)

A port of ``score_events_outside.py`` (same matching and figures, see its docstring): each gold
event is matched to at most one predicted event of the same document whose sentence contains
the gold evidence (or one of its ``also`` clauses) or lies inside it, with a compatible type
(same type; statement/speech/press_conference together; meeting/conference together); same-type
pairs first, by maximum matching. Recall = matched gold / gold; precision = matched predictions /
predictions; place accuracy over matched gold with coordinates (within 161 km); date accuracy
over matched gold with a start date (interval overlap).

The figures are printed for all articles, for each source (the file-name prefix: lgl,
geovirus, tud) and for the FIT sources (``--fit``, where rules were tuned) against the others
(held out while tuning): a rule that helps only the fit part is tuned to its annotation habits.
They are also printed for two halves that cut across the sources: half 1 holds the 1st, 3rd, 5th…
article in file-name order, half 2 the others. ``--half N`` limits ``--details`` to that half, so
the errors of one half can be studied while the other stays a check.

Predictions come from the same code as ``python -m geo events FILE... --format geojson``, run
in this process (``--cli`` runs the command itself, as the scorer does). Wall time and
CPU seconds of the extraction are printed.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

COMMUNICATION = frozenset({"statement", "speech", "press_conference"})
GATHERING = frozenset({"meeting", "conference"})
PLACE_KM = 161.0
MIN_CONTAINED = 10
TARGETS = {"recall": 0.75, "precision": 0.80, "place": 0.85, "date": 0.85}
_PLAIN = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
                        "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").translate(_INVISIBLE).translate(_PLAIN)
    return re.sub(r"\s+", " ", text).strip().casefold()


def compatible(a: str, b: str) -> bool:
    return a == b or (a in COMMUNICATION and b in COMMUNICATION) or (a in GATHERING and b in GATHERING)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def day(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def prediction(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature.get("properties") or {}
    geometry = feature.get("geometry") or {}
    point = None
    if geometry.get("type") == "Point" and len(geometry.get("coordinates") or []) >= 2:
        lon, lat = geometry["coordinates"][:2]
        point = (float(lat), float(lon))
    start = day(props.get("start"))
    return {"document": Path(str(props.get("document") or "")).name, "type": str(props.get("type") or ""),
            "sentence": str(props.get("sentence") or ""), "nsentence": norm(props.get("sentence")),
            "place": props.get("place"), "point": point, "start": start, "end": day(props.get("end")) or start}


def sentence_fits(evidences: list[str], sentence: str) -> bool:
    if not sentence:
        return False
    return any(ev in sentence or (len(sentence) >= MIN_CONTAINED and sentence in ev) for ev in evidences)


def max_matching(edges: dict[int, list[int]], match_p: dict[int, int], match_g: dict[int, int]) -> None:
    def augment(g: int, seen: set[int]) -> bool:
        for p in edges.get(g, ()):
            if p in seen:
                continue
            seen.add(p)
            if p not in match_p or augment(match_p[p], seen):
                match_p[p] = g
                match_g[g] = p
                return True
        return False

    for g in sorted(edges):
        if g not in match_g:
            augment(g, set())


@dataclass
class Score:
    """The scorer's figures for one set of documents, and what went wrong."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    place_ok: int = 0
    place_n: int = 0
    date_ok: int = 0
    date_n: int = 0
    missed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    wrong_places: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    by_type: dict[str, list[int]] = field(default_factory=dict)
    """type → [gold matched, gold, predictions matched, predictions]."""

    def ratio(self, name: str) -> float:
        hit, total = {"recall": (self.matched, self.gold), "precision": (self.matched, self.predicted),
                      "place": (self.place_ok, self.place_n), "date": (self.date_ok, self.date_n)}[name]
        return hit / total if total else 0.0

    def line(self, label: str) -> str:
        return (f"{label:<28} recall {self.ratio('recall'):.3f} ({self.matched}/{self.gold})  "
                f"precision {self.ratio('precision'):.3f} ({self.matched}/{self.predicted})  "
                f"place {self.ratio('place'):.3f} ({self.place_ok}/{self.place_n})  "
                f"date {self.ratio('date'):.3f} ({self.date_ok}/{self.date_n})")


def short(text: str, limit: int = 110) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score(gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> Score:
    """Match predictions to gold events exactly as ``score_events_outside.py`` does."""
    evidences = [[norm(g["evidence"])] + [norm(a) for a in g.get("also", [])] for g in gold]
    exact: dict[int, list[int]] = {}
    loose: dict[int, list[int]] = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if p["document"] != g["document"] or not sentence_fits(evidences[gi], p["nsentence"]):
                continue
            if p["type"] == g["type"]:
                exact.setdefault(gi, []).append(pi)
            if compatible(p["type"], g["type"]):
                loose.setdefault(gi, []).append(pi)
    match_p: dict[int, int] = {}
    match_g: dict[int, int] = {}
    max_matching(exact, match_p, match_g)
    max_matching(loose, match_p, match_g)
    result = Score(gold=len(gold), predicted=len(preds), matched=len(match_g))
    for gi, pi in sorted(match_g.items()):
        _check_fields(gold[gi], preds[pi], result)
    for gi, g in enumerate(gold):
        counts = result.by_type.setdefault(g["type"], [0, 0, 0, 0])
        counts[0] += gi in match_g
        counts[1] += 1
        if gi not in match_g:
            same = sorted({p["type"] for p in preds if p["document"] == g["document"]
                           and sentence_fits(evidences[gi], p["nsentence"])})
            why = f" [sentence predicted as {', '.join(same)}]" if same else ""
            result.missed.append(f"  {g['document']} {g['type']}: {short(g['evidence'], 100)}{why}")
    for pi, p in enumerate(preds):
        counts = result.by_type.setdefault(p["type"], [0, 0, 0, 0])
        counts[2] += pi in match_p
        counts[3] += 1
        if pi not in match_p:
            result.unmatched.append(f"  {p['document']} {p['type']} {p['start'] or '-'} {p['place'] or '-'}: "
                                    f"{short(p['sentence'])}")
    return result


def _check_fields(g: dict[str, Any], p: dict[str, Any], result: Score) -> None:
    if g.get("lat") is not None and g.get("lon") is not None:
        result.place_n += 1
        dist = km(g["lat"], g["lon"], *p["point"]) if p["point"] else None
        if dist is not None and dist <= PLACE_KM:
            result.place_ok += 1
        else:
            got = f"{p['place']} ({dist:.0f} km)" if dist is not None else f"{p['place']} (no point)"
            result.wrong_places.append(f"  {g['document']} {g['type']}: gold {g['place']} -> predicted {got}"
                                       f" | {short(g['evidence'], 70)}")
    start = day(g.get("start"))
    if start is not None:
        result.date_n += 1
        end = day(g.get("end")) or start
        if p["start"] is not None and p["start"] <= end and p["end"] >= start:
            result.date_ok += 1
        else:
            got = f"{p['start']}..{p['end']}" if p["start"] else "null"
            result.wrong_dates.append(f"  {g['document']} {g['type']}: gold {start}..{end} -> predicted {got}"
                                      f" | {short(g['evidence'], 70)}")


def predict_in_process(files: list[Path]) -> list[dict[str, Any]]:
    """The features ``python -m geo events FILES`` writes, computed here."""
    from geo.commands.events import collection_features
    from geo.ingest.read import load_paths

    documents, _ = load_paths(files)
    return collection_features(documents)


def predict_cli(files: list[Path]) -> list[dict[str, Any]]:
    command = [sys.executable, "-m", "geo", "events", *map(str, files), "--format", "geojson"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 - our own CLI
    return list(json.loads(done.stdout)["features"])


def source_of(document: str) -> str:
    return document.split("-", 1)[0]


def subset(items: Iterable[dict[str, Any]], sources: set[str]) -> list[dict[str, Any]]:
    return [item for item in items if source_of(item["document"]) in sources]


def half_of(document: str, files: list[Path]) -> int:
    """1 or 2: the half of the folder (alternate articles in file-name order) the document is in."""
    names = [f.name for f in files]
    return 1 + names.index(document) % 2 if document in names else 0


def in_half(items: Iterable[dict[str, Any]], files: list[Path], half: int) -> list[dict[str, Any]]:
    return [item for item in items if half_of(item["document"], files) == half]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--fit", default="lgl,geovirus", help="sources the rules were fitted on (default lgl,geovirus)")
    parser.add_argument("--details", action="store_true", help="list misses, unmatched predictions, wrong places/dates")
    parser.add_argument("--half", type=int, choices=(1, 2), help="list --details for this half only")
    parser.add_argument("--cli", action="store_true", help="run `python -m geo events` as the scorer does")
    args = parser.parse_args()

    files = sorted(args.folder.glob("*.txt"))
    gold = json.loads((args.folder / "gold.json").read_text(encoding="utf-8"))
    wall, cpu = time.perf_counter(), time.process_time()
    features = (predict_cli if args.cli else predict_in_process)(files)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    names = {f.name for f in files}
    preds = [p for p in map(prediction, features) if p["document"] in names]

    overall = score(gold, preds)
    print(f"folder: {args.folder} ({len(files)} articles); extraction {wall:.1f} s wall, "
          f"{cpu:.1f} s CPU in this process{' (the command runs in a child)' if args.cli else ''}")
    print(overall.line("all"))
    sources = sorted({source_of(f.name) for f in files})
    for source in sources:
        print(score(subset(gold, {source}), subset(preds, {source})).line(f"  {source}"))
    fit = set(args.fit.split(","))
    held = set(sources) - fit
    print(score(subset(gold, fit), subset(preds, fit)).line(f"fit ({', '.join(sorted(fit))})"))
    print(score(subset(gold, held), subset(preds, held)).line(f"check ({', '.join(sorted(held))})"))
    for half in (1, 2):
        print(score(in_half(gold, files, half), in_half(preds, files, half)).line(f"half {half}"))
    print("per type: recall (matched/gold), precision (matched/predicted)")
    for name, (hit, total, right, made) in sorted(overall.by_type.items()):
        print(f"  {name:<17} recall {hit:>3}/{total:<3} precision {right:>3}/{made:<3}")
    if args.details:
        shown = score(in_half(gold, files, args.half), in_half(preds, files, args.half)) if args.half else overall
        for title, lines in (("missed gold events", shown.missed), ("unmatched predictions", shown.unmatched),
                             ("wrong places", shown.wrong_places), ("wrong dates", shown.wrong_dates)):
            print(f"\n{title} ({len(lines)}):")
            print("\n".join(lines))
    reached = {name: overall.ratio(name) >= target for name, target in TARGETS.items()}
    print("\ntargets: " + ", ".join(f"{name} >= {target} {'met' if reached[name] else 'NOT met'}"
                                   for name, target in TARGETS.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

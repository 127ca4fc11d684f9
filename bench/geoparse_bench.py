"""Geoparsing benchmark: LGL, GeoVirus and the seed gold, against a population baseline.

Usage::

    .venv/bin/python bench/geoparse_bench.py --lgl ../shared/eval/lgl.xml \\
        --geovirus ../shared/eval/GeoVirus.xml --seeds ../shared/eval/seeds_gold.json \\
        --corpus data/corpus

Scoring follows Gritta et al. ("A pragmatic guide to geoparsing evaluation"): a predicted span
that overlaps a gold span is a hit; precision, recall and F1 over spans; accuracy@161 km,
mean/median error and the AUC of log error over the hit gold toponyms with coordinates.
LGL is also reported on its fixed held-out 30 % (articles whose index % 10 >= 7), the part
never looked at while choosing thresholds; the rest of LGL was used for that (including the
street and river recognisers of ``geo.parse.streets``, the capital-over-state rule, the list-of-countries
container rule and the borrowed-name penalty of ``geo.parse.resolve``).
Accuracy@161 is also split into mentions resolved to a country and all others: the two corpora
place countries at different reference points (LGL at GeoNames', GeoVirus at Wikipedia's).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.gazetteer.index import gazetteer
from geo.geodesy import distance_km
from geo.models import Toponym
from geo.parse.geoparser import geoparse
from geo.parse.recognise import Recogniser, Rejection, recognise
from geo.parse.tokens import tokenize

MAX_ERROR_KM = 20039.0


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    gold: tuple[Gold, ...]


def _float(node: ET.Element | None) -> float | None:
    return float(node.text) if node is not None and node.text not in (None, "") else None


def load_lgl(path: Path) -> list[Article]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):  # noqa: S314
        gold = []
        for top in node.iter("toponym"):
            tag = top.find("gaztag")
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            gold.append(Gold(int(top.findtext("start")), int(top.findtext("end")), lat, lon))
        articles.append(Article(node.findtext("text") or "", tuple(gold)))
    return articles


def load_geovirus(path: Path) -> list[Article]:
    """GeoVirus offsets in this copy are one past the name (text[start-1:end-1] == name): realign."""
    articles = []
    for node in ET.parse(path).getroot().iter("article"):  # noqa: S314
        text = node.findtext("text") or ""
        gold = []
        for loc in node.iter("location"):
            start, end, name = int(loc.findtext("start")), int(loc.findtext("end")), loc.findtext("name") or ""
            if text[start:end] != name and text[start - 1 : end - 1] == name:
                start, end = start - 1, end - 1
            gold.append(Gold(start, end, _float(loc.find("lat")), _float(loc.find("lon"))))
        articles.append(Article(text, tuple(gold)))
    return articles


def baseline(text: str) -> list[Toponym]:
    """Longest capitalised gazetteer match, most populous candidate, no filtering."""
    rec = Recogniser(gazetteer())
    tokens = tokenize(text)
    out, i = [], 0
    while i < len(tokens):
        found = rec._longest_match(text, tokens, i) if tokens[i].capitalised else None
        if not found:
            i += 1
            continue
        width, entries = found
        best = max(entries, key=lambda e: (e.place.population, e.place.place_id))
        start, end = tokens[i].start, tokens[i + width - 1].end
        p = best.place
        out.append(Toponym(start, end, text[start:end], p.name, p.kind, p.country_code, p.lat, p.lon, 1.0, p.place_id))
        i += width
    return out


@dataclass
class Scores:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0
    errors: list[float] | None = None
    predicted_kinds: list[str] | None = None
    """Kind of the prediction behind each error: countries are where reference points differ."""
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    articles: int = 0

    def by_kind(self, name: str) -> str:
        """acc@161 on the mentions resolved to a country and on all others."""
        pairs = list(zip(self.errors or [], self.predicted_kinds or [], strict=True))

        def acc(countries: bool) -> str:
            errors = [error for error, kind in pairs if (kind == "country") == countries]
            return f"{sum(e <= 161 for e in errors) / len(errors):.3f} of {len(errors)}" if errors else "-"

        return f"{name}: acc@161 on countries {acc(True)}, on all other places {acc(False)}"

    def row(self, name: str) -> str:
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        errs = sorted(self.errors or [])
        acc = sum(e <= 161 for e in errs) / len(errs) if errs else 0.0
        auc = (
            sum((math.log(a + 1) + math.log(b + 1)) / 2 for a, b in itertools.pairwise(errs))
            / (len(errs) - 1) / math.log(MAX_ERROR_KM)
            if len(errs) > 1 else 0.0
        )
        mean = statistics.fmean(errs) if errs else 0.0
        median = statistics.median(errs) if errs else 0.0
        speed = self.articles / self.seconds if self.seconds else 0.0
        cpu_speed = self.articles / self.cpu_seconds if self.cpu_seconds else 0.0
        return (f"| {name:<28} | {p:5.3f} | {r:5.3f} | {f:5.3f} | {acc:6.3f} | {mean:8.0f} | {median:7.0f} "
                f"| {auc:5.3f} | {speed:8.1f} | {cpu_speed:8.1f} |")


def evaluate(articles: Iterable[Article], parse: Callable[[str], list[Toponym]]) -> Scores:
    scores = Scores(errors=[], predicted_kinds=[])
    start, cpu_start = time.perf_counter(), time.process_time()
    results = []
    for article in articles:
        results.append((article, parse(article.text)))
        scores.articles += 1
    scores.seconds = time.perf_counter() - start
    scores.cpu_seconds = time.process_time() - cpu_start
    for article, predicted in results:
        scores.n_pred += len(predicted)
        scores.n_gold += len(article.gold)
        scores.tp_pred += sum(any(t.start < g.end and g.start < t.end for g in article.gold) for t in predicted)
        for g in article.gold:
            hits = [t for t in predicted if t.start < g.end and g.start < t.end]
            if not hits:
                continue
            scores.tp_gold += 1
            if g.lat is not None and g.lon is not None:
                scores.errors.append(distance_km((g.lon, g.lat), (hits[0].lon, hits[0].lat)))
                scores.predicted_kinds.append(hits[0].kind)
    return scores


def seeds(gold_path: Path, corpus: Path, parse: Callable[[str], list[Toponym]]) -> tuple[float, float, list[str]]:
    """Share of gold (document, place) pairs found; mean share of wrong distinct places per document."""
    from geo.ingest.read import load_document

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    places = gold["places"]
    found = total = 0
    wrong_shares, notes = [], []
    for doc_name, doc in gold["documents"].items():
        text = load_document(corpus / doc_name).text
        predicted = parse(text)
        for key in doc["places"]:
            total += 1
            if any(matches(places[key], t) for t in predicted):
                found += 1
            else:
                notes.append(f"{doc_name}: missed {key}")
        distinct: dict[str, Toponym] = {t.place_id: t for t in predicted}
        allowed = " ".join(doc.get("not_places", [])).lower()
        wrong = [
            t for t in distinct.values()
            if not any(matches(places[k], t) for k in doc["places"]) and t.text.lower() not in allowed
        ]
        notes.extend(f"{doc_name}: wrong {t.text!r} -> {t.name} ({t.kind}, {t.country_code})" for t in wrong)
        wrong_shares.append(len(wrong) / len(distinct) if distinct else 0.0)
    return found / total, statistics.fmean(wrong_shares), notes


def matches(gold: dict, t: Toponym) -> bool:
    if gold["kind"] == "country":
        return t.kind == "country" and t.country_code == gold["country_code"]
    return distance_km((gold["lon"], gold["lat"]), (t.lon, t.lat)) <= gold["tolerance_km"]


def _overlaps(a: Gold | Toponym | Rejection, b: Gold) -> bool:
    return a.start < b.end and b.start < a.end


def explain(name: str, articles: Iterable[Article]) -> list[str]:
    """Rejections per reject rule, and why each missed gold toponym was missed.

    A missed gold toponym was turned down by a rule (the first rule that rejected a match
    overlapping it), or recognised and dropped later (a street, a river or a foreign hamlet,
    see ``geo.parse.geoparser``), or never matched the gazetteer at all.
    """
    rejections: Counter[str] = Counter()
    on_gold: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for article in articles:
        rejected: list[Rejection] = []
        spans = recognise(article.text, rejected=rejected)
        predicted = geoparse(article.text)
        rejections.update(r.rule for r in rejected)
        on_gold.update(r.rule for r in rejected if any(_overlaps(r, g) for g in article.gold))
        for gold in article.gold:
            if any(_overlaps(t, gold) for t in predicted):
                continue
            rules = [r.rule for r in rejected if _overlaps(r, gold)]
            if rules:
                missed[f"rule {rules[0]}"] += 1
            elif any(s.start < gold.end and gold.start < s.end for s in spans):
                missed["dropped after recognition"] += 1
            else:
                missed["no gazetteer match"] += 1
    lines = [f"\n{name}: rejections by rule (all matches / matches overlapping a gold toponym)"]
    lines += [f"  {rule:<28} {count:6d} {on_gold[rule]:6d}" for rule, count in rejections.most_common()]
    lines.append(f"{name}: missed gold toponyms by cause ({sum(missed.values())})")
    lines += [f"  {cause:<34} {count:6d}" for cause, count in missed.most_common()]
    return lines


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lgl", type=Path)
    parser.add_argument("--geovirus", type=Path)
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("data/corpus"))
    parser.add_argument("--no-baseline", action="store_true", help="skip the population baseline rows")
    parser.add_argument("--verbose", action="store_true", help="list seed misses and wrong places")
    parser.add_argument("--explain", action="store_true",
                        help="per corpus: rejections by reject rule, and the cause of each missed gold toponym")
    return parser.parse_args(argv)


def _datasets(args: argparse.Namespace) -> list[tuple[str, list[Article]]]:
    datasets = []
    if args.lgl:
        lgl = load_lgl(args.lgl)
        datasets += [("LGL", lgl), ("LGL held-out 30%", [a for i, a in enumerate(lgl) if i % 10 >= 7])]
        datasets.append(("LGL + demonyms", lgl))
    if args.geovirus:
        datasets.append(("GeoVirus", load_geovirus(args.geovirus)))
    return datasets


def _table(datasets: list[tuple[str, list[Article]]], systems: list[tuple[str, Callable[[str], list[Toponym]]]]) -> None:
    print("| system / corpus              |   P   |   R   |  F1   | acc161 |  mean km | med km |  AUC  | art/s    | art/s CPU|")
    print("|------------------------------|-------|-------|-------|--------|----------|--------|-------|----------|----------|")
    by_kind = []
    for name, articles in datasets:
        for system, parse in systems:
            if name == "LGL + demonyms":
                if system != "geoparse":
                    continue
                parse = _with_demonyms
            scores = evaluate(articles, parse)
            print(scores.row(f"{system} {name}"))
            if system == "geoparse" and name in ("LGL", "GeoVirus"):
                by_kind.append(scores.by_kind(f"geoparse {name}"))
    print("\n".join(by_kind))


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    t0 = time.perf_counter()
    gazetteer()
    geoparse("Warm up in Paris.")
    load_seconds = time.perf_counter() - t0
    systems: list[tuple[str, Callable[[str], list[Toponym]]]] = [("geoparse", geoparse)]
    if not args.no_baseline:
        systems.append(("baseline", baseline))
    print(f"gazetteer + models load: {load_seconds:.2f} s (includes a first-time index build if it ran)")
    print("art/s: wall clock, one process; art/s CPU: articles per CPU-second of this process (load-independent)")
    datasets = _datasets(args)
    _table(datasets, systems)
    import psutil

    print(f"resident memory after the run: {psutil.Process().memory_info().rss / 2**20:.0f} MB")
    if args.seeds:
        for system, parse in systems:
            recall, wrong, notes = seeds(args.seeds, args.corpus, parse)
            print(f"| {system} seeds: found {recall:.3f} of gold pairs, wrong distinct places per doc {wrong:.3f} |")
            if args.verbose and system == "geoparse":
                print("\n".join(notes))
    if args.explain:
        for name, articles in datasets:
            if name in ("LGL", "GeoVirus"):
                print("\n".join(explain(name, articles)))
    return 0


def _with_demonyms(text: str) -> list[Toponym]:
    return geoparse(text, demonyms=True)


if __name__ == "__main__":
    raise SystemExit(main())

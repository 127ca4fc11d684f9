"""Geoparsing benchmark: LGL, GeoVirus, TUD-Loc-2013 and the seed gold, with a cross-corpus check.

Usage::

    .venv/bin/python bench/geoparse_bench.py --lgl ../shared/eval/lgl.xml \\
        --geovirus ../shared/eval/GeoVirus.xml \\
        --tud ../shared/eval/tud-loc-2013-train.xml ../shared/eval/tud-loc-2013-validation.xml \\
        --seeds ../shared/eval/seeds_gold.json --corpus data/corpus --cross

Prints, for every corpus (LGL with demonyms, which it annotates; GeoVirus and TUD-Loc-2013
without): precision, recall, F1, accuracy@161 km by the standard measure and with countries
scored by containment (``acc161c``, see ``geoparse_eval``), mean and median error, AUC, and
speed (articles per wall-clock second and per CPU-second of this process, one process); then
accuracy on countries and on other places, the reliability of ``score`` (score bins against
observed accuracy), and the seed gold. ``--cross`` refits the resolver with each corpus left
out (``train_geoparse.fit_model``) and reports it on the corpus left out: the figures that say
how the geoparser does on news it was not fitted on. ``--explain`` counts rejections by
reject rule and the cause of every missed gold toponym.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from geoparse_eval import TABLE_HEADER, Corpus, Gold, Parser, Scores, evaluate, load_corpora

from geo.gazetteer.index import gazetteer
from geo.geodesy import distance_km
from geo.models import Toponym
from geo.parse.geoparser import geoparse
from geo.parse.model import Model
from geo.parse.recognise import Recogniser, Rejection, recognise
from geo.parse.tokens import tokenize

BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001)
HIGH_SCORE = 0.9


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
        out.append(Toponym.of(best.place, start, end, text[start:end], 1.0))
        i += width
    return out


def parser_for(corpus: Corpus, model: Model | None = None) -> Parser:
    def parse(text: str) -> list[Toponym]:
        return geoparse(text, demonyms=corpus.demonyms, model=model)

    return parse


def by_kind(name: str, scores: Scores) -> str:
    """acc@161 (with containment) on the mentions resolved to a country and on all others."""
    def acc(countries: bool) -> str:
        rows = [r for r in scores.resolved if (r.kind == "country") == countries]
        return f"{sum(r.right_contained for r in rows) / len(rows):.3f} of {len(rows)}" if rows else "-"

    return f"{name}: acc@161c on countries {acc(True)}, on all other places {acc(False)}"


def reliability(name: str, scores: Scores) -> list[str]:
    """Score bins against observed acc@161 (containment) of the mentions that hit a gold toponym,
    and the precision of all predictions in the bin."""
    lines = [f"\n{name}: reliability of score",
             "| score bin   | mentions | mean score | acc161c | predictions | precision |",
             "|-------------|----------|------------|---------|-------------|-----------|"]
    for low, high in itertools.pairwise(BINS):
        rows = [r for r in scores.resolved if low <= r.score < high]
        preds = [hit for score, hit in scores.predictions if low <= score < high]
        mean = statistics.fmean(r.score for r in rows) if rows else 0.0
        acc = sum(r.right_contained for r in rows) / len(rows) if rows else 0.0
        precision = sum(preds) / len(preds) if preds else 0.0
        lines.append(f"| {low:.2f}-{min(high, 1.0):.2f}   | {len(rows):8d} | {mean:10.3f} | {acc:7.3f} "
                     f"| {len(preds):11d} | {precision:9.3f} |")
    high = [r for r in scores.resolved if r.score >= HIGH_SCORE]
    if high:
        lines.append(f"score >= {HIGH_SCORE}: {len(high)} mentions, {sum(r.right_contained for r in high) / len(high):.3f} right")
    return lines


def _overlaps(a: Gold | Toponym | Rejection, b: Gold) -> bool:
    return a.start < b.end and b.start < a.end


def explain(corpus: Corpus) -> list[str]:
    """Rejections per reject rule, and why each missed gold toponym was missed.

    A missed gold toponym was turned down by a rule (the first rule that rejected a match
    overlapping it), or recognised and dropped later (a street, a river or a foreign hamlet,
    see ``geo.parse.geoparser``), or never matched the gazetteer at all.
    """
    rejections: Counter[str] = Counter()
    on_gold: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for article in corpus.articles:
        rejected: list[Rejection] = []
        spans = recognise(article.text, demonyms=corpus.demonyms, rejected=rejected)
        predicted = geoparse(article.text, demonyms=corpus.demonyms)
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
    lines = [f"\n{corpus.name}: rejections by rule (all matches / matches overlapping a gold toponym)"]
    lines += [f"  {rule:<28} {count:6d} {on_gold[rule]:6d}" for rule, count in rejections.most_common()]
    lines.append(f"{corpus.name}: missed gold toponyms by cause ({sum(missed.values())})")
    lines += [f"  {cause:<34} {count:6d}" for cause, count in missed.most_common()]
    return lines


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
            if any(_matches(places[key], t) for t in predicted):
                found += 1
            else:
                notes.append(f"{doc_name}: missed {key}")
        distinct: dict[str, Toponym] = {t.place_id: t for t in predicted}
        allowed = " ".join(doc.get("not_places", [])).lower()
        wrong = [
            t for t in distinct.values()
            if not any(_matches(places[k], t) for k in doc["places"]) and t.text.lower() not in allowed
        ]
        notes.extend(f"{doc_name}: wrong {t.text!r} -> {t.name} ({t.kind}, {t.country_code})" for t in wrong)
        wrong_shares.append(len(wrong) / len(distinct) if distinct else 0.0)
    return found / total, statistics.fmean(wrong_shares), notes


def _matches(gold: dict, t: Toponym) -> bool:
    if gold["kind"] == "country":
        return t.kind == "country" and t.country_code == gold["country_code"]
    return distance_km((gold["lon"], gold["lat"]), (t.lon, t.lat)) <= gold["tolerance_km"]


def cross_corpus(corpora: Sequence[Corpus]) -> list[str]:
    """Fit on all corpora but one, report on the one left out (for each), and the in-sample fit."""
    from train_geoparse import fit_model, prepare

    start, cpu = time.perf_counter(), time.process_time()
    prepared = {c.name: prepare(c) for c in corpora}
    lines = ["\nCross-corpus: the resolver (ranker and calibration) fitted without the corpus it is scored on",
             TABLE_HEADER.replace("corpus                        ", "left out (fitted on the others)")]
    reliab: list[str] = []
    for held in corpora:
        model = fit_model([prepared[c.name] for c in corpora if c is not held])
        scores = evaluate(held.articles, parser_for(held, model))
        lines.append(scores.row(held.name))
        high = [r for r in scores.resolved if r.score >= HIGH_SCORE]
        share = sum(r.right_contained for r in high) / len(high) if high else 0.0
        reliab.append(f"{held.name} left out: {len(high)} mentions with score >= {HIGH_SCORE}, {share:.3f} right")
        reliab += reliability(f"{held.name} (left out of fitting)", scores)
    lines += reliab
    lines.append(f"cross-corpus fitting and scoring: {time.perf_counter() - start:.0f} s, "
                 f"{time.process_time() - cpu:.0f} CPU-s")
    return lines


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lgl", type=Path)
    parser.add_argument("--geovirus", type=Path)
    parser.add_argument("--tud", type=Path, nargs="*", default=[], help="TUD-Loc-2013 files (LGL schema)")
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("data/corpus"))
    parser.add_argument("--baseline", action="store_true", help="also the population baseline rows")
    parser.add_argument("--cross", action="store_true", help="cross-corpus table (refits; a few minutes)")
    parser.add_argument("--verbose", action="store_true", help="list seed misses and wrong places")
    parser.add_argument("--explain", action="store_true",
                        help="per corpus: rejections by reject rule, and the cause of each missed gold toponym")
    return parser.parse_args(argv)


def _table(corpora: Iterable[Corpus], with_baseline: bool) -> list[tuple[Corpus, Scores]]:
    print(TABLE_HEADER)
    results = []
    for corpus in corpora:
        scores = evaluate(corpus.articles, parser_for(corpus))
        results.append((corpus, scores))
        print(scores.row(corpus.name + (" (+ demonyms)" if corpus.demonyms else "")))
        if with_baseline:
            print(evaluate(corpus.articles, baseline).row(f"baseline {corpus.name}"))
    return results


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    t0 = time.perf_counter()
    gazetteer()
    geoparse("Warm up in Paris.")
    print(f"gazetteer + model load: {time.perf_counter() - t0:.2f} s (includes a first-time index build if it ran)")
    print("art/s: wall clock, one process; art/s CPU: articles per CPU-second of this process (load-independent)")
    corpora = load_corpora(args.lgl, args.geovirus, args.tud)
    results = _table(corpora, args.baseline)
    for corpus, scores in results:
        print(by_kind(corpus.name, scores))
    import psutil

    print(f"resident memory after the run: {psutil.Process().memory_info().rss / 2**20:.0f} MB")
    for corpus, scores in results:
        print("\n".join(reliability(corpus.name, scores)))
    if args.seeds:
        recall, wrong, notes = seeds(args.seeds, args.corpus, geoparse)
        print(f"\n| seeds: found {recall:.3f} of gold pairs, wrong distinct places per doc {wrong:.3f} |")
        if args.verbose:
            print("\n".join(notes))
    if args.cross and len(corpora) > 1:
        print("\n".join(cross_corpus(corpora)))
    if args.explain:
        for corpus in corpora:
            print("\n".join(explain(corpus)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

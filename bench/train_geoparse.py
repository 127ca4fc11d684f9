"""Fit the geoparser's ranker and calibration on development corpora; write ``data/parse/model.json``.

Usage::

    .venv/bin/python bench/train_geoparse.py --lgl ../shared/eval/lgl.xml \\
        --geovirus ../shared/eval/GeoVirus.xml \\
        --tud ../shared/eval/tud-loc-2013-train.xml ../shared/eval/tud-loc-2013-validation.xml

Protocol. Recognition is rule-based and fixed; only resolution is fitted:
- the ranker (``geo.parse.learn.fit_ranker``) on every mention that overlaps a gold toponym
  with coordinates, a candidate being right when it lies within 161 km of the gold point (or,
  for a country, holds it); when a town and its same-named region are both right, the town is
  (the more specific point). The weights are pulled towards the hand-set ones (``START``), so
  kinds the corpora rarely mention keep their prior weight; The document context depends on the weights, so fitting alternates
  with re-reading the corpora (``ITERATIONS`` times), starting from hand weights (``START``);
- the calibration (``geo.parse.learn.fit_calibration``) out of corpus: each training corpus's
  decisions come from a ranker fitted on the other training corpora, so the probabilities are
  those of text the ranker never saw;
- every corpus counts the same, whatever its size.
``bench/geoparse_bench.py`` runs the same fit with each corpus left out and reports it on
the one left out (the cross-corpus table).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geoparse_eval import Article, Corpus, Gold, correct, load_corpora

from geo.models import Toponym
from geo.parse.features import FEATURES
from geo.parse.learn import fit_calibration, fit_ranker
from geo.parse.model import CALIBRATION, Model
from geo.parse.recognise import Span, recognise
from geo.parse.resolve import Decision, resolve_document
from geo.settings import GEOPARSE_MODEL

ITERATIONS = 3
# The former hand-set resolver, as weights (plus small hand-set values for the new evidence):
# the prior that fitting starts from and is pulled towards.
START = Model(
    tuple({
        "country": 6.4, "continent": 8.0, "admin1": 3.2, "admin2": 1.6, "capital": 0.6, "region": 9.0,
        "landform": 9.0, "island": 9.0, "sea": 9.0, "river_or_lake": 9.0, "airport": 5.0, "log_population": 4.9,
        "fame": 2.0, "scripts": 1.0, "main_name": 1.2, "borrowed_name": -8.0, "spelling_gap": -40.0, "cue": 4.0,
        "in_container": 10.0, "outside_container": -4.0, "namesake_city": -2.0,
        "country_votes": 6.0, "region_votes": 8.0, "neighbour": 2.0, "nearby": 2.0, "foreign": -1.0,
    }.get(name, 0.0) for name in FEATURES),
    tuple(1.0 if name == "logit_share" else 0.0 for name in CALIBRATION),
    0.0,
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A corpus with its recognised spans (recognition does not depend on the weights)."""

    corpus: Corpus
    items: tuple[tuple[Article, tuple[Span, ...]], ...]


def prepare(corpus: Corpus) -> Prepared:
    return Prepared(corpus, tuple((a, tuple(recognise(a.text, demonyms=corpus.demonyms))) for a in corpus.articles))


def _gold_of(span: Span, article: Article) -> Gold | None:
    return next((g for g in article.gold if g.start < span.end and span.start < g.end and g.lat is not None), None)


def labelled(prepared: Prepared, model: Model) -> list[tuple[Decision, list[bool]]]:
    """Every decision on a mention that overlaps a placed gold toponym, with the candidates' rightness."""
    out = []
    for article, spans in prepared.items:
        for decision in resolve_document(article.text, spans, model):
            gold = _gold_of(decision.span, article)
            if gold is None:
                continue
            span = decision.span
            labels = [correct(gold, Toponym.of(e.place, span.start, span.end, span.text, 1.0), containment=True)
                      for e in decision.entries]
            out.append((decision, _most_specific(decision, labels)))
    return out


def _most_specific(decision: Decision, labels: list[bool]) -> list[bool]:
    """When a town and its same-named region are both right ("Astrakhan", "St. Petersburg"), the
    town is the answer: the more specific point."""
    if not any(right and e.place.kind == "city" for e, right in zip(decision.entries, labels, strict=True)):
        return labels
    return [right and e.place.kind != "admin" for e, right in zip(decision.entries, labels, strict=True)]


def _corpus_weights(sizes: Sequence[int]) -> list[float]:
    """Per-example weights that make each corpus count the same (mean weight 1)."""
    total = sum(sizes)
    return [total / (len(sizes) * n) for n in sizes for _ in range(n)]


def fit_ranker_on(prepared: Sequence[Prepared], start: Model = START) -> Model:
    """The ranker fitted on ``prepared`` (calibration of ``start`` kept)."""
    model = start
    for _ in range(ITERATIONS):
        per_corpus = [labelled(p, model) for p in prepared]
        groups = [([list(r) for r in d.rows], labels) for items in per_corpus for d, labels in items]
        weights = fit_ranker(groups, weights=_corpus_weights([len(items) for items in per_corpus]),
                             prior=START.weights)
        model = Model(tuple(float(w) for w in weights), start.calibration, start.intercept)
    return model


@lru_cache(maxsize=16)
def _ranker_for(names: tuple[str, ...]) -> Model:
    return fit_ranker_on([_PREPARED[n] for n in names])


_PREPARED: dict[str, Prepared] = {}


def fit_model(prepared: Sequence[Prepared]) -> Model:
    """Ranker on all of ``prepared``; calibration on each corpus's decisions by a ranker fitted
    on the others (in corpus when only one is given)."""
    for p in prepared:
        _PREPARED[p.corpus.name] = p
    names = tuple(sorted(p.corpus.name for p in prepared))
    ranker = _ranker_for(names)
    rows: list[list[float]] = []
    right: list[bool] = []
    sizes = []
    for p in prepared:
        others = tuple(n for n in names if n != p.corpus.name) or names
        items = labelled(p, _ranker_for(others))
        rows += [list(d.calibration) for d, _ in items]
        right += [labels[d.pick] for d, labels in items]
        sizes.append(len(items))
    intercept, weights = fit_calibration(rows, right, weights=_corpus_weights(sizes))
    return Model(ranker.weights, tuple(float(w) for w in weights), intercept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lgl", type=Path)
    parser.add_argument("--geovirus", type=Path)
    parser.add_argument("--tud", type=Path, nargs="*", default=[])
    parser.add_argument("--out", type=Path, default=GEOPARSE_MODEL)
    args = parser.parse_args(argv)
    corpora = load_corpora(args.lgl, args.geovirus, args.tud)
    if not corpora:
        parser.error("give at least one corpus")
    start, cpu = time.perf_counter(), time.process_time()
    prepared = [prepare(c) for c in corpora]
    model = fit_model(prepared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json(
        fitted_on={p.corpus.name: len(p.items) for p in prepared},
        command="bench/train_geoparse.py " + " ".join(Path(a).name if "/" in a else a for a in sys.argv[1:]),
    ) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({time.perf_counter() - start:.0f} s, {time.process_time() - cpu:.0f} CPU-s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

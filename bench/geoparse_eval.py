"""Geoparsing evaluation shared by the bench, the misses report and the model trainer.

Corpora: LGL and TUD-Loc-2013 (LGL schema), GeoVirus (its own schema). Scoring follows Gritta
et al. ("A pragmatic guide to geoparsing evaluation"): a predicted span that overlaps a gold
span is a hit; precision, recall and F1 over spans; accuracy@161 km, mean/median error and the
AUC of log error over the hit gold toponyms with coordinates.

Two accuracies are reported: the standard one, and one where a mention resolved to a country
counts as right when the gold point lies in that country ("containment"): corpora place
countries at different reference points (LGL at GeoNames', GeoVirus at Wikipedia's) and no
single point per country satisfies both.
"""

from __future__ import annotations

import itertools
import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.geodesy import distance_km
from geo.models import Toponym
from geo.settings import BASEMAP_DIR

HIT_KM = 161.0
MAX_ERROR_KM = 20039.0
# A gold point this close to a country's polygon counts as inside it (coastal points, 50m outlines).
BORDER_TOLERANCE_DEG = 0.2

Parser = Callable[[str], list[Toponym]]


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


@dataclass(frozen=True, slots=True)
class Corpus:
    """A development corpus and how it annotates: ``demonyms`` when it counts "Russian" as a toponym."""

    name: str
    articles: tuple[Article, ...]
    demonyms: bool = False


def _float(node: ET.Element | None) -> float | None:
    return float(node.text) if node is not None and node.text not in (None, "") else None


def load_lgl(path: Path) -> list[Article]:
    """LGL schema (also TUD-Loc-2013 as converted): ``toponym/start,end,gaztag(lat,lon)``."""
    articles = []
    for node in ET.parse(path).getroot().iter("article"):  # noqa: S314 - our own evaluation files
        gold = []
        for top in node.iter("toponym"):
            tag = top.find("gaztag")
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            gold.append(Gold(int(top.findtext("start") or 0), int(top.findtext("end") or 0), lat, lon))
        articles.append(Article(node.findtext("text") or "", tuple(gold)))
    return articles


def load_geovirus(path: Path) -> list[Article]:
    """GeoVirus offsets in this copy are one past the name (text[start-1:end-1] == name): realign."""
    articles = []
    for node in ET.parse(path).getroot().iter("article"):  # noqa: S314 - our own evaluation files
        text = node.findtext("text") or ""
        gold = []
        for loc in node.iter("location"):
            start, end = int(loc.findtext("start") or 0), int(loc.findtext("end") or 0)
            name = loc.findtext("name") or ""
            if text[start:end] != name and text[start - 1 : end - 1] == name:
                start, end = start - 1, end - 1
            gold.append(Gold(start, end, _float(loc.find("lat")), _float(loc.find("lon"))))
        articles.append(Article(text, tuple(gold)))
    return articles


def load_corpora(lgl: Path | None, geovirus: Path | None, tud: Sequence[Path] = ()) -> list[Corpus]:
    """The development corpora given; LGL annotates demonyms, GeoVirus and TUD-Loc-2013 do not."""
    corpora = []
    if lgl:
        corpora.append(Corpus("LGL", tuple(load_lgl(lgl)), demonyms=True))
    if geovirus:
        corpora.append(Corpus("GeoVirus", tuple(load_geovirus(geovirus))))
    if tud:
        corpora.append(Corpus("TUD-Loc-2013", tuple(a for path in tud for a in load_lgl(path))))
    return corpora


# -- containment -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_shapes() -> tuple[list[str], object]:
    """ISO codes and an STRtree over the Natural Earth 50m country polygons (data/basemap)."""
    import shapely
    from shapely.geometry import shape

    with (BASEMAP_DIR / "countries-50m.geojson").open(encoding="utf-8") as handle:
        features = [f for f in json.load(handle)["features"] if f["properties"].get("iso_a2")]
    codes = [f["properties"]["iso_a2"] for f in features]
    return codes, shapely.STRtree([shape(f["geometry"]) for f in features])


@lru_cache(maxsize=100_000)
def countries_at(lon: float, lat: float) -> frozenset[str]:
    """ISO codes of the countries whose polygon holds (or nearly holds) the point."""
    import shapely

    codes, tree = _country_shapes()
    hits = tree.query(shapely.Point(lon, lat), predicate="dwithin", distance=BORDER_TOLERANCE_DEG)  # type: ignore[attr-defined]
    return frozenset(codes[i] for i in hits)


def correct(gold: Gold, predicted: Toponym, *, containment: bool) -> bool:
    """Within 161 km of the gold point; with ``containment``, a country holding the gold point too."""
    assert gold.lat is not None
    assert gold.lon is not None
    if distance_km((gold.lon, gold.lat), (predicted.lon, predicted.lat)) <= HIT_KM:
        return True
    return containment and predicted.kind == "country" and predicted.country_code in countries_at(gold.lon, gold.lat)


# -- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Resolved:
    """One hit gold toponym with coordinates and the prediction it was matched to."""

    error_km: float
    right: bool  # standard acc@161
    right_contained: bool  # acc@161 with countries by containment
    score: float
    kind: str


@dataclass
class Scores:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0
    resolved: list[Resolved] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    articles: int = 0
    predictions: list[tuple[float, bool]] = field(default_factory=list)
    """(score, overlaps a gold span) for every prediction: precision by score."""

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return sum(r.right for r in self.resolved) / len(self.resolved) if self.resolved else 0.0

    @property
    def accuracy_contained(self) -> float:
        return sum(r.right_contained for r in self.resolved) / len(self.resolved) if self.resolved else 0.0

    def auc(self) -> float:
        errs = sorted(r.error_km for r in self.resolved)
        if len(errs) < 2:
            return 0.0
        area = sum((math.log(a + 1) + math.log(b + 1)) / 2 for a, b in itertools.pairwise(errs))
        return area / (len(errs) - 1) / math.log(MAX_ERROR_KM)

    def row(self, name: str) -> str:
        errs = [r.error_km for r in self.resolved]
        mean = statistics.fmean(errs) if errs else 0.0
        median = statistics.median(errs) if errs else 0.0
        speed = self.articles / self.seconds if self.seconds else 0.0
        cpu_speed = self.articles / self.cpu_seconds if self.cpu_seconds else 0.0
        return (f"| {name:<30} | {self.precision:5.3f} | {self.recall:5.3f} | {self.f1:5.3f} | {self.accuracy:6.3f} "
                f"| {self.accuracy_contained:6.3f} | {mean:7.0f} | {median:6.0f} | {self.auc():5.3f} "
                f"| {speed:6.1f} | {cpu_speed:6.1f} |")


TABLE_HEADER = (
    "| corpus                         |   P   |   R   |  F1   | acc161 | acc161c | mean km | med km |  AUC  "
    "| art/s  | art/s CPU |\n"
    "|--------------------------------|-------|-------|-------|--------|---------|---------|--------|-------"
    "|--------|-----------|"
)


def _overlaps(a: Gold | Toponym, b: Gold) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate(articles: Iterable[Article], parse: Parser) -> Scores:
    """Parse every article (timed, wall and CPU), then score the predictions."""
    scores = Scores()
    start, cpu_start = time.perf_counter(), time.process_time()
    results = [(article, parse(article.text)) for article in articles]
    scores.seconds = time.perf_counter() - start
    scores.cpu_seconds = time.process_time() - cpu_start
    scores.articles = len(results)
    for article, predicted in results:
        score_article(scores, article, predicted)
    return scores


def score_article(scores: Scores, article: Article, predicted: list[Toponym]) -> None:
    scores.n_pred += len(predicted)
    scores.n_gold += len(article.gold)
    for t in predicted:
        hit = any(_overlaps(t, g) for g in article.gold)
        scores.tp_pred += hit
        scores.predictions.append((t.score, hit))
    for g in article.gold:
        hits = [t for t in predicted if _overlaps(t, g)]
        if not hits:
            continue
        scores.tp_gold += 1
        if g.lat is not None and g.lon is not None:
            top = hits[0]
            scores.resolved.append(Resolved(
                distance_km((g.lon, g.lat), (top.lon, top.lat)),
                correct(g, top, containment=False),
                correct(g, top, containment=True),
                top.score,
                top.kind,
            ))

"""Toponym resolution: pick one gazetteer place per recognised span, with a calibrated score.

Every candidate of a mention gets a score, ``weights · features`` (``geo.parse.features``,
weights fitted in ``geo.parse.model``), and the candidates compete in a softmax. The
document is read jointly: every mention first votes for the countries, regions and
neighbourhoods of its candidates in proportion to their prior probability; then each name is
re-ranked with the votes of the *other* names, and the votes are updated from the new
ranking (``CONTEXT_ROUNDS`` times), so a coherent reading wins (Bibb County, Macon and
Atlanta all in Georgia). One sense per discourse: every mention of the same name gets the
same place unless its own words rule that place out.

The ``score`` of the result is the calibrated probability that the place is right
(``Model.probability``), not the softmax share itself.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from geo.gazetteer.index import Entry
from geo.gazetteer.names import normalize
from geo.models import Place, Toponym
from geo.parse.features import (
    CITY_SHARE_OF_REGION,
    CONTEXT_FEATURES,
    FEATURES,
    Context,
    Namesakes,
    Votes,
    county_pairs,
    local_features,
    namesake_owners,
    prior_features,
)
from geo.parse.model import Model, load_model, logit
from geo.parse.recognise import Span

# How many times the document context is recomputed from the current readings.
CONTEXT_ROUNDS = 3
# Candidates of one mention kept for ranking (the best by prior and local evidence).
MAX_CANDIDATES = 20
# A winner's lead over the runner-up (log-odds) beyond which it counts as certain.
MAX_MARGIN = 10.0
# Candidates of one mention that vote for the document's context.
VOTING_CANDIDATES = 12
# A village this small, in a country that nothing else in the document points to, while the
# other mentions do point somewhere, is dropped: "Aras" in a text about Iran and Armenia is not
# Årås, Norway (population 550). 5,000 rather than 1,000: towns of a few thousand abroad that
# nothing else in the text points to were wrong more often than right on all three corpora.
OBSCURE_POPULATION = 5_000
_FOREIGN = FEATURES.index("foreign")
# How far below the owner of a name a lesser namesake is held when only the document's countries
# and regions speak for it (log-odds: about 3 to 1).
CONTEXT_MARGIN = 1.0
# Weighted mentions in a namesake's region or neighbourhood that count as strong evidence for it.
STRONG_SUPPORT = 2.0
# Weight of a county named around a lesser namesake that counts as strong evidence for it (a
# county mention read that way more likely than not).
COUNTY_SUPPORT = 0.5
_COARSE = tuple(FEATURES.index(f) for f in ("country_votes", "region_votes", "neighbour", "foreign"))
_CONTEXT_START = len(FEATURES) - len(CONTEXT_FEATURES)


@dataclass(frozen=True, slots=True)
class Decision:
    """How one mention was resolved: its candidates with their final features, and the pick."""

    span: Span
    entries: tuple[Entry, ...]
    rows: tuple[tuple[float, ...], ...]  # features of each candidate (``FEATURES`` order)
    pick: int  # index of the chosen candidate
    share: float  # its softmax probability among the candidates
    calibration: tuple[float, ...]  # what the decision looked like (``geo.parse.model.CALIBRATION``)
    dropped: bool  # an obscure foreign village (see ``OBSCURE_POPULATION``)

    @property
    def place(self) -> Place:
        return self.entries[self.pick].place


@dataclass(slots=True)
class _Mention:
    span: Span
    entries: tuple[Entry, ...]
    base: list[list[float]]  # prior + local features per candidate
    base_scores: list[float]  # their part of each candidate's score
    distribution: list[tuple[Entry, float]]
    namesakes: list[Namesakes]  # per candidate: who owns its name (``namesake_owners``)


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


class _PerName:
    """Memo of what depends only on a name and its candidates (prior features, namesakes), for
    one document, where a name is often repeated. Keyed by the identity of the candidates, which
    the document's spans keep alive; a memo never outlives its document."""

    def __init__(self) -> None:
        self._priors: dict[tuple, list[list[float]]] = {}
        self._namesakes: dict[tuple, list[Namesakes]] = {}

    @staticmethod
    def _key(span: Span) -> tuple:
        return span.text, tuple(map(id, span.entries)), tuple(span.similarity.items())

    def priors(self, span: Span) -> list[list[float]]:
        key = self._key(span)
        if key not in self._priors:
            self._priors[key] = prior_features(span)
        return self._priors[key]

    def namesakes(self, span: Span) -> list[Namesakes]:
        key = self._key(span)
        if key not in self._namesakes:
            self._namesakes[key] = namesake_owners(span)
        return self._namesakes[key]


def _mention(span: Span, prior: list[list[float]], container: Span | None, paired: frozenset[str], model: Model,
             memo: _PerName) -> _Mention:
    """Candidates of one span with their prior and local features, the best ``MAX_CANDIDATES``."""
    base = [p + q for p, q in zip(prior, local_features(span, container, paired), strict=True)]
    scores = [model.partial(row) for row in base]
    entries = span.entries
    if len(entries) > MAX_CANDIDATES:
        keep = sorted(heapq.nlargest(MAX_CANDIDATES, range(len(entries)), key=lambda k: (scores[k], -k)))
        entries, base, scores = tuple(entries[k] for k in keep), [base[k] for k in keep], [scores[k] for k in keep]
        span = replace(span, entries=entries)
    return _Mention(span, entries, base, scores, _distribution(entries, scores), memo.namesakes(span))


def _held_back(mention: _Mention, rows: list[list[float]], scores: list[float], model: Model,
               context: Context | None) -> list[float]:
    # ``rows``: the candidates' context features (``CONTEXT_FEATURES`` order).
    """A far lesser namesake may beat the place that owns the name only on strong evidence: its
    own words (a container, a cue) or several other mentions in its region or around it
    (``STRONG_SUPPORT``; not for a town that only borrows the name); the document's countries and
    regions otherwise count only up to ``CONTEXT_MARGIN`` below the owner's score. "Paris" in a text that also names Texas once is
    still Paris, France; "Paris, Texas" is not, nor Paris in a story about four Texas towns."""
    if not any(n.owners for n in mention.namesakes):
        return scores
    out = list(scores)
    # Namesakes first, then the towns that only borrow the name, against the owners' held scores.
    for borrowed in (False, True):
        capped: dict[float, list[tuple[int, float]]] = {}  # ceiling -> (candidate, coarse part)
        for k, namesakes in enumerate(mention.namesakes):
            if not namesakes.owners or namesakes.borrowed != borrowed:
                continue
            ceiling = max(out[o] for o in namesakes.owners) - CONTEXT_MARGIN
            if scores[k] <= ceiling:
                continue  # below its owners anyway
            if not borrowed and context is not None and _strongly_supported(context, mention.entries[k]):
                continue
            coarse = sum(model.weights[f] * rows[k][f - _CONTEXT_START] for f in _COARSE)
            capped.setdefault(ceiling, []).append((k, coarse))
        for ceiling, held in capped.items():
            _hold(out, scores, ceiling, held)
    return out


def _hold(out: list[float], scores: Sequence[float], ceiling: float, held: Sequence[tuple[int, float]]) -> None:
    """Hold namesakes at most at ``ceiling``, or at their score without the coarse context, keeping
    their order: the best of them sits at the ceiling and the others as far below as they were
    ("Alexandria" in a text on Minnesota: the one in Minnesota, not a tie with every other)."""
    top = max(scores[k] for k, _ in held)
    for k, coarse in held:
        out[k] = min(scores[k], max(scores[k] - coarse, ceiling - (top - scores[k])))


def _strongly_supported(context: Context, entry: Entry) -> bool:
    """Several other mentions in the namesake's region or around it, or its own county named."""
    return context.support(entry) >= STRONG_SUPPORT or context.county_nearby(entry) >= COUNTY_SUPPORT


def _distribution(entries: Sequence[Entry], scores: Sequence[float]) -> list[tuple[Entry, float]]:
    """The ``VOTING_CANDIDATES`` likeliest candidates with their softmax probabilities."""
    shares = _softmax(scores)
    ranked = sorted(range(len(entries)), key=lambda k: (-shares[k], entries[k].place.place_id))
    return [(entries[k], shares[k]) for k in ranked[:VOTING_CANDIDATES]]


def _containers(text: str, spans: Sequence[Span], likeliest: Sequence[Entry]) -> list[Span | None]:
    """For "A, B" return B as A's container candidate (Alexandria, La.; Tbilisi, Georgia)."""
    out: list[Span | None] = [None] * len(spans)
    for k in range(len(spans) - 1):
        gap = text[spans[k].end : spans[k + 1].start]
        # "Chile, Kenya, Peru" is a list of countries, not "town, country": a name whose
        # likeliest sense is a country takes no container, nor does an item inside a list.
        if gap.strip() == "," and "\n" not in gap and likeliest[k].place.kind != "country" \
                and not _list_item(text, spans, likeliest, k):
            out[k] = spans[k + 1]
    return out


def _list_item(text: str, spans: Sequence[Span], likeliest: Sequence[Entry], k: int) -> bool:
    """"Ohio, Oklahoma, Pennsylvania": a name between two comma-joined names, all three
    likeliest read as states or countries, is an item of a list, not a town in the next name."""
    if k == 0 or text[spans[k - 1].end : spans[k].start].strip() != ",":
        return False
    return all(likeliest[j].feature in ("ADM1", "PCLI") for j in (k - 1, k, k + 1))


def _likeliest(span: Span, prior: list[list[float]], model: Model) -> Entry:
    """The candidate the gazetteer alone favours (before local and document evidence)."""
    scores = [model.partial(row) for row in prior]
    return max(zip(span.entries, scores, strict=True), key=lambda pair: (pair[1], pair[0].place.place_id))[0]


def _merge(tables: Iterable[Votes]) -> Votes:
    total = Votes()
    for votes in tables:
        for name in ("countries", "admin1", "mentioned", "cells", "counties"):
            mine = getattr(total, name)
            for key, value in getattr(votes, name).items():
                mine[key] += value
    return total


def _group_votes(mentions: Sequence[_Mention], indices: Sequence[int]) -> Votes:
    votes = Votes()
    for k in indices:
        for entry, share in mentions[k].distribution:
            votes.add(entry, share, mentions[k].span.confidence)
    return votes


def resolve_document(text: str, spans: Sequence[Span], model: Model | None = None) -> list[Decision]:
    """One decision per span, resolved jointly with the rest of the document."""
    if not spans:
        return []
    model = model or load_model()
    memo = _PerName()
    priors = [memo.priors(span) for span in spans]
    containers = _containers(text, spans, [_likeliest(s, p, model) for s, p in zip(spans, priors, strict=True)])
    mentions = [_mention(*args, model, memo) for args in zip(spans, priors, containers, county_pairs(spans),
                                                              strict=True)]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, span in enumerate(spans):
        groups[normalize(span.text)].append(index)
    # A name whose every mention has the same single candidate keeps its reading and its votes
    # whatever the context: it is resolved once, on the final round.
    settled = {name: _group_votes(mentions, indices) for name, indices in groups.items()
               if len({e.place.place_id for k in indices for e in mentions[k].entries}) == 1}
    decisions: dict[int, Decision] = {}
    for round_ in range(CONTEXT_ROUNDS):
        own = {name: settled[name] if name in settled else _group_votes(mentions, indices)
               for name, indices in groups.items()}
        total = _merge(own.values())
        sums = total.sums()
        final = round_ == CONTEXT_ROUNDS - 1
        for name, indices in groups.items():
            if final or name not in settled:
                context = Context(total, own[name], sums)
                decisions.update(_resolve_group(mentions, indices, context, model, final=final))
    return [decisions[k] for k in range(len(spans))]


def _resolve_group(mentions: list[_Mention], indices: Sequence[int], context: Context,
                   model: Model, *, final: bool) -> dict[int, Decision]:
    """Score every mention of one name in the document's context and update their distributions;
    on the ``final`` round, return their decisions."""
    context_rows: dict[str, tuple[list[float], float]] = {}
    per_mention: dict[int, tuple[list[list[float]], list[float]]] = {}
    totals: dict[str, float] = defaultdict(float)
    entries: dict[str, Entry] = {}
    for index in indices:
        mention = mentions[index]
        rows, parts = _context_rows(mention, context, model, context_rows)
        scores = [b + part for b, part in zip(mention.base_scores, parts, strict=True)]
        scores = _held_back(mention, rows, scores, model, context)
        per_mention[index] = (rows, scores)
        for entry, score in zip(mention.entries, scores, strict=True):
            totals[entry.place.place_id] += score
            entries[entry.place.place_id] = entry
    merged = sorted(((s / len(indices), entries[p]) for p, s in totals.items()),
                    key=lambda item: (-item[0], item[1].place.place_id))
    merged_shares = _softmax([s for s, _ in merged])
    chosen = _city_over_its_region(merged, mentions[indices[0]].span.cue)
    if chosen is not merged[0][1]:  # the region's probability is the city's
        k = next(k for k, (_, e) in enumerate(merged) if e is chosen)
        merged_shares[0], merged_shares[k] = merged_shares[k], merged_shares[0]
        merged[0], merged[k] = merged[k], merged[0]
        merged_shares[0] += merged_shares[k]
        merged_shares[k] = 0.0
    out = {}
    for index in indices:
        mention = mentions[index]
        rows, scores = per_mention[index]
        ids = [e.place.place_id for e in mention.entries]
        if chosen.place.place_id in ids:
            pick, share = ids.index(chosen.place.place_id), merged_shares[0]
            own = set(ids)
            mention.distribution = [(e, p) for (_, e), p in zip(merged, merged_shares, strict=True)
                                    if e.place.place_id in own][:VOTING_CANDIDATES]
        else:  # the shared pick is not among this mention's own candidates
            pick = max(range(len(scores)), key=lambda k: (scores[k], -k))
            share = _softmax(scores)[pick]
            mention.distribution = _distribution(mention.entries, scores)
        if final:
            full = [base + row for base, row in zip(mention.base, rows, strict=True)]
            out[index] = _decision(mention, full, scores, pick, share)
    return out


def _context_rows(mention: _Mention, context: Context, model: Model,
                  memo: dict[str, tuple[list[float], float]]) -> tuple[list[list[float]], list[float]]:
    """The context features of each candidate and their part of its score, computed once per
    place for all mentions of a name (``memo``: place id -> both)."""
    rows, parts = [], []
    for entry in mention.entries:
        known = memo.get(entry.place.place_id)
        if known is None:
            row = context.features(entry)
            known = memo[entry.place.place_id] = (row, model.context_part(row))
        rows.append(known[0])
        parts.append(known[1])
    return rows, parts


def _city_over_its_region(merged: list[tuple[float, Entry]], cue: str | None) -> Entry:
    """A first-level region that shares its name with its own main city ("New York", "Astrakhan",
    "Tokyo") is read as the city unless the text says "province", "state", "region"."""
    best = merged[0][1]
    if best.feature != "ADM1" or cue == "admin":
        return best
    region = best.place
    return next((e for _, e in merged if e.place.kind == "city" and e.place.country_code == region.country_code
                 and e.place.admin1 == region.admin1
                 and e.place.population >= CITY_SHARE_OF_REGION * region.population), best)


def _decision(mention: _Mention, rows: list[list[float]], scores: list[float], pick: int, share: float) -> Decision:
    entry = mention.entries[pick]
    place, row, span = entry.place, rows[pick], mention.span
    kind = place.kind
    runner_up = max((s for k, s in enumerate(scores) if k != pick), default=scores[pick] - MAX_MARGIN)
    calibration = (
        logit(share),
        min(max(scores[pick] - runner_up, 0.0), MAX_MARGIN) / MAX_MARGIN,
        span.confidence,
        row[FEATURES.index("spelling_gap")],
        float(span.demonym),
        float(kind == "country"),
        float(kind == "admin"),
        float(kind in ("region", "water", "continent")),
        float(kind == "facility"),
        math.log(len(mention.entries)) / math.log(MAX_CANDIDATES),
        row[_FOREIGN],
        row[FEATURES.index("fame")],
        row[FEATURES.index("scripts")],
        row[FEATURES.index("capital")],
        row[FEATURES.index("log_population")],
        row[FEATURES.index("nearby")],
        row[FEATURES.index("country_votes")],
    )
    dropped = bool(row[_FOREIGN]) and kind == "city" and place.population < OBSCURE_POPULATION
    return Decision(span, mention.entries, tuple(tuple(r) for r in rows), pick, share, calibration, dropped)


def resolve_spans(text: str, spans: Sequence[Span], model: Model | None = None) -> list[Toponym]:
    """One toponym per span (obscure foreign villages left out), scored by calibrated probability."""
    model = model or load_model()
    out = []
    for decision in resolve_document(text, spans, model):
        if decision.dropped:
            continue
        span = decision.span
        score = round(model.probability(list(decision.calibration)), 3)
        out.append(Toponym.of(decision.place, span.start, span.end, span.text, score))
    return out


def rank_entries(
    entries: Iterable[Entry], *, context_countries: Iterable[str] = (), similarity: dict[str, float] | None = None
) -> list[tuple[float, Entry]]:
    """Candidates of a bare name, best first (deterministic: ties broken by place id)."""
    entries = tuple(entries)
    if not entries:
        return []
    model = load_model()
    span = Span(0, 0, "", entries, 1.0, similarity=similarity or {})
    votes = Votes()
    for code in {c.upper() for c in context_countries}:
        votes.countries[code] += 1.0
        votes.mentioned[code] += 1.0
    context = Context(votes, Votes())
    mention = _mention(span, prior_features(span), None, frozenset(), model, _PerName())
    rows = [context.features(e) for e in mention.entries]
    scores = [b + model.context_part(row) for b, row in zip(mention.base_scores, rows, strict=True)]
    scored = list(zip(_held_back(mention, rows, scores, model, None), mention.entries, strict=True))
    scored.sort(key=lambda item: (-item[0], item[1].place.place_id))
    return scored

"""Toponym resolution: pick one gazetteer place per recognised span, with a confidence.

Each candidate gets a score that adds up general evidence:
- prior: feature kind (countries outrank same-named towns, a region outranks a village),
  population (log scale), and whether the text used the place's main name or an alternate;
- document context: countries and first-level regions that the other mentions of the
  document point to, and countries bordering the mentioned ones ("Georgia" next to Armenia);
- local context: "Alexandria, La." / "Tbilisi, Georgia" (the container after a comma) and
  cue words ("port of", "province");
- one sense per discourse: every mention of the same name in a document gets the same place.
The confidence is the softmax share of the winner times the recogniser's confidence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from geo.gazetteer.index import Entry, gazetteer
from geo.gazetteer.names import normalize
from geo.models import Place, Toponym
from geo.parse.recognise import Span
from geo.parse.variants import spelling_of_main_name

KIND_PRIOR = {
    "country": 3.2, "continent": 4.0, "region": 4.5, "water": 4.5, "admin": 1.6, "facility": 0.5, "city": 0.0,
}
ADM2_PRIOR = 0.8
POPULATION_WEIGHT = 0.35
PRIMARY_BONUS = 0.6
COUNTRY_WEIGHT = 3.0
ADMIN1_WEIGHT = 4.0
NEIGHBOUR_BONUS = 1.0
CONTAINER_BONUS = 5.0
# National capitals stand for their governments ("talks with Washington"): a small head start.
CAPITAL_BONUS = 0.3
CAPITAL_OVER_REGION = 2.0
CUE_BONUS = 2.0
# A town matched by an alternate name that is the main name of a bigger place.
BORROWED_NAME_PENALTY = 4.0
WELL_KNOWN_POPULATION = 100_000
# How far below the well-known owner of a name a small borrower is held when only the
# document's context speaks for it.
CONTEXT_MARGIN = 1.0
# A region and its main city share a name ("Astrakhan", "New York"): the city is meant unless
# the text says "province"/"region", when the city holds at least this share of the region's people.
CITY_SHARE_OF_REGION = 0.2
# Scores are log-odds-like; the confidence is a softmax of SHARPNESS x score over the candidates.
SHARPNESS = 2.0
# How many times the document context is recomputed from the current readings.
CONTEXT_ROUNDS = 3
# A village this small, in a country that nothing else in the document points to, while the
# other mentions do point somewhere (this much context weight), is dropped: "Aras" in a text
# about Iran and Armenia is not Årås, Norway (population 550).
OBSCURE_POPULATION = 1_000
OBSCURE_MIN_CONTEXT = 2.0


@dataclass(slots=True)
class Context:
    """What the rest of the document says about where it is."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)
    mentioned_countries: set[str] = field(default_factory=set)

    def share(self, table: dict, key: object, own: float = 0.0) -> float:
        total = sum(table.values()) - own
        return max(table.get(key, 0.0) - own, 0.0) / total if total > 0 else 0.0


def prior(entry: Entry) -> float:
    """Score of a candidate before any context."""
    place = entry.place
    score = ADM2_PRIOR if entry.feature == "ADM2" else KIND_PRIOR.get(place.kind, 0.0)
    score += POPULATION_WEIGHT * math.log10(place.population + 1)
    if entry.primary:
        score += PRIMARY_BONUS
    if entry.feature == "PPLC":
        score += CAPITAL_BONUS
    return score


def _context_bonus(entry: Entry, context: Context) -> float:
    place = entry.place
    if not place.country_code:
        return 0.0
    bonus = COUNTRY_WEIGHT * context.share(context.countries, place.country_code)
    if place.admin1 and place.kind != "country":
        bonus += ADMIN1_WEIGHT * context.share(context.admin1, (place.country_code, place.admin1))
    if place.country_code not in context.mentioned_countries:
        borders = gazetteer().neighbours
        if any(place.country_code in borders.get(cc, ()) for cc in context.mentioned_countries):
            bonus += NEIGHBOUR_BONUS
    return bonus


def _cue_bonus(entry: Entry, cue: str | None) -> float:
    if cue is None:
        return 0.0
    kind = entry.place.kind
    if cue == kind or (cue == "facility" and kind == "city") or (cue == "admin" and entry.feature in ("ADM1", "ADM2")):
        return CUE_BONUS
    return 0.0


def _contains(container: Place, place: Place) -> bool:
    if container.place_id == place.place_id or not place.country_code:
        return False
    if container.kind == "country":
        return container.country_code == place.country_code
    return (
        container.kind == "admin"
        and container.country_code == place.country_code
        and container.admin1 is not None
        and container.admin1 == place.admin1
    )


def _name_owner_population(entries: Sequence[Entry]) -> int:
    """Population of the biggest place whose main name this is (-1 if none)."""
    return max((e.place.population for e in entries if e.primary), default=-1)


def _well_known_owner(entry: Entry) -> bool:
    """A place whose main name, written exactly, is taken to mean it: a national capital or a
    city of at least ``WELL_KNOWN_POPULATION`` people (Baghdad, Samarkand)."""
    return entry.primary and entry.place.kind == "city" and (
        entry.feature == "PPLC" or entry.place.population >= WELL_KNOWN_POPULATION
    )


def _borrows_name(entry: Entry, owner: int) -> bool:
    """A town that the text's name reaches only through an alternate or folded spelling while
    a much bigger place bears that name as its main name."""
    return (
        not entry.primary
        and entry.place.kind == "city"
        and owner >= 0
        and 2 * entry.place.population <= owner
    )


def _scores(span: Span, context: Context, container: Span | None) -> list[tuple[float, Entry]]:
    scored = []
    owner = _name_owner_population(span.entries)
    # The best score an exact main-name match of a capital or big city gets (with context).
    owner_score = None
    local: dict[str, float] = {}
    for entry in span.entries:
        context_bonus = _context_bonus(entry, context)
        score = prior(entry) + context_bonus + _cue_bonus(entry, span.cue)
        if (
            _borrows_name(entry, owner)
            and owner >= WELL_KNOWN_POPULATION
            and not spelling_of_main_name(span.text, entry)
        ):
            # The name belongs to a bigger place ("Samarkand" is Temirtau's old name): document
            # context alone must not hand it to the smaller place that merely once bore it.
            score -= BORROWED_NAME_PENALTY
        if span.similarity:
            score += (span.similarity.get(entry.place.place_id, 0.0) - 100.0) / 5.0
        if container is not None and any(_contains(c.place, entry.place) for c in container.entries):
            score += CONTAINER_BONUS
        if _well_known_owner(entry):
            owner_score = score if owner_score is None else max(owner_score, score)
        local[entry.place.place_id] = score - context_bonus
        scored.append((score, entry))
    if owner_score is not None:
        # Co-mentioned countries and regions alone never hand a capital's or big city's exact
        # main name to a small place that only folds or alternates to it ("Baghdad" is not
        # Baghdadeh, a village in Iran, beside Kermanshah); local evidence ("X, Kermanshah
        # Province", "the village of X") still may.
        scored = [
            (min(score, max(local[entry.place.place_id], owner_score - CONTEXT_MARGIN))
             if _borrows_name(entry, owner) else score, entry)
            for score, entry in scored
        ]
    scored.sort(key=lambda item: (-item[0], item[1].place.place_id))
    return scored


def _prefer_city(scored: list[tuple[float, Entry]], cue: str | None) -> Entry:
    """A first-level region loses to its own main city of the same name unless a cue says region."""
    best = scored[0][1]
    if best.feature != "ADM1" or cue == "admin":
        return best
    top = scored[0][0]
    for score, entry in scored[1:]:
        # A national capital stands for its government ("talks with Washington") and is meant
        # over a same-named state unless the text's own context puts it far ahead.
        if entry.feature == "PPLC" and score >= top - CAPITAL_OVER_REGION:
            return entry
    for _, entry in scored[1:]:
        place = entry.place
        if (
            place.kind == "city"
            and place.country_code == best.place.country_code
            and place.admin1 == best.place.admin1
            and place.population >= CITY_SHARE_OF_REGION * best.place.population
        ):
            return entry
    return best


def _softmax_share(scored: list[tuple[float, Entry]], chosen: Entry, sharpness: float = SHARPNESS) -> float:
    """Probability mass of the chosen place; a region that yielded to its own main city
    (see ``_prefer_city``) counts for the city."""
    top = scored[0][0]
    weights = {e.place.place_id: math.exp(sharpness * (s - top)) for s, e in scored}
    mass = weights[chosen.place.place_id]
    if scored[0][1] is not chosen:
        mass += weights[scored[0][1].place.place_id]
    return mass / sum(weights.values())


def _contributions(span: Span, entry: Entry, share: float) -> list[tuple[str, object, float]]:
    """What one mention tells about the document's countries and regions."""
    place = entry.place
    weight = share * span.confidence
    if not place.country_code:
        # An ocean or a continent says "no country in particular": its weight keeps a faint
        # vote of another name from counting as the whole document's country.
        return [("countries", None, weight)]
    if place.kind == "country":
        return [("countries", place.country_code, weight), ("mentioned", place.country_code, share)]
    out: list[tuple[str, object, float]] = [("countries", place.country_code, 0.5 * weight)]
    if place.admin1:
        out.append(("admin1", (place.country_code, place.admin1), weight))
    return out


def _build_context(
    contributions: Iterable[tuple[str, object, float]], minus: Iterable[tuple[str, object, float]] = ()
) -> Context:
    """Sum the contributions, less ``minus`` (a name's own mentions must not vote for themselves)."""
    tables: dict[str, dict] = {"countries": defaultdict(float), "admin1": defaultdict(float),
                               "mentioned": defaultdict(float)}
    for table, key, weight in contributions:
        tables[table][key] += weight
    for table, key, weight in minus:
        tables[table][key] -= weight
    return Context(
        countries={k: v for k, v in tables["countries"].items() if v > 1e-9},
        admin1={k: v for k, v in tables["admin1"].items() if v > 1e-9},
        mentioned_countries={k for k, v in tables["mentioned"].items() if v >= 0.5},
    )


def _containers(text: str, spans: Sequence[Span]) -> list[Span | None]:
    """For "A, B" return B as A's container candidate (Alexandria, La.; Tbilisi, Georgia)."""
    out: list[Span | None] = [None] * len(spans)
    for k in range(len(spans) - 1):
        gap = text[spans[k].end : spans[k + 1].start]
        # "Mexico, China, Japan" is a list of countries, not "town, country": a name whose
        # likeliest sense is a country takes no container, nor does an item inside a list.
        likeliest = max(spans[k].entries, key=prior).place.kind
        if gap.strip() == "," and "\n" not in gap and likeliest != "country" and not _list_item(text, spans, k):
            out[k] = spans[k + 1]
    return out


def _list_item(text: str, spans: Sequence[Span], k: int) -> bool:
    """"Georgia, Oklahoma, Pennsylvania": a name between two comma-joined names, all three
    likeliest read as states or countries, is an item of a list, not a town in the next name."""
    if k == 0 or text[spans[k - 1].end : spans[k].start].strip() != ",":
        return False
    levels = [max(spans[j].entries, key=prior).feature for j in (k - 1, k, k + 1)]
    return all(level in ("ADM1", "PCLI") for level in levels)


def _distribution(scored: list[tuple[float, Entry]], limit: int = 12) -> list[tuple[Entry, float]]:
    """Softmax probabilities of the best ``limit`` candidates (they vote for the context)."""
    top = scored[0][0]
    weights = [(entry, math.exp(score - top)) for score, entry in scored]
    total = sum(w for _, w in weights)
    return [(entry, w / total) for entry, w in weights[:limit]]


def resolve_spans(text: str, spans: Sequence[Span]) -> list[Toponym]:
    """One toponym per span, resolved jointly with the rest of the document.

    Every mention first votes for the countries and regions of its candidates in proportion
    to their prior probability; then each name is re-ranked with the votes of the *other*
    names, and the votes are updated from the new ranking (``CONTEXT_ROUNDS`` times), so a
    coherent reading wins: Walker County + Huntsville + Houston all in Texas.
    """
    if not spans:
        return []
    containers = _containers(text, spans)
    empty = Context()
    dists = [_distribution(_scores(span, empty, container)) for span, container in zip(spans, containers, strict=True)]

    # One sense per discourse: sum the evidence of every mention of the same name.
    groups: dict[str, list[int]] = defaultdict(list)
    for index, span in enumerate(spans):
        groups[normalize(span.text)].append(index)
    decided: dict[int, tuple[Entry, float]] = {}
    final_context: dict[int, Context] = {}
    for _ in range(CONTEXT_ROUNDS):
        contributions = [
            [c for entry, p in dists[k] for c in _contributions(spans[k], entry, p)] for k in range(len(spans))
        ]
        everything = [c for items in contributions for c in items]
        new_dists = list(dists)
        for indices in groups.values():
            # The document's context without this name's own mentions (no self-reinforcement).
            context = _build_context(everything, [c for k in indices for c in contributions[k]])
            totals: dict[str, float] = defaultdict(float)
            entries: dict[str, Entry] = {}
            per_span = {}
            for index in indices:
                scored = _scores(spans[index], context, containers[index])
                per_span[index] = scored
                for score, entry in scored:
                    totals[entry.place.place_id] += score
                    entries[entry.place.place_id] = entry
            merged = sorted(((s / len(indices), entries[p]) for p, s in totals.items()),
                            key=lambda item: (-item[0], item[1].place.place_id))
            for index in indices:
                final_context[index] = context
            chosen = _prefer_city(merged, spans[indices[0]].cue)
            share = _softmax_share(merged, chosen)
            for index in indices:
                span = spans[index]
                pick, pick_share, scored = chosen, share, merged
                if pick.place.place_id not in {e.place.place_id for e in span.entries}:
                    scored = per_span[index]
                    pick = _prefer_city(scored, span.cue)
                    pick_share = _softmax_share(scored, pick)
                decided[index] = (pick, pick_share)
                new_dists[index] = [(e, p) for e, p in _distribution(scored) if e in span.entries] or dists[index]
        dists = new_dists
    result = []
    for index, span in enumerate(spans):
        pick, pick_share = decided[index]
        if _foreign_hamlet(pick.place, final_context[index]):
            continue
        similarity = span.similarity.get(pick.place.place_id, 100.0) / 100.0 if span.similarity else 1.0
        result.append(_toponym(span, pick.place, round(min(1.0, pick_share * span.confidence * similarity), 3)))
    return result


def _foreign_hamlet(place: Place, context: Context) -> bool:
    """A tiny village in a country the rest of a well-located document never points to."""
    if place.kind != "city" or place.population >= OBSCURE_POPULATION or not place.country_code:
        return False
    if sum(context.countries.values()) < OBSCURE_MIN_CONTEXT:
        return False
    return (context.countries.get(place.country_code, 0.0) <= 1e-9
            and place.country_code not in context.mentioned_countries)


def _toponym(span: Span, place: Place, score: float) -> Toponym:
    return Toponym.of(place, span.start, span.end, span.text, score)


def rank_entries(
    entries: Iterable[Entry], *, context_countries: Iterable[str] = (), similarity: dict[str, float] | None = None
) -> list[tuple[float, Entry]]:
    """Candidates of a bare name, best first (deterministic: ties broken by place id)."""
    countries = [c.upper() for c in context_countries]
    context = Context(
        countries=dict.fromkeys(countries, 1.0),
        mentioned_countries=set(countries),
    )
    span = Span(0, 0, "", tuple(entries), 1.0, similarity=similarity or {})
    scored = _scores(span, context, None)
    if scored:
        chosen = _prefer_city(scored, None)
        scored.sort(key=lambda item: item[1] is not chosen)  # stable: the rest keep their order
    return scored

"""Corridors from a corpus: named corridors (registry) and routes the articles state.

Two steps, so a rebuild only redoes what changed:

1. per document, :func:`corridor_mentions` finds the evidence — registry names and aliases
   ("INSTC", "Aras corridor") and stated routes ("Kermanshah to Baghdad"), each with its
   sentence and the document's date. Evidence is plain data (:meth:`CorridorEvidence.to_json`),
   so the pipeline caches it per document;
2. across documents, :func:`assemble_corridors` groups the evidence into
   :class:`~geo.models.Corridor` records and draws their lines (:mod:`geo.corridors.routes`). Named
   corridors' geometry is computed once per process.

A stated route attaches to a corridor named in the same sentence, else in the same paragraph
(the "China Corridor" and its three branches). A route attached to a registry corridor that
only restates it at country scale ("from China via Iran to Iraq, Syria, and the
Mediterranean") is kept as evidence for the registry line rather than drawn between country
centroids, which would misplace it (Azerbaijan's centroid → Nakhchivan crosses Armenia, the
very thing the Aras corridor avoids). Other routes with a country, region or sea among their
waypoints are drawn, but marked ``approximate`` (the map draws them dotted): their course
is not known, and a transit country the sentence names is passed near its border
(:func:`course_points`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Literal

from geo.corridors.names import NameMatch, alias_regex, find_corridor_names
from geo.corridors.registry import (
    CorridorSpec,
    Resolver,
    find_spec,
    gazetteer_resolver,
    read_registry,
    resolve_corridor,
)
from geo.corridors.routes import SEA_DETOUR_MAX, Mode, legs_geometry, route_legs
from geo.corridors.stated import StatedRoute, find_stated_routes
from geo.geodesy import line_length_km
from geo.models import Corridor, CorridorMention, Document, Place, Toponym
from geo.text.sentences import split_sentences

if TYPE_CHECKING:
    import geopandas as gpd

# Waypoints at this scale only say which countries or seas a route touches.
_LOG = logging.getLogger(__name__)
_COARSE_KINDS = frozenset({"country", "region", "continent", "water"})
APPROXIMATE_KINDS = _COARSE_KINDS | {"admin"}
"""A stated route through one of these (a centroid) has no known course: drawn dotted."""
# A paragraph ends at a blank line, or at a line break after a sentence's end: articles saved
# one paragraph per line have no blank lines, while hard-wrapped lines end mid-sentence.
_PARAGRAPH = re.compile(r"\n[ \t]*\n|(?<=[.!?\"”’)])[ \t]*\n")


@dataclass(frozen=True, slots=True)
class CorridorEvidence:
    """One sentence of one document that mentions a corridor or states a route.

    ``kind`` named: ``corridor_id`` is the registry id. ``kind`` stated: ``waypoints`` and
    ``modes`` describe the route and ``part_of`` names the corridor it belongs to, if any.
    """

    kind: Literal["named", "stated"]
    corridor_id: str
    name: str
    doc_id: str
    document: str
    published: date | None
    sentence: str
    waypoints: tuple[Place, ...] = ()
    modes: tuple[Mode, ...] = ()
    part_of: str | None = None

    def to_json(self) -> str:
        """Plain JSON, for the pipeline's per-document cache (never pickle)."""
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, payload: str) -> CorridorEvidence:
        data = json.loads(payload)
        published = data.get("published")
        return cls(
            kind=data["kind"],
            corridor_id=data["corridor_id"],
            name=data["name"],
            doc_id=data["doc_id"],
            document=data["document"],
            published=date.fromisoformat(published) if published else None,
            sentence=data["sentence"],
            waypoints=tuple(Place(**place) for place in data.get("waypoints", ())),
            modes=tuple(data.get("modes", ())),
            part_of=data.get("part_of"),
        )


# --------------------------------------------------------------------------- per document


def stated_corridor_id(waypoints: Sequence[Place]) -> str:
    """Stable id of a stated route: the same places in either direction are the same route."""
    ids = [p.place_id for p in waypoints]
    canonical = min(ids, ids[::-1])
    return "stated:" + hashlib.sha1("|".join(canonical).encode()).hexdigest()[:12]  # noqa: S324 (an id, not security)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _attached_name(
    route: StatedRoute, names: Sequence[NameMatch], paragraph: tuple[int, int]
) -> NameMatch | None:
    """The corridor name a route belongs to: nearest in its sentence, else in its paragraph."""
    for lo, hi in (route.sentence, paragraph):
        nearby = [m for m in names if lo <= m.start < hi]
        if nearby:
            # Nearest by character distance; a name before the route wins a tie.
            return min(
                nearby,
                key=lambda m: (max(route.start - m.end, m.start - route.end, 0), m.start > route.start),
            )
    return None


def _confirmed(
    names: Sequence[NameMatch], specs: Sequence[CorridorSpec], toponyms: Sequence[Toponym]
) -> list[NameMatch]:
    """Names, without weak aliases in an article that mentions no country on that corridor's route.

    "A north-south route" is the INSTC in an article about Iran and Russia, but a road in one
    about Kansas.
    """
    countries = {t.country_code for t in toponyms if t.country_code}
    by_id = {spec.corridor_id: spec for spec in specs}
    return [m for m in names if not m.weak or (m.corridor_id and by_id[m.corridor_id].countries & countries)]


def corridor_mentions(
    document: Document, toponyms: Sequence[Toponym], specs: Sequence[CorridorSpec] | None = None
) -> list[CorridorEvidence]:
    """All corridor evidence in one document (pure: depends only on its arguments)."""
    specs = read_registry() if specs is None else specs
    text = document.text
    sentences = split_sentences(text)
    names = _confirmed(find_corridor_names(text, specs), specs, toponyms)
    evidence: dict[tuple[str, str], CorridorEvidence] = {}

    def add(item: CorridorEvidence) -> None:
        evidence.setdefault((item.corridor_id, item.sentence), item)

    told = partial(CorridorEvidence, doc_id=document.doc_id, document=document.file_name, published=document.published)
    for match in names:
        if match.corridor_id is not None:
            add(told("named", match.corridor_id, match.name, sentence=sentences.sentence_at(match.start)))

    paragraphs = _paragraphs(text)
    for route in find_stated_routes(text, toponyms, sentences, names):
        paragraph = next((p for p in paragraphs if p[0] <= route.start <= p[1]), route.sentence)
        owner = _attached_name(route, names, paragraph)
        sentence = text[route.sentence[0] : route.sentence[1]]
        waypoints = tuple(t.place for t in route.toponyms)
        if (
            owner is not None
            and owner.corridor_id is not None
            and any(p.kind in _COARSE_KINDS for p in waypoints)
        ):
            add(told("named", owner.corridor_id, owner.name, sentence=sentence))
            continue
        add(
            told(
                "stated",
                stated_corridor_id(waypoints),
                # named as the article words it ("Basra", not the gazetteer's "Basrah")
                " – ".join(t.text for t in route.toponyms),
                sentence=sentence,
                waypoints=waypoints,
                modes=route.modes,
                part_of=owner.name if owner else None,
            )
        )
    return list(evidence.values())


def document_evidence(document: Document, toponyms: Sequence[Toponym]) -> list[str]:
    """:func:`corridor_mentions` as JSON strings, the form the pipeline caches per document."""
    return [item.to_json() for item in corridor_mentions(document, toponyms)]


# --------------------------------------------------------------------------- across documents


@lru_cache(maxsize=64)
def _named_geometry(
    spec: CorridorSpec, resolver: Resolver
) -> tuple[tuple[Place, ...], tuple[tuple[Mode, Any], ...]]:
    """Waypoints (in route order, without repeats) and legs of a registry corridor; cached."""
    places: list[Place] = []
    legs: list[tuple[Mode, Any]] = []
    for route in resolve_corridor(spec, resolver):
        places.extend(p for p in route.places if p not in places)
        legs.extend(route_legs(route.points, route.modes))
    return tuple(places), tuple(legs)


def registry_corridors(
    specs: Sequence[CorridorSpec] | None = None, resolver: Resolver = gazetteer_resolver
) -> list[Corridor]:
    """Every registry corridor with its line, mentioned or not (for a map of known corridors)."""
    corridors = []
    for spec in read_registry() if specs is None else specs:
        places, legs = _named_geometry(spec, resolver)
        corridors.append(
            Corridor(spec.corridor_id, spec.name, "named", places, legs, _length(legs), (), spec.aliases)
        )
    return corridors


def _mentions(items: Sequence[CorridorEvidence]) -> tuple[CorridorMention, ...]:
    unique = {(e.doc_id, e.sentence): e for e in items}
    ordered = sorted(unique.values(), key=lambda e: (e.published or date.max, e.document))
    return tuple(CorridorMention(e.doc_id, e.document, e.published, e.sentence) for e in ordered)


def _length(legs: Sequence[tuple[str, Sequence[tuple[float, float]]]]) -> float:
    return round(sum(line_length_km(line) for _, line in legs), 1)


def assemble_corridors(
    evidence: Iterable[CorridorEvidence],
    *,
    specs: Sequence[CorridorSpec] | None = None,
    resolver: Resolver = gazetteer_resolver,
) -> list[Corridor]:
    """Group evidence from all documents into corridors with their lines, named first."""
    specs = read_registry() if specs is None else specs
    groups: dict[str, list[CorridorEvidence]] = {}
    for item in evidence:
        groups.setdefault(item.corridor_id, []).append(item)
    corridors: list[Corridor] = []
    known = {spec.corridor_id for spec in specs}
    for corridor_id, items in groups.items():
        mentions = _mentions(items)
        if items[0].kind == "named":
            if corridor_id not in known:  # evidence cached before the registry was edited
                _LOG.warning(
                    "corridor %r is no longer in the registry; its %d mention(s) are left out",
                    corridor_id,
                    len(items),
                )
                continue
            spec = find_spec(specs, corridor_id)
            places, legs = _named_geometry(spec, resolver)
            corridors.append(
                Corridor(corridor_id, spec.name, "named", places, legs, _length(legs), mentions, spec.aliases)
            )
            continue
        first = min(items, key=lambda e: (e.published or date.max, e.document))
        part_of = next((e.part_of for e in items if e.part_of), None)
        legs = route_legs(course_points(first.waypoints), first.modes, sea_detour_max=SEA_DETOUR_MAX)
        corridors.append(
            Corridor(
                corridor_id,
                first.name,
                "stated",
                first.waypoints,
                legs,
                _length(legs),
                mentions,
                part_of=part_of,
            )
        )
    return sorted(corridors, key=lambda c: (c.kind != "named", c.part_of or "", c.name))


TRANSIT_INSET_DEG = 0.25
"""A transit country's point lies this far inside its border (the line visibly enters it)."""


def course_points(waypoints: Sequence[Place]) -> list[tuple[float, float]]:
    """Where a stated route's line passes each waypoint.

    A country named as transit between two places ("Azerbaijan → Iran → Nakhchivan") is passed
    where it comes closest to the straight course between its neighbours, just inside its
    border, not at its centroid (the middle of Iran is a detour no route makes). Other
    waypoints are their gazetteer points.
    """
    points = [(p.lon, p.lat) for p in waypoints]
    for i in range(1, len(waypoints) - 1):
        code = waypoints[i].country_code
        if waypoints[i].kind == "country" and code:
            points[i] = _transit_point(code, points[i - 1], points[i + 1]) or points[i]
    return points


def _transit_point(country_code: str, before: tuple[float, float], after: tuple[float, float]) -> tuple[float, float] | None:
    import shapely

    from geo.maps.basemap import countries

    shapes = countries("50m")
    outline = shapes.loc[shapes["iso_a2"] == country_code, "geometry"]
    if outline.empty:
        return None
    inside = shapely.union_all(outline.values).buffer(-TRANSIT_INSET_DEG)
    if inside.is_empty:
        inside = shapely.union_all(outline.values)
    middle = shapely.Point((before[0] + after[0]) / 2, (before[1] + after[1]) / 2)
    nearest = shapely.shortest_line(inside, middle).coords[0]
    return round(nearest[0], 5), round(nearest[1], 5)


def extract_corridors(docs_with_toponyms: Sequence[tuple[Document, Sequence[Toponym]]]) -> list[Corridor]:
    """Corridors of a corpus: evidence per document, then assembly."""
    return assemble_corridors(
        item for doc, toponyms in docs_with_toponyms for item in corridor_mentions(doc, toponyms)
    )


# --------------------------------------------------------------------------- output


def corridor_properties(corridor: Corridor) -> dict[str, Any]:
    """The feature properties of a corridor (the store's ``corridors`` columns but geometry)."""
    dates = [m.published for m in corridor.mentions if m.published]
    sentences = list(dict.fromkeys(m.sentence for m in corridor.mentions))
    # The evidence shown first: the earliest sentence that uses the corridor's full name, as it
    # tells a reader most; else the earliest sentence.
    full_name = re.compile(alias_regex(corridor.name), re.IGNORECASE)
    sentence = next((s for s in sentences if full_name.search(s)), sentences[0] if sentences else "")
    return {
        "corridor_id": corridor.corridor_id,
        "name": corridor.name,
        "kind": corridor.kind,
        "part_of": corridor.part_of,
        "aliases": list(corridor.aliases),
        "approximate": corridor.kind == "stated" and any(p.kind in APPROXIMATE_KINDS for p in corridor.waypoints),
        "documents": sorted({m.document for m in corridor.mentions}),
        "first_mentioned": min(dates).isoformat() if dates else None,
        "last_mentioned": max(dates).isoformat() if dates else None,
        "length_km": corridor.length_km,
        "waypoints": [p.name for p in corridor.waypoints],
        "modes": [mode for mode, _ in corridor.legs],
        "sentence": sentence,
        "sentences": sentences,
    }


def corridor_features(corridors: Iterable[Corridor]) -> list[dict[str, Any]]:
    """One GeoJSON Feature per corridor (LineString, or MultiLineString for several parts)."""
    return [
        {"type": "Feature", "properties": corridor_properties(c), "geometry": legs_geometry(c.legs)}
        for c in corridors
    ]


def corridor_table(payloads: Sequence[str]) -> gpd.GeoDataFrame:
    """The store's ``corridors`` table from cached per-document evidence (JSON strings)."""
    import geopandas as gpd
    import shapely.geometry

    from geo.store.schema import TABLES

    corridors = assemble_corridors(CorridorEvidence.from_json(p) for p in payloads)
    rows = []
    for feature in corridor_features(corridors):
        row = dict(feature["properties"])
        for column in ("first_mentioned", "last_mentioned"):
            row[column] = date.fromisoformat(row[column]) if row[column] else None
        row["geometry"] = shapely.geometry.shape(feature["geometry"])
        rows.append(row)
    columns = list(TABLES["corridors"])
    if not rows:
        return gpd.GeoDataFrame({c: [] for c in columns if c != "geometry"}, geometry=[], crs="EPSG:4326")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")[columns]

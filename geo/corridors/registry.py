"""The registry of named corridors (``data/corridors.yaml``): reading, validating, resolving.

Reading is split from resolving: alias matching in articles only needs names, while drawing a
corridor needs its waypoints placed by the gazetteer. Every problem in the file is reported as a
:class:`RegistryError` that names the corridor (and waypoint) at fault, because a registry
edited by hand should fail loudly rather than draw a line to the wrong Julfa.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from geo.corridors.routes import Mode
from geo.errors import RegistryError
from geo.geodesy import LonLat
from geo.models import Place
from geo.settings import CORRIDOR_REGISTRY

REGISTRY_PATH = CORRIDOR_REGISTRY

# "Name (CC)" — a place name and its ISO 3166-1 alpha-2 country code.
_WAYPOINT = re.compile(r"^\s*(?P<name>[^()]+?)\s*\((?P<cc>[A-Z]{2})\)\s*$")
# Leg separators in a path: "->" land, "~>" sea.
_LEG = re.compile(r"\s*(->|~>)\s*")
_MODES: dict[str, Mode] = {"->": "land", "~>": "sea"}
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

Resolver = Callable[[str, str], Place | None]
"""``resolver(name, country_code) -> Place | None``: how registry waypoints are placed."""


@dataclass(frozen=True, slots=True)
class Waypoint:
    """A waypoint as the registry writes it: a place name and its country code."""

    name: str
    country_code: str


@dataclass(frozen=True, slots=True)
class RouteSpec:
    """One route of a corridor: waypoints in order and one mode per leg."""

    label: str
    waypoints: tuple[Waypoint, ...]
    modes: tuple[Mode, ...]


@dataclass(frozen=True, slots=True)
class CorridorSpec:
    """A registry entry before its waypoints are resolved."""

    corridor_id: str
    name: str
    aliases: tuple[str, ...]
    routes: tuple[RouteSpec, ...]
    sources: tuple[str, ...]
    # Generic phrases ("the north-south route") that name this corridor only in an article
    # that also mentions a country on its route.
    weak_aliases: tuple[str, ...] = ()
    # The corridor's colour on every map and export (``#rrggbb``); one of a fixed palette, picked
    # by its id, when the registry gives none.
    colour: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias (what is matched in articles)."""
        return (self.name, *self.aliases, *self.weak_aliases)

    @property
    def countries(self) -> frozenset[str]:
        """Country codes of the corridor's waypoints."""
        return frozenset(w.country_code for route in self.routes for w in route.waypoints)


@dataclass(frozen=True, slots=True)
class ResolvedRoute:
    """A route whose waypoints are gazetteer places."""

    label: str
    places: tuple[Place, ...]
    modes: tuple[Mode, ...]

    @property
    def points(self) -> tuple[LonLat, ...]:
        return tuple((p.lon, p.lat) for p in self.places)


def parse_path(path: str, *, corridor: str) -> tuple[tuple[Waypoint, ...], tuple[Mode, ...]]:
    """Parse ``"A (CC) -> B (CC) ~> C (CC)"`` into waypoints and leg modes."""
    parts = _LEG.split(path.strip())
    names, separators = parts[0::2], parts[1::2]
    waypoints: list[Waypoint] = []
    for raw in names:
        match = _WAYPOINT.match(raw)
        if not match:
            raise RegistryError(
                f"corridor {corridor!r}: waypoint {raw!r} must be written 'Name (CC)' "
                "with a two-letter country code"
            )
        waypoints.append(Waypoint(match["name"], match["cc"]))
    if len(waypoints) < 2:
        raise RegistryError(f"corridor {corridor!r}: a route needs at least two waypoints, got {path!r}")
    return tuple(waypoints), tuple(_MODES[s] for s in separators)


def _strings(value: Any, *, field: str, corridor: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(f"corridor {corridor!r}: {field!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _corridor_spec(entry: Any, index: int) -> CorridorSpec:
    if not isinstance(entry, dict):
        raise RegistryError(f"corridor #{index + 1}: expected a mapping, got {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RegistryError(f"corridor #{index + 1}: missing 'name'")
    corridor_id = entry.get("id")
    if not isinstance(corridor_id, str) or not re.fullmatch(r"[a-z0-9-]+", corridor_id):
        raise RegistryError(f"corridor {name!r}: 'id' must be a lower-case slug like 'middle-corridor'")
    raw_routes = entry.get("routes")
    if not isinstance(raw_routes, list) or not raw_routes:
        raise RegistryError(f"corridor {name!r}: needs at least one route under 'routes'")
    routes = []
    for number, route in enumerate(raw_routes, start=1):
        if not isinstance(route, dict) or not isinstance(route.get("path"), str):
            raise RegistryError(f"corridor {name!r}: route {number} needs a 'path' string")
        waypoints, modes = parse_path(route["path"], corridor=name)
        routes.append(RouteSpec(str(route.get("label", f"route {number}")), waypoints, modes))
    return CorridorSpec(
        corridor_id=corridor_id,
        name=name.strip(),
        aliases=_strings(entry.get("aliases"), field="aliases", corridor=name),
        routes=tuple(routes),
        sources=_strings(entry.get("sources"), field="sources", corridor=name),
        weak_aliases=_strings(entry.get("weak_aliases"), field="weak_aliases", corridor=name),
        colour=_colour(entry.get("colour"), corridor=name),
    )


def _colour(value: Any, *, corridor: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise RegistryError(f"corridor {corridor!r}: 'colour' must be written '#rrggbb', got {value!r}")
    return value.lower()


def parse_registry(text: str) -> tuple[CorridorSpec, ...]:
    """Validate registry YAML text and return its corridors (waypoints not yet resolved)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RegistryError(f"corridor registry is not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("corridors"), list):
        raise RegistryError("corridor registry must have a top-level 'corridors' list")
    specs = tuple(_corridor_spec(entry, i) for i, entry in enumerate(data["corridors"]))
    seen: set[str] = set()
    for spec in specs:
        if spec.corridor_id in seen:
            raise RegistryError(f"corridor {spec.name!r}: duplicate id {spec.corridor_id!r}")
        seen.add(spec.corridor_id)
    return specs


@cache
def read_registry(path: Path = REGISTRY_PATH) -> tuple[CorridorSpec, ...]:
    """The registry file's corridors, read once per process."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise RegistryError(f"cannot read corridor registry {path}: {error}") from error
    return parse_registry(text)


def registry_fingerprint(path: Path = REGISTRY_PATH) -> str:
    """Hash of the registry file: per-document corridor evidence cached under another
    fingerprint was matched against other aliases and must be recomputed."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def gazetteer_resolver(name: str, country_code: str) -> Place | None:
    """Resolve a registry waypoint through the geoparser's gazetteer, in its country.

    Waypoints are towns and ports, so a city of that name is preferred to a same-named
    region whose centroid lies inland (Constanța the port, not Constanța county).
    """
    from geo.parse.geoparser import resolve_name

    for kinds in (("city", "facility"), None):
        place = resolve_name(name, context_countries=(country_code,), kinds=kinds)
        if place is not None and place.country_code == country_code:
            return place
    return resolve_name(name, context_countries=(country_code,))


def resolve_route(spec: CorridorSpec, route: RouteSpec, resolver: Resolver) -> ResolvedRoute:
    """Place every waypoint of ``route``; unknown or mislocated names raise ``RegistryError``."""
    places = []
    for waypoint in route.waypoints:
        place = resolver(waypoint.name, waypoint.country_code)
        if place is None:
            raise RegistryError(
                f"corridor {spec.name!r}: waypoint {waypoint.name!r} ({waypoint.country_code}) "
                "is not in the gazetteer"
            )
        if place.country_code != waypoint.country_code:
            raise RegistryError(
                f"corridor {spec.name!r}: waypoint {waypoint.name!r} resolved to {place.name} in "
                f"{place.country_code}, expected a place in {waypoint.country_code}"
            )
        # Keep the registry's spelling for display ("Nakhchivan", not "Naxçıvan"); the place
        # id and coordinates are the gazetteer's.
        places.append(replace(place, name=waypoint.name))
    return ResolvedRoute(route.label, tuple(places), route.modes)


def resolve_corridor(
    spec: CorridorSpec, resolver: Resolver = gazetteer_resolver
) -> tuple[ResolvedRoute, ...]:
    """All routes of a registry corridor with their waypoints placed."""
    return tuple(resolve_route(spec, route, resolver) for route in spec.routes)


def find_spec(specs: Sequence[CorridorSpec], corridor_id: str) -> CorridorSpec:
    """The registry entry with ``corridor_id`` (``KeyError`` if absent)."""
    for spec in specs:
        if spec.corridor_id == corridor_id:
            return spec
    raise KeyError(corridor_id)

"""Briefings on disk: one YAML file each under ``data/briefings/``, read forgivingly, written safely.

The file is meant to be read, diffed and edited by hand (its schema is in the README). A hand
edit with an error costs only the views it touches: each problem is reported with the view and
the field, and every other view still loads. Saves are atomic and locked
(:mod:`geo.atomic`), and a file that did not load cleanly is copied aside before the first save
replaces it, so a broken view is never silently lost.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from geo import settings
from geo.atomic import locked, write_atomically
from geo.briefings.model import LAYERS, SCHEMA_VERSION, Briefing, Snapshot, View
from geo.maps.view import MapView
from geo.store.filters import Filters

SUFFIX = ".yaml"
MAX_FILE_BYTES = 2 * 1024 * 1024
"""A briefing is a few dozen views of text: anything bigger is not one."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it (its wheels are): ten times faster, same result."""
_VIEW_START = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+title[ \t]*:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a briefing file: where (view number and title, field) and what."""

    message: str
    view: int | None = None
    """1-based position of the view, ``None`` for the file as a whole."""
    title: str = ""
    field: str = ""

    def __str__(self) -> str:
        where = []
        if self.view is not None:
            where.append(f"view {self.view}" + (f" “{self.title}”" if self.title else ""))
        if self.field:
            where.append(self.field)
        return (", ".join(where) + ": " if where else "") + self.message


@dataclass(frozen=True, slots=True)
class Known:
    """What the store holds, to check a view's filters against: a filter naming something gone is reported."""

    corridors: Mapping[str, str] = field(default_factory=dict)
    """Every corridor name and alias (case-folded) → the corridor's current name."""
    event_types: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Loaded:
    """A briefing as read, with the problems found (the views that had them are repaired or left out)."""

    briefing: Briefing
    problems: tuple[Problem, ...] = ()
    path: Path | None = None


# --------------------------------------------------------------------------- names and paths


def slug(name: str) -> str:
    """File stem of a briefing name: lower-case letters, digits and dashes (never a path)."""
    stem = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return stem[:80] or "briefing"


def briefing_path(name: str, folder: Path | None = None) -> Path:
    return (folder or settings.briefings_dir()) / f"{slug(name)}{SUFFIX}"


def list_briefings(folder: Path | None = None) -> list[tuple[str, Path]]:
    """``(name, path)`` of every briefing file in ``folder``, by name; an unreadable file shows its stem."""
    found = []
    for path in sorted((folder or settings.briefings_dir()).glob(f"*{SUFFIX}")):
        if path.name.startswith(".") or not path.is_file():
            continue
        found.append((_name_in(path) or path.stem, path))
    return sorted(found, key=lambda item: item[0].casefold())


def _name_in(path: Path) -> str | None:
    try:
        data = _load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    name = data.get("name") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


# --------------------------------------------------------------------------- reading


def load_briefing(path: Path, known: Known | None = None) -> Loaded:
    """Read a briefing file; never raises for its content (problems are returned instead).

    Raises ``FileNotFoundError`` only when there is no such file.
    """
    if not path.is_file():
        raise FileNotFoundError(f"no briefing at {path}")
    name = path.stem
    if path.stat().st_size > MAX_FILE_BYTES:
        return Loaded(Briefing(name), (Problem(f"file is larger than {settings.format_size(MAX_FILE_BYTES)}"),), path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Loaded(Briefing(name), (Problem("file is not UTF-8 text"),), path)
    return parse_briefing(text, default_name=name, known=known, path=path)


def parse_briefing(text: str, *, default_name: str, known: Known | None = None, path: Path | None = None) -> Loaded:
    """A briefing from its YAML text (see :func:`load_briefing`)."""
    problems: list[Problem] = []
    try:
        data = _load_yaml(text)
    except yaml.YAMLError as error:
        problems.append(Problem(f"not valid YAML ({_yaml_where(error)}); the views that still read are kept"))
        name, raw_views = _salvage(text, problems)
        data = {"name": name or default_name, "views": raw_views}
    if not isinstance(data, dict):
        problems.append(Problem("expected a mapping with 'name' and 'views'"))
        return Loaded(Briefing(default_name), tuple(problems), path)
    version = data.get("version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        problems.append(Problem(f"version {version!r} is not {SCHEMA_VERSION}; read as version {SCHEMA_VERSION}", field="version"))
    given = data.get("name")
    name = given.strip() if isinstance(given, str) and given.strip() else default_name
    raw = data.get("views") or []
    if not isinstance(raw, list):
        problems.append(Problem("'views' must be a list", field="views"))
        raw = []
    views = []
    for number, item in enumerate(raw, start=1):
        view = _view(item, number, known, problems)
        if view is not None:
            views.append(view)
    return Loaded(Briefing(name, tuple(views)), tuple(problems), path)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (plain data only)


def _yaml_where(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    return f"line {mark.line + 1}" if mark is not None else "unreadable"


def _salvage(text: str, problems: list[Problem]) -> tuple[str | None, list[Any]]:
    """The name and the views that parse on their own, from a file whose YAML is broken somewhere.

    Each view starts with ``- title:``; a view whose own lines are broken is reported and left out.
    """
    starts = list(_VIEW_START.finditer(text))
    head = text[: starts[0].start()] if starts else text
    name_match = re.search(r"^name[ \t]*:[ \t]*(.+)$", head, re.MULTILINE)
    name = None
    if name_match:
        try:
            value = _load_yaml(name_match.group(1))
            name = value if isinstance(value, str) else None
        except yaml.YAMLError:
            name = None
    views: list[Any] = []
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        chunk = text[start.start() : end]
        indent = len(start.group("indent"))
        lines = [line[indent:] if line[:indent].strip() == "" else line for line in chunk.splitlines()]
        try:
            parsed = _load_yaml("\n".join(lines))
        except yaml.YAMLError as error:
            problems.append(Problem(f"cannot be read ({_yaml_where(error)} of the view); left out", view=index + 1))
            views.append(None)
            continue
        views.append(parsed[0] if isinstance(parsed, list) and parsed else None)
    return name, views


def _view(item: Any, number: int, known: Known | None, problems: list[Problem]) -> View | None:
    if item is None:
        return None  # already reported by the salvage
    if not isinstance(item, dict):
        problems.append(Problem("expected a mapping with at least a title; left out", view=number))
        return None
    title = item.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem("has no title; left out", view=number, field="title"))
        return None
    title = title.strip()

    def report(field_name: str, message: str) -> None:
        problems.append(Problem(message, view=number, title=title, field=field_name))

    note = item.get("note", "")
    if not isinstance(note, str):
        report("note", "must be text; left empty")
        note = ""
    return View(
        title=title,
        note=note,
        filters=_filters(item.get("filters"), known, report),
        extent=_extent(item.get("view"), report),
        layers=_layers(item.get("layers"), report),
        saved_at=_time(item.get("saved_at"), report),
        snapshot=_snapshot(item.get("snapshot"), report),
    )


Report = Callable[[str, str], None]


def _filters(raw: Any, known: Known | None, report: Report) -> Filters:
    """Filters from their URL form; unknown fields and unreadable or vanished values are reported and dropped."""
    if raw is None:
        return Filters()
    if not isinstance(raw, dict):
        report("filters", "must be a mapping; no filters applied")
        return Filters()
    params: dict[str, list[str]] = {}
    fields = Filters.__dataclass_fields__
    for key, value in raw.items():
        if key not in fields:
            report(f"filters.{key}", "unknown filter; ignored")
            continue
        values = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if not _readable(fields[key].default, values):
            report(f"filters.{key}", f"cannot read {', '.join(values)!r}; ignored")
            continue
        params[key] = values
    filters = Filters.from_query_params(params)
    return _known_values(filters, known, report) if known is not None else filters


BOOLEAN_WORDS = frozenset({"1", "0", "true", "false", "yes", "no", "on", "off"})
"""How a boolean filter is written in a URL or a file (a briefing name is none of these)."""


def _readable(default: Any, values: list[str]) -> bool:
    """Whether the URL form ``values`` reads as a value of the field with this ``default``."""
    last = values[-1].strip().lower() if values else ""
    if isinstance(default, tuple | str):
        return True
    if isinstance(default, bool):
        return last in BOOLEAN_WORDS
    try:
        if isinstance(default, float):
            float(last)
        else:  # the date bounds, None by default
            date.fromisoformat(last)
    except ValueError:
        return False
    return True


def _known_values(filters: Filters, known: Known, report: Report) -> Filters:
    """Drop corridors and event types the store no longer has (a renamed corridor is followed by its alias)."""
    from dataclasses import replace

    corridors = []
    for name in filters.corridors:
        current = known.corridors.get(name.casefold())
        if current is None:
            report("filters.corridors", f"corridor “{name}” is not in the store any more; left out")
        else:
            corridors.append(current)
    types = [t for t in filters.event_types if t in known.event_types]
    for gone in sorted(set(filters.event_types) - set(types)):
        report("filters.event_types", f"event type “{gone}” is unknown; left out")
    return replace(filters, corridors=tuple(dict.fromkeys(corridors)), event_types=tuple(types))


def _extent(raw: Any, report: Report) -> MapView | None:
    if raw is None:
        return None
    try:
        if not isinstance(raw, dict):
            raise TypeError("must be a mapping with lat, lon and zoom")
        return MapView(float(raw["lat"]), float(raw["lon"]), float(raw["zoom"]))
    except KeyError as missing:
        report("view", f"needs {missing.args[0]}; the view is framed on its features instead")
    except (TypeError, ValueError) as error:
        report("view", f"{error}; the view is framed on its features instead")
    return None


def _layers(raw: Any, report: Report) -> tuple[str, ...]:
    if raw is None:
        return LAYERS
    items = raw if isinstance(raw, list) else [raw]
    layers = tuple(layer for layer in LAYERS if layer in items)
    unknown = [str(item) for item in items if item not in LAYERS]
    if unknown:
        report("layers", f"unknown layer(s) {', '.join(unknown)}; ignored (known: {', '.join(LAYERS)})")
    return layers


def _time(raw: Any, report: Report) -> datetime | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=UTC)
    try:
        value = datetime.fromisoformat(str(raw))
    except ValueError:
        report("saved_at", f"{raw!r} is not an ISO date and time; ignored")
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _snapshot(raw: Any, report: Report) -> Snapshot:
    if raw is None:
        return Snapshot()
    try:
        if not isinstance(raw, dict):
            raise TypeError("must be a mapping")
        return Snapshot(
            events=int(raw.get("events", 0)),
            places=int(raw.get("places", 0)),
            corridors=int(raw.get("corridors", 0)),
            documents=tuple(str(d) for d in raw.get("documents") or ()),
            complete=bool(raw.get("complete", True)),
            digest=str(raw.get("digest", "")),
        )
    except (TypeError, ValueError) as error:
        report("snapshot", f"{error}; what changed since saving cannot be told for this view")
        return Snapshot()


# --------------------------------------------------------------------------- writing


def to_yaml(briefing: Briefing) -> str:
    """The briefing as YAML: stable key order, one view after another, notes as literal blocks."""
    data = {
        "version": SCHEMA_VERSION,
        "name": briefing.name,
        "views": [_view_data(view) for view in briefing.views],
    }
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _view_data(view: View) -> dict[str, Any]:
    data: dict[str, Any] = {"title": view.title}
    if view.note:
        data["note"] = view.note
    params = view.filters.to_query_params()
    if params:
        data["filters"] = {key: values if len(values) > 1 or key in _LIST_FIELDS else values[0]
                           for key, values in params.items()}
    if view.extent is not None:
        data["view"] = {"lat": round(view.extent.lat, 5), "lon": round(view.extent.lon, 5),
                        "zoom": round(view.extent.zoom, 2)}
    data["layers"] = list(view.layers)
    if view.saved_at is not None:
        data["saved_at"] = view.saved_at.astimezone(UTC).replace(microsecond=0).isoformat()
    snapshot = view.snapshot
    data["snapshot"] = {"events": snapshot.events, "places": snapshot.places, "corridors": snapshot.corridors,
                        "documents": list(snapshot.documents), "complete": snapshot.complete,
                        "digest": snapshot.digest}
    return data


_LIST_FIELDS = frozenset(name for name, spec in Filters.__dataclass_fields__.items() if isinstance(spec.default, tuple))


class _Dumper(yaml.SafeDumper):
    """Safe YAML with multi-line text (notes) as readable ``|`` blocks."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def save_briefing(briefing: Briefing, path: Path | None = None) -> Path:
    """Write ``briefing`` (atomically, under the file's lock); returns the path written."""
    target = path or briefing_path(briefing.name)
    with locked(target):
        _keep_if_broken(target)
        write_atomically(target, to_yaml(briefing))
    return target


def update_briefing(path: Path, change: Callable[[Briefing], Briefing], *, name: str | None = None) -> Briefing:
    """Read, change and write one briefing under its lock, so two saves never lose one another's views.

    A missing file starts an empty briefing called ``name`` (or the file's stem).
    """
    with locked(path):
        current = load_briefing(path).briefing if path.is_file() else Briefing(name or path.stem)
        changed = change(current)
        _keep_if_broken(path)
        write_atomically(path, to_yaml(changed))
    return changed


def _keep_if_broken(path: Path) -> None:
    """Copy a file that does not load cleanly aside (``.NAME.yaml.<time>.broken``) before it is replaced."""
    if not path.is_file():
        return
    problems = load_briefing(path).problems
    if any(p.view is None or "left out" in p.message for p in problems):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        shutil.copy2(path, path.with_name(f".{path.name}.{stamp}.broken"))


def known_from(corridors: Iterable[tuple[str, Iterable[str]]], event_types: Iterable[str]) -> Known:
    """:class:`Known` from ``(name, aliases)`` of the store's corridors and its event types."""
    names: dict[str, str] = {}
    for name, aliases in corridors:
        for alias in (name, *aliases):
            names.setdefault(str(alias).casefold(), name)
    return Known(corridors=names, event_types=frozenset(event_types))

"""What the analyst asked to see: a filter state, its URL form, and the tables it selects.

Pure functions over the store's GeoDataFrames (see ``geo/store/schema.py``), shared by the app, the
exports and the benchmark. The URL form is what makes a copied link reopen the same view.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal, Protocol, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

QueryParams = dict[str, list[str]]
FieldKind = Literal["date", "bool", "choice", "fraction", "text"]


@dataclass(frozen=True, slots=True)
class FilterField:
    """One filter as every surface shows it: its ``Filters`` attribute (also its URL key), the
    sidebar widget's label and help, and the command-line flag.

    The URL form, the sidebar (``pages/_shared.py``) and the export command's flags
    (``geo/commands/export.py``) are all read from :data:`FIELDS`, so adding a filter is one
    attribute on :class:`Filters`, one entry here and the rule that applies it.
    ``kind`` says how a value is written and read: ``choice`` is a list of values offered from
    the :class:`Choices` attribute ``options``; a ``bool`` flag sets the value that is not the
    default (``--dated-only`` turns ``include_undated`` off). ``flag=None``: a display setting
    that only the app has (briefing view, dark basemap).
    """

    name: str
    kind: FieldKind
    label: str
    help: str = ""
    flag: str | None = None
    metavar: str | None = None
    flag_help: str = ""
    options: str | None = None
    caption: str = ""  # the word before the values in a caption ("types: meeting, visit")
    upper: bool = False  # values are codes written in capitals (country codes)

    def cli_args(self, value: Any, default: Any) -> list[str]:
        """The flags that give ``value`` on the command line (none for the default)."""
        if self.flag is None or value == default:
            return []
        if self.kind == "choice":
            return [item for one in value for item in (self.flag, str(one))]
        if self.kind == "bool":
            return [self.flag]
        if self.kind == "fraction":
            return [self.flag, f"{value:g}"]
        if self.kind == "date":
            return [self.flag, value.isoformat()]
        return [self.flag, str(value)]


FIELDS: tuple[FilterField, ...] = (
    FilterField("date_from", "date", "From", flag="--from", metavar="YYYY-MM-DD", flag_help="first day"),
    FilterField("date_to", "date", "To", flag="--to", metavar="YYYY-MM-DD", flag_help="last day"),
    FilterField("include_undated", "bool", "Include undated", help="Events and articles without a known date",
                flag="--dated-only", flag_help="leave out undated events and articles"),
    FilterField("event_types", "choice", "Event types", flag="--types", metavar="T[,T…]",
                flag_help="event types, e.g. meeting,visit", options="event_types", caption="types"),
    FilterField("countries", "choice", "Countries", flag="--countries", metavar="CC[,CC…]",
                flag_help="ISO 3166 alpha-2 codes, e.g. IR,AZ", options="countries", caption="countries", upper=True),
    FilterField("areas", "choice", "Seas and regions", flag="--areas", metavar="NAME[,NAME…]",
                help="Seas, gulfs and regions (no country of their own); a sea also counts for the countries "
                "on its shores", flag_help="seas and regions, e.g. 'Caspian Sea'", options="areas",
                caption="seas and regions"),
    FilterField("corridors", "choice", "Corridors", flag="--corridors", metavar="NAME[,NAME…]",
                flag_help="corridor names or aliases, e.g. INSTC", options="corridors", caption="corridors"),
    FilterField("actors", "choice", "Actors", flag="--actors", metavar="NAME[,NAME…]", flag_help="event actors",
                options="actors", caption="actors"),
    FilterField("min_confidence", "fraction", "Minimum confidence",
                help="Geoparser score for places, extraction confidence for events", flag="--min-confidence",
                metavar="0..1", flag_help="minimum event confidence / mention score"),
    FilterField("text", "text", "Search text", help="word in sentences, places, actors", flag="--search",
                metavar="TEXT", flag_help="text to find in sentences and names"),
    FilterField("briefing", "bool", "Briefing view", help="Full-screen map for a shared screen (1920×1080)"),
    FilterField("dark", "bool", "Dark basemap"),
)
"""Every filter, in the order the sidebar, the command line and captions list them."""
BY_FIELD: dict[str, FilterField] = {spec.name: spec for spec in FIELDS}


@dataclass(frozen=True)
class Filters:
    """One view of the store. Empty selections mean "everything" (see :data:`FIELDS`)."""

    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    areas: tuple[str, ...] = ()  # names of seas and regions (places of no one country)
    corridors: tuple[str, ...] = ()  # corridor names (or aliases)
    actors: tuple[str, ...] = ()
    min_confidence: float = 0.0
    text: str = ""
    briefing: bool = False
    dark: bool = False  # dark basemap (briefing on a dark screen)

    def to_query_params(self) -> QueryParams:
        """URL parameters for this state; defaults are left out so plain URLs stay plain."""
        params: QueryParams = {}
        for spec in FIELDS:
            value = getattr(self, spec.name)
            if value != default(spec.name):
                params[spec.name] = _to_text(spec, value)
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]]) -> Filters:
        """Parse URL parameters; unknown keys and malformed values fall back to defaults.

        A hand-edited or truncated URL must still open the app, so nothing here raises.
        """
        values: dict[str, Any] = {}
        for spec in FIELDS:
            raw = params.get(spec.name)
            if raw is None:
                continue
            items = [raw] if isinstance(raw, str) else [str(item) for item in raw]
            items = [item.strip() for item in items if item.strip()]
            if not items:
                continue
            parsed = parse_value(spec, items)
            if parsed is not None:
                values[spec.name] = parsed
        return cls(**values)

    def is_default(self) -> bool:
        """True when nothing is filtered (briefing and theme do not filter)."""
        return dataclasses.replace(self, briefing=False, dark=False) == Filters()


_DEFAULTS: dict[str, Any] = {spec.name: spec.default for spec in dataclasses.fields(Filters)}


def default(name: str) -> Any:
    """The value of a filter that filters nothing."""
    return _DEFAULTS[name]


def _to_text(spec: FilterField, value: Any) -> list[str]:
    if spec.kind == "choice":
        return list(value)
    if spec.kind == "bool":
        return ["1" if value else "0"]
    if spec.kind == "fraction":
        return [f"{value:g}"]
    return [value.isoformat() if spec.kind == "date" else str(value)]


def parse_value(spec: FilterField, items: list[str]) -> Any:
    """A filter's value from its text form (URL parameter values or flag values); ``None`` if malformed."""
    if spec.kind == "choice":
        return tuple(dict.fromkeys(item.upper() if spec.upper else item for item in items))
    last = items[-1]
    if spec.kind == "bool":
        return last.lower() in {"1", "true", "yes", "on"}
    if spec.kind == "fraction":
        try:
            return min(max(float(last), 0.0), 1.0)
        except ValueError:
            return None
    if spec.kind == "date":
        try:
            return date.fromisoformat(last)
        except ValueError:
            return None
    return last


class StoreLike(Protocol):
    """The five tables of ``geo.store.tables.Store``; filtering returns a copy with the same fields.

    A dataclass (``dataclasses.replace`` makes the filtered copy), like ``Store`` and the test fakes.
    """

    __dataclass_fields__: ClassVar[dict[str, Any]]
    documents: pd.DataFrame
    mentions: pd.DataFrame
    places: pd.DataFrame
    events: pd.DataFrame
    corridors: pd.DataFrame


S = TypeVar("S", bound=StoreLike)


def apply_filters(store: S, filters: Filters) -> S:
    """Return a store holding only what ``filters`` selects.

    Events are filtered on their own interval; mentions (which have no date) on their
    document's date. Places are recounted from the remaining mentions, so circle sizes follow
    the filter. Choosing event types or actors keeps the places where those events happened;
    choosing corridors (by name or alias) narrows everything to the articles that mention them.
    Countries and seas/regions together say *where*: a country keeps what happened in it and
    on the seas along its shores (Caspian Sea exercises count for Iran and Russia), a sea or
    region keeps what happened there.
    """
    corridors = _filter_corridors(store.corridors, filters)
    corridor_files = set(_flatten(corridors["documents"])) if filters.corridors else None

    where = _places_where(store.places, filters)
    events = _filter_events(store.events, filters, where)
    dated = store.documents[_date_mask(store.documents["published"], store.documents["published"], filters)]
    mentions = _filter_mentions(store.mentions, filters, where)
    if len(dated) < len(store.documents):
        mentions = mentions[within(mentions["doc_id"], dated["doc_id"].unique())]
    if corridor_files is not None:
        events = events[within(events["document"], corridor_files)]
        mentions = mentions[within(mentions["document"], corridor_files)]
    if filters.event_types or filters.actors:
        where = pd.MultiIndex.from_arrays([events["doc_id"], events["place_id"]])
        mentions = mentions[pd.MultiIndex.from_arrays([mentions["doc_id"], mentions["place_id"]]).isin(where)]

    documents = store.documents
    if _narrows_documents(filters):
        kept = np.union1d(events["doc_id"].unique(), mentions["doc_id"].unique())
        documents = documents[within(documents["doc_id"], kept)]
        if not filters.text and corridor_files is None:
            files = set(documents["file_name"])
            corridors = corridors[[bool(files.intersection(docs)) for docs in corridors["documents"]]]
    elif len(dated) < len(documents):
        documents = documents[within(documents["doc_id"], np.union1d(dated["doc_id"].unique(), events["doc_id"].unique()))]
    if corridor_files is not None:
        documents = documents[within(documents["file_name"], corridor_files)]
    return dataclasses.replace(
        store,
        documents=documents,
        mentions=mentions,
        places=store.places if len(mentions) == len(store.mentions) else recount_places(store.places, mentions),
        events=events,
        corridors=corridors,
    )


def within(column: pd.Series, values: Iterable[Any]) -> np.ndarray:
    """``column.isin(values)`` as a boolean array, computed by Arrow: pandas checks every value
    of an Arrow-backed string column's ``isin`` in Python (25 ms for 3,000 ids against 1 ms)."""
    found = pc.is_in(pa.array(column, type=pa.string()), value_set=pa.array(list(values), type=pa.string()))
    return np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def _narrows_documents(filters: Filters) -> bool:
    return bool(
        filters.event_types or filters.countries or filters.areas or filters.actors or filters.text
        or filters.min_confidence
    )


SHORE_KINDS = frozenset({"water"})
"""Places that count for the countries on their shores (seas, gulfs, straits)."""


def _places_where(places: pd.DataFrame, filters: Filters) -> set[str] | None:
    """Place ids the *where* filters select besides the chosen countries' own rows: seas on the
    shores of a chosen country, and the chosen seas and regions; ``None`` when none is set."""
    if not filters.countries and not filters.areas:
        return None
    chosen = {name.casefold() for name in filters.areas}
    ids = set(places.loc[places["name"].str.casefold().isin(chosen), "place_id"]) if chosen else set()
    if filters.countries:
        wanted = set(filters.countries)
        ids |= {place_id for place_id, codes in shore_countries(places).items() if wanted.intersection(codes)}
    return ids


def shore_countries(places: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Countries on the shores of each sea-like place without a country of its own."""
    from geo.maps.basemap import bordering_countries

    seas = places[places["kind"].isin(SHORE_KINDS) & ~_has_country(places["country_code"])]
    seas = seas[seas.geometry.notna()] if hasattr(seas, "geometry") else seas.iloc[0:0]
    return {
        row.place_id: bordering_countries(str(row.name), float(geometry.x), float(geometry.y))
        for row, geometry in zip(seas.itertuples(index=False), seas.geometry, strict=True)
    }


def _has_country(codes: pd.Series) -> pd.Series:
    return codes.notna() & (codes.astype("string").str.len() == 2).fillna(False).astype(bool)


def _flatten(lists: Iterable[Iterable[str]]) -> list[str]:
    return [item for items in lists for item in items]


def _date_mask(start: pd.Series, end: pd.Series, filters: Filters) -> pd.Series:
    """Intervals overlapping the window; undated rows kept when ``include_undated``."""
    if filters.date_from is None and filters.date_to is None and filters.include_undated:
        return pd.Series(True, index=start.index)
    start = pd.to_datetime(start, errors="coerce")
    end = pd.to_datetime(end, errors="coerce").fillna(start)
    undated = start.isna()
    mask = pd.Series(True, index=start.index)
    if filters.date_from is not None:
        mask &= end >= pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        mask &= start <= pd.Timestamp(filters.date_to)
    return (mask & ~undated) | (undated & filters.include_undated)


def _text_mask(frame: pd.DataFrame, columns: Sequence[str], text: str) -> pd.Series:
    mask = pd.Series(False, index=frame.index)
    for column in columns:
        values = frame[column]
        if values.map(lambda v: isinstance(v, list | tuple), na_action="ignore").any():
            values = values.map(lambda v: " ".join(v) if isinstance(v, list | tuple) else v)
        mask |= values.astype("string").str.contains(text, case=False, regex=False).fillna(False).astype(bool)
    return mask


def _where_mask(frame: pd.DataFrame, filters: Filters, where: set[str] | None) -> pd.Series:
    mask = frame["country_code"].isin(filters.countries) if filters.countries else pd.Series(False, index=frame.index)
    if where:
        mask |= frame["place_id"].isin(where)
    return mask


def _filter_events(events: pd.DataFrame, filters: Filters, where: set[str] | None = None) -> pd.DataFrame:
    mask = _date_mask(events["start"], events["end"], filters)
    if filters.event_types:
        mask &= events["type"].isin(filters.event_types)
    if where is not None:
        mask &= _where_mask(events, filters, where)
    if filters.actors:
        wanted = set(filters.actors)
        mask &= events["actors"].map(lambda actors: bool(wanted.intersection(actors)))
    if filters.min_confidence:
        mask &= events["confidence"] >= filters.min_confidence
    if filters.text:
        mask &= _text_mask(events, ["sentence", "place", "actors", "type", "document"], filters.text)
    return events[mask]


def _filter_mentions(mentions: pd.DataFrame, filters: Filters, where: set[str] | None = None) -> pd.DataFrame:
    mask = pd.Series(True, index=mentions.index)
    if where is not None:
        mask &= _where_mask(mentions, filters, where)
    if filters.min_confidence:
        mask &= mentions["score"] >= filters.min_confidence
    if filters.text:
        mask &= _text_mask(mentions, ["sentence", "name", "text", "document"], filters.text)
    return mentions[mask]


def _filter_corridors(corridors: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    mask = _date_mask(corridors["first_mentioned"], corridors["last_mentioned"], filters)
    if filters.corridors:
        wanted = {name_key(name) for name in filters.corridors}
        mask &= pd.Series([bool(wanted.intersection(_corridor_keys(row))) for row in corridors.itertuples(index=False)],
                          index=corridors.index, dtype=bool)
    if filters.text:
        columns = [c for c in ("name", "aliases", "sentences", "waypoints") if c in corridors]
        mask &= _text_mask(corridors, columns, filters.text)
    return corridors[mask]


def name_key(name: str) -> str:
    """A corridor name as compared: case, dashes, hyphens and spaces do not matter ("North-South" = "North–South")."""
    return re.sub(r"[\s\-‐‑‒–—]+", " ", name).strip().casefold()


def _corridor_keys(row: Any) -> set[str]:
    aliases = getattr(row, "aliases", None)
    names = [row.name, *(aliases if aliases is not None and not isinstance(aliases, str | float) else [])]
    return {name_key(str(name)) for name in names}


def canonical_corridors(corridors: pd.DataFrame, names: Iterable[str]) -> tuple[str, ...]:
    """Corridor names as the store writes them: an alias ("INSTC") becomes its corridor's name;
    a name the store does not know is kept as given."""
    by_key = {key: row.name for row in corridors.itertuples(index=False) for key in _corridor_keys(row)}
    return tuple(dict.fromkeys(by_key.get(name_key(name), name) for name in names))


def recount_places(places: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Places that still have mentions, with ``mentions``, ``documents`` and ``score`` recomputed."""
    if mentions.empty:
        return places.iloc[0:0]
    grouped = mentions.groupby("place_id", sort=False).agg(mentions=("place_id", "size"), score=("score", "mean"))
    pairs = pd.DataFrame(
        {"place_id": mentions["place_id"].to_numpy(dtype=object), "document": mentions["document"].to_numpy(dtype=object)}
    ).drop_duplicates().sort_values(["place_id", "document"])
    ids, names = pairs["place_id"].to_numpy(), pairs["document"].to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])  # a plain split: groupby(list) is slow
    documents = dict(zip(ids[starts], (list(chunk) for chunk in np.split(names, starts[1:])), strict=True))
    grouped["documents"] = grouped.index.map(documents)
    kept = places[within(places["place_id"], grouped.index)]
    counts = grouped.loc[kept["place_id"]]
    return kept.assign(
        mentions=counts["mentions"].to_numpy(),
        score=counts["score"].to_numpy(),
        documents=list(counts["documents"]),
    )


@dataclass(frozen=True)
class Choices:
    """The values the sidebar offers, taken from the whole store."""

    event_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    corridors: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    first_date: date | None = None
    last_date: date | None = None


AREA_KINDS = frozenset({"water", "region", "continent"})
"""Places offered as "seas and regions": they belong to no one country."""


def choices(store: StoreLike) -> Choices:
    """Options for each filter, most frequent actors first."""
    events = store.events
    dates = pd.to_datetime(pd.concat([events["start"], events["end"]]), errors="coerce").dropna()
    actor_counts = pd.Series(_flatten(events["actors"]), dtype="string").value_counts()
    countries = pd.concat([events["country_code"], store.mentions["country_code"]]).dropna()
    places = store.places
    areas = places[~_has_country(places["country_code"]) & places["kind"].isin(AREA_KINDS)]
    return Choices(
        event_types=sorted(events["type"].dropna().unique()),
        countries=sorted(countries.unique()),
        areas=list(areas.sort_values(["mentions", "name"], ascending=[False, True])["name"].drop_duplicates()),
        corridors=sorted(store.corridors["name"].dropna().unique()),
        actors=list(actor_counts.index),
        first_date=dates.min().date() if len(dates) else None,
        last_date=dates.max().date() if len(dates) else None,
    )


def describe(filters: Filters) -> str:
    """One line for a briefing caption: the time window and every active filter."""
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "…"
        end = filters.date_to.isoformat() if filters.date_to else "…"
        window = f"{start} – {end}"
    else:
        window = "all dates"
    if filters.include_undated and (filters.date_from or filters.date_to):
        window += " (and undated)"
    parts = [window]
    labelled = [(spec.caption, getattr(filters, spec.name)) for spec in FIELDS if spec.kind == "choice"]
    parts += [f"{label}: {', '.join(values)}" for label, values in labelled if values]
    if filters.min_confidence:
        parts.append(f"confidence ≥ {filters.min_confidence:.2f}")
    if filters.text:
        parts.append(f"search: “{filters.text}”")
    return " · ".join(parts)


def _is_empty(view: StoreLike) -> bool:
    return view.events.empty and view.corridors.empty and view.places.empty


def why_empty(store: StoreLike, filters: Filters) -> str:
    """Why ``filters`` select nothing from ``store``, in one or two sentences for the analyst.

    Each active filter is tried on its own: one that alone matches nothing is named with what
    the store does hold (the dates its events span, the corridors it knows); when every filter
    matches something alone, the message says it is their combination.
    """
    groups: list[tuple[str, Filters]] = []
    if filters.date_from or filters.date_to:
        groups.append(("dates", Filters(date_from=filters.date_from, date_to=filters.date_to,
                                        include_undated=filters.include_undated)))
    for spec in FIELDS:
        value = getattr(filters, spec.name)
        if spec.flag and spec.kind != "date" and spec.name != "include_undated" and value != default(spec.name):
            groups.append((spec.name, Filters(**{spec.name: value})))
    if not groups:
        return "The store holds nothing to draw yet."
    dead = [_reason(store, name, alone) for name, alone in groups if _is_empty(apply_filters(store, alone))]
    if dead:
        return "Nothing matches: " + "; ".join(dead) + "."
    names = ", ".join(BY_FIELD[name].label.lower() if name in BY_FIELD else "event dates" for name, _ in groups)
    return (f"Each filter matches something on its own, but nothing matches all of them together ({names}). "
            "Widen or remove one of them.")


def _reason(store: StoreLike, name: str, alone: Filters) -> str:
    """Why one filter, alone, matches nothing."""
    if name == "dates":
        known = choices(store)
        span = f" (the events run from {known.first_date} to {known.last_date})" if known.first_date else ""
        return f"no event, article or corridor dates from {alone.date_from or '…'} to {alone.date_to or '…'}{span}"
    if name == "corridors":
        names = ", ".join(sorted(store.corridors["name"].astype(str))[:8]) or "none"
        return f"no corridor called {', '.join(repr(c) for c in alone.corridors)} (corridors here: {names})"
    if name == "text":
        return f"“{alone.text}” is in no sentence, name or actor"
    if name == "min_confidence":
        return f"nothing has a confidence of {alone.min_confidence:.2f} or more"
    spec = BY_FIELD[name]
    return f"no {spec.label.lower()} {', '.join(getattr(alone, name))} in this store"

"""What the analyst asked to see: a filter state, its URL form, and the tables it selects.

Pure functions over the store's GeoDataFrames (see ``geo/store/schema.py``), shared by the app, the
exports and the benchmark. The URL form is what makes a copied link reopen the same view.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal, Protocol, TypeVar

import numpy as np
import pandas as pd

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
    FilterField("corridors", "choice", "Corridors", flag="--corridors", metavar="NAME[,NAME…]",
                flag_help="corridor names", options="corridors", caption="corridors"),
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
    corridors: tuple[str, ...] = ()  # corridor names
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
    choosing corridors narrows everything to the articles that mention them.
    """
    corridors = _filter_corridors(store.corridors, filters)
    corridor_files = set(_flatten(corridors["documents"])) if filters.corridors else None

    events = _filter_events(store.events, filters)
    dated = store.documents[_date_mask(store.documents["published"], store.documents["published"], filters)]
    mentions = _filter_mentions(store.mentions, filters)
    if len(dated) < len(store.documents):
        mentions = mentions[mentions["doc_id"].isin(dated["doc_id"].unique())]
    if corridor_files is not None:
        events = events[events["document"].isin(corridor_files)]
        mentions = mentions[mentions["document"].isin(corridor_files)]
    if filters.event_types or filters.actors:
        where = pd.MultiIndex.from_arrays([events["doc_id"], events["place_id"]])
        mentions = mentions[pd.MultiIndex.from_arrays([mentions["doc_id"], mentions["place_id"]]).isin(where)]

    documents = store.documents
    if _narrows_documents(filters):
        kept = np.union1d(events["doc_id"].unique(), mentions["doc_id"].unique())
        documents = documents[documents["doc_id"].isin(kept)]
        if not filters.text and corridor_files is None:
            files = set(documents["file_name"])
            corridors = corridors[[bool(files.intersection(docs)) for docs in corridors["documents"]]]
    elif len(dated) < len(documents):
        documents = documents[documents["doc_id"].isin(np.union1d(dated["doc_id"].unique(), events["doc_id"].unique()))]
    if corridor_files is not None:
        documents = documents[documents["file_name"].isin(corridor_files)]
    return dataclasses.replace(
        store,
        documents=documents,
        mentions=mentions,
        places=store.places if len(mentions) == len(store.mentions) else recount_places(store.places, mentions),
        events=events,
        corridors=corridors,
    )


def _narrows_documents(filters: Filters) -> bool:
    return bool(
        filters.event_types or filters.countries or filters.actors or filters.text or filters.min_confidence
    )


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


def _filter_events(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    mask = _date_mask(events["start"], events["end"], filters)
    if filters.event_types:
        mask &= events["type"].isin(filters.event_types)
    if filters.countries:
        mask &= events["country_code"].isin(filters.countries)
    if filters.actors:
        wanted = set(filters.actors)
        mask &= events["actors"].map(lambda actors: bool(wanted.intersection(actors)))
    if filters.min_confidence:
        mask &= events["confidence"] >= filters.min_confidence
    if filters.text:
        mask &= _text_mask(events, ["sentence", "place", "actors", "type", "document"], filters.text)
    return events[mask]


def _filter_mentions(mentions: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    mask = pd.Series(True, index=mentions.index)
    if filters.countries:
        mask &= mentions["country_code"].isin(filters.countries)
    if filters.min_confidence:
        mask &= mentions["score"] >= filters.min_confidence
    if filters.text:
        mask &= _text_mask(mentions, ["sentence", "name", "text", "document"], filters.text)
    return mentions[mask]


def _filter_corridors(corridors: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    mask = _date_mask(corridors["first_mentioned"], corridors["last_mentioned"], filters)
    if filters.corridors:
        mask &= corridors["name"].isin(filters.corridors)
    if filters.text:
        mask &= _text_mask(corridors, ["name", "sentences", "waypoints"], filters.text)
    return corridors[mask]


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
    kept = places[places["place_id"].isin(grouped.index)]
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
    corridors: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    first_date: date | None = None
    last_date: date | None = None


def choices(store: StoreLike) -> Choices:
    """Options for each filter, most frequent actors first."""
    events = store.events
    dates = pd.to_datetime(pd.concat([events["start"], events["end"]]), errors="coerce").dropna()
    actor_counts = pd.Series(_flatten(events["actors"]), dtype="string").value_counts()
    countries = pd.concat([events["country_code"], store.mentions["country_code"]]).dropna()
    return Choices(
        event_types=sorted(events["type"].dropna().unique()),
        countries=sorted(countries.unique()),
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

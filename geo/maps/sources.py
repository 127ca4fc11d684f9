"""The evidence behind a clicked feature: one source card per sentence and document.

Each card names its own document, that document's date (or the event's interval) and its
article URL when known, and quotes its own sentence with the exact matched words marked: the
surface text a mention was matched on (misspellings and variants included), a corridor's name
or alias as the article wrote it. A corridor's card lists only the documents that contain
its sentence, not every document of the corridor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from geo.maps.features import located, mention_surfaces
from geo.maps.highlight import highlight_all
from geo.maps.popups import corridor_patterns, format_when, type_label
from geo.store.filters import StoreLike

CLICK_TOLERANCE_DEG = 1.0


@dataclass(frozen=True, slots=True)
class SourceCard:
    """One quoted sentence: ``quote_html`` is escaped, the matched words in ``<mark>``."""

    title: str
    when: str
    document: str
    url: str | None
    quote_html: str


def sources_for(filtered: StoreLike, ref: str | None, lat: float | None = None, lon: float | None = None) -> list[SourceCard]:
    """Cards for the feature a click named (``event:ID``, ``place:ID``, ``place-events:ID``,
    ``corridor:ID``), or for the points nearest ``lat``/``lon`` (a merged circle has no single id)."""
    kind, _, key = (ref or "").partition(":")
    if kind == "corridor":
        return corridor_cards(filtered, key)
    if kind == "event":
        return _event_cards(filtered, filtered.events[filtered.events["event_id"] == key])
    if kind in {"place", "place-events"}:
        cards = _event_cards(filtered, filtered.events[filtered.events["place_id"] == key])
        if kind == "place":
            cards += _mention_cards(filtered, filtered.mentions[filtered.mentions["place_id"] == key], cards)
        return cards
    if lat is None or lon is None:
        return []
    return _nearest_cards(filtered, lat, lon)


def _published(filtered: StoreLike) -> dict[str, tuple[str, str | None]]:
    """(date text, URL) by document file name."""
    documents = filtered.documents
    out: dict[str, tuple[str, str | None]] = {}
    for row in documents.itertuples(index=False):
        url = row.url if isinstance(row.url, str) and row.url.strip() else None
        out[row.file_name] = (format_when(row.published, None, row.date_precision), url)
    return out


def _event_cards(filtered: StoreLike, events: pd.DataFrame) -> list[SourceCard]:
    documents = _published(filtered)
    surfaces = mention_surfaces(filtered.mentions, set(events["doc_id"]))
    cards = []
    for row in events.itertuples(index=False):
        marked = highlight_all(row.sentence, [*surfaces.get((row.doc_id, row.place_id), []), row.place or ""])
        cards.append(SourceCard(f"{type_label(row.type)} · {row.place or 'no place'}",
                                format_when(row.start, row.end, row.precision), row.document,
                                documents.get(row.document, ("", None))[1], marked))
    return cards


def _mention_cards(filtered: StoreLike, mentions: pd.DataFrame, shown: list[SourceCard]) -> list[SourceCard]:
    """One card per (document, sentence) of a place's mentions, its surfaces marked; sentences an
    event card already quotes are left out."""
    documents = _published(filtered)
    quoted = {(card.document, card.quote_html) for card in shown}
    cards = []
    for (document, sentence), group in mentions.groupby(["document", "sentence"], sort=False):
        quote = highlight_all(sentence, list(group["text"]))
        if any(doc == document and _plain(quote) == _plain(q) for doc, q in quoted):
            continue
        first = group.iloc[0]
        when, url = documents.get(document, ("", None))
        cards.append(SourceCard(f"{first['name']} (mention, score {group['score'].mean():.2f})", when, document, url,
                                quote))
    return cards


def _plain(quote: str) -> str:
    return quote.replace("<mark>", "").replace("</mark>", "")


def corridor_cards(filtered: StoreLike, corridor_id: str) -> list[SourceCard]:
    """One card per evidence sentence and each document that contains it, oldest first."""
    rows = filtered.corridors[filtered.corridors["corridor_id"] == corridor_id]
    if rows.empty:
        return []
    row = rows.iloc[0]
    patterns = corridor_patterns(row["name"], _items(row.get("aliases")), _items(row["waypoints"]))
    documents = filtered.documents
    documents = documents[documents["file_name"].isin(_items(row["documents"]))]
    sentences = list(dict.fromkeys(_items(row["sentences"]) or [row["sentence"]]))
    cards = []
    for sentence in sentences:
        holders = documents[documents["text"].map(lambda text, s=sentence: isinstance(text, str) and s in text)]
        for doc in holders.itertuples(index=False):
            url = doc.url if isinstance(doc.url, str) and doc.url.strip() else None
            cards.append((doc.published, SourceCard(
                str(row["name"]), format_when(doc.published, None, doc.date_precision), doc.file_name, url,
                highlight_all(sentence, patterns=patterns))))
    cards.sort(key=lambda item: (item[0] is None or item[0] is pd.NaT, str(item[0]), item[1].document))
    return [card for _, card in cards]


def _items(value: object) -> list[str]:
    if value is None or isinstance(value, str | float):
        return []
    return [str(v) for v in value]  # type: ignore[attr-defined]


def _nearest_cards(filtered: StoreLike, lat: float, lon: float) -> list[SourceCard]:
    """Cards of the events and mentions at the located point nearest the click."""
    events, mentions = located(filtered.events), located(filtered.mentions)
    points = pd.concat([events[["lon", "lat"]], mentions[["lon", "lat"]]])
    if points.empty:
        return []
    distance = ((points["lon"] - lon) * math.cos(math.radians(lat))) ** 2 + (points["lat"] - lat) ** 2
    if distance.min() > CLICK_TOLERANCE_DEG**2:
        return []
    nearest = points.iloc[int(distance.to_numpy().argmin())]

    def here(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[((frame["lon"] - nearest["lon"]).abs() < 1e-6) & ((frame["lat"] - nearest["lat"]).abs() < 1e-6)]

    cards = _event_cards(filtered, here(events))
    return cards + _mention_cards(filtered, here(mentions), cards)

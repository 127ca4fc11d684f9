"""A cleaned article as a :class:`~geo.models.Document`: text, title, publication date and a stable id."""

from __future__ import annotations

import hashlib
import re

from geo.errors import CorpusError
from geo.ingest.clean import clean_text
from geo.ingest.published import find_publication_date, parse_date_string
from geo.models import Document


def _title(text: str, meta_title: str | None) -> str:
    if meta_title:
        return meta_title.strip()
    first = text.split("\n", 1)[0].strip()
    if _looks_like_title(first) and "\n" in text:
        return first
    return _shorten(first)


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return (
        3 <= len(words) <= 30
        and not line.endswith((".", ":", ",", ";"))
        and parse_date_string(line) is None
        and sum(word[:1].isupper() for word in words) >= 1
    )


def _shorten(line: str, limit: int = 90) -> str:
    """A first sentence standing in as the title of an untitled article."""
    first_sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
    if len(first_sentence) <= limit:
        return first_sentence
    return first_sentence[:limit].rsplit(" ", 1)[0] + "…"



def build_document(raw: str, file_name: str, *, meta_date: str | None = None, meta_title: str | None = None,
                   meta_url: str | None = None) -> Document:
    """Clean decoded article text and wrap it in a :class:`Document` (pure function)."""
    text, urls = clean_text(raw)
    if meta_url:
        urls.insert(0, meta_url)
    published, precision, text = find_publication_date(text, urls, meta_date)
    if not text.strip():
        raise CorpusError(file_name, "no article text left after removing boilerplate")
    return Document(
        doc_id=content_id(text),
        file_name=file_name,
        title=_title(text, meta_title),
        text=text,
        published=published,
        date_precision=precision,
        url=urls[0] if urls else None,
    )


def content_id(text: str) -> str:
    """Stable id of a document: a hash of its cleaned text (the same article gives the same id)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

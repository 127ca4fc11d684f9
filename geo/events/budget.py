"""The per-article budget of sentences read for events.

Why: an uploaded or corpus file may hold a hundred thousand sentences (a log, a scraped dump);
reading events costs a few milliseconds per sentence, so such a file would hold a worker for
many minutes. The article is kept and read for events up to the budget; what is left out is
reported beside its name (``build.json``, the upload report), never dropped silently.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from geo.models import Document
from geo.settings import MAX_EVENT_SENTENCES
from geo.text.sentences import split_sentences

_LOG = logging.getLogger(__name__)


def within_event_budget(document: Document, budget: int | None = None) -> tuple[Document, str | None]:
    """``document`` cut after its first ``budget`` sentences (offsets unchanged), and the warning
    to report, or the document itself and ``None`` when it is within the budget
    (``settings.MAX_EVENT_SENTENCES`` unless given)."""
    budget = MAX_EVENT_SENTENCES if budget is None else budget
    spans = split_sentences(document.text).spans
    if len(spans) <= budget:
        return document, None
    warning = f"events read in the first {budget:,} of {len(spans):,} sentences (budget {budget:,})"
    _LOG.warning("%s: %s", document.file_name, warning)
    return replace(document, text=document.text[: spans[budget - 1][1]]), warning

"""The build: corpus folder → per-document stages → corpus-level assembly → GeoParquet store.

Per document (in parallel, in worker processes or on a Dask cluster): load and clean the file,
geoparse it, apply the analyst's corrections, extract events and corridor evidence, and turn
all of it into plain table rows. Per corpus (here): merge with the cached rows of unchanged
documents, count places, assemble corridors from all documents' evidence, and write the store.

Incremental by design: a document is parsed again only when its file bytes or the
corrections that concern it changed, so rebuilding an unchanged 10,000-article corpus only
hashes files, and adding one article parses one article.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import BuildError, CorpusError, CorrectionError, EmptyCorpusError, StoreError
from geo.ingest.decode import EMPTY_FILE
from geo.ingest.read import corpus_files, load_document, read_regular_file, source_hash
from geo.models import Actor, Document, Event, Toponym
from geo.parse.corrections import Correction, apply_corrections, by_document, fingerprint, load_corrections
from geo.settings import MAX_CORPUS_BYTES
from geo.settings import corrections_path as default_corrections
from geo.store import parallel
from geo.store import tables as store
from geo.store.schema import TABLES
from geo.text.sentences import split_sentences

_LOG = logging.getLogger(__name__)
EVIDENCE_CACHE = "corridor_evidence"


# --------------------------------------------------------------------------- per document


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What one document contributes to the store, as plain rows (cheap to send back from a worker).

    ``corridor_evidence`` holds JSON strings that the corpus-level corridor assembly reads;
    they are cached in the store so unchanged documents are never parsed again for it.
    """

    mentions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    corridor_evidence: list[str] = field(default_factory=list)
    # What a per-article budget left out (e.g. place names past the geoparser's limit): the
    # article is kept, and these show in build.json and the upload report beside its name.
    warnings: list[str] = field(default_factory=list)


ProcessFunction = Callable[[Sequence[tuple[Document, Sequence[Correction]]]], list[DocumentResult]]
CorridorAssembly = Callable[[pd.DataFrame], gpd.GeoDataFrame]


@dataclass(frozen=True, slots=True)
class Stages:
    """The engine stages the build runs; tests swap in small fakes.

    Every function must be importable by name (module level), because worker processes and
    Dask workers receive them by reference.
    """

    process: ProcessFunction
    assemble_corridors: CorridorAssembly
    warm_up: Callable[[], None] | None = None
    load: Callable[..., Document] = load_document
    fingerprint: Callable[[], str] = str  # hash of the data the stages read; "" for none


def process_documents(batch: Sequence[tuple[Document, Sequence[Correction]]]) -> list[DocumentResult]:
    """Geoparse each document, apply its corrections, and derive its events and corridor evidence.

    Documents come in batches so the language model parses all their sentences in one go.
    """
    # Imported here, not at the top: the engine loads the gazetteer and the language model,
    # which the store, the command line and the tests with fake stages do not need.
    from geo.corridors.assemble import document_evidence
    from geo.events.budget import within_event_budget
    from geo.events.extract import extract_events_batch
    from geo.parse.geoparser import geoparse_document

    parsed = [geoparse_document(document.text) for document, _ in batch]
    toponyms = [apply_corrections(result.toponyms, own, document.text)
                for (document, own), result in zip(batch, parsed, strict=True)]
    budgeted = [within_event_budget(document) for document, _ in batch]
    events = extract_events_batch([(document, found) for (document, _), found in zip(budgeted, toponyms, strict=True)])
    return [
        DocumentResult(
            mentions=mention_rows(document, found),
            events=event_rows(told),
            corridor_evidence=document_evidence(document, found),
            warnings=_budget_warnings(result.names_skipped, event_warning),
        )
        for (document, _), found, told, result, (_, event_warning)
        in zip(batch, toponyms, events, parsed, budgeted, strict=True)
    ]


def _budget_warnings(names_skipped: int, event_warning: str | None) -> list[str]:
    """What the per-article budgets left out, in words for the build report."""
    warnings = [f"{names_skipped:,} place names past the per-article budget skipped"] if names_skipped else []
    return warnings + ([event_warning] if event_warning else [])


def assemble_corridors(evidence: pd.DataFrame) -> gpd.GeoDataFrame:
    """Corridors of the whole corpus from every document's cached evidence."""
    from geo.corridors.assemble import corridor_table

    return corridor_table(list(evidence["payload"]) if len(evidence) else [])


def warm_up() -> None:
    """Load the gazetteer, the language model and the corridor registry (once per worker process).

    Runs every stage on a two-sentence article, so no stage loads lazily inside a timed task.
    """
    text = "Officials met in Tehran on Monday. Trucks run from Kermanshah to Baghdad on the INSTC."
    process_documents([(Document("warm-up", "warm-up.txt", "Warm-up", text, None, "unknown"), ())])


def engine_fingerprint() -> str:
    """Hash of the curated data the per-document stage reads (corridor registry, gazetteer
    supplement). When it changes, cached parse results are stale: every document is parsed again."""
    from geo.corridors.registry import registry_fingerprint
    from geo.gazetteer.build import CURATED_DIR

    digest = hashlib.sha256(registry_fingerprint().encode())
    for path in sorted(CURATED_DIR.glob("*.csv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


ENGINE = Stages(
    process=process_documents, assemble_corridors=assemble_corridors, warm_up=warm_up, fingerprint=engine_fingerprint
)


def mention_rows(document: Document, toponyms: Sequence[Toponym]) -> list[dict[str, Any]]:
    sentences = split_sentences(document.text)
    return [
        {
            "doc_id": document.doc_id,
            "document": document.file_name,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "sentence": sentences.sentence_at(t.start),
            "place_id": t.place_id,
            "name": t.name,
            "kind": t.kind,
            "country_code": t.country_code,
            "score": float(t.score),
            "lon": t.lon,
            "lat": t.lat,
        }
        for t in toponyms
    ]


def event_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    """Rows of the ``event_mentions`` table: each event as its article tells it."""
    return [
        {
            "event_id": e.event_id,
            "merged_id": e.event_id,  # set when the corpus is assembled
            "doc_id": e.doc_id,
            "document": e.document,
            "type": e.type,
            "start": e.interval.start,
            "end": e.interval.end,
            "precision": e.interval.precision,
            "planned": e.planned,
            "place_id": e.place.place_id if e.place else None,
            "place": e.place.name if e.place else None,
            "country_code": e.place.country_code if e.place else None,
            "place_precision": e.place_precision,
            **e.actor_columns(),
            "fatalities": e.fatalities,
            "injuries": e.injuries,
            "crowd_size": e.crowd_size,
            "measure": e.measure,
            "sentence": e.sentence,
            "sentences": list(e.sentences),
            "confidence": float(e.confidence),
            "lon": e.place.lon if e.place else None,
            "lat": e.place.lat if e.place else None,
        }
        for e in events
    ]


def document_row(document: Document, raw_hash: str, corrections_hash: str) -> dict[str, Any]:
    return {
        "doc_id": document.doc_id,
        "file_name": document.file_name,
        "title": document.title,
        "published": document.published,
        "date_precision": document.date_precision,
        "url": document.url,
        "text": document.text,
        "source_hash": raw_hash,
        "corrections_hash": corrections_hash,
    }


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class Source:
    """One corpus file, read once in the parent: its bytes travel to the worker that parses it."""

    file_name: str
    path: Path
    data: bytes
    source_hash: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """A parsed document (``document`` + ``result``) or the reason the file was skipped."""

    file_name: str
    document: dict[str, Any] | None = None
    result: DocumentResult | None = None
    skipped: str | None = None
    warnings: tuple[str, ...] = ()


def scan_corpus(folder: Path) -> tuple[list[Source], list[tuple[str, str]]]:
    """Every candidate article in ``folder`` with its bytes and hash, plus files skipped already.

    Only regular files are read (see :mod:`geo.ingest.read`). Empty files and byte-identical
    copies are skipped here; copies that differ only in boilerplate are caught after cleaning
    (same ``doc_id``).
    """
    sources: list[Source] = []
    files, skipped = corpus_files(folder)
    first_by_hash: dict[str, str] = {}
    for name, path in files:
        try:
            data = read_regular_file(path, MAX_CORPUS_BYTES, name)
        except CorpusError as error:
            skipped.append((name, error.reason))
            continue
        if not data.strip():  # before the duplicate check: two empty files are not copies of each other
            skipped.append((name, EMPTY_FILE))
            continue
        digest = source_hash(data)
        if digest in first_by_hash:
            skipped.append((name, f"duplicate of {first_by_hash[digest]}"))
            continue
        first_by_hash[digest] = name
        sources.append(Source(name, path, data, digest))
    return sources, sorted(skipped)


def process_sources(
    sources: list[Source], shared: tuple[Stages, Mapping[str, tuple[Correction, ...]]]
) -> list[Outcome]:
    """The worker side of the build: load, clean and process each file; never raise for one file."""
    stages, corrections = shared
    outcomes: dict[str, Outcome] = {}
    loaded: list[tuple[Source, Document]] = []
    for source in sources:
        try:
            document = stages.load(
                source.path, data=source.data, file_name=source.file_name, max_bytes=MAX_CORPUS_BYTES
            )
        except CorpusError as error:
            outcomes[source.file_name] = Outcome(source.file_name, skipped=error.reason)
            continue
        loaded.append((source, document))
    batch = [(document, corrections.get(document.doc_id, ())) for _, document in loaded]
    results = _process_isolated(stages.process, batch)
    for (source, document), (_, own), result in zip(loaded, batch, results, strict=True):
        if isinstance(result, str):
            outcomes[source.file_name] = Outcome(source.file_name, skipped=result)
        else:
            row = document_row(document, source.source_hash, fingerprint(own))
            warnings = (*document.warnings, *result.warnings)
            outcomes[source.file_name] = Outcome(source.file_name, document=row, result=result, warnings=warnings)
    return [outcomes[source.file_name] for source in sources]


def _process_isolated(
    process: ProcessFunction, batch: Sequence[tuple[Document, Sequence[Correction]]]
) -> list[DocumentResult | str]:
    """Process the batch at once or, if that fails, one document at a time, so an article that
    breaks a stage costs only itself (its entry is the reason, as text)."""
    if len(batch) > 1:
        with suppress(Exception):  # one article failed the batch: find which, below
            return list(process(batch))
    results: list[DocumentResult | str] = []
    for item in batch:
        try:
            results.extend(process([item]))
        except Exception as error:  # one article that breaks a stage must not stop the corpus
            _LOG.exception("processing %s failed; the build goes on without it", item[0].file_name)
            results.append(f"processing failed: {type(error).__name__}: {error}")
    return results


# --------------------------------------------------------------------------- the build


@dataclass
class BuildSummary:
    """What a build did, for the end-of-build report and the manifest."""

    documents: int = 0
    mentions: int = 0
    places: int = 0
    events: int = 0
    event_mentions: int = 0
    corridors: int = 0
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, what its budget left out)
    notes: list[str] = field(default_factory=list)  # why the build did more than asked (a repair)
    parse_seconds: float = 0.0
    seconds: float = 0.0
    up_to_date: bool = False
    stale_corrections: int = 0  # corrections about documents no longer in the corpus (text changed or file removed)

    @property
    def docs_per_second(self) -> float:
        return self.parsed / self.parse_seconds if self.parse_seconds > 0 else 0.0

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in store.TABLE_NAMES}

    def report(self) -> str:
        """A few human-readable lines: counts, what was parsed, and every skipped file with its reason."""
        state = "up to date, nothing to parse" if self.up_to_date else (
            f"parsed {self.parsed} ({self.docs_per_second:.1f} docs/s), reused {self.reused}, removed {self.removed}"
        )
        lines = [
            *self.notes,
            f"{self.documents} documents, {self.mentions} mentions, {self.places} places, "
            f"{self.events} events, {self.corridors} corridors",
            f"{state}; {self.seconds:.1f} s",
        ]
        if self.stale_corrections:
            lines.append(f"{self.stale_corrections} correction(s) refer to documents no longer in the corpus")
        if self.warnings:
            lines.append(f"{len(self.warnings)} article(s) kept in part:")
            lines += [f"  {name}: {warning}" for name, warning in self.warnings]
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} file(s):")
            lines += [f"  {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)


def build(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    corrections_path: str | Path | None = None,
    stages: Stages = ENGINE,
    progress: bool = True,
    force: bool = False,
    allow_empty: bool = False,
) -> BuildSummary:
    """Bring the store in ``out_dir`` up to date with the articles in ``corpus_dir``.

    Parses only new or changed files (or those whose corrections changed), drops removed
    ones, and writes the new build atomically. Files skipped before are not retried while
    their bytes stay the same; ``force`` parses everything again (after an engine upgrade).
    A damaged store (a table that cannot be read, a missing ``build.json``) is rebuilt from
    the articles. A store that holds documents is never replaced by an empty one unless
    ``allow_empty`` (a corpus folder emptied by mistake must not empty the map).
    Raises :class:`BuildError` if the build cannot start (:class:`EmptyCorpusError` for the
    empty corpus) and :class:`StoreBusyError` if another build holds the store.
    """
    began = time.perf_counter()
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    if not corpus_dir.is_dir():
        raise BuildError(f"corpus folder not found: {corpus_dir}")
    try:
        corrections = by_document(load_corrections(corrections_path or default_corrections(out_dir)))
    except CorrectionError as error:
        raise BuildError(str(error)) from error
    with store.locked(out_dir):
        sources, scan_skips = scan_corpus(corpus_dir)
        engine = stages.fingerprint()
        previous = _Previous.read(out_dir, engine, force)
        plan = _plan(sources, previous, corrections)
        summary = BuildSummary(skipped=scan_skips + plan.skipped, notes=list(previous.notes))
        outcomes = _parse(plan.todo, stages, corrections, workers, scheduler, progress, summary)
        kept, new_docs, duplicates = _collect(summary, plan, outcomes, previous, corrections)
        if not kept and previous.documents and not allow_empty:
            raise EmptyCorpusError(corpus_dir, out_dir, previous.documents, len(summary.skipped))
        manifest_skips = _skip_records(summary.skipped, sources, duplicates)
        manifest_warnings = _warning_records(summary.warnings, sources)
        if not new_docs and not summary.removed and _complete(out_dir, previous.manifest):
            summary.up_to_date = True
            for name, count in previous.manifest["counts"].items():
                setattr(summary, name, count)
            if (previous.manifest.get("skipped"), previous.manifest.get("warnings")) != (manifest_skips, manifest_warnings):
                store.write_manifest(out_dir, {**previous.manifest, "skipped": manifest_skips,
                                               "warnings": manifest_warnings})
        else:
            tables, evidence = _assemble(out_dir, kept, new_docs, stages)
            for name in store.TABLE_NAMES:
                setattr(summary, name, len(tables[name]))
            manifest = {**_manifest(corpus_dir, summary, manifest_skips, manifest_warnings), "engine": engine}
            store.write_store(out_dir, tables, cache={EVIDENCE_CACHE: evidence}, manifest=manifest)
    summary.seconds = time.perf_counter() - began
    return summary


def _collect(
    summary: BuildSummary,
    plan: _Plan,
    outcomes: list[Outcome],
    previous: _Previous,
    corrections: Mapping[str, tuple[Correction, ...]],
) -> tuple[dict[str, str], dict[str, Outcome], dict[str, tuple[str, str]]]:
    """Which documents the store keeps (``{file name: doc_id}``), the freshly parsed ones, and
    the duplicates left out; fills in the summary's counts, skipped files and warnings."""
    new_docs = {o.file_name: o for o in outcomes if o.document is not None}
    summary.skipped += [(o.file_name, o.skipped) for o in outcomes if o.skipped is not None]
    kept, duplicates = _deduplicate(plan.reused, new_docs)
    duplicates.update(plan.duplicates)
    summary.skipped += [(name, f"duplicate of {first}") for name, (_, first) in duplicates.items()]
    summary.skipped.sort()
    summary.warnings = sorted(
        [(name, warning) for name, warning in previous.warnings if name in plan.reused]
        + [(o.file_name, warning) for o in new_docs.values() for warning in o.warnings]
    )
    summary.documents = len(kept)
    kept_ids = set(kept.values())
    summary.stale_corrections = sum(len(c) for doc_id, c in corrections.items() if doc_id not in kept_ids)
    summary.reused = sum(1 for name in kept if name not in new_docs)
    summary.removed = len(set(previous.index["file_name"]) - set(kept))
    return kept, new_docs, duplicates


@dataclass(frozen=True)
class _Previous:
    """What the last build left: the cache key of each document and the manifest.

    ``documents`` is how many documents the store holds, even when the build will not reuse
    them; ``notes`` say why it will not (a damaged store is rebuilt from the articles).
    """

    index: pd.DataFrame
    manifest: dict[str, Any]
    documents: int = 0
    notes: tuple[str, ...] = ()

    @property
    def warnings(self) -> list[tuple[str, str]]:
        return [(item["file"], item["warning"]) for item in self.manifest.get("warnings", [])]

    @classmethod
    def read(cls, out_dir: Path, engine: str, force: bool) -> _Previous:
        try:
            store.check_tables(out_dir)
            index = store.read_index(out_dir)
            manifest = store.read_manifest(out_dir)
        except StoreError as error:
            _LOG.warning("the store is damaged, rebuilding it: %s", error)
            note = f"repaired: {error.path.name} could not be read ({error.reason}); every article parsed again"
            return cls(store.empty_index(), {}, _stored_documents(out_dir), (note,))
        notes: tuple[str, ...] = ()
        if len(index) and "counts" not in manifest:
            notes = (f"repaired: {store.MANIFEST} was missing, so what the last build read is unknown; "
                     "every article parsed again",)
        stale = bool(len(index)) and manifest.get("engine") != engine  # the registry or gazetteer changed
        forget = force or bool(notes) or stale or not store.has_current_schema(out_dir)
        if forget:
            return cls(index.iloc[0:0], {}, len(index), notes)
        return cls(index, manifest, len(index))


def _stored_documents(out_dir: Path) -> int:
    """How many documents a damaged store holds, if its documents table can still say."""
    try:
        return len(store.read_index(out_dir))
    except StoreError:
        return 0


@dataclass
class _Plan:
    todo: list[Source]
    reused: dict[str, str]  # file name -> doc_id of unchanged stored documents
    skipped: list[tuple[str, str]]  # unchanged files skipped last time for the same reason
    duplicates: dict[str, tuple[str, str]]  # unchanged duplicates: file name -> (doc_id, kept file name)


def _plan(sources: list[Source], previous: _Previous, corrections: Mapping[str, tuple[Correction, ...]]) -> _Plan:
    index = previous.index
    stored = {
        name: (doc_id, raw, fixes)
        for name, doc_id, raw, fixes in zip(
            index["file_name"], index["doc_id"], index["source_hash"], index["corrections_hash"], strict=True
        )
    }
    reused: dict[str, str] = {}
    rest: list[Source] = []
    for source in sources:
        known = stored.get(source.file_name)
        if known and known[1] == source.source_hash and known[2] == fingerprint(corrections.get(known[0], ())):
            reused[source.file_name] = known[0]
        else:
            rest.append(source)
    name_of = {doc_id: name for name, doc_id in reused.items()}
    skipped_before = {s["file"]: s for s in previous.manifest.get("skipped", []) if s.get("source_hash")}
    todo, skipped, duplicates = [], [], {}
    for source in rest:
        before = skipped_before.get(source.file_name)
        if before is None or before["source_hash"] != source.source_hash:
            todo.append(source)
        elif not before.get("doc_id"):
            skipped.append((source.file_name, before["reason"]))
        elif name_of.get(before["doc_id"], source.file_name) < source.file_name:
            duplicates[source.file_name] = (before["doc_id"], name_of[before["doc_id"]])
        else:  # the file it duplicated is gone or changed: it may be kept now
            todo.append(source)
    return _Plan(todo, reused, skipped, duplicates)


def _parse(
    todo: list[Source],
    stages: Stages,
    corrections: Mapping[str, tuple[Correction, ...]],
    workers: int | None,
    scheduler: str | None,
    progress: bool,
    summary: BuildSummary,
) -> list[Outcome]:
    from tqdm import tqdm

    began = time.perf_counter()
    outcomes: list[Outcome] = []
    with tqdm(total=len(todo), unit="doc", desc="Parsing", disable=not progress or not todo) as bar:
        for chunk in parallel.map_chunks(
            process_sources,
            todo,
            (stages, corrections),
            workers=workers or parallel.default_workers(),
            scheduler=scheduler,
            warm_up=stages.warm_up,
        ):
            outcomes += chunk
            bar.update(len(chunk))
    summary.parse_seconds = time.perf_counter() - began
    summary.parsed = sum(1 for o in outcomes if o.document is not None)
    return sorted(outcomes, key=lambda o: o.file_name)


def _deduplicate(
    reused: dict[str, str], new_docs: dict[str, Outcome]
) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Keep the first file (by name) of each distinct cleaned text.

    Returns ``{file name: doc_id}`` of the documents to keep and
    ``{file name: (doc_id, kept file name)}`` of the duplicates left out (removed from ``new_docs``).
    """
    candidates = dict(reused)
    candidates.update({name: o.document["doc_id"] for name, o in new_docs.items() if o.document})
    kept: dict[str, str] = {}
    first: dict[str, str] = {}
    duplicates: dict[str, tuple[str, str]] = {}
    for name in sorted(candidates):
        doc_id = candidates[name]
        if doc_id in first:
            duplicates[name] = (doc_id, first[doc_id])
            new_docs.pop(name, None)
        else:
            first[doc_id] = name
            kept[name] = doc_id
    return kept, duplicates


def _skip_records(
    skipped: list[tuple[str, str]], sources: list[Source], duplicates: dict[str, tuple[str, str]]
) -> list[dict[str, str]]:
    """Skipped files for the manifest, with the hash (and duplicated doc_id) that lets the next build not retry them."""
    hashes = {s.file_name: s.source_hash for s in sources}
    records = []
    for name, reason in skipped:
        record = {"file": name, "reason": reason}
        if name in hashes:
            record["source_hash"] = hashes[name]
        if name in duplicates:
            record["doc_id"] = duplicates[name][0]
        records.append(record)
    return records


def _warning_records(warnings: list[tuple[str, str]], sources: list[Source]) -> list[dict[str, str]]:
    hashes = {s.file_name: s.source_hash for s in sources}
    return [{"file": name, "warning": warning, "source_hash": hashes.get(name, "")} for name, warning in warnings]


def _complete(out_dir: Path, manifest: Mapping[str, Any]) -> bool:
    counts = manifest.get("counts", {})
    return all(name in counts and store.table_path(out_dir, name).exists() for name in store.TABLE_NAMES)


def _manifest(
    corpus_dir: Path, summary: BuildSummary, skipped: list[dict[str, str]], warnings: list[dict[str, str]]
) -> dict[str, Any]:
    return {
        "built_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "corpus": str(corpus_dir),
        "counts": summary.counts(),
        "parsed": summary.parsed,
        "reused": summary.reused,
        "removed": summary.removed,
        "skipped": skipped,
        "warnings": warnings,
    }


# --------------------------------------------------------------------------- corpus level


def _assemble(
    out_dir: Path, kept: dict[str, str], new_docs: dict[str, Outcome], stages: Stages
) -> tuple[dict[str, gpd.GeoDataFrame], pd.DataFrame]:
    """All tables from the cached rows of unchanged documents plus the freshly parsed ones."""
    reused_ids = {doc_id for name, doc_id in kept.items() if name not in new_docs}
    results = [o.result for o in new_docs.values() if o.result is not None]

    def cached(name: str) -> pd.DataFrame:
        if not reused_ids:
            return pd.DataFrame()
        return store.read_table(out_dir, name, plain_lists=False, doc_ids=reused_ids)

    documents = _concat(cached("documents"), _frame([o.document for o in new_docs.values() if o.document]), "documents")
    mentions = _concat(cached("mentions"), _frame([r for res in results for r in res.mentions]), "mentions")
    told = _concat(cached("event_mentions"), _frame([r for res in results for r in res.events]), "event_mentions")
    events, told = merged_events(told)
    evidence = _evidence(out_dir, reused_ids, new_docs)
    documents = documents.sort_values("file_name", ignore_index=True)
    documents = documents.set_geometry(_footprints(documents["doc_id"], mentions))
    tables = {
        "documents": documents,
        "mentions": mentions.sort_values(["document", "start"], ignore_index=True),
        "places": places_table(mentions),
        "events": events.sort_values(["document", "event_id"], ignore_index=True),
        "event_mentions": told.sort_values(["document", "event_id"], ignore_index=True),
        "corridors": stages.assemble_corridors(evidence),
    }
    return tables, evidence


def _evidence(out_dir: Path, reused_ids: set[str], new_docs: dict[str, Outcome]) -> pd.DataFrame:
    """Corridor evidence (``doc_id``, JSON ``payload``) of the cached and the freshly parsed documents."""
    fresh = [
        {"doc_id": o.document["doc_id"], "payload": payload}
        for o in new_docs.values()
        if o.document and o.result
        for payload in o.result.corridor_evidence
    ]
    frames = [pd.DataFrame(fresh, columns=["doc_id", "payload"])]
    if reused_ids:
        cached = store.read_cache(out_dir, EVIDENCE_CACHE)
        if len(cached):
            frames.insert(0, cached[cached["doc_id"].isin(reused_ids)])
    return pd.concat(frames, ignore_index=True)


def merged_events(told: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """One row per event however many articles report it, and the mentions linked to it.

    Reports are one event when their type is the same, their places within 50 km, their dates
    overlap and they share an actor (see :func:`geo.events.merge.merge_reports`); actor names
    are made canonical across the corpus ("Rouhani" and "Hassan Rouhani" are one actor).
    """
    from geo.events.actors import canonical
    from geo.events.merge import ReportKey, merge_reports

    if told.empty:
        return store.empty_table("events"), told
    rows = told.drop(columns="geometry").to_dict("records")
    actors = [_row_actors(row) for row in rows]
    keys = [ReportKey(row["event_id"], row["doc_id"], row["document"], row["type"], row["place_id"],
                      point.x if point is not None else None, point.y if point is not None else None,
                      row["start"], row["end"], found)
            for row, point, found in zip(rows, told.geometry, actors, strict=True)]
    names = canonical(a for found in actors for a in found)
    reports = merge_reports(keys)
    merged_ids = np.empty(len(rows), dtype=object)
    events = []
    for report in reports:
        merged_ids[list(report.mentions)] = report.event_id
        events.append(_merged_row(report.event_id, [rows[i] for i in report.mentions],
                                  [actors[i] for i in report.mentions], names))
    told = told.assign(merged_id=merged_ids)
    geometry = [told.geometry.iloc[report.mentions[0]] for report in reports]
    table = gpd.GeoDataFrame(pd.DataFrame(events)[[c for c in TABLES["events"] if c != "geometry"]],
                             geometry=geometry, crs=store.CRS)
    return table, told


def _row_actors(row: dict[str, Any]) -> tuple[Actor, ...]:
    by, on = set(_items(row["by"])), set(_items(row["on"]))
    return tuple(Actor(name, role or None, kind or None, "by" if name in by else "on" if name in on else None)
                 for name, role, kind in zip(_items(row["actors"]), _items(row["actor_roles"]),
                                             _items(row["actor_kinds"]), strict=False))


def _items(value: Any) -> list[Any]:
    """A list column's value as a list (Arrow reads give arrays, fresh rows lists, nulls None)."""
    return [] if value is None or (isinstance(value, float) and pd.isna(value)) else list(value)


def _merged_row(merged_id: str, rows: list[dict[str, Any]], actors: list[tuple[Actor, ...]],
                names: dict[str, Actor]) -> dict[str, Any]:
    """The events-table row of one event from its mentions (earliest first): the first mention's
    sentence, the most precise date, every article, sentence and actor, the largest figures."""
    first = rows[0]
    dated = min(rows, key=lambda r: _PRECISION_RANK.get(r["precision"], 9))
    people = list(dict.fromkeys(replace(names[a.name], side=a.side) for found in actors for a in found))

    def largest(column: str) -> int | None:
        values = [int(r[column]) for r in rows if r[column] is not None and not pd.isna(r[column])]
        return max(values, default=None)

    return {
        **{column: first[column] for column in ("doc_id", "document", "type", "place_id", "place", "country_code",
                                                "place_precision", "measure", "sentence")},
        "event_id": merged_id,
        "start": dated["start"], "end": dated["end"], "precision": dated["precision"],
        "planned": all(bool(r["planned"]) for r in rows),
        "actors": [a.name for a in people],
        "actor_roles": [a.role or "" for a in people],
        "actor_kinds": [a.kind or "" for a in people],
        "by": list(dict.fromkeys(a.name for a in people if a.side == "by")),
        "on": list(dict.fromkeys(a.name for a in people if a.side == "on")),
        "fatalities": largest("fatalities"), "injuries": largest("injuries"), "crowd_size": largest("crowd_size"),
        "sentences": list(dict.fromkeys(s for r in rows for s in (_items(r["sentences"]) or [r["sentence"]]))),
        "documents": list(dict.fromkeys(r["document"] for r in rows)),
        "reports": len({r["doc_id"] for r in rows}),
        "confidence": max(float(r["confidence"]) for r in rows),
    }


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "approximate": 3, "unknown": 4}


def places_table(mentions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per distinct place: how often and where it is mentioned, and how sure we are."""
    if mentions.empty:
        return store.empty_table("places")
    grouped = mentions.groupby("place_id", sort=True)
    first = grouped.first()
    places = pd.DataFrame(
        {
            "place_id": first.index,
            "name": first["name"].to_numpy(),
            "kind": first["kind"].to_numpy(),
            "country_code": first["country_code"].to_numpy(),
            "mentions": grouped.size().to_numpy(),
            "documents": grouped["document"].agg(lambda names: sorted(set(names))).to_numpy(),
            "score": grouped["score"].mean().round(3).to_numpy(),
        }
    )
    geometry = gpd.GeoSeries(first["geometry"].to_numpy(), crs=store.CRS)
    return gpd.GeoDataFrame(places, geometry=geometry.to_numpy(), crs=store.CRS).sort_values(
        ["mentions", "place_id"], ascending=[False, True], ignore_index=True
    )


def _footprints(doc_ids: pd.Series, mentions: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Each document's distinct resolved places as one MultiPoint (None without places)."""
    result = np.full(len(doc_ids), None, dtype=object)
    if not mentions.empty:
        points = mentions.drop_duplicates(["doc_id", "place_id"])
        position = pd.Series(np.arange(len(doc_ids)), index=doc_ids.to_numpy())
        rows = position.reindex(points["doc_id"].to_numpy()).to_numpy()
        present = ~np.isnan(rows)
        order = np.argsort(rows[present], kind="stable")
        indices = rows[present][order].astype(int)
        coords = shapely.get_coordinates(np.asarray(points.geometry.values)[present][order])
        owners, compact = np.unique(indices, return_inverse=True)  # shapely wants indices 0..k-1
        result[owners] = shapely.multipoints(coords, indices=compact)
    return gpd.GeoSeries(result, crs=store.CRS)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows) if rows else pd.DataFrame()


def _concat(cached: pd.DataFrame, fresh: pd.DataFrame, name: str) -> gpd.GeoDataFrame:
    """Cached table rows plus fresh ``lon``/``lat`` rows, as one GeoDataFrame with the schema columns."""
    columns = [c for c in TABLES[name] if c != "geometry"]
    parts = []
    if len(cached):
        parts.append(gpd.GeoDataFrame(cached[columns], geometry=cached.geometry.to_numpy(), crs=store.CRS))
    if len(fresh):
        if "lon" in fresh:
            lon = pd.to_numeric(fresh["lon"]).to_numpy(dtype=float)
            lat = pd.to_numeric(fresh["lat"]).to_numpy(dtype=float)
            points = shapely.points(np.column_stack([lon, lat]))
            points[np.isnan(lon) | np.isnan(lat)] = None
        else:
            points = np.full(len(fresh), None, dtype=object)
        parts.append(gpd.GeoDataFrame(fresh[columns], geometry=points, crs=store.CRS))
    if not parts:
        return store.empty_table(name)
    if len(parts) == 1:
        return parts[0].reset_index(drop=True)
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=store.CRS)

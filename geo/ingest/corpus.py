"""Turn raw article files into clean :class:`~geo.models.Document` records.

News files collected by hand carry more than the article: forum headers, comment counters,
"Advertisement" markers, teaser headlines of other stories, sometimes the whole article twice.
Everything downstream (mention offsets, events, counts) works on the *cleaned* text, so the
cleaning happens once, here, and the cleaned text is what the document keeps.

The publication date comes only from what the file itself carries (a ``date`` header line,
a dateline under the title, HTML metadata, a date in the article's URL). A file without one
gets an unknown date: never its mtime, never today.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from geo.errors import CorpusError
from geo.models import Document, Precision
from geo.settings import MAX_CORPUS_BYTES, MAX_UPLOAD_BYTES, format_size

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
_HEADER_LINES = 12  # dates and titles are looked for only in the first lines of the cleaned text
_NOT_ARTICLE = re.compile(r"^(readme|license|licence|changelog|notice)\b", re.IGNORECASE)
NOT_AN_ARTICLE = "not an article (project file such as a README or licence)"


def is_project_file(name: str) -> bool:
    """A README, licence or changelog lying in a corpus folder: not an article to parse."""
    return bool(_NOT_ARTICLE.match(name))


# --------------------------------------------------------------------------- loading


def load_document(path: Path, *, data: bytes | None = None, file_name: str | None = None,
                  max_bytes: int | None = None) -> Document:
    """Load one article from ``path`` (or from ``data`` already read) and clean it.

    ``max_bytes`` defaults to :data:`MAX_UPLOAD_BYTES` when ``data`` is given (an untrusted
    upload) and to :data:`MAX_CORPUS_BYTES` for a file read here; a build that reads corpus
    files itself passes ``max_bytes=MAX_CORPUS_BYTES``.
    Raises :class:`CorpusError` (naming the file) for anything that is not a readable text article.
    """
    name = file_name or path.name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise CorpusError(name, f"unsupported file type {suffix or '(none)'}; expected .txt, .md or .html")
    limit = max_bytes if max_bytes is not None else (MAX_UPLOAD_BYTES if data is not None else MAX_CORPUS_BYTES)
    if data is None:
        try:
            _check_size(name, path.stat().st_size, limit)  # before reading a huge file into memory
            data = path.read_bytes()
        except OSError as error:
            raise CorpusError(name, f"cannot be read ({error.strerror or error})") from error
    _check_size(name, len(data), limit)
    raw = decode_bytes(data, name)
    meta: dict[str, str] = {}
    if suffix in {".html", ".htm"}:
        raw, meta = _html_to_text(raw)
    return build_document(raw, name, meta_date=meta.get("date"), meta_title=meta.get("title"),
                          meta_url=meta.get("url"))


def load_corpus(folder: Path) -> tuple[list[Document], list[tuple[str, str]]]:
    """Load every article in ``folder`` (sorted by name).

    Returns the documents and, for every file left out, ``(file name, reason)``: one bad file
    never stops the rest. Files with the same cleaned content as an earlier one are skipped
    as duplicates, so a mention is never counted twice.
    """
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if is_project_file(path.name):
            skipped.append((path.name, NOT_AN_ARTICLE))
            continue
        try:
            document = load_document(path)
        except CorpusError as error:
            skipped.append((path.name, error.reason))
            continue
        if document.doc_id in seen:
            skipped.append((path.name, f"duplicate of {seen[document.doc_id]}"))
            continue
        seen[document.doc_id] = path.name
        documents.append(document)
    return documents, skipped


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise CorpusError(name, f"too large ({format_size(size)}; the limit is {format_size(limit)})")


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding.

    A file whose lines mix UTF-8 and a legacy 8-bit encoding (copy-pasted articles) is decoded
    line by line, so neither part turns into mojibake. Binary data raises :class:`CorpusError`.
    """
    if not data.strip():
        raise CorpusError(name, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _looks_binary(data):
        raise CorpusError(name, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    if any(_is_utf8_with_multibyte(line) for line in lines):
        fallback = _detect_encoding(b"".join(line for line in lines if not _is_utf8(line)))
        return "".join(_decode_line(line, fallback) for line in lines)
    return data.decode(_detect_encoding(data), errors="replace")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB: not a text article."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_utf8_with_multibyte(line: bytes) -> bool:
    return not line.isascii() and _is_utf8(line)


def _decode_line(line: bytes, fallback: str) -> str:
    return line.decode("utf-8") if _is_utf8(line) else line.decode(fallback, errors="replace")


def _detect_encoding(data: bytes) -> str:
    """Best guess for a legacy encoding; short samples fool detectors, so they get cp1252,
    the most common non-UTF-8 encoding of English web text."""
    if len(data) < 256:
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else "cp1252"


# --------------------------------------------------------------------------- HTML


_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "form", "aside")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article")


def _html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Reduce HTML to its visible text, one block per line, plus title/date/url metadata."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    meta: dict[str, str] = {}
    for key, selectors in {
        "date": ('meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="pubdate"]',
                 'meta[itemprop="datePublished"]', "time[datetime]"),
        "url": ('link[rel="canonical"]', 'meta[property="og:url"]'),
        "title": ('meta[property="og:title"]',),
    }.items():
        for selector in selectors:
            tag = soup.select_one(selector)
            value = tag and (tag.get("content") or tag.get("datetime") or tag.get("href"))
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
                break
    if "title" not in meta:
        heading = soup.find("h1") or soup.find("title")
        if heading and heading.get_text(strip=True):
            meta["title"] = heading.get_text(" ", strip=True)
    for tag in soup(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    return body.get_text(), meta


# --------------------------------------------------------------------------- cleaning


_FORUM_KEYS = re.compile(r"^(joined|messages|reaction score|points|trophy points|location|posts|likes received)$", re.I)
_BOILERPLATE = re.compile(
    r"""^(
        leave\ a\ (comment|reply) | advertisement | \d+\ comments? | comments? | share(\ this)? |
        posted\ by\ \S+ | click\ to\ expand\.* | reply | report | like | print | email |
        (full|senior|junior|new|active|well-known|banned)\ member | read\ more | related( articles| stories)? |
        (subscribe|sign\ up|follow\ us|share\ (on|this|via)|click\ here|download\ (the|our)\ app)\b.{0,80} |
        (©|copyright\b|all\ rights\ reserved).{0,120} | (tags?|topics?):.{0,200} |
        by\ [A-Z][\w.'-]+(\ [A-Z][\w.'-]+){0,3}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_TRAILING_ADVERT = re.compile(r"\s+Advertisement$")
_URL_LINE = re.compile(r"^<?(https?://\S+)>?$")
_MARKUP_PREFIX = re.compile(r"^(?:>\s*)+|^=+\s*|^#+\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))  # zero-width, soft hyphen
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")  # "[Tehran](https://...)" → "Tehran"
_TEASER_END = ("…", "...")


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Return the article text without boilerplate, and the URLs found on their own lines.

    Lines are stripped; runs of blank lines collapse to one (paragraph breaks survive).
    """
    raw = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)  # "Téhéran" matches however it was typed
    raw = _MARKDOWN_IMAGE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = _MARKDOWN_LINK.sub(r"\1", raw)
    lines = [_MARKUP_PREFIX.sub("", line.strip()).replace("**", "").strip() for line in raw.split("\n")]
    urls = [m.group(1) for line in lines if (m := _URL_LINE.match(line))]
    lines = [line for line in lines if not _URL_LINE.match(line)]
    lines = _drop_forum_header(lines)
    lines = [_TRAILING_ADVERT.sub("", line) for line in lines if not _BOILERPLATE.match(line.lstrip("-• "))]
    lines = _drop_repeated_runs(lines)
    lines = _drop_trailing_teasers(lines)
    lines = _drop_site_trailer(lines)
    return _join_paragraphs(lines), urls


def _drop_forum_header(lines: list[str]) -> list[str]:
    """Drop forum profile blocks ("- Joined / - Dec 31, 2012 / - Messages / - 497") and the
    user name/rank lines just above the first one."""
    keys = [i for i, line in enumerate(lines) if _FORUM_KEYS.match(line.lstrip("-• ").rstrip(":"))]
    if not keys:
        return lines
    dropped: set[int] = set()
    for i in keys:
        dropped.add(i)
        if i + 1 < len(lines) and len(lines[i + 1]) < 40 and not lines[i + 1].endswith("."):
            dropped.add(i + 1)
    first = keys[0]
    if first <= 4:  # the poster's name and rank sit above the block at the top of a post
        dropped.update(j for j in range(first) if len(lines[j]) < 40 and not lines[j].endswith("."))
    return [line for i, line in enumerate(lines) if i not in dropped]


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def _drop_repeated_runs(lines: list[str]) -> list[str]:
    """Drop a block of lines that repeats earlier lines (an article pasted twice).

    A run of consecutive non-blank lines that all occurred before is dropped when it holds
    a paragraph-length line or at least three lines; a lone short repeat ("- 0") is kept.
    """
    seen: set[str] = set()
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        if not lines[i] or _norm(lines[i]) not in seen:
            if lines[i]:
                seen.add(_norm(lines[i]))
            i += 1
            continue
        j = i
        while j < len(lines) and (not lines[j] or _norm(lines[j]) in seen):
            j += 1
        run = [line for line in lines[i:j] if line]
        if len(run) >= 3 or any(len(line) >= 80 for line in run):
            keep[i:j] = [False] * (j - i)
        i = j
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _drop_trailing_teasers(lines: list[str]) -> list[str]:
    """Drop the teaser headlines of other stories at the end ("… crew and…")."""
    end = len(lines)
    while end > 0 and (not lines[end - 1] or lines[end - 1].endswith(_TEASER_END)):
        end -= 1
    return lines[:end]


def _drop_site_trailer(lines: list[str]) -> list[str]:
    """Drop "<title> - Site Name" lines that repeat the headline with the site's name."""
    first = next((line for line in lines if line), "")
    if not first:
        return lines
    trailer = re.compile(re.escape(first) + r"\s+[-|–—]\s+[\w .'&-]{2,60}$")
    return [line for line in lines if not trailer.match(line)]


def _join_paragraphs(lines: Iterable[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --------------------------------------------------------------------------- dates and titles


_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = r"(?:\s*[-–—,|]?\s*(?:at\s+)?\d{1,2}:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|gmt|utc|[A-Z]{2,4})?)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ]\d{2}:\d{2}\S*)?", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I),
)
_HEADER_DATE = re.compile(
    r"^\s*(?:posted on|published on|updated on|last updated|date|published|posted|updated)\s*[:\-–]?\s*(?P<value>"
    r"\d{4}-\d{1,2}-\d{1,2}|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4}))(?:[T ]\d{2}:\d{2}\S*|,?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?\s*",
    re.IGNORECASE,
)
_URL_DATE: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<mnum>\d{1,2})[/-](?P<day>\d{1,2})(?:/|\b)"), "day"),
    (re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<mnum>\d{1,2})/"), "month"),
)


def parse_date_string(value: str) -> date | None:
    """Parse one complete calendar date ("2023-11-08", "September 15, 2024 - 20:9", "8 August 2013")."""
    for form in _DATE_FORMS:
        match = form.fullmatch(value.strip().rstrip("."))
        if match:
            return _to_date(match)
    return None


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups["month"])
    try:
        return date(int(groups["year"]), month, int(groups.get("day") or 1))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    prefix = name.lower().rstrip(".")[:3]
    return next(i for i, month in enumerate(_MONTHS, start=1) if month.startswith(prefix))


def find_publication_date(text: str, urls: Iterable[str] = (), meta_date: str | None = None
                          ) -> tuple[date | None, Precision, str]:
    """Publication date, precision, and the text without the line (or prefix) that gave it.

    Looks, in order, at a ``date``/``published`` header or a dateline among the first lines,
    HTML metadata, and a date in the article's URL path. Body text further down is never used:
    dates there are dates of events.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines[:_HEADER_LINES]):
        header = _HEADER_DATE.match(line)
        found = parse_date_string(header.group("value")) if header else parse_date_string(line)
        if found:  # a dateline is metadata, not article text; an inline "date ..." prefix goes too
            rest = line[header.end() :].strip() if header else ""
            kept = [*lines[:index], *([rest] if rest else []), *lines[index + 1 :]]
            return found, "day", "\n".join(kept).strip()
    if meta_date:
        found = parse_date_string(meta_date[:10]) or parse_date_string(meta_date) or _parse_any_date(meta_date)
        if found:
            return found, "day", text
    for url in urls:
        for pattern, precision in _URL_DATE:
            match = pattern.search(url)
            if match and (found := _to_date(match)):
                return found if precision == "day" else found.replace(day=1), precision, text
    return None, "unknown", text


def _parse_any_date(value: str) -> date | None:
    """A metadata field known to hold a date, in any format ("17/05/2022", "Di, 17. Mai 2022"):
    the one place where dateparser's guessing is right, since the field is a date for sure."""
    import dateparser

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"})
    return parsed.date() if parsed else None


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


# --------------------------------------------------------------------------- assembling


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


def source_hash(data: bytes) -> str:
    """Hash of the raw file bytes, for incremental rebuilds of the store."""
    return hashlib.sha256(data).hexdigest()[:16]


def load_paths(paths: Iterable[Path]) -> tuple[list[Document], list[tuple[str, str]]]:
    """Load articles named on a command line: files and folders of files.

    Returns the documents and ``(file name, reason)`` for each file left out.
    Raises :class:`FileNotFoundError` for a path that does not exist.
    """
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            loaded, left_out = load_corpus(path)
            documents.extend(loaded)
            skipped.extend(left_out)
        elif path.is_file():
            try:
                documents.append(load_document(path))
            except CorpusError as error:
                skipped.append((path.name, error.reason))
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return documents, skipped

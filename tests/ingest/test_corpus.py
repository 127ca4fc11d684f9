"""Corpus ingestion: cleaning, publication dates, ids, and bad input that must not sink the corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.errors import CorpusError
from geo.ingest.clean import clean_text
from geo.ingest.decode import decode_bytes
from geo.ingest.document import build_document, content_id
from geo.ingest.read import load_corpus, load_document
from geo.settings import MAX_CORPUS_BYTES, MAX_UPLOAD_BYTES

ARTICLE = (
    "Ministers meet in Baku to discuss the new rail link\n"
    "\n"
    "March 3, 2021 - 14:05\n"
    "\n"
    "BAKU – The transport ministers of Azerbaijan and Georgia met in Baku on Tuesday to discuss the railway.\n"
    "\n"
    "They agreed to open the line next year, officials said.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- dates, titles, ids


def test_dateline_gives_day_precision_and_title_from_first_line(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "a.txt", ARTICLE))
    assert doc.published == date(2021, 3, 3)
    assert doc.date_precision == "day"
    assert doc.title == "Ministers meet in Baku to discuss the new rail link"
    assert "14:05" not in doc.text  # the dateline is metadata, not article text
    assert doc.text.startswith("Ministers meet in Baku")


def test_inline_date_header_is_read_and_removed() -> None:
    doc = build_document(" date 2023-11-08 Officials met Monday in Rasht. They talked.", "x.txt")
    assert (doc.published, doc.date_precision) == (date(2023, 11, 8), "day")
    assert doc.text.startswith("Officials met Monday")


def test_day_month_year_dateline_below_forum_header() -> None:
    raw = "Rostam\nFULL MEMBER\n- Joined\n- Dec 31, 2012\n- Messages\n- 497\n- Reaction score\n- 0\n" \
          "Headline about the Caspian navies\nBy Jane Roe\n8 August 2013\nThe navies exercised in July.\n"
    doc = build_document(raw, "forum.txt")
    assert doc.published == date(2013, 8, 8)  # not the forum's "Joined Dec 31, 2012"
    for boilerplate in ("Rostam", "Joined", "Messages", "Reaction score", "497", "By Jane Roe"):
        assert boilerplate not in doc.text
    assert doc.title == "Headline about the Caspian navies"


def test_url_path_gives_month_precision() -> None:
    raw = "Aides in Tehran as talks resume\n\nhttps://example.com/news/2024/09/aides-in-tehran\n\nPosted by someone\n\n" \
          "2 Comments\n\nThe aides were in Tehran on Tuesday."
    doc = build_document(raw, "u.txt")
    assert (doc.published, doc.date_precision) == (date(2024, 9, 1), "month")
    assert doc.url == "https://example.com/news/2024/09/aides-in-tehran"
    for boilerplate in ("Posted by", "Comments", "https://"):
        assert boilerplate not in doc.text


def test_no_date_is_unknown_never_mtime_or_today(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "n.txt", "General Bagheri arrived in Astrakhan on Thursday.\nHe left."))
    assert doc.published is None
    assert doc.date_precision == "unknown"


def test_body_dates_are_not_publication_dates() -> None:
    body = "\n".join(f"Paragraph {i} says little." for i in range(20))
    doc = build_document(body + "\nThe summit was held on 3 May 2019.\n", "late.txt")
    assert doc.published is None


def test_doc_id_is_stable_and_follows_the_content(tmp_path: Path) -> None:
    first = load_document(write(tmp_path, "a.txt", ARTICLE))
    again = load_document(write(tmp_path, "b.txt", ARTICLE))
    changed = load_document(write(tmp_path, "c.txt", ARTICLE.replace("Tuesday", "Monday")))
    assert first.doc_id == again.doc_id == content_id(first.text)
    assert changed.doc_id != first.doc_id


def test_untitled_article_gets_its_first_sentence_as_title() -> None:
    doc = build_document("Iran opened a factory in Tajikistan in May 2022. It makes drones.", "t.txt")
    assert doc.title == "Iran opened a factory in Tajikistan in May 2022."


# ----------------------------------------------------------------------------- cleaning


def test_article_pasted_twice_is_kept_once() -> None:
    body = [f"Paragraph {i}: the navies of both countries met in the Caspian Sea for talks number {i}." for i in range(6)]
    raw = "\n".join(["Navies meet", "By Jane Roe", "8 August 2013", *body, "Navies meet - Some Web Site",
                     "By Jane Roe", "8 August 2013", *body, "Navies meet - Some Web Site"])
    text, _ = clean_text(raw)
    assert text.count("talks number 3") == 1
    assert "Some Web Site" not in text


def test_short_repeated_lines_are_not_mistaken_for_a_repeated_body() -> None:
    text, _ = clean_text("Yes.\nThe talks went on for a long time in the capital.\nYes.")
    assert text.count("Yes.") == 2


def test_boilerplate_and_trailing_teasers_are_removed() -> None:
    raw = (
        "The port was opened in Aktau. Advertisement\n"
        "Leave a Comment\n"
        "Officials said more ships will come.\n"
        "For the first time in aviation history, a flight carrying an all-female crew and…\n"
        "Doha will stop gas shipments to the EU if member states enforce new legislation on…\n"
    )
    text, _ = clean_text(raw)
    assert text == "The port was opened in Aktau.\nOfficials said more ships will come."


def test_html_is_reduced_to_text_with_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>Site | Page</title>
      <meta property="article:published_time" content="2022-05-17T09:00:00Z">
      <link rel="canonical" href="https://news.example/2022/05/17/drones">
      <style>p { color: red }</style><script>var Tehran = 1;</script></head>
      <body><nav>Home Sport</nav><h1>Drone factory opens in Tajikistan</h1>
      <p>Iran opened a drone factory in Dushanbe.</p><p>It will make 100 drones a year.</p></body></html>"""
    doc = load_document(write(tmp_path, "page.html", html))
    assert doc.title == "Drone factory opens in Tajikistan"
    assert (doc.published, doc.date_precision) == (date(2022, 5, 17), "day")
    assert doc.url == "https://news.example/2022/05/17/drones"
    for dropped in ("var Tehran", "color", "Home Sport"):
        assert dropped not in doc.text
    assert "Iran opened a drone factory in Dushanbe.\n\nIt will make" in doc.text  # paragraphs kept


# ----------------------------------------------------------------------------- bad input


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"empty\.txt: empty file"):
        load_document(write(tmp_path, "empty.txt", b"  \n\n"))


def test_binary_file_is_rejected_with_its_name(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10
    with pytest.raises(CorpusError, match=r"photo\.txt: binary file"):
        load_document(write(tmp_path, "photo.txt", png))


def test_upload_over_the_limit_is_refused_before_decoding() -> None:
    with pytest.raises(CorpusError, match=r"big\.txt: too large"):
        load_document(Path("big.txt"), data=b"a" * (MAX_UPLOAD_BYTES + 1), file_name="big.txt")


def test_upload_from_memory_loads() -> None:
    doc = load_document(Path("upload.txt"), data=ARTICLE.encode("utf-8"), file_name="upload.txt")
    assert doc.file_name == "upload.txt"
    assert doc.published == date(2021, 3, 3)


def test_unsupported_type_is_named() -> None:
    with pytest.raises(CorpusError, match=r"evil\.exe: unsupported file type"):
        load_document(Path("evil.exe"), data=b"MZ", file_name="evil.exe")


def test_mixed_utf8_and_cp1252_lines_both_decode() -> None:
    data = "Ministers met in Tehran – the “talks” went well.\n".encode() + "Caf\xe9 owners in M\xfcnchen said so.\n".encode("cp1252")
    text = decode_bytes(data, "mixed.txt")
    assert "Tehran – the “talks”" in text
    assert "Café owners in München" in text


def test_legacy_encoding_file_is_detected(tmp_path: Path) -> None:
    content = "Le ministre a visité Téhéran et Bakou en février; les négociations ont été fructueuses.\n" * 5
    doc = load_document(write(tmp_path, "latin.txt", content.encode("cp1252")))
    assert "visité Téhéran" in doc.text


def test_bad_files_are_reported_and_the_rest_of_the_corpus_loads(tmp_path: Path) -> None:
    write(tmp_path, "01_good.txt", ARTICLE)
    write(tmp_path, "02_empty.txt", b"")
    write(tmp_path, "03_binary.txt", b"\x00\x01\x02\x03" * 100)
    (tmp_path / "04_huge.txt").write_bytes(b"Tehran and Baku. " * (20 * 1024 * 1024 // 17 + 1))  # ~20 MB
    write(tmp_path, "05_copy.txt", ARTICLE)
    write(tmp_path, "06_places.txt", "\n".join(f"Place number {i} Tehran" for i in range(10_000)))
    write(tmp_path, "07_mixed.txt", "Talks in Tehran – agreed.\n".encode() + "M\xfcnchen too.\n".encode("cp1252"))
    write(tmp_path, "README.md", "# About this corpus")
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    documents, skipped = load_corpus(tmp_path)
    assert [d.file_name for d in documents] == ["01_good.txt", "06_places.txt", "07_mixed.txt"]
    reasons = dict(skipped)
    assert reasons["02_empty.txt"] == "empty file"
    assert reasons["03_binary.txt"].startswith("binary file")
    assert reasons["04_huge.txt"] == "too large (20 MiB; the limit is 10 MiB)"
    assert reasons["05_copy.txt"] == "duplicate of 01_good.txt"
    assert reasons["README.md"].startswith("not an article")
    assert reasons["notes.pdf"].startswith("unsupported file type .pdf")
    places = documents[1]
    assert places.text.count("\n") == 9_999  # every line of a place list is kept
    assert "München" in documents[2].text


def test_a_build_may_pass_corpus_bytes_with_the_corpus_limit() -> None:
    data = ARTICLE.encode("utf-8") + b"More text about Baku. " * (MAX_UPLOAD_BYTES // 22 + 10)
    doc = load_document(Path("long.txt"), data=data, file_name="long.txt", max_bytes=MAX_CORPUS_BYTES)
    assert doc.published == date(2021, 3, 3)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [("Tue, 17 May 2022 09:00:00 GMT", date(2022, 5, 17)), ("17/05/2022", date(2022, 5, 17)),
     ("2022-05-17T09:00:00+03:00", date(2022, 5, 17))],
)
def test_html_date_metadata_in_any_format(meta: str, expected: date) -> None:
    html = f'<html><head><meta name="date" content="{meta}"></head><body><p>Talks were held in Baku.</p></body></html>'
    doc = load_document(Path("p.html"), data=html.encode(), file_name="p.html")
    assert (doc.published, doc.date_precision) == (expected, "day")


@pytest.mark.parametrize(
    "header",
    ["Published: Tuesday, March 3, 2021 10:00", "Updated on 3 March 2021", "Date: 2021-03-03", "posted March 3rd, 2021"],
)
def test_publication_header_lines(header: str) -> None:
    doc = build_document(f"Rail link opens in Baku\n{header}\nThe line opened in Baku on Tuesday.", "h.txt")
    assert (doc.published, doc.date_precision) == (date(2021, 3, 3), "day")
    assert doc.text == "Rail link opens in Baku\nThe line opened in Baku on Tuesday."


def test_markdown_markup_is_reduced_to_text() -> None:
    raw = "# Talks in Baku\n\n> **Ministers** met in [Baku](https://example.com/baku) on Monday.\n![map](map.png)\n"
    doc = build_document(raw, "m.md")
    assert doc.title == "Talks in Baku"
    assert doc.text == "Talks in Baku\n\nMinisters met in Baku on Monday."


def test_unicode_is_normalised_and_invisible_characters_dropped() -> None:
    decomposed = "Te\u0301he\u0301ran"  # e + combining acute accent
    doc = build_document(f"Talks in {decomposed}.\u200b The min\u00adisters met.", "u.txt")
    assert doc.text == "Talks in Téhéran. The ministers met."

"""Article bytes to text: UTF-8, UTF-16 with a byte-order mark, or a detected legacy encoding.

Binary data (images, archives, executables renamed ``.txt``) is refused here, before anything
else reads it.
"""

from __future__ import annotations

from geo.errors import CorpusError

EMPTY_FILE = "empty file"


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding.

    A file whose lines mix UTF-8 and a legacy 8-bit encoding (copy-pasted articles) is decoded
    line by line, so neither part turns into mojibake. Binary data raises :class:`CorpusError`.
    """
    if not data.strip():
        raise CorpusError(name, EMPTY_FILE)
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

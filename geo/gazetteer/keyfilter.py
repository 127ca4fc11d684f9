"""A bit set over the index's lookup keys: says, without a query, that a name is not a place.

Why: recognition looks up every capitalised word sequence of a text, and nine lookups in ten
are for names no place bears ("The", "Smith", "Federal Reserve"). Each costs an SQLite query
the first time it is seen; a bit set (one hash, ``KEY_FILTER_BITS`` bits, stored in the index
when it is built) answers "certainly absent" for almost all of them in a microsecond. It never
says absent for a key that is present, so lookups return exactly what the index holds; a key
it lets through is simply queried (about 1 % of absent keys at the index's size).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

KEY_FILTER_BITS = 1 << 26
"""8 MB: about 1 % of absent keys pass for ~0.7 million distinct keys."""
_SHIFT = 32 - KEY_FILTER_BITS.bit_length() + 1


def _bit(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) >> _SHIFT


def build_key_filter(keys: Iterable[str]) -> bytes:
    """The bit set of ``keys`` (normalised lookup keys), as stored in the index."""
    bits = bytearray(KEY_FILTER_BITS // 8)
    for key in keys:
        bit = _bit(key)
        bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


class KeyFilter:
    """Membership test over a stored bit set: False means the key is certainly absent."""

    __slots__ = ("_bits",)

    def __init__(self, bits: bytes) -> None:
        if len(bits) * 8 != KEY_FILTER_BITS:
            raise ValueError(f"key filter of {len(bits)} bytes, expected {KEY_FILTER_BITS // 8}")
        self._bits = bits

    def may_contain(self, key: str) -> bool:
        bit = _bit(key)
        return bool(self._bits[bit >> 3] >> (bit & 7) & 1)

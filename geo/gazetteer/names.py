"""Place names as lookup keys: case, accents and punctuation folded; consonant skeletons for variants.

The index is written and read with these keys, so a change here changes the index's schema.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_ALT_LENGTH = 3
"""Alternate names shorter than this are mostly codes ("NY", "LA") that collide with words."""
# Words that name the level of an administrative region; stripped to make a bare alias.
_ADMIN_STRIP = re.compile(
    r"^(?:(?:republic of|ostan-e|muhafazat|mayorality of|state of|province of|county of)\s+)|"
    r"\s+(?:province|oblast'?|governorate|region|rayonu?|marzi?|krai|kray|state|prefecture|"
    r"municipality|autonomous republic|republic|territory|department|voivodeship|"
    # Chinese level words: Anhui Sheng (province), Chongqing Shi (municipality), Ningxia Huizu
    # Zizhiqu (autonomous region).
    r"sheng|shi|(?:\w+zu\s+|uygur\s+)?zizhiqu|autonomous region)$",
    re.IGNORECASE,
)
# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})



@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """Lookup key: accents and case folded, dots/apostrophes dropped, dashes to spaces."""
    if name.isascii():  # most names: nothing to decompose or fold but case
        stripped = name.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        stripped = stripped.casefold().replace("ß", "ss").translate(_FOLD)
    stripped = re.sub(r"[.'’`ʼ‘]", "", stripped)
    stripped = re.sub(r"[-‐‑–—_/,()]", " ", stripped)
    return " ".join(stripped.split())


_SKELETON_RULES = (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"), ("w", "v"), ("j", "y"))


def skeleton(name: str) -> str:
    """Consonant skeleton for variant spellings: first letter + consonants, repeats collapsed.

    "Teheran" and "Tehran" share ``thrn``; "Salianka" and "Solyanka" share ``slnk``.
    """
    key = normalize(name).replace(" ", "")
    if not key:
        return ""
    for old, new in _SKELETON_RULES:
        key = key.replace(old, new)
    head, tail = key[0], re.sub(r"[aeiouy]", "", key[1:])
    out = [head]
    for char in tail:
        if char != out[-1]:
            out.append(char)
    return "".join(out)


def is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in "PZMN" for c in name)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")


def admin_aliases(name: str) -> set[str]:
    """The name and the name without its level word ("Syunik'i Marz" -> "Syunik'i")."""
    aliases = {name}
    bare = _ADMIN_STRIP.sub("", name.strip())
    if bare and bare != name and len(bare) >= MIN_ALT_LENGTH:
        aliases.add(bare)
    return aliases


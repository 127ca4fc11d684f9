"""Find corridor names in text: registry names and aliases, and other "… Corridor" names.

Registry aliases link an article to a known corridor. Other capitalised "X Corridor" names
(the "Lobito Corridor" in an article about Angola) are found too: the registry cannot know
every corridor, and a stated route beside such a name still belongs to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geo.corridors.registry import CorridorSpec

# Hyphens, dashes and whitespace between the words of a name are interchangeable:
# "North-South", "North–South" and "North South" are the same name.
_SEPARATOR = r"[\s\-‐‑‒–—]+"
# A capitalised "... Corridor" name of one to four capitalised words. Lower-case "corridor"
# ("an Azerbaijan transport corridor") is a description, not a name.
_GENERIC = re.compile(r"(?<![\w-])((?:[A-Z][\w’'.-]*\s+){1,4})Corridor\b")
# Words that start a sentence or qualify a name without being part of it.
_LEADING_NOISE = frozenset("The A An This That Its Their Our New Proposed So-called".split())


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A corridor name found at ``start:end``; ``corridor_id`` is set for registry corridors."""

    start: int
    end: int
    name: str
    corridor_id: str | None
    weak: bool = False  # matched a registry weak alias (a generic phrase)


def alias_regex(alias: str) -> str:
    """Regex source matching ``alias`` on word boundaries, with interchangeable separators."""
    words = [re.escape(word) for word in re.split(_SEPARATOR, alias.strip()) if word]
    return r"(?<![\w-])" + _SEPARATOR.join(words) + r"(?![\w-])"


def _is_acronym(alias: str) -> bool:
    return alias.isupper() and " " not in alias


@lru_cache(maxsize=8)
def _registry_patterns(
    specs: tuple[CorridorSpec, ...],
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, bool]]]:
    """Two alternations (case-insensitive names, case-sensitive acronyms) and alias → (id, weak)."""
    owner: dict[str, tuple[str, bool]] = {}
    folded: list[str] = []
    exact: list[str] = []
    for spec in specs:
        for alias in spec.names:
            key = alias if _is_acronym(alias) else re.sub(_SEPARATOR, " ", alias).casefold()
            owner[key] = (spec.corridor_id, alias in spec.weak_aliases)
            (exact if _is_acronym(alias) else folded).append(alias)
    # Longest first, so "North-South Transport Corridor" wins over "North-South Corridor".
    folded.sort(key=len, reverse=True)
    exact.sort(key=len, reverse=True)
    never = r"(?!x)x"
    folded_re = re.compile("|".join(alias_regex(a) for a in folded) or never, re.IGNORECASE)
    exact_re = re.compile("|".join(alias_regex(a) for a in exact) or never)
    return folded_re, exact_re, owner


def find_corridor_names(text: str, specs: Sequence[CorridorSpec]) -> list[NameMatch]:
    """All corridor names in ``text``, in order; registry matches win where names overlap."""
    folded_re, exact_re, owner = _registry_patterns(tuple(specs))
    by_id = {spec.corridor_id: spec for spec in specs}
    matches: list[NameMatch] = []
    for match in folded_re.finditer(text):
        corridor_id, weak = owner[re.sub(_SEPARATOR, " ", match.group()).casefold()]
        matches.append(NameMatch(match.start(), match.end(), by_id[corridor_id].name, corridor_id, weak))
    for match in exact_re.finditer(text):
        corridor_id, weak = owner[match.group()]
        matches.append(NameMatch(match.start(), match.end(), by_id[corridor_id].name, corridor_id, weak))
    taken = [(m.start, m.end) for m in matches]
    for match in _GENERIC.finditer(text):
        words = match.group(1).split()
        while words and words[0] in _LEADING_NOISE:
            words.pop(0)
        if not words:
            continue
        start = match.start(1) + match.group(1).index(words[0])
        if any(s < match.end() and start < e for s, e in taken):
            continue
        matches.append(NameMatch(start, match.end(), text[start : match.end()], None))
    return sorted(matches, key=lambda m: m.start)

"""Routes stated in text: "Kermanshah to Baghdad", "from X via Y to Z", "linking X to Y".

Patterns run over a sentence in which every resolved toponym is replaced by a placeholder
``⟦i⟧``, so they work for any place names the geoparser finds, in any article. Each match
becomes a route whose waypoints are those toponyms, in the order the text gives them.

False routes are the risk: "from 2010 to 2015" has no toponyms and never matches, but
"relations between Iran and Russia" or "he flew from Tehran to Moscow" would. A match
therefore counts only in a sentence that speaks of transport (a word such as corridor, route,
railway, road, port, freight; see ``_TRANSPORT``), of shipping (``_MARITIME``: ships, ferry,
sailed), or names a corridor. "Trade" alone is not enough: "trade between Russia and China"
is about money, not a route. A place followed by "Road" or "Street" is a street name and
never a waypoint.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.corridors.names import NameMatch
from geo.corridors.routes import Mode
from geo.models import Toponym
from geo.text.sentences import Sentences

_T = r"⟦(\d+)⟧"
# Up to three filler words between a keyword and a place: "link mainland Azerbaijan to its
# exclave, Nakhchivan", "from the port of Chabahar". Filler never swallows a route keyword.
_FILL = r"(?:(?!(?:to|via|through|and|from|between|with)\b)[a-z][\w’'-]*,?\s+){0,3}"
# Separator in a list of places: ", ", " and ", ", and the ".
_LIST = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
_VIA = r"(?i:via|through)"

# "… via Z" after the destination: Z is an intermediate stop ("from X to Y via Z").
_TAIL = rf"(?P<tail>\s+{_VIA}\s+{_FILL}{_T}(?:{_LIST}{_T})*)?"
_ROUTE_NOUN = (
    r"(?i:rail(?:way|road)?s?|roads?|highways?|motorways?|pipelines?|corridors?|routes?|links?|"
    r"sections?|segments?|(?:ferry|shipping|rail|railway)\s+lines?)"
)

_PATTERNS: dict[str, re.Pattern[str]] = {
    # from X (via Y[, Y2 and Y3]) to Z[, Z2 and Z3] (via W)
    "from-to": re.compile(
        rf"(?i:\bfrom)\s+{_FILL}{_T}(?:\s+{_VIA}\s+{_FILL}{_T}(?:{_LIST}{_T})*)?"
        rf"\s+(?i:to)\s+{_FILL}{_T}(?:{_LIST}{_T})*{_TAIL}"
    ),
    # X to Y (to Z) (via W): also each pair of a list "A to B, C to D and E to F"
    "to": re.compile(rf"{_T}(?:\s+(?i:to)\s+(?:the\s+)?{_T})+{_TAIL}"),
    # X–Y(–Z) railway: a dashed chain is a route only when a route noun follows
    "dash": re.compile(rf"{_T}(?:\s*[-–—]\s*{_T})+(?=\s+{_ROUTE_NOUN}\b)"),
    # link(s/ing/ed) / connect(s/ing/ed) X to/with/and Y (via W)
    "link": re.compile(
        rf"(?i:\b(?:links?|linking|linked|connects?|connecting|connected|joins?|joining|joined))"
        rf"\s+{_FILL}{_T}\s+(?i:to|with|and)\s+{_FILL}{_T}{_TAIL}"
    ),
    # X will be linked/connected to Y
    "linked-to": re.compile(
        rf"{_T}\s+(?:(?:will|would|could|can|is|are|was|were|be|been|being|to|now|also)\s+){{0,3}}"
        rf"(?i:linked|connected|joined)\s+(?i:to|with)\s+{_FILL}{_T}"
    ),
    # between X and Y — exactly two places: "between India, Iran, Azerbaijan …" is a region
    "between": re.compile(rf"(?i:\bbetween)\s+{_FILL}{_T}\s+(?i:and)\s+{_FILL}{_T}(?!{_LIST}{_T})"),
}
# A place name followed by "Road" or "Street" names a street, not a waypoint ("between
# Clairmont and North Druid Hills roads").
_STREET = re.compile(
    rf"{_T}(?:\s+(?:and|or|&)\s+{_T})?\s+(?i:roads?|streets?|avenues?|drives?|boulevards?|st\.|rd\.|ave\.)(?!\w)"
)
# Words just before a match that show it is not a route even in a transport sentence: people
# travelling ("the minister flew from Moscow to Tehran to discuss the corridor") and relations
# between places ("the border between Iran and Armenia", "tensions between Baku and Yerevan").
_NOT_A_ROUTE_BEFORE = {
    "from-to": re.compile(
        r"\b(?i:flew|fly|flies|flying|arrived|returned|headed|went|came|fled|visited|relocated|deported)"
        r"(?:\s+\S+){0,2}\s+$"
    ),
    "between": re.compile(
        r"\b(?i:borders?|frontiers?|boundary|boundaries|conflicts?|wars?|tensions?|relations|ties|talks|"
        r"agreements?|deals?|disputes?|cooperation|exchanges?|meetings?|differences|rivalry|peace)\s+$"
    ),
}
# Order matters: longer constructions claim their toponyms first.
_ORDER = ("from-to", "link", "linked-to", "between", "dash", "to")

_TRANSPORT = re.compile(
    r"\b(?:corridors?|routes?|rail(?:way|road)?s?|trains?|roads?|highways?|motorways?|expressways?|"
    r"pipelines?|bridges?|ferr(?:y|ies)|shipping|sea\s+lanes?|freight|cargo|transit|transport(?:ation)?|"
    r"logistics|ports?|connectivity|supply\s+chains?)\b",
    re.IGNORECASE,
)
# Shipping words: transport context, and a leg is drawn at sea only when the sentence has
# one and both ends are points a ship can reach (not country or region centroids).
_MARITIME = re.compile(
    r"\b(?:by\s+sea|sea\s+(?:route|lane|link)s?|shipping|shipped|ferr(?:y|ies)|maritime|vessels?|ships?|"
    r"sail(?:s|ed|ing)?|tankers?)\b",
    re.IGNORECASE,
)
_SEA_ENDS = frozenset({"city", "facility", "water"})
# A continent is no end point for a line: "from Asia to Europe" gives no drawable route.
_NOT_WAYPOINT = frozenset({"continent"})


@dataclass(frozen=True, slots=True)
class StatedRoute:
    """A route the text states, with its toponyms in order and where it was found."""

    toponyms: tuple[Toponym, ...]
    modes: tuple[Mode, ...]
    pattern: str
    start: int
    end: int
    sentence: tuple[int, int]


def has_transport_context(sentence: str, names_in_sentence: Sequence[NameMatch]) -> bool:
    """Whether a sentence speaks of transport: a transport or shipping word, or a corridor name."""
    return (
        bool(names_in_sentence)
        or _TRANSPORT.search(sentence) is not None
        or _MARITIME.search(sentence) is not None
    )


def _skeleton(text: str, span: tuple[int, int], toponyms: Sequence[Toponym]) -> str:
    """The sentence with toponym ``i`` (of ``toponyms``, in text order) replaced by ``⟦i⟧``."""
    parts: list[str] = []
    cursor = span[0]
    for index, toponym in enumerate(toponyms):
        if toponym.start < cursor:  # overlaps the previous toponym: keep the first
            continue
        parts += [text[cursor : toponym.start], f"⟦{index}⟧"]
        cursor = toponym.end
    parts.append(text[cursor : span[1]])
    return "".join(parts)


def _modes(sentence: str, toponyms: Sequence[Toponym]) -> tuple[Mode, ...]:
    by_sea = _MARITIME.search(sentence) is not None
    return tuple(
        "sea" if by_sea and a.kind in _SEA_ENDS and b.kind in _SEA_ENDS else "land"
        for a, b in itertools.pairwise(toponyms)
    )


def _clean_waypoints(toponyms: Sequence[Toponym]) -> tuple[Toponym, ...]:
    """Drop continents and repeated consecutive places ("Tehran to Tehran")."""
    kept: list[Toponym] = []
    for toponym in toponyms:
        if toponym.kind in _NOT_WAYPOINT:
            continue
        if kept and kept[-1].place_id == toponym.place_id:
            continue
        kept.append(toponym)
    return tuple(kept)


def _placeholders(match: re.Match[str]) -> list[int]:
    """Toponym indices of a match in route order: a trailing "via" list goes before the end."""
    tail_start, tail_end = match.span("tail") if "tail" in match.re.groupindex else (-1, -1)
    main = match.string[match.start() : tail_start] if tail_start >= 0 else match.group()
    route = [int(i) for i in re.findall(r"⟦(\d+)⟧", main)]
    via = (
        [int(i) for i in re.findall(r"⟦(\d+)⟧", match.string[tail_start:tail_end])] if tail_start >= 0 else []
    )
    return [*route[:-1], *via, *route[-1:]]


def _sentence_routes(
    text: str, span: tuple[int, int], toponyms: Sequence[Toponym]
) -> list[tuple[str, int, int, tuple[Toponym, ...]]]:
    """Matches ``(pattern, start, end, toponyms)`` in one sentence, non-overlapping."""
    skeleton = _skeleton(text, span, toponyms)
    streets = {int(i) for match in _STREET.finditer(skeleton) for i in match.groups() if i is not None}
    claimed: list[tuple[int, int]] = []
    found: list[tuple[str, int, int, tuple[Toponym, ...]]] = []
    for name in _ORDER:
        for match in _PATTERNS[name].finditer(skeleton):
            if any(s < match.end() and match.start() < e for s, e in claimed):
                continue
            indices = _placeholders(match)
            before = _NOT_A_ROUTE_BEFORE.get(name)
            if streets.intersection(indices) or (
                before is not None and before.search(skeleton, 0, match.start())
            ):
                # refused: its places are not waypoints for the shorter patterns either
                claimed.append((match.start(), match.end()))
                continue
            waypoints = _clean_waypoints([toponyms[i] for i in indices])
            if len(waypoints) < 2:
                continue
            claimed.append((match.start(), match.end()))
            found.append((name, min(t.start for t in waypoints), max(t.end for t in waypoints), waypoints))
    return sorted(found, key=lambda item: item[1])


def find_stated_routes(
    text: str,
    toponyms: Sequence[Toponym],
    sentences: Sentences,
    corridor_names: Sequence[NameMatch] = (),
) -> list[StatedRoute]:
    """Routes stated in ``text``, each in a sentence with transport context.

    ``toponyms`` carry offsets into ``text``. Toponyms inside a corridor name ("China" in
    "China Corridor") name the corridor, not a waypoint, and are ignored.
    """
    inside_names = [(m.start, m.end) for m in corridor_names]
    usable = sorted(
        (t for t in toponyms if not any(s <= t.start and t.end <= e for s, e in inside_names)),
        key=lambda t: t.start,
    )
    routes: list[StatedRoute] = []
    for span in sentences.spans:
        in_sentence = [t for t in usable if span[0] <= t.start and t.end <= span[1]]
        if len(in_sentence) < 2:
            continue
        sentence = text[span[0] : span[1]]
        names_here = [m for m in corridor_names if span[0] <= m.start < span[1]]
        if not has_transport_context(sentence, names_here):
            continue
        found = _sentence_routes(text, span, in_sentence)
        for pattern, start, end, waypoints in found:
            others = [(s, e) for _, s, e, _ in found if (s, e) != (start, end)]
            free = [t for t in in_sentence if not any(s <= t.start < e for s, e in others)]
            waypoints = _with_transit(text, (start, end), free, waypoints)
            routes.append(StatedRoute(waypoints, _modes(sentence, waypoints), pattern, start, end, span))
    return routes


# "… a route through Iran …", "… via Georgia …": a place the route passes, named apart from its ends.
_TRANSIT_BEFORE = re.compile(r"\b(?:through|via|across|transiting|crossing)\s+(?:the\s+)?(?:territory\s+of\s+)?$",
                             re.IGNORECASE)
# "… has provided a route through its territory …": the country that owns the territory is the one
# named before it in the sentence.
_OWN_TERRITORY = re.compile(r"\b(?:through|via|across)\s+(?:its|their)\s+(?:own\s+)?territor(?:y|ies)\b",
                            re.IGNORECASE)
_TRANSIT_KINDS = frozenset({"country", "admin", "region"})


TRANSIT_REACH = 60
"""A transit phrase belongs to a route when it is at most this many characters from it."""


def _with_transit(
    text: str, route: tuple[int, int], free: Sequence[Toponym], waypoints: tuple[Toponym, ...]
) -> tuple[Toponym, ...]:
    """A two-place route with the transit country its sentence names put between its ends.

    "Iran has provided a route through its territory that connects Azerbaijan to Nakhchivan"
    runs Azerbaijan → Iran → Nakhchivan, not straight across Armenia. A transit is a country or
    region named right after "through"/"via"/"across" near the route (``route``: its span), or
    the country a "through its territory" near the route refers back to. ``free``: the
    sentence's toponyms that belong to no other route ("from China via Iran to Iraq" keeps
    its Iran).
    """
    if len(waypoints) != 2:
        return waypoints
    taken = {t.place_id for t in waypoints}
    near = (route[0] - TRANSIT_REACH, route[1] + TRANSIT_REACH)
    candidates = [t for t in free if t.place_id not in taken and t.kind in _TRANSIT_KINDS]
    transit = next((t for t in candidates if near[0] <= t.start <= near[1]
                    and _TRANSIT_BEFORE.search(text, max(0, t.start - 40), t.start)), None)
    if transit is None:
        for match in _OWN_TERRITORY.finditer(text, max(0, near[0]), near[1]):
            before = [t for t in candidates if match.start() - TRANSIT_REACH <= t.start and t.end <= match.start()
                      and t.kind == "country"]
            if before:
                transit = before[-1]
                break
    return waypoints if transit is None else (waypoints[0], transit, waypoints[1])

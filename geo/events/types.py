"""The registry of event types: one entry per type holds everything the engine and the maps need.

Adding a type is one entry here plus its trigger rules (:mod:`geo.events.triggers`) and tests:
the trigger vocabulary, the cheap word tests before a parse, the order of specificity, the map
icon and colours, the PNG and KML styles and the schema documentation are all read from this
table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _motion(**prepositions: str) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({verb: _words(words) for verb, words in prepositions.items()})


AROUND = _words("during after before following amid")
"""Prepositions that put an event noun around another event ("during the talks")."""


@dataclass(frozen=True, slots=True)
class EventType:
    """One kind of event: the words that tell it and how it is shown.

    ``specificity``: when two triggers of one sentence give the same place and time, the type
    with the lower number is kept ("speaks during a press conference" is a press conference).
    ``icon`` is a Font Awesome name, ``marker`` an awesome-markers colour name, ``colour`` the
    hex colour of the legend, the PNG and the KML.

    The vocabulary is lemmas (lower case; several words for a phrase):

    - ``verbs`` tell the event by themselves ("met", "visited"), subject to the type's rule;
    - ``motion`` verbs tell it with one of their prepositions ("arrived in", "spoke at"), and
      with their particle when they have one ("sat down with");
    - ``nouns`` name it ("talks", "summit"): any verb may hold, attend or sign one;
    - ``noun_prepositions`` make one of its nouns tell an event on its own ("during the talks");
      ``verb_only_nouns`` never do ("during the session" is no gathering);
    - ``object_verbs`` tell it only with one of ``objects`` as their object ("opened a port");
      without ``objects`` the object must be one of the type's own nouns ("signed a deal");
    - ``modifiers``: a noun counts only with one of these words on it ("press conference");
    - ``context``: an ``ambiguous`` word counts only in a sentence holding one of these
      ("military exercise", not "a contact-tracing exercise"; "clashed" with troops, not
      "clashed" over a budget);
    - ``place_prepositions``: prepositions besides "in", "at"... that give the event's place
      ("imposed sanctions on Iran": a sanction's place is its target);
    - ``held``: its nouns are held, attended or take place ("held talks"); a visit is not held;
    - ``directed``: the event has a side that acts and a side it is aimed at (an attack, a
      sanction): its actors are told apart as ``by`` and ``on``.

    Several words make a phrase noun ("air strike"): it is matched on a noun and the word
    before it ("strike" with "air"), so the single word ("strike") need not tell the event.
    """

    name: str
    specificity: int
    icon: str
    marker: str
    colour: str
    description: str
    verbs: frozenset[str] = frozenset()
    motion: Mapping[str, frozenset[str]] = field(default_factory=dict)
    nouns: frozenset[str] = frozenset()
    noun_prepositions: frozenset[str] = frozenset()
    verb_only_nouns: frozenset[str] = frozenset()
    object_verbs: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    held: bool = True
    directed: bool = False

    @property
    def label(self) -> str:
        """``press_conference`` → ``Press conference``."""
        return self.name.replace("_", " ").capitalize()

    @property
    def motion_verbs(self) -> frozenset[str]:
        """The verbs of ``motion`` without their particles ("sit down" → "sit")."""
        return frozenset(phrase.split()[0] for phrase in self.motion)


_GATHERING = _words("conference summit forum expo exhibition congress symposium assembly convention fair session "
                    "dialogue")
_AGREEMENT = _words("agreement deal treaty accord memorandum pact contract protocol mou roadmap declaration charter "
                    "ceasefire cease-fire truce armistice settlement partnership")
_FACILITY = _words("factory plant port terminal base office embassy consulate centre center railway railroad line "
                   "bridge station road highway pipeline airport hospital school university branch facility refinery "
                   "hub mine checkpoint crossing warehouse shipyard complex museum route shop store restaurant clinic "
                   "market mall headquarters mission")
_FORCE = _words("troop troops force forces ship warship destroyer frigate submarine vessel fleet missile system "
                "aircraft jet fighter bomber drone battalion brigade unit soldier personnel corvette boat tank battery "
                "carrier squadron contingent peacekeeper army police policeman reinforcement reinforcements infantry "
                "helicopter helicopters warplane warplanes convoy convoys marine marines paratrooper paratroopers "
                "division regiment artillery militia gunboat")
_MILITARY = _words("military naval navy army joint war troop force fleet warship commander air defence defense "
                   "missile combat tactical armed marine soldier strategic drill submarine destroyer frigate")
_ARMED = _words("military army troop troops soldier soldiers force forces police policeman policemen officer officers "
                "militant militants rebel rebels insurgent insurgents gunman gunmen fighter fighters separatist "
                "separatists militia militias guerrilla guerrillas armed army's gun guns rifle rifles weapon weapons "
                "artillery tank tanks killed dead wounded injured shot troops' battalion security")
"""Words that make "fight", "battle" or "clash" armed fighting, not a dispute."""
_PROTEST_CONTEXT = _words("protest protests protester protesters demonstrator demonstrators rally activists slogan "
                          "slogans against resignation banner banners placard placards chant chanting marcher "
                          "marchers police opposition rights demand demanding petition supporters crowd")
_REPORTING = _words("say announce declare warn state tell write add emphasize emphasise stress underline note claim "
                    "insist pledge vow urge")

_EXERCISE = _words("exercise drill manoeuvre maneuver manoeuvres maneuvers wargame game")

EVENT_TYPES: tuple[EventType, ...] = (
    EventType("press_conference", 0, "microphone", "cadetblue", "#436978", "a press or news conference, a media briefing",
              nouns=_words("conference briefing"), modifiers=_words("press news media"),
              noun_prepositions=AROUND | {"in", "at"}, object_verbs=_words("tell brief address")),
    EventType("conference", 1, "users", "purple", "#d252b9",
              "a multi-party gathering: summit, conference, forum, congress",
              nouns=_GATHERING, noun_prepositions=AROUND | {"at", "to"},  # not "on a forum" (a web forum)
              verb_only_nouns=_words("session dialogue assembly")),
    EventType("military_exercise", 2, "crosshairs", "red", "#d63e2a", "drills, exercises, manoeuvres, war games",
              nouns=_EXERCISE, context=_MILITARY, ambiguous=_EXERCISE, noun_prepositions=AROUND | {"in"}),
    EventType("attack", 3, "explosion", "lightred", "#ff8e7f",
              "deliberate violence with weapons: bombing, shooting, air or drone strike, shelling, assassination",
              verbs=_words("attack bomb shell assassinate ambush raid stab massacre poison storm shoot gun"),
              nouns=_words("attack bombing shooting shelling airstrike assassination ambush raid massacre rampage "
                           "stabbing gunfire") | {"air strike", "drone strike", "missile strike", "rocket attack",
                                                  "car bomb", "suicide bombing", "bomb blast", "bomb explosion",
                                                  "suicide blast", "suicide explosion", "coordinated blast",
                                                  "coordinated explosion"},  # a blast told as deliberate
              object_verbs=_words("open drop fire launch lob hurl detonate plant"),  # "opened fire on"
              objects=_words("fire bomb bombs rocket rockets missile missiles shell shells mortar mortars grenade "
                             "grenades explosive explosives device devices"),
              noun_prepositions=AROUND | {"in", "under", "on"}, directed=True),
    EventType("clash", 4, "gun", "darkblue", "#0067a3", "armed fighting between parties: battles, gun battles",
              verbs=_words("clash fight battle skirmish"),
              nouns=_words("clash fighting battle gunbattle shootout firefight skirmish") | {"gun battle"},
              object_verbs=_words("exchange trade"), objects=_words("fire gunfire shot shots"),
              noun_prepositions=AROUND | {"in"}, context=_ARMED, ambiguous=_words("fight fighting battle")),
    EventType("sanction", 5, "ban", "beige", "#ffcb92",
              "punitive measures imposed or lifted: sanctions, embargoes, expelled diplomats",
              verbs=_words("sanction embargo"), nouns=_words("sanction sanctions embargo"),
              object_verbs=_words("impose slap lift ease extend tighten adopt introduce announce approve remove end "
                                  "suspend expel recall"),
              objects=_words("sanction sanctions embargo diplomat diplomats ambassador envoy attache"),
              place_prepositions=_words("on against"), directed=True),
    EventType("protest", 6, "hand-fist", "pink", "#ff91ea", "demonstrations, rallies, marches, strikes, sit-ins",
              verbs=_words("protest demonstrate rally march picket riot gather occupy"),
              nouns=_words("protest demonstration rally march vigil picket riot walkout") | {
                  "sit in", "hunger strike", "general strike"},
              noun_prepositions=AROUND | {"in", "at", "to", "with"}, context=_PROTEST_CONTEXT,
              ambiguous=_words("demonstration demonstrate")),
    EventType("agreement", 7, "file-signature", "darkgreen", "#728224",
              "a treaty, deal, memorandum or contract signed or reached",
              verbs=_words("agree"), nouns=_AGREEMENT, noun_prepositions=AROUND,
              object_verbs=_words("sign conclude reach ink announce finalize finalise seal strike")),
    EventType("facility_opening", 8, "industry", "orange", "#f69730", "a port, plant, office, embassy or line opened",
              object_verbs=_words("open inaugurate unveil commission launch"), objects=_FACILITY,
              nouns=_words("opening inauguration"), modifiers=_FACILITY, noun_prepositions=AROUND | {"at"}),
    EventType("deployment", 9, "truck", "darkred", "#a23336", "forces, ships or weapons sent or stationed somewhere",
              object_verbs=_words("station deploy dispatch send position scramble amass mass redeploy rush move "
                                  "reinforce install bring"), objects=_FORCE,
              nouns=_words("deployment redeployment rotation buildup"), noun_prepositions=AROUND,
              motion=_motion(arrive="in at", land="in at", fly="to over", enter="", head="toward towards to",
                             move="into to toward towards", advance="on toward towards into", cross="")),
    EventType("visit", 10, "plane", "green", "#72b026", "an official travels to, arrives in or tours a place",
              verbs=_words("visit tour"), motion=_motion(arrive="in at", land="in at", travel="to", fly="to"),
              nouns=_words("visit trip tour"), noun_prepositions=AROUND | {"on", "for"}, held=False),
    EventType("meeting", 11, "handshake", "blue", "#38a9dc", "talks or a meeting between identified parties",
              verbs=_words("meet"), motion=_motion(**{"sit down": "with"}),
              nouns=_words("talks meeting discussion negotiation consultation summit conversation") | {
                  "phone call", "telephone call", "telephone conversation", "phone conversation"},
              noun_prepositions=AROUND | {"in", "at", "to"}),  # "sent delegates to a meeting"
    EventType("speech", 12, "bullhorn", "darkpurple", "#5b396b", "a speech or address to an audience",
              motion=_motion(speak="at before"), nouns=_words("speech address lecture remark remarks keynote comment"),
              noun_prepositions=AROUND | {"in", "at"}, verb_only_nouns=_words("address comment"),
              object_verbs=_words("address"), objects=_GATHERING | _words("parliament rally meeting crowd nation")),
    EventType("statement", 13, "quote-left", "black", "#303030",
              "a public statement by an official actor: a position, reaction, appeal, warning, denial or pledge",
              verbs=_REPORTING),
)
"""Every known type, most specific first."""

BY_NAME: dict[str, EventType] = {t.name: t for t in EVENT_TYPES}
NAMES: tuple[str, ...] = tuple(t.name for t in sorted(EVENT_TYPES, key=lambda t: t.specificity))
"""Type names, most specific first."""
NOUN_ORDER: tuple[EventType, ...] = tuple(
    sorted((t for t in EVENT_TYPES if t.nouns), key=lambda t: (not t.modifiers, t.specificity)))
"""Types named by nouns, in the order a noun is tested: a type whose nouns need a modifier
first (a "press conference" is not a conference), then the most specific."""


def specificity(name: str) -> int:
    """Rank of a type (lower is more specific); unknown types rank last."""
    known = BY_NAME.get(name)
    return known.specificity if known is not None else len(EVENT_TYPES)

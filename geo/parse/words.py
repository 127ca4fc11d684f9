"""The English words and context patterns that tell a place name from other capitalised words.

One place for the word lists, so the recogniser's matching (``geo.parse.recognise``) and its
reject rules (``geo.parse.rules``) read the same vocabulary. Each list is general English
(titles, calendar words, institution nouns), never names taken from a corpus.
"""

from __future__ import annotations

import re

from geo.text.calendar import CALENDAR_WORDS

CONNECTORS = frozenset("of the de del da di la le al el upon on and y du des dos das van von".split())
NAME_PARTICLES = CONNECTORS | frozenset("es as ash ad ar az an ul um bin ibn ben am im der den aan op sur sous sul do "
                                       "della degli lo las los les".split())
"""Lower-case words inside a place name ("Dar es Salaam", "Frankfurt am Main", "Rio do Sul"): a
name is read on across them; it matches only when the gazetteer has the whole name."""
ELIDED_NAME = re.compile(r"^(?:d|l|dell|all)['’][A-ZÀ-Ý]")
"""A particle elided onto a capitalised word ("Côte d'Ivoire", "Val d'Aosta"): the word goes on
the name though its token starts in lower case."""
# Capitalised words that describe part of a place rather than name something else.
DESCRIPTORS = frozenset(
    "north south east west northern southern eastern western central upper lower greater "
    "downtown metro metropolitan northeast northwest southeast southwest northeastern "
    "northwestern southeastern southwestern new old mid inner outer coastal rural suburban "
    "village city town port province county district region lake mount island".split()
)
# Capitalised words after a place name that make a local institution or office of that place
# ("Leeds Fire Chief", "Texas Governor", "Tabriz Police", "a Leeds Democrat"): the place is still mentioned.
LOCAL_INSTITUTION = frozenset(
    "police fire sheriff sheriff's public schools school governor mayor department council hospital board "
    "chamber court jail zoo library museum health transit city county state officials authorities "
    "residents area region regional metro township gov sen rep lt house senate legislature "
    "assembly national guard co attorney democrat democrats democratic republican republicans".split()
)
# Grammatical words: capitalised only at a sentence start or in a title ("In Paris", "Six Flags
# Over Texas"), so one of them before a name does not make the name a person's.
FUNCTION_WORDS = frozenset(
    "in at from to of the and for on near outside across around by with into since until while "
    "when as after before between during like via through throughout including both all many some "
    "every this that these those its his her their our my your a an but or nor so yet if because "
    "than then unlike within without about over under against toward towards beyond inside where "
    "whereas although though meanwhile also even only just not no both either neither each most "
    "more less several few other another such what which who whose whom how why".split()
)
CALENDAR = CALENDAR_WORDS
"""Month and weekday names: dates, never place names ("May", "Sunday")."""
# Cues before a name that say "a place follows"; the value is the kind it hints at.
CUE_BEFORE = re.compile(
    r"\b(?:(?P<city>port|city|town|village|capital|suburb|outskirts)|(?P<admin>province|region|state|"
    r"oblast|governorate|district|county|republic)|(?P<water>sea|gulf|river|lake|bay))\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|from|to|at|outside|via|into|across|towards?)\s+(?:the\s+)?$")
CUE_AFTER = re.compile(
    r"^\s+(?:(?P<facility>(?:international\s+)?airport|seaport|port|harbou?r|terminal)|"
    r"(?P<admin>province|region|oblast|governorate|krai|county|district|state)|(?P<water>river|sea))\b(?!-)",
    re.IGNORECASE,
)
# Road words: after a place name they make a road's name ("Kerman Road"), not the place's.
ROAD_WORDS = frozenset("road street avenue drive lane boulevard highway pike way parkway".split())
# After a place name, these make the pair the name of something that is not about the place.
NOT_OF_THE_PLACE = ROAD_WORDS | frozenset(
    "cooperation organization organisation treaty pact forum summit accord accords agreement declaration "
    "process format initiative corridor "
    "times post journal herald tribune gazette telegraph chronicle daily weekly globe star observer "
    "club fc united rovers wanderers athletic".split()
)
# Head nouns that end the name of a place's institution ("Kerman Arts Council").
INSTITUTION_HEADS = frozenset(
    "council commission service services division center centre park project association department school "
    "schools college hospital clinic library museum authority agency office board committee district court "
    "society foundation institute chamber bureau airport station bridge church cathedral mosque temple zoo "
    "stadium arena mall market hall square plaza theater theatre festival fair fairgrounds "
    "administration coalition partnership alliance network program programme fund trust utilities utility "
    "academy jail prison corrections sheriff police fire rescue ems patrol county".split()
)
# A person's name before these words tells a presidency or a government ("the Bush administration",
# "Bush-era"), however a town happens to share the name.
PRESIDENCY_AFTER = re.compile(r"^(?:\s+administration|\s+presidency|-era)\b", re.IGNORECASE)
# A place name before these words names a disease or a strain ("Marburg virus", "West Nile fever").
DISEASE_AFTER = re.compile(r"^[\s-]+(?:virus|viruses|fever|disease|flu|influenza|strain|ebolavirus|encephalitis)\b",
                            re.IGNORECASE)
# A name that ends in its level word is a place whatever follows ("Ardmore County Clerk").
LEVEL_WORD = re.compile(r"^(?:County|Parish|Borough|Province|Oblast|Governorate|Prefecture|Township)$")
# A news dateline: an upper-case town name opening a line or a sentence, then a dash or a comma
# ("KERMAN — The council ...", "SPRINGDALE, Ark. - ...").
DATELINE = re.compile(r"(?:(?<=\n)|(?<=^)|(?<=\. ))[A-Z][A-Z.'’ -]+(?:,[^\n]{0,12}?)?\s+[-–—]{1,2}\s", re.MULTILINE)
# A locative word right before a name, without an article ("in Stone Harbor", not "in the White House").
LOCATIVE_DIRECT = re.compile(r"\b(?:in|near|from|to|at|outside|of)\s+$")
SPEECH_AFTER = re.compile(r"^,?\s+(?:said|says|told|added|asked|explained|noted|stated|wrote|testified)\b")
OF_THE_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+of\s+the\s+$")
# A name (or a hyphenated chain of names) before these words names a line or a body, not a point:
# "Zangezur Corridor", "the Aras corridor", "Tehran-Moscow corridor", "the Atlantic alliance",
# "the Warsaw pact". Corridors are drawn as lines by ``geo.corridors.assemble``.
NOT_A_POINT_AFTER = re.compile(
    r"^(?:-[^\W\d_][\w’'.]*)*[\s-]+(?i:corridors?|alliance|pact|treaty)\b(?!-)"
)
# A news agency or outlet named after a place ("the news agency Fars", "Fars news agency").
MEDIA_BEFORE = re.compile(r"\b(?i:news\s+agency|agency|newspaper|broadcaster|news\s+outlet|outlet)\s+$")
MEDIA_AFTER = re.compile(r"^\s+(?i:news\s+agency|news\s+service|magazine|newspaper)\b")
# "X of <place>" names an institution or a publication: "the University of Texas", "the
# District Court of Maryland", "the Bank of England", "the Times of India".
INSTITUTION_OF = re.compile(
    r"\b(?:University|College|Institute|Hospital|Court|Bank|Museum|Academy|Diocese|Archdiocese|Church|"
    r"Cathedral|Conservatory|Orchestra|Symphony|Times|Post|Journal|Herald|Tribune|Gazette|Chronicle|Review)"
    r"\s+of\s+(?:the\s+)?$"
)
# Words that open the name of a sports club before a place ("Real Madrid", "Inter Milan").
CLUB_PREFIXES = frozenset(
    "real inter ac fc sporting atletico atlético olympique dynamo dinamo borussia racing deportivo "
    "lokomotiv spartak cska partizan ajax".split()
)
# A sentence about sport: a place glued to a capitalised word in it names a club or a team
# ("Manchester City beat ...", "the Minnesota Vikings' coach").
SPORTS = re.compile(
    r"\b(?:coach|league|matches|match|goals?|scored|playoffs?|championship|tournament|quarterback|striker|"
    r"midfielder|goalkeeper|touchdown|pitcher|innings|kick-?off|semi-?finals?|stadium|defeated)\b",
    re.IGNORECASE,
)
# "<Saint>'s <Institution>": "St. Mary's Hospital".
PATRON_AFTER = re.compile(
    r"^[’']s\s+(?:Hospital|Church|Cathedral|College|School|Academy|University|Abbey|Chapel|Parish|Medical|Catholic)\b"
)
# Era abbreviations: after a number ("300 B.C.") they are dates, not places.
ERAS = frozenset({"B.C.", "A.D.", "B.C.E.", "C.E.", "BC", "AD", "BCE", "CE"})
AFTER_NUMBER = re.compile(r"\d\s*$")
# Generic feature words: alone ("the Gulf", "the Sea") they name no place by themselves, however
# the gazetteer happens to list them (Gulf Province of Papua New Guinea, Bay Region of Somalia).
# ``geo.parse.geoparser`` reads them as the water body of that kind the document names elsewhere.
GENERIC_FEATURE_WORDS = frozenset(
    "gulf sea ocean bay strait straits channel lake river canal coast peninsula".split()
)
# Titles before a name make it a person ("President Vladimir Putin", "Gov. Jordan").
TITLES = frozenset(
    "mr mrs ms dr president minister gov governor sen senator rep representative judge mayor gen general "
    "col colonel capt captain lt sgt officer chief prime king queen prince princess pope sheikh ayatollah "
    "sir lord lady saint secretary ambassador chancellor congressman congresswoman pastor rev reverend bishop "
    "coach".split()
)
# Words after which a capitalised word is read as a place ("in Ardmore", "from Henry").
LOCATIVE_WORDS = frozenset("in near from outside at".split())


def context_cue(text: str, start: int, end: int) -> str | None:
    """The kind of place the words around a name hint at ("port of X": city, "X province": admin)."""
    before = CUE_BEFORE.search(text[max(0, start - CUE_WINDOW) : start])
    if before:
        return before.lastgroup
    after = CUE_AFTER.match(text[end : end + CUE_WINDOW])
    return after.lastgroup if after else None


CUE_WINDOW = 30
"""Characters read on each side of a name for a cue: enough for "the port of the"."""

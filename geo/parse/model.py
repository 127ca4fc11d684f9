"""The geoparser's fitted weights: how much each piece of evidence counts, and how sure a pick is.

Two small linear models, fitted by ``bench/train_geoparse.py`` on the development corpora
(see that script for the cross-corpus protocol) and shipped as ``data/parse/model.json``:
- the ranker: a candidate's score is ``weights · features`` (``geo.parse.features``); the
  candidates of a mention compete in a softmax (a conditional logit);
- the calibration: the probability that the chosen place is right (within 161 km of the
  true one), a logistic regression over what the decision looked like (``CALIBRATION``).
The file is plain JSON (names -> numbers), never pickle.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from operator import mul
from pathlib import Path

from geo.errors import ModelError
from geo.parse.features import FEATURES
from geo.settings import GEOPARSE_MODEL

CALIBRATION = (
    "logit_share", "margin", "recognition", "spelling_gap", "demonym", "country", "admin", "region", "facility",
    "log_candidates", "foreign", "fame", "scripts", "capital", "log_population", "nearby", "country_votes",
)
"""What a decision looked like: the winner's softmax share (as log-odds) and its lead over the
runner-up, how sure recognition was, the kind of place, how many candidates competed, and the
winner's own evidence."""
MAX_LOGIT = 8.0


@dataclass(frozen=True, slots=True)
class Model:
    """Ranker weights (aligned with ``FEATURES``) and calibration weights (with ``CALIBRATION``)."""

    weights: tuple[float, ...]
    calibration: tuple[float, ...]
    intercept: float

    def score(self, row: list[float]) -> float:
        return sum(map(mul, self.weights, row))

    def partial(self, row: list[float]) -> float:
        """The score of the leading features only (prior and local: computed once per mention)."""
        return sum(map(mul, self.weights, row))

    def context_part(self, row: list[float]) -> float:
        """The score of the trailing ``CONTEXT_FEATURES`` (recomputed every round)."""
        return sum(map(mul, self.weights[-len(row):], row))

    def probability(self, decision: list[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.calibration, decision, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self, **about: object) -> str:
        return json.dumps({
            **about,
            "ranker": dict(zip(FEATURES, self.weights, strict=True)),
            "calibration": {"intercept": self.intercept, **dict(zip(CALIBRATION, self.calibration, strict=True))},
        }, indent=1)

    @classmethod
    def from_dict(cls, data: dict, path: str | Path = "<model>") -> Model:
        ranker, calibration = data.get("ranker"), data.get("calibration")
        if not isinstance(ranker, dict) or not isinstance(calibration, dict):
            raise ModelError(path, "needs 'ranker' and 'calibration' tables")
        missing = [f for f in FEATURES if f not in ranker] + [f for f in CALIBRATION if f not in calibration]
        if missing or "intercept" not in calibration:
            raise ModelError(path, f"fitted for other features; missing {missing or ['intercept']} "
                                   "(refit with bench/train_geoparse.py)")
        return cls(tuple(float(ranker[f]) for f in FEATURES), tuple(float(calibration[f]) for f in CALIBRATION),
                   float(calibration["intercept"]))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-MAX_LOGIT, min(MAX_LOGIT, math.log(p / (1 - p))))


@lru_cache(maxsize=4)
def load_model(path: Path = GEOPARSE_MODEL) -> Model:
    """The fitted model shipped with the code (read once per process)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ModelError(path, f"cannot read the geoparser's weights: {error}") from error
    return Model.from_dict(data, path)

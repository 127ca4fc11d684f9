"""Fitting the ranker and the calibration, and the shipped model file."""

from __future__ import annotations

import json

import numpy as np
import pytest

from geo.errors import ModelError
from geo.parse.features import FEATURES
from geo.parse.learn import fit_calibration, fit_ranker
from geo.parse.model import CALIBRATION, Model, load_model


def _groups(seed: int = 1) -> list[tuple[list[list[float]], list[bool]]]:
    """Mentions whose right candidate has the larger first feature; the second feature is noise."""
    rng = np.random.default_rng(seed)
    groups = []
    for _ in range(300):
        rows = [[rng.random(), rng.random(), 0.0] for _ in range(int(rng.integers(2, 6)))]
        best = max(range(len(rows)), key=lambda k: rows[k][0])
        groups.append((rows, [k == best for k in range(len(rows))]))
    return groups


def test_the_ranker_learns_which_evidence_picks_the_right_candidate() -> None:
    weights = fit_ranker(_groups())
    assert weights[0] > 5.0
    assert abs(weights[1]) < 1.0


def test_evidence_the_data_never_varies_keeps_its_prior_weight() -> None:
    weights = fit_ranker(_groups(), prior=[0.0, 0.0, 7.0])
    assert weights[2] == pytest.approx(7.0)


def test_mentions_that_teach_nothing_are_left_out() -> None:
    with pytest.raises(ValueError, match="right and a wrong"):
        fit_ranker([([[1.0], [2.0]], [True, True]), ([[1.0]], [True])])


def test_calibration_turns_evidence_into_probabilities() -> None:
    rng = np.random.default_rng(2)
    x = [[rng.random()] for _ in range(2000)]
    right = [bool(rng.random() < value[0]) for value in x]  # P(right) equals the feature
    intercept, weights = fit_calibration(x, right, l2=0.0)
    model = Model(tuple([0.0] * len(FEATURES)), tuple([weights[0]] + [0.0] * (len(CALIBRATION) - 1)), intercept)
    low = model.probability([0.1] + [0.0] * (len(CALIBRATION) - 1))
    high = model.probability([0.9] + [0.0] * (len(CALIBRATION) - 1))
    assert low < 0.25 < 0.75 < high


def test_the_shipped_model_loads_and_round_trips() -> None:
    model = load_model()
    assert len(model.weights) == len(FEATURES)
    again = Model.from_dict(json.loads(model.to_json(fitted_on={})))
    assert again == model


def test_a_model_for_other_features_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"ranker": {"country": 1.0}, "calibration": {"intercept": 0.0}}), encoding="utf-8")
    with pytest.raises(ModelError, match="refit"):
        load_model(path)
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path / "missing.json")

"""Fitting the geoparser's two linear models (numpy + scipy; no machine-learning framework).

- :func:`fit_ranker`: a conditional logit. Each mention is a group of candidate rows; the
  weights maximise the probability the softmax gives to the group's right candidates (several
  may be right: a city and its same-named district a few km apart), with an L2 penalty.
- :func:`fit_calibration`: a logistic regression from what a decision looked like to whether
  it was right, so ``score`` reads as a probability.

Used by ``bench/train_geoparse.py``; nothing here runs when a text is parsed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

RANKER_L2 = 1.0
CALIBRATION_L2 = 1.0


Group = tuple[Sequence[Sequence[float]], Sequence[bool]]
"""One mention: a feature row per candidate, and which candidates are right."""


def _stack(groups: Sequence[Group], weights: Sequence[float] | None) -> tuple[np.ndarray, ...]:
    """Rows, labels, group starts and group weights of the groups that can teach something (two
    candidates or more, at least one right and one wrong)."""
    weights = [1.0] * len(groups) if weights is None else weights
    kept = [(np.asarray(rows, float), np.asarray(labels, bool), w) for (rows, labels), w
            in zip(groups, weights, strict=True) if len(labels) > 1 and any(labels) and not all(labels)]
    if not kept:
        raise ValueError("no mention with both a right and a wrong candidate to learn from")
    starts = np.cumsum([0] + [len(labels) for _, labels, _ in kept[:-1]])
    return (np.vstack([rows for rows, _, _ in kept]), np.concatenate([labels for _, labels, _ in kept]), starts,
            np.array([w for _, _, w in kept]))


def _group_softmax(scores: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Softmax within each group, and the log of each group's partition function."""
    top = np.maximum.reduceat(scores, starts)
    exp = np.exp(scores - np.repeat(top, sizes))
    total = np.add.reduceat(exp, starts)
    return exp / np.repeat(total, sizes), np.log(total) + top


def fit_ranker(groups: Sequence[Group], *, weights: Sequence[float] | None = None, l2: float = RANKER_L2,
               prior: Sequence[float] | None = None) -> np.ndarray:
    """Weights maximising sum over mentions of (group weight x) log P(a right candidate), minus
    ``l2``/2 |w - prior|^2. Group weights let each corpus count the same whatever its size; the
    prior (hand-set weights) holds where the corpora say little (rivers, airports, mountains are
    rare in them), so a rare kind is not shrunk to "a town"."""
    from scipy.optimize import minimize  # only training needs scipy

    rows, labels, starts, group_weights = _stack(groups, weights)
    sizes = np.diff(np.append(starts, len(labels)))
    right = labels.astype(float)

    row_weights = np.repeat(group_weights, sizes)
    centre = np.zeros(rows.shape[1]) if prior is None else np.asarray(prior, float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = rows @ w
        p_all, log_all = _group_softmax(scores, starts, sizes)
        masked = np.where(labels, scores, -np.inf)
        top = np.maximum.reduceat(masked, starts)
        exp_right = np.exp(masked - np.repeat(top, sizes)) * right
        total_right = np.add.reduceat(exp_right, starts)
        p_right = exp_right / np.repeat(total_right, sizes)
        shift = w - centre
        value = float(group_weights @ (log_all - (np.log(total_right) + top))) + 0.5 * l2 * float(shift @ shift)
        return value, rows.T @ (row_weights * (p_all - p_right)) + l2 * shift

    result = minimize(loss, centre.copy(), jac=True, method="L-BFGS-B")
    return np.asarray(result.x)


def fit_calibration(features: Sequence[Sequence[float]], right: Sequence[bool], *,
                    weights: Sequence[float] | None = None, l2: float = CALIBRATION_L2) -> tuple[float, np.ndarray]:
    """(intercept, weights) of a weighted logistic regression of ``right`` on ``features``
    (intercept not penalised)."""
    from scipy.optimize import minimize

    x = np.asarray(features, float)
    y = np.asarray(right, float)
    sample = np.ones(len(y)) if weights is None else np.asarray(weights, float)
    if len(set(y.tolist())) < 2:
        raise ValueError("calibration needs both right and wrong decisions")
    design = np.hstack([np.ones((len(x), 1)), x])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = design @ w
        value = float(sample @ (np.logaddexp(0.0, z) - y * z)) + 0.5 * float(np.sum(penalty * w * w))
        p = 1.0 / (1.0 + np.exp(-z))
        return value, design.T @ (sample * (p - y)) + penalty * w

    result = minimize(loss, np.zeros(design.shape[1]), jac=True, method="L-BFGS-B")
    return float(result.x[0]), np.asarray(result.x[1:])

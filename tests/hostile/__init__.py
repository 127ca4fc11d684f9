"""The hostile-input suite: any input, a result or a clear error, within a generous time bound.

An example that takes longer than ``DEADLINE`` fails, which catches a hang or a quadratic
blow-up without timing anything precisely (the inputs are at most a few hundred kilobytes; each
takes well under a second on a quiet machine). Examples are derandomised, so ``make test``
gives the same verdict on every run; the example counts keep the suite to about a minute.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, settings

DEADLINE = timedelta(seconds=30)


def hostile(examples: int) -> settings:
    """Hypothesis settings for ``examples`` hostile inputs."""
    return settings(max_examples=examples, deadline=DEADLINE, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

"""Test configuration: Hypothesis profiles and the doctest namespace."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import ecm_plan

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fast", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _add_ecm_plan(doctest_namespace: dict[str, object]) -> None:
    """Make ``ecm_plan`` available in every doctest, as networkx does for ``nx``."""
    doctest_namespace["ecm_plan"] = ecm_plan

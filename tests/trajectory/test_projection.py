"""Tests of ecm_plan.trajectory.projection."""

from __future__ import annotations

import numpy as np
import pytest

from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import (
    ProjectionArray,
    ProjectionMethod,
    project,
)

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


class TestProject:
    def test_least_squares(self):
        """The least-squares line through baseline and actuals, at the target period."""
        p = project([283.0, 275.0], horizon=3, baseline=296.0, target=257.0, polarity=LOWER)
        assert pytest.approx(263.6666667) == p.value
        assert p.meets_target is False
        assert ProjectionMethod.LEAST_SQUARES == p.method

    def test_exact_line(self):
        """Points on a line project onto it."""
        p = project([12.0, 14.0], horizon=3, baseline=10.0, target=16.0, polarity=HIGHER)
        assert 16.0 == p.value
        assert p.meets_target is True

    def test_cagr(self):
        """The constant rate from the base to the latest value, continued."""
        p = project([283.0, 275.0], horizon=3, baseline=296.0, method="cagr")
        assert pytest.approx(296.0 * (275.0 / 296.0) ** 1.5) == p.value
        assert p.meets_target is None

    def test_single_point_gives_no_projection(self):
        """One data point: no projection, with the reason, rather than a flat line."""
        for method in ("least_squares", "cagr"):
            p = project([5.0], horizon=3, method=method)
            assert p.value is None
            assert "later actual value" in p.reason

    def test_baseline_and_one_actual(self):
        """A baseline and one actual value make two points."""
        assert 13.0 == project([11.0], horizon=3, baseline=10.0).value

    def test_gaps_are_skipped(self):
        """Missing years are skipped."""
        assert 16.0 == project([12.0, None, 16.0], horizon=4, baseline=10.0).value - 2.0

    def test_cagr_zero_base(self):
        """A zero base gives no constant-rate projection."""
        p = project([5.0, 6.0], horizon=3, baseline=0.0, method="cagr")
        assert p.value is None
        assert "zero" in p.reason

    def test_cagr_percent_change(self):
        """For a % change series the rate is taken on 100 + x."""
        p = project([-10.0], horizon=3, baseline=0.58, method="cagr", percent_change=True)
        assert pytest.approx(100.58 * (90.0 / 100.58) ** 3 - 100.0) == p.value

    def test_target_needs_polarity(self):
        """A target without a polarity is an error."""
        with pytest.raises(TrajectoryError, match="polarity"):
            project([1.0, 2.0], horizon=3, target=4.0)

    def test_horizon_is_checked(self):
        """The horizon must be a whole number at or after the last actual period."""
        with pytest.raises(TrajectoryError, match="horizon"):
            project([1.0, 2.0, 3.0], horizon=2)
        with pytest.raises(TrajectoryError, match="horizon"):
            project([1.0], horizon=0)

    def test_unknown_method(self):
        """An unknown method is an error."""
        with pytest.raises(TrajectoryError, match="unknown projection method"):
            project([1.0, 2.0], horizon=3, method="spline")

    def test_arrays(self):
        """A 2-D array gives a ProjectionArray whose rows equal the scalar results."""
        acts = np.array([[283.0, 275.0], [12.0, np.nan], [5.0, 6.0]])
        out = project(
            acts,
            horizon=3,
            baseline=np.array([296.0, 10.0, np.nan]),
            target=np.array([257.0, 16.0, 8.0]),
            polarity=np.array([-1, 1, 1]),
        )
        assert isinstance(out, ProjectionArray)
        for i, (row, b, t, s) in enumerate(
            zip(
                acts.tolist(),
                [296.0, 10.0, None],
                [257.0, 16.0, 8.0],
                [LOWER, HIGHER, HIGHER],
                strict=True,
            )
        ):
            assert project(row, horizon=3, baseline=b, target=t, polarity=s) == out.row(i)

    def test_arrays_cagr(self):
        """The constant-rate projection of arrays equals the scalar one."""
        acts = np.array([[283.0, 275.0], [0.0, 1.0]])
        out = project(acts, horizon=3, baseline=296.0, method="cagr")
        assert project([283.0, 275.0], horizon=3, baseline=296.0, method="cagr") == out.row(0)
        assert out.row(1).value is not None

    def test_arrays_bad_polarity(self):
        """Per-series polarities must be +1 or -1, one per series."""
        with pytest.raises(TrajectoryError, match=r"\+1"):
            project(np.ones((2, 2)), horizon=3, target=2.0, polarity=np.array([1, 0]))
        with pytest.raises(TrajectoryError, match="one polarity per series"):
            project(np.ones((2, 2)), horizon=3, target=2.0, polarity=np.array([1, 1, 1]))

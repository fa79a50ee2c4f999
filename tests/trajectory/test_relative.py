"""Tests of ecm_plan.trajectory.relative: relative targets."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ecm_plan.exceptions import UnitError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import (
    relative_change,
    resolve_relative,
)
from ecm_plan.units import Q_

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


class TestResolveRelative:
    def test_stockton_teenage_conception_target(self):
        """'Reduce the 1998 baseline of 48.3 per 1,000 by 50%' resolves to 24.15 per 1,000."""
        assert 24.15 == resolve_relative(48.3, -50)

    def test_percent_change_series_both_ways(self):
        """A '% change from baseline' series converts to rates and back."""
        changes = np.array([-29.6, -36.4, -43.2])
        rates = resolve_relative(48.3, changes)
        np.testing.assert_allclose([34.0032, 30.7188, 27.4344], rates)
        np.testing.assert_allclose(changes, relative_change(48.3, rates))

    def test_negative_baseline_moves_by_its_magnitude(self):
        """For a negative baseline a positive change moves up by a share of its magnitude."""
        assert -5.0 == resolve_relative(-10.0, 50.0)
        assert -15.0 == resolve_relative(-10.0, -50.0)

    def test_zero_baseline_stays_zero(self):
        """Any relative change of a zero baseline is zero."""
        assert 0.0 == resolve_relative(0.0, -50.0)

    def test_quantities(self):
        """A baseline quantity keeps its unit; a ratio change is a fraction."""
        out = resolve_relative(Q_(48.3, "per_1000"), Q_(-0.5, "ratio"))
        assert "per_1000" == str(out.units)
        assert pytest.approx(24.15) == out.magnitude

    def test_percent_quantity_change(self):
        """A change given as a percent quantity is read as percent."""
        assert pytest.approx(24.15) == resolve_relative(48.3, Q_(-50, "percent"))

    def test_change_must_be_a_share(self):
        """A change in counts is not a relative change."""
        with pytest.raises(UnitError, match="cannot combine"):
            resolve_relative(48.3, Q_(5, "count"))


class TestRelativeChange:
    def test_inverse_of_resolve_relative(self):
        """24.15 from 48.3 is a change of -50%."""
        assert pytest.approx(-50.0) == relative_change(48.3, 24.15)

    def test_zero_baseline(self):
        """From zero: no change is 0%, any other value is undefined (nan), with no warning."""
        assert 0.0 == relative_change(0.0, 0.0)
        assert math.isnan(relative_change(0.0, 5.0))

    def test_zero_baseline_arrays(self):
        """Arrays with zero baselines give 0 or nan and no RuntimeWarning."""
        out = relative_change(np.array([0.0, 0.0, 10.0]), np.array([0.0, 1.0, 5.0]))
        np.testing.assert_array_equal([0.0, np.nan, -50.0], out)

    def test_negative_baseline(self):
        """From -10 to -5 is a rise of 50%."""
        assert 50.0 == relative_change(-10.0, -5.0)

    def test_quantities_in_compatible_units(self):
        """The value is converted to the baseline's unit; the result is in percent."""
        out = relative_change(Q_(48.3, "per_1000"), Q_(2.415, "percent"))
        assert "percent" == str(out.units)
        assert pytest.approx(-50.0) == out.magnitude

    def test_mixed_units(self):
        """Incompatible units are refused."""
        with pytest.raises(UnitError):
            relative_change(Q_(48.3, "per_1000"), Q_(3.0, "count"))

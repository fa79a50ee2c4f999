"""Tests of ecm_plan.trajectory.interim: rounding, interim targets and Trajectory."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ecm_plan.exceptions import TrajectoryError, UnitError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import (
    Direction,
    Method,
    Trajectory,
    assess,
    custom_path,
    interpolate,
    matching_methods,
    round_half_away,
)
from ecm_plan.units import Q_

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


class TestRoundHalfAway:
    def test_halves_go_away_from_zero(self):
        """Halves round away from zero, unlike Python's round (banker's rounding)."""
        assert [17.0, -17.0, 1.0, -1.0, 3.0] == [
            round_half_away(x) for x in (16.5, -16.5, 0.5, -0.5, 2.5)
        ]
        assert round(2.5) == 2  # the behaviour we do not want

    def test_reads_the_decimal_text_like_a_spreadsheet(self):
        """Values whose binary form sits just below a half round as their decimal text does."""
        assert 2.68 == round_half_away(2.675, 2)
        assert 1.01 == round_half_away(1.005, 2)
        assert 0.29 == round_half_away(0.285, 2)
        assert round(2.675, 2) == 2.67  # Python works on the binary value

    def test_negative_ndigits_round_to_tens_and_hundreds(self):
        """Negative ndigits round to tens and hundreds, halves away from zero."""
        assert 1230.0 == round_half_away(1234.5, -1)
        assert 1300.0 == round_half_away(1250.0, -2)
        assert -1300.0 == round_half_away(-1250.0, -2)

    def test_non_finite_and_large_values_pass_through(self):
        """nan and infinities pass through; values beyond float precision are left alone."""
        assert math.isnan(round_half_away(math.nan, 2))
        assert math.inf == round_half_away(math.inf, 2)
        assert 1e17 == round_half_away(1e17, 2)

    def test_no_negative_zero(self):
        """A value that rounds to zero gives 0.0, not -0.0."""
        result = round_half_away(-0.004, 2)
        assert result == 0.0
        assert math.copysign(1.0, result) == 1.0

    def test_arrays_round_like_scalars(self):
        """An array rounds element by element exactly as the scalar function does."""
        xs = np.array([16.5, -16.5, 2.675, 0.285, np.nan, -0.004, 1e17])
        expected = [round_half_away(float(x), 2) for x in xs]
        np.testing.assert_array_equal(expected, round_half_away(xs, 2))

    def test_integers_are_accepted(self):
        """An int rounds to a float."""
        assert 120.0 == round_half_away(123, -1)


class TestInterpolate:
    def test_wigan_ni112_linear_rounded_to_whole_percent(self):
        """Wigan NI 112: +0.58% (2008-09 actual) to -50% in three linear steps is -16/-33/-50."""
        assert [-16.0, -33.0, -50.0] == interpolate(0.58, -50, 3, ndigits=0)
        unrounded = interpolate(0.58, -50, 3)
        assert pytest.approx([-16.28, -33.14, -50.0]) == unrounded

    def test_wigan_ni112_needs_its_actual_baseline(self):
        """From a zero baseline the first step rounds to -17, not the published -16."""
        assert [-17.0, -33.0, -50.0] == interpolate(0.0, -50, 3, ndigits=0)

    def test_wigan_ni112_has_no_compound_path(self):
        """A compound path from +0.58% to -50% would pass through zero: refused."""
        with pytest.raises(TrajectoryError, match="no compound"):
            interpolate(0.58, -50, 3, method="compound")

    def test_wigan_ni19_is_a_constant_rate_path(self):
        """Wigan NI 19: 0.86 to 0.73 at a constant rate gives 0.81/0.77/0.73; linear gives 0.82."""
        assert [0.81, 0.77, 0.73] == interpolate(0.86, 0.73, 3, method="compound", ndigits=2)
        assert [0.82, 0.77, 0.73] == interpolate(0.86, 0.73, 3, ndigits=2)

    def test_southend_ni51_linear(self):
        """Southend NI 51 scores 12/14/16: linear from 12 in two steps, or from 10 in three."""
        assert [14.0, 16.0] == interpolate(12, 16, 2)
        assert [12.0, 14.0, 16.0] == interpolate(10, 16, 3)

    def test_southend_ni51_compound_matches_only_when_rounded(self):
        """A compound path gives 13.86 (14 when rounded to a whole score)."""
        assert pytest.approx([13.8564, 16.0], abs=1e-4) == interpolate(12, 16, 2, method="compound")
        assert [14.0, 16.0] == interpolate(12, 16, 2, method="compound", ndigits=0)

    def test_southend_children_looked_after(self):
        """Southend LAC 283/270/257: linear steps of 13 children."""
        assert [270.0, 257.0] == interpolate(283, 257, 2)
        assert [283.0, 270.0, 257.0] == interpolate(296, 257, 3)
        assert [282.0, 269.0, 257.0] == interpolate(296, 257, 3, method="compound", ndigits=0)

    def test_southend_ni112_is_linear_from_2005_to_2010(self):
        """Southend NI 112 -29.6/-36.4/-43.2 lie on a linear path from -16.0% (2005) to -50%."""
        assert [-22.8, -29.6, -36.4, -43.2, -50.0] == interpolate(-16.0, -50.0, 5, ndigits=1)

    def test_step_holds_then_jumps(self):
        """The step method holds the baseline and jumps to the target in the final period."""
        assert [10.0, 10.0, 16.0] == interpolate(10, 16, 3, method="step")

    def test_step_hold_zero_jumps_at_once(self):
        """hold=0 jumps at once and holds the target (Wigan NI 64: 1.1% then 3/3/3)."""
        assert [3.0, 3.0, 3.0] == interpolate(1.1, 3.0, 3, method="step", hold=0)
        assert [1.1, 3.0, 3.0] == interpolate(1.1, 3.0, 3, method="step", hold=1)

    def test_hold_is_checked(self):
        """hold outside 0..steps-1, or with another method, is an error."""
        with pytest.raises(TrajectoryError, match="hold must be"):
            interpolate(1.0, 2.0, 3, method="step", hold=3)
        with pytest.raises(TrajectoryError, match="step method only"):
            interpolate(1.0, 2.0, 3, hold=1)

    @pytest.mark.parametrize("method", ["linear", "compound", "step"])
    def test_maintain_holds_the_value(self, method):
        """A baseline equal to the target (Wigan NI 56, 18.01% maintained) holds for all methods."""
        assert [18.01, 18.01, 18.01] == interpolate(18.01, 18.01, 3, method=method)

    def test_zero_to_zero_compound_holds(self):
        """A compound path from zero to zero holds zero (no division)."""
        assert [0.0, 0.0] == interpolate(0.0, 0.0, 2, method="compound")

    def test_last_value_is_exactly_the_target(self):
        """The last value is the target itself, with no float drift."""
        assert 0.3 == interpolate(0.1, 0.3, 3)[-1]
        assert 0.73 == interpolate(0.86, 0.73, 7, method="compound")[-1]

    def test_one_step_is_the_target(self):
        """One step gives just the target."""
        assert [24.15] == interpolate(48.3, 24.15, 1)

    def test_compound_between_negative_values(self):
        """A compound path between two negative values keeps a constant ratio."""
        path = interpolate(-16.0, -4.0, 2, method="compound")
        assert pytest.approx([-8.0, -4.0]) == path

    @pytest.mark.parametrize("start", [0.0, -1.0])
    def test_compound_from_zero_or_across_zero_is_refused(self, start):
        """A compound path from zero, or between values of different signs, is an error."""
        with pytest.raises(TrajectoryError, match="non-zero and of the same sign"):
            interpolate(start, 5.0, 3, method="compound")

    @pytest.mark.parametrize("steps", [0, -1, 2.0, True, "3"])
    def test_steps_must_be_a_whole_number(self, steps):
        """steps must be an int >= 1 (not a float or a bool)."""
        with pytest.raises(TrajectoryError, match="steps must be"):
            interpolate(1.0, 2.0, steps)

    def test_unknown_method(self):
        """An unknown method name is an error listing the methods."""
        with pytest.raises(TrajectoryError, match="unknown method 'quadratic'"):
            interpolate(1.0, 2.0, 3, method="quadratic")

    def test_custom_method_points_to_custom_path(self):
        """Asking interpolate for a custom path points to custom_path."""
        with pytest.raises(TrajectoryError, match="custom_path"):
            interpolate(1.0, 2.0, 3, method="custom")

    def test_ndigits_must_be_whole(self):
        """ndigits must be an int or None."""
        with pytest.raises(TrajectoryError, match="ndigits"):
            interpolate(1.0, 2.0, 3, ndigits=1.5)

    @pytest.mark.parametrize("start", [math.nan, math.inf])
    def test_missing_baseline_gives_a_nan_path(self, start):
        """A nan or infinite baseline gives a path of nan (even for compound)."""
        for method in ("linear", "compound", "step"):
            path = interpolate(start, 2.0, 3, method=method)
            assert 3 == len(path)
            assert all(math.isnan(x) for x in path)

    def test_method_enum_is_accepted(self):
        """The Method enum works as well as its value."""
        assert interpolate(1, 4, 2, method=Method.COMPOUND) == [2.0, 4.0]

    def test_arrays_give_one_row_per_series(self):
        """Arrays of baselines and targets give an (n, steps) array equal to the scalar rows."""
        starts = np.array([296.0, 10.0, 0.86])
        ends = np.array([257.0, 16.0, 0.73])
        out = interpolate(starts, ends, 3, method="compound", ndigits=2)
        assert (3, 3) == out.shape
        for i in range(3):
            expected = interpolate(
                float(starts[i]), float(ends[i]), 3, method="compound", ndigits=2
            )
            assert expected == out[i].tolist()

    def test_arrays_broadcast_a_scalar_target(self):
        """A scalar target broadcasts against an array of baselines."""
        out = interpolate(np.array([0.0, 10.0]), 20.0, 2)
        np.testing.assert_array_equal([[10.0, 20.0], [15.0, 20.0]], out)

    def test_lists_are_treated_as_arrays(self):
        """Lists of baselines give an array."""
        out = interpolate([0.0, 10.0], [20.0, 20.0], 2)
        assert isinstance(out, np.ndarray)

    def test_arrays_raise_for_series_without_a_compound_path(self):
        """An invalid compound row raises, naming the rows."""
        with pytest.raises(TrajectoryError, match=r"1 series \(rows 1\)"):
            interpolate(np.array([1.0, 0.58]), np.array([2.0, -50.0]), 3, method="compound")

    def test_arrays_can_mark_invalid_series_nan(self):
        """on_invalid='nan' gives nan rows for series without a compound path."""
        out = interpolate(
            np.array([1.0, 0.58]), np.array([4.0, -50.0]), 2, method="compound", on_invalid="nan"
        )
        np.testing.assert_array_equal([2.0, 4.0], out[0])
        assert np.isnan(out[1]).all()

    def test_on_invalid_is_checked(self):
        """on_invalid must be 'raise' or 'nan'."""
        with pytest.raises(TrajectoryError, match="on_invalid"):
            interpolate(np.array([1.0]), np.array([2.0]), 2, on_invalid="skip")

    def test_arrays_must_be_one_dimensional(self):
        """Baselines must be a 1-D array (one value a series)."""
        with pytest.raises(TrajectoryError, match="1-D"):
            interpolate(np.ones((2, 2)), np.ones((2, 2)), 2)

    def test_zero_dimensional_arrays_give_a_list(self):
        """0-d arrays behave as numbers."""
        assert [2.0, 3.0] == interpolate(np.array(1.0), np.array(3.0), 2)

    def test_array_nan_rows(self):
        """A nan baseline in an array gives a nan row without warnings."""
        out = interpolate(np.array([np.nan, 1.0]), np.array([2.0, 2.0]), 2, method="compound")
        assert np.isnan(out[0]).all()

    def test_quantities_keep_their_unit(self):
        """Quantities give a quantity in the baseline's unit."""
        out = interpolate(Q_(283, "count"), Q_(257, "count"), 2)
        assert "count" == str(out.units)
        assert [270.0, 257.0] == out.magnitude.tolist()

    def test_quantities_are_converted_once(self):
        """A target in a compatible unit is converted to the baseline's unit."""
        out = interpolate(Q_(4.83, "percent"), Q_(24.15, "per_1000"), 1)
        assert "percent" == str(out.units)
        assert pytest.approx([2.415]) == out.magnitude.tolist()

    def test_mixed_units_are_refused(self):
        """A count and a percentage cannot be combined."""
        with pytest.raises(UnitError, match="cannot combine"):
            interpolate(Q_(283, "count"), Q_(50, "percent"), 2)

    def test_money_converts_between_thousands_and_pounds(self):
        """A '£000' baseline and a target in pounds give a path in thousands of pounds."""
        out = interpolate(Q_(175, "kGBP"), Q_(200_000, "GBP"), 1)
        assert "kGBP" == str(out.units)
        assert pytest.approx([200.0]) == out.magnitude.tolist()

    def test_quantity_arrays(self):
        """A quantity with an array magnitude gives an (n, steps) quantity."""
        out = interpolate(
            Q_(np.array([10.0, 20.0]), "score"), Q_(np.array([16.0, 26.0]), "score"), 3
        )
        assert (2, 3) == out.magnitude.shape
        assert "score" == str(out.units)


class TestCustomPath:
    def test_southend_ni92_is_consistent(self):
        """Southend NI 92 (28.6/28.0/27.0, no baseline given) is a consistent custom path."""
        assert [28.6, 28.0, 27.0] == custom_path(None, 27.0, [28.6, 28.0, 27.0])

    def test_a_step_away_from_the_target_is_reported(self):
        """Wigan NI 60: a 77% target after an 83% actual moves away from the 86% target."""
        with pytest.raises(TrajectoryError, match="period 1 value 77 moves away"):
            custom_path(83.0, 86.0, [77.0, 83.0, 86.0])

    def test_monotone_false_accepts_a_dip(self):
        """With monotone=False only the last value is checked."""
        assert [77.0, 83.0, 86.0] == custom_path(83.0, 86.0, [77.0, 83.0, 86.0], monotone=False)

    def test_overshoot_is_reported(self):
        """A value beyond the target is an overshoot."""
        with pytest.raises(TrajectoryError, match="overshoots"):
            custom_path(10.0, 16.0, [17.0, 16.0])

    def test_last_value_must_be_the_target(self):
        """The last value must equal the final target."""
        with pytest.raises(TrajectoryError, match="does not equal the final target 16"):
            custom_path(10.0, 16.0, [12.0, 15.0])

    def test_every_problem_is_listed(self):
        """All problems are reported at once."""
        with pytest.raises(TrajectoryError, match=r"moves away.*; .*does not equal"):
            custom_path(10.0, 16.0, [9.0, 15.0])

    def test_gaps_are_skipped(self):
        """A missing interim value ('N/A') is allowed and comes back as nan."""
        out = custom_path(64.8, 71.8, [None, 71.8])
        assert math.isnan(out[0])
        assert 71.8 == out[1]

    def test_missing_last_value_is_reported(self):
        """A missing final value is a problem."""
        with pytest.raises(TrajectoryError, match="last value is missing"):
            custom_path(21.1, 16.0, [18.0, None])

    def test_missing_target_is_reported(self):
        """A missing final target is a problem."""
        with pytest.raises(TrajectoryError, match="final target is missing"):
            custom_path(21.1, None, [18.0, 16.0])

    def test_maintain_must_hold(self):
        """When baseline and target are equal every value must equal them."""
        assert [18.01] * 3 == custom_path(18.01, 18.01, [18.01] * 3)
        with pytest.raises(TrajectoryError, match="moves away"):
            custom_path(18.01, 18.01, [18.1, 18.01, 18.01])

    def test_empty_path(self):
        """An empty path is a problem."""
        with pytest.raises(TrajectoryError, match="no values"):
            custom_path(1.0, 2.0, [])

    def test_ndigits_rounds_first(self):
        """With ndigits, values and target are rounded before the checks."""
        assert [0.81, 0.77, 0.73] == custom_path(0.86, 0.73, [0.8143, 0.7710, 0.7300], ndigits=2)

    def test_holding_is_allowed(self):
        """A value may repeat the previous one."""
        assert [3.0, 3.0, 3.0] == custom_path(1.1, 3.0, [3.0, 3.0, 3.0])

    def test_arrays_return_the_values(self):
        """Consistent rows come back as a float array."""
        out = custom_path(
            np.array([10.0, 296.0]),
            np.array([16.0, 257.0]),
            np.array([[12, 14, 16], [283, 270, 257]]),
        )
        assert (2, 3) == out.shape

    def test_arrays_report_the_first_bad_row(self):
        """Inconsistent rows raise with their count and the problems of the first."""
        with pytest.raises(TrajectoryError, match=r"in 1 series; first, row 1: period 1 value 77"):
            custom_path(
                np.array([10.0, 83.0]),
                np.array([16.0, 86.0]),
                np.array([[12.0, 14.0, 16.0], [77.0, 83.0, 86.0]]),
            )

    def test_arrays_with_unknown_baselines(self):
        """None as the baseline of arrays checks the paths alone."""
        out = custom_path(None, 27.0, np.array([[28.6, 28.0, 27.0]]))
        assert [[28.6, 28.0, 27.0]] == out.tolist()

    def test_arrays_must_have_columns(self):
        """An array path needs at least one column."""
        with pytest.raises(TrajectoryError, match="2-D array"):
            custom_path(1.0, 2.0, np.empty((1, 0)))

    def test_ndigits_must_be_whole(self):
        """ndigits must be an int or None."""
        with pytest.raises(TrajectoryError, match="ndigits"):
            custom_path(1.0, 2.0, [2.0], ndigits="2")


class TestMatchingMethods:
    def test_wigan_ni112(self):
        """Wigan NI 112 (-16/-33/-50 from +0.58%) is reproduced by linear steps only."""
        assert (Method.LINEAR,) == matching_methods(0.58, [-16, -33, -50], ndigits=0)

    def test_wigan_ni112_from_zero(self):
        """From a zero baseline no method reproduces Wigan NI 112."""
        assert () == matching_methods(0.0, [-16, -33, -50], ndigits=0)

    def test_wigan_ni19(self):
        """Wigan NI 19 (0.81/0.77/0.73 from 0.86) is reproduced by the compound method only."""
        assert (Method.COMPOUND,) == matching_methods(0.86, [0.81, 0.77, 0.73], ndigits=2)

    def test_southend_ni51(self):
        """Southend NI 51 (12/14/16): linear exactly; compound too when rounded to whole scores."""
        assert (Method.LINEAR,) == matching_methods(12, [14, 16])
        assert (Method.LINEAR, Method.COMPOUND) == matching_methods(12, [14, 16], ndigits=0)
        assert (Method.LINEAR, Method.COMPOUND) == matching_methods(10, [12, 14, 16], ndigits=0)

    def test_southend_children_looked_after(self):
        """Southend LAC (283/270/257): linear; from the implied 296 only linear."""
        assert (Method.LINEAR,) == matching_methods(283, [270, 257])
        assert (Method.LINEAR, Method.COMPOUND) == matching_methods(283, [270, 257], ndigits=0)
        assert (Method.LINEAR,) == matching_methods(296, [283, 270, 257], ndigits=0)

    def test_southend_ni112(self):
        """Southend NI 112 (-29.6/-36.4/-43.2) continues linearly; compound does not match."""
        assert (Method.LINEAR,) == matching_methods(-29.6, [-36.4, -43.2], ndigits=1)
        assert (Method.LINEAR,) == matching_methods(
            -16.0, [-22.8, -29.6, -36.4, -43.2, -50.0], ndigits=1
        )

    @pytest.mark.parametrize("start", [28.6, 29.0, 29.2, 29.5, 30.0, 31.6])
    def test_southend_ni92_matches_nothing(self, start):
        """Southend NI 92 (28.6/28.0/27.0): unequal steps (-0.6, -1.0) fit no method."""
        assert () == matching_methods(start, [28.6, 28.0, 27.0], ndigits=1)
        assert () == matching_methods(28.6, [28.0, 27.0], ndigits=1)

    def test_wigan_ni64_is_a_step(self):
        """Wigan NI 64 (3/3/3 from 1.1%) is an immediate step."""
        assert (Method.STEP,) == matching_methods(1.1, [3.0, 3.0, 3.0])

    def test_maintained_value_matches_every_method(self):
        """A held value (Wigan NI 56) is reproduced by every method."""
        assert (Method.LINEAR, Method.COMPOUND, Method.STEP) == matching_methods(
            18.01, [18.01, 18.01, 18.01]
        )

    def test_empty_series(self):
        """An empty series is an error."""
        with pytest.raises(TrajectoryError, match="must not be empty"):
            matching_methods(1.0, [])


class TestTrajectory:
    def test_between_with_quantities(self):
        """Quantities give the trajectory its unit."""
        t = Trajectory.between(Q_(296, "count"), Q_(257, "count"), 3)
        assert (283.0, 270.0, 257.0) == t.values
        assert "count" == t.unit
        assert 296.0 == t.baseline
        assert 3 == t.steps
        assert Method.LINEAR == t.method

    def test_between_with_plain_numbers_and_unit(self):
        """Plain numbers take the unit given."""
        t = Trajectory.between(0.86, 0.73, 3, method="compound", ndigits=2, unit="ratio")
        assert (0.81, 0.77, 0.73) == t.values
        assert 2 == t.ndigits

    def test_unknown_unit(self):
        """An unknown unit is a UnitError."""
        with pytest.raises(UnitError, match="unknown unit"):
            Trajectory.between(1.0, 2.0, 2, unit="furlong")

    def test_custom(self):
        """A custom trajectory is checked."""
        t = Trajectory.custom(None, [28.6, 28.0, 27.0], unit="percent")
        assert t.baseline is None
        assert Method.CUSTOM == t.method
        with pytest.raises(TrajectoryError, match="moves away"):
            Trajectory.custom(83.0, [77.0, 83.0, 86.0])

    def test_custom_quantities(self):
        """A quantity of values brings its unit."""
        t = Trajectory.custom(Q_(296, "count"), Q_([283, 270, 257], "count"))
        assert "count" == t.unit

    def test_custom_empty(self):
        """A trajectory needs values."""
        with pytest.raises(TrajectoryError, match="at least one"):
            Trajectory.custom(1.0, [])

    def test_constructor_checks_target(self):
        """The final value must be given."""
        with pytest.raises(TrajectoryError, match="target"):
            Trajectory(1.0, (2.0, None))
        with pytest.raises(TrajectoryError, match="at least one"):
            Trajectory(1.0, ())

    def test_to_converts_once(self):
        """to() converts baseline and values by one factor and drops the rounding."""
        t = Trajectory.between(48.3, 24.15, 1, unit="per_1000", ndigits=2).to("percent")
        assert pytest.approx(4.83) == t.baseline
        assert pytest.approx((2.415,)) == t.values
        assert t.ndigits is None

    def test_to_needs_a_unit(self):
        """A trajectory without a unit cannot be converted."""
        with pytest.raises(TrajectoryError, match="no unit"):
            Trajectory.between(1.0, 2.0, 1).to("percent")
        with pytest.raises(TrajectoryError, match="no unit"):
            Trajectory.between(1.0, 2.0, 1).quantity()

    def test_to_refuses_other_dimensions(self):
        """Counts cannot become percentages."""
        with pytest.raises(UnitError):
            Trajectory.between(1.0, 2.0, 1, unit="count").to("percent")

    def test_quantity(self):
        """quantity() gives the values with the unit."""
        q = Trajectory.between(10, 16, 3, unit="score").quantity()
        assert [12.0, 14.0, 16.0] == q.magnitude.tolist()

    def test_assess(self):
        """assess() uses the trajectory's baseline."""
        t = Trajectory.between(296, 257, 3)
        a = t.assess([285.0, 268.0], polarity=LOWER)
        assert assess([285.0, 268.0], [283.0, 270.0, 257.0], baseline=296.0, polarity=LOWER) == a

    def test_assess_explicit_baseline_wins(self):
        """An explicit baseline overrides the trajectory's."""
        t = Trajectory.between(296, 257, 3)
        a = assess([285.0], t, baseline=290.0, polarity=LOWER)
        assert Direction.IMPROVING == a.direction
        b = assess([285.0], t, baseline=280.0, polarity=LOWER)
        assert Direction.WORSENING == b.direction

    def test_frozen(self):
        """Trajectories are immutable."""
        t = Trajectory.between(1.0, 2.0, 1)
        with pytest.raises(AttributeError):
            t.baseline = 3.0

"""Tests for ecm_plan.trajectory: cases from the source plans, thresholds, edge cases."""

from __future__ import annotations

import math
import sys
import types

import numpy as np
import pytest

from ecm_plan import _trajectory_scalar as sk
from ecm_plan import trajectory as trajectory_module
from ecm_plan.exceptions import TrajectoryError, UnitError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import (
    Assessment,
    AssessmentArray,
    Direction,
    MeasureKind,
    Method,
    MonitoringCategory,
    ProgressCategory,
    Projection,
    ProjectionArray,
    ProjectionMethod,
    Status,
    Tolerance,
    ToleranceBasis,
    Trajectory,
    assess,
    custom_path,
    interpolate,
    matching_methods,
    polarity_for,
    project,
    relative_change,
    resolve_relative,
    round_half_away,
    statcan_progress,
    un_expected_value,
    un_progress_chart,
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


class TestPolarityFor:
    def test_override_needs_no_catalogue(self, monkeypatch):
        """An override is returned without importing the catalogue."""
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", None)
        assert HIGHER == polarity_for("NI 112", override="higher_is_better")
        assert LOWER == polarity_for("NI 112", override=LOWER)

    def test_bad_override(self):
        """An override that is not a polarity is an error."""
        with pytest.raises(TrajectoryError, match="unknown polarity 'up'"):
            polarity_for("NI 112", override="up")

    def test_catalogue_missing(self, monkeypatch):
        """Without the catalogue the lookup is a clear error."""
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", None)
        with pytest.raises(TrajectoryError, match="catalogue is not available"):
            polarity_for("NI 112")

    def test_catalogue_without_polarity(self, monkeypatch):
        """An indicator the catalogue records without a polarity is an error."""
        fake = types.ModuleType("ecm_plan.catalog")
        fake.national_indicator = lambda code: types.SimpleNamespace(code=code, polarity=None)
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", fake)
        with pytest.raises(TrajectoryError, match="no polarity for NI 999"):
            polarity_for("NI 999")

    def test_catalogue_lookup_uses_national_indicator(self, monkeypatch):
        """The polarity comes from catalog.national_indicator(code).polarity."""
        fake = types.ModuleType("ecm_plan.catalog")
        fake.national_indicator = lambda _code: types.SimpleNamespace(polarity=LOWER)
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", fake)
        assert LOWER == polarity_for("NI 112")

    def test_real_catalogue(self):
        """With the real catalogue NI 112 (conceptions) is lower-is-better, NI 79 higher."""
        catalog = pytest.importorskip("ecm_plan.catalog")
        if not hasattr(catalog, "national_indicator"):
            pytest.skip("catalogue without national_indicator yet")
        assert LOWER == polarity_for("NI 112")
        assert HIGHER == polarity_for("NI 79")


class TestTolerance:
    def test_default_is_five_percent_of_the_plan(self):
        """The default allowance is 5% of the planned value."""
        assert 4.0 == Tolerance().allowance(80.0)
        assert pytest.approx(0.8) == Tolerance().allowance(-16.0)

    def test_change_basis(self):
        """With basis 'change' the allowance is a share of the planned change."""
        assert pytest.approx(1.0) == Tolerance(0.1, basis="change").allowance(80.0, 70.0)
        assert ToleranceBasis.CHANGE is Tolerance(basis="change").basis

    def test_change_basis_without_baseline_uses_the_plan(self):
        """Without a baseline the change basis falls back to the planned value."""
        assert 8.0 == Tolerance(0.1, basis="change").allowance(80.0)

    def test_absolute_floor(self):
        """The absolute allowance applies when it is larger."""
        assert 0.5 == Tolerance(relative=0.0, absolute=0.5).allowance(10.0)

    @pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf])
    def test_invalid_values(self, bad):
        """Negative or non-finite tolerances are errors."""
        with pytest.raises(TrajectoryError, match="must be a finite number >= 0"):
            Tolerance(relative=bad)
        with pytest.raises(TrajectoryError):
            Tolerance(absolute=bad)

    def test_unknown_basis(self):
        """An unknown basis is a ValueError."""
        with pytest.raises(TrajectoryError, match="unknown tolerance basis 'mean'"):
            Tolerance(basis="mean")


def _below(x):
    """The float just below x."""
    return math.nextafter(x, -math.inf)


def _chart(ratio):
    """The UN chart category of a ratio (observed rate = ratio, required rate = 1)."""
    return trajectory_module._PROGRESS[sk.chart_of(0, ratio, 1.0, achieved=False)[1]]


def _expected(share):
    """The UN 2023 category of a share (base 0, target 1, expected value = share)."""
    return trajectory_module._PROGRESS[sk.expected_of(0, share, 0.0, 1.0, achieved=False)[1]]


def _statcan(ratio):
    """The Statistics Canada category of a ratio (R = observed rate when required is 1)."""
    cat = sk.statcan_of(0, ratio, 1.0, 1.0, 1.0, achieved=False)[1]
    return trajectory_module._PROGRESS[cat]


class TestUnProgressChart:
    @pytest.mark.parametrize(
        ("ratio", "expected"),
        [
            (0.99, ProgressCategory.ON_TRACK),
            (0.96, ProgressCategory.ON_TRACK),
            (0.94, ProgressCategory.ACCELERATION_NEEDED),
            (0.51, ProgressCategory.ACCELERATION_NEEDED),
            (0.49, ProgressCategory.LIMITED_PROGRESS),
            (-0.09, ProgressCategory.LIMITED_PROGRESS),
            (-0.11, ProgressCategory.DETERIORATION),
        ],
    )
    def test_thresholds(self, ratio, expected):
        """On track >= 0.95, fair 0.5-0.95, limited -0.1-0.5, deterioration < -0.1."""
        # One period elapsed of one: CR is the share of the required change achieved.
        m = un_progress_chart(
            100.0, 100.0 + 100.0 * ratio, 200.0, elapsed=1, horizon=1, polarity=HIGHER
        )
        assert expected == m.category
        assert pytest.approx(ratio) == m.value

    @pytest.mark.parametrize(
        ("threshold", "above", "below"),
        [
            (0.95, ProgressCategory.ON_TRACK, ProgressCategory.ACCELERATION_NEEDED),
            (0.5, ProgressCategory.ACCELERATION_NEEDED, ProgressCategory.LIMITED_PROGRESS),
            (-0.1, ProgressCategory.LIMITED_PROGRESS, ProgressCategory.DETERIORATION),
        ],
    )
    def test_threshold_edges(self, threshold, above, below):
        """Each threshold belongs to the upper band; the float below it to the lower band."""
        assert above == _chart(threshold)
        assert below == _chart(_below(threshold))

    def test_wigan_ni19_formula(self):
        """CR = CAGR_a / CAGR_r, from the published formula."""
        m = un_progress_chart(0.86, 0.81, 0.73, elapsed=1, horizon=3, polarity=LOWER)
        expected = (0.81 / 0.86 - 1) / ((0.73 / 0.86) ** (1 / 3) - 1)
        assert pytest.approx(expected) == m.value
        assert MeasureKind.UN_PROGRESS_CHART == m.kind
        assert m.score is None

    def test_target_achieved(self):
        """A latest value that meets the target is 'target achieved', whatever the ratio."""
        m = un_progress_chart(0.86, 0.70, 0.73, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category
        assert m.value is not None

    def test_zero_baseline(self):
        """A zero baseline: unable to assess, no 0.001 substitution, no warning."""
        m = un_progress_chart(0.0, 5.0, 10.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert m.value is None
        assert "zero" in m.reason

    def test_sign_change(self):
        """A latest value of the other sign from the base: unable to assess."""
        m = un_progress_chart(0.58, -10.0, -50.0, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert "differ in sign" in m.reason

    def test_target_of_other_sign(self):
        """A target of the other sign from the base: unable to assess."""
        m = un_progress_chart(0.58, 0.2, -50.0, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert "target differ in sign" in m.reason

    def test_single_point(self):
        """No elapsed period: unable to assess."""
        m = un_progress_chart(10.0, 10.0, 20.0, elapsed=0, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert "later actual value" in m.reason

    def test_missing_current(self):
        """A missing current value: unable to assess."""
        m = un_progress_chart(10.0, math.nan, 20.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category

    def test_flat_target_not_met(self):
        """A 'maintain' target missed is deterioration, with no ratio."""
        m = un_progress_chart(18.01, 19.0, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.DETERIORATION == m.category
        assert m.value is None
        assert "equals the base" in m.reason

    def test_flat_target_met(self):
        """A 'maintain' target met is achieved."""
        m = un_progress_chart(18.01, 18.01, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category

    def test_zero_target(self):
        """A zero target gives the required rate -100% exactly."""
        m = un_progress_chart(10.0, 5.0, 0.0, elapsed=1, horizon=1, polarity=LOWER)
        assert pytest.approx(0.5) == m.value

    def test_negative_values(self):
        """Two negative values have a defined growth rate."""
        m = un_progress_chart(-10.0, -8.0, -5.0, elapsed=1, horizon=1, polarity=HIGHER)
        assert pytest.approx(0.4) == m.value

    def test_percent_change_series(self):
        """A % change series is measured on the index 100 + x."""
        m = un_progress_chart(
            0.58, -10.0, -50.0, elapsed=1, horizon=3, polarity=LOWER, percent_change=True
        )
        expected = (90.0 / 100.58 - 1) / ((50.0 / 100.58) ** (1 / 3) - 1)
        assert pytest.approx(expected) == m.value
        assert ProgressCategory.ACCELERATION_NEEDED == m.category

    @pytest.mark.parametrize(("elapsed", "horizon"), [(-1, 3), (2, 1), (1, 0), (1.0, 3), (True, 3)])
    def test_period_counts_are_checked(self, elapsed, horizon):
        """elapsed >= 0 and horizon >= max(elapsed, 1), whole numbers."""
        with pytest.raises(TrajectoryError):
            un_progress_chart(1.0, 2.0, 3.0, elapsed=elapsed, horizon=horizon, polarity=HIGHER)

    def test_target_must_be_finite(self):
        """A missing target is an error."""
        with pytest.raises(TrajectoryError, match="target"):
            un_progress_chart(1.0, 2.0, math.nan, elapsed=1, horizon=3, polarity=HIGHER)


class TestUnExpectedValue:
    @pytest.mark.parametrize(
        ("share", "expected"),
        [
            (1.0, ProgressCategory.TARGET_ACHIEVED),
            (0.96, ProgressCategory.ON_TRACK),
            (0.94, ProgressCategory.ACCELERATION_NEEDED),
            (0.11, ProgressCategory.ACCELERATION_NEEDED),
            (0.09, ProgressCategory.STAGNATION_OR_REGRESSION),
            (-0.5, ProgressCategory.STAGNATION_OR_REGRESSION),
        ],
    )
    def test_thresholds(self, share, expected):
        """>= 0.95 on track, 0.10-0.95 acceleration needed, < 0.10 stagnation or regression."""
        # One period of one: the expected value is the latest value itself.
        m = un_expected_value(
            100.0, 100.0 + 100.0 * share, 200.0, elapsed=1, horizon=1, polarity=HIGHER
        )
        assert expected == m.category
        assert pytest.approx(share) == m.value

    @pytest.mark.parametrize(
        ("threshold", "above", "below"),
        [
            (0.95, ProgressCategory.ON_TRACK, ProgressCategory.ACCELERATION_NEEDED),
            (0.10, ProgressCategory.ACCELERATION_NEEDED, ProgressCategory.STAGNATION_OR_REGRESSION),
        ],
    )
    def test_threshold_edges(self, threshold, above, below):
        """Each threshold belongs to the upper band."""
        assert above == _expected(threshold)
        assert below == _expected(_below(threshold))

    def test_expected_value_formula(self):
        """R = (v_t (1 + CAGR_a)^(T - t) - v_b) / (v_T - v_b), from the published formula."""
        m = un_expected_value(296, 283, 257, elapsed=1, horizon=3, polarity=LOWER)
        cagr = 283 / 296 - 1
        ve = 283 * (1 + cagr) ** 2
        assert pytest.approx((ve - 296) / (257 - 296)) == m.value

    def test_flat_target(self):
        """A missed 'maintain' target is stagnation or regression, with no ratio."""
        m = un_expected_value(18.01, 19.0, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.STAGNATION_OR_REGRESSION == m.category
        assert m.value is None

    def test_zero_baseline(self):
        """A zero baseline: unable to assess."""
        m = un_expected_value(0.0, 1.0, 2.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category

    def test_target_sign_does_not_matter(self):
        """Unlike the rate ratio, the expected value needs no target of the base's sign."""
        m = un_expected_value(10.0, 5.0, -10.0, elapsed=1, horizon=1, polarity=LOWER)
        assert pytest.approx(0.25) == m.value

    def test_overflow_is_infinite_not_an_error(self):
        """A huge growth extrapolated far gives an infinite ratio, not OverflowError."""
        m = un_expected_value(1e-300, 1e300, 2.0, elapsed=1, horizon=50, polarity=HIGHER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category
        m = un_expected_value(1e-300, 1.0, 2.0, elapsed=1, horizon=50, polarity=HIGHER)
        assert m.value == math.inf
        assert ProgressCategory.ON_TRACK == m.category


class TestStatcanProgress:
    @pytest.mark.parametrize(
        ("ratio", "expected"),
        [
            (0.99, ProgressCategory.ON_TRACK),
            (0.96, ProgressCategory.ON_TRACK),
            (0.94, ProgressCategory.ACCELERATION_NEEDED),
            (0.61, ProgressCategory.ACCELERATION_NEEDED),
            (0.59, ProgressCategory.LIMITED_PROGRESS),
            (0.01, ProgressCategory.LIMITED_PROGRESS),
            (-0.01, ProgressCategory.DETERIORATION),
        ],
    )
    def test_thresholds(self, ratio, expected):
        """>= 0.95 on track, 0.60-0.95 acceleration needed, 0-0.60 limited, < 0 deterioration."""
        m = statcan_progress(
            100.0, 100.0 + 100.0 * ratio, 200.0, elapsed=1, horizon=1, polarity=HIGHER
        )
        assert expected == m.category
        assert pytest.approx(ratio) == m.value

    @pytest.mark.parametrize(
        ("threshold", "above", "below"),
        [
            (0.95, ProgressCategory.ON_TRACK, ProgressCategory.ACCELERATION_NEEDED),
            (0.60, ProgressCategory.ACCELERATION_NEEDED, ProgressCategory.LIMITED_PROGRESS),
            (0.0, ProgressCategory.LIMITED_PROGRESS, ProgressCategory.DETERIORATION),
        ],
    )
    def test_threshold_edges(self, threshold, above, below):
        """Each threshold belongs to the upper band."""
        assert above == _statcan(threshold)
        assert below == _statcan(_below(threshold))

    @pytest.mark.parametrize(
        ("ratio", "score"),
        [
            (-1.0, -5.0),
            (-0.6, -5.0),
            (0.0, -2.5),
            (0.3, -1.25),
            (0.6, 0.0),
            (0.95, 2.5),
            (1.3, 5.0),
            (2.0, 5.0),
        ],
    )
    def test_score(self, ratio, score):
        """The score is piecewise linear: -5 at -0.6, -2.5 at 0, 0 at 0.6, 2.5 at 0.95, 5 at 1.3."""
        assert pytest.approx(score, abs=1e-12) == sk.statcan_score(ratio)

    @pytest.mark.parametrize("ratio", [-0.3, 0.2, 0.7, 1.0, 1.2])
    def test_score_agrees_with_sdg_build_coefficients(self, ratio):
        """sdg-build writes the slopes as 4.1667 and 7.1429; the exact fractions agree to 1e-3."""
        published = 4.1667 * ratio - 2.5 if ratio < 0.6 else min(7.1429 * ratio - 4.2857, 5)
        assert pytest.approx(published, abs=1e-3) == sk.statcan_score(ratio)

    def test_signed_by_direction_and_base(self):
        """R = sign(y0) * d * CAGR_a / |CAGR_r|: a fall is progress when lower is better."""
        m = statcan_progress(0.86, 0.81, 0.73, elapsed=1, horizon=3, polarity=LOWER)
        expected = -1 * (0.81 / 0.86 - 1) / abs((0.73 / 0.86) ** (1 / 3) - 1)
        assert pytest.approx(expected) == m.value
        assert ProgressCategory.ON_TRACK == m.category

    def test_negative_base_flips_the_sign(self):
        """For negative values a rise towards zero is progress when higher is better."""
        m = statcan_progress(-10.0, -8.0, -5.0, elapsed=1, horizon=1, polarity=HIGHER)
        assert pytest.approx(0.4) == m.value
        assert ProgressCategory.LIMITED_PROGRESS == m.category

    def test_target_achieved_scores_five(self):
        """A met target scores 5 whatever the trend."""
        m = statcan_progress(10.0, 25.0, 20.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category
        assert 5.0 == m.score

    def test_zero_base_is_not_replaced(self):
        """A zero base is unable to assess (Open SDG would substitute 0.001)."""
        m = statcan_progress(0.0, 3.0, 10.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert m.value is None
        assert m.score is None

    def test_flat_target_missed(self):
        """A missed 'maintain' target is deterioration with score -5."""
        m = statcan_progress(18.01, 19.0, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.DETERIORATION == m.category
        assert -5.0 == m.score
        assert m.value is None

    def test_wrong_way_target(self):
        """A target in the undesired direction (Wigan NI 64: 1.1% to 3%) is already met."""
        m = statcan_progress(1.1, 1.5, 3.0, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category


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


class TestAssess:
    def test_southend_children_looked_after(self):
        """Planned 283/270/257 from 296; actually 285 then 268 (lower is better)."""
        a = assess([285, 268], [283, 270, 257], baseline=296, polarity=LOWER)
        assert isinstance(a, Assessment)
        p1, p2, p3 = a.periods
        assert (Status.AMBER, MonitoringCategory.SLIPPAGE, Direction.IMPROVING) == (
            p1.status,
            p1.category,
            p1.direction,
        )
        assert (Status.GREEN, MonitoringCategory.ON_COURSE, Direction.IMPROVING) == (
            p2.status,
            p2.category,
            p2.direction,
        )
        assert (None, MonitoringCategory.NOT_YET_ASSESSED, None) == (
            p3.status,
            p3.category,
            p3.direction,
        )
        assert -2.0 == p1.gap
        assert 2.0 == p2.gap
        assert Status.GREEN == a.status
        assert MonitoringCategory.ON_COURSE == a.category
        assert Direction.IMPROVING == a.direction
        assert 257.0 == a.target
        assert a.target_achieved is False

    def test_wigan_ni112_percent_change(self):
        """Wigan NI 112 at -10% after a year against -16%: red slippage, improving; the growth
        measures use the index 100 + x."""
        a = assess(
            [-10.0], [-16.0, -33.0, -50.0], baseline=0.58, polarity=LOWER, percent_change=True
        )
        assert (Status.RED, MonitoringCategory.SLIPPAGE, Direction.IMPROVING) == (
            a.status,
            a.category,
            a.direction,
        )
        chart = un_progress_chart(
            0.58, -10.0, -50.0, elapsed=1, horizon=3, polarity=LOWER, percent_change=True
        )
        assert chart == a.progress_chart
        assert a.cagr_projection.value == pytest.approx(100.58 * (90 / 100.58) ** 3 - 100)

    def test_wigan_ni112_without_percent_change(self):
        """Without percent_change the sign change from +0.58 to -10 leaves the rates undefined."""
        a = assess([-10.0], [-16.0, -33.0, -50.0], baseline=0.58, polarity=LOWER)
        assert ProgressCategory.UNABLE_TO_ASSESS == a.progress_chart.category
        assert ProgressCategory.UNABLE_TO_ASSESS == a.statcan.category
        assert a.linear_projection.value is not None

    @pytest.mark.parametrize(
        ("actual", "status", "category"),
        [
            (80.0, Status.GREEN, MonitoringCategory.ON_COURSE),
            (84.0, Status.GREEN, MonitoringCategory.ON_COURSE),
            (84.5, Status.GREEN, MonitoringCategory.AHEAD),
            (76.0, Status.AMBER, MonitoringCategory.SLIPPAGE),
            (75.9, Status.RED, MonitoringCategory.SLIPPAGE),
            (70.0, Status.RED, MonitoringCategory.NO_PROGRESS),
            (69.0, Status.RED, MonitoringCategory.NO_PROGRESS),
        ],
    )
    def test_tolerance_rule(self, actual, status, category):
        """Green met or better; amber within 5% (4 points of 80); ahead beyond 5% better; no
        progress when no better than the baseline (70)."""
        a = assess([actual], [80.0, 90.0], baseline=70.0, polarity=HIGHER)
        assert (status, category) == (a.status, a.category)

    def test_tolerance_number_is_relative(self):
        """A number as tolerance is a relative allowance."""
        a = assess([76.0], [80.0], baseline=70.0, polarity=HIGHER, tolerance=0.01)
        assert Status.RED == a.status

    def test_tolerance_on_the_change(self):
        """With basis 'change' the allowance is a share of the planned change from baseline."""
        tol = Tolerance(relative=0.5, basis="change")
        assert (
            Status.AMBER
            == assess([75.0], [80.0], baseline=70.0, polarity=HIGHER, tolerance=tol).status
        )
        assert (
            Status.RED
            == assess([74.9], [80.0], baseline=70.0, polarity=HIGHER, tolerance=tol).status
        )

    def test_absolute_tolerance(self):
        """An absolute allowance in the indicator's unit."""
        tol = Tolerance(relative=0.0, absolute=0.5)
        assert Status.AMBER == assess([7.9], [7.5], polarity=LOWER, tolerance=tol).status

    def test_without_baseline(self):
        """Without a baseline a shortfall is slippage and the first direction is unknown."""
        a = assess([75.0, 74.0], [80.0, 90.0], polarity=HIGHER)
        assert [MonitoringCategory.SLIPPAGE, MonitoringCategory.SLIPPAGE] == [
            p.category for p in a.periods
        ]
        assert [None, Direction.WORSENING] == [p.direction for p in a.periods]

    def test_missing_years(self):
        """A missing year is not yet assessed and the next compares with the last known value."""
        for gap in (None, math.nan):
            a = assess([72.0, gap, 85.0], [75.0, 80.0, 85.0], baseline=70.0, polarity=HIGHER)
            assert MonitoringCategory.NOT_YET_ASSESSED == a.periods[1].category
            assert a.periods[1].status is None
            assert a.periods[1].actual is None
            assert Direction.IMPROVING == a.periods[2].direction
            assert Status.GREEN == a.status

    def test_missing_planned_value(self):
        """A period the plan leaves blank ('N/A') has no status but a direction."""
        a = assess([66.0, 71.8], [None, 71.8], baseline=64.8, polarity=HIGHER)
        assert a.periods[0].status is None
        assert a.periods[0].planned is None
        assert Direction.IMPROVING == a.periods[0].direction
        assert Status.GREEN == a.status

    def test_headline_from_latest_assessed_period(self):
        """The headline status is the latest assessed one; the direction the latest actual's."""
        a = assess([66.0, 71.0, 70.0], [70.0, None, 72.0], baseline=64.8, polarity=HIGHER)
        assert Status.AMBER == a.status
        assert Direction.WORSENING == a.direction

    def test_no_actual_values(self):
        """No actual value: nothing assessed, measures unable, no projections."""
        a = assess([], [75.0, 80.0], baseline=70.0, polarity=HIGHER)
        assert a.status is None
        assert MonitoringCategory.NOT_YET_ASSESSED == a.category
        assert a.direction is None
        assert all(ProgressCategory.UNABLE_TO_ASSESS == m.category for m in a.measures)
        assert a.linear_projection.value is None
        assert a.cagr_projection.meets_target is None

    def test_single_point_without_baseline(self):
        """One actual value and no baseline: status only."""
        a = assess([72.0], [75.0, 80.0], polarity=HIGHER)
        assert Status.AMBER == a.status
        assert a.direction is None
        assert all(ProgressCategory.UNABLE_TO_ASSESS == m.category for m in a.measures)
        assert a.linear_projection.value is None

    def test_target_already_met(self):
        """A target already met is achieved in every measure."""
        a = assess([91.0], [80.0, 90.0], baseline=70.0, polarity=HIGHER)
        assert a.target_achieved is True
        assert all(ProgressCategory.TARGET_ACHIEVED == m.category for m in a.measures)
        assert 5.0 == a.statcan.score
        assert MonitoringCategory.AHEAD == a.category

    def test_zero_baseline(self):
        """A zero baseline: statuses as usual, growth measures unable, linear projection works."""
        a = assess([2.0, 1.0], [1.0, 0.0, 0.0], baseline=0.0, polarity=LOWER)
        assert [Status.RED, Status.RED] == [p.status for p in a.periods[:2]]
        assert [MonitoringCategory.NO_PROGRESS, MonitoringCategory.NO_PROGRESS] == [
            p.category for p in a.periods[:2]
        ]
        assert "zero" in a.statcan.reason
        assert 2.0 == a.linear_projection.value

    def test_negative_values(self):
        """Negative values are assessed with the polarity; measures are defined."""
        a = assess([-8.0], [-9.0, -12.0], baseline=-5.0, polarity=LOWER)
        assert Status.RED == a.status
        assert MonitoringCategory.SLIPPAGE == a.category
        assert a.statcan.value is not None

    def test_no_change_band(self):
        """Changes within no_change count as no change."""
        a = assess([70.4], [75.0], baseline=70.0, polarity=HIGHER, no_change=0.5)
        assert Direction.NO_CHANGE == a.direction
        a = assess([70.4], [75.0], baseline=70.0, polarity=HIGHER)
        assert Direction.IMPROVING == a.direction

    def test_equal_to_baseline_is_no_change_and_no_progress(self):
        """Staying at the baseline is no change and no progress."""
        a = assess([70.0], [75.0], baseline=70.0, polarity=HIGHER)
        assert (Direction.NO_CHANGE, MonitoringCategory.NO_PROGRESS) == (a.direction, a.category)

    def test_polarity_from_the_catalogue(self, monkeypatch):
        """indicator= looks the polarity up."""
        fake = types.ModuleType("ecm_plan.catalog")
        fake.national_indicator = lambda _code: types.SimpleNamespace(polarity=LOWER)
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", fake)
        a = assess([285.0], [283.0, 270.0], baseline=296.0, indicator="NI 999")
        assert LOWER == a.polarity

    def test_polarity_override_beats_the_catalogue(self, monkeypatch):
        """An explicit polarity is used without the catalogue."""
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", None)
        a = assess([285.0], [283.0, 270.0], baseline=296.0, indicator="NI 999", polarity=HIGHER)
        assert HIGHER == a.polarity

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"actual": [1.0, 2.0, 3.0], "planned": [1.0, 2.0]}, "3 actual values for 2"),
            ({"actual": [], "planned": []}, "no planned periods"),
            ({"actual": [1.0], "planned": [1.0, None]}, "target\\) is missing"),
            ({"actual": [1.0], "planned": [2.0], "polarity": None}, "polarity"),
            ({"actual": [1.0], "planned": [2.0], "polarity": "up"}, "unknown polarity"),
            ({"actual": [1.0], "planned": [2.0], "no_change": -1.0}, "no_change"),
        ],
    )
    def test_errors(self, kwargs, match):
        """Inconsistent input is a TrajectoryError with a clear message."""
        kwargs.setdefault("polarity", HIGHER)
        with pytest.raises(TrajectoryError, match=match):
            assess(kwargs.pop("actual"), kwargs.pop("planned"), **kwargs)

    def test_trajectory_supplies_baseline_and_unit(self):
        """A Trajectory brings its baseline; quantities are converted to its unit."""
        traj = Trajectory.between(Q_(48.3, "per_1000"), Q_(24.15, "per_1000"), 2)
        a = assess(Q_([3.5], "percent"), traj, polarity=LOWER)
        assert pytest.approx(35.0) == a.periods[0].actual
        assert (Status.GREEN, MonitoringCategory.ON_COURSE) == (a.status, a.category)

    def test_mixed_units_are_refused(self):
        """Actual and planned quantities of different kinds are refused."""
        with pytest.raises(UnitError, match="cannot combine"):
            assess(Q_([283.0], "count"), Q_([28.0, 27.0], "percent"), polarity=LOWER)

    def test_equal_assessments(self):
        """Two assessments of the same figures are equal and hash alike."""
        a = assess([285.0, 268.0], [283.0, 270.0, 257.0], baseline=296.0, polarity=LOWER)
        b = assess([285.0, 268.0], [283.0, 270.0, 257.0], baseline=296.0, polarity=LOWER)
        assert a == b
        assert hash(a) == hash(b)

    def test_repr_shows_the_headline(self):
        """The repr shows the headline figures."""
        a = assess([285.0], [283.0, 270.0], baseline=296.0, polarity=LOWER)
        assert "status=<Status.AMBER: 'amber'>" in repr(a)

    def test_infinite_values_are_missing(self):
        """An infinite actual value is treated as missing."""
        a = assess([math.inf, 72.0], [75.0, 80.0], baseline=70.0, polarity=HIGHER)
        assert a.periods[0].actual is None

    def test_arrays_equal_the_scalar_rows(self):
        """A 2-D array gives an AssessmentArray whose rows equal the scalar assessments."""
        acts = np.array([[285.0, 268.0], [300.0, np.nan], [np.nan, np.nan], [250.0, 240.0]])
        planned = np.array([283.0, 270.0, 257.0])
        out = assess(acts, planned, baseline=296.0, polarity=LOWER)
        assert isinstance(out, AssessmentArray)
        assert 4 == len(out)
        for i in range(4):
            expected = assess(
                [None if math.isnan(x) else x for x in acts[i]],
                list(planned),
                baseline=296.0,
                polarity=LOWER,
            )
            assert expected == out.row(i)
        np.testing.assert_array_equal(["green", "red", "", "green"], out.status_labels())
        np.testing.assert_array_equal([0, 2, -1, 0], out.latest_status())

    def test_arrays_per_series_polarity_and_baseline(self):
        """Polarity and baseline can differ per series."""
        acts = np.array([[11.0], [11.0]])
        out = assess(
            acts,
            np.array([[12.0, 14.0], [12.0, 14.0]]),
            baseline=np.array([10.0, 13.0]),
            polarity=np.array([1, -1]),
        )
        assert Status.RED == out.row(0).status
        assert Status.GREEN == out.row(1).status
        assert LOWER == out.row(1).polarity

    def test_arrays_polarity_strings(self):
        """Per-series polarities may be strings."""
        out = assess(
            np.array([[11.0], [11.0]]),
            np.array([12.0]),
            polarity=["higher_is_better", "lower_is_better"],
        )
        np.testing.assert_array_equal([1.0, -1.0], out.polarity_sign)

    def test_one_dimensional_array_is_one_series(self):
        """A 1-D array of actuals is one series, assessed as an array of one."""
        out = assess(
            np.array([285.0, 268.0]),
            np.array([283.0, 270.0, 257.0]),
            baseline=296.0,
            polarity=LOWER,
        )
        assert 1 == len(out)
        assert assess(
            [285.0, 268.0], [283.0, 270.0, 257.0], baseline=296.0, polarity=LOWER
        ) == out.row(0)

    def test_arrays_with_a_trajectory(self):
        """A Trajectory serves as the plan of every series."""
        traj = Trajectory.between(296, 257, 3)
        out = assess(np.array([[285.0], [300.0]]), traj, polarity=LOWER)
        assert [Status.AMBER, Status.RED] == [out.row(i).status for i in range(2)]

    @pytest.mark.parametrize(
        ("actual", "planned", "match"),
        [
            (np.ones((2, 3)), np.ones((2, 2)), "3 actual values for 2"),
            (np.ones((2, 1)), np.ones((3, 2)), "planned must have shape"),
            (np.ones((2, 1, 1)), np.ones(2), "2-D array"),
            (
                np.ones((2, 1)),
                np.array([[1.0, np.nan], [1.0, 2.0]]),
                r"missing for 1 series \(rows 0\)",
            ),
        ],
    )
    def test_array_errors(self, actual, planned, match):
        """Shape mismatches and missing targets are errors."""
        with pytest.raises(TrajectoryError, match=match):
            assess(actual, planned, polarity=HIGHER)

    def test_arrays_baseline_shape(self):
        """A baseline array must have one value per series."""
        with pytest.raises(TrajectoryError, match="baseline"):
            assess(np.ones((2, 1)), np.ones(2), baseline=np.ones(3), polarity=HIGHER)

    def test_arrays_polarity_from_indicator(self, monkeypatch):
        """indicator= works for arrays too."""
        fake = types.ModuleType("ecm_plan.catalog")
        fake.national_indicator = lambda _code: types.SimpleNamespace(polarity=LOWER)
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", fake)
        out = assess(
            np.array([[285.0]]), np.array([283.0, 270.0]), baseline=296.0, indicator="NI 1"
        )
        assert -1.0 == out.polarity_sign[0]

    def test_quantity_arrays(self):
        """A 2-D quantity gives an AssessmentArray in the plan's unit."""
        out = assess(
            Q_(np.array([[28.5], [26.0]]), "percent"),
            Q_(np.array([28.0, 27.0]), "percent"),
            polarity=LOWER,
        )
        assert isinstance(out, AssessmentArray)


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


class TestResultTypes:
    def test_status_is_a_string(self):
        """Statuses compare equal to their text."""
        a = assess([285.0], [283.0, 270.0], baseline=296.0, polarity=LOWER)
        assert "amber" == a.status
        assert "slippage" == a.category

    def test_measures_order(self):
        """measures lists chart, expected value, Statistics Canada."""
        a = assess([285.0], [283.0, 270.0], baseline=296.0, polarity=LOWER)
        assert [
            MeasureKind.UN_PROGRESS_CHART,
            MeasureKind.UN_EXPECTED_VALUE,
            MeasureKind.STATCAN,
        ] == [m.kind for m in a.measures]

    def test_projection_objects(self):
        """The assessment's projections are Projection objects aimed at the final target."""
        a = assess([285.0, 268.0], [283.0, 270.0, 257.0], baseline=296.0, polarity=LOWER)
        assert isinstance(a.linear_projection, Projection)
        assert 257.0 == a.cagr_projection.target
        assert ProjectionMethod.CAGR == a.cagr_projection.method

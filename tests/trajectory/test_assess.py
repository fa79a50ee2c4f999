"""Tests of ecm_plan.trajectory.assess: tolerance, assessment and its result types."""

from __future__ import annotations

import math
import sys
import types

import numpy as np
import pytest

from ecm_plan.exceptions import TrajectoryError, UnitError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import (
    Assessment,
    AssessmentArray,
    Direction,
    MeasureKind,
    MonitoringCategory,
    ProgressCategory,
    Projection,
    ProjectionMethod,
    Status,
    StatusArray,
    StatusAssessment,
    Tolerance,
    ToleranceBasis,
    Trajectory,
    assess,
    assess_status,
    un_progress_chart,
)
from ecm_plan.units import Q_

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


def _below(x):
    """The float just below x."""
    return math.nextafter(x, -math.inf)


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


class TestAssessStatus:
    """assess_status: the RAG status and monitoring category only."""

    def test_southend_children_looked_after(self):
        """Headline and per-period codes of one series, as the full assessment has them."""
        got = assess_status([285.0, 268.0], [283.0, 270.0, 257.0], baseline=296.0, polarity=LOWER)
        assert (
            StatusAssessment(
                LOWER,
                Status.GREEN,
                MonitoringCategory.ON_COURSE,
                (Status.AMBER, Status.GREEN, None),
                (
                    MonitoringCategory.SLIPPAGE,
                    MonitoringCategory.ON_COURSE,
                    MonitoringCategory.NOT_YET_ASSESSED,
                ),
            )
            == got
        )

    def test_no_actual_yet(self):
        """With no actual value the headline is no status, not yet assessed."""
        got = assess_status([], [283.0, 270.0], baseline=296.0, polarity=LOWER)
        assert (None, MonitoringCategory.NOT_YET_ASSESSED) == (got.status, got.category)
        assert (None, None) == got.statuses

    def test_no_baseline_is_slippage(self):
        """Short of plan with no baseline to compare with is slippage, never no progress."""
        got = assess_status([300.0], [283.0], polarity=LOWER)
        assert (Status.RED, MonitoringCategory.SLIPPAGE) == (got.status, got.category)

    def test_trajectory_and_quantities(self):
        """A Trajectory's baseline and unit are used; actual values are converted to its unit."""
        traj = Trajectory.between(Q_(48.3, "per_1000"), Q_(24.15, "per_1000"), 2)
        got = assess_status(Q_([3.5], "percent"), traj, polarity=LOWER)
        full = assess(Q_([3.5], "percent"), traj, polarity=LOWER)
        assert (full.status, full.category) == (got.status, got.category)

    def test_incompatible_units(self):
        """Quantities of units that cannot be combined raise UnitError."""
        with pytest.raises(UnitError):
            assess_status(Q_([283.0], "count"), Q_([28.0, 27.0], "percent"), polarity=LOWER)

    @pytest.mark.parametrize(
        ("actual", "planned", "match"),
        [
            ([1.0], [], "no planned periods"),
            ([1.0, 2.0], [3.0], "2 actual values for 1 planned periods"),
            ([1.0], [3.0, None], "target"),
            (np.array([[1.0, 2.0]]), np.array([3.0]), "2 actual values for 1 planned periods"),
            (np.array([[1.0]]), np.array([3.0, np.nan]), "target"),
            (np.array([[[1.0]]]), np.array([3.0]), "2-D array"),
            (np.array([[1.0], [2.0]]), np.ones((3, 2)), "shape"),
        ],
    )
    def test_bad_input_raises_as_assess(self, actual, planned, match):
        """Inputs assess rejects, assess_status rejects with the same error."""
        with pytest.raises(TrajectoryError, match=match):
            assess(actual, planned, polarity=HIGHER)
        with pytest.raises(TrajectoryError, match=match):
            assess_status(actual, planned, polarity=HIGHER)

    def test_polarity_is_required(self):
        """Without a polarity or an indicator to look it up, it raises."""
        with pytest.raises(TrajectoryError, match="polarity"):
            assess_status([1.0], [2.0])
        with pytest.raises(TrajectoryError, match="polarity"):
            assess_status(np.array([[1.0]]), [2.0], polarity=[1.0, -1.0])

    def test_indicator_polarity(self):
        """The polarity is looked up from the indicator code (NI 112: lower is better)."""
        got = assess_status(np.array([[-10.0]]), [-16.0, -33.0], baseline=0.58, indicator="NI 112")
        assert [-1.0] == got.polarity_sign.tolist()
        assert ["red"] == got.status_labels().tolist()

    def test_array_result(self):
        """Codes per period, headline codes, labels and rows of a StatusArray."""
        got = assess_status(
            np.array([[285.0, 268.0], [np.nan, np.nan], [300.0, 250.0]]),
            np.array([283.0, 270.0, 257.0]),
            baseline=np.array([296.0, 296.0, np.nan]),
            polarity=LOWER,
        )
        assert isinstance(got, StatusArray)
        assert 3 == len(got)
        assert [[1, 0, -1], [-1, -1, -1], [2, 0, -1]] == got.status.tolist()
        assert [1, -1, 1] == got.latest.tolist()
        assert ["green", "", "green"] == got.status_labels().tolist()
        assert ["on_course", "not_yet_assessed", "ahead"] == got.category_labels().tolist()
        assert MonitoringCategory.SLIPPAGE == got.row(2).categories[0]
        assert got.row(1).status is None

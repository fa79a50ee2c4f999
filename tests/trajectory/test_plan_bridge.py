"""Tests for the bridge from a plan to a trajectory ready to judge (trajectory/plan.py)."""

from __future__ import annotations

import math
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import load_bundled
from ecm_plan.exceptions import PlanError, PolarityUnknownError, TrajectoryError
from ecm_plan.model import Indicator, Observation, Period, Polarity, Target, Value
from ecm_plan.periods import parse_period
from ecm_plan.trajectory import (
    Criterion,
    Direction,
    Status,
    Tolerance,
    assess,
    plan_trajectory,
    steps_between,
)

FY = Period.financial_year


def _target(**kw):
    base = {"id": "T1", "text": "a target", "kind": "measurable"}
    return Target(**{**base, **kw})


class TestStepsBetween:
    """steps_between counts steps from the periods' labels."""

    def test_calendar_years(self):
        """1998 to 2010 is twelve steps, counted, not typed by hand."""
        assert 12 == steps_between(parse_period("1998"), parse_period("2010"))

    def test_financial_years(self):
        """2008-09 to 2011-12 is three years."""
        assert 3 == steps_between(FY(2008), FY(2011))

    def test_mixed_yearly_kinds(self):
        """Yearly kinds mix: counted by the year each starts in."""
        assert 2 == steps_between(FY(2008), parse_period("2010"))

    def test_quarters(self):
        """Quarters count in quarters, across financial years."""
        assert 5 == steps_between(Period.quarter(2009, 1), Period.quarter(2010, 2))

    def test_months(self):
        """Months count in months."""
        assert 14 == steps_between(Period.month(2009, 4), Period.month(2010, 6))

    def test_backwards_is_negative(self):
        """An end before the start gives a negative count."""
        assert -3 == steps_between(FY(2011), FY(2008))

    @pytest.mark.parametrize(
        ("start", "end"),
        [("2008-09", "2009-10 Q1"), ("2009-10 Q1", "April 2009"), ("Summer 2009", "2010")],
    )
    def test_mixed_kinds_raise(self, start, end):
        """A year and a quarter (or a season) cannot be counted in one unit."""
        with pytest.raises(TrajectoryError, match="cannot count steps"):
            steps_between(parse_period(start), parse_period(end))

    @given(st.integers(1990, 2030), st.integers(0, 20))
    def test_years_property(self, year, n):
        """n financial years after a year are n steps."""
        assert n == steps_between(FY(year), FY(year + n))


class TestRelativeTargets:
    """A relative target is resolved against its stated baseline."""

    def test_stockton_teenage_conceptions(self):
        """'Reduce the 1998 baseline of 48.3 per 1,000 by 50% by 2010' is 24.15 in 12 steps."""
        stockton = load_bundled("stockton-2008-11")
        target = next(t for _, t in stockton.iter_targets() if t.id == "P1.T1")
        t = plan_trajectory(target, plan=stockton)
        assert (("2010",), (24.15,), (12,)) == (t.labels, t.values, t.steps)
        assert 48.3 == t.baseline.value
        assert "per_1000" == t.unit
        assert (0.0, 1000.0) == (t.lower, t.upper)
        assert not t.percent_change

    def test_unsigned_change_takes_the_texts_direction(self):
        """'Reduce ... by 1%' written as 1% resolves downwards, and says so."""
        target = _target(
            text="Reduce obesity among 5-10 year olds by 1% by 2010 (baseline 12.5% in 2006)",
            comparator="relative_change",
            baseline=Observation(Value("12.5%"), Period.calendar_year(2006)),
            values={Period.calendar_year(2010): Value("1%")},
        )
        t = plan_trajectory(target, polarity="lower_is_better")
        assert ((12.375,), (4,)) == (t.values, t.steps)
        assert (Criterion.AT_MOST,) == t.criteria
        assert "a reduction" in t.notes[0]

    def test_no_baseline_is_not_resolved(self):
        """Without a stated baseline the value has no figure, and a note says why."""
        t = plan_trajectory(
            _target(comparator="relative_change", values={FY(2010): Value("-10%")}),
            polarity="lower_is_better",
        )
        assert math.isnan(t.values[0])
        assert "baseline the plan does not give" in t.notes[0]

    def test_no_direction_is_not_resolved(self):
        """An unsigned change whose text says no direction is not guessed."""
        t = plan_trajectory(
            _target(
                text="Change turnover by 15%",
                comparator="relative_change",
                baseline=Observation(Value("20%"), FY(2007)),
                values={FY(2010): Value("15%")},
            ),
            polarity="lower_is_better",
        )
        assert math.isnan(t.values[0])
        assert "rise or a fall" in t.notes[0]


class TestCriteria:
    """Bounded and range targets are judged by their comparator, not the bare number."""

    def test_at_least_cell_wins_over_polarity(self):
        """'90%+' is met at or above 90 whatever the indicator's polarity says."""
        t = plan_trajectory(_target(values={FY(2010): Value("90%+")}), polarity="lower_is_better")
        assert (Criterion.AT_LEAST,) == t.criteria
        assert Status.GREEN == t.judge(95.0, 0)
        assert Status.RED == t.judge(50.0, 0)

    def test_below_cell(self):
        """'<10%' is met at or below 10."""
        t = plan_trajectory(_target(values={FY(2010): Value("<10%")}))
        assert (Criterion.AT_MOST,) == t.criteria
        assert Polarity.LOWER_IS_BETTER == t.polarity
        assert "comparator" == t.polarity_source
        assert [Status.GREEN, Status.RED] == [t.judge(8.0, 0), t.judge(12.0, 0)]

    def test_range(self):
        """'5-10%' is green inside, amber just outside either end, red beyond."""
        t = plan_trajectory(_target(comparator="within_range", values={FY(2010): Value("5-10%")}))
        assert (Criterion.WITHIN,) == t.criteria
        assert None is t.polarity
        got = [t.judge(x, 0) for x in (5.0, 10.0, 4.9, 10.4, 3.0, 12.0)]
        expected = [Status.GREEN, Status.GREEN, Status.AMBER, Status.AMBER, Status.RED, Status.RED]
        assert expected == got

    def test_range_direction(self):
        """Moving towards the range is improving, from either side."""
        t = plan_trajectory(_target(comparator="within_range", values={FY(2010): Value("5-10%")}))
        assert Direction.IMPROVING == t.direction(11.0, 14.0, 0)
        assert Direction.IMPROVING == t.direction(4.0, 2.0, 0)
        assert Direction.WORSENING == t.direction(13.0, 11.0, 0)

    def test_exactly_zero(self):
        """'Exactly zero' is green only at zero."""
        t = plan_trajectory(_target(comparator="zero", values={FY(2010): Value("0")}))
        assert (Criterion.EXACTLY,) == t.criteria
        assert Status.GREEN == t.judge(0.0, 0)
        assert Status.RED == t.judge(1.0, 0, Tolerance(absolute=0.5))

    def test_maintain_uses_polarity(self):
        """'Maintain' is met at the figure or better, by the polarity."""
        t = plan_trajectory(
            _target(comparator="maintain", values={FY(2010): Value("80%")}),
            polarity="higher_is_better",
        )
        assert Status.GREEN == t.judge(85.0, 0)
        assert Status.RED == t.judge(70.0, 0)

    def test_judge_without_figure_raises(self):
        """A period without a planned figure cannot be judged."""
        t = plan_trajectory(Indicator(id="NI 56", unit="percent", targets={FY(2010): Value("N/A")}))
        with pytest.raises(TrajectoryError, match="no planned figure"):
            t.judge(1.0, 0)


class TestPolarity:
    """The polarity comes from the plan, the catalogue, the comparator, else an error."""

    def test_local_code_falls_back_to_comparator(self):
        """Wigan's 2016SC without a polarity takes the direction of a target's comparator."""
        wigan = load_bundled("wigan-2009-12")
        indicators = tuple(
            attrs.evolve(i, polarity=None) if i.id == "2016SC" else i for i in wigan.indicators
        )
        p1 = wigan.priorities[0]
        target = _target(id="P1.T9", indicator="2016SC", comparator="reduce_to")
        plan = attrs.evolve(
            wigan,
            indicators=indicators,
            priorities=(attrs.evolve(p1, targets=(*p1.targets, target)), *wigan.priorities[1:]),
        )
        ind = next(i for i in plan.indicators if i.id == "2016SC")
        t = plan_trajectory(ind, plan=plan)
        assert (Polarity.LOWER_IS_BETTER, "comparator") == (t.polarity, t.polarity_source)

    def test_local_code_without_anything_raises(self):
        """A local code with no polarity anywhere raises a library error that says what to do."""
        ind = Indicator(id="2016SC", scheme="local", targets={FY(2009): Value("23.5%")})
        with pytest.raises(PolarityUnknownError, match="pass polarity=") as info:
            plan_trajectory(ind)
        assert "2016SC" == info.value.subject
        assert isinstance(info.value, PlanError)
        assert isinstance(info.value, ValueError)

    def test_error_pickles(self):
        """The error keeps its subject through pickling."""
        err = pickle.loads(pickle.dumps(PolarityUnknownError("X1")))  # noqa: S301 (our own bytes)
        assert ("X1", str(PolarityUnknownError("X1"))) == (err.subject, str(err))

    def test_catalogue(self):
        """A National Indicator without a plan polarity takes the catalogue's."""
        t = plan_trajectory(Indicator(id="NI 64", targets={FY(2009): Value("3%")}))
        assert "catalogue" == t.polarity_source

    def test_given_wins(self):
        """A polarity passed in replaces every other source."""
        wigan = load_bundled("wigan-2009-12")
        ni19 = next(i for i in wigan.indicators if i.id == "NI 19")
        t = plan_trajectory(ni19, polarity="higher_is_better")
        assert (Polarity.HIGHER_IS_BETTER, "given") == (t.polarity, t.polarity_source)


class TestMeasureKinds:
    """The catalogue's measure kind says what a series is."""

    def test_ni112_is_a_change_from_baseline(self):
        """NI 112 is a % change series from the catalogue, with no comparator in the plan."""
        t = plan_trajectory(
            Indicator(id="NI 112", unit="percent", targets={FY(2009): Value("-16%")})
        )
        assert t.percent_change
        assert Period.calendar_year(1998) == t.change_from
        assert (-100.0, None) == (t.lower, t.upper)

    def test_change_from_baseline_comparator(self):
        """A target whose comparator is change_from_baseline is a % change series too."""
        southend = load_bundled("southend-2008-09")
        target = next(t for _, t in southend.iter_targets() if t.id == "P5.O4.A1.T1")
        t = plan_trajectory(target, plan=southend)
        assert t.percent_change
        assert -100.0 == t.lower

    def test_count_and_bounds(self):
        """NI 111 is a count with no upper bound."""
        wigan = load_bundled("wigan-2009-12")
        t = plan_trajectory(next(i for i in wigan.indicators if i.id == "NI 111"))
        assert ("count", 0.0, None) == (t.aggregation.value, t.lower, t.upper)

    @given(st.floats(-1e6, 1e6, allow_nan=False))
    def test_clamp_stays_in_bounds(self, x):
        """clamp never leaves the natural bounds of a percentage."""
        t = plan_trajectory(Indicator(id="NI 45", unit="percent", targets={FY(2009): Value("85%")}))
        assert 0.0 <= t.clamp(x) <= 100.0


class TestAssessBridge:
    """PlanTrajectory.assess is trajectory.assess on the plan's series."""

    def test_same_as_by_hand(self):
        """Wigan NI 19 assessed through the bridge equals assess by hand."""
        wigan = load_bundled("wigan-2009-12")
        ni19 = next(i for i in wigan.indicators if i.id == "NI 19")
        by_hand = assess([0.83], [0.81, 0.77, 0.73], baseline=0.86, polarity="lower_is_better")
        assert by_hand == plan_trajectory(ni19).assess([0.83])

    def test_no_figure_raises(self):
        """A trajectory with no planned figure cannot be assessed."""
        t = plan_trajectory(Indicator(id="NI 56", targets={FY(2010): Value("N/A")}))
        with pytest.raises(TrajectoryError, match="no planned figure"):
            t.assess([1.0])

"""Tests of ecm_plan.trajectory.plan: one rule for the baseline and the planned series."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import bundled_plans, load_bundled
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Indicator, Observation, Value, ValueStatus
from ecm_plan.periods import Period
from ecm_plan.plots import plot_indicator
from ecm_plan.report.plan import trajectory_table
from ecm_plan.trajectory import BaselinePoint, baseline_of, planned_series


def _indicator(plan_name, indicator_id):
    plan = load_bundled(plan_name)
    return next(i for i in plan.indicators if i.id == indicator_id)


def _target(plan, indicator_id):
    return next(t for _, t in plan.iter_targets() if t.indicator == indicator_id and t.values)


class TestBaselineOf:
    def test_wigan_ni_112(self):
        """Wigan NI 112 starts from the 2008-09 actual "+0.58% (2007 data)" of its table."""
        expected = BaselinePoint(
            "2008-09", 0.58, "+0.58% (2007 data)", "actual", period=Period.financial_year(2008)
        )
        assert expected == baseline_of(_indicator("wigan-2009-12", "NI 112"))

    def test_wigan_ni_19(self):
        """Wigan NI 19 (re-offending) starts from the 2008-09 actual 0.86."""
        assert 0.86 == baseline_of(_indicator("wigan-2009-12", "NI 19")).value

    def test_wigan_ni_60(self):
        """Wigan NI 60 starts from the 2008-09 actual 83%."""
        base = baseline_of(_indicator("wigan-2009-12", "NI 60"))
        assert ("2008-09", 83.0, "83%") == (base.label, base.value, base.text)

    def test_actual_before_stated_reference(self):
        """A stated 1998 reference rate does not replace the latest actual before the targets."""
        ni112 = _indicator("sample", "NI 112")
        assert "1998" == ni112.baseline.period.label
        assert ("2008-09", "actual") == (baseline_of(ni112).label, baseline_of(ni112).source)

    def test_stated_when_no_earlier_actual(self):
        """Without an actual before the first target period the stated baseline is used."""
        ni112 = attrs.evolve(_indicator("sample", "NI 112"), actuals={})
        base = baseline_of(ni112)
        assert ("1998", 48.3, "48.3 per 1,000", "stated") == (
            base.label,
            base.value,
            base.text,
            base.source,
        )

    def test_stated_without_period(self):
        """A stated baseline without a period is labelled "baseline"."""
        ind = Indicator(id="X1", baseline=Observation(Value("12")))
        assert BaselinePoint("baseline", 12.0, "12", "stated") == baseline_of(ind)

    def test_actual_in_first_target_period_is_not_a_baseline(self):
        """An actual of the first target period itself does not start the trajectory."""
        year = Period.financial_year
        ind = Indicator(
            id="X1",
            actuals={year(2009): Value("5")},
            targets={year(2009): Value("6"), year(2010): Value("7")},
        )
        assert baseline_of(ind) is None

    def test_southend_has_none(self):
        """Southend's children looked after (283 / 270 / 257) has no baseline in the plan."""
        assert baseline_of(_indicator("southend-2008-09", "Children looked after")) is None

    def test_empty_indicator(self):
        """An indicator without figures has no baseline."""
        assert baseline_of(Indicator(id="2016SC")) is None

    def test_target_uses_its_indicators_actuals(self):
        """A target's trajectory starts from its indicator's actual when the plan is given."""
        plan = load_bundled("wigan-2009-12")
        target = _target(plan, "NI 55")
        assert 9.9 == baseline_of(target, plan=plan).value
        assert baseline_of(target) is None

    @pytest.mark.parametrize("subject", ["NI 19", None, 3.0])
    def test_wrong_kind(self, subject):
        """Anything but an indicator or a target is a TrajectoryError (a ValueError)."""
        with pytest.raises(TrajectoryError, match="needs an Indicator or a Target"):
            baseline_of(subject)


class TestPlannedSeries:
    def test_wigan_ni_112(self):
        """NI 112's published -16% / -33% / -50%, with their data-year text and unit."""
        series = planned_series(_indicator("wigan-2009-12", "NI 112"))
        assert ("2009-10", "2010-11", "2011-12") == series.labels
        assert (-16.0, -33.0, -50.0) == series.values
        assert "-16% (2008 data)" == series.texts[0]
        assert "percent" == series.unit

    def test_wigan_ni_19(self):
        """NI 19: 0.86 then 0.81 / 0.77 / 0.73."""
        series = planned_series(_indicator("wigan-2009-12", "NI 19"))
        assert (0.86, (0.81, 0.77, 0.73)) == (series.baseline.value, series.values)

    def test_southend_children_looked_after(self):
        """Southend: 283 / 270 / 257 for 2008-09 to 2010-11, from the target row."""
        plan = load_bundled("southend-2008-09")
        series = planned_series(_target(plan, "Children looked after"), plan=plan)
        assert (283.0, 270.0, 257.0) == series.values
        assert ("2008-09", "2009-10", "2010-11") == series.labels

    def test_not_applicable_kept(self):
        """An "N/A" year stays in the series as nan with its state; no figure is made up."""
        series = planned_series(_indicator("wigan-2009-12", "NI 111"))
        assert ("1412", "1380", "N/A") == series.texts
        assert [1412.0, 1380.0] == list(series.values[:2])
        assert math.isnan(series.values[2])
        assert ValueStatus.NOT_APPLICABLE == series.statuses[2]
        assert series.has_figures

    def test_empty(self):
        """An indicator without targets gives an empty series."""
        series = planned_series(Indicator(id="2016SC"))
        assert ((), (), None, False) == (
            series.labels,
            series.values,
            series.baseline,
            series.has_figures,
        )

    @given(st.lists(st.integers(min_value=2000, max_value=2030), unique=True, max_size=6))
    def test_period_order(self, years):
        """Labels come in date order whatever order the plan's mapping holds them in."""
        ind = Indicator(id="X1", targets={Period.financial_year(y): Value(str(y)) for y in years})
        series = planned_series(ind)
        assert tuple(float(y) for y in sorted(years)) == series.values


class TestCallersAgree:
    @pytest.mark.parametrize("name", bundled_plans())
    def test_report_shows_the_rule(self, name):
        """The report's Baseline column is baseline_of for every indicator it lists."""
        plan = load_bundled(name)
        shown = {row[0]: row[1] for row in trajectory_table(plan).rows}
        for indicator in plan.indicators:
            if indicator.id not in shown:
                continue
            base = baseline_of(indicator)
            if base is not None:
                assert f"{base.label}: {base.text}" == shown[indicator.id]
            else:
                assert not shown[indicator.id].startswith(("baseline", "20", "19"))

    @pytest.mark.parametrize("name", bundled_plans())
    def test_chart_starts_at_the_rule(self, name):
        """plot_indicator's target line starts at baseline_of, or at the first target."""
        plan = load_bundled(name)
        for indicator in plan.indicators:
            series = planned_series(indicator)
            if not series.has_figures:
                continue
            ax = plot_indicator(indicator)
            line = next(li for li in ax.get_lines() if li.get_label() == "target")
            first = float(line.get_ydata()[0])
            base = series.baseline
            expected = (
                base.value
                if base is not None
                else next(v for v in series.values if not math.isnan(v))
            )
            assert expected == first
            ax.figure.clear()

    def test_later_stated_baseline_than_actual(self):
        """Report and chart pick the same start when a stated baseline is later than the actual.

        The chart used to start from the later of the two, the report from the actual.
        """
        plan = load_bundled("sample")
        year = Period.financial_year
        changed = [
            attrs.evolve(
                i,
                actuals={year(2006): Value("12.5%")},
                baseline=Observation(Value("11.0%"), year(2007)),
            )
            if i.id == "NI 62"
            else i
            for i in plan.indicators
        ]
        plan = attrs.evolve(plan, indicators=tuple(changed))
        ni62 = next(i for i in plan.indicators if i.id == "NI 62")
        shown = {row[0]: row[1] for row in trajectory_table(plan).rows}
        assert "2006-07: 12.5%" == shown["NI 62"]
        line = next(li for li in plot_indicator(ni62).get_lines() if li.get_label() == "target")
        assert 12.5 == float(line.get_ydata()[0])

"""Tests for ecm_plan.monitoring: profiles, rating rules, assess_plan and its outputs."""

from __future__ import annotations

import io
import json
import math
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import load_bundled
from ecm_plan.cli import main
from ecm_plan.exceptions import PlanError, TrajectoryError, UnknownRatingRuleError
from ecm_plan.model import Indicator, Period, Polarity, Value
from ecm_plan.monitoring import (
    DEFAULT_RULE,
    RULES,
    RatingRule,
    Return,
    Returns,
    assess_plan,
    assess_portfolio,
    loads_returns,
    monthly_profile,
    profile,
    quarterly_profile,
    rating_rule,
    read_reported,
)
from ecm_plan.trajectory import Direction, MonitoringCategory, Status, assess

FY = Period.financial_year
Q = Period.quarter
WIGAN = load_bundled("wigan-2009-12")


def _returns(text: str) -> Returns:
    return loads_returns("indicator,period,value,status\n" + text, "csv")


def _with_indicator(plan, indicator):
    rest = tuple(i for i in plan.indicators if i.id != indicator.id)
    return attrs.evolve(plan, indicators=(*rest, indicator))


# --------------------------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------------------------


class TestProfiles:
    """Annual targets profiled by quarter and month."""

    def test_level_steps_from_last_actual(self):
        """A level steps from the last actual to the annual target; Q4 is the target."""
        p = quarterly_profile(9.0, start=10.9, year=FY(2009))
        assert (10.425, 9.95, 9.475, 9.0) == p.values
        assert ("2009-10 Q1", "2009-10 Q4") == (p.labels[0], p.labels[-1])

    def test_count_pro_rata(self):
        """A count is shared out equally by default."""
        assert (353.0, 353.0, 353.0, 353.0) == quarterly_profile(1412, aggregation="count").values

    def test_count_by_weights(self):
        """A count follows given weights, and its running total ends at the annual target."""
        p = quarterly_profile(100, aggregation="count", weights=[2, 1, 1, 0])
        assert (50.0, 25.0, 25.0, 0.0) == p.values
        assert 100.0 == p.cumulative[-1]

    def test_monthly(self):
        """Twelve months of a financial year, labelled."""
        p = monthly_profile(12.0, start=0.0, year=FY(2009))
        assert ("April 2009", "March 2010") == (p.labels[0], p.labels[-1])
        assert 1.0 == p.values[0]

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"annual": 5.0, "parts": 4}, "pass start="),
            ({"annual": 5.0, "parts": 0, "start": 1.0}, "at least one part"),
            ({"annual": 5.0, "parts": 4, "start": 1.0, "weights": [1, 1, 1, 1]}, "weights"),
            ({"annual": 5.0, "parts": 4, "aggregation": "count", "weights": [1, 1]}, "2 weights"),
            ({"annual": 5.0, "parts": 2, "aggregation": "count", "weights": [0, 0]}, "all zero"),
            ({"annual": 5.0, "parts": 2, "aggregation": "count", "weights": [-1, 2]}, "negative"),
            ({"annual": math.nan, "parts": 4, "start": 1.0}, "finite"),
            ({"annual": 5.0, "parts": 4, "aggregation": "sum"}, "unknown aggregation"),
        ],
    )
    def test_errors(self, kwargs, match):
        """Each wrong input is a TrajectoryError saying what is wrong."""
        with pytest.raises(TrajectoryError, match=match):
            profile(**kwargs)

    def test_value_for_other_period(self):
        """Asking for a period outside the profile is an error."""
        p = quarterly_profile(9.0, start=10.0, year=FY(2009))
        with pytest.raises(TrajectoryError, match="not a part"):
            p.value_for(Q(2010, 1))

    def test_quarter_is_not_a_year(self):
        """A quarter does not hold four quarters."""
        with pytest.raises(TrajectoryError, match="four quarters"):
            quarterly_profile(9.0, start=10.0, year=Q(2009, 1))

    @given(
        st.floats(0, 1e7, allow_nan=False),
        st.lists(st.floats(0, 1e3, allow_nan=False), min_size=4, max_size=4).filter(any),
    )
    def test_count_by_quarter_sums_to_annual(self, annual, weights):
        """A count profiled by quarter sums to the annual target."""
        p = quarterly_profile(annual, aggregation="count", weights=weights)
        assert math.isclose(annual, sum(p.values), rel_tol=1e-9, abs_tol=1e-6)
        assert all(v >= -1e-6 for v in p.values)

    @given(st.floats(-1e4, 1e4, allow_nan=False), st.floats(-1e4, 1e4, allow_nan=False))
    def test_level_ends_at_annual(self, start, annual):
        """A level's last quarter is the annual target."""
        p = quarterly_profile(annual, start=start)
        assert math.isclose(annual, p.values[-1], rel_tol=1e-9, abs_tol=1e-9)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


class TestRules:
    """Rating rules by name or object."""

    def test_names(self):
        """The library knows default, tolerance and havering."""
        assert ["default", "havering", "tolerance"] == sorted(RULES)
        assert DEFAULT_RULE is rating_rule(None)

    def test_unknown(self):
        """An unknown name is a KeyError of the library, and pickles."""
        with pytest.raises(UnknownRatingRuleError) as info:
            rating_rule("traffic")
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, PlanError)
        again = pickle.loads(pickle.dumps(info.value))  # noqa: S301 (our own bytes)
        assert str(info.value) == str(again)

    def test_havering_rate(self):
        """Within the band green; beyond it amber only if better than a year earlier."""
        rule = rating_rule("havering")
        assert Status.GREEN == rule.rate(Status.AMBER)
        assert Status.AMBER == rule.rate(Status.RED, improved_on_last_year=True)
        assert Status.RED == rule.rate(Status.RED, improved_on_last_year=False)
        assert Status.RED == rule.rate(Status.RED, improved_on_last_year=None)

    def test_tolerance_rate(self):
        """A tolerance band leaves the trajectory's statuses alone."""
        rule = RatingRule.tolerance_band(relative=0.1)
        assert [Status.GREEN, Status.AMBER, Status.RED] == [
            rule.rate(s, improved_on_last_year=True)
            for s in (Status.GREEN, Status.AMBER, Status.RED)
        ]


class TestRulesInAssessPlan:
    """The rule changes the status, and the result says which rule it used."""

    Q1 = "NI 63,2009-10 Q1,{now}%,\nNI 63,2008-09 Q1,{before}%,\n"

    def _status(self, now, before, rule):
        text = self.Q1.format(now=now, before=before)
        result = assess_plan(WIGAN, _returns(text), rule=rule)
        expected = "default" if rule is None else (rule if isinstance(rule, str) else rule.name)
        assert expected == result.rule.name
        return result.row("NI 63").status

    def test_havering_within_band_is_green(self):
        """64% against a quarterly target of 68.6% is within 10%: green (red within 5%)."""
        assert Status.GREEN == self._status(64, 70, "havering")
        assert Status.RED == self._status(64, 70, None)

    def test_havering_improved_is_amber(self):
        """60% is more than 10% off, but better than 58% a year earlier: amber."""
        assert Status.AMBER == self._status(60, 58, "havering")

    def test_havering_not_improved_is_red(self):
        """60% is more than 10% off and worse than 62% a year earlier: red."""
        assert Status.RED == self._status(60, 62, "havering")

    def test_tolerance_band_object(self):
        """A rule object with a wider band turns a red into amber."""
        assert Status.RED == self._status(60, 62, "tolerance")
        assert Status.AMBER == self._status(60, 62, RatingRule.tolerance_band(relative=0.15))


# --------------------------------------------------------------------------------------------
# assess_plan
# --------------------------------------------------------------------------------------------


class TestAssessPlan:
    """One row per indicator or target with a planned value and an actual in the window."""

    def test_empty_returns(self):
        """With no returns beyond the plan's own, nothing is assessed and all is counted."""
        result = assess_plan(WIGAN, Returns())
        assert () == result.rows
        assert result.total.not_assessed == len(result.unassessed) > 0

    def test_window(self):
        """as_of keeps later returns out; a label or a Period works."""
        text = "NI 19,2009-10 Q1,0.85,\nNI 19,2009-10 Q3,0.82,\n"
        assert (
            "2009-10 Q1"
            == assess_plan(WIGAN, _returns(text), as_of="2009-10 Q2").row("NI 19").period.label
        )
        assert (
            "2009-10 Q3"
            == assess_plan(WIGAN, _returns(text), as_of=FY(2009)).row("NI 19").period.label
        )

    def test_row_fields(self):
        """A yearly return: planned value, directions, next target, served priorities."""
        row = assess_plan(WIGAN, _returns("NI 112,2009-10,-12%,red\n")).row("NI 112")
        assert (-12.0, -16.0, Status.RED) == (row.actual, row.planned, row.status)
        assert MonitoringCategory.SLIPPAGE == row.category
        assert Direction.IMPROVING == row.direction.since_baseline
        assert Direction.IMPROVING == row.direction.long_term
        assert ("2010-11", -33.0) == (row.next_target.period.label, row.next_target.value)
        assert (True, "red") == (row.agrees, row.reported_status)
        assert "P1" in row.priorities
        assert "be_healthy" in row.outcomes

    def test_short_and_long_term(self):
        """Short term against the previous quarter; long term against a year earlier."""
        text = "NI 62,2008-09 Q2,10.0%,\nNI 62,2009-10 Q1,9.8%,\nNI 62,2009-10 Q2,10.1%,\n"
        row = assess_plan(WIGAN, _returns(text)).row("NI 62")
        assert Direction.WORSENING == row.direction.short_term
        assert Direction.WORSENING == row.direction.long_term
        assert Direction.IMPROVING == row.direction.since_baseline

    def test_quarter_of_a_count(self):
        """A quarterly count is judged against its share of the year's target."""
        row = assess_plan(WIGAN, _returns("NI 111,2009-10 Q1,310,\n")).row("NI 111")
        assert (353.0, Status.GREEN) == (row.planned, row.status)
        assert "pro rata" in row.planned_basis

    def test_projection_held_within_bounds(self):
        """Wigan NI 45 at 70% after a year trends to 102.8%: held at 100%, said so."""
        row = assess_plan(WIGAN, _returns("NI 45,2009-10,70%,\n")).row("NI 45")
        assert (100.0, True) == (row.projection.value, row.projection.meets_target)
        assert "102.8" in row.projection_note

    def test_projection_unbounded_measure(self):
        """A measure without an upper bound is not held."""
        row = assess_plan(WIGAN, _returns("NI 19,2009-10,0.70,\n")).row("NI 19")
        assert "" == row.projection_note
        assert math.isclose(0.38, row.projection.value)

    def test_unknown_polarity_is_a_finding_and_the_rest_is_assessed(self):
        """An indicator with no polarity anywhere is reported; others still get rows."""
        local = Indicator(
            id="2016SC",
            scheme="local",
            unit="percent",
            actuals={FY(2008): Value("25.2%")},
            targets={FY(2009): Value("23.5%")},
        )
        plan = _with_indicator(WIGAN, local)
        result = assess_plan(plan, _returns("2016SC,2009-10,23%,\nNI 19,2009-10,0.8,\n"))
        assert ["NI 19"] == [r.subject for r in result.rows]
        assert any(u.subject == "2016SC" for u in result.unassessed)
        assert ["ECM703"] == [f.code for f in result.findings if f.subject == "2016SC"]

    def test_disagreement_is_a_finding(self):
        """A reported judgement that differs from the computed one is ECM701."""
        result = assess_plan(WIGAN, _returns("NI 19,2009-10,0.95,green\n"))
        assert (False, "ECM701") == (result.row("NI 19").agrees, result.findings[0].code)

    def test_unreadable_judgement_is_a_finding(self):
        """Words the library does not read are reported (ECM702), agreement unknown."""
        result = assess_plan(WIGAN, _returns("NI 19,2009-10,0.80,improving?\n"))
        assert None is result.row("NI 19").agrees
        assert "ECM702" == result.findings[0].code

    def test_unit_that_does_not_convert(self):
        """A return in a unit that does not convert is not used, and said (ECM705)."""
        result = assess_plan(WIGAN, _returns("NI 111,2009-10,45%,\n"))
        assert ["ECM705"] == [f.code for f in result.findings]
        assert "NI 111" not in [r.subject for r in result.rows]

    def test_relative_target_row(self):
        """Stockton's relative target is assessed against its resolved value."""
        stockton = load_bundled("stockton-2008-11")
        result = assess_plan(stockton, _returns("P1.T1,2010,30 per 1000,\n"))
        row = result.row("P1.T1")
        assert (24.15, Status.RED, None) == (row.planned, row.status, row.indicator)
        assert any(f.code == "ECM704" and "24.15" in f.message for f in result.findings)

    def test_range_target_row(self):
        """A range target is judged by its range: inside is green whatever the polarity."""
        ind = Indicator(
            id="NI 65",
            unit="percent",
            actuals={FY(2008): Value("12%")},
            targets={FY(2009): Value("5-10%")},
        )
        result = assess_plan(_with_indicator(WIGAN, ind), _returns("NI 65,2009-10,7%,green\n"))
        assert (Status.GREEN, True) == (result.row("NI 65").status, result.row("NI 65").agrees)

    def test_rollup(self):
        """The roll-up counts rows by status and the unassessed, by priority and outcome."""
        result = assess_plan(WIGAN, _returns("NI 112,2009-10,-12%,\n"))
        p1 = next(r for r in result.by_priority if r.key == "P1")
        assert (0, 0, 1) == (p1.green, p1.amber, p1.red)
        assert result.total.red == 1
        assert result.total.total == len(result.rows) + len(result.unassessed)
        assert "be_healthy" == result.by_outcome[0].key

    def test_row_lookup(self):
        """row() raises KeyError for a subject without a row."""
        with pytest.raises(KeyError):
            assess_plan(WIGAN, Returns()).row("NI 19")

    def test_unknown_rule(self):
        """An unknown rule name raises before any work."""
        with pytest.raises(UnknownRatingRuleError):
            assess_plan(WIGAN, Returns(), rule="nope")


class TestPortfolio:
    """Several plans, one returns file."""

    def test_rows_by_plan(self):
        """Rows naming a plan go to it; a rollup across plans counts them all."""
        text = (
            "plan,indicator,period,value\n"
            "wigan-2009-12,NI 19,2009-10,0.83\nsample,NI 62,2009-10,9%\n"
        )
        p = assess_portfolio([WIGAN, load_bundled("sample")], loads_returns(text, "csv"))
        assert ["wigan-2009-12", "sample"] == [r.plan for r in p.results]
        assert sum(r.total.total for r in p.results) == p.total.total
        assert len(p.rows) == sum(len(r.rows) for r in p.results)
        rows, rollup = p.to_tables()
        assert len(rows.rows) == len(p.rows)
        assert ("portfolio", "all") == rollup.rows[-1][:2]


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

_TENTHS = st.integers(0, 1000).map(lambda n: n / 10)


@given(
    polarity=st.sampled_from(list(Polarity)),
    baseline=_TENTHS,
    planned=st.lists(_TENTHS, min_size=3, max_size=3),
    actual=st.lists(st.one_of(st.none(), _TENTHS), min_size=1, max_size=3).filter(
        lambda xs: any(x is not None for x in xs)
    ),
)
def test_assess_plan_agrees_with_assess_by_hand(polarity, baseline, planned, actual):
    """assess_plan's status and category are those of trajectory.assess on the same series."""
    ind = Indicator(
        id="NI 79",
        unit="percent",
        polarity=polarity,
        actuals={FY(2008): Value(f"{baseline}%")},
        targets={FY(2009 + i): Value(f"{v}%") for i, v in enumerate(planned)},
    )
    plan = _with_indicator(WIGAN, ind)
    rows = tuple(
        Return("NI 79", FY(2009 + i), Value(f"{v}%")) for i, v in enumerate(actual) if v is not None
    )
    row = assess_plan(plan, Returns(rows)).row("NI 79")
    by_hand = assess(actual, planned, baseline=baseline, polarity=polarity)
    k = max(i for i, v in enumerate(actual) if v is not None)
    assert (by_hand.periods[k].status, by_hand.periods[k].category) == (row.status, row.category)
    assert FY(2009 + k) == row.period


@given(
    st.lists(st.integers(0, 1000).map(lambda n: n / 10), min_size=1, max_size=8),
    st.sampled_from(["higher_is_better", "lower_is_better"]),
)
def test_projections_never_leave_natural_bounds(values, polarity):
    """However steep the trend, a percentage's projection stays within 0 and 100."""
    ind = Indicator(
        id="NI 45",
        unit="percent",
        polarity=polarity,
        actuals={FY(2008): Value("53.6%")},
        targets={FY(2009): Value("85%"), FY(2010): Value("90%"), FY(2011): Value("90%")},
    )
    plan = _with_indicator(WIGAN, ind)
    periods = [Q(2009, n) for n in range(1, 5)] + [Q(2010, n) for n in range(1, 5)]
    rows = tuple(Return("NI 45", p, Value(f"{v}%")) for p, v in zip(periods, values, strict=False))
    row = assess_plan(plan, Returns(rows)).row("NI 45")
    if row.projection.value is not None:
        assert 0.0 <= row.projection.value <= 100.0


class TestReported:
    """The document's own judgement in the common vocabularies."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Green", {Status.GREEN}),
            ("on target", {Status.GREEN}),
            ("Off target", {Status.AMBER, Status.RED}),
            ("NO PROGRESS", MonitoringCategory.NO_PROGRESS),
            ("not_yet_assessed", MonitoringCategory.NOT_YET_ASSESSED),
            ("On-course", MonitoringCategory.ON_COURSE),
        ],
    )
    def test_words(self, text, expected):
        """Each vocabulary is read, whatever the case and separators."""
        got = read_reported(text)
        assert expected == (set(got) if isinstance(got, frozenset) else got)

    def test_unknown_words(self):
        """Words outside the vocabulary are None, as is no text."""
        assert (None, None) == (read_reported("so-so"), read_reported(None))


# --------------------------------------------------------------------------------------------
# Outputs: frames, plots, command line
# --------------------------------------------------------------------------------------------


class TestOutputs:
    """The DataFrame, the chart and the command line."""

    def test_frame(self):
        """monitoring_frame has one row per assessed subject, missing figures missing."""
        pytest.importorskip("pandas")
        from ecm_plan.frames import MONITORING_COLUMNS, monitoring_frame  # noqa: PLC0415 (pandas is optional)

        result = assess_plan(WIGAN, _returns("NI 111,2009-10 Q1,310,\nNI 45,2009-10,70%,\n"))
        frame = monitoring_frame(result)
        assert list(MONITORING_COLUMNS) == list(frame.columns)
        assert len(result.rows) == len(frame)
        ni111 = frame[frame.subject == "NI 111"].iloc[0]
        assert ni111.projection is None or math.isnan(ni111.projection)

    def test_plot_gaps_and_bounds(self):
        """The chart breaks lines at gaps and keeps the y axis within the natural bounds."""
        pytest.importorskip("matplotlib")
        from ecm_plan.plots import plot_monitoring  # noqa: PLC0415 (matplotlib is optional)

        text = "NI 110,2010-11,70%,\nNI 62,2009-10 Q1,10%,\nNI 62,2009-10 Q3,9.6%,\n"
        result = assess_plan(WIGAN, _returns(text))
        ax = plot_monitoring(result.row("NI 110"))
        lines = {line.get_label(): line for line in ax.get_lines()}
        assert any(math.isnan(y) for y in lines["trajectory"].get_ydata())  # N/A 2009-10
        ax = plot_monitoring(result.row("NI 62"))
        lines = {line.get_label(): line for line in ax.get_lines()}
        assert any(math.isnan(y) for y in lines["actual"].get_ydata())  # no Q2 return
        assert 2 == sum(len(c.get_offsets()) for c in ax.collections)
        bottom, top = ax.get_ylim()
        assert 0.0 <= bottom
        assert top <= 100.0

    def test_cli_text(self, capsys):
        """ecm-plan monitor prints the rows and the roll-up; findings go to stderr."""
        path = "examples/wigan-2009-10-returns.csv"
        err = io.StringIO()
        code = main(["monitor", "wigan-2009-12", path, "--as-of", "2009-10 Q2"], err=err)
        out = capsys.readouterr().out
        assert 0 == code
        assert "Monitoring wigan-2009-12 to 2009-10 Q2" in out
        assert "Roll-up wigan-2009-12" in out
        assert "ECM701" in err.getvalue()

    def test_cli_json_and_csv(self, capsys):
        """JSON and CSV carry the same rows."""
        path = "examples/wigan-2009-10-returns.csv"
        quiet = io.StringIO()
        main(
            ["monitor", "wigan-2009-12", path, "--format", "json", "--rule", "havering"], err=quiet
        )
        data = json.loads(capsys.readouterr().out)
        main(["monitor", "wigan-2009-12", path, "--format", "csv", "--rule", "havering"], err=quiet)
        csv_text = capsys.readouterr().out
        assert "havering" == data["rule"]
        assert len(data["rows"]) == csv_text.split("\n\n")[0].count("\n")
        assert data["rows"][0]["plan"] == "wigan-2009-12"

    @pytest.mark.parametrize(
        ("args", "said"),
        [
            (["no-such.csv"], "no-such.csv"),
            (["examples/wigan-2009-10-returns.csv", "--rule", "nope"], "unknown rating rule"),
            (["examples/wigan-2009-10-returns.csv", "--as-of", "2009-13"], "'2009-13'"),
        ],
    )
    def test_cli_errors(self, capsys, args, said):
        """Errors go to stderr with exit code 1 and nothing on stdout."""
        err = io.StringIO()
        code = main(["monitor", "wigan-2009-12", *args], err=err)
        assert (1, "") == (code, capsys.readouterr().out)
        assert said in err.getvalue()

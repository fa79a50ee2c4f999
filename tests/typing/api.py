"""The public API used the way a council tool uses it; `mypy --strict tests/typing` checks it."""

from __future__ import annotations

from typing import assert_type

import networkx as nx
import numpy as np
import numpy.typing as npt

import ecm_plan
from ecm_plan.catalog import IndicatorCode, MeasureKind, measure_of, national_indicator, ni_of
from ecm_plan.coverage import RuleSet, all_rules, check, outcome_matrix
from ecm_plan.coverage.rules import Rule, rule
from ecm_plan.dependencies import Cycles, Impact, cycles, impact
from ecm_plan.dependencies.impact import Unallocated
from ecm_plan.exceptions import InvalidShareError, Problem, ReturnsError, UnknownElementError
from ecm_plan.findings import Finding
from ecm_plan.graph import KIND, NodeKind, PlanGraph
from ecm_plan.model import Plan, Value, ValueStatus
from ecm_plan.monitoring import (
    MonitoringResult,
    PortfolioResult,
    Returns,
    assess_plan,
    assess_portfolio,
    check_returns,
    loads_returns,
    quarterly_profile,
    with_plan_actuals,
)
from ecm_plan.periods import Period
from ecm_plan.tables import Table
from ecm_plan.trajectory import (
    Assessment,
    AssessmentArray,
    Criterion,
    PlannedSeries,
    PlanTrajectory,
    Projection,
    ProjectionArray,
    Status,
    Trajectory,
    assess,
    baseline_of,
    interpolate,
    plan_trajectory,
    planned_series,
    project,
    steps_between,
)


def provisional_targets(plan: Plan) -> list[tuple[str, str]]:
    """Every provisional target value, with its indicator."""
    found: list[tuple[str, str]] = []
    for indicator in plan.indicators:
        for period, value in indicator.targets.items():
            if value.status is ValueStatus.PROVISIONAL:
                found.append((indicator.id, period.label))
    return found


def outcomes_reached(graph: PlanGraph, node: str) -> set[str]:
    """The outcomes an element contributes to."""
    return {n for n in nx.descendants(graph, node) if graph.nodes[n][KIND] is NodeKind.OUTCOME}


def money_at_risk(plan: Plan, stream: str, share: float) -> tuple[float, float]:
    """The allocated and the unallocated money at stake if a share of a stream is cut."""
    try:
        lost: Impact = impact(plan, stream, share=share)
    except (UnknownElementError, InvalidShareError):
        return 0.0, 0.0
    gaps: tuple[Unallocated, ...] = lost.unallocated
    return lost.at_stake_gbp, sum(gap.at_stake_gbp for gap in gaps)


def latest_actuals(plan: Plan, returns: Returns) -> dict[str, tuple[Period, Value]]:
    """The latest value of each indicator, from the returns and the plan's own actuals."""
    both = with_plan_actuals(returns, plan)
    latest: dict[str, tuple[Period, Value]] = {}
    for indicator in plan.indicators:
        series = both.series(plan.id, indicator.id)
        if series:
            latest[indicator.id] = series[-1]
    return latest


def main() -> None:
    """Load, check, analyse."""
    plan: Plan = ecm_plan.load_bundled("sample")
    graph: PlanGraph = ecm_plan.build_graph(plan)
    reached: set[str] = outcomes_reached(graph, "P1.O1.A1")
    value: Value = plan.indicators[0].targets[ecm_plan.parse_period("2009-10")]
    magnitude: float | None = value.magnitude
    title: str | None = national_indicator("NI 112").title
    pairs = provisional_targets(plan)
    findings: tuple[Finding, ...] = check(plan, RuleSet().disable("ECM502"), graph=graph)
    columns: int = len(outcome_matrix(plan, graph=graph).columns)
    slip: Rule = rule("indicator-title-mismatch")
    stands_for: IndicatorCode | None = ni_of(plan.indicators[0])
    at_stake: tuple[float, float] = money_at_risk(plan, "Area Based Grant", 0.5)
    knots: Cycles = cycles(graph)
    try:
        ecm_plan.loads_plan("id: x", "yaml")
    except ecm_plan.PlanFileError as err:
        paths: list[str] = [p.path for p in err.problems]
        del paths
    del reached, magnitude, title, pairs, findings, columns, slip, stands_for, at_stake, knots


def trajectories(plan: Plan) -> None:
    """Scalar inputs give scalar results, arrays give arrays: the overloads say which."""
    assert_type(interpolate(0.58, -50, 3, ndigits=0), list[float])
    many = np.array([[296.0, 283.0], [10.0, 12.0]])
    assert_type(interpolate(many[:, 0], many[:, 1], 3), npt.NDArray[np.float64])
    assert_type(assess([285.0], [283.0, 270.0], baseline=296.0), Assessment)
    assert_type(assess(many, [283.0, 270.0], polarity="lower_is_better"), AssessmentArray)
    assert_type(project([283.0, 275.0], horizon=3), Projection)
    assert_type(project(many, horizon=3), ProjectionArray)
    lac = Trajectory.between(296.0, 257.0, 3)
    assert_type(lac.assess([285.0], polarity="lower_is_better"), Assessment)
    for indicator in plan.indicators:
        series: PlannedSeries = planned_series(indicator)
        start = baseline_of(indicator)
        if start is not None and series.has_figures:
            assert_type(start.value, float)
    assert_type(all_rules(), tuple[Rule, ...])
    assert_type(outcome_matrix(plan).to_tables(aims=False), tuple[Table, ...])
    assert_type(cycles(plan).to_tables(), tuple[Table, ...])


def monitoring(plan: Plan) -> None:
    """Returns read, checked against the plan and merged with its own actuals."""
    returns: Returns = loads_returns("indicator,period,value\nNI 112,2009-10,-20%\n", "csv")
    problems: tuple[Problem, ...] = check_returns(returns, plan)
    measure: MeasureKind = measure_of(plan.indicators[0])
    bounds: tuple[float | None, float | None] = measure.bounds_for("percent")
    try:
        loads_returns("", "csv")
    except ReturnsError as err:
        del err
    latest = latest_actuals(plan, returns)
    del problems, bounds, latest


def assessing(plan: Plan, returns: Returns) -> None:
    """A quarter's monitoring the way a council tool runs it."""
    result: MonitoringResult = assess_plan(plan, returns, as_of="2009-10 Q2", rule="havering")
    for row in result.rows:
        assert_type(row.status, Status)
        assert_type(row.projection.value, float | None)
        trajectory: PlanTrajectory = row.trajectory
        assert_type(trajectory.steps, tuple[int, ...])
    assert_type(steps_between(Period.financial_year(2008), Period.financial_year(2011)), int)
    assert_type(quarterly_profile(1412.0, aggregation="count").values, tuple[float, ...])
    assert_type(plan_trajectory(plan.indicators[0], plan=plan).criteria, tuple[Criterion, ...])
    portfolio: PortfolioResult = assess_portfolio([plan], returns)
    assert_type(portfolio.total.red, int)


if __name__ == "__main__":
    main()

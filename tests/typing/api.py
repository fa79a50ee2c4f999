"""The public API used the way a council tool uses it; `mypy --strict tests/typing` checks it."""

from __future__ import annotations

import networkx as nx

import ecm_plan
from ecm_plan.catalog import national_indicator
from ecm_plan.dependencies import Cycles, Impact, cycles, impact
from ecm_plan.dependencies.impact import Unallocated
from ecm_plan.exceptions import InvalidShareError, UnknownElementError
from ecm_plan.graph import KIND, NodeKind, PlanGraph
from ecm_plan.model import Plan, Value, ValueStatus


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


def main() -> None:
    """Load, check, analyse."""
    plan: Plan = ecm_plan.load_bundled("sample")
    graph: PlanGraph = ecm_plan.build_graph(plan)
    reached: set[str] = outcomes_reached(graph, "P1.O1.A1")
    value: Value = plan.indicators[0].targets[ecm_plan.parse_period("2009-10")]
    magnitude: float | None = value.magnitude
    title: str | None = national_indicator("NI 112").title
    pairs = provisional_targets(plan)
    at_stake: tuple[float, float] = money_at_risk(plan, "Area Based Grant", 0.5)
    knots: Cycles = cycles(graph)
    try:
        ecm_plan.loads_plan("id: x", "yaml")
    except ecm_plan.PlanFileError as err:
        paths: list[str] = [p.path for p in err.problems]
        del paths
    del reached, magnitude, title, pairs, at_stake, knots


if __name__ == "__main__":
    main()

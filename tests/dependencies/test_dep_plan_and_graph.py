"""Every dependency analysis gives the same answer from a plan and from its graph."""

from __future__ import annotations

import pytest

from ecm_plan import build_graph, bundled_plans, load_bundled
from ecm_plan.dependencies import (
    concentration,
    critical_path,
    cycles,
    deadline_conflicts,
    dependency_findings,
    dependency_tables,
    impact,
    order_of_work,
    references,
    shared,
)
from ecm_plan.exceptions import CycleError
from ecm_plan.model import Plan

BUNDLED = tuple(name for name in bundled_plans() if name != "sample")


def answer(analysis, plan_or_graph, *args):
    """The result of an analysis, or the error it raised (as type and cycle)."""
    try:
        return analysis(plan_or_graph, *args)
    except CycleError as err:
        return (CycleError, err.cycle)


def elements(plan: Plan) -> list[str]:
    """A few elements to lose: each stream, the first lead, and the first objective and action."""
    found = [s.id for s in plan.funding_streams]
    found += [lead.id for lead in plan.leads[:1]]
    found += [o.id for p in plan.priorities for o in p.objectives][:1]
    found += [a.id for _, _, a in plan.iter_actions()][:1]
    return found


@pytest.mark.parametrize("name", BUNDLED)
class TestPlanAndGraphAgree:
    @pytest.mark.parametrize(
        "analysis",
        [
            references,
            cycles,
            order_of_work,
            deadline_conflicts,
            critical_path,
            shared,
            concentration,
            dependency_findings,
            dependency_tables,
        ],
    )
    def test_analysis(self, name, analysis):
        """The analysis of the plan equals the analysis of build_graph(plan)."""
        plan = load_bundled(name)
        assert answer(analysis, plan) == answer(analysis, build_graph(plan))

    def test_references_found_in_the_text_are_in_the_graph(self, name):
        """The graph keeps as many references as the plan's text gives, none dropped."""
        plan = load_bundled(name)
        from_plan = references(plan)
        assert len(from_plan) == len(references(build_graph(plan)))

    def test_impact(self, name):
        """Losing an element has the same impact computed from the plan or its graph."""
        plan = load_bundled(name)
        graph = build_graph(plan)
        for element in elements(plan):
            assert impact(plan, element) == impact(graph, element)


@pytest.mark.parametrize(
    ("name", "minimum"),
    [("southend-2008-09", 16), ("stockton-2008-11", 23), ("wigan-2009-12", 4)],
)
def test_graph_holds_the_textual_references(name, minimum):
    """The references the text gives are edges of the graph, not only of the plan."""
    graph = build_graph(load_bundled(name))
    edges = [d for *_, d in graph.edges(data=True) if d["relation"] == "referenced_by"]
    resolved = [r for r in references(graph) if r.kind == "textual" and r.resolved]
    assert len(resolved) == len(edges)
    assert minimum <= len(references(graph))

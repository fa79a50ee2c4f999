"""The plan graph: kinds, relations, direction, and invariants."""

from __future__ import annotations

import attrs
import networkx as nx
import pytest
from hypothesis import given

from ecm_plan import NodeKind, Relation, build_graph, build_portfolio_graph, load_bundled
from ecm_plan._references import find_references
from ecm_plan.exceptions import DuplicatePlanIdError
from ecm_plan.graph import (
    ENTITY,
    KIND,
    RELATION,
    aim_node,
    contribution_view,
    nis_node,
    outcome_node,
    plan_node,
)
from ecm_plan.model import Plan
from ecm_plan.testing import plans


def relations(graph, source, target):
    data = graph.get_edge_data(source, target, default={})
    return sorted(d[RELATION].value for d in data.values())


class TestBuildGraph:
    def test_every_node_has_kind_and_every_edge_a_relation(self):
        """Every node has a kind and every edge a relation."""
        graph = build_graph(load_bundled("sample"))
        assert all(isinstance(d[KIND], NodeKind) for _, d in graph.nodes(data=True))
        assert all(isinstance(d[RELATION], Relation) for _, _, d in graph.edges(data=True))

    def test_direction_contributor_to_served(self):
        """Edges point from contributor to served: funding -> action -> objective -> priority."""
        graph = build_graph(load_bundled("sample"))
        assert ["funds"] == relations(graph, "ABG", "P1.O1.A1")
        assert ["part_of"] == relations(graph, "P1.O1.A1", "P1.O1")
        assert ["part_of"] == relations(graph, "P1.O1", "P1")
        assert ["serves"] == relations(graph, "P1", aim_node("be_healthy.3"))
        assert ["part_of"] == relations(graph, aim_node("be_healthy.3"), outcome_node("be_healthy"))
        assert ["contributes_to"] == relations(graph, "P1.O1.A1", "P1.O1.A1.T1")
        assert ["targets"] == relations(graph, "P1.O1.A1.T1", "NI 112")
        assert ["leads"] == relations(graph, "HoHealth", "P1.O1.A1")
        assert ["supports"] == relations(graph, "P3", "P1")
        assert ["enables"] == relations(graph, "P1.O1.A1", "P1.O1.A2")
        assert ["referenced_by"] == relations(graph, "P1.O1", "P2.O1.A1")
        assert ["includes"] == relations(graph, "ABG", "ABG(CF)")
        assert ["part_of"] == relations(graph, "P1", plan_node("sample"))

    def test_what_it_affects_is_descendants(self):
        """Losing the ABG affects both priorities it funds, through ABG(CF) too."""
        graph = build_graph(load_bundled("sample"))
        affected = nx.descendants(contribution_view(graph), "ABG")
        assert {"P1", "P2", outcome_node("stay_safe")} <= affected

    def test_inferred_link_is_marked(self):
        """A link the document leaves unstated is marked inferred on its edge."""
        graph = build_graph(load_bundled("sample"))
        data = next(iter(graph.get_edge_data("P2", outcome_node("enjoy_and_achieve")).values()))
        assert data["inferred"] is True

    def test_node_holds_entity(self):
        """Node data holds the element itself."""
        plan = load_bundled("sample")
        assert plan.element("P2.O1") is build_graph(plan).nodes["P2.O1"][ENTITY]

    def test_empty_plan(self):
        """A plan with no priorities still has its plan node, outcomes and aims."""
        plan = Plan(id="empty", authority="A", title="T", period=load_bundled("sample").period)
        assert 1 + 5 + 25 == build_graph(plan).number_of_nodes()

    def test_milestones(self):
        """Milestones are nodes of their own, part of their action."""
        graph = build_graph(load_bundled("sample"))
        assert "2009-10 Q3" == graph.nodes["P1.O1.A1#M3"]["label"]
        assert ["part_of"] == relations(graph, "P1.O1.A1#M3", "P1.O1.A1")


class TestGraphInvariants:
    """Invariants of the graph of any plan.

    The invariants share one test, each checked by its own function with its own message,
    because drawing a plan costs more than checking all of them; each still sees every plan
    the profile draws (``HYPOTHESIS_PROFILE``).
    """

    @given(plans())
    def test_invariants(self, plan):
        """Every invariant below holds for the graph of any plan."""
        graph = build_graph(plan)
        _node_count_matches_plan(plan, graph)
        _references_point_from_prerequisite_to_dependent(plan, graph)
        _contribution_view_is_acyclic(graph)
        _linked_priorities_actions_reach_outcomes(plan, graph)
        _graph_is_derived_not_shared(plan)


def _node_count_matches_plan(plan, graph):
    """One node per element with an id (sections aside), milestone, outcome, aim and plan."""
    elements = sum(1 for _, e in plan.iter_elements() if type(e).__name__ != "Section")
    milestones = sum(len(a.milestones) for _, _, a in plan.iter_actions()) + sum(
        len(o.milestones) for p in plan.priorities for o in p.objectives
    )
    externals = {r.external for r in find_references(plan) if r.external is not None}
    expected = 1 + 5 + 25 + elements + milestones + len(externals)
    assert expected == graph.number_of_nodes(), "one node per element, milestone, outcome, aim"


def _references_point_from_prerequisite_to_dependent(plan, graph):
    """Each resolved textual reference is one referenced_by edge, from what is needed to
    the element whose text names it, like enables edges; unresolved ones are no edge."""
    edges = sorted(
        (u, v, d["field"], d["span"])
        for u, v, d in graph.edges(data=True)
        if d[RELATION] is Relation.REFERENCED_BY
    )
    expected = sorted(
        (r.node, r.source, r.field, r.span)
        for r in find_references(plan)
        if r.kind == "textual" and r.resolved
    )
    assert expected == edges, "referenced_by edges are the resolved textual references"


def _contribution_view_is_acyclic(graph):
    """Without enables and supports edges, the graph is a DAG."""
    assert nx.is_directed_acyclic_graph(contribution_view(graph)), "contribution view has a cycle"


def _linked_priorities_actions_reach_outcomes(plan, graph):
    """Every action of a priority linked to an outcome reaches that outcome."""
    view = contribution_view(graph)
    for priority, _, action in plan.iter_actions():
        reach = nx.descendants(view, action.id)
        for link in priority.outcomes:
            assert outcome_node(link.outcome) in reach, (
                f"{action.id} does not reach {link.outcome}, linked to {priority.id}"
            )


def _graph_is_derived_not_shared(plan):
    """Building twice gives equal but separate graphs; the plan is unchanged."""
    first, second = build_graph(plan), build_graph(plan)
    assert nx.utils.graphs_equal(first, second), "two builds of one plan differ"
    first.clear()
    assert second.number_of_nodes() > 0, "two builds share one graph"


class TestBuildPortfolioGraph:
    def test_prefixes_and_shared_nodes(self):
        """Elements are prefixed by plan; outcomes and National Indicators are shared."""
        sample = load_bundled("sample")
        ni112 = attrs.evolve(sample.indicators[0], responsible=())
        other = Plan(id="other", authority="B", title="T", period=sample.period, indicators=[ni112])
        graph = build_portfolio_graph([sample, other])
        assert "sample:P1" in graph
        assert "other:NI 112" in graph
        assert ["other:NI 112", "sample:NI 112"] == sorted(graph.predecessors(nis_node("NI 112")))
        assert 1 == sum(1 for n in graph if n == outcome_node("be_healthy"))

    def test_slip_resolves_to_catalogue_code(self):
        """An indicator cited with a slip joins the National Indicator it should be."""
        graph = build_portfolio_graph([load_bundled("sample")])
        assert ["sample:NI 157"] == sorted(graph.predecessors(nis_node("NI 57")))

    def test_only_indicators_that_stand_for_one(self):
        """Indicators join a National Indicator node as ni_of decides: not a BVPI with an
        NI-like code, not a dropped code, and a part joins its indicator."""
        sample = load_bundled("sample")
        extra = [
            attrs.evolve(sample.indicators[0], id="NI 102a", responsible=()),
            attrs.evolve(sample.indicators[0], id="NI 31", responsible=()),
            attrs.evolve(sample.indicators[0], id="NI 79", scheme="bvpi", responsible=()),
        ]
        other = Plan(id="other", authority="B", title="T", period=sample.period, indicators=extra)
        graph = build_portfolio_graph([other])
        assert ["other:NI 102a"] == sorted(graph.predecessors(nis_node("NI 102")))
        assert nis_node("NI 31") not in graph
        assert nis_node("NI 79") not in graph

    def test_duplicate_plan_ids(self):
        """Two plans with one id cannot share a portfolio."""
        sample = load_bundled("sample")
        with pytest.raises(DuplicatePlanIdError, match="distinct ids; repeated: sample") as info:
            build_portfolio_graph([sample, sample])
        assert isinstance(info.value, ValueError)
        assert ("sample",) == info.value.duplicates

    def test_references_are_prefixed(self):
        """In a portfolio, references join the prefixed elements of their own plan."""
        graph = build_portfolio_graph([load_bundled("sample")])
        assert ["referenced_by"] == relations(graph, "sample:P1.O1", "sample:P2.O1.A1")
        assert ("sample:P2.O1.A1", "sample:P1.O1") in {
            (r.source, r.target) for r in graph.graph["references"]
        }


class TestReferencesRemembered:
    """A plan's text is read for references once while the plan lives."""

    def test_same_result_each_time(self):
        """The second call gives the very tuple the first computed, equal to a fresh reading."""
        from ecm_plan import _references  # noqa: PLC0415 (the private reading, compared)

        plan = load_bundled("sample")
        found = find_references(plan)
        assert find_references(plan) is found
        assert found == _references._find_references(plan)

    def test_forgotten_with_the_plan(self):
        """The references of a freed plan are dropped, and an equal new plan reads its own."""
        import gc  # noqa: PLC0415 (only this test collects)

        from ecm_plan import _references  # noqa: PLC0415 (the private cache, inspected)

        plan = attrs.evolve(load_bundled("sample"), id="fresh")
        find_references(plan)
        key = id(plan)
        assert key in _references._FOUND
        del plan
        gc.collect()
        assert key not in _references._FOUND

    def test_portfolio_graph_unchanged(self):
        """A portfolio graph built after each plan's graph equals one built from fresh plans."""
        from ecm_plan import _references  # noqa: PLC0415 (the private cache, inspected)

        names = ["sample", "southend-2008-09"]
        first = [load_bundled(n) for n in names]
        for plan in first:
            build_graph(plan)
        warm = build_portfolio_graph(first)
        fresh = [attrs.evolve(p, title=p.title) for p in first]
        assert not any(id(p) in _references._FOUND for p in fresh)
        cold = build_portfolio_graph(fresh)
        assert list(warm.nodes(data=True)) == list(cold.nodes(data=True))
        assert list(warm.edges(keys=True, data=True)) == list(cold.edges(keys=True, data=True))
        assert warm.graph == cold.graph


def test_collector_restored():
    """Building pauses the cyclic collector and turns it back on, after an error too."""
    import gc  # noqa: PLC0415 (only this test looks at the collector)

    plan = load_bundled("sample")
    seen = []
    real = gc.disable

    def spy() -> None:
        seen.append(True)
        real()

    gc.disable = spy
    try:
        build_graph(plan)
        with pytest.raises(DuplicatePlanIdError):
            build_portfolio_graph([plan] * 2)
    finally:
        gc.disable = real
    assert [True, True] == seen
    assert gc.isenabled()

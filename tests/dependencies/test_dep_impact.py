"""Tests of impact, on small hand-made plans and graphs."""

from __future__ import annotations

import networkx as nx
import pytest
from dep_plans import chain, funded_plan
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan.dependencies import (
    UnknownElementError,
    dependency_graph,
    external_node,
    impact,
)
from ecm_plan.graph import NodeKind, Relation
from ecm_plan.model import (
    Action,
)


class TestImpact:
    def test_funding_per_priority(self):
        """Losing a stream puts its money at stake per priority, its parts' money included."""
        lost = impact(funded_plan(), "ABG")
        expected = [("P1", 175000.0, 2, 1), ("P2", 140000.0, 1, 0)]
        assert expected == [
            (f.priority.id, f.gbp, len(f.allocations), len(f.unquantified)) for f in lost.funding
        ]
        assert 315000.0 == lost.total_gbp

    def test_what_a_stream_reaches(self):
        """A stream reaches what it funds, their dependents, targets, indicators and outcomes."""
        lost = impact(funded_plan(), "ABG")
        assert {"P1", "P2"} == lost.ids("priority")
        assert {"P1.O1.A1", "P1.O1.A2", "P2.A1"} == lost.ids(NodeKind.ACTION)
        assert {"NI 112"} == lost.ids("indicator")
        assert {"outcome:be_healthy", "outcome:stay_safe"} == lost.ids("outcome")

    def test_paths_follow_edges(self):
        """Every path runs from the lost element to the affected one along graph edges."""
        plan = funded_plan()
        graph = dependency_graph(plan)
        lost = impact(graph, "ABG")
        for affected in lost.affected:
            assert ("ABG", affected.element.id) == (affected.path[0], affected.path[-1])
            assert all(
                graph.has_edge(u, v) for u, v in zip(affected.path, affected.path[1:], strict=False)
            )

    def test_losing_an_action_reaches_its_dependents(self):
        """An action's dependents are at risk when it is lost."""
        lost = impact(funded_plan(), "P1.O1.A1")
        assert ("P1.O1.A1", "P1.O1.A2") == lost.path_to("P1.O1.A2")
        assert () == lost.funding

    def test_losing_a_lead(self):
        """A lead puts at risk what it leads, and what that serves."""
        lost = impact(funded_plan(), "Nurse")
        assert ({"P1.O1.A1", "P1.O1.A2"}, {"P1"}) == (lost.ids("action"), lost.ids("priority"))

    def test_losing_an_outside_document(self):
        """An outside document puts at risk the elements tied to it."""
        plan = chain(Action(id="A1", text="Delivery of Youth Justice Plan."))
        assert {"A1", "P1"} == impact(plan, external_node("Youth Justice Plan")).ids(
            "action", "priority"
        )

    def test_unfunded_stream(self):
        """A stream that funds nothing puts nothing at stake."""
        lost = impact(funded_plan(), "PCT")
        assert ((), 0, ("(none)",)) == (lost.funding, len(lost), lost.funding_table().notes)

    def test_unknown_element(self):
        """An id that is no node is an UnknownElementError, a KeyError, with suggestions."""
        with pytest.raises(UnknownElementError) as caught:
            impact(funded_plan(), "P1.O1.A9")
        assert isinstance(caught.value, KeyError)
        assert "P1.O1.A1" in caught.value.suggestions

    @given(
        st.lists(
            st.tuples(st.integers(0, 9), st.integers(0, 9), st.sampled_from(list(Relation))),
            max_size=40,
        ),
        st.integers(0, 9),
    )
    def test_affected_are_the_descendants(self, edges, source):
        """What a loss puts at risk is exactly what lies downstream in the graph."""
        kinds = list(NodeKind)
        graph = nx.MultiDiGraph()
        for i in range(10):
            graph.add_node(f"N{i}", kind=kinds[i % len(kinds)])
        for u, v, relation in edges:
            graph.add_edge(f"N{u}", f"N{v}", relation=relation)
        lost = impact(graph, f"N{source}")
        assert nx.descendants(graph, f"N{source}") == lost.ids()
        assert all(a.path[0] == f"N{source}" for a in lost.affected)

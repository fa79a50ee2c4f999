"""Tests of the dependency graph, on small hand-made plans and graphs."""

from __future__ import annotations

import networkx as nx
from dep_plans import chain

from ecm_plan import build_graph, load_bundled
from ecm_plan.dependencies import (
    concentration,
    critical_path,
    cycles,
    deadline_conflicts,
    dependency_findings,
    dependency_graph,
    dependency_tables,
    external_node,
    impact,
    order_of_work,
    references,
    shared,
)
from ecm_plan.graph import KIND, RELATION, NodeKind, Relation
from ecm_plan.model import (
    Action,
)


class TestDependencyGraph:
    def test_is_build_graph(self):
        """dependency_graph gives the same graph as build_graph."""
        plan = load_bundled("sample")
        assert nx.utils.graphs_equal(build_graph(plan), dependency_graph(plan))

    def test_textual_edge_attributes(self):
        """A textual reference becomes a referenced_by edge carrying its rule, text and span."""
        graph = build_graph(load_bundled("sample"))
        ((_, _, data),) = [
            e
            for e in graph.in_edges("P2.O1.A1", data=True)
            if e[2][RELATION] == Relation.REFERENCED_BY
        ]
        expected = (False, "objective_number", "please refer to objective 1.1", (34, 63), 0.95)
        actual = (data["explicit"], data["rule"], data["text"], data["span"], data["confidence"])
        assert expected == actual

    def test_external_node(self):
        """An outside document is a node of kind external, with an edge to the dependent."""
        plan = chain(Action(id="A1", text="Delivery of Youth Justice Plan."))
        graph = dependency_graph(plan)
        node = external_node("Youth Justice Plan")
        assert (NodeKind.EXTERNAL, ["A1"]) == (
            graph.nodes[node][KIND],
            list(graph.successors(node)),
        )

    def test_graph_input_is_not_changed(self):
        """No analysis changes the graph it is given."""
        plan = load_bundled("sample")
        graph = dependency_graph(plan)
        before = (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))
        before_graph = dict(graph.graph)
        for analysis in (
            references,
            cycles,
            order_of_work,
            deadline_conflicts,
            critical_path,
            shared,
            concentration,
            dependency_findings,
            dependency_tables,
        ):
            analysis(graph)
        impact(graph, "ABG")
        after = (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))
        assert (before, before_graph) == (after, dict(graph.graph))

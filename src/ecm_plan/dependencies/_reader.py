"""Reading a plan graph for the analyses: kinds, labels, dues, containers (private)."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

import networkx as nx

from ecm_plan.dependencies.build import _EXTERNAL, NodeRef
from ecm_plan.exceptions import ArgumentError
from ecm_plan.graph import (
    ENTITY,
    KIND,
    LABEL,
    PLAN,
    RELATION,
    NodeKind,
    PlanGraph,
    Relation,
    build_graph,
    plan_node,
)
from ecm_plan.model import Due, Plan


def _as_graph(plan_or_graph: object) -> PlanGraph:
    """The graph to analyse: a plan's :func:`build_graph`, or the graph given.

    Like networkx's ``not_implemented_for``, it refuses what the analyses cannot handle: an
    undirected graph, or anything that is neither a plan nor a graph.
    """
    if isinstance(plan_or_graph, Plan):
        return build_graph(plan_or_graph)
    if isinstance(plan_or_graph, nx.DiGraph):
        return cast("PlanGraph", plan_or_graph)
    if isinstance(plan_or_graph, nx.Graph):
        raise ArgumentError.for_value(
            "plan", "a Plan or a directed graph (a plan graph from build_graph)", plan_or_graph
        )
    raise ArgumentError.for_value(
        "plan", "a Plan or its graph (from build_graph or build_portfolio_graph)", plan_or_graph
    )


_DIGITS = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=1 << 16)
def _natural(node: str) -> tuple[Any, ...]:
    # The texts between the numbers (":P", ".O", ".A") recur in every id: kept once each.
    parts = _DIGITS.split(node)
    return tuple(int(p) if i % 2 else sys.intern(p) for i, p in enumerate(parts))


_KIND_ORDER = {
    kind: i
    for i, kind in enumerate(
        (
            NodeKind.PRIORITY,
            NodeKind.OBJECTIVE,
            NodeKind.ACTION,
            NodeKind.TARGET,
            NodeKind.INDICATOR,
            NodeKind.NATIONAL_INDICATOR,
            NodeKind.OUTCOME,
            NodeKind.AIM,
            NodeKind.FUNDING_STREAM,
            NodeKind.EXTERNAL,
            NodeKind.MILESTONE,
            NodeKind.LEAD,
            NodeKind.PLAN,
        )
    )
}


_DEPENDENCY = frozenset({Relation.ENABLES, Relation.REFERENCED_BY})


class _Reader:
    """Node lookups shared by the analyses: kinds, labels, dues, containers (memoised)."""

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = graph
        self._multi = graph.is_multigraph()
        self._plans: dict[str, Plan | None] = {}
        self._paths: dict[str, dict[str, str]] = {}
        self._kinds: dict[str, NodeKind | None] = {}
        self._refs: dict[str, NodeRef] = {}
        self._containers: dict[tuple[str, NodeKind], str | None] = {}

    def kind(self, node: str) -> NodeKind | None:
        if node not in self._kinds:
            kind = self.graph.nodes[node].get(KIND)
            try:
                self._kinds[node] = NodeKind(kind) if kind is not None else None
            except ValueError:
                self._kinds[node] = None
        return self._kinds[node]

    def _plan(self, plan_id: str) -> Plan | None:
        if plan_id not in self._plans:
            data = self.graph.nodes.get(plan_node(plan_id), {})
            entity = data.get(ENTITY) if isinstance(data, Mapping) else None
            self._plans[plan_id] = entity if isinstance(entity, Plan) else None
        return self._plans[plan_id]

    def _paths_of(self, plan_id: str) -> dict[str, str]:
        """The key path of each element of a plan, by id (a node without one has none)."""
        if plan_id not in self._paths:
            plan = self._plan(plan_id)
            elements = plan.iter_elements() if plan is not None else ()
            self._paths[plan_id] = {element.id: path for path, element in elements}
        return self._paths[plan_id]

    def ref(self, node: str) -> NodeRef:
        if node in self._refs:
            return self._refs[node]
        data = self.graph.nodes[node]
        label = data.get(LABEL)
        plan_id = data.get(PLAN)
        path = ""
        if isinstance(plan_id, str):
            element = node.removeprefix(f"{plan_id}:")
            if not element.startswith(_EXTERNAL):
                path = self._paths_of(plan_id).get(element, "")
        ref = NodeRef(
            node,
            self.kind(node),
            label if isinstance(label, str) else node,
            plan_id if isinstance(plan_id, str) else "",
            path,
        )
        self._refs[node] = ref
        return ref

    def due(self, node: str) -> Due | None:
        due = getattr(self.graph.nodes[node].get(ENTITY), "due", None)
        return due if isinstance(due, Due) else None

    def out_edges(self, node: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The out-edges of a node as (target, data), for simple and multigraphs alike."""
        for target, edges in self.graph.succ[node].items():
            if self._multi:
                for data in edges.values():
                    yield target, data
            else:
                yield target, edges

    def in_edges(self, node: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The in-edges of a node as (source, data), for simple and multigraphs alike."""
        for source, edges in self.graph.pred[node].items():
            if self._multi:
                for data in edges.values():
                    yield source, data
            else:
                yield source, edges

    def parent(self, node: str) -> str | None:
        for parent, data in self.out_edges(node):
            if data.get(RELATION) == Relation.PART_OF:
                return parent
        return None

    def container(self, node: str, kind: NodeKind) -> str | None:
        """The nearest node of ``kind`` at or above ``node`` along ``part_of`` edges."""
        key = (node, kind)
        if key not in self._containers:
            here = self.kind(node)
            if here is kind:
                found: str | None = node
            elif here is NodeKind.PRIORITY or here is NodeKind.PLAN:
                found = None
            else:
                self._containers[key] = None  # a part_of cycle ends here
                parent = self.parent(node)
                found = None if parent is None else self.container(parent, kind)
            self._containers[key] = found
        return self._containers[key]

    def enables(self) -> nx.DiGraph[str]:
        """The dependencies (``enables`` and ``referenced_by`` edges) as a simple digraph.

        An edge's ``explicit`` is true when any of the parallel edges it stands for is.
        """
        digraph: nx.DiGraph[str] = nx.DiGraph()
        for u, v, data in self.edges():
            if data.get(RELATION) not in _DEPENDENCY:
                continue
            explicit = bool(data.get("explicit"))
            if digraph.has_edge(u, v):
                digraph[u][v]["explicit"] = digraph[u][v]["explicit"] or explicit
            else:
                digraph.add_edge(u, v, explicit=explicit)
        return digraph

    def edges(self) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
        """Every edge with its data."""
        return iter(self.graph.edges(data=True))


def _sorted(nodes: Iterable[str]) -> list[str]:
    return sorted(nodes, key=_natural)


def _none_note(rows: Sequence[object]) -> tuple[str, ...]:
    return () if rows else ("(none)",)

"""Dependency and impact analysis: what needs what, in which order, and what a loss puts at risk.

Every function takes a plan or its graph. A plan is turned into its graph with
:func:`dependency_graph`: :func:`~ecm_plan.graph.build_graph` plus the references found in the
text (:data:`REFERENCE_RULES`). A graph passed in is used as it is and never changed, so pass
:func:`dependency_graph` output (or any graph of :func:`~ecm_plan.graph.build_graph` or
:func:`~ecm_plan.graph.build_portfolio_graph`) to analyse it several times without rebuilding it.

Dependencies are ``enables`` edges from prerequisite to dependent, as everywhere in the graph:
edges point from what contributes to what it serves, so "what does this affect?" is a question
about descendants.

==========================  =====================================================================
function                    answers
==========================  =====================================================================
:func:`references`          which element needs which, from ``depends_on`` and from the text
:func:`cycles`              which dependencies go round in a circle
:func:`order_of_work`       in which steps the work can be done (topological generations)
:func:`deadline_conflicts`  which dependents fall due before what they need
:func:`critical_path`       the chain of dated dependencies that spans the longest time
:func:`impact`              what losing a funding stream, lead, action or objective puts at risk
:func:`shared`              indicators and funding streams shared across priorities
:func:`concentration`       actions per lead, and leads whose loss cuts priorities off
==========================  =====================================================================

Each analysis costs time linear (or ``n log n``, for sorting) in the size of the graph; none
compares every pair of elements. Results are frozen values with ``to_table()``; those that judge
the plan also give :class:`~ecm_plan.findings.Finding` values (:func:`dependency_findings`
collects them all).

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.report import render
    >>> plan = load_bundled("sample")
    >>> [(r.source, r.node, r.rule) for r in references(plan)]
    [('P1.O1.A2', 'P1.O1.A1', 'depends_on'), ('P2.O1.A1', 'P1.O1', 'objective_number')]
    >>> print(render(deadline_conflicts(plan).to_table()))
    Deadline conflicts
    ==================
    Dependent | Due         | Needs    | Due        | Conflict
    ----------+-------------+----------+------------+---------
    P1.O1.A2  | Summer 2009 | P1.O1.A1 | March 2010 | certain

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

import attrs
import networkx as nx

from ecm_plan import _references
from ecm_plan._references import Reference, ReferenceKind, ReferenceRule, find_references
from ecm_plan.exceptions import AnalysisError, PlanError
from ecm_plan.findings import Finding, Severity
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
from ecm_plan.model import Allocation, Due, Plan
from ecm_plan.report import Table

for _cls in (Reference, ReferenceKind, ReferenceRule):
    _cls.__module__ = __name__

__all__ = [
    "REFERENCE_RULES",
    "Affected",
    "Certainty",
    "Concentration",
    "ConflictReport",
    "CriticalPath",
    "Cycle",
    "CycleError",
    "CycleReport",
    "DeadlineConflict",
    "FundingAtStake",
    "Impact",
    "LeadLoad",
    "NodeRef",
    "OrderOfWork",
    "PathStep",
    "Reference",
    "ReferenceKind",
    "ReferenceReport",
    "ReferenceRule",
    "SharedElement",
    "Sharing",
    "UnknownElementError",
    "concentration",
    "critical_path",
    "cycles",
    "deadline_conflicts",
    "dependency_findings",
    "dependency_graph",
    "dependency_tables",
    "external_node",
    "impact",
    "order_of_work",
    "references",
    "shared",
]

REFERENCE_RULES: tuple[ReferenceRule, ...] = _references.REFERENCE_RULES
"""The rules that find references in a plan's text, in the order their detectors run.

Each :class:`ReferenceRule` names what the text says, what the reference resolves to and the
confidence it gets; the explanation page on dependencies lists them as a table.
"""

_EXTERNAL = "external:"

# -- errors ---------------------------------------------------------------------------------


class CycleError(AnalysisError):
    """The dependencies go round in a circle, so no order of work exists.

    Like networkx's ``NetworkXUnfeasible``, raised by analyses that need an acyclic set of
    dependencies (:func:`order_of_work`, :func:`critical_path`). :func:`cycles` lists every
    cycle without raising.

    Attributes:
        cycle: The elements on one cycle, in order (each needs the one before it; the first
            needs the last).

    Example:
        >>> err = CycleError(("A1", "A2"))
        >>> print(err)
        the dependencies form a cycle (A1 -> A2 -> A1), so no order of work exists
        >>> isinstance(err, ValueError)
        True

    .. versionadded:: 0.1.0
    """

    def __init__(self, cycle: Sequence[str]) -> None:
        """Keep the cycle."""
        self.cycle: tuple[str, ...] = tuple(cycle)
        super().__init__(self.cycle)

    def __str__(self) -> str:
        """Name the elements on the cycle."""
        loop = " -> ".join((*self.cycle, self.cycle[0])) if self.cycle else "?"
        return f"the dependencies form a cycle ({loop}), so no order of work exists"

    def __reduce__(self) -> tuple[type[CycleError], tuple[tuple[str, ...]]]:
        """Pickle with the cycle."""
        return (type(self), (self.cycle,))


class UnknownElementError(PlanError, KeyError):
    """No node of the graph has this id.

    Attributes:
        element_id: The id asked for.
        suggestions: Near ids that do exist, best first.

    Example:
        >>> print(UnknownElementError("P1.O1.A9", ("P1.O1.A1",)))
        no element 'P1.O1.A9' in the graph; did you mean P1.O1.A1?

    .. versionadded:: 0.1.0
    """

    def __init__(self, element_id: str, suggestions: Sequence[str] = ()) -> None:
        """Keep the id and the near ids."""
        self.element_id = element_id
        self.suggestions = tuple(suggestions)
        super().__init__(element_id)

    @classmethod
    def for_graph(cls, element_id: str, graph: PlanGraph) -> UnknownElementError:
        """The error for an id missing from a graph, with the nearest ids as suggestions.

        Example:
            >>> from ecm_plan import build_graph, load_bundled
            >>> UnknownElementError.for_graph("P1.O2", build_graph(load_bundled("sample")))
            UnknownElementError('P1.O2')
        """
        near = difflib.get_close_matches(element_id, [str(n) for n in graph], n=3)
        return cls(element_id, near)

    def __str__(self) -> str:
        """Say which id is missing and what to try instead."""
        hint = f"; did you mean {' or '.join(self.suggestions)}?" if self.suggestions else ""
        return f"no element {self.element_id!r} in the graph{hint}"

    def __reduce__(self) -> tuple[type[UnknownElementError], tuple[str, tuple[str, ...]]]:
        """Pickle with the id and suggestions."""
        return (type(self), (self.element_id, self.suggestions))


# -- building the graph ---------------------------------------------------------------------


def external_node(name: str) -> str:
    """The node id of an outside document or body that elements depend on.

    Example:
        >>> external_node("Youth Justice Plan")
        'external:Youth Justice Plan'

    .. versionadded:: 0.1.0
    """
    return f"{_EXTERNAL}{name}"


def dependency_graph(plan: Plan) -> PlanGraph:
    """The plan's graph with the references found in its text added as ``enables`` edges.

    :func:`~ecm_plan.graph.build_graph` already holds the explicit dependencies
    (``depends_on``) as ``enables`` edges with ``explicit=True``. This adds one ``enables``
    edge per resolved textual reference, from what is needed to the element that needs it,
    with ``explicit=False`` and the reference's ``rule``, ``text``, ``field``, ``span``,
    ``confidence`` and the :class:`Reference` itself (``reference``). An outside document
    becomes a node ``external:<name>`` of kind ``NodeKind.EXTERNAL``.
    ``graph.graph["references"]`` keeps every reference, unresolved ones included.

    Args:
        plan: The plan.

    Returns:
        A new graph.

    Example:
        >>> from ecm_plan import load_bundled
        >>> g = dependency_graph(load_bundled("sample"))
        >>> [(u, v, d["rule"]) for u, v, d in g.in_edges("P2.O1.A1", data=True)
        ...  if d["relation"] == "enables"]
        [('P1.O1', 'P2.O1.A1', 'objective_number')]

    .. versionadded:: 0.1.0
    """
    graph = build_graph(plan)
    found = find_references(plan)
    graph.graph["references"] = found
    for ref in found:
        if ref.kind is ReferenceKind.EXPLICIT or not ref.resolved:
            continue
        if ref.external is not None:
            node = external_node(ref.external)
            if node not in graph:
                graph.add_node(
                    node,
                    **{
                        KIND: NodeKind.EXTERNAL,
                        ENTITY: ref.external,
                        LABEL: ref.external,
                        PLAN: plan.id,
                    },
                )
        else:
            node = cast("str", ref.target)
        graph.add_edge(
            node,
            ref.source,
            **{
                RELATION: Relation.ENABLES,
                "explicit": False,
                "rule": ref.rule,
                "text": ref.text,
                "field": ref.field,
                "span": ref.span,
                "confidence": ref.confidence,
                "reference": ref,
            },
        )
    return graph


def _as_graph(plan_or_graph: object) -> PlanGraph:
    """The graph to analyse: a plan's :func:`dependency_graph`, or the graph given.

    Like networkx's ``not_implemented_for``, it refuses what the analyses cannot handle: an
    undirected graph, or anything that is neither a plan nor a graph.
    """
    if isinstance(plan_or_graph, Plan):
        return dependency_graph(plan_or_graph)
    if isinstance(plan_or_graph, nx.DiGraph):
        return cast("PlanGraph", plan_or_graph)
    if isinstance(plan_or_graph, nx.Graph):
        raise TypeError("dependency analysis needs a directed graph (a plan graph), not nx.Graph")
    raise TypeError(
        "expected a Plan or its graph (a networkx MultiDiGraph from build_graph or "
        f"dependency_graph), not {type(plan_or_graph).__name__}"
    )


# -- reading the graph ----------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=1 << 16)
def _natural(node: str) -> tuple[Any, ...]:
    parts = _DIGITS.split(node)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


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


@attrs.frozen
class NodeRef:
    """An element as the results name it: its node id, kind, label and place in the plan file.

    Attributes:
        id: The node id (the element id, in the graph of one plan).
        kind: The node's kind, or None for a node without one.
        label: A short human-readable label.
        plan: The id of the plan it belongs to, or an empty string for shared nodes.
        path: Its key path in the plan file (``priorities[0].objectives[1]``), or an empty
            string when it has none.

    Example:
        >>> NodeRef("P1", NodeKind.PRIORITY, "Reduce teenage pregnancy").kind.value
        'priority'

    .. versionadded:: 0.1.0
    """

    id: str
    kind: NodeKind | None
    label: str
    plan: str = ""
    path: str = ""


class _Reader:
    """Node lookups shared by the analyses: kinds, labels, dues, containers (memoised)."""

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = graph
        self._multi = graph.is_multigraph()
        self._plans: dict[str, Plan | None] = {}
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

    def ref(self, node: str) -> NodeRef:
        if node in self._refs:
            return self._refs[node]
        data = self.graph.nodes[node]
        label = data.get(LABEL)
        plan_id = data.get(PLAN)
        path = ""
        if isinstance(plan_id, str):
            plan = self._plan(plan_id)
            element = node.removeprefix(f"{plan_id}:")
            if plan is not None and not element.startswith(_EXTERNAL):
                try:
                    path = plan.path_of(element)
                except KeyError:
                    path = ""
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
        """The ``enables`` edges as a simple digraph.

        An edge's ``explicit`` is true when any of the parallel edges it stands for is.
        """
        digraph: nx.DiGraph[str] = nx.DiGraph()
        for u, v, data in self.edges():
            if data.get(RELATION) != Relation.ENABLES:
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


# -- references -----------------------------------------------------------------------------


@attrs.frozen
class ReferenceReport:
    """The references of a plan, explicit and textual, in document order.

    Attributes:
        references: The references.
        plan: The id of the plan, or an empty string.
        source_paths: The key path of each source element (for findings).

    Example:
        >>> from ecm_plan import load_bundled
        >>> report = references(load_bundled("sample"))
        >>> len(report), report.external, report.unresolved
        (2, (), ())

    .. versionadded:: 0.1.0
    """

    references: tuple[Reference, ...]
    plan: str = ""
    source_paths: dict[str, str] = attrs.field(factory=dict, eq=False, hash=False, repr=False)

    def __len__(self) -> int:
        """The number of references."""
        return len(self.references)

    def __iter__(self) -> Iterator[Reference]:
        """The references, in order."""
        return iter(self.references)

    @property
    def external(self) -> tuple[str, ...]:
        """The outside documents the plan depends on, sorted.

        Example:
            >>> ReferenceReport(()).external
            ()
        """
        return tuple(sorted({r.external for r in self.references if r.external is not None}))

    @property
    def unresolved(self) -> tuple[Reference, ...]:
        """The references that name nothing (an objective number the plan does not have).

        Example:
            >>> ReferenceReport(()).unresolved
            ()
        """
        return tuple(r for r in self.references if not r.resolved)

    def findings(self) -> list[Finding]:
        """A ``DEP004`` warning for every unresolved reference.

        Example:
            >>> ref = Reference("A1", None, None, "textual", "objective_number",
            ...                 "refer to objective 9.9", "text", (0, 22), 0.95)
            >>> print(ReferenceReport((ref,)).findings()[0].message)
            The text 'refer to objective 9.9' (text) refers to something the plan does not have.
        """
        return [
            Finding(
                "DEP004",
                Severity.WARNING,
                r.source,
                f"The text {r.text!r} ({r.field}) refers to something the plan does not have.",
                "correct the reference, or add the objective it names",
                self.source_paths.get(r.source, ""),
                self.plan,
            )
            for r in self.unresolved
        ]

    def to_table(self) -> Table:
        """The references as a table.

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.report import render
            >>> print(render(references(load_bundled("sample")).to_table(), max_width=20))
            Dependencies
            ============
            Element  | Needs    | Kind     | Rule             | Confidence | Text
            ---------+----------+----------+------------------+------------+----------------
            P1.O1.A2 | P1.O1.A1 | explicit | depends_on       | 1.00       | P1.O1.A1
            P2.O1.A1 | P1.O1    | textual  | objective_number | 0.95       | please refer to
                     |          |          |                  |            | objective 1.1
        """
        rows = [
            (
                r.source,
                r.node or "(unresolved)",
                r.kind.value,
                r.rule,
                f"{r.confidence:.2f}",
                r.text,
            )
            for r in self.references
        ]
        return Table(
            "Dependencies",
            ("Element", "Needs", "Kind", "Rule", "Confidence", "Text"),
            rows,
            _none_note(rows),
        )


def _edge_references(graph: PlanGraph) -> tuple[Reference, ...]:
    found: list[Reference] = []
    for u, v, data in graph.edges(data=True):
        if data.get(RELATION) != Relation.ENABLES:
            continue
        ref = data.get("reference")
        if isinstance(ref, Reference):
            found.append(ref)
            continue
        depends_on = getattr(graph.nodes[v].get(ENTITY), "depends_on", ())
        element = u.split(":", 1)[1] if u not in depends_on and ":" in u else u
        index = depends_on.index(element) if element in depends_on else 0
        found.append(
            Reference(
                v,
                u,
                None,
                ReferenceKind.EXPLICIT if data.get("explicit", True) else ReferenceKind.TEXTUAL,
                str(data.get("rule", "depends_on")),
                str(data.get("text", element)),
                str(data.get("field", f"depends_on[{index}]")),
                data.get("span"),
                float(data.get("confidence", 1.0)),
            )
        )
    return tuple(sorted(found, key=lambda r: (_natural(r.source), r.field, r.span or (0, 0))))


def references(plan_or_graph: Plan | PlanGraph) -> ReferenceReport:
    """Every dependency of the plan: explicit (``depends_on``) and found in the text.

    For a plan, the references are found with :data:`REFERENCE_RULES` and listed in document
    order, unresolved ones included. For a graph, they are read from its ``enables`` edges (a
    graph of :func:`dependency_graph` keeps the full list, unresolved ones included).

    Args:
        plan_or_graph: A plan, or its graph.

    Returns:
        The references.

    Example:
        >>> from ecm_plan import Action, Objective, Period, Plan, Priority
        >>> plan = Plan(id="demo", authority="A", title="T", period=Period.financial_year(2009),
        ...     priorities=[Priority(id="P1", title="Stay safe", outcomes=["stay_safe"],
        ...         objectives=[Objective(id="P1.O1", title="Offending", code="1.1",
        ...             actions=[Action(id="P1.O1.A1", text="Implement the Preventions Plan",
        ...                             due=Due("Annual Plan linked to Youth Justice Plan."))])])])
        >>> for r in references(plan):
        ...     print(r.node, r.field, r.span, r.rule)
        external:Preventions Plan text (0, 30) document_external
        external:Youth Justice Plan due (12, 40) document_external

    .. versionadded:: 0.1.0
    """
    if isinstance(plan_or_graph, Plan):
        plan = plan_or_graph
        found = find_references(plan)
        paths = {r.source: plan.path_of(r.source) for r in found}
        return ReferenceReport(found, plan.id, paths)
    graph = _as_graph(plan_or_graph)
    stored = graph.graph.get("references")
    found = stored if isinstance(stored, tuple) else _edge_references(graph)
    plans = graph.graph.get("plans", ())
    plan_id = plans[0] if len(plans) == 1 else ""
    reader = _Reader(graph)
    paths = {r.source: reader.ref(r.source).path for r in found if r.source in graph}
    return ReferenceReport(found, plan_id, paths)


# -- cycles and order of work ---------------------------------------------------------------


@attrs.frozen
class Cycle:
    """A circle of dependencies.

    Attributes:
        elements: The elements on one cycle, in order, starting with the least id: each needs
            the one before it, and the first needs the last.
        component: Every element caught in the same knot of dependencies (the strongly
            connected component, which may hold further cycles), sorted.
        explicit: True when every dependency on the cycle is an explicit ``depends_on``.

    Example:
        >>> c = Cycle((NodeRef("A1", NodeKind.ACTION, "a"), NodeRef("A2", NodeKind.ACTION, "b")),
        ...           ("A1", "A2"), True)
        >>> c.ids
        ('A1', 'A2')

    .. versionadded:: 0.1.0
    """

    elements: tuple[NodeRef, ...]
    component: tuple[str, ...]
    explicit: bool

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the elements on the cycle."""
        return tuple(e.id for e in self.elements)

    def finding(self) -> Finding:
        """A ``DEP001`` finding: an error, or a warning when a textual reference is on the cycle.

        A textual reference may be misread, so a cycle through one is only a warning.

        Example:
            >>> c = Cycle((NodeRef("A1", NodeKind.ACTION, "a"),), ("A1",), False)
            >>> c.finding().severity.value
            'warning'
        """
        first = self.elements[0]
        loop = " -> ".join((*self.ids, self.ids[0]))
        return Finding(
            "DEP001",
            Severity.ERROR if self.explicit else Severity.WARNING,
            first.id,
            f"Dependency cycle: {loop}; no order of work exists for these elements.",
            "remove one of the dependencies (depends_on), or reword the text reference",
            first.path,
            first.plan,
        )


@attrs.frozen
class CycleReport:
    """The cycles of a plan's dependencies: one per knot of dependencies.

    Attributes:
        cycles: One cycle per strongly connected component, sorted by first id.

    Example:
        >>> from ecm_plan import load_bundled
        >>> bool(cycles(load_bundled("sample")))
        False

    .. versionadded:: 0.1.0
    """

    cycles: tuple[Cycle, ...]

    def __len__(self) -> int:
        """The number of cycles."""
        return len(self.cycles)

    def __iter__(self) -> Iterator[Cycle]:
        """The cycles."""
        return iter(self.cycles)

    def findings(self) -> list[Finding]:
        """A ``DEP001`` finding per cycle (see :meth:`Cycle.finding`).

        Example:
            >>> CycleReport(()).findings()
            []
        """
        return [c.finding() for c in self.cycles]

    def to_table(self) -> Table:
        """The cycles as a table.

        Example:
            >>> CycleReport(()).to_table().notes
            ('(none)',)
        """
        rows = [
            (" -> ".join((*c.ids, c.ids[0])), ", ".join(c.component), "yes" if c.explicit else "no")
            for c in self.cycles
        ]
        return Table(
            "Dependency cycles", ("Cycle", "Elements caught", "Explicit"), rows, _none_note(rows)
        )


def _find_cycles(reader: _Reader, digraph: nx.DiGraph[str]) -> tuple[Cycle, ...]:
    found = []
    for component in nx.strongly_connected_components(digraph):
        if len(component) == 1 and not any(digraph.has_edge(n, n) for n in component):
            continue
        members = _sorted(component)
        sub = digraph.subgraph(members)
        edges = nx.find_cycle(sub, source=members[0])
        nodes = [cast("str", edge[0]) for edge in edges]
        start = nodes.index(min(nodes, key=_natural))
        nodes = nodes[start:] + nodes[:start]
        explicit = all(bool(sub[u][v].get("explicit")) for u, v, *_ in edges)
        found.append(Cycle(tuple(reader.ref(n) for n in nodes), tuple(members), explicit))
    return tuple(sorted(found, key=lambda c: _natural(c.ids[0])))


def cycles(plan_or_graph: Plan | PlanGraph) -> CycleReport:
    """The circles in the dependencies: one cycle for each knot of dependencies.

    Each strongly connected component of the ``enables`` edges with more than one element (or a
    self-loop) is a knot; one cycle through it is reported, with every element of the knot.
    Listing every simple cycle could take exponential time; this takes linear time.

    Args:
        plan_or_graph: A plan, or its graph.

    Returns:
        The cycles (empty when there are none).

    Example:
        >>> from ecm_plan import Action, Period, Plan, Priority
        >>> plan = Plan(id="demo", authority="A", title="T", period=Period.financial_year(2009),
        ...     priorities=[Priority(id="P1", title="t", actions=[
        ...         Action(id="A1", text="a", depends_on=["A2"]),
        ...         Action(id="A2", text="b", depends_on=["A1"])])])
        >>> [c.ids for c in cycles(plan)]
        [('A1', 'A2')]
        >>> print(cycles(plan).findings()[0].message)
        Dependency cycle: A1 -> A2 -> A1; no order of work exists for these elements.

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    reader = _Reader(graph)
    return CycleReport(_find_cycles(reader, reader.enables()))


@attrs.frozen
class OrderOfWork:
    """The work in steps: everything in a step needs only what earlier steps deliver.

    Attributes:
        generations: The steps, first first; within a step, elements are sorted by id.

    Example:
        >>> from ecm_plan import load_bundled
        >>> order = order_of_work(load_bundled("sample"))
        >>> order.step_of("P1.O1.A2") > order.step_of("P1.O1.A1")
        True

    .. versionadded:: 0.1.0
    """

    generations: tuple[tuple[NodeRef, ...], ...]

    @property
    def ids(self) -> tuple[tuple[str, ...], ...]:
        """The ids in each step."""
        return tuple(tuple(e.id for e in step) for step in self.generations)

    def step_of(self, element_id: str) -> int:
        """The step (counted from 1) an element is in.

        Raises:
            KeyError: The element is not in the order of work.

        Example:
            >>> OrderOfWork(((NodeRef("A1", NodeKind.ACTION, "a"),),)).step_of("A1")
            1
        """
        for i, step in enumerate(self.ids, start=1):
            if element_id in step:
                return i
        raise KeyError(f"{element_id!r} is not in the order of work")

    def to_table(self) -> Table:
        """One row per element, by step.

        Example:
            >>> OrderOfWork(((NodeRef("A1", NodeKind.ACTION, "Open a clinic"),),)).to_table().rows
            (('1', 'A1', 'action', 'Open a clinic'),)
        """
        rows = [
            (str(i), e.id, e.kind.value if e.kind else "", e.label)
            for i, step in enumerate(self.generations, start=1)
            for e in step
        ]
        return Table("Order of work", ("Step", "Element", "Kind", "Label"), rows, _none_note(rows))


def order_of_work(plan_or_graph: Plan | PlanGraph) -> OrderOfWork:
    """The order of work: every action, and every element a dependency touches, in steps.

    The steps are the topological generations of the ``enables`` edges
    (``networkx.topological_generations``): step 1 holds what needs nothing, step 2 what
    needs only step 1, and so on. Outside documents are not work of the plan: they are left
    out, and an element that needs only outside documents is in step 1.

    Args:
        plan_or_graph: A plan, or its graph.

    Returns:
        The steps.

    Raises:
        CycleError: The dependencies go round in a circle (the error names one cycle).

    Example:
        >>> from ecm_plan import Action, Period, Plan, Priority
        >>> actions = [Action(id="A1", text="a"), Action(id="A2", text="b", depends_on=["A1"]),
        ...            Action(id="A3", text="c", depends_on=["A2"])]
        >>> plan = Plan(id="demo", authority="A", title="T", period=Period.financial_year(2009),
        ...             priorities=[Priority(id="P1", title="t", actions=actions)])
        >>> order_of_work(plan).ids
        (('A1',), ('A2',), ('A3',))
        >>> import attrs
        >>> actions[0] = attrs.evolve(actions[0], depends_on=["A3"])
        >>> order_of_work(attrs.evolve(plan, priorities=[Priority(id="P1", title="t",
        ...                                                       actions=actions)]))
        Traceback (most recent call last):
        ...
        ecm_plan.dependencies.CycleError: the dependencies form a cycle (A1 -> A2 -> A3 -> A1), ...

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    reader = _Reader(graph)
    digraph = reader.enables()
    digraph.add_nodes_from(n for n, d in graph.nodes(data=True) if d.get(KIND) == NodeKind.ACTION)
    for node in [n for n in digraph if reader.kind(n) is NodeKind.EXTERNAL]:
        digraph.add_edges_from(
            (u, v) for u in digraph.pred[node] for v in digraph.succ[node] if u != node != v
        )
        digraph.remove_node(node)
    try:
        generations = list(nx.topological_generations(digraph))
    except nx.NetworkXUnfeasible:
        raise CycleError(_find_cycles(reader, digraph)[0].ids) from None
    return OrderOfWork(
        tuple(tuple(reader.ref(n) for n in _sorted(generation)) for generation in generations)
    )


# -- deadlines ------------------------------------------------------------------------------


class Certainty(enum.StrEnum):
    """Whether a deadline conflict holds however the due dates are read, or only for some.

    A conflict is only possible when it holds for some readings of a less precise date.

    Example:
        >>> Certainty("possible") is Certainty.POSSIBLE
        True

    .. versionadded:: 0.1.0
    """

    CERTAIN = "certain"
    POSSIBLE = "possible"


@attrs.frozen
class DeadlineConflict:
    """A dependent that falls due before what it needs.

    Attributes:
        prerequisite: What is needed.
        dependent: What needs it.
        prerequisite_due: The prerequisite's due date.
        dependent_due: The dependent's due date.
        certainty: Certain, or only possible given the precision of the dates.
        explicit: True when the dependency is an explicit ``depends_on``.

    Example:
        >>> from ecm_plan import load_bundled
        >>> conflict = deadline_conflicts(load_bundled("sample")).conflicts[0]
        >>> conflict.dependent.id, conflict.certainty.value
        ('P1.O1.A2', 'certain')

    .. versionadded:: 0.1.0
    """

    prerequisite: NodeRef
    dependent: NodeRef
    prerequisite_due: Due
    dependent_due: Due
    certainty: Certainty
    explicit: bool

    def finding(self) -> Finding:
        """A ``DEP002`` warning for a certain conflict, a ``DEP003`` info for a possible one.

        Example:
            >>> from ecm_plan import load_bundled
            >>> print(deadline_conflicts(load_bundled("sample")).conflicts[0].finding().message)
            P1.O1.A2 is due Summer 2009 but needs P1.O1.A1, due March 2010.
        """
        dep, pre = self.dependent, self.prerequisite
        if self.certainty is Certainty.CERTAIN:
            return Finding(
                "DEP002",
                Severity.WARNING,
                dep.id,
                f"{dep.id} is due {self.dependent_due.text} but needs {pre.id}, "
                f"due {self.prerequisite_due.text}.",
                "move one of the deadlines, or check the dependency",
                dep.path,
                dep.plan,
            )
        return Finding(
            "DEP003",
            Severity.INFO,
            dep.id,
            f"{dep.id} (due {self.dependent_due.text}) may fall due before {pre.id} "
            f"(due {self.prerequisite_due.text}): the dates are too coarse to tell.",
            "give the due dates to the month",
            dep.path,
            dep.plan,
        )


@attrs.frozen
class ConflictReport:
    """The deadline conflicts of a plan, certain ones first.

    Attributes:
        conflicts: The conflicts.

    Example:
        >>> len(ConflictReport(()))
        0

    .. versionadded:: 0.1.0
    """

    conflicts: tuple[DeadlineConflict, ...]

    def __len__(self) -> int:
        """The number of conflicts."""
        return len(self.conflicts)

    def __iter__(self) -> Iterator[DeadlineConflict]:
        """The conflicts."""
        return iter(self.conflicts)

    @property
    def certain(self) -> tuple[DeadlineConflict, ...]:
        """The certain conflicts.

        Example:
            >>> ConflictReport(()).certain
            ()
        """
        return tuple(c for c in self.conflicts if c.certainty is Certainty.CERTAIN)

    def findings(self) -> list[Finding]:
        """One finding per conflict (see :meth:`DeadlineConflict.finding`).

        Example:
            >>> from ecm_plan import load_bundled
            >>> [f.code for f in deadline_conflicts(load_bundled("sample")).findings()]
            ['DEP002']
        """
        return [c.finding() for c in self.conflicts]

    def to_table(self) -> Table:
        """The conflicts as a table.

        Example:
            >>> ConflictReport(()).to_table().headers
            ('Dependent', 'Due', 'Needs', 'Due', 'Conflict')
        """
        rows = [
            (
                c.dependent.id,
                c.dependent_due.text,
                c.prerequisite.id,
                c.prerequisite_due.text,
                c.certainty.value,
            )
            for c in self.conflicts
        ]
        return Table(
            "Deadline conflicts",
            ("Dependent", "Due", "Needs", "Due", "Conflict"),
            rows,
            _none_note(rows),
        )


def _window(due: Due | None) -> tuple[dt.date, dt.date] | None:
    if due is None or due.earliest is None or due.deadline is None:
        return None
    return due.earliest, due.deadline


def deadline_conflicts(plan_or_graph: Plan | PlanGraph) -> ConflictReport:
    """Dependents due before what they need, judged with the precision of their due dates.

    A due date such as "March 2009" or "2009" is read as a window in which the deadline falls:
    from the start of the first period it names (:attr:`~ecm_plan.model.Due.earliest`) to the
    end of the last (:attr:`~ecm_plan.model.Due.deadline`). For each dependency between two
    elements with such windows (due dates that name no time, or only a start, are left out):

    * **certain**: the dependent's window ends before the prerequisite's begins, so however
      the dates are read, the dependent is due first ("Summer 2009" needing "March 2010");
    * **possible**: the dependent's window starts before the prerequisite's ends and the two
      windows differ, so some reading puts the dependent first ("2009" and "March 2009", in
      either order). Equal windows are read as the same deadline: no conflict.

    Only direct dependencies are compared.

    Args:
        plan_or_graph: A plan, or its graph.

    Returns:
        The conflicts, certain ones first, then by dependent id.

    Example:
        >>> from ecm_plan import Action, Period, Plan, Priority
        >>> plan = Plan(id="demo", authority="A", title="T", period=Period.financial_year(2009),
        ...     priorities=[Priority(id="P1", title="t", actions=[
        ...         Action(id="A1", text="a", due=Due("March 2009")),
        ...         Action(id="A2", text="b", due=Due("2009"), depends_on=["A1"]),
        ...         Action(id="A3", text="c", due=Due("January 2009"), depends_on=["A1"])])])
        >>> [(c.dependent.id, c.certainty.value) for c in deadline_conflicts(plan)]
        [('A3', 'certain'), ('A2', 'possible')]

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    reader = _Reader(graph)
    found = []
    for u, v, data in reader.enables().edges(data=True):
        explicit = bool(data["explicit"])
        pre_due, dep_due = reader.due(u), reader.due(v)
        pre, dep = _window(pre_due), _window(dep_due)
        if pre is None or dep is None or pre_due is None or dep_due is None:
            continue
        if dep[1] < pre[0]:
            certainty = Certainty.CERTAIN
        elif dep[0] < pre[1] and dep != pre:
            certainty = Certainty.POSSIBLE
        else:
            continue
        found.append(
            DeadlineConflict(reader.ref(u), reader.ref(v), pre_due, dep_due, certainty, explicit)
        )
    found.sort(
        key=lambda c: (
            c.certainty is not Certainty.CERTAIN,
            _natural(c.dependent.id),
            _natural(c.prerequisite.id),
        )
    )
    return ConflictReport(tuple(found))


@attrs.frozen
class PathStep:
    """An element on the critical path, with its due date and the day it can be finished by.

    Attributes:
        element: The element.
        due: Its due date.
        finish: Its effective deadline: the latest deadline among it and everything it needs.

    Example:
        >>> step = PathStep(NodeRef("A1", NodeKind.ACTION, "a"), Due("March 2010"),
        ...                 dt.date(2010, 3, 31))
        >>> step.due.deadline == step.finish
        True

    .. versionadded:: 0.1.0
    """

    element: NodeRef
    due: Due
    finish: dt.date


@attrs.frozen
class CriticalPath:
    """The chain of dated dependencies that spans the longest time.

    Attributes:
        steps: The elements on the chain, prerequisite first (empty when no two dated elements
            depend on each other).
        start: The first day of the first element's due window, or None.
        end: The effective deadline of the last element, or None.

    Example:
        >>> CriticalPath((), None, None).days
        0

    .. versionadded:: 0.1.0
    """

    steps: tuple[PathStep, ...]
    start: dt.date | None
    end: dt.date | None

    @property
    def days(self) -> int:
        """The length of the chain in days, from ``start`` to ``end`` inclusive."""
        if self.start is None or self.end is None:
            return 0
        return (self.end - self.start).days + 1

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids on the chain."""
        return tuple(s.element.id for s in self.steps)

    def to_table(self) -> Table:
        """The chain as a table, with its span as a note.

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.report import render
            >>> print(render(critical_path(load_bundled("sample")).to_table(), max_width=30))
            Critical path
            =============
            Step | Element  | Label                          | Due         | Deadline   | Finish by
            -----+----------+--------------------------------+-------------+------------+-----------
            1    | P1.O1.A1 | Open a young people's sexual   | March 2010  | 2010-03-31 | 2010-03-31
                 |          | health clinic in each locality |             |            |
            2    | P1.O1.A2 | Train school nurses in sex and | Summer 2009 | 2009-08-31 | 2010-03-31
                 |          | relationship education         |             |            |
            Span: 2010-03-01 to 2010-03-31 (31 days)
        """
        rows = [
            (str(i), s.element.id, s.element.label, s.due.text, str(s.due.deadline), str(s.finish))
            for i, s in enumerate(self.steps, start=1)
        ]
        notes = (f"Span: {self.start} to {self.end} ({self.days} days)",) if rows else ("(none)",)
        return Table(
            "Critical path",
            ("Step", "Element", "Label", "Due", "Deadline", "Finish by"),
            rows,
            notes,
        )


_START = "\x00start"


def critical_path(plan_or_graph: Plan | PlanGraph) -> CriticalPath:
    """The chain of dated dependencies whose due dates span the longest time.

    Only dependencies between two elements whose due dates name a deadline count (an undated
    element breaks a chain). As in the critical path method, an element cannot be finished
    before everything it needs: its *effective deadline* is the latest deadline among it and
    its dated prerequisites, so a deadline conflict moves the dependent later rather than
    shortening the chain. The *length* of a chain is the time from the start of its first
    element's due window to the effective deadline of its last: for "October 2008" then
    "March 2010", 1 October 2008 to 31 March 2010. The chain is found with
    ``networkx.dag_longest_path``, each dependency weighted by the days between the two
    effective deadlines; of two chains of equal length, the one with more steps wins.

    Args:
        plan_or_graph: A plan, or its graph.

    Returns:
        The critical path (empty when no two dated elements depend on each other).

    Raises:
        CycleError: The dated dependencies go round in a circle.

    Example:
        >>> from ecm_plan import Action, Period, Plan, Priority
        >>> plan = Plan(id="demo", authority="A", title="T", period=Period.financial_year(2009),
        ...     priorities=[Priority(id="P1", title="t", actions=[
        ...         Action(id="A1", text="a", due=Due("October 2008")),
        ...         Action(id="A2", text="b", due=Due("April 2009"), depends_on=["A1"]),
        ...         Action(id="A3", text="c", due=Due("March 2010"), depends_on=["A2"]),
        ...         Action(id="A4", text="d", due=Due("May 2009"), depends_on=["A1"])])])
        >>> path = critical_path(plan)
        >>> path.ids, path.start.isoformat(), path.end.isoformat(), path.days
        (('A1', 'A2', 'A3'), '2008-10-01', '2010-03-31', 547)

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    reader = _Reader(graph)
    digraph = reader.enables()
    windows = {n: w for n in digraph if (w := _window(reader.due(n))) is not None}
    dated: nx.DiGraph[str] = nx.DiGraph()
    dated.add_edges_from(
        (u, v, d) for u, v, d in digraph.edges(data=True) if u in windows and v in windows
    )
    if dated.number_of_edges() == 0:
        return CriticalPath((), None, None)
    if not nx.is_directed_acyclic_graph(dated):
        raise CycleError(_find_cycles(reader, dated)[0].ids)
    finish: dict[str, dt.date] = {}
    for node in nx.topological_sort(dated):
        finish[node] = max([windows[node][1], *(finish[u] for u in dated.pred[node])])
    scale = len(windows) + 1
    chains: nx.DiGraph[str] = nx.DiGraph()
    for u, v in dated.edges():
        chains.add_edge(u, v, weight=(finish[v] - finish[u]).days * scale + 1)
    for node in dated:
        if dated.out_degree(node):
            chains.add_edge(_START, node, weight=(finish[node] - windows[node][0]).days * scale)
    order = nx.lexicographical_topological_sort(chains, key=_natural)
    nodes = [n for n in nx.dag_longest_path(chains, topo_order=order) if n != _START]
    steps = tuple(PathStep(reader.ref(n), cast("Due", reader.due(n)), finish[n]) for n in nodes)
    return CriticalPath(steps, windows[nodes[0]][0], finish[nodes[-1]])


# -- impact ---------------------------------------------------------------------------------


@attrs.frozen
class Affected:
    """An element put at risk, and how.

    Attributes:
        element: The element.
        path: The shortest chain of ids from the lost element to it, both ends included.

    Example:
        >>> Affected(NodeRef("P1", NodeKind.PRIORITY, "t"), ("ABG", "P1.O1.A1", "P1.O1", "P1")).via
        ('P1.O1.A1', 'P1.O1')

    .. versionadded:: 0.1.0
    """

    element: NodeRef
    path: tuple[str, ...]

    @property
    def via(self) -> tuple[str, ...]:
        """The ids between the lost element and this one."""
        return self.path[1:-1]


@attrs.frozen
class FundingAtStake:
    """What a funding stream (with the streams that are part of it) gives one priority.

    Attributes:
        priority: The priority.
        gbp: The sum of the stated amounts, in pounds (every period summed).
        allocations: The allocations, stated or not.

    Example:
        >>> from ecm_plan import Money
        >>> f = FundingAtStake(NodeRef("P1", NodeKind.PRIORITY, "t"), 175000.0,
        ...                    (Allocation("ABG", Money("£175k")), Allocation("ABG")))
        >>> len(f.unquantified)
        1

    .. versionadded:: 0.1.0
    """

    priority: NodeRef
    gbp: float
    allocations: tuple[Allocation, ...]

    @property
    def unquantified(self) -> tuple[Allocation, ...]:
        """The allocations that state no amount ("To be confirmed", base budget, none)."""
        return tuple(a for a in self.allocations if not a.is_quantified)

    @property
    def is_quantified(self) -> bool:
        """Whether at least one of the allocations states an amount."""
        return any(a.is_quantified for a in self.allocations)


def _money(gbp: float) -> str:
    return f"£{gbp:,.0f}"


@attrs.frozen
class Impact:
    """What losing one element puts at risk: everything downstream of it in the graph.

    Attributes:
        source: The lost element.
        affected: Every element that depends on it, by kind (priorities, objectives, actions,
            targets, indicators, outcomes, ...) and then id.
        funding: For a funding stream, the money at stake per priority, by priority id;
            empty otherwise.

    Example:
        >>> from ecm_plan import load_bundled
        >>> sorted(impact(load_bundled("sample"), "ABG").ids(NodeKind.PRIORITY))
        ['P1', 'P2']

    .. versionadded:: 0.1.0
    """

    source: NodeRef
    affected: tuple[Affected, ...]
    funding: tuple[FundingAtStake, ...] = ()

    def __len__(self) -> int:
        """The number of affected elements."""
        return len(self.affected)

    def of_kind(self, *kinds: NodeKind | str) -> tuple[Affected, ...]:
        """The affected elements of these kinds (all of them when none are given).

        Example:
            >>> from ecm_plan import load_bundled
            >>> [a.element.id for a in impact(load_bundled("sample"), "ABG").of_kind("outcome")]
            ['outcome:be_healthy', 'outcome:enjoy_and_achieve', 'outcome:stay_safe']
        """
        wanted = {NodeKind(k) for k in kinds}
        return tuple(a for a in self.affected if not wanted or a.element.kind in wanted)

    def ids(self, *kinds: NodeKind | str) -> frozenset[str]:
        """The ids of the affected elements of these kinds (all when none are given).

        Example:
            >>> from ecm_plan import load_bundled
            >>> sorted(impact(load_bundled("sample"), "ABG").ids("indicator"))
            ['NI 112', 'NI 62']
        """
        return frozenset(a.element.id for a in self.of_kind(*kinds))

    def path_to(self, element_id: str) -> tuple[str, ...]:
        """The chain of ids from the lost element to an affected one.

        Raises:
            KeyError: The element is not affected.

        Example:
            >>> from ecm_plan import load_bundled
            >>> impact(load_bundled("sample"), "P1.O1.A1").path_to("outcome:be_healthy")
            ('P1.O1.A1', 'P1.O1', 'P1', 'aim:be_healthy.3', 'outcome:be_healthy')
        """
        for affected in self.affected:
            if affected.element.id == element_id:
                return affected.path
        raise KeyError(f"{element_id!r} is not affected by losing {self.source.id!r}")

    @property
    def total_gbp(self) -> float:
        """The stated money at stake over all priorities, in pounds.

        Example:
            >>> from ecm_plan import load_bundled
            >>> impact(load_bundled("sample"), "ABG").total_gbp
            315000.0
        """
        return sum(f.gbp for f in self.funding)

    def to_table(self) -> Table:
        """The affected elements as a table.

        Example:
            >>> from ecm_plan import load_bundled
            >>> impact(load_bundled("sample"), "P1.O1.A2").to_table().rows[0]
            ('priority', 'P1', 'Reduce teenage pregnancy and improve sexual health', 'P1.O1')
        """
        rows = [
            (
                a.element.kind.value if a.element.kind else "",
                a.element.id,
                a.element.label,
                " -> ".join(a.via),
            )
            for a in self.affected
        ]
        return Table(
            f"Impact of losing {self.source.id} ({self.source.label})",
            ("Kind", "Element", "Label", "Via"),
            rows,
            _none_note(rows),
        )

    def funding_table(self) -> Table:
        """The money at stake per priority, for a funding stream.

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.report import render
            >>> print(render(impact(load_bundled("sample"), "ABG").funding_table(), max_width=20))
            Funding at stake: ABG (Area Based Grant)
            ========================================
            Priority | Label            | Amount   | Allocations | Not quantified
            ---------+------------------+----------+-------------+---------------
            P1       | Reduce teenage   | £175,000 | 1           | 0
                     | pregnancy and    |          |             |
                     | improve sexual   |          |             |
                     | health           |          |             |
            P2       | Keep children in | £140,000 | 1           | 0
                     | care safe and    |          |             |
                     | settled          |          |             |
            Total stated: £315,000
        """
        rows = [
            (
                f.priority.id,
                f.priority.label,
                _money(f.gbp) if f.is_quantified else "not stated",
                str(len(f.allocations)),
                str(len(f.unquantified)),
            )
            for f in self.funding
        ]
        unstated = sum(len(f.unquantified) for f in self.funding)
        total = f"Total stated: {_money(self.total_gbp)}"
        if unstated:
            total += f"; {unstated} allocation{'s' if unstated != 1 else ''} state no amount"
        notes = (total,) if rows else ("(none)",)
        return Table(
            f"Funding at stake: {self.source.id} ({self.source.label})",
            ("Priority", "Label", "Amount", "Allocations", "Not quantified"),
            rows,
            notes,
        )


def _affected_key(reader: _Reader, node: str) -> tuple[int, tuple[Any, ...]]:
    kind = reader.kind(node)
    return (_KIND_ORDER.get(kind, len(_KIND_ORDER)) if kind else len(_KIND_ORDER), _natural(node))


def _funding(reader: _Reader, streams: Iterable[str]) -> tuple[FundingAtStake, ...]:
    per_priority: dict[str, list[Allocation]] = defaultdict(list)
    for stream in streams:
        for funded, data in reader.out_edges(stream):
            allocation = data.get("allocation")
            if data.get(RELATION) != Relation.FUNDS or not isinstance(allocation, Allocation):
                continue
            priority = reader.container(funded, NodeKind.PRIORITY)
            if priority is not None:
                per_priority[priority].append(allocation)
    return tuple(
        FundingAtStake(
            reader.ref(priority),
            sum(a.amount.gbp for a in allocations if a.amount is not None and a.amount.gbp),
            tuple(allocations),
        )
        for priority, allocations in sorted(per_priority.items(), key=lambda i: _natural(i[0]))
    )


def impact(plan_or_graph: Plan | PlanGraph, element_id: str) -> Impact:
    """What losing an element puts at risk: every element downstream of it, with the path.

    The affected elements are the descendants of the element in the graph (one breadth-first
    search, ``networkx.single_source_shortest_path``, which also gives the shortest path
    to each): for a funding stream, what it funds and the streams that are part of it; for a
    lead, what it leads; for an action or objective, its objective and priority, its targets
    and their indicators, the elements that depend on it (``enables``) and what those serve;
    for an outside document (``external:<name>``), the elements tied to it. Priorities lead on
    to the outcomes and aims they serve and, for organisational priorities, the service
    priorities they support.

    For a funding stream, :attr:`Impact.funding` adds the money at stake per priority: the
    stated amounts of the stream's allocations, and those of the streams that are part of it
    (``includes``), summed under the priority of the element they fund.

    Args:
        plan_or_graph: A plan, or its graph (a portfolio graph too; ids are then
            ``<plan id>:<element id>``).
        element_id: The id of the lost element (its node id).

    Returns:
        The impact.

    Raises:
        UnknownElementError: No node has this id.

    Example:
        >>> from ecm_plan import load_bundled
        >>> plan = load_bundled("sample")
        >>> lost = impact(plan, "ABG")
        >>> [(f.priority.id, f.gbp) for f in lost.funding]
        [('P1', 175000.0), ('P2', 140000.0)]
        >>> lost.path_to("P2")
        ('ABG', 'ABG(CF)', 'P2.O1.A1', 'P2.O1', 'P2')
        >>> impact(plan, "ABC")
        Traceback (most recent call last):
        ...
        ecm_plan.dependencies.UnknownElementError: no element 'ABC' in the graph; did you mean ...

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    if element_id not in graph:
        raise UnknownElementError.for_graph(element_id, graph)
    reader = _Reader(graph)
    paths = nx.single_source_shortest_path(graph, element_id)
    del paths[element_id]
    affected = tuple(
        Affected(reader.ref(node), tuple(paths[node]))
        for node in sorted(paths, key=lambda n: _affected_key(reader, n))
    )
    funding: tuple[FundingAtStake, ...] = ()
    if reader.kind(element_id) is NodeKind.FUNDING_STREAM:
        streams = [element_id]
        streams += [a.element.id for a in affected if a.element.kind is NodeKind.FUNDING_STREAM]
        funding = _funding(reader, streams)
    return Impact(reader.ref(element_id), affected, funding)


# -- sharing and concentration --------------------------------------------------------------


@attrs.frozen
class SharedElement:
    """An indicator or funding stream and the priorities and objectives it serves.

    Attributes:
        element: The indicator (or National Indicator, in a portfolio) or funding stream.
        priorities: The priorities whose targets cite it, or that it funds.
        objectives: The objectives (workstreams) among them.

    Example:
        >>> s = SharedElement(NodeRef("NI 110", NodeKind.INDICATOR, "NI 110"),
        ...                   (NodeRef("P6", NodeKind.PRIORITY, "a"),
        ...                    NodeRef("P7", NodeKind.PRIORITY, "b")), ())
        >>> s.priority_ids
        ('P6', 'P7')

    .. versionadded:: 0.1.0
    """

    element: NodeRef
    priorities: tuple[NodeRef, ...]
    objectives: tuple[NodeRef, ...]

    @property
    def priority_ids(self) -> tuple[str, ...]:
        """The ids of the priorities."""
        return tuple(p.id for p in self.priorities)

    @property
    def objective_ids(self) -> tuple[str, ...]:
        """The ids of the objectives."""
        return tuple(o.id for o in self.objectives)


@attrs.frozen
class Sharing:
    """Indicators and funding streams shared across priorities.

    Attributes:
        indicators: Indicators targeted under several priorities, most shared first.
        streams: Funding streams funding several priorities, most shared first.

    Example:
        >>> from ecm_plan import load_bundled
        >>> [s.element.id for s in shared(load_bundled("sample")).streams]
        ['ABG']

    .. versionadded:: 0.1.0
    """

    indicators: tuple[SharedElement, ...]
    streams: tuple[SharedElement, ...]

    def to_table(self) -> Table:
        """Both lists as one table.

        Example:
            >>> from ecm_plan import load_bundled
            >>> shared(load_bundled("sample")).to_table().rows
            (('funding stream', 'ABG', 'Area Based Grant', 'P1, P2', 'P1.O1, P2.O1'),)
        """
        rows = [
            (
                kind,
                s.element.id,
                s.element.label,
                ", ".join(s.priority_ids),
                ", ".join(s.objective_ids),
            )
            for kind, items in (("indicator", self.indicators), ("funding stream", self.streams))
            for s in items
        ]
        return Table(
            "Shared across priorities",
            ("Kind", "Element", "Label", "Priorities", "Objectives"),
            rows,
            _none_note(rows),
        )


def _shared(
    reader: _Reader,
    served: Mapping[str, set[str]],
    minimum: int,
) -> tuple[SharedElement, ...]:
    found = []
    for node, elements in served.items():
        priorities = {p for e in elements if (p := reader.container(e, NodeKind.PRIORITY))}
        if len(priorities) < minimum:
            continue
        objectives = {o for e in elements if (o := reader.container(e, NodeKind.OBJECTIVE))}
        found.append(
            SharedElement(
                reader.ref(node),
                tuple(reader.ref(p) for p in _sorted(priorities)),
                tuple(reader.ref(o) for o in _sorted(objectives)),
            )
        )
    found.sort(key=lambda s: (-len(s.priorities), -len(s.objectives), _natural(s.element.id)))
    return tuple(found)


def shared(plan_or_graph: Plan | PlanGraph, *, min_priorities: int = 2) -> Sharing:
    """Indicators and funding streams shared across priorities.

    An indicator is shared when targets of elements under ``min_priorities`` or more
    priorities cite it (a target of an action, objective or priority counts for that
    element's priority); in a portfolio graph, a National Indicator node gathers the
    indicators of every plan. A funding stream is shared when it funds elements under that
    many priorities, counting the streams that are part of it (``includes``).

    Args:
        plan_or_graph: A plan, or its graph.
        min_priorities: How many priorities make an element shared.

    Returns:
        The shared indicators and streams.

    Example:
        >>> from ecm_plan import load_bundled
        >>> sharing = shared(load_bundled("sample"), min_priorities=1)
        >>> [(s.element.id, s.priority_ids) for s in sharing.indicators]
        [('NI 62', ('P2',)), ('NI 112', ('P1',)), ('NI 157', ('P3',))]

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    reader = _Reader(graph)
    cited: dict[str, set[str]] = defaultdict(set)
    funded: dict[str, set[str]] = defaultdict(set)
    instances: list[tuple[str, str]] = []
    includes: nx.DiGraph[str] = nx.DiGraph()
    for u, v, data in reader.edges():
        relation = data.get(RELATION)
        if relation == Relation.TARGETS:
            for owner, into in reader.in_edges(u):
                if into.get(RELATION) == Relation.CONTRIBUTES_TO:
                    cited[v].add(owner)
        elif relation == Relation.FUNDS:
            funded[u].add(v)
        elif relation == Relation.INSTANCE_OF:
            instances.append((u, v))
        elif relation == Relation.INCLUDES:
            includes.add_edge(u, v)
    for indicator, national in instances:
        cited[national] |= cited.get(indicator, set())
    for stream in list(includes):
        for part in nx.descendants(includes, stream):
            funded[stream] |= funded.get(part, set())
    return Sharing(_shared(reader, cited, min_priorities), _shared(reader, funded, min_priorities))


@attrs.frozen
class LeadLoad:
    """How much of the plan's work one lead carries.

    Attributes:
        lead: The lead.
        actions: How many actions it leads.
        sole: How many of them it leads alone (they lose every lead with it).
        priorities: The priorities of its actions.
        cut_off: The priorities whose led actions it alone leads: losing it leaves each with
            no lead on any action.

    Example:
        >>> load = LeadLoad(NodeRef("HoS", NodeKind.LEAD, "Head of Service"), 3, 2, (), ())
        >>> load.is_single_point_of_failure
        False

    .. versionadded:: 0.1.0
    """

    lead: NodeRef
    actions: int
    sole: int
    priorities: tuple[NodeRef, ...]
    cut_off: tuple[NodeRef, ...]

    @property
    def is_single_point_of_failure(self) -> bool:
        """Whether losing the lead cuts at least one priority off its actions."""
        return bool(self.cut_off)


@attrs.frozen
class Concentration:
    """Leads ranked by the actions they carry.

    Attributes:
        leads: Every lead of an action, most actions first (then most priorities cut off,
            then id).

    Example:
        >>> from ecm_plan import load_bundled
        >>> [(l.lead.id, l.actions) for l in concentration(load_bundled("sample")).leads]
        [('HoSafe', 2), ('Anytown PCT', 1), ('HoHealth', 1), ('J Smith', 1)]

    .. versionadded:: 0.1.0
    """

    leads: tuple[LeadLoad, ...]

    @property
    def single_points_of_failure(self) -> tuple[LeadLoad, ...]:
        """The leads whose loss cuts a priority off its actions, most priorities first.

        Example:
            >>> from ecm_plan import load_bundled
            >>> [(l.lead.id, [p.id for p in l.cut_off])
            ...  for l in concentration(load_bundled("sample")).single_points_of_failure]
            [('HoSafe', ['P2', 'P3'])]
        """
        found = [load for load in self.leads if load.cut_off]
        found.sort(key=lambda load: (-len(load.cut_off), -load.sole, _natural(load.lead.id)))
        return tuple(found)

    def to_table(self) -> Table:
        """The leads as a table.

        Example:
            >>> from ecm_plan import load_bundled
            >>> concentration(load_bundled("sample")).to_table().rows[0]
            ('HoSafe', 'Head of Safeguarding', '2', '2', 'P2, P3', 'P2, P3')
        """
        rows = [
            (
                load.lead.id,
                load.lead.label,
                str(load.actions),
                str(load.sole),
                ", ".join(p.id for p in load.priorities),
                ", ".join(p.id for p in load.cut_off),
            )
            for load in self.leads
        ]
        return Table(
            "Leads by actions carried",
            ("Lead", "Name", "Actions", "Sole lead", "Priorities", "Cut off if lost"),
            rows,
            _none_note(rows),
        )


def concentration(plan_or_graph: Plan | PlanGraph, *, top: int | None = None) -> Concentration:
    """Leads by the number of actions they carry, and the single points of failure.

    A lead *cuts a priority off* when it is the only lead of every action of the priority
    that has a lead: losing it leaves the priority with no lead on any of its actions.
    Actions with no lead at all are not counted for anyone (coverage checks report them).
    Only action leads count; leads of priorities, objectives and indicators do not.

    Args:
        plan_or_graph: A plan, or its graph.
        top: Keep only the first ``top`` leads of the ranking (None for all).

    Returns:
        The ranking.

    Example:
        >>> from ecm_plan import load_bundled
        >>> top = concentration(load_bundled("sample"), top=1).leads[0]
        >>> top.lead.id, top.actions, [p.id for p in top.cut_off]
        ('HoSafe', 2, ['P2', 'P3'])

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    reader = _Reader(graph)
    actions: dict[str, int] = defaultdict(int)
    sole: dict[str, int] = defaultdict(int)
    priorities_of: dict[str, set[str]] = defaultdict(set)
    leads_of_priority: dict[str, set[str]] = defaultdict(set)
    for node, node_data in graph.nodes(data=True):
        if node_data.get(KIND) != NodeKind.ACTION:
            continue
        leads = {u for u, d in reader.in_edges(node) if d.get(RELATION) == Relation.LEADS}
        priority = reader.container(node, NodeKind.PRIORITY)
        for lead in leads:
            actions[lead] += 1
            sole[lead] += len(leads) == 1
            if priority is not None:
                priorities_of[lead].add(priority)
        if priority is not None:
            leads_of_priority[priority] |= leads
    cut_off: dict[str, list[str]] = defaultdict(list)
    for priority, leads in leads_of_priority.items():
        if len(leads) == 1:
            cut_off[next(iter(leads))].append(priority)
    loads = [
        LeadLoad(
            reader.ref(lead),
            count,
            sole[lead],
            tuple(reader.ref(p) for p in _sorted(priorities_of[lead])),
            tuple(reader.ref(p) for p in _sorted(cut_off[lead])),
        )
        for lead, count in actions.items()
    ]
    loads.sort(key=lambda load: (-load.actions, -len(load.cut_off), _natural(load.lead.id)))
    return Concentration(tuple(loads[:top] if top is not None else loads))


# -- everything at once ---------------------------------------------------------------------


def dependency_findings(plan_or_graph: Plan | PlanGraph) -> list[Finding]:
    """Every finding of the dependency analysis, most severe first.

    ======  ========  ==========================================================
    code    severity  finding
    ======  ========  ==========================================================
    DEP001  error     a cycle of explicit dependencies (warning when a textual
                      reference is on it)
    DEP002  warning   a dependent certainly due before what it needs
    DEP003  info      a dependent possibly due before what it needs
    DEP004  warning   a textual reference to something the plan does not have
    ======  ========  ==========================================================

    Args:
        plan_or_graph: A plan, or its graph.

    Returns:
        The findings, sorted.

    Example:
        >>> from ecm_plan import load_bundled
        >>> for finding in dependency_findings(load_bundled("sample")):
        ...     print(finding.code, finding.subject, finding.path)
        DEP002 P1.O1.A2 priorities[0].objectives[0].actions[1]

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    reader = _Reader(graph)
    digraph = reader.enables()
    found = [c.finding() for c in _find_cycles(reader, digraph)]
    found += deadline_conflicts(graph).findings()
    found += references(graph).findings()
    return sorted(found)


def dependency_tables(plan_or_graph: Plan | PlanGraph) -> tuple[Table, ...]:
    """The dependency section of a plan report: every analysis as a table.

    References, the order of work (or the cycles, when there are any), deadline conflicts,
    the critical path, what is shared across priorities, and the leads by actions carried.

    Args:
        plan_or_graph: A plan, or its graph.

    Returns:
        The tables, in that order.

    Example:
        >>> from ecm_plan import load_bundled
        >>> for table in dependency_tables(load_bundled("sample")):
        ...     print(table.title)
        Dependencies
        Order of work
        Deadline conflicts
        Critical path
        Shared across priorities
        Leads by actions carried

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan_or_graph)
    found = cycles(graph)
    tables = [references(graph).to_table()]
    tables.append(found.to_table() if found else order_of_work(graph).to_table())
    tables.append(deadline_conflicts(graph).to_table())
    try:
        tables.append(critical_path(graph).to_table())
    except CycleError:
        tables.append(CriticalPath((), None, None).to_table())
    tables += [shared(graph).to_table(), concentration(graph).to_table()]
    return tuple(tables)

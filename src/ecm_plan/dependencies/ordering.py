"""Cycles in the dependencies, and the order of work they allow."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import attrs
import networkx as nx

from ecm_plan._deprecation import alias_table, renamed_keyword
from ecm_plan._gc import gc_paused
from ecm_plan.dependencies._reader import (
    _as_graph,
    _natural,
    _none_note,
    _Reader,
    _sorted,
)
from ecm_plan.dependencies.build import NodeRef
from ecm_plan.exceptions import CycleError, NotInResultError
from ecm_plan.findings import Finding, Severity
from ecm_plan.graph import (
    KIND,
    NodeKind,
    PlanGraph,
)
from ecm_plan.model import Plan
from ecm_plan.tables import Table

__all__ = [
    "Cycle",
    "Cycles",
    "OrderOfWork",
    "cycles",
    "order_of_work",
]


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
class Cycles:
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

    def findings(self) -> tuple[Finding, ...]:
        """A ``DEP001`` finding per cycle (see :meth:`Cycle.finding`).

        Example:
            >>> Cycles(()).findings()
            ()
        """
        return tuple(c.finding() for c in self.cycles)

    def to_tables(self) -> tuple[Table, ...]:
        """The cycles as a table.

        Example:
            >>> Cycles(()).to_tables()[0].notes
            ('(none)',)
        """
        rows = [
            (" -> ".join((*c.ids, c.ids[0])), ", ".join(c.component), "yes" if c.explicit else "no")
            for c in self.cycles
        ]
        return (
            Table(
                "Dependency cycles",
                ("Cycle", "Elements caught", "Explicit"),
                rows,
                _none_note(rows),
            ),
        )

    to_table = alias_table("to_table")


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


@renamed_keyword("cycles", "plan_or_graph", "plan")
@gc_paused()
def cycles(plan: Plan | PlanGraph) -> Cycles:
    """The circles in the dependencies: one cycle for each knot of dependencies.

    Each strongly connected component of the ``enables`` edges with more than one element (or a
    self-loop) is a knot; one cycle through it is reported, with every element of the knot.
    Listing every simple cycle could take exponential time; this takes linear time.

    Args:
        plan: The plan, or its graph.

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
    graph = _as_graph(plan)
    reader = _Reader(graph)
    return Cycles(_find_cycles(reader, reader.enables()))


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
            NotInResultError: The element is not in the order of work (a ``KeyError``).

        Example:
            >>> order = OrderOfWork(((NodeRef("A1", NodeKind.ACTION, "a"),),))
            >>> order.step_of("A1")
            1
            >>> order.step_of("A9")
            Traceback (most recent call last):
            ...
            ecm_plan.exceptions.NotInResultError: 'A9' is not in the order of work; it holds A1
        """
        for i, step in enumerate(self.ids, start=1):
            if element_id in step:
                return i
        known = tuple(element for step in self.ids for element in step)
        raise NotInResultError(element_id, "the order of work", known)

    def to_tables(self) -> tuple[Table, ...]:
        """One row per element, by step.

        Example:
            >>> order = OrderOfWork(((NodeRef("A1", NodeKind.ACTION, "Open a clinic"),),))
            >>> order.to_tables()[0].rows
            (('1', 'A1', 'action', 'Open a clinic'),)
        """
        rows = [
            (str(i), e.id, e.kind.value if e.kind else "", e.label)
            for i, step in enumerate(self.generations, start=1)
            for e in step
        ]
        return (
            Table("Order of work", ("Step", "Element", "Kind", "Label"), rows, _none_note(rows)),
        )

    to_table = alias_table("to_table")


@renamed_keyword("order_of_work", "plan_or_graph", "plan")
@gc_paused()
def order_of_work(plan: Plan | PlanGraph) -> OrderOfWork:
    """The order of work: every action, and every element a dependency touches, in steps.

    The steps are the topological generations of the ``enables`` edges
    (``networkx.topological_generations``): step 1 holds what needs nothing, step 2 what
    needs only step 1, and so on. Outside documents are not work of the plan: they are left
    out, and an element that needs only outside documents is in step 1.

    Args:
        plan: The plan, or its graph.

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
        ecm_plan.exceptions.CycleError: the dependencies form a cycle (A1 -> A2 -> A3 -> A1), ...

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan)
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

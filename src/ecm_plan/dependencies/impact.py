"""Impact: what losing a funding stream, lead, action or objective puts at risk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs
import networkx as nx

from ecm_plan.dependencies._reader import (
    _KIND_ORDER,
    _as_graph,
    _natural,
    _none_note,
    _Reader,
)
from ecm_plan.dependencies.build import NodeRef
from ecm_plan.exceptions import UnknownElementError
from ecm_plan.graph import (
    RELATION,
    NodeKind,
    PlanGraph,
    Relation,
)
from ecm_plan.model import Allocation, Plan
from ecm_plan.report import Table

__all__ = [
    "Affected",
    "FundingAtStake",
    "Impact",
    "impact",
]


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
        ecm_plan.exceptions.UnknownElementError: no element 'ABC' in the graph; did you mean ...

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

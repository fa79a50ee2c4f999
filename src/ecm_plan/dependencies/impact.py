"""Impact: what losing a funding stream, lead, action or objective puts at risk."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ecm_plan import _args
from ecm_plan._deprecation import alias_method, alias_table, renamed_keyword
from ecm_plan._gc import gc_paused
from ecm_plan.dependencies._reader import (
    _KIND_ORDER,
    _as_graph,
    _natural,
    _none_note,
    _Reader,
)
from ecm_plan.dependencies.build import NodeRef
from ecm_plan.exceptions import (
    InvalidChoiceError,
    InvalidShareError,
    NotInResultError,
    UnknownElementError,
)
from ecm_plan.graph import (
    ENTITY,
    LABEL,
    RELATION,
    NodeKind,
    PlanGraph,
    Relation,
)
from ecm_plan.model import Allocation, FundingStream, Money, Period, Plan
from ecm_plan.tables import Table

__all__ = [
    "Affected",
    "FundingAtStake",
    "Impact",
    "Unallocated",
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
        share: The share of the stream that is lost, from 0 (excluded) to 1.

    Example:
        >>> from ecm_plan import Money
        >>> f = FundingAtStake(NodeRef("P1", NodeKind.PRIORITY, "t"), 175000.0,
        ...                    (Allocation("ABG", Money("£175k")), Allocation("ABG")))
        >>> len(f.unquantified)
        1
        >>> attrs.evolve(f, share=0.5).at_stake_gbp
        87500.0

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``share`` and :attr:`at_stake_gbp`.
    """

    priority: NodeRef
    gbp: float
    allocations: tuple[Allocation, ...]
    share: float = 1.0

    @property
    def at_stake_gbp(self) -> float:
        """The money at stake, the stated amounts scaled by the share lost."""
        return self.gbp * self.share

    @property
    def unquantified(self) -> tuple[Allocation, ...]:
        """The allocations that state no amount ("To be confirmed", base budget, none)."""
        return tuple(a for a in self.allocations if not a.is_quantified)

    @property
    def is_quantified(self) -> bool:
        """Whether at least one of the allocations states an amount."""
        return any(a.is_quantified for a in self.allocations)


def _money(gbp: float) -> str:
    return f"-£{-gbp:,.0f}" if gbp < 0 else f"£{gbp:,.0f}"


@attrs.frozen
class Unallocated:
    """The part of a stream's declared amount for one period that no allocation uses.

    A stream may declare what it is worth in a period (Southend's Area Based Grant:
    "£3.754m" for 2008-09) while its allocations, with those of the streams that are part of
    it, state less. The difference is money the plan declares but does not place: losing the
    stream loses it too, though no element shows it. When the allocations state more than
    the declared amount, :attr:`gbp` is negative and :attr:`is_over_allocated` is true.

    Attributes:
        stream: The stream that declares the amount.
        period: The period of the declared amount.
        declared: The declared amount, as the plan writes it.
        allocated_gbp: The stated amounts of the allocations counted against it, in pounds.
        share: The share of the stream that is lost, from 0 (excluded) to 1.

    Example:
        >>> from ecm_plan import Money, Period
        >>> gap = Unallocated(NodeRef("ABG", NodeKind.FUNDING_STREAM, "Area Based Grant"),
        ...                   Period.financial_year(2008), Money("£3.754m"), 3389000.0)
        >>> gap.gbp, gap.is_over_allocated
        (365000.0, False)

    .. versionadded:: 0.2.0
    """

    stream: NodeRef
    period: Period
    declared: Money
    allocated_gbp: float
    share: float = 1.0

    @property
    def gbp(self) -> float:
        """The declared amount less the allocated one, in pounds (negative when over)."""
        return round((self.declared.gbp or 0.0) - self.allocated_gbp, 2)

    @property
    def at_stake_gbp(self) -> float:
        """The unallocated money at stake, :attr:`gbp` scaled by the share lost."""
        return self.gbp * self.share

    @property
    def is_over_allocated(self) -> bool:
        """Whether the allocations state more than the declared amount."""
        return self.gbp < 0

    def summary(self) -> str:
        """One line: the declared amount, the allocated one and the difference.

        Example:
            >>> from ecm_plan import Money, Period
            >>> Unallocated(NodeRef("ABG", NodeKind.FUNDING_STREAM, "Area Based Grant"),
            ...             Period.financial_year(2008), Money("£100k"), 120000.0).summary()
            'Declared for 2008-09: £100k; allocated £120,000; allocated beyond it: £20,000'
        """
        head = f"Declared for {self.period.label}: {self.declared.text}; allocated "
        head += _money(self.allocated_gbp)
        if self.is_over_allocated:
            return f"{head}; allocated beyond it: {_money(-self.gbp)}"
        return f"{head}; not allocated: {_money(self.gbp)}"


@attrs.frozen
class Impact:
    """What losing one element puts at risk: the work it pays for, and all that work serves.

    Attributes:
        source: The lost element.
        affected: Every element put at risk, by kind (priorities, objectives, actions,
            targets, indicators, outcomes, ...) and then id; the plan itself is not listed.
        funding: For a funding stream, the money at stake per priority, by priority id;
            empty otherwise.
        share: The share of the element that is lost, from 0 (excluded) to 1 (all of it).
        unallocated: For a funding stream, the part of each amount it declares that no
            allocation uses (see :class:`Unallocated`); empty otherwise.

    Example:
        >>> from ecm_plan import load_bundled
        >>> sorted(impact(load_bundled("sample"), "ABG").ids(NodeKind.PRIORITY))
        ['P1', 'P2']

    .. versionadded:: 0.1.0
    """

    source: NodeRef
    affected: tuple[Affected, ...]
    funding: tuple[FundingAtStake, ...] = ()
    share: float = 1.0
    unallocated: tuple[Unallocated, ...] = ()

    def __iter__(self) -> Iterator[Affected]:
        """The affected elements."""
        return iter(self.affected)

    def __len__(self) -> int:
        """The number of affected elements."""
        return len(self.affected)

    def of_kind(self, *kinds: NodeKind | str) -> tuple[Affected, ...]:
        """The affected elements of these kinds (all of them when none are given).

        Example:
            >>> from ecm_plan import load_bundled
            >>> [a.element.id for a in impact(load_bundled("sample"), "ABG").of_kind("outcome")]
            ['outcome:be_healthy', 'outcome:enjoy_and_achieve', 'outcome:stay_safe']

        Raises:
            InvalidChoiceError: A kind is not a node kind (a :class:`ValueError`).
        """
        wanted = {_node_kind(k) for k in kinds}
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
            NotInResultError: The element is not affected (a ``KeyError``).

        Example:
            >>> from ecm_plan import load_bundled
            >>> lost = impact(load_bundled("sample"), "P1.O1.A1")
            >>> lost.path_to("outcome:be_healthy")
            ('P1.O1.A1', 'P1.O1', 'P1', 'aim:be_healthy.3', 'outcome:be_healthy')
            >>> lost.path_to("ABG")
            Traceback (most recent call last):
            ...
            ecm_plan.exceptions.NotInResultError: 'ABG' is not in the impact of losing ...
        """
        for affected in self.affected:
            if affected.element.id == element_id:
                return affected.path
        raise NotInResultError(
            element_id,
            f"the impact of losing {self.source.id!r}",
            tuple(a.element.id for a in self.affected),
        )

    @property
    def total_gbp(self) -> float:
        """The stated amounts of the allocations over all priorities, in pounds (unscaled).

        Example:
            >>> from ecm_plan import load_bundled
            >>> impact(load_bundled("sample"), "ABG").total_gbp
            315000.0
        """
        return sum(f.gbp for f in self.funding)

    @property
    def at_stake_gbp(self) -> float:
        """The allocated money at stake, :attr:`total_gbp` scaled by the share lost.

        Example:
            >>> from ecm_plan import load_bundled
            >>> impact(load_bundled("sample"), "ABG", share=0.2).at_stake_gbp
            63000.0
        """
        return self.total_gbp * self.share

    @property
    def unallocated_gbp(self) -> float:
        """The declared money that no allocation uses, over all periods, in pounds (unscaled).

        Example:
            >>> from ecm_plan import load_bundled
            >>> impact(load_bundled("southend-2008-09"), "ABG").unallocated_gbp
            365000.0
        """
        return sum(u.gbp for u in self.unallocated)

    def to_tables(self) -> tuple[Table, ...]:
        """The affected elements as a table and, for a funding stream, the money at stake.

        Example:
            >>> from ecm_plan import load_bundled
            >>> impact(load_bundled("sample"), "P1.O1.A2").to_tables()[0].rows[0]
            ('priority', 'P1', 'Reduce teenage pregnancy and improve sexual health', 'P1.O1')
            >>> [t.title for t in impact(load_bundled("sample"), "ABG").to_tables()]
            ['Impact of losing ABG (Area Based Grant)', 'Funding at stake: ABG (Area Based Grant)']

        .. versionadded:: 0.2.0 Replaces ``to_table()`` and ``funding_table()``.
        """
        if self.source.kind is NodeKind.FUNDING_STREAM:
            return (self._affected_table(), self._funding_table())
        return (self._affected_table(),)

    def _affected_table(self) -> Table:
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

    to_table = alias_table("to_table")

    def _funding_table(self) -> Table:
        """The money at stake per priority, for a funding stream.

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.report import render
            >>> print(render(impact(load_bundled("sample"), "ABG").to_tables()[1], max_width=20))
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
            Declared for 2009-10: £3.2m; allocated £315,000; not allocated: £2,885,000
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
        notes = [total] if rows else ["(none)"]
        notes += [gap.summary() for gap in self.unallocated]
        if self.share != 1:
            at_stake = self.at_stake_gbp + sum(max(u.at_stake_gbp, 0) for u in self.unallocated)
            notes.append(
                f"A cut of {self.share:.0%}: {_money(at_stake)} at stake "
                "(stated allocations and unallocated money, scaled)"
            )
        return Table(
            f"Funding at stake: {self.source.id} ({self.source.label})",
            ("Priority", "Label", "Amount", "Allocations", "Not quantified"),
            rows,
            tuple(notes),
        )

    funding_table = alias_method("funding_table", "to_tables()[1]", _funding_table)


def _node_kind(kind: NodeKind | str) -> NodeKind:
    try:
        return NodeKind(kind)
    except ValueError:
        raise InvalidChoiceError(kind, "node kind", [k.value for k in NodeKind]) from None


def _affected_key(reader: _Reader, node: str) -> tuple[int, tuple[Any, ...]]:
    kind = reader.kind(node)
    return (_KIND_ORDER.get(kind, len(_KIND_ORDER)) if kind else len(_KIND_ORDER), _natural(node))


def _funding(reader: _Reader, streams: Iterable[str], share: float) -> tuple[FundingAtStake, ...]:
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
            share,
        )
        for priority, allocations in sorted(per_priority.items(), key=lambda i: _natural(i[0]))
    )


def _unallocated(
    reader: _Reader, stream: str, streams: Iterable[str], share: float
) -> tuple[Unallocated, ...]:
    entity = reader.graph.nodes[stream].get(ENTITY)
    if not isinstance(entity, FundingStream) or not entity.amounts:
        return ()
    declared = {period: money for period, money in entity.amounts.items() if money.gbp is not None}
    allocated = dict.fromkeys(declared, 0.0)
    only = next(iter(declared)) if len(declared) == 1 else None
    for part in streams:
        for _, data in reader.out_edges(part):
            allocation = data.get("allocation")
            if data.get(RELATION) != Relation.FUNDS or not isinstance(allocation, Allocation):
                continue
            gbp = allocation.amount.gbp if allocation.amount is not None else None
            period = allocation.period if allocation.period is not None else only
            if gbp is not None and period in allocated:
                allocated[period] += gbp
    return tuple(
        Unallocated(reader.ref(stream), period, money, allocated[period], share)
        for period, money in sorted(declared.items(), key=lambda i: i[0].start)
    )


def _check_share(share: object) -> float:
    if isinstance(share, bool) or not isinstance(share, int | float):
        raise InvalidShareError(share)
    if not 0 < share <= 1:  # also refuses nan, and ints too large for a float
        raise InvalidShareError(share)
    return float(share)


def _resolve(graph: PlanGraph, reader: _Reader, element: str) -> str:
    """The node of an element id, or of a funding stream named so (case aside)."""
    if element in graph:
        return element
    wanted = element.casefold().strip()
    named = sorted(
        (
            node
            for node, data in graph.nodes(data=True)
            if reader.kind(node) is NodeKind.FUNDING_STREAM
            and str(data.get(LABEL, "")).casefold().strip() == wanted
        ),
        key=_natural,
    )
    if len(named) == 1:
        return named[0]
    if named:
        raise UnknownElementError(element, named)
    names = [
        str(data.get(LABEL, ""))
        for node, data in graph.nodes(data=True)
        if reader.kind(node) is NodeKind.FUNDING_STREAM
    ]
    near = difflib.get_close_matches(element, [*map(str, graph), *names], n=3)
    raise UnknownElementError(element, near)


def _parts(reader: _Reader, stream: str) -> list[str]:
    """The streams that are part of a stream, at any depth (along ``includes`` edges)."""
    found: list[str] = []
    stack = [stream]
    while stack:
        for part, data in reader.out_edges(stack.pop()):
            if data.get(RELATION) == Relation.INCLUDES and part != stream and part not in found:
                found.append(part)
                stack.append(part)
    return sorted(found, key=_natural)


def _contained(reader: _Reader, roots: Iterable[str]) -> dict[str, list[str]]:
    """The roots and every element inside them, each with what it holds (``part_of``, down)."""
    children: dict[str, list[str]] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node in children:
            continue
        inside = [c for c, d in reader.in_edges(node) if d.get(RELATION) == Relation.PART_OF]
        children[node] = inside
        stack += inside
    return children


def _paths(reader: _Reader, source: str, children: dict[str, list[str]]) -> dict[str, list[str]]:
    """Shortest paths from the source: along every edge, and into what ``children`` holds."""
    succ = reader.graph.succ
    paths: dict[str, list[str]] = {source: [source]}
    level = [source]
    while level:
        following: list[str] = []
        for node in level:
            for target in (*succ[node], *children.get(node, ())):
                if target not in paths:
                    paths[target] = [*paths[node], target]
                    following.append(target)
        level = following
    return paths


@renamed_keyword("impact", "plan_or_graph", "plan")
@gc_paused()
def impact(plan: Plan | PlanGraph, element_id: str, *, share: float = 1.0) -> Impact:
    """What losing an element puts at risk: the work it pays for, and everything that work serves.

    The affected elements are found with one breadth-first search, which also gives the
    shortest path to each. Two rules make the search:

    * **containment**: the lost element, and for a funding stream every element it (or a
      stream that is part of it) funds, takes down everything inside it: an objective's
      actions and milestones, a priority's objectives and actions;
    * **contribution**: from every element reached, the search follows the graph's edges,
      from what contributes to what it serves: an action to its objective and priority and
      to its targets and their indicators, a priority to its outcomes and aims (and, for an
      organisational priority, the service priorities it supports), a prerequisite to the
      elements that need it (``enables`` and ``referenced_by``), a stream to the streams
      that are part of it.

    So losing a stream that funds an objective puts the objective's actions at risk, with
    their targets and indicators; losing a lead puts at risk what it leads and what that
    serves; losing an action, its milestones, its objective and priority, and so on. The
    plan itself is not listed.

    For a funding stream, :attr:`Impact.funding` gives the money at stake per priority (the
    stated amounts of the allocations of the stream and of the streams that are part of it,
    summed under the priority of the element each funds), and :attr:`Impact.unallocated` the
    part of each amount the stream declares that no allocation uses: for each period with a
    declared amount, that amount less the stated amounts of the allocations (of the stream
    and its parts) for that period, counting allocations that name no period when the stream
    declares an amount for one period only. ``share`` scales the money at stake for a partial
    cut; the elements at risk are the same.

    Args:
        plan: The plan, or its graph (a portfolio graph too; ids are then
            ``<plan id>:<element id>``).
        element_id: The id of the lost element (its node id), or the name of a funding
            stream ("Area Based Grant").
        share: The share of the element that is lost, more than 0 and at most 1.

    Returns:
        The impact.

    Raises:
        UnknownElementError: No node has this id and no funding stream this name (a
            ``KeyError``).
        InvalidShareError: ``share`` is not more than 0 and at most 1 (a ``ValueError``).

    Example:
        >>> from ecm_plan import load_bundled
        >>> plan = load_bundled("sample")
        >>> lost = impact(plan, "Area Based Grant", share=0.5)
        >>> [(f.priority.id, f.gbp, f.at_stake_gbp) for f in lost.funding]
        [('P1', 175000.0, 87500.0), ('P2', 140000.0, 70000.0)]
        >>> lost.path_to("P2")
        ('ABG', 'ABG(CF)', 'P2.O1.A1', 'P2.O1', 'P2')
        >>> impact(plan, "ABC")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownElementError: no element 'ABC' in the graph; did you mean ...
        >>> impact(plan, "ABG", share=1.5)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidShareError: share must be more than 0 and at most 1 ...

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Containment (a funded objective's actions are at risk), ``share``, the unallocated
       money, stream names, and the plan node left out.
    """
    _args.require_text(element_id, "element_id")
    share = _check_share(share)
    graph = _as_graph(plan)
    reader = _Reader(graph)
    source = _resolve(graph, reader, element_id)
    streams = [source]
    roots = {source}
    if reader.kind(source) is NodeKind.FUNDING_STREAM:
        streams += _parts(reader, source)
        roots |= {
            funded
            for stream in streams
            for funded, data in reader.out_edges(stream)
            if data.get(RELATION) == Relation.FUNDS
        }
    paths = _paths(reader, source, _contained(reader, roots))
    affected = tuple(
        Affected(reader.ref(node), tuple(paths[node]))
        for node in sorted(paths, key=lambda n: _affected_key(reader, n))
        if node != source and reader.kind(node) is not NodeKind.PLAN
    )
    if reader.kind(source) is not NodeKind.FUNDING_STREAM:
        return Impact(reader.ref(source), affected, (), share)
    return Impact(
        reader.ref(source),
        affected,
        _funding(reader, streams, share),
        share,
        _unallocated(reader, source, streams, share),
    )

"""Indicators and funding shared across priorities, and leads carrying the most work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import attrs
import networkx as nx

from ecm_plan import _args
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
from ecm_plan.graph import (
    KIND,
    RELATION,
    NodeKind,
    PlanGraph,
    Relation,
)
from ecm_plan.model import Plan
from ecm_plan.tables import Table

__all__ = [
    "Concentration",
    "LeadLoad",
    "SharedElement",
    "Sharing",
    "concentration",
    "shared",
]


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

    def to_tables(self) -> tuple[Table, ...]:
        """Both lists as one table.

        Example:
            >>> from ecm_plan import load_bundled
            >>> shared(load_bundled("sample")).to_tables()[0].rows
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
        return (
            Table(
                "Shared across priorities",
                ("Kind", "Element", "Label", "Priorities", "Objectives"),
                rows,
                _none_note(rows),
            ),
        )

    to_table = alias_table("to_table")


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


@renamed_keyword("shared", "plan_or_graph", "plan")
@gc_paused()
def shared(plan: Plan | PlanGraph, *, min_priorities: int = 2) -> Sharing:
    """Indicators and funding streams shared across priorities.

    An indicator is shared when targets of elements under ``min_priorities`` or more
    priorities cite it (a target of an action, objective or priority counts for that
    element's priority); in a portfolio graph, a National Indicator node gathers the
    indicators of every plan. A funding stream is shared when it funds elements under that
    many priorities, counting the streams that are part of it (``includes``).

    Args:
        plan: The plan, or its graph.
        min_priorities: How many priorities make an element shared (1 or more).

    Returns:
        The shared indicators and streams.

    Example:
        >>> from ecm_plan import load_bundled
        >>> sharing = shared(load_bundled("sample"), min_priorities=1)
        >>> [(s.element.id, s.priority_ids) for s in sharing.indicators]
        [('NI 62', ('P2',)), ('NI 112', ('P1',)), ('NI 157', ('P3',))]

    .. versionadded:: 0.1.0
    """
    _args.require_int(min_priorities, "min_priorities", 1)
    graph = _as_graph(plan)
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

    def to_tables(self) -> tuple[Table, ...]:
        """The leads as a table.

        Example:
            >>> from ecm_plan import load_bundled
            >>> concentration(load_bundled("sample")).to_tables()[0].rows[0]
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
        return (
            Table(
                "Leads by actions carried",
                ("Lead", "Name", "Actions", "Sole lead", "Priorities", "Cut off if lost"),
                rows,
                _none_note(rows),
            ),
        )

    to_table = alias_table("to_table")


@renamed_keyword("concentration", "plan_or_graph", "plan")
@gc_paused()
def concentration(plan: Plan | PlanGraph, *, top: int | None = None) -> Concentration:
    """Leads by the number of actions they carry, and the single points of failure.

    A lead *cuts a priority off* when it is the only lead of every action of the priority
    that has a lead: losing it leaves the priority with no lead on any of its actions.
    Actions with no lead at all are not counted for anyone (coverage checks report them).
    Only action leads count; leads of priorities, objectives and indicators do not.

    Args:
        plan: The plan, or its graph.
        top: Keep only the first ``top`` leads of the ranking (0 or more; None for all).

    Returns:
        The ranking.

    Example:
        >>> from ecm_plan import load_bundled
        >>> top = concentration(load_bundled("sample"), top=1).leads[0]
        >>> top.lead.id, top.actions, [p.id for p in top.cut_off]
        ('HoSafe', 2, ['P2', 'P3'])

    .. versionadded:: 0.1.0
    """
    if top is not None:
        _args.require_int(top, "top", 0)
    graph = _as_graph(plan)
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

"""Deadline conflicts and the critical path of dated dependencies."""

from __future__ import annotations

import datetime as dt
import enum
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
)
from ecm_plan.dependencies.build import NodeRef
from ecm_plan.dependencies.ordering import _find_cycles
from ecm_plan.exceptions import CycleError
from ecm_plan.findings import Finding, Severity
from ecm_plan.graph import (
    PlanGraph,
)
from ecm_plan.model import Due, Plan
from ecm_plan.tables import Table

__all__ = [
    "Certainty",
    "CriticalPath",
    "DeadlineConflict",
    "DeadlineConflicts",
    "PathStep",
    "critical_path",
    "deadline_conflicts",
]


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
class DeadlineConflicts:
    """The deadline conflicts of a plan, certain ones first.

    Attributes:
        conflicts: The conflicts.

    Example:
        >>> len(DeadlineConflicts(()))
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
            >>> DeadlineConflicts(()).certain
            ()
        """
        return tuple(c for c in self.conflicts if c.certainty is Certainty.CERTAIN)

    def findings(self) -> tuple[Finding, ...]:
        """One finding per conflict (see :meth:`DeadlineConflict.finding`).

        Example:
            >>> from ecm_plan import load_bundled
            >>> [f.code for f in deadline_conflicts(load_bundled("sample")).findings()]
            ['DEP002']
        """
        return tuple(c.finding() for c in self.conflicts)

    def to_tables(self) -> tuple[Table, ...]:
        """The conflicts as a table.

        Example:
            >>> DeadlineConflicts(()).to_tables()[0].headers
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
        return (
            Table(
                "Deadline conflicts",
                ("Dependent", "Due", "Needs", "Due", "Conflict"),
                rows,
                _none_note(rows),
            ),
        )

    to_table = alias_table("to_table")


def _window(due: Due | None) -> tuple[dt.date, dt.date] | None:
    if due is None or due.earliest is None or due.deadline is None:
        return None
    return due.earliest, due.deadline


@renamed_keyword("deadline_conflicts", "plan_or_graph", "plan")
@gc_paused()
def deadline_conflicts(plan: Plan | PlanGraph) -> DeadlineConflicts:
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
        plan: The plan, or its graph.

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
    graph = _as_graph(plan)
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
    return DeadlineConflicts(tuple(found))


@attrs.frozen
class PathStep:
    """An element on the critical path, with its due date and the day it can be finished by.

    Attributes:
        element: The element.
        due: Its due date.
        finish: Its effective deadline: the latest deadline among it and everything it needs.

    Example:
        >>> from ecm_plan import NodeKind
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

    def to_tables(self) -> tuple[Table, ...]:
        """The chain as a table, with its span as a note.

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.report import render_all
            >>> print(render_all(critical_path(load_bundled("sample")).to_tables(), max_width=30))
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
        return (
            Table(
                "Critical path",
                ("Step", "Element", "Label", "Due", "Deadline", "Finish by"),
                rows,
                notes,
            ),
        )

    to_table = alias_table("to_table")


_START = "\x00start"


@renamed_keyword("critical_path", "plan_or_graph", "plan")
@gc_paused()
def critical_path(plan: Plan | PlanGraph) -> CriticalPath:
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
        plan: The plan, or its graph.

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
    graph = _as_graph(plan)
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

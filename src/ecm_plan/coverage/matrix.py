"""The outcome matrix: the ECM outcomes and aims set against the priorities of a plan.

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.coverage import outcome_matrix
    >>> outcome_matrix(load_bundled("sample")).row("stay_safe").priorities
    1

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum

import attrs

from ecm_plan._deprecation import alias_table
from ecm_plan.catalog import outcomes
from ecm_plan.coverage._facts import Facts, _need_graph, _need_plan
from ecm_plan.exceptions import NotInResultError
from ecm_plan.graph import PlanGraph
from ecm_plan.model import OutcomeKey, Plan, Priority, PriorityKind
from ecm_plan.tables import Table

__all__ = [
    "Link",
    "MatrixColumn",
    "MatrixRow",
    "OutcomeMatrix",
    "outcome_matrix",
]


class Link(enum.StrEnum):
    """How a priority is linked to an outcome or aim in the :class:`OutcomeMatrix`.

    ``stated``: the document states the link; ``inferred``: the transcriber inferred it;
    ``outcome``: (aim rows) the priority links to the whole outcome, naming no aims;
    ``supports``: (outcome rows) an organisational priority supports a priority that serves
    the outcome.

    Example:
        >>> Link.INFERRED.marker
        'i'

    .. versionadded:: 0.1.0
    """

    STATED = "stated"
    INFERRED = "inferred"
    OUTCOME = "outcome"
    SUPPORTS = "supports"

    @property
    def marker(self) -> str:
        """The mark in a matrix table (``x``, ``i``, ``~`` or ``s``)."""
        return _MARKERS[self]


_MARKERS = {Link.STATED: "x", Link.INFERRED: "i", Link.OUTCOME: "~", Link.SUPPORTS: "s"}
_SERVING = frozenset({Link.STATED, Link.INFERRED})


@attrs.frozen
class MatrixColumn:
    """A priority as a column of the :class:`OutcomeMatrix`, with what lies under it.

    Attributes:
        priority: The priority's id.
        label: Its code if it has one, else its id.
        title: Its title.
        kind: Service or organisational.
        objectives: How many objectives it has.
        actions: How many actions it has, its own and its objectives'.
        indicators: The ids of the indicators its targets cite, in order of first use.
        allocations: How many funding allocations it, its objectives and actions carry.

    Example:
        >>> from ecm_plan import load_bundled
        >>> column = outcome_matrix(load_bundled("sample")).columns[0]
        >>> column.label, column.objectives, column.actions, column.indicators
        ('Priority 1', 1, 2, ('NI 112',))

    .. versionadded:: 0.1.0
    """

    priority: str
    label: str
    title: str
    kind: PriorityKind
    objectives: int
    actions: int
    indicators: tuple[str, ...]
    allocations: int


@attrs.frozen
class MatrixRow:
    """An outcome or an aim as a row of the :class:`OutcomeMatrix`.

    The totals count what lies under the priorities that serve the row (a stated or inferred
    link; for an aim row, a link naming the aim).

    Attributes:
        outcome: The outcome.
        aim: The aim id (``be_healthy.3``) for an aim row, else None.
        title: The outcome's or aim's title.
        links: One cell per column: how that priority is linked, or None.
        priorities: How many priorities serve it.
        objectives: How many objectives those priorities have.
        actions: How many actions.
        indicators: How many distinct indicators their targets cite.
        allocations: How many funding allocations they carry.

    Example:
        >>> from ecm_plan import load_bundled
        >>> row = outcome_matrix(load_bundled("sample")).row("stay_safe")
        >>> [link.value if link else None for link in row.links], row.actions
        ([None, 'stated', 'supports'], 2)

    .. versionadded:: 0.1.0
    """

    outcome: OutcomeKey
    aim: str | None
    title: str
    links: tuple[Link | None, ...]
    priorities: int
    objectives: int
    actions: int
    indicators: int
    allocations: int

    @property
    def key(self) -> str:
        """The aim id, or the outcome key for an outcome row."""
        return self.aim or self.outcome.value


@attrs.frozen
class OutcomeMatrix:
    """The outcomes and their aims set against the priorities of a plan.

    Attributes:
        plan: The plan's id.
        columns: One per priority, in plan order.
        rows: One per outcome, each followed by its five aims, in framework order.

    Example:
        >>> from ecm_plan import load_bundled
        >>> table = outcome_matrix(load_bundled("sample")).to_tables(aims=False)[0]
        >>> table.headers
        ('Outcome', 'Priority 1', 'Priority 2', 'KC1', 'Priorities', 'Objectives', 'Actions',
         'Indicators', 'Funding lines')
        >>> for row in table.rows[:3]:
        ...     print(row)
        ('Be healthy', 'x', '', 's', '1', '1', '2', '1', '2')
        ('Stay safe', '', 'x', 's', '1', '1', '2', '1', '1')
        ('Enjoy and achieve', '', 'i', 's', '1', '1', '2', '1', '1')

    .. versionadded:: 0.1.0
    """

    plan: str
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]

    def row(self, key: str) -> MatrixRow:
        """The row of an outcome key or aim id.

        Raises:
            NotInResultError: No row has this key (a :class:`KeyError`).

        Example:
            >>> from ecm_plan import load_bundled
            >>> outcome_matrix(load_bundled("sample")).row("be_healthy.3").priorities
            1
        """
        for found in self.rows:
            if found.key == key:
                return found
        raise NotInResultError(key, "the outcome matrix", [r.key for r in self.rows])

    def to_tables(self, *, aims: bool = True) -> tuple[Table, ...]:
        """The matrix as a table, with or without the aim rows.

        Example:
            >>> from ecm_plan import load_bundled
            >>> len(outcome_matrix(load_bundled("sample")).to_tables()[0].rows)
            30
        """
        rows = []
        for found in self.rows:
            if found.aim is not None and not aims:
                continue
            title = f"  {found.aim.rsplit('.', 1)[1]}. {found.title}" if found.aim else found.title
            marks = ["" if link is None else link.marker for link in found.links]
            rows.append(
                (
                    title,
                    *marks,
                    found.priorities,
                    found.objectives,
                    found.actions,
                    found.indicators,
                    found.allocations,
                )
            )
        headers = (
            "Outcome / aim" if aims else "Outcome",
            *(c.label for c in self.columns),
            "Priorities",
            "Objectives",
            "Actions",
            "Indicators",
            "Funding lines",
        )
        legend = (
            "x stated link; i inferred link; ~ linked to the whole outcome (aim rows); "
            "s through a supported priority"
        )
        return (Table(f"Outcomes and priorities: {self.plan}", headers, rows, (legend,)),)

    to_table = alias_table("to_table")


def _column(priority: Priority, cited: list[str]) -> MatrixColumn:
    indicators = dict.fromkeys(cited)
    allocations = (
        len(priority.funding)
        + sum(len(o.funding) for o in priority.objectives)
        + sum(len(a.funding) for a in priority.iter_actions())
    )
    return MatrixColumn(
        priority=priority.id,
        label=priority.code or priority.id,
        title=priority.title,
        kind=priority.kind,
        objectives=len(priority.objectives),
        actions=sum(1 for _ in priority.iter_actions()),
        indicators=tuple(indicators),
        allocations=allocations,
    )


def _row(
    key: OutcomeKey,
    aim: str | None,
    title: str,
    links: list[Link | None],
    columns: tuple[MatrixColumn, ...],
) -> MatrixRow:
    serving = [c for c, link in zip(columns, links, strict=True) if link in _SERVING]
    return MatrixRow(
        outcome=key,
        aim=aim,
        title=title,
        links=tuple(links),
        priorities=len(serving),
        objectives=sum(c.objectives for c in serving),
        actions=sum(c.actions for c in serving),
        indicators=len({i for c in serving for i in c.indicators}),
        allocations=sum(c.allocations for c in serving),
    )


def _link(inferred: bool) -> Link:
    return Link.INFERRED if inferred else Link.STATED


def outcome_matrix(plan: Plan, *, graph: PlanGraph | None = None) -> OutcomeMatrix:
    """Set the ECM outcomes and aims against the priorities of a plan.

    A cell says how a priority is linked to the outcome or aim: stated, inferred by the
    transcriber, (aim rows) through a link to the whole outcome, or (outcome rows, for an
    organisational priority) through a service priority it supports. Each row totals the
    objectives, actions, indicators and funding lines under the priorities that serve it.

    Args:
        plan: The plan.
        graph: The plan's graph (:func:`~ecm_plan.graph.build_graph`), when the caller has
            built it: the outcomes each priority reaches, through the priorities it supports,
            are then read from its edges rather than from the model; the result is the same.

    Returns:
        The matrix; ``to_table()`` renders it.


    Raises:
        AnalysisError: ``graph`` is not the graph of this plan.

    Example:
        >>> from ecm_plan import load_bundled
        >>> m = outcome_matrix(load_bundled("sample"))
        >>> [c.priority for c in m.columns], len(m.rows)
        (['P1', 'P2', 'P3'], 30)
        >>> m.row("be_healthy.3").links[0].value, m.row("be_healthy.1").links[0]
        ('stated', None)
        >>> from ecm_plan import build_graph
        >>> plan = load_bundled("sample")
        >>> outcome_matrix(plan, graph=build_graph(plan)) == m
        True
        >>> from ecm_plan import Period, Plan
        >>> outcome_matrix(Plan(id="empty", authority="A", title="T",
        ...                     period=Period.financial_year(2009))).columns
        ()

    .. versionadded:: 0.1.0
    """
    _need_plan(plan, "outcome_matrix")
    _need_graph(graph, plan, "outcome_matrix")
    return _outcome_matrix(plan, Facts(plan, graph))


def _outcome_matrix(plan: Plan, facts: Facts) -> OutcomeMatrix:
    """:func:`outcome_matrix` from facts already gathered (the report's one pass)."""
    cited: dict[str, list[str]] = {p.id: [] for p in plan.priorities}
    for item in facts.targets:
        if item.target.indicator is not None:
            cited[item.priority.id].append(item.target.indicator)
    columns = tuple(_column(p, cited[p.id]) for p in plan.priorities)
    rows: list[MatrixRow] = []
    for found in outcomes():
        key = found.key
        outcome_links: list[Link | None] = []
        aim_links: dict[str, list[Link | None]] = {a.id: [] for a in found.aims}
        for priority in plan.priorities:
            own = [link for link in priority.outcomes if link.outcome is key]
            cell: Link | None = None
            if own:
                cell = _link(all(link.inferred for link in own))
            elif key in facts.reach[priority.id]:
                cell = Link.SUPPORTS
            outcome_links.append(cell)
            for aim in found.aims:
                naming = [link for link in own if aim.number in link.aims]
                if naming:
                    aim_links[aim.id].append(_link(all(link.inferred for link in naming)))
                elif any(not link.aims for link in own):
                    aim_links[aim.id].append(Link.OUTCOME)
                else:
                    aim_links[aim.id].append(None)
        rows.append(_row(key, None, found.title, outcome_links, columns))
        rows.extend(_row(key, a.id, a.title, aim_links[a.id], columns) for a in found.aims)
    return OutcomeMatrix(plan.id, columns, tuple(rows))

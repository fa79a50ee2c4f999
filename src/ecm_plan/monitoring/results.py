"""Monitoring results: the result types, and a document's own judgement read.

What :func:`~ecm_plan.monitoring.assess.assess_plan` and
:func:`~ecm_plan.monitoring.assess.assess_portfolio` give: a :class:`MonitoringResult` (one
:class:`MonitoringRow` per indicator or target assessed, each with its :class:`Travel`,
:class:`MonitoredPoint` history and :class:`NextTarget`; an :class:`Unassessed` entry for each
that could not be; :class:`RollUp` counts by priority and by outcome) or a
:class:`PortfolioResult`; and :func:`read_reported`, which reads the ``status`` column of the
returns in the common vocabularies (:data:`REPORTED_VOCABULARY`).

Every name here is also importable from :mod:`ecm_plan.monitoring` and
:mod:`ecm_plan.monitoring.assess`.

Example:
    >>> read_reported("on track")
    frozenset({<Status.GREEN: 'green'>})

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math
import re
from typing import Final

import attrs

from ecm_plan import _args
from ecm_plan.findings import Finding
from ecm_plan.monitoring.rules import RatingRule
from ecm_plan.periods import Period
from ecm_plan.tables import Table
from ecm_plan.trajectory import (
    Direction,
    MonitoringCategory,
    PlanTrajectory,
    Projection,
    Status,
)

__all__ = [
    "REPORTED_VOCABULARY",
    "MonitoredPoint",
    "MonitoringResult",
    "MonitoringRow",
    "NextTarget",
    "PortfolioResult",
    "RollUp",
    "Travel",
    "Unassessed",
    "read_reported",
]

# --------------------------------------------------------------------------------------------
# The document's own judgement
# --------------------------------------------------------------------------------------------

_G, _A, _R = Status.GREEN, Status.AMBER, Status.RED
_C = MonitoringCategory
REPORTED_VOCABULARY: Final[dict[str, frozenset[Status] | MonitoringCategory]] = {
    "green": frozenset({_G}),
    "g": frozenset({_G}),
    "on target": frozenset({_G}),
    "on track": frozenset({_G}),
    "achieved": frozenset({_G}),
    "met": frozenset({_G}),
    "target met": frozenset({_G}),
    "amber": frozenset({_A}),
    "a": frozenset({_A}),
    "at risk": frozenset({_A}),
    "close to target": frozenset({_A}),
    "red": frozenset({_R}),
    "r": frozenset({_R}),
    "not met": frozenset({_R}),
    "target not met": frozenset({_R}),
    "off target": frozenset({_A, _R}),
    "off track": frozenset({_A, _R}),
    "below target": frozenset({_A, _R}),
    "ahead": _C.AHEAD,
    "ahead of target": _C.AHEAD,
    "on course": _C.ON_COURSE,
    "slippage": _C.SLIPPAGE,
    "no progress": _C.NO_PROGRESS,
    "not yet assessed": _C.NOT_YET_ASSESSED,
}
"""The words a document's own judgement is read in (lower case, spaces for ``_`` and ``-``).

A RAG word maps to the statuses it allows ("off target" allows amber or red); a monitoring
category (AHEAD / ON COURSE / SLIPPAGE / NO PROGRESS / NOT YET ASSESSED) to the category.
"""

_SPACES = re.compile(r"[\s_\-]+")


def read_reported(text: str | None) -> frozenset[Status] | MonitoringCategory | None:
    """What a document's own judgement says, in the library's terms, or None if unreadable.

    Args:
        text: The judgement as written (``"Green"``, ``"ON COURSE"``, ``"on target"``).

    Returns:
        The statuses a RAG word allows, the monitoring category named, or None for no text
        or words the library does not read (:data:`REPORTED_VOCABULARY`).

    Example:
        >>> read_reported("ON COURSE")
        <MonitoringCategory.ON_COURSE: 'on_course'>
        >>> sorted(read_reported("Off target"))
        [<Status.AMBER: 'amber'>, <Status.RED: 'red'>]
        >>> read_reported("improving?") is None
        True

    .. versionadded:: 0.2.0
    """
    if text is not None:
        _args.require_text(text, "text")
    if text is None:
        return None
    key = _SPACES.sub(" ", text.strip().lower()).strip(" .!")
    return REPORTED_VOCABULARY.get(key)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Travel:
    """Direction of travel three ways, with the polarity (or the target's criterion).

    Attributes:
        short_term: Against the previous return (of the same kind of period; for a level,
            any earlier return), or None when there is none.
        long_term: Against the same period a year earlier, or None.
        since_baseline: Against the trajectory's baseline, or None.

    Example:
        >>> Travel(Direction.IMPROVING, None, Direction.WORSENING).long_term is None
        True

    .. versionadded:: 0.2.0
    """

    short_term: Direction | None
    long_term: Direction | None
    since_baseline: Direction | None


@attrs.frozen
class MonitoredPoint:
    """One actual value placed on its trajectory.

    Attributes:
        period: The return's period.
        actual: The actual value.
        planned: The planned value for the period (a profiled value for a quarter or month).
        status: The status by the rule.
        category: The monitoring category.

    Example:
        >>> fy = Period.financial_year(2009)
        >>> MonitoredPoint(fy, 70.0, 85.0, Status.RED, MonitoringCategory.SLIPPAGE).status
        <Status.RED: 'red'>

    .. versionadded:: 0.2.0
    """

    period: Period
    actual: float
    planned: float
    status: Status
    category: MonitoringCategory


@attrs.frozen
class NextTarget:
    """The next target the plan sets after a return's period.

    Attributes:
        period: The target period.
        value: The planned figure (resolved, for a relative target).
        text: The plan's text of the value.

    Example:
        >>> NextTarget(Period.financial_year(2010), 90.0, "90%").text
        '90%'

    .. versionadded:: 0.2.0
    """

    period: Period
    value: float
    text: str


@attrs.frozen
class MonitoringRow:
    r"""The assessment of one indicator or target at its latest return in the window.

    Attributes:
        plan: The plan's id.
        subject: The id of the indicator or target assessed.
        indicator: The id of the indicator it measures (the subject itself for an
            indicator), or None for a target that names none.
        period: The period of the latest return assessed.
        actual: The actual value.
        planned: The planned value for the period (a profiled value for a quarter or month).
        planned_basis: How the planned value was found, in words.
        status: The RAG status by the rule.
        category: The monitoring category.
        direction: Direction of travel (:class:`Travel`).
        projection: The projection to the final target period, within natural bounds.
        projection_note: What was done to the projection (held at a bound), or ``""``.
        next_target: The next target the plan sets, or None.
        reported_status: The document's own judgement as written, or None.
        agrees: Whether it matches the computed status or category (None without one, or
            when it cannot be read).
        comment: The return's comment, or None.
        priorities: The ids of the priorities the subject serves.
        outcomes: The keys of the ECM outcomes it serves.
        rule: The name of the rating rule used.
        history: Every actual in the window placed on the trajectory, in period order (the
            last is this row's).
        trajectory: The trajectory it was assessed against.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import assess_plan, loads_returns
        >>> row = assess_plan(load_bundled("wigan-2009-12"),
        ...     loads_returns("indicator,period,value\nNI 19,2009-10,0.83\n", "csv")).rows[0]
        >>> row.subject, row.period.label, row.planned, row.status.value, row.next_target.text
        ('NI 19', '2009-10', 0.81, 'amber', '0.77')

    .. versionadded:: 0.2.0
    """

    plan: str
    subject: str
    indicator: str | None
    period: Period
    actual: float
    planned: float
    planned_basis: str
    status: Status
    category: MonitoringCategory
    direction: Travel
    projection: Projection
    projection_note: str
    next_target: NextTarget | None
    reported_status: str | None
    agrees: bool | None
    comment: str | None
    priorities: tuple[str, ...]
    outcomes: tuple[str, ...]
    rule: str
    history: tuple[MonitoredPoint, ...] = attrs.field(repr=False)
    trajectory: PlanTrajectory = attrs.field(repr=False)


@attrs.frozen
class Unassessed:
    """An indicator or target with a planned value that could not be assessed, and why.

    Attributes:
        plan: The plan's id.
        subject: The id of the indicator or target.
        reason: Why, in words.
        priorities: The ids of the priorities it serves.
        outcomes: The keys of the outcomes it serves.

    Example:
        >>> Unassessed("wigan-2009-12", "NI 60", "no actual value in the window").reason
        'no actual value in the window'

    .. versionadded:: 0.2.0
    """

    plan: str
    subject: str
    reason: str
    priorities: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()


@attrs.frozen
class RollUp:
    """Counts of red, amber, green and not assessed for a priority, an outcome or a plan.

    Attributes:
        kind: ``priority``, ``outcome`` or ``plan``.
        key: The priority's id, the outcome's key or the plan's id.
        label: The priority's title, the outcome's name or the plan's title.
        green: Rows rated green.
        amber: Rows rated amber.
        red: Rows rated red.
        not_assessed: Indicators and targets with a planned value but no assessment.

    Example:
        >>> RollUp("outcome", "be_healthy", "Be healthy", 1, 2, 0, 3).total
        6

    .. versionadded:: 0.2.0
    """

    kind: str
    key: str
    label: str
    green: int = 0
    amber: int = 0
    red: int = 0
    not_assessed: int = 0

    @property
    def total(self) -> int:
        """Every indicator and target counted."""
        return self.green + self.amber + self.red + self.not_assessed


_ROW_HEADERS: Final = (
    "plan",
    "subject",
    "period",
    "actual",
    "planned",
    "status",
    "category",
    "short term",
    "long term",
    "since baseline",
    "projection",
    "meets",
    "next target",
    "reported",
    "agrees",
)
_ROLLUP_HEADERS: Final = ("kind", "key", "label", "green", "amber", "red", "not assessed")


def _num(x: float | None) -> str:
    if x is None or math.isnan(x):
        return ""
    return f"{round(x, 4):g}"


def _dir(d: Direction | None) -> str:
    return "" if d is None else d.value


def _yes(b: bool | None) -> str:
    return "" if b is None else ("yes" if b else "no")


def _row_cells(row: MonitoringRow) -> tuple[str, ...]:
    nxt = row.next_target
    return (
        row.plan,
        row.subject,
        row.period.label,
        _num(row.actual),
        _num(row.planned),
        row.status.value,
        row.category.value,
        _dir(row.direction.short_term),
        _dir(row.direction.long_term),
        _dir(row.direction.since_baseline),
        _num(row.projection.value),
        _yes(row.projection.meets_target),
        "" if nxt is None else f"{_num(nxt.value)} ({nxt.period.label})",
        row.reported_status or "",
        _yes(row.agrees),
    )


def _rollup_cells(r: RollUp) -> tuple[str, ...]:
    return (r.kind, r.key, r.label, str(r.green), str(r.amber), str(r.red), str(r.not_assessed))


@attrs.frozen
class MonitoringResult:
    """The assessment of one plan against its returns (the result of :func:`.assess_plan`).

    Attributes:
        plan: The plan's id.
        as_of: The end of the window, or None (every return).
        rule: The rating rule used.
        rows: One row per indicator or target assessed, in plan order.
        unassessed: Indicators and targets with a planned value that could not be assessed.
        findings: What the assessment found (disagreements, unknown polarities, ...).
        by_priority: Counts per priority, in plan order.
        by_outcome: Counts per ECM outcome served, in framework order.
        total: Counts for the whole plan.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import Returns, assess_plan
        >>> result = assess_plan(load_bundled("sample"), Returns())
        >>> result.rows, result.total.not_assessed > 0, result.rule.name
        ((), True, 'default')

    .. versionadded:: 0.2.0
    """

    plan: str
    as_of: Period | None
    rule: RatingRule
    rows: tuple[MonitoringRow, ...]
    unassessed: tuple[Unassessed, ...]
    findings: tuple[Finding, ...]
    by_priority: tuple[RollUp, ...]
    by_outcome: tuple[RollUp, ...]
    total: RollUp

    def row(self, subject: str) -> MonitoringRow:
        """The row of an indicator or target.

        Raises:
            KeyError: No row for that subject (see :attr:`unassessed`).

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.monitoring import Returns, assess_plan
            >>> assess_plan(load_bundled("sample"), Returns()).row("NI 62")
            Traceback (most recent call last):
            ...
            KeyError: 'no row for NI 62 in sample; see unassessed for why'
        """
        for r in self.rows:
            if r.subject == subject:
                return r
        raise KeyError(f"no row for {subject} in {self.plan}; see unassessed for why")

    def to_tables(self) -> tuple[Table, Table]:
        """The rows and the roll-up as two report tables.

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.monitoring import Returns, assess_plan
            >>> rows, rollup = assess_plan(load_bundled("sample"), Returns()).to_tables()
            >>> rollup.headers
            ('kind', 'key', 'label', 'green', 'amber', 'red', 'not assessed')
        """
        window = f" to {self.as_of.label}" if self.as_of is not None else ""
        rows = Table(
            f"Monitoring {self.plan}{window} (rule: {self.rule.name})",
            _ROW_HEADERS,
            [_row_cells(r) for r in self.rows],
            notes=[f"not assessed: {u.subject}: {u.reason}" for u in self.unassessed],
        )
        rollup = Table(
            f"Roll-up {self.plan}",
            _ROLLUP_HEADERS,
            [_rollup_cells(r) for r in (*self.by_priority, *self.by_outcome, self.total)],
        )
        return rows, rollup


@attrs.frozen
class PortfolioResult:
    """The assessment of several plans against one returns file.

    Attributes:
        results: One :class:`MonitoringResult` per plan, in the order given.
        rule: The rating rule used.
        by_outcome: Counts per ECM outcome across the plans.
        total: Counts across the plans.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import Returns, assess_portfolio
        >>> p = assess_portfolio([load_bundled("sample"), load_bundled("wigan-2009-12")],
        ...                      Returns())
        >>> [r.plan for r in p.results], p.total.kind
        (['sample', 'wigan-2009-12'], 'portfolio')

    .. versionadded:: 0.2.0
    """

    results: tuple[MonitoringResult, ...]
    rule: RatingRule
    by_outcome: tuple[RollUp, ...]
    total: RollUp

    @property
    def rows(self) -> tuple[MonitoringRow, ...]:
        """Every plan's rows, plan by plan."""
        return tuple(row for result in self.results for row in result.rows)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every plan's findings, plan by plan."""
        return tuple(f for result in self.results for f in result.findings)

    def to_tables(self) -> tuple[Table, Table]:
        """The rows of every plan and the roll-ups (per plan, per outcome, in all).

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.monitoring import Returns, assess_portfolio
            >>> rows, rollup = assess_portfolio([load_bundled("sample")], Returns()).to_tables()
            >>> rollup.rows[-1][:2]
            ('portfolio', 'all')
        """
        rows = Table(
            f"Monitoring {len(self.results)} plans (rule: {self.rule.name})",
            _ROW_HEADERS,
            [_row_cells(r) for r in self.rows],
        )
        rollup = Table(
            "Roll-up",
            _ROLLUP_HEADERS,
            [
                _rollup_cells(r)
                for r in (*(x.total for x in self.results), *self.by_outcome, self.total)
            ],
        )
        return rows, rollup

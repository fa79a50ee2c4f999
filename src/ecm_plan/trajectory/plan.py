"""From a plan to series: the baseline and the planned values of an indicator or a target.

Reports, charts and assessments all need the same two things from a plan's tables: where the
trajectory starts (:func:`baseline_of`) and the planned values period by period
(:func:`planned_series`).
This module is the one place that reads them, so that every caller starts a trajectory at the
same figure.

The baseline rule is the one the plans' own tables follow: a trajectory starts from the
latest actual value the plan gives before its first target period (Wigan's NI 112 targets
-16% / -33% / -50% run from the 2008-09 actual +0.58%).
Only when the plan gives no such actual is the stated baseline used.
The stated baseline comes second because plans often state the reference of a relative target
there, which is not the start of the series: NI 112's "1998 baseline" of 48.3 per 1,000 is the
rate that the "% change from baseline" targets are measured against.

Example:
    >>> from ecm_plan import load_bundled
    >>> plan = load_bundled("wigan-2009-12")
    >>> ni112 = next(i for i in plan.indicators if i.id == "NI 112")
    >>> baseline_of(ni112)
    BaselinePoint(label='2008-09', value=0.58, text='+0.58% (2007 data)', source='actual')
    >>> planned_series(ni112).values
    (-16.0, -33.0, -50.0)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Indicator, Plan, Target, ValueStatus
from ecm_plan.periods import Period

if TYPE_CHECKING:
    from ecm_plan.model import Observation, Value

__all__ = ["BaselinePoint", "PlannedSeries", "baseline_of", "planned_series"]


@attrs.frozen
class BaselinePoint:
    """Where a trajectory starts: a figure the plan gives, with its period and source text.

    Attributes:
        label: The period's label as the plan writes it (``"2008-09"``), or ``"baseline"`` for
            a stated baseline without a period.
        value: The figure.
        text: The source text of the figure (``"+0.58% (2007 data)"``).
        source: ``"actual"`` (the latest actual before the first target period) or
            ``"stated"`` (the indicator's or target's stated baseline).

    Example:
        >>> BaselinePoint("2008-09", 0.86, "0.86", "actual").value
        0.86

    .. versionadded:: 0.1.0
    """

    label: str
    value: float
    text: str
    source: Literal["actual", "stated"]
    period: Period | None = attrs.field(default=None, repr=False, kw_only=True)
    """The period of the figure, or ``None`` for a stated baseline without one."""


@attrs.frozen
class PlannedSeries:
    """The planned values of an indicator or a target, period by period, as the plan gives them.

    Attributes:
        subject: The id of the indicator or target.
        baseline: Where the trajectory starts (:func:`baseline_of`), or ``None``.
        labels: The target periods' labels, in date order.
        values: The planned figures (``nan`` where the plan gives none: "N/A", "TBC", ...).
        texts: The source text of each planned value.
        statuses: The state of each planned value (firm, provisional, not applicable, ...).
        unit: The unit of the values, or ``None`` when the plan gives none.

    Example:
        >>> from ecm_plan import load_bundled
        >>> ni19 = next(i for i in load_bundled("wigan-2009-12").indicators if i.id == "NI 19")
        >>> s = planned_series(ni19)
        >>> s.labels, s.values, s.baseline.value
        (('2009-10', '2010-11', '2011-12'), (0.81, 0.77, 0.73), 0.86)

    .. versionadded:: 0.1.0
    """

    subject: str
    baseline: BaselinePoint | None
    labels: tuple[str, ...]
    values: tuple[float, ...]
    texts: tuple[str, ...]
    statuses: tuple[ValueStatus, ...]
    unit: str | None
    periods: tuple[Period, ...] = attrs.field(default=(), repr=False, kw_only=True)
    """The target periods themselves, in the order of :attr:`labels`."""

    @property
    def has_figures(self) -> bool:
        """Whether at least one planned value has a figure."""
        return any(not math.isnan(v) for v in self.values)


def _parts(
    subject: Indicator | Target, plan: Plan | None
) -> tuple[Mapping[Period, Value], Mapping[Period, Value], Observation | None]:
    """The actuals, planned values and stated baseline of an indicator or a target."""
    if isinstance(subject, Indicator):
        return subject.actuals, subject.targets, subject.baseline
    if isinstance(subject, Target):
        actuals: Mapping[Period, Value] = {}
        if plan is not None and subject.indicator is not None:
            indicator = next((i for i in plan.indicators if i.id == subject.indicator), None)
            if indicator is not None:
                actuals = indicator.actuals
        return actuals, subject.values, subject.baseline
    raise TrajectoryError(f"a series needs an Indicator or a Target, not {type(subject).__name__}")


def baseline_of(subject: Indicator | Target, *, plan: Plan | None = None) -> BaselinePoint | None:
    """Where the trajectory of an indicator or a target starts.

    The rule: the latest actual value with a figure whose period ends before the first target
    period ends; else the stated baseline, when it has a figure; else ``None``.
    The stated baseline comes second because plans state the reference of a relative target
    there (NI 112's 1998 rate), which is not the start of the published series; see the
    module's description.

    Args:
        subject: An :class:`~ecm_plan.model.Indicator`, or a :class:`~ecm_plan.model.Target`
            (whose actual values are those of its indicator in ``plan``).
        plan: The plan, to find a target's indicator; not needed for an indicator.

    Returns:
        The baseline, or ``None`` when the plan gives neither an earlier actual nor a stated
        baseline with a figure.

    Raises:
        TrajectoryError: ``subject`` is neither an indicator nor a target.

    Example:
        Wigan's re-offending rate (NI 19) runs from the 2008-09 actual 0.86:

        >>> from ecm_plan import load_bundled
        >>> ni19 = next(i for i in load_bundled("wigan-2009-12").indicators if i.id == "NI 19")
        >>> baseline_of(ni19).value
        0.86
        >>> baseline_of("NI 19")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: a series needs an Indicator or a Target, not str

    .. versionadded:: 0.1.0
    """
    if plan is not None:
        _args.require_type(plan, "plan", Plan, "a Plan or None")
    actuals, targets, stated = _parts(subject, plan)
    if targets:
        first = min(targets)
        before = [
            (period, value.magnitude, value.text)
            for period, value in actuals.items()
            if period.end < first.end and value.magnitude is not None
        ]
        if before:
            period, magnitude, text = max(before, key=lambda item: item[0])
            return BaselinePoint(period.label, float(magnitude), text, "actual", period=period)
    if stated is not None and stated.value is not None and stated.value.magnitude is not None:
        label = stated.period.label if stated.period is not None else "baseline"
        return BaselinePoint(
            label,
            float(stated.value.magnitude),
            stated.value.text,
            "stated",
            period=stated.period,
        )
    return None


def planned_series(subject: Indicator | Target, *, plan: Plan | None = None) -> PlannedSeries:
    """The baseline and the planned values of an indicator or a target, in period order.

    Every target period the plan lists is kept, with its source text and state; a value
    without a figure ("N/A", "to be determined") is ``nan`` in :attr:`PlannedSeries.values`
    and keeps its state, so no figure is made up and none is dropped.

    Args:
        subject: An :class:`~ecm_plan.model.Indicator` or a :class:`~ecm_plan.model.Target`.
        plan: The plan, to find a target's indicator (see :func:`baseline_of`).

    Returns:
        The series.

    Raises:
        TrajectoryError: ``subject`` is neither an indicator nor a target.

    Example:
        >>> from ecm_plan import load_bundled
        >>> ni112 = next(i for i in load_bundled("wigan-2009-12").indicators
        ...              if i.id == "NI 112")
        >>> s = planned_series(ni112)
        >>> s.texts, s.unit
        (('-16% (2008 data)', '-33% (2009 data)', '-50% (2010 data)'), 'percent')

    .. versionadded:: 0.1.0
    """
    if plan is not None:
        _args.require_type(plan, "plan", Plan, "a Plan or None")
    _, targets, _ = _parts(subject, plan)
    items = sorted(targets.items())
    return PlannedSeries(
        subject.id,
        baseline_of(subject, plan=plan),
        tuple(p.label for p, _ in items),
        tuple(math.nan if v.magnitude is None else float(v.magnitude) for _, v in items),
        tuple(v.text for _, v in items),
        tuple(v.status for _, v in items),
        subject.unit,
        periods=tuple(p for p, _ in items),
    )

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

:func:`plan_trajectory` builds on the same rule what an assessment needs: the planned values
with relative targets resolved, the steps counted from the period labels
(:func:`~ecm_plan.trajectory.criteria.steps_between`), the comparator's meaning per period
(:class:`~ecm_plan.trajectory.criteria.Criterion`), the polarity, and the measure's natural
bounds.

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
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from ecm_plan import _args
from ecm_plan.catalog import measure_of
from ecm_plan.exceptions import PolarityUnknownError, TrajectoryError
from ecm_plan.model import (
    Aggregation,
    Comparator,
    Indicator,
    Plan,
    Polarity,
    Target,
    Value,
    ValueStatus,
)
from ecm_plan.periods import Period
from ecm_plan.trajectory._common import PolarityLike
from ecm_plan.trajectory.assess import Assessment, Direction, Status, Tolerance, assess
from ecm_plan.trajectory.criteria import (
    _BY_BOUND,
    _BY_COMPARATOR,
    _ONE_SIDED,
    Criterion,
    _comparators,
    _indicator_of,
    _items,
    _polarity_of,
    _reference,
    _resolved,
    _signed_change,
    steps_between,
)

if TYPE_CHECKING:
    from ecm_plan.model import Observation

__all__ = [
    "BaselinePoint",
    "Criterion",
    "PlanTrajectory",
    "PlannedSeries",
    "baseline_of",
    "plan_trajectory",
    "planned_series",
    "steps_between",
]


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


# --------------------------------------------------------------------------------------------
# A plan's trajectory, ready to judge
# --------------------------------------------------------------------------------------------


@attrs.frozen
class PlanTrajectory:
    """An indicator's or a target's trajectory from a plan, with what is needed to judge it.

    Built by :func:`plan_trajectory`; everything in it is a figure the plan gives or one
    computed by a documented rule (a relative target resolved against its baseline), and
    what could not be used is said in :attr:`notes`.

    Attributes:
        subject: The id of the indicator or target.
        indicator: The id of the plan indicator it measures, or None.
        baseline: Where the trajectory starts (the rule of :func:`baseline_of`), or None.
        periods: The target periods, in date order.
        values: The planned figures (``nan`` where there is none), relative targets resolved;
            for a range, the lower end.
        uppers: The upper end of a range per period (``nan`` otherwise).
        texts: The source text of each planned value.
        criteria: What meeting each planned value means.
        polarity: Which way is better, or None when only two-sided criteria apply.
        polarity_source: Where the polarity comes from: ``given`` (the caller), ``plan``,
            ``catalogue``, ``comparator`` or ``""`` (none).
        unit: The unit of the figures, or None.
        percent_change: The figures are % changes from a reference baseline (NI 112).
        change_from: The reference period of a % change series, or None.
        aggregation: A level or a count over the period (:func:`~ecm_plan.catalog.measure_of`).
        lower: The lowest figure the measure can take, or None.
        upper: The highest figure the measure can take, or None.
        notes: What was resolved or could not be used, in words.

    Example:
        >>> from ecm_plan import load_bundled
        >>> t = plan_trajectory(next(i for i in load_bundled("wigan-2009-12").indicators
        ...                          if i.id == "NI 45"))
        >>> t.labels, t.values, t.steps, (t.lower, t.upper)
        (('2009-10', '2010-11', '2011-12'), (85.0, 90.0, 90.0), (1, 2, 3), (0.0, 100.0))
        >>> t.clamp(102.8)
        100.0

    .. versionadded:: 0.2.0
    """

    subject: str
    indicator: str | None
    baseline: BaselinePoint | None
    periods: tuple[Period, ...]
    values: tuple[float, ...]
    uppers: tuple[float, ...]
    texts: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    polarity: Polarity | None
    polarity_source: str
    unit: str | None
    percent_change: bool = False
    change_from: Period | None = None
    aggregation: Aggregation = Aggregation.LEVEL
    lower: float | None = None
    upper: float | None = None
    notes: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The target periods' labels."""
        return tuple(p.label for p in self.periods)

    @property
    def steps(self) -> tuple[int, ...]:
        """Steps from the baseline to each target period, counted from the labels.

        When the baseline has no period the periods are counted 1, 2, ... in order.

        Raises:
            TrajectoryError: The baseline's period and a target period cannot be counted in
                one unit (:func:`~ecm_plan.trajectory.criteria.steps_between`).
        """
        start = self.baseline.period if self.baseline is not None else None
        if start is None:
            return tuple(range(1, len(self.periods) + 1))
        return tuple(steps_between(start, p) for p in self.periods)

    @property
    def final(self) -> int | None:
        """The index of the last period with a planned figure (the final target), or None."""
        found = [k for k, v in enumerate(self.values) if not math.isnan(v)]
        return found[-1] if found else None

    def index_of(self, period: Period) -> int | None:
        """The index of a target period, or None when the plan sets no target for it.

        Example:
            >>> t = plan_trajectory(Indicator(id="X", polarity="higher_is_better",
            ...                     targets={Period.financial_year(2009): Value("5")}))
            >>> t.index_of(Period.financial_year(2009)), t.index_of(Period.financial_year(2010))
            (0, None)
        """
        try:
            return self.periods.index(period)
        except ValueError:
            return None

    def clamp(self, value: float) -> float:
        """A figure held within the measure's natural bounds.

        Example:
            >>> t = plan_trajectory(Indicator(id="NI 45", unit="percent",
            ...                     targets={Period.financial_year(2009): Value("85%")}))
            >>> t.clamp(119.4), t.clamp(-3.0), t.clamp(50.0)
            (100.0, 0.0, 50.0)
        """
        if self.lower is not None and value < self.lower:
            return self.lower
        if self.upper is not None and value > self.upper:
            return self.upper
        return value

    def sense(self, index: int) -> Polarity | None:
        """The direction that is better at period ``index``, or None for a two-sided criterion.

        ``at_least`` is higher-is-better, ``at_most`` lower-is-better, ``maintain`` follows
        the polarity; ``within`` and ``exactly`` have no better direction.

        Example:
            >>> t = plan_trajectory(Indicator(id="NI 45", unit="percent",
            ...     targets={Period.financial_year(2011): Value("90%")}))
            >>> t.sense(0)
            <Polarity.HIGHER_IS_BETTER: 'higher_is_better'>
        """
        criterion = self.criteria[index]
        if criterion in _ONE_SIDED:
            return _ONE_SIDED[criterion]
        if criterion is Criterion.MAINTAIN:
            return self.polarity
        return None

    def shortfall(self, actual: float, index: int) -> float:
        """How far ``actual`` falls short of period ``index``'s planned value (0 when it meets it).

        One-sided criteria count the distance on the wrong side of the figure; ``within`` the
        distance outside the range; ``exactly`` (and ``maintain`` without a polarity) the
        distance from the figure.

        Example:
            >>> from ecm_plan.model import Target
            >>> t = plan_trajectory(Target(id="T", text="5-10%", kind="measurable",
            ...     comparator="within_range",
            ...     values={Period.financial_year(2009): Value("5-10%")}))
            >>> t.shortfall(12.0, 0), t.shortfall(7.0, 0), t.shortfall(4.0, 0)
            (2.0, 0.0, 1.0)
        """
        planned = self.values[index]
        sense = self.sense(index)
        if sense is Polarity.HIGHER_IS_BETTER:
            return max(0.0, planned - actual)
        if sense is Polarity.LOWER_IS_BETTER:
            return max(0.0, actual - planned)
        if self.criteria[index] is Criterion.WITHIN and not math.isnan(self.uppers[index]):
            return max(0.0, planned - actual, actual - self.uppers[index])
        return abs(actual - planned)

    def judge(self, actual: float, index: int, tolerance: Tolerance | None = None) -> Status:
        """The RAG status of ``actual`` against period ``index``, by its criterion.

        Green when it meets the criterion; amber when the shortfall (:meth:`shortfall`) is no
        more than the tolerance's allowance for the planned value (for a range, for its
        nearer end); red otherwise. For one-sided criteria this is the status
        :func:`~ecm_plan.trajectory.assess` gives with the criterion's direction.

        Args:
            actual: The actual value.
            index: The period's index in :attr:`periods`.
            tolerance: The amber allowance (default :class:`Tolerance` ()).

        Returns:
            The status.

        Raises:
            TrajectoryError: The period has no planned figure.

        Example:
            >>> from ecm_plan.model import Target
            >>> t = plan_trajectory(Target(id="T", text="5-10%", kind="measurable",
            ...     comparator="within_range",
            ...     values={Period.financial_year(2009): Value("5-10%")}))
            >>> t.judge(7.0, 0), t.judge(10.4, 0), t.judge(12.0, 0)
            (<Status.GREEN: 'green'>, <Status.AMBER: 'amber'>, <Status.RED: 'red'>)
        """
        planned = self.values[index]
        if math.isnan(planned):
            raise TrajectoryError(
                f"{self.subject} has no planned figure for {self.periods[index].label}"
            )
        tol = tolerance or Tolerance()
        short = self.shortfall(actual, index)
        if short <= 0.0:
            return Status.GREEN
        near = planned
        if self.criteria[index] is Criterion.WITHIN and actual > planned:
            near = self.uppers[index]
        base = self.baseline.value if self.baseline is not None else None
        if short <= tol.allowance(near, base):
            return Status.AMBER
        return Status.RED

    def direction(self, new: float, old: float, index: int, no_change: float = 0.0) -> Direction:
        """Whether ``new`` is better than ``old``, judged by period ``index``'s criterion.

        One-sided criteria (and ``maintain``) use their direction; two-sided ones compare the
        shortfalls (closer to the range or the figure is better).

        Example:
            >>> t = plan_trajectory(Indicator(id="NI 112", unit="percent",
            ...     targets={Period.financial_year(2009): Value("-16%")}))
            >>> t.direction(-10.0, 0.58, 0)
            <Direction.IMPROVING: 'improving'>
        """
        sense = self.sense(index) or (
            self.polarity if self.criteria[index] is Criterion.MAINTAIN else None
        )
        if sense is not None:
            change = (new - old) * sense.sign
        else:
            change = self.shortfall(old, index) - self.shortfall(new, index)
        if abs(change) <= no_change:
            return Direction.NO_CHANGE
        return Direction.IMPROVING if change > 0 else Direction.WORSENING

    def meets(self, value: float, index: int | None = None) -> bool:
        """Whether ``value`` meets period ``index``'s planned value (the final target by default).

        Example:
            >>> t = plan_trajectory(Indicator(id="NI 45", unit="percent",
            ...     targets={Period.financial_year(2011): Value("90%")}))
            >>> t.meets(92.0), t.meets(80.0)
            (True, False)
        """
        k = self.final if index is None else index
        if k is None:
            raise TrajectoryError(f"{self.subject} has no planned figure")
        return self.shortfall(value, k) <= 0.0

    def assess(
        self,
        actual: Sequence[float | None],
        *,
        tolerance: Tolerance | float | None = None,
        polarity: PolarityLike | None = None,
        no_change: float = 0.0,
    ) -> Assessment:
        """:func:`~ecm_plan.trajectory.assess` of actual values for the target periods.

        The planned values up to the final target, the baseline, the polarity (``polarity``,
        else the criterion's direction at the final target, else :attr:`polarity`) and
        :attr:`percent_change` are passed on.

        Args:
            actual: Actual values for the target periods in order (``None`` for a gap).
            tolerance: The amber allowance.
            polarity: A polarity to use instead.
            no_change: Largest change that counts as no change.

        Returns:
            The assessment.

        Raises:
            TrajectoryError: No planned figure, or no polarity for a two-sided target.

        Example:
            >>> from ecm_plan import load_bundled
            >>> ni19 = next(i for i in load_bundled("wigan-2009-12").indicators
            ...             if i.id == "NI 19")
            >>> plan_trajectory(ni19).assess([0.83]).status
            <Status.AMBER: 'amber'>
        """
        k = self.final
        if k is None:
            raise TrajectoryError(f"{self.subject} has no planned figure to assess against")
        pol = polarity if polarity is not None else (self.sense(k) or self.polarity)
        if pol is None:
            raise PolarityUnknownError(self.subject)
        planned = [None if math.isnan(v) else v for v in self.values[: k + 1]]
        return assess(
            list(actual)[: k + 1],
            planned,
            baseline=self.baseline.value if self.baseline is not None else None,
            polarity=pol,
            tolerance=tolerance,
            no_change=no_change,
            percent_change=self.percent_change,
        )


def plan_trajectory(
    subject: Indicator | Target,
    *,
    plan: Plan | None = None,
    polarity: PolarityLike | None = None,
) -> PlanTrajectory:
    """An indicator's or a target's trajectory from a plan, resolved and ready to judge.

    - **Baseline and planned values**: by the rule of :func:`baseline_of` and
      :func:`planned_series`; a target that gives one ``value`` and a ``due`` period plans
      that value for that period.
    - **Relative targets** (``relative_change``: "reduce the 1998 baseline of 48.3 per 1,000
      by 50%") are resolved with :func:`~ecm_plan.trajectory.resolve_relative` against the
      target's stated baseline (else the indicator's); without a stated figure they keep no
      planned figure and :attr:`PlanTrajectory.notes` says why.
    - **% change series** (NI 112, or a ``change_from_baseline`` comparator) keep their
      figures and set :attr:`PlanTrajectory.percent_change`.
    - **Criteria**: a cell's bound wins ("90%+" is at least, "<10%" at most, "5-10%" a range),
      then the target's comparator, then the polarity.
    - **Polarity**: ``polarity`` when given, else the plan's, else the catalogue's (a local
      code such as ``2016SC`` has none there), else the comparators' direction (for an
      indicator, those of the plan's targets that measure it).
    - **Natural bounds and aggregation**: :func:`~ecm_plan.catalog.measure_of`.

    Args:
        subject: An indicator or a target of ``plan``.
        plan: The plan, to find a target's indicator and an indicator's targets.
        polarity: A polarity that replaces every other source.

    Returns:
        The trajectory.

    Raises:
        PolarityUnknownError: A one-sided judgement is needed and nothing gives the polarity.
        TrajectoryError: ``subject`` is neither an indicator nor a target.

    Example:
        Stockton's "reduce the 1998 baseline of 48.3 per 1,000 by 50% by 2010", twelve
        steps from its baseline:

        >>> from ecm_plan import load_bundled
        >>> stockton = load_bundled("stockton-2008-11")
        >>> target = next(t for _, t in stockton.iter_targets() if t.id == "P1.T1")
        >>> t = plan_trajectory(target, plan=stockton)
        >>> t.labels, t.values, t.steps, t.polarity.value, t.polarity_source
        (('2010',), (24.15,), (12,), 'lower_is_better', 'comparator')

        A range ("5-10%") is judged by its range, an "at least" cell by its bound; Stockton's
        own range target names no period, which is said:

        >>> from ecm_plan.model import Target
        >>> fy = Period.financial_year
        >>> plan_trajectory(Target(id="T", text="NI 65", kind="measurable", indicator="NI 65",
        ...     comparator="within_range", values={fy(2009): Value("5-10%"),
        ...                                        fy(2010): Value("90%+")})).criteria
        (<Criterion.WITHIN: 'within'>, <Criterion.AT_LEAST: 'at_least'>)
        >>> ni65 = next(t for _, t in stockton.iter_targets() if t.id == "P7.T1")
        >>> plan_trajectory(ni65, plan=stockton).notes
        ("the target's value '5-10%' names no period (no due period); it cannot be monitored",)
        >>> plan_trajectory(Indicator(id="LOCAL1", scheme="local",
        ...                 targets={Period.financial_year(2009): Value("12")}))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.PolarityUnknownError: no polarity for LOCAL1: ...

    .. versionadded:: 0.2.0
    """
    series = planned_series(subject, plan=plan)
    indicator = _indicator_of(subject, plan)
    items = _items(subject)
    comparator = subject.comparator if isinstance(subject, Target) else None
    notes: list[str] = []
    if not items and isinstance(subject, Target) and subject.value is not None:
        notes.append(
            f"the target's value {subject.value.text!r} names no period (no due period); it "
            "cannot be monitored"
        )
    baseline = series.baseline
    values: list[float] = []
    uppers: list[float] = []
    if comparator is Comparator.RELATIVE_CHANGE and isinstance(subject, Target):
        ref = _reference(subject, indicator)
        for period, value in items:
            values.append(_resolved(subject, ref, period, value, notes))
            uppers.append(math.nan)
        stated = baseline is None or baseline.source == "stated"
        if ref is not None and ref.value is not None and ref.value.magnitude is not None and stated:
            label = ref.period.label if ref.period is not None else "baseline"
            baseline = BaselinePoint(
                label, float(ref.value.magnitude), ref.value.text, "stated", period=ref.period
            )
    else:
        for _, value in items:
            values.append(math.nan if value.magnitude is None else float(value.magnitude))
            uppers.append(math.nan if value.upper is None else float(value.upper))
    # Criteria from the cells' bounds, then the comparator; the rest from the polarity.
    base: list[Criterion | None] = []
    for _, value in items:
        by_bound = _BY_BOUND.get(value.bound)
        if by_bound is Criterion.WITHIN and value.upper is None:
            by_bound = None
        by_comparator = _BY_COMPARATOR.get(comparator) if comparator is not None else None
        if comparator is Comparator.RELATIVE_CHANGE and isinstance(subject, Target):
            change, _ = _signed_change(subject, value)
            by_comparator = (
                None
                if change is None
                else (Criterion.AT_MOST if change < 0 else Criterion.AT_LEAST)
            )
        if by_comparator is Criterion.WITHIN and value.upper is None:
            by_comparator = Criterion.EXACTLY
        base.append(by_bound or by_comparator)
    senses = [_ONE_SIDED[c] for c in base if c in _ONE_SIDED]
    for other in _comparators(subject, plan) if isinstance(subject, Indicator) else []:
        crit = _BY_COMPARATOR.get(other)
        if crit in _ONE_SIDED:
            senses.append(_ONE_SIDED[crit])
    pol, source = _polarity_of(subject, indicator, polarity, senses)
    criteria: list[Criterion] = []
    for c in base:
        if c is not None:
            criteria.append(c)
        elif pol is not None:
            criteria.append(
                Criterion.AT_LEAST if pol is Polarity.HIGHER_IS_BETTER else Criterion.AT_MOST
            )
        else:
            raise PolarityUnknownError(subject.id)
    if pol is None and any(c is Criterion.MAINTAIN for c in criteria):
        notes.append("maintain is judged at the figure: the polarity is not known")
    unit = series.unit or next((v.unit for _, v in items if v.unit is not None), None)
    if unit is None and indicator is not None:
        unit = indicator.unit
    relative = comparator is Comparator.RELATIVE_CHANGE
    if relative and baseline is not None and baseline.source == "stated":
        unit = Value(baseline.text).unit or unit
    probe = indicator
    if probe is None or relative:
        probe = Indicator(id=subject.id, scheme="local", unit=unit)
    measure = measure_of(probe)
    lower, upper = measure.bounds_for(unit)
    percent_change = not relative and (
        measure.is_change
        or Comparator.CHANGE_FROM_BASELINE in {comparator, *_comparators(subject, plan)}
    )
    if percent_change and not measure.is_change and unit == "percent":
        lower, upper = -100.0, None
    return PlanTrajectory(
        subject.id,
        indicator.id if indicator is not None else None,
        baseline,
        tuple(p for p, _ in items),
        tuple(values),
        tuple(uppers),
        tuple(v.text for _, v in items),
        tuple(criteria),
        pol,
        source,
        unit,
        percent_change=percent_change,
        change_from=measure.change_from,
        aggregation=measure.aggregation,
        lower=lower,
        upper=upper,
        notes=tuple(notes),
    )

r"""Assess a plan against its returns: status, direction, projection and the document's own view.

:func:`assess_plan` takes a plan and a returns file (:class:`~ecm_plan.monitoring.Returns`)
and gives one :class:`.MonitoringRow` per indicator or target that has a planned value and an
actual value in the window (up to ``as_of``), rolled up by priority and by outcome;
:func:`assess_portfolio` does the same for several plans and one returns file.

Every figure comes from the trajectory package, by one rule:

- the trajectory is :func:`~ecm_plan.trajectory.plan_trajectory` (baseline, planned values
  with relative targets resolved, the comparator's meaning, the polarity, natural bounds);
- an actual for a target period is assessed with :func:`~ecm_plan.trajectory.assess` on the
  yearly series (for a two-sided target, a range or an exact figure,
  :meth:`~ecm_plan.trajectory.PlanTrajectory.judge`); an actual for a quarter or a month of
  a target period is assessed against the profile of that year's target
  (:func:`~ecm_plan.monitoring.quarterly_profile`: a level stepped from the last actual, a
  count pro rata; a quarter's return of a count is read as the quarter's own count, not the
  year to date);
- the :class:`~ecm_plan.monitoring.RatingRule` turns the trajectory's status into the rule's;
- **direction** is given three ways: short term against the previous return (of the same
  kind of period; for a level, any earlier return), long term against the same period a year
  earlier, and since the baseline;
- the **projection** is the least-squares line through the baseline and the actual values
  (:func:`~ecm_plan.trajectory.project`), placed in quarters for a level (a year's figure at
  its last quarter) and in years for a count, evaluated at the final target period and held
  within the measure's natural bounds (a percentage never projects above 100%);
- the document's own judgement (the ``status`` column of the returns) is read in the common
  vocabularies (:data:`.REPORTED_VOCABULARY`) and compared with the computed status or
  category.

What cannot be assessed is listed, never dropped: an indicator with no actual in the window, or
whose polarity nothing gives, is an :class:`.Unassessed` entry (and a :class:`Finding`), and the
rest of the plan is still assessed.

Findings (all with the plan's id):

========== ======== ===========================================================================
code       severity what
========== ======== ===========================================================================
``ECM701`` warning  the document's own judgement differs from the computed one
``ECM702`` info     the document's own judgement is in words the library does not read
``ECM703`` warning  nothing gives the polarity of an indicator or target: it is not assessed
``ECM704`` info     what the trajectory resolved, or could not use (a relative target, a period)
``ECM705`` warning  a return could not be used (its unit does not convert, it has no figure)
========== ======== ===========================================================================

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.monitoring import loads_returns
    >>> wigan = load_bundled("wigan-2009-12")
    >>> returns = loads_returns("indicator,period,value,status\n"
    ...                         "NI 45,2009-10,70%,amber\n", "csv")
    >>> result = assess_plan(wigan, returns)
    >>> row = result.row("NI 45")
    >>> row.status, row.category, row.agrees
    (<Status.RED: 'red'>, <MonitoringCategory.SLIPPAGE: 'slippage'>, False)
    >>> row.projection.value, row.projection_note
    (100.0, 'the trend gives 102.8, held at 100, the highest figure the measure can take')

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import networkx as nx

from ecm_plan import _args
from ecm_plan.exceptions import PlanError, PolarityUnknownError, TrajectoryError
from ecm_plan.findings import Finding
from ecm_plan.graph import ENTITY, KIND, RELATION, NodeKind, Relation, build_graph
from ecm_plan.graph import contribution_view as _contribution_view
from ecm_plan.model import Aggregation, Indicator, OutcomeKey, Plan, Target, Value
from ecm_plan.model import PeriodKind as _Kind
from ecm_plan.monitoring.profile import Profile, monthly_profile, quarterly_profile
from ecm_plan.monitoring.results import (
    REPORTED_VOCABULARY,
    MonitoredPoint,
    MonitoringResult,
    MonitoringRow,
    NextTarget,
    PortfolioResult,
    RollUp,
    Travel,
    Unassessed,
    _num,
    read_reported,
)
from ecm_plan.monitoring.returns import Return, Returns, with_plan_actuals
from ecm_plan.monitoring.rules import RatingRule, rating_rule
from ecm_plan.periods import Period, financial_year_of, parse_period
from ecm_plan.trajectory import (
    Direction,
    MonitoringCategory,
    PlanTrajectory,
    Projection,
    ProjectionMethod,
    Status,
    assess,
    plan_trajectory,
    project,
    steps_between,
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
    "assess_plan",
    "assess_portfolio",
    "read_reported",
]

_YEARLY: Final = frozenset({_Kind.FINANCIAL_YEAR, _Kind.ACADEMIC_YEAR, _Kind.CALENDAR_YEAR})
_PARTS: Final = frozenset({_Kind.QUARTER, _Kind.MONTH})

# --------------------------------------------------------------------------------------------
# The assessment
# --------------------------------------------------------------------------------------------


def _quarter_of(day: dt.date) -> Period:
    fy = financial_year_of(day)
    return Period.quarter(fy.start.year, ((day.month - 4) % 12) // 3 + 1)


def _year_earlier(period: Period) -> tuple[_Kind, dt.date] | None:
    try:
        return period.kind, period.start.replace(year=period.start.year - 1)
    except ValueError:
        return None


def _same_kind(a: Period, b: Period) -> bool:
    return (a.kind in _YEARLY and b.kind in _YEARLY) or a.kind is b.kind


@attrs.define
class _Context:
    """What one plan's assessment shares across its subjects."""

    plan: Plan
    returns: Returns
    as_of: Period | None
    rule: RatingRule
    graph: nx.MultiDiGraph  # type: ignore[type-arg]  # networkx graphs are not generic at run time
    findings: list[Finding] = attrs.Factory(list)

    def finding(self, code: str, severity: str, subject: str, message: str, hint: str) -> None:
        self.findings.append(Finding(code, severity, subject, message, hint, plan=self.plan.id))

    def served(self, subject: Indicator | Target) -> tuple[tuple[str, ...], tuple[str, ...]]:
        g = self.graph
        if subject.id not in g:
            return (), ()
        targets = [subject.id]
        if isinstance(subject, Indicator):
            targets = [
                u
                for u, _, d in g.in_edges(subject.id, data=True)
                if d[RELATION] is Relation.TARGETS
            ]
        owners = {
            u
            for t in targets
            for u, _, d in g.in_edges(t, data=True)
            if d[RELATION] is Relation.CONTRIBUTES_TO
        }
        reach: set[str] = set(owners)
        for owner in owners:
            reach |= nx.descendants(g, owner)
        priorities = [n for n in reach if g.nodes[n].get(KIND) is NodeKind.PRIORITY]
        outcomes = {g.nodes[n][ENTITY] for n in reach if g.nodes[n].get(KIND) is NodeKind.OUTCOME}
        order = [p.id for p in self.plan.priorities]
        return (
            tuple(sorted(priorities, key=order.index)),
            tuple(k.value for k in OutcomeKey if k in outcomes),
        )


def _actuals(
    ctx: _Context, subject: Indicator | Target, t: PlanTrajectory
) -> dict[Period, tuple[float, Return]]:
    key = t.indicator if t.indicator is not None else subject.id
    found: dict[Period, tuple[float, Return]] = {}
    for period, value in ctx.returns.series(ctx.plan.id, key):
        if ctx.as_of is not None and period.end > ctx.as_of.end:
            continue
        row = ctx.returns.get(ctx.plan.id, key, period)
        if row is None:  # pragma: no cover - series and get read the same rows
            continue
        figure = _figure(ctx, subject.id, period, value, t)
        if figure is not None:
            found[period] = (figure, row)
    return found


def _figure(
    ctx: _Context, subject: str, period: Period, value: Value, t: PlanTrajectory
) -> float | None:
    if value.magnitude is None:
        return None
    if value.unit is None or t.unit is None or value.unit == t.unit:
        return float(value.magnitude)
    try:
        converted = value.in_unit(t.unit)
    except PlanError:
        ctx.finding(
            "ECM705",
            "warning",
            subject,
            f"the return {value.text!r} for {period.label} is in {value.unit}, which does not "
            f"convert to {t.unit}; it is not used",
            f"give the figure in {t.unit}",
        )
        return None
    return None if converted is None else float(converted)


def _place(t: PlanTrajectory, period: Period) -> int | None:
    """The index of the target period an actual's period is, or lies in (a quarter, a month)."""
    k = t.index_of(period)
    if k is not None:
        return k
    if period.kind in _PARTS:
        for i, p in enumerate(t.periods):
            if p.kind in _YEARLY and p.contains(period):
                return i
    return None


def _category(t: PlanTrajectory, status: Status, actual: float, k: int) -> MonitoringCategory:
    if status is Status.GREEN:
        return MonitoringCategory.ON_COURSE
    if t.baseline is None:
        return MonitoringCategory.SLIPPAGE
    better = t.direction(actual, t.baseline.value, k) is Direction.IMPROVING
    return MonitoringCategory.SLIPPAGE if better else MonitoringCategory.NO_PROGRESS


def _profile(
    t: PlanTrajectory, k: int, period: Period, acts: dict[Period, tuple[float, Return]]
) -> tuple[Profile, float | None, str]:
    """The profile of target period ``k``'s value over its parts, with the parts' baseline."""
    year = t.periods[k]
    annual = t.values[k]
    earlier = [(p, v) for p, (v, _) in acts.items() if p.kind in _YEARLY and p.end < year.start]
    last_year = max(earlier, key=lambda item: item[0])[1] if earlier else None
    start = last_year
    source = "the last yearly actual"
    if (
        start is None
        and t.baseline is not None
        and (t.baseline.period is None or t.baseline.period.end < year.start)
    ):
        start, source = t.baseline.value, "the baseline"
    if start is None and k > 0 and not math.isnan(t.values[k - 1]):
        start, source = t.values[k - 1], "the previous target"
    make = quarterly_profile if period.kind is _Kind.QUARTER else monthly_profile
    what = "quarterly" if period.kind is _Kind.QUARTER else "monthly"
    if t.aggregation is Aggregation.COUNT:
        prof = make(annual, year=year, aggregation="count")
        base = None if last_year is None else last_year * prof.weights[0]
        return prof, base, f"{what} share of {_num(annual)} ({year.label}), pro rata"
    if start is None:
        raise TrajectoryError(f"no actual, baseline or earlier target to profile {year.label} from")
    prof = make(annual, year=year, start=start)
    return (
        prof,
        start,
        f"{what} profile of {_num(annual)} ({year.label}) from {_num(start)}, {source}",
    )


def _point(  # noqa: PLR0917 (private helper with one caller)
    ctx: _Context,
    t: PlanTrajectory,
    period: Period,
    k: int,
    acts: dict[Period, tuple[float, Return]],
    improved: bool | None,
) -> tuple[float, str, Status, MonitoringCategory]:
    """Planned value, its basis, status by the rule and category for one actual."""
    actual = acts[period][0]
    tol = ctx.rule.tolerance
    sense = t.sense(k)
    if period.kind not in _PARTS or t.index_of(period) is not None:
        planned = t.values[k]
        basis = f"target for {t.periods[k].label} ({t.texts[k]})"
        if sense is None:
            raw = t.judge(actual, k, tol)
            category = _category(t, raw, actual, k)
        else:
            series = [acts[p][0] if p in acts else None for p in t.periods[: k + 1]]
            a = t.assess(series, tolerance=tol, polarity=sense)
            head = a.periods[k]
            if head.status is None:  # pragma: no cover - the period has both figures
                raise TrajectoryError(f"{t.subject} {period.label} could not be assessed")
            raw, category = head.status, head.category
        return planned, basis, ctx.rule.rate(raw, improved_on_last_year=improved), category
    prof, base, basis = _profile(t, k, period, acts)
    i = prof.periods.index(period)
    planned = prof.values[i]
    if sense is None:
        if t.aggregation is Aggregation.COUNT:
            raise TrajectoryError(
                f"a range or exact target for a count is not profiled ({t.subject})"
            )
        raw = t.judge(actual, k, tol)
        return (
            planned,
            basis,
            ctx.rule.rate(raw, improved_on_last_year=improved),
            (_category(t, raw, actual, k)),
        )
    series = [acts[p][0] if p in acts else None for p in prof.periods[: i + 1]]
    a = assess(
        series,
        list(prof.values),
        baseline=base,
        polarity=sense,
        tolerance=tol,
        percent_change=t.percent_change,
    )
    head = a.periods[i]
    if head.status is None:  # pragma: no cover - the part has both figures
        raise TrajectoryError(f"{t.subject} {period.label} could not be assessed")
    return (
        planned,
        basis,
        ctx.rule.rate(head.status, improved_on_last_year=improved),
        (head.category),
    )


def _travel(
    t: PlanTrajectory, period: Period, k: int, acts: dict[Period, tuple[float, Return]]
) -> Travel:
    actual = acts[period][0]
    level = t.aggregation is Aggregation.LEVEL
    earlier = [p for p in acts if p.end < period.end and (level or _same_kind(p, period))]
    same = [p for p in earlier if _same_kind(p, period)]
    previous = max(same or earlier, default=None)
    short = None if previous is None else t.direction(actual, acts[previous][0], k)
    back = _year_earlier(period)
    year_ago = next((p for p in acts if back is not None and (p.kind, p.start) == back), None)
    long = None if year_ago is None else t.direction(actual, acts[year_ago][0], k)
    since = None
    if t.baseline is not None and (level or period.kind in _YEARLY):
        since = t.direction(actual, t.baseline.value, k)
    return Travel(short, long, since)


def _position(t: PlanTrajectory, period: Period) -> int:
    """Where a period stands on the projection's axis (quarters for a level, else years)."""
    base = t.baseline.period if t.baseline is not None else None
    if base is None:
        raise TrajectoryError("the baseline names no period")
    if t.aggregation is Aggregation.LEVEL:
        return steps_between(_quarter_of(base.end), _quarter_of(period.end))
    return steps_between(base, period)


def _projection(
    t: PlanTrajectory, acts: dict[Period, tuple[float, Return]]
) -> tuple[Projection, str]:
    k = t.final
    none = Projection(ProjectionMethod.LEAST_SQUARES, None, None, None, "")
    if k is None:  # pragma: no cover - rows have a planned figure
        return attrs.evolve(none, reason="no final target"), ""
    target = t.values[k]
    try:
        horizon = _position(t, t.periods[k])
        points: dict[int, float] = {}
        for p in sorted(acts):
            if t.aggregation is Aggregation.COUNT and p.kind not in _YEARLY:
                continue
            points[_position(t, p)] = acts[p][0]
    except TrajectoryError as err:
        return attrs.evolve(none, target=target, reason=str(err)), ""
    points = {pos: v for pos, v in points.items() if 0 < pos <= horizon}
    if not points or horizon < 1:
        reason = "no actual value between the baseline and the final target period"
        return attrs.evolve(none, target=target, reason=reason), ""
    series: list[float | None] = [points.get(i) for i in range(1, max(points) + 1)]
    raw = project(
        series,
        horizon=horizon,
        baseline=t.baseline.value if t.baseline is not None else None,
    )
    if raw.value is None:
        return attrs.evolve(raw, target=target), ""
    held = t.clamp(raw.value)
    note = ""
    if held != raw.value:
        side = "highest" if held < raw.value else "lowest"
        note = (
            f"the trend gives {_num(raw.value)}, held at {_num(held)}, the {side} figure the "
            "measure can take"
        )
    return Projection(raw.method, held, target, t.meets(held, k), raw.reason), note


def _next_target(t: PlanTrajectory, period: Period) -> NextTarget | None:
    for p, v, text in zip(t.periods, t.values, t.texts, strict=True):
        if p.end > period.end and not math.isnan(v):
            return NextTarget(p, v, text)
    return None


def _agreement(  # noqa: PLR0917 (private helper with one caller)
    ctx: _Context, subject: str, period: Period, row: Return, status: Status, category: str
) -> bool | None:
    said = read_reported(row.status)
    if row.status is None:
        return None
    if said is None:
        ctx.finding(
            "ECM702",
            "info",
            subject,
            f"the return for {period.label} reports {row.status!r}, which the library does "
            "not read as a status",
            "use green/amber/red or AHEAD/ON COURSE/SLIPPAGE/NO PROGRESS/NOT YET ASSESSED",
        )
        return None
    agrees = category == said.value if isinstance(said, MonitoringCategory) else status in said
    if not agrees:
        ctx.finding(
            "ECM701",
            "warning",
            subject,
            f"the return for {period.label} reports {row.status!r}; the computed status is "
            f"{status.value} ({category.replace('_', ' ')}) by the {ctx.rule.name} rule",
            "check the figure, the target and the rule the document used",
        )
    return agrees


def _assess_subject(
    ctx: _Context, subject: Indicator | Target
) -> MonitoringRow | Unassessed | None:
    try:
        t = plan_trajectory(subject, plan=ctx.plan)
    except PolarityUnknownError as err:
        if not _planned_figures(subject):
            return None
        priorities, outcomes = ctx.served(subject)
        ctx.finding("ECM703", "warning", subject.id, str(err), "give its polarity in the plan")
        return Unassessed(ctx.plan.id, subject.id, "no polarity", priorities, outcomes)
    if t.final is None:
        return None
    for note in t.notes:
        ctx.finding("ECM704", "info", subject.id, note, "")
    priorities, outcomes = ctx.served(subject)
    acts = _actuals(ctx, subject, t)
    placed = sorted(p for p in acts if _place(t, p) is not None)
    points: list[MonitoredPoint] = []
    last: tuple[Period, int, str, Travel] | None = None
    reasons: list[str] = []
    for period in placed:
        k = _place(t, period)
        if k is None or math.isnan(t.values[k]):
            continue
        travel = _travel(t, period, k, acts)
        improved = None if travel.long_term is None else travel.long_term is Direction.IMPROVING
        try:
            planned, basis, status, category = _point(ctx, t, period, k, acts, improved)
        except TrajectoryError as err:
            reasons.append(f"{period.label}: {err}")
            continue
        points.append(MonitoredPoint(period, acts[period][0], planned, status, category))
        last = (period, k, basis, travel)
    if last is None:
        window = f" up to {ctx.as_of.label}" if ctx.as_of is not None else ""
        reason = "; ".join(reasons) or f"no actual value for a target period{window}"
        return Unassessed(ctx.plan.id, subject.id, reason, priorities, outcomes)
    period, k, basis, travel = last
    head = points[-1]
    ret = acts[period][1]
    projection, note = _projection(t, acts)
    return MonitoringRow(
        ctx.plan.id,
        subject.id,
        t.indicator,
        period,
        head.actual,
        head.planned,
        basis,
        head.status,
        head.category,
        travel,
        projection,
        note,
        _next_target(t, period),
        ret.status,
        _agreement(ctx, subject.id, period, ret, head.status, head.category.value),
        ret.comment,
        priorities,
        outcomes,
        ctx.rule.name,
        tuple(points),
        t,
    )


def _planned_figures(subject: Indicator | Target) -> bool:
    """Whether an indicator or target gives at least one planned figure."""
    values = subject.targets if isinstance(subject, Indicator) else subject.values
    return any(v.magnitude is not None for v in values.values()) or (
        isinstance(subject, Target) and subject.value is not None and subject.value.has_figure
    )


def _count(rows: Iterable[MonitoringRow], unassessed: Iterable[Unassessed]) -> dict[str, int]:
    counts = {"green": 0, "amber": 0, "red": 0, "not_assessed": 0}
    for r in rows:
        counts[r.status.value] += 1
    for _ in unassessed:
        counts["not_assessed"] += 1
    return counts


def _rollups(
    plan: Plan, rows: Sequence[MonitoringRow], unassessed: Sequence[Unassessed]
) -> tuple[tuple[RollUp, ...], tuple[RollUp, ...], RollUp]:
    by_priority = tuple(
        RollUp(
            "priority",
            p.id,
            p.title,
            **_count(
                [r for r in rows if p.id in r.priorities],
                [u for u in unassessed if p.id in u.priorities],
            ),
        )
        for p in plan.priorities
    )
    return (
        by_priority,
        _by_outcome(rows, unassessed),
        RollUp("plan", plan.id, plan.title, **_count(rows, unassessed)),
    )


def _by_outcome(
    rows: Sequence[MonitoringRow], unassessed: Sequence[Unassessed]
) -> tuple[RollUp, ...]:
    return tuple(
        RollUp(
            "outcome",
            key.value,
            key.label,
            **_count(
                [r for r in rows if key.value in r.outcomes],
                [u for u in unassessed if key.value in u.outcomes],
            ),
        )
        for key in OutcomeKey
    )


def _window(as_of: Period | str | None) -> Period | None:
    if as_of is None or isinstance(as_of, Period):
        return as_of
    return parse_period(as_of)


def assess_plan(
    plan: Plan,
    returns: Returns,
    *,
    as_of: Period | str | None = None,
    rule: str | RatingRule | None = None,
) -> MonitoringResult:
    """Assess every indicator and target of a plan against the returns up to ``as_of``.

    Each indicator or measurable target with a planned figure and an actual value for a
    target period (or a quarter or month of one) in the window gets one
    :class:`.MonitoringRow`, at its latest such return; the plan's own actuals fill periods the
    returns do not give (:func:`~ecm_plan.monitoring.with_plan_actuals`). A target that
    names no indicator takes the returns given under its own id. The rules are described in
    the module's description.

    Args:
        plan: The plan.
        returns: The returns (rows for other plans are ignored).
        as_of: The last period to take returns for (a :class:`~ecm_plan.periods.Period` or a
            label such as ``"2009-10 Q2"``); None takes every return.
        rule: A rating rule, or the name of one (:data:`~ecm_plan.monitoring.RULES`); None for
            the default.

    Returns:
        The result, with its roll-ups and findings.

    Raises:
        UnknownRatingRuleError: ``rule`` names no rule the library knows.
        InvalidPeriodError: ``as_of`` is not a period label.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import loads_returns
        >>> wigan = load_bundled("wigan-2009-12")
        >>> text = '''indicator,period,value,status
        ... NI 63,2009-10 Q1,67%,ON COURSE
        ... NI 63,2009-10 Q2,69%,ON COURSE
        ... '''
        >>> result = assess_plan(wigan, loads_returns(text, "csv"), rule="havering")
        >>> row = result.row("NI 63")
        >>> row.period.label, row.planned, row.status.value, row.category.value, row.agrees
        ('2009-10 Q2', 71.4, 'green', 'slippage', False)
        >>> print(result.findings[0])
        warning ECM701 NI 63: the return for 2009-10 Q2 reports 'ON COURSE'; the computed status
        is green (slippage) by the havering rule (hint: ...)
        >>> print(row.planned_basis)
        quarterly profile of 77 (2009-10) from 65.8, the last yearly actual
        >>> assess_plan(wigan, loads_returns(text, "csv"), as_of="2009-10 Q1").row("NI 63").actual
        67.0
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    _args.require_type(returns, "returns", Returns, "Returns")
    if as_of is not None and not isinstance(as_of, Period):
        _args.require_text(as_of, "as_of")
    if rule is not None and not isinstance(rule, RatingRule):
        _args.require_text(rule, "rule")
    chosen = rating_rule(rule)
    window = _window(as_of)
    ctx = _Context(
        plan,
        with_plan_actuals(returns, plan),
        window,
        chosen,
        _contribution_view(build_graph(plan)),
    )
    rows: list[MonitoringRow] = []
    unassessed: list[Unassessed] = []
    subjects: list[Indicator | Target] = [*plan.indicators]
    subjects += [t for _, t in plan.iter_targets() if t.is_measurable]
    for subject in subjects:
        got = _assess_subject(ctx, subject)
        if isinstance(got, MonitoringRow):
            rows.append(got)
        elif isinstance(got, Unassessed):
            unassessed.append(got)
    by_priority, by_outcome, total = _rollups(plan, rows, unassessed)
    return MonitoringResult(
        plan.id,
        window,
        chosen,
        tuple(rows),
        tuple(unassessed),
        tuple(ctx.findings),
        by_priority,
        by_outcome,
        total,
    )


def assess_portfolio(
    plans: Iterable[Plan],
    returns: Returns,
    *,
    as_of: Period | str | None = None,
    rule: str | RatingRule | None = None,
) -> PortfolioResult:
    """Assess several plans against one returns file (rows name their plan, or serve all).

    Args:
        plans: The plans.
        returns: The returns; a row's ``plan`` column says which plan it is for, and a row
            naming no plan serves every plan.
        as_of: The last period to take returns for.
        rule: A rating rule, or its name.

    Returns:
        One result per plan, with roll-ups by outcome and in all.

    Raises:
        UnknownRatingRuleError: ``rule`` names no rule the library knows.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import loads_returns
        >>> text = '''plan,indicator,period,value
        ... wigan-2009-12,NI 19,2009-10,0.83
        ... sample,NI 62,2009-10,9%
        ... '''
        >>> p = assess_portfolio([load_bundled("wigan-2009-12"), load_bundled("sample")],
        ...                      loads_returns(text, "csv"))
        >>> [(r.plan, r.subject, r.status.value) for r in p.rows]
        [('wigan-2009-12', 'NI 19', 'amber'), ('sample', 'NI 62', 'green'),
         ('sample', 'P2.O1.A1.T1', 'green')]
    """
    plans = _args.require_items(plans, "plans", Plan, "a Plan")
    _args.require_type(returns, "returns", Returns, "Returns")
    if as_of is not None and not isinstance(as_of, Period):
        _args.require_text(as_of, "as_of")
    if rule is not None and not isinstance(rule, RatingRule):
        _args.require_text(rule, "rule")
    chosen = rating_rule(rule)
    results = tuple(assess_plan(p, returns, as_of=as_of, rule=chosen) for p in plans)
    rows = [r for x in results for r in x.rows]
    unassessed = [u for x in results for u in x.unassessed]
    return PortfolioResult(
        results,
        chosen,
        _by_outcome(rows, unassessed),
        RollUp("portfolio", "all", f"{len(results)} plans", **_count(rows, unassessed)),
    )

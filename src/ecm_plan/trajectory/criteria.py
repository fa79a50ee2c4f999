"""Judging a plan's trajectory: the criterion of each planned value, the polarity, the steps.

What :func:`~ecm_plan.trajectory.plan.plan_trajectory` reads from a plan besides the series
itself: the number of steps between two periods, counted from their labels
(:func:`steps_between`); what meeting each planned value means (:class:`Criterion`), from the
cell's bound or the target's comparator; where the polarity comes from; and how a relative
target is resolved against its baseline.

Example:
    >>> from ecm_plan.periods import parse_period
    >>> steps_between(parse_period("2008-09"), parse_period("2011-12"))
    3
    >>> Criterion("at_most").value
    'at_most'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import enum
import math
import re
from typing import TYPE_CHECKING, Final

from ecm_plan import _args
from ecm_plan.catalog import national_indicator
from ecm_plan.exceptions import PlanError, TrajectoryError
from ecm_plan.model import (
    Bound,
    Comparator,
    Indicator,
    PeriodKind,
    Plan,
    Polarity,
    Target,
    Value,
)
from ecm_plan.periods import Period
from ecm_plan.trajectory._common import PolarityLike, _polarity
from ecm_plan.trajectory.relative import resolve_relative

if TYPE_CHECKING:
    from ecm_plan.model import Observation

__all__ = [
    "Criterion",
    "steps_between",
]


# --------------------------------------------------------------------------------------------
# Steps between periods
# --------------------------------------------------------------------------------------------

_YEARLY: Final = frozenset(
    {PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR, PeriodKind.CALENDAR_YEAR}
)


def steps_between(start: Period, end: Period) -> int:
    """The number of steps from one period to another, counted from their labels.

    Years are counted between yearly periods (financial, academic or calendar years, by the
    year each starts in, so ``1998`` to ``2010`` is 12 and ``2008-09`` to ``2011-12`` is 3);
    quarters between quarters (``2009-10 Q1`` to ``2010-11 Q1`` is 4); months between months.
    The count is negative when ``end`` comes first.

    Args:
        start: The earlier period (the baseline's, usually).
        end: The later period.

    Returns:
        The signed number of steps.

    Raises:
        TrajectoryError: The two periods are of kinds that cannot be counted in one unit (a
            year and a quarter, a season, a span, a day).

    Example:
        >>> from ecm_plan.periods import parse_period
        >>> steps_between(parse_period("1998"), parse_period("2010"))
        12
        >>> steps_between(parse_period("2008-09"), parse_period("2011-12"))
        3
        >>> steps_between(parse_period("2009-10 Q2"), parse_period("2010-11 Q1"))
        3
        >>> steps_between(parse_period("2008-09"), parse_period("2009-10 Q1"))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: cannot count steps from 2008-09 (financial_year) ...

    .. versionadded:: 0.2.0
    """
    _args.require_type(start, "start", Period, "a Period")
    _args.require_type(end, "end", Period, "a Period")
    if start.kind in _YEARLY and end.kind in _YEARLY:
        return end.start.year - start.start.year
    if start.kind is end.kind and start.kind in {PeriodKind.QUARTER, PeriodKind.MONTH}:
        months = (end.start.year - start.start.year) * 12 + end.start.month - start.start.month
        return months // 3 if start.kind is PeriodKind.QUARTER else months
    raise TrajectoryError(
        f"cannot count steps from {start.label} ({start.kind.value}) to {end.label} "
        f"({end.kind.value}): steps are counted between two yearly periods, two quarters or "
        "two months; profile an annual target by quarter first (ecm_plan.monitoring.profile)"
    )


# --------------------------------------------------------------------------------------------
# What meeting a planned value means
# --------------------------------------------------------------------------------------------


class Criterion(enum.StrEnum):
    """What meeting a planned value means, from the target's comparator or the cell's bound.

    ``at_least`` (``"90%+"``, ``increase_to``, higher-is-better) is met on or above the
    figure; ``at_most`` (``"<10%"``, ``reduce_to``, lower-is-better) on or below it;
    ``within`` (``"5-10%"``) inside the range; ``exactly`` (``"zero"``, ``exactly``) at the
    figure; ``maintain`` no worse than the figure, by the polarity (at the figure when the
    polarity is not known).

    Example:
        >>> Criterion("within").value
        'within'

    .. versionadded:: 0.2.0
    """

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    WITHIN = "within"
    EXACTLY = "exactly"
    MAINTAIN = "maintain"


_BY_BOUND: Final = {
    Bound.AT_LEAST: Criterion.AT_LEAST,
    Bound.ABOVE: Criterion.AT_LEAST,
    Bound.AT_MOST: Criterion.AT_MOST,
    Bound.BELOW: Criterion.AT_MOST,
    Bound.RANGE: Criterion.WITHIN,
}
_BY_COMPARATOR: Final = {
    Comparator.INCREASE: Criterion.AT_LEAST,
    Comparator.INCREASE_TO: Criterion.AT_LEAST,
    Comparator.INCREASE_BY: Criterion.AT_LEAST,
    Comparator.AT_LEAST: Criterion.AT_LEAST,
    Comparator.ABOVE: Criterion.AT_LEAST,
    Comparator.REDUCE: Criterion.AT_MOST,
    Comparator.REDUCE_TO: Criterion.AT_MOST,
    Comparator.REDUCE_BY: Criterion.AT_MOST,
    Comparator.AT_MOST: Criterion.AT_MOST,
    Comparator.BELOW: Criterion.AT_MOST,
    Comparator.WITHIN_RANGE: Criterion.WITHIN,
    Comparator.EXACTLY: Criterion.EXACTLY,
    Comparator.ZERO: Criterion.EXACTLY,
    Comparator.MAINTAIN: Criterion.MAINTAIN,
}
_ONE_SIDED: Final = {
    Criterion.AT_LEAST: Polarity.HIGHER_IS_BETTER,
    Criterion.AT_MOST: Polarity.LOWER_IS_BETTER,
}


# --------------------------------------------------------------------------------------------
# Reading a plan's targets: the indicator, the polarity, relative changes
# --------------------------------------------------------------------------------------------


def _indicator_of(subject: Indicator | Target, plan: Plan | None) -> Indicator | None:
    if isinstance(subject, Indicator):
        return subject
    if plan is None or subject.indicator is None:
        return None
    return next((i for i in plan.indicators if i.id == subject.indicator), None)


def _catalogue_polarity(indicator: Indicator | None) -> Polarity | None:
    if indicator is None:
        return None
    try:
        return national_indicator(indicator.catalogue_code or indicator.id).polarity
    except PlanError:
        return None


def _comparators(subject: Indicator | Target, plan: Plan | None) -> list[Comparator]:
    if isinstance(subject, Target):
        return [subject.comparator] if subject.comparator is not None else []
    if plan is None:
        return []
    return [
        t.comparator
        for _, t in plan.iter_targets()
        if t.indicator == subject.id and t.comparator is not None
    ]


def _items(subject: Indicator | Target) -> list[tuple[Period, Value]]:
    if isinstance(subject, Indicator):
        return sorted(subject.targets.items())
    items = sorted(subject.values.items())
    if not items and subject.value is not None and subject.due is not None and subject.due.periods:
        items = [(subject.due.periods[-1], subject.value)]
    return items


def _reference(subject: Target, indicator: Indicator | None) -> Observation | None:
    for obs in (subject.baseline, indicator.baseline if indicator is not None else None):
        if obs is not None and obs.value is not None and obs.value.magnitude is not None:
            return obs
    return None


def _polarity_of(
    subject: Indicator | Target,
    indicator: Indicator | None,
    given: PolarityLike | None,
    senses: list[Polarity],
) -> tuple[Polarity | None, str]:
    if given is not None:
        return _polarity(given), "given"
    if indicator is not None and indicator.polarity is not None:
        return indicator.polarity, "plan"
    found = _catalogue_polarity(indicator)
    if found is not None:
        return found, "catalogue"
    if isinstance(subject, Target) and indicator is None:
        found = _catalogue_polarity(Indicator(id=subject.indicator)) if subject.indicator else None
        if found is not None:
            return found, "catalogue"
    if senses and all(s is senses[0] for s in senses):
        return senses[0], "comparator"
    return None, ""


_DOWN = re.compile(r"\b(?:reduc\w*|decreas\w*|lower\w*|cut|fall\w*)\b", re.IGNORECASE)
_UP = re.compile(r"\b(?:increas\w*|rais\w*|ris\w*|grow\w*)\b", re.IGNORECASE)
_SIGNED = re.compile(r"^\s*[-+−]")


def _signed_change(subject: Target, value: Value) -> tuple[float | None, str]:
    """The relative change in percent with its sign, and how the sign was read."""
    magnitude = value.magnitude
    if magnitude is None:
        return None, ""
    if _SIGNED.match(value.text) or magnitude == 0.0:
        return magnitude, "as written"
    down, up = bool(_DOWN.search(subject.text)), bool(_UP.search(subject.text))
    if down and not up:
        return -abs(magnitude), "a reduction, as the target's text says"
    if up and not down:
        return abs(magnitude), "an increase, as the target's text says"
    return None, ""


def _resolved(
    subject: Target, ref: Observation | None, period: Period, value: Value, notes: list[str]
) -> float:
    """A relative target's value resolved against its reference, or nan with a note."""
    if value.magnitude is None:
        return math.nan
    if ref is None or ref.value is None or ref.value.magnitude is None:
        notes.append(
            f"{value.text!r} for {period.label} is a change from a baseline the plan does not "
            "give; give the target's baseline to resolve it"
        )
        return math.nan
    change, how = _signed_change(subject, value)
    if change is None:
        notes.append(
            f"{value.text!r} for {period.label} does not say whether it is a rise or a fall; "
            "write the change with its sign (-50%)"
        )
        return math.nan
    resolved = round(resolve_relative(ref.value.magnitude, change), 10)
    notes.append(
        f"{value.text!r} ({how}) of the baseline {ref.value.text} resolved to {resolved:g} for "
        f"{period.label}"
    )
    return resolved

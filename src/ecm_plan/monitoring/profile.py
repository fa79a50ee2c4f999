"""Profiles: an annual target spread over the quarters or months of its year.

A plan sets targets by year; a performance team reports by quarter.
How a year's target is shared out depends on what the figure is
(:func:`~ecm_plan.catalog.measure_of`):

- a **level** (a percentage, a rate) is comparable period by period, so the quarters step
  from the last actual value to the annual target by equal steps (linear interpolation): the
  fourth quarter's profile is the annual target;
- a **count over the year** (first-time entrants, say) accumulates, so each quarter holds its
  share of the annual target: an equal share (pro rata), or a share given by weights (a
  seasonal profile); the quarters add up to the annual target.

Example:
    >>> from ecm_plan.periods import Period
    >>> quarterly_profile(77.0, start=65.8, year=Period.financial_year(2009)).values
    (68.6, 71.4, 74.2, 77.0)
    >>> quarterly_profile(1412, aggregation="count").values
    (353.0, 353.0, 353.0, 353.0)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Aggregation, PeriodKind
from ecm_plan.periods import Period, quarters_of

__all__ = ["Profile", "monthly_profile", "profile", "quarterly_profile"]


@attrs.frozen
class Profile:
    """An annual target spread over the parts of its year.

    Attributes:
        annual: The annual target.
        aggregation: ``level`` (stepped from ``start``) or ``count`` (shared out).
        values: The profiled value of each part, in order.
        periods: The parts' periods (quarters or months), when the year was given.
        start: The value the level steps from (the last actual), or None for a count.
        weights: The shares of a count, normalised to sum to 1 (empty for a level).

    Example:
        >>> p = quarterly_profile(100, aggregation="count", weights=[1, 1, 1, 2])
        >>> p.values, p.cumulative
        ((20.0, 20.0, 20.0, 40.0), (20.0, 40.0, 60.0, 100.0))

    .. versionadded:: 0.2.0
    """

    annual: float
    aggregation: Aggregation
    values: tuple[float, ...]
    periods: tuple[Period, ...] = ()
    start: float | None = None
    weights: tuple[float, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The parts' labels (empty when no year was given)."""
        return tuple(p.label for p in self.periods)

    @property
    def cumulative(self) -> tuple[float, ...]:
        """Running totals (year to date) of a count; the values themselves for a level."""
        if self.aggregation is Aggregation.LEVEL:
            return self.values
        out: list[float] = []
        total = 0.0
        for v in self.values:
            total += v
            out.append(total)
        return tuple(out)

    def value_for(self, period: Period) -> float:
        """The profiled value of one part.

        Raises:
            TrajectoryError: The period is not one of the parts.

        Example:
            >>> p = quarterly_profile(9.0, start=10.9, year=Period.financial_year(2009))
            >>> p.value_for(Period.quarter(2009, 2))
            9.95
        """
        try:
            return self.values[self.periods.index(period)]
        except ValueError:
            raise TrajectoryError(
                f"{period.label} is not a part of this profile ({', '.join(self.labels)})"
            ) from None


def _aggregation(aggregation: Aggregation | str) -> Aggregation:
    try:
        return Aggregation(aggregation)
    except ValueError:
        raise TrajectoryError(
            f"unknown aggregation {aggregation!r}; use 'level' or 'count'"
        ) from None


def _months(year: Period) -> tuple[Period, ...]:
    found = []
    y, m = year.start.year, year.start.month
    while True:
        month = Period.month(y, m)
        if month.end > year.end:
            break
        found.append(month)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(found)


def _check_common(annual: object, start: object, weights: object, aggregation: object) -> None:
    """The argument checks every profile function shares."""
    _args.require_real(annual, "annual")
    if start is not None:
        _args.require_real(start, "start")
    if weights is not None:
        _args.require_numbers(weights, "weights", optional=False)
    if not isinstance(aggregation, Aggregation):
        _args.require_text(aggregation, "aggregation")


def profile(
    annual: float,
    parts: int,
    *,
    aggregation: Aggregation | str = Aggregation.LEVEL,
    start: float | None = None,
    weights: Sequence[float] | None = None,
    periods: Sequence[Period] = (),
) -> Profile:
    """Spread an annual target over ``parts`` equal parts of its year.

    A level steps from ``start`` to ``annual``: part ``k`` of ``n`` is
    ``start + (annual - start) * k / n``, rounded to 10 decimals.
    A count shares ``annual`` out by ``weights`` (equal by default); the last part takes what
    is left, so the parts add up to the annual target.

    Args:
        annual: The annual target.
        parts: How many parts (4 for quarters, 12 for months).
        aggregation: ``"level"`` or ``"count"``.
        start: The value a level steps from (the last actual); required for a level.
        weights: A count's shares (non-negative, not all zero), one per part.
        periods: The parts' periods, if known.

    Returns:
        The profile.

    Raises:
        TrajectoryError: A level without ``start``, weights for a level, weights of the wrong
            length or that are negative or all zero, a figure that is not finite, or fewer
            than one part.

    Example:
        >>> profile(12, 3, aggregation="count", weights=[1, 2, 3]).values
        (2.0, 4.0, 6.0)
        >>> profile(77.0, 4)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: a level's profile steps from the last actual value; ...

    .. versionadded:: 0.2.0
    """
    _check_common(annual, start, weights, aggregation)
    _args.require_int(parts, "parts", None, 366, error=TrajectoryError)
    _args.require_items(periods, "periods", Period, "a Period")
    agg = _aggregation(aggregation)
    if parts < 1:
        raise TrajectoryError(f"a profile needs at least one part, not {parts}")
    if not math.isfinite(annual):
        raise TrajectoryError(f"the annual target must be a finite number, not {annual!r}")
    if periods and len(periods) != parts:
        raise TrajectoryError(f"{len(periods)} periods for {parts} parts")
    if agg is Aggregation.LEVEL:
        if weights is not None:
            raise TrajectoryError("weights share out a count; a level steps from start")
        if start is None or not math.isfinite(start):
            raise TrajectoryError(
                "a level's profile steps from the last actual value; pass start= (a finite number)"
            )
        values = tuple(round(start + (annual - start) * k / parts, 10) for k in range(1, parts + 1))
        return Profile(float(annual), agg, values, tuple(periods), float(start))
    shares = [1.0] * parts if weights is None else [float(w) for w in weights]
    if len(shares) != parts:
        raise TrajectoryError(f"{len(shares)} weights for {parts} parts; give one per part")
    if any(not (w >= 0.0 and math.isfinite(w)) for w in shares) or not any(shares):
        raise TrajectoryError(
            f"weights must be finite, non-negative and not all zero, not {list(shares)}"
        )
    total = math.fsum(shares)
    norm = tuple(w / total for w in shares)
    head = [annual * w / total for w in shares[:-1]]
    values = (*head, annual - math.fsum(head))
    return Profile(float(annual), agg, tuple(float(v) for v in values), tuple(periods), None, norm)


def quarterly_profile(
    annual: float,
    *,
    year: Period | None = None,
    aggregation: Aggregation | str = Aggregation.LEVEL,
    start: float | None = None,
    weights: Sequence[float] | None = None,
) -> Profile:
    """Spread an annual target over the four quarters of its year (see :func:`profile`).

    Args:
        annual: The annual target.
        year: The financial year (or another year holding four financial quarters), to label
            the quarters.
        aggregation: ``"level"`` or ``"count"``.
        start: The value a level steps from (the last actual).
        weights: A count's shares, one per quarter.

    Returns:
        The profile.

    Raises:
        TrajectoryError: As :func:`profile`; or ``year`` does not hold four quarters.

    Example:
        Wigan's NI 63 (placement stability) from 65.8% in 2008-09 to 77% in 2009-10:

        >>> p = quarterly_profile(77.0, start=65.8, year=Period.financial_year(2009))
        >>> list(zip(p.labels, p.values))
        [('2009-10 Q1', 68.6), ('2009-10 Q2', 71.4), ('2009-10 Q3', 74.2), ('2009-10 Q4', 77.0)]

    .. versionadded:: 0.2.0
    """
    _check_common(annual, start, weights, aggregation)
    if year is not None:
        _args.require_type(year, "year", Period, "a Period")
    periods: tuple[Period, ...] = ()
    if year is not None:
        periods = quarters_of(year)
        if len(periods) != 4 or year.kind is PeriodKind.QUARTER:
            raise TrajectoryError(f"{year.label} does not hold four quarters")
    return profile(
        annual, 4, aggregation=aggregation, start=start, weights=weights, periods=periods
    )


def monthly_profile(
    annual: float,
    *,
    year: Period | None = None,
    aggregation: Aggregation | str = Aggregation.LEVEL,
    start: float | None = None,
    weights: Sequence[float] | None = None,
) -> Profile:
    """Spread an annual target over the twelve months of its year (see :func:`profile`).

    Args:
        annual: The annual target.
        year: The year, to label the months.
        aggregation: ``"level"`` or ``"count"``.
        start: The value a level steps from (the last actual).
        weights: A count's shares, one per month.

    Returns:
        The profile.

    Raises:
        TrajectoryError: As :func:`profile`; or ``year`` does not hold twelve months.

    Example:
        >>> p = monthly_profile(1200, aggregation="count", year=Period.financial_year(2009))
        >>> p.labels[0], p.values[0], sum(p.values)
        ('April 2009', 100.0, 1200.0)

    .. versionadded:: 0.2.0
    """
    _check_common(annual, start, weights, aggregation)
    if year is not None:
        _args.require_type(year, "year", Period, "a Period")
    periods: tuple[Period, ...] = ()
    if year is not None:
        periods = _months(year)
        if len(periods) != 12:
            raise TrajectoryError(f"{year.label} does not hold twelve months")
    return profile(
        annual, 12, aggregation=aggregation, start=start, weights=weights, periods=periods
    )

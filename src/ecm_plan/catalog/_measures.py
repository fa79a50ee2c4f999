"""What each indicator's figure is: a level or a count, a change from a baseline, its bounds.

The catalogue's choices are read once from the package data (``data/measures.csv``), one row
per National Indicator with the reason for the choice. A plan may override them for one of
its indicators with :attr:`Indicator.measure <ecm_plan.model.Indicator.measure>`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources
from typing import Any, Final

import attrs

from ecm_plan import _args
from ecm_plan.catalog._nis import national_indicator, parse_code
from ecm_plan.exceptions import UnknownIndicatorError
from ecm_plan.model import Aggregation, Indicator, Period, Value
from ecm_plan.periods import parse_period

__all__ = ["MeasureKind", "measure_of", "measures"]

_BY_UNIT: Final[dict[str, tuple[float | None, float | None]]] = {
    "percent": (0.0, 100.0),
    "percentage_point": (-100.0, 100.0),
    "per_1000": (0.0, 1000.0),
    "count": (0.0, None),
    "day": (0.0, None),
    "working_day": (0.0, None),
    "week": (0.0, None),
    "GBP": (0.0, None),
    "kGBP": (0.0, None),
    "MGBP": (0.0, None),
}
"""The bounds a figure takes from its unit alone, when the catalogue has no row for it."""


@attrs.frozen
class MeasureKind:
    """What an indicator's figure is, and why the library thinks so.

    Bounds are figures in :attr:`unit`; a figure in another unit is not checked against
    them, because a different unit usually means a different measure (a percentage change
    of a count, say).

    Attributes:
        code: The indicator code (``NI 111``) or, for a local indicator, the plan's id.
        aggregation: ``level`` (a figure at a point in time, or a rate or average for a
            period: a quarter's figure compares with the year's) or ``count`` (accumulated
            over the period: a quarter holds part of the year's total).
        change_from: The reference period of a "% change from baseline" figure, or None.
        unit: The unit the bounds are in, or None when there are no bounds.
        lower: The lowest figure the measure can take, or None.
        upper: The highest figure the measure can take, or None.
        reason: Why the catalogue (or the plan) chose this.
        origin: ``catalogue`` (a row of ``measures.csv``), ``unit`` (no row: the bounds
            follow the unit) or ``plan`` (the plan's ``measure:`` overrides something).

    Example:
        >>> m = measure_of("NI 111")
        >>> m.aggregation.value, m.lower, m.upper, m.unit
        ('count', 0.0, None, 'count')
        >>> measure_of("NI 112").change_from
        Period('1998')

    .. versionadded:: 0.1.0
    """

    code: str
    aggregation: Aggregation = attrs.field(converter=Aggregation)
    change_from: Period | None
    unit: str | None
    lower: float | None
    upper: float | None
    reason: str
    origin: str = "catalogue"

    @property
    def is_change(self) -> bool:
        """Whether the figure is a change from a reference baseline.

        Example:
            >>> measure_of("NI 112").is_change, measure_of("NI 56").is_change
            (True, False)
        """
        return self.change_from is not None

    def bounds_for(self, unit: str | None) -> tuple[float | None, float | None]:
        """The bounds that apply to a figure in ``unit``: (None, None) in any other unit.

        Example:
            >>> measure_of("NI 56").bounds_for("percent")
            (0.0, 100.0)
            >>> measure_of("NI 56").bounds_for("count")
            (None, None)
        """
        if unit is None or unit != self.unit:
            return (None, None)
        return (self.lower, self.upper)

    def breach(self, value: Value, default_unit: str | None = None) -> str | None:
        """Say how a value lies outside the bounds, or None when it does not (or has no figure).

        The value's own unit applies, else ``default_unit`` (the indicator's unit). Both ends
        of a range ("5-10%") are checked.

        Example:
            >>> measure_of("NI 56").breach(Value("104%"))
            '104% is above 100, the highest figure NI 56 can take (percent)'
            >>> measure_of("NI 56").breach(Value("18%")) is None
            True
        """
        lower, upper = self.bounds_for(value.unit or default_unit)
        for figure in (value.magnitude, value.upper):
            if figure is None:
                continue
            if lower is not None and figure < lower:
                return (
                    f"{value.text} is below {_num(lower)}, the lowest figure {self.code} can "
                    f"take ({self.unit})"
                )
            if upper is not None and figure > upper:
                return (
                    f"{value.text} is above {_num(upper)}, the highest figure {self.code} can "
                    f"take ({self.unit})"
                )
        return None


def _num(x: float) -> str:
    return f"{x:g}"


def _optional_float(text: str) -> float | None:
    return float(text) if text.strip() else None


@functools.cache
def _rows() -> dict[str, MeasureKind]:
    data = resources.files("ecm_plan.catalog").joinpath("data/measures.csv")
    found: dict[str, MeasureKind] = {}
    with io.StringIO(data.read_text(encoding="utf-8")) as stream:
        for row in csv.DictReader(stream):
            found[row["code"]] = MeasureKind(
                code=row["code"],
                aggregation=row["aggregation"],
                change_from=parse_period(row["change_from"]) if row["change_from"] else None,
                unit=row["unit"] or None,
                lower=_optional_float(row["lower"]),
                upper=_optional_float(row["upper"]),
                reason=row["reason"],
            )
    return found


def measures() -> tuple[MeasureKind, ...]:
    """Every row of the catalogue's measures, in indicator order.

    Example:
        >>> len(measures()) >= 80, measures()[0].code
        (True, 'NI 19')
    """
    return tuple(_rows().values())


def _by_unit(code: str, unit: str | None) -> MeasureKind:
    lower, upper = _BY_UNIT.get(unit or "", (None, None))
    reason = (
        f"no catalogue row: a level, with the bounds of its unit ({unit})"
        if unit in _BY_UNIT
        else "no catalogue row, and its unit gives no bounds: a level"
    )
    bounded = lower is not None or upper is not None
    return MeasureKind(
        code, Aggregation.LEVEL, None, unit if bounded else None, lower, upper, reason, "unit"
    )


def _for_code(code: str, unit: str | None = None) -> MeasureKind:
    number = parse_code(code).number
    found = _rows().get(f"NI {number}")
    if found is not None:
        return found
    ni = national_indicator(f"NI {number}")
    return _by_unit(ni.code, ni.unit or unit)


def measure_of(subject: str | Indicator) -> MeasureKind:
    """What an indicator's figure is: the catalogue's choice, with a plan's override applied.

    For a code, the catalogue's row (a part such as ``NI 102a`` takes its parent's); a
    National Indicator without a row takes the bounds of its catalogue unit. For a plan's
    :class:`~ecm_plan.model.Indicator`, its ``catalogue_code`` (else its id) is looked up; a
    local code takes the bounds of the indicator's unit; then every field the indicator's
    ``measure:`` sets replaces the catalogue's. Bounds the plan sets are in the indicator's
    unit; a bound it leaves out keeps the catalogue's when the units agree (and the two do not
    contradict each other), else is None.

    Args:
        subject: An indicator code, or an indicator of a plan.

    Returns:
        The measure, with its reason.

    Raises:
        ~ecm_plan.exceptions.UnknownIndicatorError: A code (given as text) is not a
            National Indicator code.

    Example:
        >>> from ecm_plan.model import Indicator, Measure
        >>> print(measure_of("NI 117").reason)
        NEET measured as an average of the November to January figures, a level between 0% and 100%
        >>> measure_of(Indicator(id="2016SC", scheme="local", unit="percent")).upper
        100.0
        >>> own = Indicator(id="NI 111", unit="percent", measure=Measure(lower=-100, upper=100))
        >>> m = measure_of(own)
        >>> m.origin, m.aggregation.value, m.unit, m.lower
        ('plan', 'count', 'percent', -100.0)
        >>> measure_of("BVPI 197")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownIndicatorError: unknown indicator code 'BVPI 197' ...
    """
    _args.require_type(
        subject, "subject", (str, Indicator), "an indicator code (a str) or an Indicator"
    )
    if isinstance(subject, str):
        return _for_code(subject)
    code = subject.catalogue_code or subject.id
    try:
        found = _for_code(code, subject.unit)
    except UnknownIndicatorError:
        found = _by_unit(subject.id, subject.unit)
    own = subject.measure
    if own is None:
        return found
    changes: dict[str, Any] = {"origin": "plan", "reason": f"set by the plan; {found.reason}"}
    if own.aggregation is not None:
        changes["aggregation"] = own.aggregation
    if own.change_from is not None:
        changes["change_from"] = own.change_from
    if own.lower is not None or own.upper is not None:
        same_unit = found.unit == subject.unit
        lower = own.lower if own.lower is not None else (found.lower if same_unit else None)
        upper = own.upper if own.upper is not None else (found.upper if same_unit else None)
        if lower is not None and upper is not None and upper < lower:
            # A borrowed catalogue bound that contradicts the plan's own gives way to it.
            lower, upper = (own.lower, None) if own.lower is not None else (None, own.upper)
        changes.update(unit=subject.unit, lower=lower, upper=upper)
    return attrs.evolve(found, **changes)

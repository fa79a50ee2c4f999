"""The library's one pint registry, with the units of children's services plans.

Take ``ureg`` and ``Q_`` from here only: quantities from different registries cannot be
combined.
The registry is built from the library's own definitions (not pint's defaults), so that
names such as ``point`` mean a score point, not a typographic one.

=====================  ===================================  =====================================
unit                   aliases                              what it measures
=====================  ===================================  =====================================
``percent``            ``%``                                a share (dimensionless, 0.01)
``percentage_point``   ``pp``                               a difference between two percentages
``per_1000``           ``per_thousand``                     a rate per 1,000 (dimensionless, 0.001)
``count``              ``item``                             a number of children, cases, schools
``score``              ``points``, ``point``                a score or points scale
``day``                ``days``                             calendar days
``working_day``        ``working_days``                     working days (not convertible to days)
``week``               ``weeks``                            seven days
``GBP``                ``pounds``, ``pound_sterling``       money
``kGBP``               ``thousand_GBP``                     thousands of pounds (a "£000" column)
``MGBP``               ``million_GBP``                      millions of pounds ("£103m")
``ratio``                                                   a plain ratio such as 0.86
=====================  ===================================  =====================================

Example:
    >>> from ecm_plan.units import Q_
    >>> Q_(48.3, "per_1000").to("percent")
    <Quantity(4.83, 'percent')>
    >>> Q_(3584, "kGBP").to("GBP").magnitude
    3584000

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
from typing import Any

import pint

from ecm_plan.exceptions import UnitError

__all__ = ["Q_", "UNIT_NAMES", "check_compatible", "conversion_factor", "to_unit", "ureg"]

_DEFINITIONS = (
    "count = [count] = item = items",
    "score = [score] = points = point",
    "GBP = [currency] = pound_sterling = pounds",
    "kGBP = 1000 * GBP = thousand_GBP",
    "MGBP = 1000000 * GBP = million_GBP",
    "day = [time] = days",
    "week = 7 * day = weeks",
    "working_day = [working_time] = working_days",
    "percent = 0.01 = %",
    "percentage_point = 0.01 = pp",
    "per_1000 = 0.001 = per_thousand",
    "ratio = 1",
)

ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=True)
"""The library's unit registry."""
for _definition in _DEFINITIONS:
    ureg.define(_definition)


def Q_(value: Any, unit: str | None = None) -> pint.Quantity[Any]:  # noqa: N802, ANN401 (pint's name)
    """Make a quantity in the library's registry.

    Example:
        >>> Q_(85, "percent")
        <Quantity(85, 'percent')>
    """
    return ureg.Quantity(value, unit)


UNIT_NAMES: tuple[str, ...] = (
    "percent",
    "percentage_point",
    "per_1000",
    "count",
    "score",
    "day",
    "working_day",
    "week",
    "GBP",
    "kGBP",
    "MGBP",
    "ratio",
)
"""The canonical unit names a plan file may use."""


def _unit(name: str) -> pint.Unit:
    try:
        return ureg.Unit(name)
    except (pint.UndefinedUnitError, AttributeError, ValueError, TypeError) as err:
        near = difflib.get_close_matches(name, UNIT_NAMES, n=2, cutoff=0.5)
        hint = f"; did you mean {' or '.join(near)}?" if near else f"; use one of {UNIT_NAMES}"
        raise UnitError(f"unknown unit {name!r}{hint}") from err


def check_compatible(first: str, second: str) -> None:
    """Raise :class:`~ecm_plan.exceptions.UnitError` unless the two units can be combined.

    Args:
        first: A unit name of the library's registry.
        second: Another unit name.

    Raises:
        UnitError: A name is unknown, or the two measure different things.

    Example:
        >>> check_compatible("percent", "per_1000")
        >>> check_compatible("working_day", "day")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnitError: cannot combine working_day with day: ...
    """
    a, b = _unit(first), _unit(second)
    if a.dimensionality != b.dimensionality:
        raise UnitError(
            f"cannot combine {first} with {second}: they measure different things "
            f"({a.dimensionality or 'a share'} and {b.dimensionality or 'a share'}); "
            "convert the values to one unit first"
        )


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Return the number that multiplies a magnitude in ``from_unit`` to give ``to_unit``.

    Computed once per pair, so that arrays convert with one multiplication instead of pint
    arithmetic per value.

    Example:
        >>> conversion_factor("kGBP", "GBP")
        1000.0
        >>> conversion_factor("per_1000", "percent")
        0.1
    """
    check_compatible(from_unit, to_unit)
    return _factor(from_unit, to_unit)


_FACTORS: dict[tuple[str, str], float] = {}


def _factor(from_unit: str, to_unit: str) -> float:
    key = (from_unit, to_unit)
    if key not in _FACTORS:
        _FACTORS[key] = float(Q_(1.0, from_unit).to(to_unit).magnitude)
    return _FACTORS[key]


def to_unit(quantity: pint.Quantity[Any], unit: str) -> float:
    """Return the magnitude of a quantity of this registry in ``unit``.

    Raises:
        UnitError: The quantity's unit cannot be converted to ``unit``.

    Example:
        >>> to_unit(Q_(1.5, "kGBP"), "GBP")
        1500.0
        >>> to_unit(Q_(3, "count"), "percent")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnitError: cannot combine count with percent: ...
    """
    check_compatible(str(quantity.units), unit)
    return float(quantity.to(unit).magnitude)

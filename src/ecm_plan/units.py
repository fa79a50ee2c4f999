"""The library's one pint registry, with the units of children's services plans.

Take ``ureg`` and ``Q_`` from here only: quantities from different registries cannot be
combined.
The registry is built from the library's own definitions (not pint's defaults), so that
names such as ``point`` mean a score point, not a typographic one.
It is built on first use, not at import: checking and converting the canonical names below
needs no registry, so reading plans never imports pint.

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
import functools
from typing import TYPE_CHECKING, Any

from ecm_plan.exceptions import UnitError

if TYPE_CHECKING:
    import pint

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


@functools.cache
def _registry() -> pint.UnitRegistry[Any]:
    """Build the registry once, on first use, so that importing the library stays fast."""
    import pint  # noqa: PLC0415 (pint takes a tenth of a second to import; load it on first use)

    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=True)
    for definition in _DEFINITIONS:
        registry.define(definition)
    return registry


if TYPE_CHECKING:
    ureg: pint.UnitRegistry[Any]
    """The library's unit registry."""


def __getattr__(name: str) -> Any:  # noqa: ANN401 (module attributes of any type)
    """Give ``ureg``, the registry built on first use (:pep:`562`)."""
    if name == "ureg":
        return _registry()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """The module's names, ``ureg`` included (:pep:`562`), for ``dir()`` and the docs."""
    return sorted({*globals(), "ureg"})


def Q_(value: Any, unit: str | None = None) -> pint.Quantity[Any]:  # noqa: N802, ANN401 (pint's name)
    """Make a quantity in the library's registry.

    Example:
        >>> Q_(85, "percent")
        <Quantity(85, 'percent')>
    """
    return _registry().Quantity(value, unit)


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

# The canonical units as the definitions above make them: what each measures (its base
# dimension, "" for a share) and its size in that base.  Conversions between canonical names
# use this table, so that reading a plan does not build the registry; a test checks that it
# agrees with the registry for every pair.
_SCALES: dict[str, tuple[str, float]] = {
    "percent": ("", 0.01),
    "percentage_point": ("", 0.01),
    "per_1000": ("", 0.001),
    "ratio": ("", 1.0),
    "count": ("count", 1.0),
    "score": ("score", 1.0),
    "day": ("time", 1.0),
    "week": ("time", 7.0),
    "working_day": ("working_time", 1.0),
    "GBP": ("currency", 1.0),
    "kGBP": ("currency", 1000.0),
    "MGBP": ("currency", 1000000.0),
}


def _unit(name: str) -> pint.Unit:
    import pint  # noqa: PLC0415 (already imported by the registry; kept off the import path)

    try:
        return _registry().Unit(name)
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
    if first in _SCALES and second in _SCALES and _SCALES[first][0] == _SCALES[second][0]:
        return
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
    if key not in _FACTORS and from_unit in _SCALES and to_unit in _SCALES:
        _FACTORS[key] = _SCALES[from_unit][1] / _SCALES[to_unit][1]
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

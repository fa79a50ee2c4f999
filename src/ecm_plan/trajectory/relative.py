"""Relative targets: a target stated as a change from a baseline, and back.

:func:`resolve_relative` turns "reduce the 1998 baseline of 48.3 per 1,000 by 50%" into the
absolute value; :func:`relative_change` is its inverse.

Example:
    >>> from ecm_plan.trajectory import resolve_relative
    >>> resolve_relative(48.3, -50)
    24.15

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pint

from ecm_plan import _args
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.trajectory._common import (
    Floats,
    Quantity,
    _factor,
    _strip,
)
from ecm_plan.units import Q_

__all__ = [
    "relative_change",
    "resolve_relative",
]


def _change_percent(change: Any) -> Any:  # noqa: ANN401 (number, array or quantity)
    if isinstance(change, pint.Quantity):
        factor = _factor(str(change.units), "percent")
        magnitude = change.magnitude
        return (
            magnitude * factor if isinstance(magnitude, np.ndarray) else float(magnitude) * factor
        )
    return change


@overload
def resolve_relative(baseline: float, change: float) -> float: ...
@overload
def resolve_relative(baseline: Quantity[Any], change: float | Quantity[Any]) -> Quantity[Any]: ...
@overload
def resolve_relative(baseline: npt.ArrayLike, change: npt.ArrayLike) -> Floats: ...
def resolve_relative(baseline: Any, change: Any) -> Any:
    r"""The absolute value of a relative target: the baseline changed by ``change`` percent.

    :math:`v = b + |b| \cdot c / 100`.
    For a positive baseline this is :math:`b\,(1 + c/100)`: "reduce the 1998 baseline of 48.3
    per 1,000 by 50%" is ``resolve_relative(48.3, -50) == 24.15``.
    The magnitude :math:`|b|` makes a negative change mean "down" for a negative baseline too.
    A zero baseline stays zero.
    The inverse is :func:`relative_change`.

    Args:
        baseline: The baseline value (a number, an array, or a quantity whose unit the
            result keeps).
        change: The relative change in percent (``-50`` for "reduce by 50%"; a "% change from
            baseline" series such as NI 112's ``-29.6``), or a dimensionless quantity
            (``Q_(-0.5, "ratio")`` is -50%).

    Returns:
        The absolute value, as a float, an array, or a quantity in the baseline's unit.

    Raises:
        UnitError: ``change`` is a quantity that is not a share (a count, say).

    Example:
        >>> resolve_relative(48.3, -50)
        24.15
        >>> from ecm_plan.units import Q_
        >>> resolve_relative(Q_(48.3, "per_1000"), Q_(-0.5, "ratio"))
        <Quantity(24.15, 'per_1000')>
        >>> resolve_relative(48.3, [-29.6, -36.4, -43.2]).round(4)
        array([34.0032, 30.7188, 27.4344])

    .. versionadded:: 0.1.0
    """
    _args.require_numbers(baseline, "baseline", optional=False)
    _args.require_numbers(change, "change", optional=False)
    baseline, unit = _strip(baseline, None)
    change = _change_percent(change)
    if isinstance(baseline, float | int) and isinstance(change, float | int):
        b = float(baseline)
        result: Any = b + abs(b) * (float(change) / 100.0)
    else:
        b_a = np.asarray(baseline, dtype=np.float64)
        _same_shape(b_a, np.shape(change), ("baseline", "change"))
        # inf on overflow and nan for 0 * inf, as the scalar path gives
        with np.errstate(over="ignore", invalid="ignore"):
            result = b_a + np.abs(b_a) * (np.asarray(change, dtype=np.float64) / 100.0)
    return Q_(result, unit) if unit is not None else result


@overload
def relative_change(baseline: float, value: float) -> float: ...
@overload
def relative_change(baseline: Quantity[Any], value: Quantity[Any]) -> Quantity[Any]: ...
@overload
def relative_change(baseline: npt.ArrayLike, value: npt.ArrayLike) -> Floats: ...
def relative_change(baseline: Any, value: Any) -> Any:
    r"""The change from ``baseline`` to ``value`` in percent (inverse of :func:`resolve_relative`).

    :math:`c = 100\,(v - b) / |b|`.
    From a zero baseline the change is ``0.0`` when the value is zero too, and ``nan``
    (undefined, with no warning) otherwise: no small number is substituted for the zero.

    Args:
        baseline: The baseline value (number, array or quantity).
        value: The later value, in the baseline's unit (or a quantity of a compatible unit).

    Returns:
        The change in percent, as a float, an array, or a quantity in ``percent``.

    Raises:
        UnitError: The two are quantities of units that cannot be combined.

    Example:
        >>> round(relative_change(48.3, 24.15), 10)
        -50.0
        >>> relative_change(0.0, 5.0)
        nan
        >>> from ecm_plan.units import Q_
        >>> relative_change(Q_(48.3, "per_1000"), Q_(3.0, "count"))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnitError: cannot combine count with per_1000: ...

    .. versionadded:: 0.1.0
    """
    _args.require_numbers(baseline, "baseline", optional=False)
    _args.require_numbers(value, "value", optional=False)
    baseline, unit = _strip(baseline, None)
    value, unit = _strip(value, unit)
    if isinstance(baseline, float | int) and isinstance(value, float | int):
        b, v = float(baseline), float(value)
        if b == 0.0:
            result: Any = 0.0 if v == 0.0 else math.nan
        else:
            result = (v - b) / abs(b) * 100.0
    else:
        b_a = np.asarray(baseline, dtype=np.float64)
        v_a = np.asarray(value, dtype=np.float64)
        _same_shape(b_a, v_a.shape, ("baseline", "value"))
        with np.errstate(all="ignore"):
            result = (v_a - b_a) / np.abs(b_a) * 100.0
            result = np.where(b_a == 0.0, np.where(v_a == 0.0, 0.0, np.nan), result)
    return Q_(result, "percent") if unit is not None else result


def _same_shape(baseline: Floats, other: tuple[int, ...], names: tuple[str, str]) -> None:
    """Refuse arrays that do not pair up element by element (or broadcast)."""
    try:
        np.broadcast_shapes(baseline.shape, other)
    except ValueError:
        raise TrajectoryError(
            f"{names[0]} has shape {baseline.shape} but {names[1]} has shape {other}; pass "
            "arrays of the same shape (or one value for all)"
        ) from None

"""Interim targets: the values a plan sets each period between a baseline and a final target.

:func:`interpolate` gives them by ``linear`` steps, ``compound`` steps (a constant rate) or a
``step`` (hold, then jump); :func:`custom_path` checks a plan's own series for consistency;
:func:`matching_methods` says which method reproduces a published series; :func:`round_half_away`
rounds as the spreadsheets the plans were drawn up in do.
A :class:`Trajectory` keeps a baseline, the planned values and their unit together.

Example:
    Wigan's under-18 conception target (NI 112) runs from +0.58% to -50% in three steps;
    rounded to whole percent, linear steps give the published -16 / -33 / -50:

    >>> from ecm_plan.trajectory import interpolate
    >>> interpolate(0.58, -50, 3, ndigits=0)
    [-16.0, -33.0, -50.0]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs
import numpy as np
import numpy.typing as npt

from ecm_plan import _args
from ecm_plan.exceptions import ArgumentError, TrajectoryError
from ecm_plan.trajectory import _array as ak
from ecm_plan.trajectory import _scalar as sk
from ecm_plan.trajectory._common import (
    Floats,
    MethodLike,
    PolarityLike,
    Quantity,
    _factor,
    _float,
    _floats,
    _strip,
)
from ecm_plan.units import Q_

if TYPE_CHECKING:
    from ecm_plan.trajectory.assess import Assessment, AssessmentArray, Tolerance


__all__ = [
    "Method",
    "Trajectory",
    "custom_path",
    "interpolate",
    "matching_methods",
    "round_half_away",
]


# --------------------------------------------------------------------------------------------
# Methods
# --------------------------------------------------------------------------------------------


class Method(enum.StrEnum):
    """How the interim targets between a baseline and a final target are set.

    ``linear``: equal absolute steps; ``compound``: equal proportional steps (a constant rate
    of change); ``step``: hold the baseline, then jump to the target; ``custom``: values given
    by the plan and checked for consistency (:func:`custom_path`).

    Example:
        >>> Method("compound") is Method.COMPOUND
        True

    .. versionadded:: 0.1.0
    """

    LINEAR = "linear"
    COMPOUND = "compound"
    STEP = "step"
    CUSTOM = "custom"


_METHOD_CODES = {Method.LINEAR: sk.LINEAR, Method.COMPOUND: sk.COMPOUND, Method.STEP: sk.STEP}


def _method(method: Method | str) -> Method:
    try:
        m = Method(method)
    except ValueError:
        m = Method.CUSTOM
        if method != "custom":
            raise TrajectoryError(
                f"unknown method {method!r}; use 'linear', 'compound' or 'step'"
            ) from None
    if m is Method.CUSTOM:
        raise TrajectoryError("a custom path has given values: use custom_path(start, end, values)")
    return m


#: The most interim steps :func:`interpolate` computes: a plan has a few years or quarters.
MAX_STEPS = 1_000


def _check_steps(steps: int, ndigits: int | None) -> None:
    _args.require_int(steps, "steps", 1, MAX_STEPS, error=TrajectoryError)
    _check_ndigits(ndigits)


def _check_ndigits(ndigits: int | None) -> None:
    if ndigits is not None:
        _args.require_ndigits(ndigits, error=TrajectoryError)


def _hold(method: Method, hold: int | None, steps: int) -> int:
    if hold is None:
        return steps - 1
    if method is not Method.STEP:
        raise TrajectoryError("hold applies to the step method only")
    if isinstance(hold, bool) or not isinstance(hold, int) or not 0 <= hold < steps:
        raise TrajectoryError(f"hold must be a whole number from 0 to steps - 1, not {hold!r}")
    return hold


# --------------------------------------------------------------------------------------------
# Rounding and interim targets
# --------------------------------------------------------------------------------------------


@overload
def round_half_away(x: float, ndigits: int = 0) -> float: ...
@overload
def round_half_away(x: npt.ArrayLike, ndigits: int = 0) -> Floats: ...
def round_half_away(x: Any, ndigits: int = 0) -> Any:
    """Round half away from zero, as a spreadsheet's ROUND does (Python's round() does not).

    Python's ``round()`` rounds halves to even ("banker's rounding": ``round(16.5) == 16``)
    and works on the binary value (``round(2.675, 2) == 2.67``).
    Plans were drawn up in spreadsheets, which round halves away from zero and read the value
    as its decimal text: ``ROUND(16.5, 0) = 17``, ``ROUND(2.675, 2) = 2.68``, ``ROUND(-0.5, 0)
    = -1``.
    This function does the same: the scaled magnitude is nudged by four units in the last
    place before the floor, which absorbs the binary representation error of decimal text
    and nothing larger.
    ``nan`` and infinities pass through; ``-0.0`` becomes ``0.0``.

    Args:
        x: A number or an array of numbers.
        ndigits: Decimal places, from -15 to 15; negative rounds to tens, hundreds, and so on.

    Returns:
        A float for a number, an array for an array.

    Example:
        >>> round_half_away(16.5), round(16.5)
        (17.0, 16)
        >>> round_half_away(2.675, 2), round_half_away(-0.125, 2), round_half_away(1234.5, -1)
        (2.68, -0.13, 1230.0)
        >>> round_half_away(1.5, 10**9)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: ndigits must be a whole number between -15 and 15, ...

    .. versionadded:: 0.1.0
    """
    _args.require_numbers(x, "x", optional=False)
    _args.require_ndigits(ndigits, error=TrajectoryError)
    if isinstance(x, (float, int)) and not isinstance(x, bool):
        return sk.round_half_away(float(x), ndigits)
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim == 0:  # a NumPy scalar: round it as an array of one
        return ak.round_half_away(arr.reshape(1), ndigits)[0]
    return ak.round_half_away(arr, ndigits)


@overload
def interpolate(
    start: float,
    end: float,
    steps: int,
    *,
    method: MethodLike = ...,
    ndigits: int | None = ...,
    hold: int | None = ...,
    on_invalid: Literal["raise", "nan"] = ...,
) -> list[float]: ...
@overload
def interpolate(
    start: Quantity[Any],
    end: Quantity[Any],
    steps: int,
    *,
    method: MethodLike = ...,
    ndigits: int | None = ...,
    hold: int | None = ...,
    on_invalid: Literal["raise", "nan"] = ...,
) -> Quantity[Any]: ...
@overload
def interpolate(
    start: npt.ArrayLike,
    end: npt.ArrayLike,
    steps: int,
    *,
    method: MethodLike = ...,
    ndigits: int | None = ...,
    hold: int | None = ...,
    on_invalid: Literal["raise", "nan"] = ...,
) -> Floats: ...
def interpolate(
    start: Any,
    end: Any,
    steps: int,
    *,
    method: MethodLike = "linear",
    ndigits: int | None = None,
    hold: int | None = None,
    on_invalid: Literal["raise", "nan"] = "raise",
) -> Any:
    r"""The interim targets: the ``steps`` values after ``start``, the last equal to ``end``.

    For the value at step :math:`k` of :math:`n` from baseline :math:`x_0` to target :math:`x_n`:

    - ``linear`` (equal absolute steps): :math:`x_k = x_0 + (x_n - x_0)\,k/n`;
    - ``compound`` (equal proportional steps, a constant rate
      :math:`r = (x_n/x_0)^{1/n} - 1`): :math:`x_k = x_0\,(x_n/x_0)^{k/n}`; it needs a
      baseline and target of the same sign, both non-zero (or equal);
    - ``step`` (hold, then jump): :math:`x_k = x_0` for :math:`k \le h`, :math:`x_n` after,
      where ``hold`` :math:`h` defaults to :math:`n - 1` (jump in the final period); ``hold=0``
      jumps at once and holds the target.

    The path always ends exactly at ``end``, never overshoots it and moves monotonically
    towards it (values are clipped between ``start`` and ``end`` against float noise).
    When ``start == end`` every method holds the value ("maintain").
    With ``ndigits`` the values are rounded as the plan rounds them, half away from zero
    (:func:`round_half_away`).

    Args:
        start: The baseline value (period 0): a number, an array of baselines (one per
            series), or a pint quantity.
        end: The final target: as ``start``; arrays broadcast against ``start``.
        steps: The number of periods from the baseline to the target (1 to 1,000).
        method: ``"linear"``, ``"compound"`` or ``"step"``.
        ndigits: Round to this many decimals (negative for tens, hundreds); ``None`` keeps
            full precision.
        hold: For ``"step"``, the number of periods the baseline is held.
        on_invalid: For arrays, what a series with no compound path gives: ``"raise"`` (the
            default) or ``"nan"`` (a row of ``nan``).

    Returns:
        A list of ``steps`` floats for numbers, an array of shape ``(n, steps)`` for arrays of
        ``n`` series, or a quantity (in the unit of ``start``) for quantities.
        A baseline or target that is ``nan`` or infinite gives a path of ``nan``.

    Raises:
        TrajectoryError: ``steps`` is not a whole number >= 1, the method is unknown, or a
            compound path would pass through zero (baseline and target of different signs, or
            one of them zero).
        UnitError: ``start`` and ``end`` are quantities of units that cannot be combined.

    Example:
        Wigan NI 112, from +0.58% to -50% in three steps, as the plan rounds it:

        >>> interpolate(0.58, -50, 3, ndigits=0)
        [-16.0, -33.0, -50.0]

        Wigan NI 19 (re-offending), 0.86 to 0.73 at a constant rate:

        >>> interpolate(0.86, 0.73, 3, method="compound", ndigits=2)
        [0.81, 0.77, 0.73]
        >>> interpolate(1.1, 3.0, 3, method="step", hold=0)
        [3.0, 3.0, 3.0]

        Many series at once, and quantities:

        >>> import numpy as np
        >>> interpolate(np.array([296.0, 10.0]), np.array([257.0, 16.0]), 3)
        array([[283., 270., 257.],
               [ 12.,  14.,  16.]])
        >>> from ecm_plan.units import Q_
        >>> interpolate(Q_(283, "count"), Q_(257, "count"), 2)
        <Quantity([270. 257.], 'count')>
        >>> interpolate(0.58, -50, 3, method="compound")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: no compound (constant-rate) path from 0.58 to -50: ...

    .. versionadded:: 0.1.0
    """
    _args.require_numbers(start, "start", optional=False)
    _args.require_numbers(end, "end", optional=False)
    _args.require_same_length(start, end, ("start", "end"), TrajectoryError)
    _args.require_type(method, "method", str, "a method name (a str or Method)")
    _args.require_type(on_invalid, "on_invalid", str, "'raise' or 'nan'")
    if isinstance(start, float | int) and isinstance(end, float | int):
        # Fast path: one series of plain numbers.
        m = _method(method)
        _check_steps(steps, ndigits)
        h = _hold(m, hold, steps)
        s, e = float(start), float(end)
        if (
            m is Method.COMPOUND
            and math.isfinite(s)
            and math.isfinite(e)
            and not sk.compound_ok(s, e)
        ):
            raise TrajectoryError(
                f"no compound (constant-rate) path from {s:g} to {e:g}: the baseline and the "
                "target must be non-zero and of the same sign; use method='linear'"
            )
        out = sk.path(s, e, steps, _METHOD_CODES[m], h)
        if ndigits is not None:
            return [sk.round_half_away(x, ndigits) for x in out]
        return out
    start, unit = _strip(start, None)
    end, unit = _strip(end, unit)
    result = _interpolate_arrays(start, end, steps, method, ndigits, hold, on_invalid)
    if unit is not None:
        return Q_(result, unit)
    return result


def _interpolate_arrays(  # noqa: PLR0917 (private helper with one caller)
    start: Any,  # noqa: ANN401 (array-like)
    end: Any,  # noqa: ANN401 (array-like)
    steps: int,
    method: MethodLike,
    ndigits: int | None,
    hold: int | None,
    on_invalid: str,
) -> Any:  # noqa: ANN401 (list or array)
    m = _method(method)
    _check_steps(steps, ndigits)
    h = _hold(m, hold, steps)
    if on_invalid not in {"raise", "nan"}:
        raise TrajectoryError(f"on_invalid must be 'raise' or 'nan', not {on_invalid!r}")
    s = np.asarray(start, dtype=np.float64)
    e = np.asarray(end, dtype=np.float64)
    if s.ndim == 0 and e.ndim == 0:
        return interpolate(float(s), float(e), steps, method=m.value, ndigits=ndigits, hold=hold)
    s, e = np.broadcast_arrays(s, e)
    if s.ndim != 1:
        raise TrajectoryError(
            "start and end must be numbers or 1-D arrays (one value per series), "
            f"not shape {s.shape}"
        )
    code = _METHOD_CODES[m]
    checked = code == sk.COMPOUND and on_invalid == "raise"
    if checked:
        bad = ak.compound_invalid(s, e)
        if bad.any():
            rows = np.flatnonzero(bad)
            raise TrajectoryError(
                f"no compound (constant-rate) path for {rows.size} series (rows "
                f"{', '.join(map(str, rows[:5]))}{', ...' if rows.size > 5 else ''}): the "
                "baseline and the target must be non-zero and of the same sign; use "
                "method='linear' or on_invalid='nan'"
            )
    out = ak.paths(s, e, steps, code, h, checked=checked)
    if ndigits is not None:
        out = ak.round_half_away(out, ndigits)
    return out


@overload
def custom_path(
    start: float | None,
    end: float,
    values: Sequence[float | None],
    *,
    ndigits: int | None = ...,
    monotone: bool = ...,
) -> list[float]: ...
@overload
def custom_path(
    start: npt.ArrayLike,
    end: npt.ArrayLike,
    values: npt.NDArray[np.floating[Any]],
    *,
    ndigits: int | None = ...,
    monotone: bool = ...,
) -> Floats: ...
def custom_path(
    start: Any,
    end: Any,
    values: Any,
    *,
    ndigits: int | None = None,
    monotone: bool = True,
) -> Any:
    """Check the interim targets a plan gives (the ``custom`` method) and return them.

    A consistent path has its last value equal to the final target and, unless
    ``monotone=False``, moves monotonically from the baseline towards the target: each value
    lies between the previous one (the baseline for the first) and the target, so no step
    moves away from the target or overshoots it; holding a value is allowed.
    Missing values (``None``, ``nan``) are allowed before the last period ("N/A" in a plan)
    and are skipped.
    Comparisons allow float noise (1e-9 relative).

    Args:
        start: The baseline, or ``None`` / ``nan`` when the plan gives none (then only the path
            itself is checked); an array of baselines for many series.
        end: The final target (or an array of them).
        values: The interim targets, the last for the final period; a 2-D array, one row a
            series, for many series.
        ndigits: Round values and target to this many decimals first (half away from zero).
        monotone: Check the direction of every step (``False`` checks the last value only).

    Returns:
        The values as floats (``nan`` where missing), a list or, for arrays, an array.

    Raises:
        TrajectoryError: The path is inconsistent; the message lists every problem (for
            arrays, of the first failing series, with the count of failing series).

    Example:
        Southend's NI 92 targets (28.6 / 28.0 / 27.0) follow no method, but are consistent:

        >>> custom_path(None, 27.0, [28.6, 28.0, 27.0])
        [28.6, 28.0, 27.0]

        Wigan's NI 60 targets fall below the 2008-09 actual of 83% before rising:

        >>> custom_path(83.0, 86.0, [77.0, 83.0, 86.0])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: inconsistent path: period 1 value 77 moves away
            from the final target 86 (previous value 83)

    .. versionadded:: 0.1.0
    """
    _args.require_numbers(start, "start")
    _args.require_numbers(end, "end")
    _args.require_numbers(values, "values", optional=False)
    if _args.is_scalar(values):
        raise ArgumentError.for_value("values", "a list or array of the interim values", values)
    _args.require_type(monotone, "monotone", bool, "True or False")
    for name, value in (("start", start), ("end", end)):
        if not isinstance(values, np.ndarray) and not _args.is_scalar(value):
            raise ArgumentError.for_value(name, "one number for one path of values", value)
        if np.ndim(getattr(value, "magnitude", value)) > 1:
            raise ArgumentError.for_value(
                name, "one number per path (at most one dimension)", value
            )
    _check_ndigits(ndigits)
    if not isinstance(values, np.ndarray):
        s = _float(start)
        e = _float(end)
        vals = [_float(v) for v in values]
        if ndigits is not None:
            s = sk.round_half_away(s, ndigits)
            e = sk.round_half_away(e, ndigits)
            vals = [sk.round_half_away(v, ndigits) for v in vals]
        problems = sk.custom_problems(s, e, vals, monotone=monotone)
        if problems:
            raise TrajectoryError("inconsistent path: " + "; ".join(problems))
        return vals
    vals_a = np.asarray(values, dtype=np.float64)
    if vals_a.ndim == 1:
        vals_a = vals_a[None, :]
    if vals_a.ndim != 2 or vals_a.shape[1] == 0:
        raise TrajectoryError("values must be a 2-D array with one row per series and >= 1 column")
    n = vals_a.shape[0]
    s_a = np.broadcast_to(_floats(np.nan if start is None else start), (n,)).astype(np.float64)
    e_a = np.broadcast_to(_floats(end), (n,)).astype(np.float64)
    if ndigits is not None:
        s_a = ak.round_half_away(s_a, ndigits)
        e_a = ak.round_half_away(e_a, ndigits)
        vals_a = ak.round_half_away(vals_a, ndigits)
    bad = ak.custom_bad_rows(s_a, e_a, vals_a, monotone=monotone)
    if bad.size:
        i = int(bad[0])
        problems = sk.custom_problems(
            float(s_a[i]), float(e_a[i]), [float(v) for v in vals_a[i]], monotone=monotone
        )
        raise TrajectoryError(
            f"inconsistent path in {bad.size} series; first, row {i}: " + "; ".join(problems)
        )
    return vals_a


def matching_methods(
    start: float, values: Sequence[float], *, ndigits: int | None = None
) -> tuple[Method, ...]:
    """The methods whose path from ``start`` reproduces a published series.

    The final target is the last published value; each method's path to it is rounded to
    ``ndigits`` (half away from zero) and compared with the published values (to 1e-9
    relative).
    ``step`` matches when some ``hold`` reproduces the series.

    Args:
        start: The baseline the series starts from.
        values: The published interim targets, the last the final target.
        ndigits: The precision the plan publishes (``None`` compares full precision).

    Returns:
        The matching methods, in the order linear, compound, step; empty when none does.

    Raises:
        TrajectoryError: ``values`` is empty.

    Example:
        >>> matching_methods(0.86, [0.81, 0.77, 0.73], ndigits=2)
        (<Method.COMPOUND: 'compound'>,)
        >>> matching_methods(283, [270, 257])
        (<Method.LINEAR: 'linear'>,)
        >>> matching_methods(283, [270, 257], ndigits=0)
        (<Method.LINEAR: 'linear'>, <Method.COMPOUND: 'compound'>)
        >>> matching_methods(28.6, [28.0, 27.0], ndigits=1)
        ()

    .. versionadded:: 0.1.0
    """
    _args.require_real(start, "start")
    given: object = values
    if _args.is_scalar(given) or isinstance(given, str):
        raise ArgumentError.for_value("values", "a list of the published values", values)
    for index, value in enumerate(values):
        _args.require_real(value, f"values[{index}]")
    _check_ndigits(ndigits)
    published = [float(v) for v in values]
    if not published:
        raise TrajectoryError("values must not be empty")
    s, e, steps = float(start), published[-1], len(published)

    def same(path: list[float]) -> bool:
        if ndigits is not None:
            path = [sk.round_half_away(x, ndigits) for x in path]
        return all(
            abs(x - y) <= sk.EPS * max(1.0, abs(y)) for x, y in zip(path, published, strict=True)
        )

    found: list[Method] = []
    if same(sk.path(s, e, steps, sk.LINEAR, 0)):
        found.append(Method.LINEAR)
    if sk.compound_ok(s, e) and same(sk.path(s, e, steps, sk.COMPOUND, 0)):
        found.append(Method.COMPOUND)
    if any(same(sk.path(s, e, steps, sk.STEP, h)) for h in range(steps)):
        found.append(Method.STEP)
    return tuple(found)


# --------------------------------------------------------------------------------------------
# Trajectory
# --------------------------------------------------------------------------------------------


def _opt_float(value: float | None) -> float | None:
    if value is None:
        return None
    x = float(value)
    return None if math.isnan(x) else x


def _float_tuple(values: Sequence[float | None]) -> tuple[float, ...]:
    return tuple(_float(v) for v in values)


def _known_unit(
    _instance: object, _attribute: attrs.Attribute[str | None], unit: str | None
) -> None:
    if unit is not None:
        _factor(unit, unit)


def _has_target(
    _instance: object, _attribute: attrs.Attribute[tuple[float, ...]], values: tuple[float, ...]
) -> None:
    if not values:
        raise TrajectoryError("a trajectory needs at least one planned value")
    if sk.is_missing(values[-1]):
        raise TrajectoryError("the final planned value (the target) is missing")


@attrs.frozen
class Trajectory:
    """A baseline and the planned values that lead from it to a final target, with a unit.

    Build one with :meth:`between` (a method) or :meth:`custom` (a plan's own figures); the
    unit travels with it, so :func:`.assess` refuses actual values in a unit that cannot be
    combined with it and converts those that can.

    Attributes:
        baseline: The value at period 0, or ``None`` when the plan gives none.
        values: The planned values for periods 1..n, the last the final target (``nan`` for a
            period the plan leaves blank).
        method: The method the values came from.
        unit: The unit of the library's registry (``"percent"``, ``"count"``, ...), or
            ``None``.
        ndigits: The rounding applied, or ``None``.

    Example:
        >>> from ecm_plan.units import Q_
        >>> lac = Trajectory.between(Q_(296, "count"), Q_(257, "count"), 3)
        >>> lac.values, lac.unit, lac.target
        ((283.0, 270.0, 257.0), 'count', 257.0)
        >>> lac.assess(Q_([285, 268], "count"), polarity="lower_is_better").status
        <Status.GREEN: 'green'>
        >>> lac.assess(Q_([45.0], "percent"), polarity="lower_is_better")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnitError: cannot combine percent with count: ...

    .. versionadded:: 0.1.0
    """

    baseline: float | None = attrs.field(converter=_opt_float)
    values: tuple[float, ...] = attrs.field(converter=_float_tuple, validator=_has_target)
    method: Method = attrs.field(default=Method.CUSTOM, converter=Method)
    unit: str | None = attrs.field(default=None, validator=_known_unit)
    ndigits: int | None = None

    @classmethod
    def between(
        cls,
        baseline: float | Quantity[Any],
        target: float | Quantity[Any],
        steps: int,
        *,
        method: MethodLike = "linear",
        ndigits: int | None = None,
        hold: int | None = None,
        unit: str | None = None,
    ) -> Trajectory:
        """The trajectory from ``baseline`` to ``target`` in ``steps`` periods by ``method``.

        Args:
            baseline: The value at period 0 (a number, or a quantity).
            target: The final target (a number, or a quantity of a compatible unit).
            steps: The number of periods.
            method: ``"linear"``, ``"compound"`` or ``"step"`` (see :func:`interpolate`).
            ndigits: Round the values as the plan does.
            hold: For ``"step"``, the periods the baseline is held.
            unit: The unit of plain numbers (quantities bring their own).

        Returns:
            The trajectory.

        Raises:
            TrajectoryError: As :func:`interpolate`.
            UnitError: The unit is unknown, or baseline and target cannot be combined.
        """
        b, u = _strip(baseline, unit)
        t, u = _strip(target, u)
        m = _method(method)
        values = interpolate(float(b), float(t), steps, method=m.value, ndigits=ndigits, hold=hold)
        return cls(float(b), tuple(values), m, u, ndigits)

    @classmethod
    def custom(
        cls,
        baseline: float | Quantity[Any] | None,
        values: Sequence[float | None] | Quantity[Any],
        *,
        ndigits: int | None = None,
        monotone: bool = True,
        unit: str | None = None,
    ) -> Trajectory:
        """A trajectory of the plan's own figures, checked by :func:`custom_path`.

        Args:
            baseline: The value at period 0, or ``None`` when the plan gives none.
            values: The planned values, the last the final target.
            ndigits: Round the values first.
            monotone: Check that each value moves towards the target.
            unit: The unit of plain numbers (quantities bring their own).

        Returns:
            The trajectory.

        Raises:
            TrajectoryError: The path is inconsistent.
            UnitError: The unit is unknown, or the values cannot be combined with it.

        Example:
            >>> Trajectory.custom(None, [28.6, 28.0, 27.0], unit="percent").method
            <Method.CUSTOM: 'custom'>
        """
        v, u = _strip(values, unit)
        b, u = _strip(baseline, u)
        vals = [_float(x) for x in v]
        if not vals:
            raise TrajectoryError("a trajectory needs at least one planned value")
        checked = custom_path(_float(b), vals[-1], vals, ndigits=ndigits, monotone=monotone)
        return cls(_opt_float(b), tuple(checked), Method.CUSTOM, u, ndigits)

    @property
    def target(self) -> float:
        """The final target (the last planned value)."""
        return self.values[-1]

    @property
    def steps(self) -> int:
        """The number of planned periods."""
        return len(self.values)

    def to(self, unit: str) -> Trajectory:
        """The same trajectory in another unit (unrounded: ``ndigits`` becomes ``None``).

        Args:
            unit: A unit of the library's registry.

        Returns:
            The converted trajectory.

        Raises:
            TrajectoryError: The trajectory has no unit.
            UnitError: The units cannot be combined.

        Example:
            >>> Trajectory.between(48.3, 24.15, 1, unit="per_1000").to("percent").values
            (2.415,)
        """
        if self.unit is None:
            raise TrajectoryError("this trajectory has no unit to convert from")
        f = _factor(self.unit, unit)
        return Trajectory(
            None if self.baseline is None else self.baseline * f,
            tuple(v * f for v in self.values),
            self.method,
            unit,
            None,
        )

    def quantity(self) -> Quantity[Any]:
        """The planned values as one quantity (an array magnitude).

        Returns:
            The values with the trajectory's unit.

        Raises:
            TrajectoryError: The trajectory has no unit.
        """
        if self.unit is None:
            raise TrajectoryError("this trajectory has no unit")
        return Q_(np.asarray(self.values), self.unit)

    @overload
    def assess(
        self,
        actual: Sequence[float | None],
        *,
        polarity: PolarityLike | None = ...,
        indicator: str | None = ...,
        tolerance: Tolerance | float | None = ...,
        no_change: float = ...,
        percent_change: bool = ...,
    ) -> Assessment: ...
    @overload
    def assess(
        self,
        actual: npt.NDArray[np.floating[Any]] | Quantity[Any],
        *,
        polarity: PolarityLike | None = ...,
        indicator: str | None = ...,
        tolerance: Tolerance | float | None = ...,
        no_change: float = ...,
        percent_change: bool = ...,
    ) -> Assessment | AssessmentArray: ...
    def assess(
        self,
        actual: Any,
        *,
        polarity: PolarityLike | None = None,
        indicator: str | None = None,
        tolerance: Tolerance | float | None = None,
        no_change: float = 0.0,
        percent_change: bool = False,
    ) -> Any:
        """Assess actual values against this trajectory (see :func:`.assess`).

        Args:
            actual: Actual values for periods 1, 2, ... (a quantity is converted to the
                trajectory's unit).
            polarity: The indicator's polarity.
            indicator: An indicator code to look the polarity up instead.
            tolerance: The amber allowance.
            no_change: Largest change that counts as "no change".
            percent_change: The values are % changes from a reference baseline.

        Returns:
            The assessment.
        """
        # assess imports this module (for isinstance checks): import it when first called.
        from ecm_plan.trajectory.assess import assess  # noqa: PLC0415 (import cycle)

        return assess(
            actual,
            self,
            polarity=polarity,
            indicator=indicator,
            tolerance=tolerance,
            no_change=no_change,
            percent_change=percent_change,
        )

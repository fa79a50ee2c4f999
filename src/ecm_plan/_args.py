"""Argument checks shared by every public function: one wording, one error, before any work.

Each check either returns the value (sometimes in a normal form) or raises
:class:`~ecm_plan.exceptions.ArgumentError` (a ``TypeError``) naming the argument and what it
must be; a size out of its bounds raises :class:`~ecm_plan.exceptions.ArgumentValueError`
(a ``ValueError``) naming the bounds. Sizes are checked before anything is allocated or looped
over. This module sits in the foundations layer and imports only :mod:`ecm_plan.exceptions`;
callers pass the library's own classes in.
"""

from __future__ import annotations

import math
import numbers
import operator
import os
import sys
from collections.abc import Callable, Iterable
from typing import TypeVar

from ecm_plan.exceptions import ArgumentError, ArgumentValueError, PlanError

__all__: list[str] = []

T = TypeVar("T")

#: The bounds on a number of decimal places (``ndigits``): a float has about 15 significant
#: digits, so more rounds nothing and fewer than -15 rounds everything to zero.
NDIGITS_BOUNDS = (-15, 15)


def require_type(value: object, name: str, kind: type[T] | tuple[type[T], ...], what: str) -> T:
    """``value`` itself if it is an instance of ``kind``; otherwise ArgumentError.

    Example:
        >>> require_type("NI 112", "code", str, "text")
        'NI 112'
        >>> require_type(None, "code", str, "text")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: code must be text, not NoneType; pass text
    """
    if not isinstance(value, kind):
        raise ArgumentError.for_value(name, what, value)
    return value


def require_text(value: object, name: str) -> str:
    """``value`` if it is a ``str``; otherwise ArgumentError.

    Example:
        >>> require_text(b"NI 112", "code")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: code must be text (a str), not bytes; ...
    """
    return require_type(value, name, str, "text (a str)")


def require_path(value: object, name: str) -> str | os.PathLike[str]:
    """``value`` if it is a path given as ``str`` or a ``os.PathLike`` of text.

    Example:
        >>> require_path(None, "path")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: path must be a path (a str or os.PathLike), ...
    """
    expected = "a path (a str or os.PathLike)"
    if isinstance(value, str):
        return value
    if isinstance(value, os.PathLike) and isinstance(value.__fspath__(), str):
        return value
    raise ArgumentError.for_value(name, expected, value)


def require_int(
    value: object,
    name: str,
    low: int | None = None,
    high: int | None = None,
    *,
    error: Callable[[str], PlanError] | None = None,
) -> int:
    """``value`` as an ``int`` between ``low`` and ``high`` inclusive (a bool is not an int).

    The type is checked first (ArgumentError), then the bounds (ArgumentValueError); both
    before the caller allocates or loops. A module whose documented error for a bad size is
    its own (the trajectory functions raise TrajectoryError) passes it as ``error``, which
    is called with the message.

    Example:
        >>> require_int(3, "steps", 1, 1000)
        3
        >>> require_int(10**8, "steps", 1, 1000)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentValueError: steps must be between 1 and 1000, not 100000000
        >>> from ecm_plan.exceptions import TrajectoryError
        >>> require_int(0, "steps", 1, 1000, error=TrajectoryError)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: steps must be a whole number between 1 and 1000, not 0
    """
    if type(value) is not int and (
        isinstance(value, bool) or not isinstance(value, numbers.Integral)
    ):
        if error is not None:
            bounds = f" {_bounds(low, high)}" if low is not None or high is not None else ""
            raise error(f"{name} must be a whole number{bounds}, not {value!r}")
        raise ArgumentError.for_value(name, "a whole number (an int)", value)
    number = operator.index(value)
    if (low is not None and number < low) or (high is not None and number > high):
        if error is not None:
            raise error(f"{name} must be a whole number {_bounds(low, high)}, not {number!r}")
        raise ArgumentValueError(name, _bounds(low, high), number)
    return number


def require_ndigits(
    value: object, name: str = "ndigits", *, error: Callable[[str], PlanError] | None = None
) -> int:
    """A number of decimal places, between -15 and 15 (:data:`NDIGITS_BOUNDS`).

    Example:
        >>> require_ndigits(10**9)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentValueError: ndigits must be between -15 and 15, not 1000000000
    """
    return require_int(value, name, *NDIGITS_BOUNDS, error=error)


def require_real(value: object, name: str, *, finite: bool = False) -> float:
    """``value`` as a float: an int or a float (not a bool); with ``finite``, not nan or inf.

    Example:
        >>> require_real(2, "share")
        2.0
        >>> require_real("2", "share")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: share must be a number, not str; pass a number
    """
    if type(value) is float and not finite:
        return value  # the common case
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ArgumentError.for_value(name, "a number", value)
    _require_float_range(value, name)
    number = float(value)
    if finite and not math.isfinite(number):
        raise ArgumentValueError(name, "a finite number", number)
    return number


def require_items(value: object, name: str, kind: type[T], what: str) -> tuple[T, ...]:
    """The items of an iterable (not text) as a tuple, each an instance of ``kind``.

    Example:
        >>> require_items([1, 2], "sizes", int, "an int")
        (1, 2)
        >>> require_items([1, "2"], "sizes", int, "an int")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: sizes[1] must be an int, not str; pass an int
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ArgumentError.for_value(name, f"an iterable of {what}", value)
    try:
        items = tuple(value)
    except TypeError:  # an iterable type that cannot iterate this value (a 0-d array)
        raise ArgumentError.for_value(name, f"an iterable of {what}", value) from None
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise ArgumentError.for_value(f"{name}[{index}]", what, item)
    return items


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"between {low} and {high}"
    if low is not None:
        return f"{low} or more"
    return f"{high} or less"


_SEQUENCES = (list, tuple)
_NUMBERS = "numbers (a number, a list or array of numbers, or a Quantity)"


def require_numbers(value: object, name: str, *, optional: bool = True) -> None:
    """Check that ``value`` reads as numbers: one number, a list of them, a table, or an array.

    A number is an int or a float (not a bool); ``None`` is a missing value (and, unless
    ``optional`` is false, also the whole argument). A pint Quantity is read by its magnitude.
    Lists may nest one level (one series per row); rows of a table must be of equal length.
    A NumPy array must hold numbers (integer or float dtype, or objects that are numbers).

    Example:
        >>> require_numbers([1.0, None, 3], "actual")
        >>> require_numbers("12", "actual")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: actual must be numbers (a number, a list or array ...
        >>> require_numbers([[1, 2], [3]], "actual")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentValueError: actual must be rows of one length (row 0 has 2 ...
    """
    kind = type(value)
    if kind is float or (kind in _SEQUENCES and all(type(x) is float for x in value)):  # type: ignore[attr-defined]  # a list or tuple
        return  # the common case, checked without the slower checks below
    if value is None:
        if optional:
            return
        raise ArgumentError.for_value(name, _NUMBERS, value)
    _check_numbers(getattr(value, "magnitude", value) if _is_quantity(value) else value, name, 0)


def _is_quantity(value: object) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units")


def _check_numbers(value: object, name: str, depth: int) -> None:
    if value is None:
        return
    if _is_number(value):
        _require_float_range(value, name)
        return
    shape = getattr(value, "shape", None)
    dtype = getattr(value, "dtype", None)
    if shape is not None and dtype is not None:  # a NumPy array or scalar
        kind = getattr(dtype, "kind", "")
        if kind in "iuf":
            return
        if kind == "O" and depth == 0:
            for item in value.ravel().tolist():  # type: ignore[attr-defined]  # a NumPy array
                if item is not None and not _is_number(item):
                    raise ArgumentError.for_value(f"{name} (an item)", "a number or None", item)
            return
        raise ArgumentError(name, _NUMBERS, f"an array of {dtype}")
    if isinstance(value, (list, tuple)) and depth < 2:
        lengths = []
        for item in value:
            _check_numbers(item, name, depth + 1)
            if isinstance(item, (list, tuple)):
                lengths.append(len(item))
        if lengths and (len(lengths) != len(value) or len(set(lengths)) > 1):
            raise ArgumentValueError(name, _row_lengths(value), "a ragged table")
        return
    raise ArgumentError.for_value(name, _NUMBERS, value)


def _row_lengths(rows: list[object] | tuple[object, ...]) -> str:
    sizes = [len(r) if isinstance(r, (list, tuple)) else 1 for r in rows]
    first = sizes[0]
    other = next(i for i, size in enumerate(sizes) if size != first)
    return f"rows of one length (row 0 has {first} values, row {other} has {sizes[other]})"


def _require_float_range(value: object, name: str) -> None:
    """An int too large for a float (beyond about 1.8e308) cannot be computed with."""
    if isinstance(value, numbers.Integral) and abs(int(value)) > _FLOAT_MAX:
        raise ArgumentValueError(name, "a number a float can hold (up to about 1.8e308)", value)


_FLOAT_MAX = int(sys.float_info.max)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def require_same_length(
    first: object, second: object, names: tuple[str, str], error: Callable[[str], PlanError]
) -> None:
    """Check that two series given as lists or arrays have the same length.

    A scalar (or ``None``) on either side is not a series and passes: it is one value for all.

    Example:
        >>> from ecm_plan.exceptions import TrajectoryError
        >>> require_same_length([1, 2, 3], [1, 2], ("actual", "planned"), TrajectoryError)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: actual has 3 values but planned has 2; ...
    """
    a, b = _length(first), _length(second)
    if a is not None and b is not None and a != b:
        msg = (
            f"{names[0]} has {a} values but {names[1]} has {b}; pass series of the same length "
            "(or one value for all)"
        )
        raise error(msg)


def _length(value: object) -> int | None:
    if type(value) is float or type(value) is int:
        return None
    value = getattr(value, "magnitude", value) if _is_quantity(value) else value
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple):
        return int(shape[0]) if shape else None
    if isinstance(value, (list, tuple)):
        return len(value)
    return None


def is_scalar(value: object) -> bool:
    """Whether ``value`` (or a Quantity's magnitude) is one number or None, not a series.

    Example:
        >>> is_scalar(2.5), is_scalar([2.5]), is_scalar(None)
        (True, False, True)
    """
    if type(value) in _SEQUENCES:
        return False
    return _length(value) is None and getattr(getattr(value, "magnitude", value), "ndim", 0) == 0

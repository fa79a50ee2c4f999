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
from collections.abc import Iterable
from typing import TypeVar

from ecm_plan.exceptions import ArgumentError, ArgumentValueError

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


def require_int(value: object, name: str, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an ``int`` between ``low`` and ``high`` inclusive (a bool is not an int).

    The type is checked first (ArgumentError), then the bounds (ArgumentValueError).

    Example:
        >>> require_int(3, "steps", 1, 1000)
        3
        >>> require_int(10**8, "steps", 1, 1000)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentValueError: steps must be between 1 and 1000, not 100000000
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ArgumentError.for_value(name, "a whole number (an int)", value)
    number = operator.index(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ArgumentValueError(name, _bounds(low, high), number)
    return number


def require_ndigits(value: object, name: str = "ndigits") -> int:
    """A number of decimal places, between -15 and 15 (:data:`NDIGITS_BOUNDS`).

    Example:
        >>> require_ndigits(10**9)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentValueError: ndigits must be between -15 and 15, not 1000000000
    """
    return require_int(value, name, *NDIGITS_BOUNDS)


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
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ArgumentError.for_value(name, "a number", value)
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
    items = tuple(value)
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

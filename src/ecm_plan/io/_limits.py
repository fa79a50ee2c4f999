"""Limits on the values a plan file may hold, checked at load so that every analysis is total.

The parsers bound the shape of a file (:mod:`ecm_plan.io._formats`); these bound its values:
the length of texts and ids, the digits of a figure, the size of numbers and the years of
periods. Each value past a limit is a problem at its key path.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import attrs

from ecm_plan.exceptions import Problem
from ecm_plan.io._text import SURROGATE
from ecm_plan.periods import Period

__all__ = [
    "MAX_DIGITS",
    "MAX_ID_CHARS",
    "MAX_NUMBER",
    "MAX_PROBLEMS",
    "MAX_TEXT_CHARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "period_problems",
    "value_problems",
    "within_limits",
]

MAX_TEXT_CHARS = 10_000
"""The longest text (a cell, a title, a paragraph) a plan may hold; the bundled plans' is 791."""
MAX_ID_CHARS = 100
"""The longest id; the bundled plans' is 37 characters."""
MAX_DIGITS = 17
"""The most digits a figure written in a text may have, thousands separators and the
decimal point aside (a float's shortest text has at most 17)."""
MAX_NUMBER = 10**15
"""The largest magnitude of a number written as a number (YAML, JSON and TOML integers, floats)."""
MIN_YEAR = 1900
"""The earliest year a period may name; the bundled plans and their sources name 1996 to 2020."""
MAX_YEAR = 2100
"""The latest year a period may name."""
MAX_PROBLEMS = 100
"""The most limit problems listed; the rest are counted in one more problem."""

_LONG_FIGURE = re.compile(rf"[0-9](?:(?:\.|,(?=[0-9]{{3}}(?![0-9])))?[0-9]){{{MAX_DIGITS}}}")
"""More than MAX_DIGITS digits in one figure: a run, a decimal point and thousands commas."""


def _key(path: str, key: object) -> str:
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


_CELL_KEYS = frozenset(
    {"id", "value", "values", "actuals", "targets", "amount", "amounts", "due", "period"}
    | {"published", "change_from", "upper", "lower"}
)
"""Keys whose texts the library reads as figures, periods or ids: the digit limit applies there.

Under these keys the limit reaches into mappings (``targets: {2009-10: "86%"}``, an amount
written as ``{text: ..., unit: ...}``) but not into lists, which hold whole elements.
"""


def _text_problem(path: str, text: str, what: str, *, cell: bool) -> Problem | None:
    if len(text) > MAX_TEXT_CHARS:
        return Problem(
            path,
            f"{what} has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} allowed",
            "shorten it, or split it into several items",
        )
    figure = _LONG_FIGURE.search(text) if cell else None
    if figure is not None:
        return Problem(
            path,
            f"{what} writes a figure with more than {MAX_DIGITS} digits "
            f"(at character {figure.start()})",
            f"round it to {MAX_DIGITS} significant digits, or separate the digits",
        )
    return None


def _number_problem(path: str, value: float) -> Problem | None:
    if isinstance(value, float) and not math.isfinite(value):
        return Problem(path, f"the number {value!r} is not finite", "write a finite figure")
    if abs(value) > MAX_NUMBER:
        return Problem(
            path,
            f"the number is larger than {MAX_NUMBER:.0e} in magnitude",
            "check the figure; write it as text if it is a code",
        )
    return None


def _capped(found: list[Problem]) -> list[Problem]:
    if len(found) <= MAX_PROBLEMS:
        return found
    more = len(found) - MAX_PROBLEMS
    return [*found[:MAX_PROBLEMS], Problem("", f"and {more:,} more values past the limits")]


def value_problems(data: Any) -> list[Problem]:  # noqa: ANN401 (plain data)
    """Every text, id and number in parsed plan data that is past a limit, with its key path.

    Every text is limited in length; ids and the cells the library reads as figures or
    periods are limited in digits too.

    Example:
        >>> value_problems({"id": "P1", "title": "x" * 10_001})
        [Problem(path='title', message='the text has 10,001 characters, more than the 10,000 ...)]
        >>> value_problems({"indicators": [{"targets": {"2009-10": "0." + "3" * 20}}]})[0].path
        'indicators[0].targets.2009-10'
    """
    found: list[Problem] = []
    stack: list[tuple[str, Any, str, bool]] = [("", data, "", False)]
    while stack:
        path, item, key, cell = stack.pop()
        problem = None
        if isinstance(item, str):
            if key == "id" and len(item) > MAX_ID_CHARS:
                problem = Problem(
                    path,
                    f"the id has {len(item):,} characters, more than the {MAX_ID_CHARS} allowed",
                    "use a short id such as P1 or P1.O2",
                )
            else:
                problem = _text_problem(path, item, "the text", cell=cell)
        elif isinstance(item, bool):
            pass
        elif isinstance(item, int | float):
            problem = _number_problem(path, item)
        elif isinstance(item, dict):
            for name, value in reversed(item.items()):
                here = _key(path, name)
                if isinstance(name, str):
                    bad = _text_problem(here, name, "the key", cell=cell)
                    if bad is not None:
                        found.append(bad)
                        continue
                inner = cell or (isinstance(name, str) and name in _CELL_KEYS)
                stack.append((here, value, name if isinstance(name, str) else "", inner))
        elif isinstance(item, list):
            stack.extend((_key(path, i), v, "", False) for i, v in reversed(list(enumerate(item))))
        if problem is not None:
            found.append(problem)
    return _capped(found)


def _text_within(text: str, *, cell: bool) -> bool:
    return (
        len(text) <= MAX_TEXT_CHARS
        and (text.isascii() or SURROGATE.search(text) is None)
        and not (cell and _LONG_FIGURE.search(text))
    )


def within_limits(data: Any) -> bool:  # noqa: ANN401 (plain data)
    """Whether parsed plan data has no lone surrogate and nothing past a limit: one pass.

    It keeps no key paths: when it says no, :func:`~ecm_plan.io._text.surrogate_problems`
    and :func:`value_problems` find each problem with its key path.

    Example:
        >>> within_limits({"id": "P1", "title": "x" * 10_000})
        True
        >>> within_limits({"id": "P1", "title": "x" * 10_001})
        False
    """
    stack: list[tuple[Any, bool, bool]] = [(data, False, False)]
    pop, push = stack.pop, stack.append
    while stack:
        item, cell, is_id = pop()
        kind = type(item)
        if kind is str:
            if not _text_within(item, cell=cell) or (is_id and len(item) > MAX_ID_CHARS):
                return False
        elif kind is dict:
            for name, value in item.items():
                if type(name) is str:
                    if not _text_within(name, cell=cell):
                        return False
                    push((value, cell or name in _CELL_KEYS, name == "id"))
                else:
                    push((value, cell, False))
        elif kind is list:
            stack.extend([(value, False, False) for value in item])
        elif kind is int or kind is float:
            if _number_problem("", item) is not None:
                return False
        elif kind is not bool and item is not None:
            return False  # anything else (a subclass, say) is left to the full checks
    return True


def _year_problem(path: str, period: Period) -> Problem | None:
    for day in (period.start, period.end):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            return Problem(
                path,
                f"the period {period.label!r} names the year {day.year}, outside "
                f"{MIN_YEAR} to {MAX_YEAR}",
                "check the year",
            )
    return None


def period_problems(plan: Any) -> list[Problem]:  # noqa: ANN401 (any attrs value of a plan)
    """Every period in a built plan that names a year outside the range, with its key path.

    Example:
        >>> from ecm_plan import load_bundled
        >>> period_problems(load_bundled("sample"))
        []
    """
    if _periods_within(plan):
        return []
    found: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", plan)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, Period):
            problem = _year_problem(path, item)
            if problem is not None:
                found.append(problem)
        elif isinstance(item, dt.date):
            if not MIN_YEAR <= item.year <= MAX_YEAR:
                found.append(Problem(path, f"the date {item} is outside {MIN_YEAR} to {MAX_YEAR}"))
        elif attrs.has(type(item)):
            stack.extend(
                (_key(path, field.name), getattr(item, field.name))
                for field in reversed(attrs.fields(type(item)))
                if not field.name.startswith("_")
            )
        elif isinstance(item, tuple | list):
            stack.extend((_key(path, i), v) for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, dict):
            for key, value in reversed(item.items()):
                label = key.label if isinstance(key, Period) else key
                here = _key(path, label)
                if isinstance(key, Period):
                    stack.append((here, key))
                stack.append((here, value))
    return _capped(found)


_PERIOD, _DATE, _SEQUENCE, _MAPPING, _LEAF = range(5)
_SHAPES: dict[type, int | tuple[str, ...]] = {}
"""How :func:`_periods_within` walks each type met: by kind, or by its public fields."""


def _shape(kind: type) -> int | tuple[str, ...]:
    """How to walk a value of a type, in the order of the checks of :func:`period_problems`."""
    shape: int | tuple[str, ...]
    if issubclass(kind, Period):
        shape = _PERIOD
    elif issubclass(kind, dt.date):
        shape = _DATE
    elif attrs.has(kind):
        shape = tuple(f.name for f in attrs.fields(kind) if not f.name.startswith("_"))
    elif issubclass(kind, tuple | list):
        shape = _SEQUENCE
    elif issubclass(kind, dict):
        shape = _MAPPING
    else:
        shape = _LEAF
    _SHAPES[kind] = shape
    return shape


def _periods_within(plan: Any) -> bool:  # noqa: ANN401 (any attrs value of a plan)
    """Whether every period and date in a built plan is within the years: one pass, no paths."""
    stack: list[Any] = [plan]
    pop, extend = stack.pop, stack.extend
    shapes = _SHAPES
    while stack:
        item = pop()
        kind = type(item)
        shape = shapes.get(kind)
        if shape is None:
            shape = _shape(kind)
        if shape is _LEAF:
            continue
        if type(shape) is tuple:
            extend([getattr(item, name) for name in shape])
        elif shape is _SEQUENCE:
            extend(item)
        elif shape is _MAPPING:
            extend(item)
            extend(item.values())
        elif shape is _PERIOD:
            if _year_problem("", item) is not None:
                return False
        elif not MIN_YEAR <= item.year <= MAX_YEAR:
            return False
    return True

"""Turn cattrs validation groups into problems with key paths and hints."""

from __future__ import annotations

import difflib
from typing import Any

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from ecm_plan.exceptions import (
    CellError,
    InvalidPeriodError,
    PlanValidationError,
    Problem,
    UnitError,
)

__all__ = ["problems_from"]


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    if part.startswith("["):
        return f"{path}{part}"
    return f"{path}.{part}" if path else part


def _field_names(cls: type) -> list[str]:
    if attrs.has(cls):
        return [f.alias for f in attrs.fields(cls) if f.init]
    return []


def _leaf(path: str, exc: BaseException) -> Problem:
    if isinstance(exc, KeyError) and not isinstance(exc, UnitError):
        return Problem(path, "this required key is missing", "add it")
    if isinstance(exc, CellError):
        return Problem(path, f"cannot read the cell {exc.text!r}: {exc.reason}", exc.hint)
    if isinstance(exc, InvalidPeriodError):
        return Problem(path, str(exc), "write a period such as '2009-10' or 'October 2008'")
    if isinstance(exc, UnitError):
        return Problem(path, str(exc), "use a unit name of ecm_plan.units")
    if isinstance(exc, TypeError):
        message = str(exc)
        if "NoneType" in message or "not iterable" in message or "object is not" in message:
            message = f"wrong type of value ({message})"
        return Problem(path, message, "check the value's type against the plan schema")
    if isinstance(exc, ValueError):
        return Problem(path, str(exc))
    return Problem(path, f"{type(exc).__name__}: {exc}")


def problems_from(exc: BaseException, path: str = "", cls: type | None = None) -> list[Problem]:
    """Flatten a cattrs validation error into problems, each with its key path.

    Unknown keys get the closest valid key as a hint.
    """
    found: list[Problem] = []
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            found.extend(problems_from(inner, _join(path, note.name), note.type))
        for inner in without:
            field = getattr(inner, "field", None)
            where = _join(path, field) if isinstance(field, str) else path
            found.extend(problems_from(inner, where, exc.cl))
    elif isinstance(exc, IterableValidationError):
        with_index, unindexed = exc.group_exceptions()
        for item, index_note in with_index:
            found.extend(problems_from(item, _join(path, _index_part(index_note)), index_note.type))
        for item in unindexed:
            found.extend(problems_from(item, path))
    elif isinstance(exc, ForbiddenExtraKeysError):
        names = _field_names(exc.cl)
        for key in sorted(str(k) for k in exc.extra_fields):
            near = difflib.get_close_matches(key, names, n=1, cutoff=0.5)
            hint = f"did you mean {near[0]!r}?" if near else f"valid keys are: {', '.join(names)}"
            found.append(Problem(_join(path, key), f"unknown key {key!r}", hint))
    elif isinstance(exc, PlanValidationError):
        found.extend(
            Problem(_join(path, p.path) if path else p.path, p.message, p.hint)
            for p in exc.problems
        )
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            found.extend(problems_from(member, path, cls))
    else:
        found.append(_leaf(path, exc))
    return found


def _index_part(note: IterableValidationNote | AttributeValidationNote) -> str | int:
    index: Any = getattr(note, "index", None)
    if isinstance(index, int):
        return index
    return f"[{index!r}]"

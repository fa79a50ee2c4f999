"""Turn cattrs validation groups into problems with key paths and hints."""

from __future__ import annotations

import difflib
import json
import re
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
    FieldError,
    InvalidPeriodError,
    PlanValidationError,
    Problem,
    UnitError,
    UnknownOutcomeError,
)
from ecm_plan.io.converter import ShapeError

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


_LIST_OF = {
    "leads": "lead ids",
    "responsible": "lead ids",
    "supports": "priority ids",
    "depends_on": "ids of actions or objectives",
    "also": "indicator codes",
    "outcomes": "outcome keys",
    "aims": "aim numbers",
    "funding": "allocations",
    "funding_streams": "funding streams",
    "events": "milestones",
}
_MAPPING_EXAMPLES = {
    "Observation": "{{value: {v}, period: 2008-09}}",
    "Allocation": "{{stream: {v}}}",
    "Milestone": "{{text: {v}, period: 2009-10 Q1}}",
    "OutcomeLink": "{{outcome: be_healthy, aims: [1, 3]}}",
}
_BARE = re.compile(r"[A-Za-z][A-Za-z0-9 _.()/&'-]*")


def _yaml(value: Any) -> str:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, str) and _BARE.fullmatch(value) and value.strip() == value:
        return value
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "..."


def _key(path: str) -> tuple[str, bool]:
    """The last key of a path, and whether the path ends at an item of its list."""
    last = path.rsplit(".", 1)[-1]
    item = last.endswith("]")
    return last.split("[", 1)[0], item


def _describe(value: Any) -> str:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    kinds: dict[type, str] = {
        str: "text",
        bool: "a boolean",
        int: "a whole number",
        float: "a decimal number",
        dict: "a mapping",
        list: "a list",
    }
    name = kinds.get(type(value), f"a {type(value).__name__}")
    shown = repr(value)
    return f"{name} ({shown[:37] + '...' if len(shown) > 40 else shown})"


def _mapping_example(cls: type | None, value: Any) -> tuple[str, str]:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    name = cls.__name__ if cls is not None else ""
    given = _yaml(value)
    if name in _MAPPING_EXAMPLES:
        example = _MAPPING_EXAMPLES[name].format(v=given)
    elif cls is not None and attrs.has(cls):
        required = [f.alias for f in attrs.fields(cls) if f.init and f.default is attrs.NOTHING]
        parts = [f"{k}: {given if i == 0 else '...'}" for i, k in enumerate(required)]
        example = "{" + ", ".join(parts or ["..."]) + "}"
    else:
        example = "{...}"
    nouns = {"Observation": "a mapping with a value and a period", "OutcomeLink": "an outcome"}
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower() or "element"
    article = "an" if words[0] in "aeiou" else "a"
    return nouns.get(name, f"{article} {words} (a mapping)"), example


def _shape(path: str, exc: ShapeError) -> Problem:
    key, item = _key(path)
    value = exc.value
    given = f"the file gives {_describe(value)}"
    if exc.shape == "bool":
        example = f"{key}: {str(value).lower() if isinstance(value, str) else 'true'}"
        if isinstance(value, str) and value.strip().lower() not in {"true", "false"}:
            example = f"{key}: true"
        return Problem(path, f"expected true or false, e.g. {example}", f"{given}; no quotes")
    if exc.shape == "int":
        example = f"{key}: [1, 3]" if item else f"{key}: 2"
        return Problem(path, f"expected a whole number, e.g. {example}", given)
    if exc.shape == "periods":
        what = "money" if key == "amounts" else "value"
        sample = '"£175k"' if what == "money" else '"85%"'
        return Problem(
            path,
            f"expected a mapping of period to {what}, e.g. {key}: {{2009-10: {sample}}}",
            given,
        )
    if exc.shape == "list":
        noun = _LIST_OF.get(key, key.replace("_", " ") or "items")
        element = exc.cls
        if element is not None and attrs.has(element):
            inner = _mapping_example(element, value)[1]
        else:
            inner = _yaml(value) if isinstance(value, str | int) else "..."
        hint = f"{given}; a text is one item, never split into characters"
        return Problem(path, f"expected a list of {noun}, e.g. {key}: [{inner}]", hint)
    noun, example = _mapping_example(exc.cls, value)
    shown = f"{key}: [{example}]" if item else f"{key}: {example}"
    return Problem(path, f"expected {noun}, e.g. {shown}", given)


def _leaf(path: str, exc: BaseException) -> Problem:
    if isinstance(exc, ShapeError):
        return _shape(path, exc)
    if isinstance(exc, UnknownOutcomeError):
        return Problem(path, str(exc), "write one of the outcome keys")
    if isinstance(exc, FieldError):
        where = _join(path, exc.field) if not path.endswith(exc.field) else path
        return Problem(where, exc.message.removeprefix(f"{exc.field}: "))
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

"""The JSON Schema of the plan file format, derived from the model, for editors.

Example:
    >>> schema = plan_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["required"])
    ['authority', 'id', 'period', 'title']
    >>> schema["$defs"]["Priority"]["additionalProperties"]
    False

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import collections.abc
import enum
import types
import typing
from typing import Any

import attrs

from ecm_plan.model import Due, Money, Note, OutcomeKey, OutcomeLink, Period, Plan, Value
from ecm_plan.units import UNIT_NAMES

__all__ = ["plan_schema"]

_PERIOD = {
    "type": ["string", "integer"],
    "description": "A period label: '2009-10' (financial year), 'AY 2009-10', '2009-10 Q2', "
    "'October 2008', 'Summer 2009', '2010', '2010-03-31', or 'X to Y'; a year may be written "
    "as a number.",
}
_ELEMENT_ID = r"^[A-Za-z0-9£](?:[A-Za-z0-9 ._()/&'+\-]*[A-Za-z0-9._()/&'+\-])?$"
"""An element id: a letter or digit first, no ':' and no space at the end."""
_PLAN_ID = r"^[a-z0-9][a-z0-9-]*$"
"""A plan id: a slug."""
_TEXT = {"type": ["string", "integer"]}
"""Text; a whole number is read as its digits. A decimal is refused: write it in quotes."""
_CELL = {
    "type": ["string", "integer"],
    "description": "A table cell as the document writes it, such as '86% (prov.)', 'N/A', "
    "'-16% (2008 data)' or 'target to be determined'; a decimal figure is written in quotes "
    "so that its digits stay as printed.",
}
_SPECIAL: dict[Any, dict[str, Any]] = {
    Period: _PERIOD,
    Value: _CELL,
    Due: {
        "type": ["string", "integer"],
        "description": "The 'By when' text as the document writes it.",
    },
    Money: {
        "oneOf": [
            {
                "type": ["string", "integer"],
                "description": "Money as written: '£175k', 'Nil additional'.",
            },
            {
                "type": "object",
                "properties": {
                    "text": {"type": ["string", "integer"]},
                    "unit": {"enum": ["GBP", "kGBP", "MGBP"]},
                },
                "required": ["text"],
                "additionalProperties": False,
            },
        ]
    },
    Note: {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "kind": {
                        "enum": [
                            "note",
                            "reconstruction",
                            "ambiguity",
                            "code_slip",
                            "inferred",
                            "source",
                        ]
                    },
                },
                "required": ["text"],
                "additionalProperties": False,
            },
        ]
    },
}


def _type_schema(tp: Any, defs: dict[str, Any], field: str = "") -> dict[str, Any]:  # noqa: ANN401 (any annotation: a class, a union or a generic alias)
    if tp in _SPECIAL:
        return dict(_SPECIAL[tp])
    if tp is str and field == "unit":
        return {"enum": list(UNIT_NAMES)}
    if tp is str and field == "id":
        return {**_TEXT, "pattern": _ELEMENT_ID}
    if tp is int and field == "aims":
        return {"type": "integer", "minimum": 1, "maximum": 5}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in {types.UnionType, typing.Union}:
        options = [a for a in args if a is not type(None)]
        inner = (
            _type_schema(options[0], defs, field)
            if len(options) == 1
            else {"anyOf": [_type_schema(a, defs, field) for a in options]}
        )
        return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs, field)}
    if origin in {dict, collections.abc.Mapping}:
        return {
            "type": "object",
            "propertyNames": _type_schema(args[0], defs),
            "additionalProperties": _type_schema(args[1], defs),
        }
    if tp is OutcomeLink:
        link = _class_schema(OutcomeLink, defs)
        return {"anyOf": [{"enum": [k.value for k in OutcomeKey]}, link]}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if attrs.has(tp):
        return _class_schema(tp, defs)
    if tp is str:
        return dict(_TEXT)
    simple = {int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    return {}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            properties[field.alias] = _type_schema(hints[field.name], defs, field.alias)
            if field.default is attrs.NOTHING:
                required.append(field.alias)
        doc = (cls.__doc__ or "").strip().splitlines()
        defs[name] = {
            "type": "object",
            "description": doc[0] if doc else name,
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file, for editors and other tools.

    The schema describes the shape (keys, types, enums, units); the loader checks more
    (period labels, cross-references by id, unknown keys with suggestions).

    Example:
        >>> import json
        >>> "priorities" in plan_schema()["properties"]
        True
        >>> len(json.dumps(plan_schema())) > 1000
        True
    """
    defs: dict[str, Any] = {}
    _class_schema(Plan, defs)
    root = defs.pop("Plan")
    root["properties"]["id"] = {**_TEXT, "pattern": _PLAN_ID}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ecm-plan.readthedocs.io/schema/plan.json",
        "title": "ecm_plan plan file",
        **root,
        "$defs": defs,
    }

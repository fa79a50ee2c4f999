"""The shipped JSON Schema and the loader accept exactly the same documents."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import PlanFileError, dumps_plan, load_bundled, loads_plan
from ecm_plan.io import _formats, plan_schema
from ecm_plan.io._raw import raw_problems

jsonschema = pytest.importorskip("jsonschema")

BASE: dict[str, Any] = json.loads(dumps_plan(load_bundled("sample"), "json"))
VALIDATOR = jsonschema.Draft202012Validator(plan_schema())
PERIOD_MAPS = {"amounts", "actuals", "targets", "values"}
ENUM_KEYS = {"kind", "polarity", "scheme", "comparator", "arrangement", "unit", "outcome"}
REPLACEMENTS = (7, 2.5, True, None, [], {}, "text")


def locations(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in the document."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(locations(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(locations(value, (*path, index)))
    return found


PATHS = [p for p in locations(BASE) if p]


def is_period_map(path: tuple[Any, ...], value: Any) -> bool:
    return bool(path) and path[-1] in PERIOD_MAPS and isinstance(value, dict)


def mutate(data: dict[str, Any], path: tuple[Any, ...], how: str, new: Any) -> None:
    """Apply one mutation the schema can express, in place."""
    *parents, last = path
    holder: Any = data
    for part in parents:
        holder = holder[part]
    value = holder[last]
    if how == "replace" and not (new == "text" and isinstance(value, str)):
        holder[last] = new  # a change of type, or a number for a string
    elif how == "delete" and isinstance(holder, dict):
        del holder[last]  # a missing key, required or not
    elif how == "extra" and isinstance(value, dict) and not is_period_map(path, value):
        value["zzz_extra"] = 1
    elif how == "enum" and last in ENUM_KEYS and isinstance(value, str):
        holder[last] = "zzz_not_a_value"


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """The sample plan with one to three mutations."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        live = [p for p in locations(data) if p]
        path = draw(st.sampled_from(live))
        how = draw(st.sampled_from(["replace", "delete", "extra", "enum"]))
        mutate(data, path, how, copy.deepcopy(draw(st.sampled_from(REPLACEMENTS))))
    return data


def loader_accepts(text: str, fmt: str, data: Any) -> bool:
    """Whether the loader finds nothing wrong with the document's shape.

    Unknown or duplicate ids, measured values without a figure and text that is no period
    label are left out: no schema expresses them.
    """
    try:
        loads_plan(text, fmt)
    except PlanFileError as err:
        beyond = (
            {(p.path, p.message) for p in raw_problems(data)} if isinstance(data, dict) else set()
        )
        return all(
            (p.path, p.message) in beyond or " as a period" in p.message for p in err.problems
        )
    return True


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@given(data=documents())
def test_schema_and_loader_agree(fmt, data):
    """jsonschema and the loader accept exactly the same mutated documents.

    The documents are the bundled sample plan with mutations a schema can express: changes
    of type, numbers for strings, keys left out, extra keys and values outside an enum.
    The schema is checked against the data as the loader reads it (a YAML ``2.5`` is text).
    Out of scope of the equality, because a JSON Schema cannot express them: references by
    id (unknown or duplicate ids), whether a string is a period label the library reads, and
    whether a measured value holds a figure. A JSON ``1.0`` counts as an integer in JSON
    Schema but is refused by the loader; the mutations use ``2.5`` for decimals.
    """
    text = _formats.dumps(data, fmt)
    parsed = _formats.parse(text, fmt)
    assert VALIDATOR.is_valid(parsed) == loader_accepts(text, fmt, parsed), [
        e.message for e in VALIDATOR.iter_errors(parsed)
    ]


def test_base_document_is_valid():
    """The unmutated sample is valid for both."""
    assert VALIDATOR.is_valid(BASE)
    assert loader_accepts(json.dumps(BASE), "json", BASE)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("indicators", 0, "targets", "2009-10"), 7.5),
        (("priorities", 0, "leads"), "HoHealth"),
        (("priorities", 0, "outcomes", 0, "aims", 0), 1.5),
        (("title",), 2.5),
    ],
)
def test_refused_by_both(path, value):
    """Shapes the old schema accepted, such as a number cell, are refused by both."""
    data = copy.deepcopy(BASE)
    *parents, last = path
    holder: Any = data
    for part in parents:
        holder = holder[part]
    holder[last] = value
    assert not VALIDATOR.is_valid(data)
    assert not loader_accepts(json.dumps(data), "json", data)

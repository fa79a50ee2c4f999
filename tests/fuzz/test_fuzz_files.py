"""Mutated plan files: every input loads losslessly or raises the library's own error, quickly.

The bundled sample and the Swindon plan are written in each format, then mutated by
Hypothesis: keys deleted and duplicated, values changed to other types, odd characters, long
texts, huge numbers, deep nesting, aliases and truncation. ``ECM_PLAN_FUZZ_EXAMPLES`` sets the
number of mutated files per format (100 by default); each load must finish within the deadline.
``ECM_PLAN_FUZZ_PROGRESS=FILE`` appends one line per file to FILE, to follow a long run.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import pickle
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecm_plan import dumps_plan, load_bundled, loads_plan
from ecm_plan.exceptions import PlanError
from ecm_plan.io import make_converter
from ecm_plan.io._formats import dumps
from ecm_plan.model import Plan

EXAMPLES = int(os.environ.get("ECM_PLAN_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)
SOURCES = ("sample", "swindon-2008")


@functools.cache
def _data(name: str) -> Any:
    return make_converter().unstructure(load_bundled(name))


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in plain data, the document included."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*path, index)))
    return found


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


ODD = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\x85",
        "\u2028",
        "\ufeff",
        "\r\n",
        "'",
        '"',
        "\\",
        ": ",
        "- ",
        "#",
        "&a",
        "*a",
        "!!python/object:os.system",
        "[",
        "{",
        "\U0001f600",
        "9999",
        "2009-10",
        "NI 112",
        "N/A",
        "86% (prov.)",
    ]
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    ODD,
    st.builds(lambda d, n: d * n, st.sampled_from(["9", "1.", "x", "é"]), st.integers(1, 25_000)),
    st.builds(lambda n: "0." + "3" * n + "%", st.integers(10, 500)),
    st.builds(lambda n: int("9" * n), st.integers(10, 60)),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
    st.builds(lambda n: functools.reduce(lambda a, _: [a], range(n), "x"), st.integers(1, 120)),
)


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    """A bundled plan's data with a few changes at random key paths."""
    data = _copy(_data(draw(st.sampled_from(SOURCES))))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["delete", "replace", "insert", "duplicate"]))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if op == "delete":
            del parent[last]
        elif op == "replace":
            parent[last] = draw(VALUES)
        elif op == "insert" and isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=8), ODD))] = draw(VALUES)
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, _copy(parent[last]))
    return data


def _text_mutation(draw: st.DrawFn, text: str, fmt: str) -> str:
    """Text-level changes: truncation, inserted characters, a duplicated line, an alias."""
    op = draw(st.sampled_from(["none", "truncate", "insert", "line", "alias", "nest"]))
    lines = text.splitlines(keepends=True)
    if op == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if op == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.one_of(ODD, st.text(max_size=10))) + text[at:]
    if op == "line" and lines:
        at = draw(st.integers(0, len(lines) - 1))
        return "".join([*lines[: at + 1], lines[at], *lines[at + 1 :]])
    if op == "alias" and fmt == "yaml":
        count = draw(st.integers(1, 300))
        anchor = "x: &big [" + ", ".join(['"' + "y" * 1000 + '"'] * 10) + "]\n"
        return text + anchor + "z: [" + ", ".join(["*big"] * count) + "]\n"
    if op == "nest":
        depth = draw(st.integers(1, 5000))
        opener, closer = ("{", "}") if draw(st.booleans()) and fmt != "yaml" else ("[", "]")
        if opener == "{":
            value = '{"a": ' * depth + "1" + "}" * depth if fmt == "json" else "{a = " * depth
            value = value if fmt == "json" else value + "1" + "}" * depth
        else:
            value = opener * depth + closer * depth
        key = '"deep": ' if fmt == "json" else ("deep = " if fmt == "toml" else "deep: ")
        if fmt == "json":
            return text.rstrip().removesuffix("}") + "," + key + value + "}\n"
        if fmt == "toml":
            return key + value + "\n" + text
        return text + key + value + "\n"
    return text


@st.composite
def mutated_files(draw: st.DrawFn, fmt: str) -> str:
    """The text of a mutated plan file in a format."""
    data = draw(mutated_data())
    try:
        text = dumps(data, fmt)
    except (TypeError, ValueError, OverflowError):  # tomli_w cannot write None, say
        text = dumps(_data(SOURCES[0]), fmt)
    return _text_mutation(draw, text, fmt)


PROGRESS = os.environ.get("ECM_PLAN_FUZZ_PROGRESS", "")
"""A file to which a long run appends one line per mutated file: its format and outcome."""


def _note(fmt: str, outcome: str) -> None:
    if PROGRESS:
        with open(PROGRESS, "a", encoding="utf-8") as log:  # noqa: PTH123 (one line, appended)
            log.write(f"{fmt} {outcome}\n")


def _check(text: str, fmt: str) -> None:
    try:
        plan = loads_plan(text, fmt)
    except PlanError as err:
        error = err
    else:
        _round_trips(plan)
        _note(fmt, "loaded")
        return
    _note(fmt, type(error).__name__)
    assert str(error)
    assert error.args == pickle.loads(pickle.dumps(error)).args  # noqa: S301 (our own bytes)


def _round_trips(plan: Plan) -> None:
    assert isinstance(plan, Plan)
    for other in ("yaml", "json", "toml"):
        assert plan == loads_plan(dumps_plan(plan, other), other)


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
class TestMutatedFiles:
    """Mutated bundled plans in every format."""

    @FUZZ
    @given(data=st.data())
    def test_loads_or_library_error(self, fmt: str, data: st.DataObject) -> None:
        """Only library errors, in time; what loads round-trips in every format."""
        _check(data.draw(mutated_files(fmt)), fmt)

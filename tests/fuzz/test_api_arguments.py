"""Every public function of the analysis and file packages, called with arguments of every kind.

Each call either returns or raises a :class:`~ecm_plan.exceptions.PlanError`, within a bounded
time: never a bare builtin error, a pint error, a hang or an allocation the caller did not ask
for. ``ECM_PLAN_FUZZ_EXAMPLES`` raises the number of examples per function (25 by default).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import inspect
import os
import warnings
from collections.abc import Callable
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from ecm_plan import build_graph, load_bundled
from ecm_plan.exceptions import EcmPlanWarning, PlanError
from ecm_plan.monitoring import plan_actuals
from ecm_plan.periods import parse_period

PACKAGES = (
    "trajectory",
    "coverage",
    "dependencies",
    "graph",
    "io",
    "periods",
    "catalog",
    "monitoring",
    "report.formats",
    "report.interim",
)

#: Functions that write files are not called with arbitrary arguments.
SKIPPED = frozenset({"ecm_plan.io.dump_plan", "ecm_plan.io.write_workbook"})

EXAMPLES = int(os.environ.get("ECM_PLAN_FUZZ_EXAMPLES", "25"))
#: Per call, generous for a slow shared machine; a hang or a runaway allocation takes far longer.
DEADLINE_MS = 5_000


def public_functions() -> list[tuple[str, Callable[..., object]]]:
    """Every function named in the ``__all__`` of the packages under test."""
    found = []
    for package in PACKAGES:
        module = importlib.import_module(f"ecm_plan.{package}")
        for name in module.__all__:
            value = getattr(module, name)
            qualified = f"ecm_plan.{package}.{name}"
            if inspect.isfunction(value) and qualified not in SKIPPED:
                found.append((qualified, value))
    return found


@cache
def domain_values() -> tuple[object, ...]:
    """Objects of the library's own kinds, so that calls also get past the first check."""
    plan = load_bundled("sample")
    indicator = plan.indicators[0]
    targets = [t for p in plan.priorities for t in p.targets]
    return (
        plan,
        load_bundled("wigan-2009-12"),
        build_graph(plan),
        plan_actuals(plan),
        indicator,
        *targets[:1],
        plan.priorities[0],
        parse_period("2008-09"),
        dt.date(2009, 3, 31),
        "NI 112",
        "P1",
        "linear",
        "lower_is_better",
        "higher_is_better",
        "yaml",
        "json",
        "csv",
    )


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**3), max_value=10**3),
    st.integers(),
    st.sampled_from([10**8, 10**9, -(10**9), 2**63, 10**400]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.binary(max_size=10),
)
arrays = hnp.arrays(
    dtype=st.sampled_from([np.float64, np.int64, np.bool_, np.complex128]),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
)
text_arrays = hnp.arrays(dtype=np.dtype("U3"), shape=st.integers(0, 3))


@cache  # built once: a new strategy for each argument cost more than drawing from it
def anything() -> st.SearchStrategy[object]:
    """Arguments of every kind: scalars, containers, arrays and the library's own objects."""
    domain = st.sampled_from(domain_values())
    leaves = st.one_of(scalars, domain)
    return st.one_of(
        scalars,
        domain,
        arrays,
        text_arrays,
        st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=6),
        st.lists(leaves, max_size=4),
        st.tuples(leaves, leaves),
        st.dictionaries(st.text(max_size=5), leaves, max_size=3),
        st.sets(st.integers(-5, 5), max_size=3),
    )


@st.composite
def calls(
    draw: st.DrawFn, function: Callable[..., object]
) -> tuple[list[object], dict[str, object]]:
    """Arguments for ``function``: every required one, and some of the optional ones."""
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for parameter in inspect.signature(function).parameters.values():
        required = parameter.default is inspect.Parameter.empty
        if not required and not draw(st.booleans()):
            continue
        value = draw(anything())
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    return args, kwargs


FUNCTIONS = public_functions()


@pytest.mark.parametrize("function", [f for _, f in FUNCTIONS], ids=[n for n, _ in FUNCTIONS])
def test_returns_or_raises_a_library_error(function: Callable[..., object]) -> None:
    """Any arguments: the function returns or raises a PlanError, never another exception."""

    @settings(
        max_examples=EXAMPLES,
        deadline=DEADLINE_MS,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(call=calls(function))
    def run(call: tuple[list[object], dict[str, object]]) -> None:
        args, kwargs = call
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", EcmPlanWarning)
            with contextlib.suppress(PlanError):
                function(*args, **kwargs)

    run()


def test_every_package_is_fuzzed() -> None:
    """The suite reaches the public functions of each package it names."""
    fuzzed = {name.removeprefix("ecm_plan.").rsplit(".", 1)[0] for name, _ in FUNCTIONS}
    assert set(PACKAGES) == fuzzed

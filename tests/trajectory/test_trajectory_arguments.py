"""Trajectory functions check their arguments before computing anything."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import load_bundled
from ecm_plan.exceptions import ArgumentError, ArgumentValueError, TrajectoryError
from ecm_plan.trajectory import (
    assess,
    custom_path,
    interpolate,
    matching_methods,
    planned_series,
    project,
    relative_change,
    resolve_relative,
    round_half_away,
    un_progress_chart,
)


class TestSizes:
    @pytest.mark.parametrize("steps", [10**8, 1_001, 10**400])
    def test_too_many_steps(self, steps):
        """interpolate refuses more than 1,000 steps at once, before allocating anything."""
        began = time.perf_counter()
        with pytest.raises(
            TrajectoryError, match="steps must be a whole number between 1 and 1000"
        ):
            interpolate(1, 10, steps)
        assert time.perf_counter() - began < 1.0

    def test_most_steps(self):
        """1,000 steps is allowed."""
        assert 1_000 == len(interpolate(1.0, 10.0, 1_000))

    @pytest.mark.parametrize("ndigits", [10**9, 16, -16])
    def test_ndigits_bounds(self, ndigits):
        """round_half_away takes ndigits between -15 and 15 and says so at once."""
        with pytest.raises(
            TrajectoryError, match="ndigits must be a whole number between -15 and 15"
        ):
            round_half_away(1.5, ndigits)

    @given(st.integers(min_value=-15, max_value=15))
    def test_ndigits_within_bounds(self, ndigits):
        """Every ndigits within the bounds rounds a number."""
        assert isinstance(round_half_away(1.5, ndigits), float)

    def test_huge_int(self):
        """An int too large for a float is refused with the bound, not an OverflowError."""
        with pytest.raises(ArgumentValueError, match="a number a float can hold"):
            resolve_relative(10**400, -50)


class TestScalars:
    def test_assess_one_value_each(self):
        """An actual and a planned value, given as numbers, are a series of one each."""
        one = assess(-20.0, -16.0, polarity="lower_is_better")
        assert one == assess([-20.0], [-16.0], polarity="lower_is_better")

    def test_project_one_value(self):
        """One actual value given as a number is a series of one."""
        assert project(5.0, horizon=3) == project([5.0], horizon=3)


class TestWrongKinds:
    @pytest.mark.parametrize(
        ("call", "name"),
        [
            (lambda: assess("12", [1.0]), "actual"),
            (lambda: assess([1.0], {"a": 1}), "planned"),
            (lambda: assess([1.0], [1.0], tolerance="5%"), "tolerance"),
            (lambda: assess([1.0], [1.0], no_change="0"), "no_change"),
            (lambda: interpolate(b"1", 2.0, 3), "start"),
            (lambda: interpolate(1.0, 2.0, 3, method=["linear"]), "method"),
            (lambda: custom_path(1.0, 2.0, None), "values"),
            (lambda: custom_path(1.0, 2.0, 1.5), "values"),
            (lambda: matching_methods(None, [1.0]), "start"),
            (lambda: matching_methods(1.0, [1.0, None]), r"values\[1\]"),
            (lambda: project(None, horizon=3), "actual"),
            (lambda: relative_change({}, 1.0), "baseline"),
            (lambda: round_half_away(np.array(["1"]), 0), "x"),
            (
                lambda: un_progress_chart(
                    1.0, [2.0], 3.0, elapsed=1, horizon=2, polarity="higher_is_better"
                ),
                "current",
            ),
            (lambda: planned_series(load_bundled("sample").indicators[0], plan="sample"), "plan"),
        ],
    )
    def test_names_the_argument(self, call, name):
        """A wrong kind of argument is an ArgumentError (a TypeError) naming it."""
        with pytest.raises(ArgumentError, match=rf"^{name} must be"):
            call()

    def test_ragged_table(self):
        """Rows of unequal length are refused with both lengths."""
        with pytest.raises(ArgumentValueError, match="row 0 has 2 values, row 1 has 1"):
            assess([[1.0, 2.0], [3.0]], [[1.0, 2.0], [3.0, 4.0]])


class TestLengths:
    def test_interpolate(self):
        """Start and end series of different lengths name both lengths."""
        with pytest.raises(TrajectoryError, match="start has 3 values but end has 2"):
            interpolate([1.0, 2.0, 3.0], [4.0, 5.0], 3)

    @pytest.mark.parametrize("function", [relative_change, resolve_relative])
    def test_relative(self, function):
        """Arrays that do not pair up name both shapes."""
        with pytest.raises(
            TrajectoryError, match=r"baseline has shape \(3,\) but \w+ has shape \(2,\)"
        ):
            function([1.0, 2.0, 3.0], [4.0, 5.0])


class TestZeroDimensional:
    @pytest.mark.parametrize("value", [4.50359963e15, 2.5, float("nan")])
    def test_round_a_numpy_scalar(self, value):
        """A 0-d array rounds like the number it holds, large whole values included."""
        expected = round_half_away(value)
        got = round_half_away(np.array(value))
        assert (expected == got) or (np.isnan(expected) and np.isnan(got))

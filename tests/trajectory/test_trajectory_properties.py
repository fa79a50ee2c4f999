"""Property tests for ecm_plan.trajectory: scalar calls and vectorised calls agree, and paths
have the shape their method promises."""

from __future__ import annotations

import itertools
import math
from decimal import ROUND_HALF_UP, Decimal

import attrs
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ecm_plan.exceptions import TrajectoryError
from ecm_plan.trajectory import (
    Assessment,
    Method,
    Tolerance,
    assess,
    assess_status,
    custom_path,
    interpolate,
    matching_methods,
    project,
    relative_change,
    resolve_relative,
    round_half_away,
)
from ecm_plan.trajectory import _scalar as sk

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
maybe = st.one_of(st.none(), values)
methods = st.sampled_from(["linear", "compound", "step"])
digits = st.one_of(st.none(), st.integers(min_value=-2, max_value=4))
polarities = st.sampled_from(["higher_is_better", "lower_is_better"])

# Thresholds of the three measures: near them a last-bit difference between math.pow and
# np.power may flip a category, which is not a disagreement between the two code paths.
THRESHOLDS = (
    sk.CHART_ON_TRACK,
    sk.CHART_FAIR,
    sk.CHART_LIMITED,
    sk.EXPECTED_ON_TRACK,
    sk.EXPECTED_FAIR,
    sk.STATCAN_ON_TRACK,
    sk.STATCAN_MODERATE,
    sk.STATCAN_LIMITED,
)


def close(a, b):
    """Floats (or None) equal up to float noise."""
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) or (math.isinf(a) and a == b)


def near_threshold(x):
    return x is not None and any(abs(x - t) <= 1e-9 * max(1.0, abs(t)) for t in THRESHOLDS)


def same_measure(m1, m2):
    assert m1.kind == m2.kind
    assert close(m1.value, m2.value)
    assert close(m1.score, m2.score) or near_threshold(m1.value)
    assert m1.category == m2.category or near_threshold(m1.value)
    assert m1.reason == m2.reason or near_threshold(m1.value)


def same_assessment(a: Assessment, b: Assessment):
    """Scalar and vectorised assessments agree: codes exactly, floats to float noise."""
    assert a.polarity == b.polarity
    assert (a.status, a.category, a.direction) == (b.status, b.category, b.direction)
    assert a.target == b.target
    assert a.target_achieved == b.target_achieved
    for p, q in zip(a.periods, b.periods, strict=True):
        assert (p.period, p.status, p.category, p.direction) == (
            q.period,
            q.status,
            q.category,
            q.direction,
        )
        assert close(p.actual, q.actual)
        assert close(p.planned, q.planned)
        assert close(p.gap, q.gap)
    for m1, m2 in zip(a.measures, b.measures, strict=True):
        same_measure(m1, m2)
    for p1, p2 in (
        (a.linear_projection, b.linear_projection),
        (a.cagr_projection, b.cagr_projection),
    ):
        assert p1.method == p2.method
        assert close(p1.value, p2.value)
        assert p1.reason == p2.reason
        if p1.value is not None and abs(p1.value - a.target) > 1e-6 * max(1.0, abs(a.target)):
            assert p1.meets_target == p2.meets_target


class TestRoundHalfAwayProperties:
    @given(
        st.decimals(
            min_value=-(10**6), max_value=10**6, places=4, allow_nan=False, allow_infinity=False
        ),
        st.integers(min_value=0, max_value=3),
    )
    def test_matches_decimal_round_half_up(self, text, ndigits):
        """Rounding a float read from short decimal text equals ROUND_HALF_UP on the text."""
        expected = float(text.quantize(Decimal(1).scaleb(-ndigits), rounding=ROUND_HALF_UP))
        assert expected == round_half_away(float(text), ndigits)

    @given(st.lists(values, min_size=1, max_size=8), st.integers(min_value=-3, max_value=6))
    def test_array_equals_scalar(self, xs, ndigits):
        """The vectorised rounding gives the same bits as the scalar rounding."""
        expected = [round_half_away(x, ndigits) for x in xs]
        assert expected == round_half_away(np.array(xs), ndigits).tolist()


class TestInterpolateProperties:
    @given(values, values, st.integers(min_value=1, max_value=8), methods, digits)
    def test_scalar_equals_vectorised(self, start, end, steps, method, ndigits):
        """A row of the vectorised call equals the scalar call (bit for bit but for pow)."""
        try:
            expected = interpolate(start, end, steps, method=method, ndigits=ndigits)
        except TrajectoryError:
            with pytest.raises(TrajectoryError):
                interpolate(
                    np.array([start]), np.array([end]), steps, method=method, ndigits=ndigits
                )
            return
        row = interpolate(
            np.array([start, start]), np.array([end, end]), steps, method=method, ndigits=ndigits
        )
        for got in row:
            for x, y in zip(expected, got.tolist(), strict=True):
                if method == "compound":
                    assert math.isclose(
                        x, y, rel_tol=1e-12, abs_tol=10.0 ** -(ndigits or 0) + 1e-12
                    )
                else:
                    assert x == y

    @given(values, values, st.integers(min_value=1, max_value=8), methods, digits)
    def test_path_ends_at_target_and_is_monotone(self, start, end, steps, method, ndigits):
        """Every path ends at the (rounded) target and moves monotonically from start to end."""
        assume(method != "compound" or sk.compound_ok(start, end))
        path = interpolate(start, end, steps, method=method, ndigits=ndigits)
        r = (lambda x: x) if ndigits is None else (lambda x: round_half_away(x, ndigits))
        assert r(end) == path[-1]
        lo, hi = min(r(start), r(end)), max(r(start), r(end))
        assert all(lo <= x <= hi for x in path)
        diffs = [b - a for a, b in zip([r(start), *path], path, strict=False)]
        if end >= start:
            assert all(d >= 0 for d in diffs)
        else:
            assert all(d <= 0 for d in diffs)

    @given(positive, positive, st.integers(min_value=2, max_value=8), st.booleans())
    def test_compound_has_a_constant_ratio(self, start, end, steps, negative):
        """Unrounded compound paths change by the same ratio every period."""
        assume(abs(math.log(end / start)) > 1e-6)
        sign = -1.0 if negative else 1.0
        path = [sign * start, *interpolate(sign * start, sign * end, steps, method="compound")]
        ratios = [b / a for a, b in itertools.pairwise(path)]
        assert all(math.isclose(q, ratios[0], rel_tol=1e-9) for q in ratios)
        assert math.isclose(ratios[0], (end / start) ** (1 / steps), rel_tol=1e-9)

    @given(values, values, st.integers(min_value=2, max_value=8))
    def test_linear_has_equal_steps(self, start, end, steps):
        """Unrounded linear paths move by the same amount every period."""
        path = [start, *interpolate(start, end, steps)]
        step = (end - start) / steps
        scale = max(1.0, abs(start), abs(end))
        assert all(
            math.isclose(b - a, step, abs_tol=1e-9 * scale) for a, b in itertools.pairwise(path)
        )

    @given(values, values, st.integers(min_value=1, max_value=8), methods, digits)
    def test_interpolated_paths_pass_the_custom_check(self, start, end, steps, method, ndigits):
        """A path made by a method is a consistent custom path, and its method reproduces it."""
        assume(method != "compound" or sk.compound_ok(start, end))
        path = interpolate(start, end, steps, method=method, ndigits=ndigits)
        s = start if ndigits is None else round_half_away(start, ndigits)
        assert path == custom_path(s, path[-1], path)
        if ndigits is None:
            assert Method(method) in matching_methods(start, path) or method == "step"


class TestRelativeProperties:
    @given(values.filter(lambda b: abs(b) > 1e-3), st.floats(min_value=-100, max_value=1000))
    def test_round_trip(self, baseline, change):
        """relative_change(b, resolve_relative(b, c)) gives back c."""
        assert math.isclose(
            change, relative_change(baseline, resolve_relative(baseline, change)), abs_tol=1e-7
        )

    @given(
        st.lists(
            st.tuples(values, st.floats(min_value=-100, max_value=1000)), min_size=1, max_size=6
        )
    )
    def test_arrays_equal_scalars(self, pairs):
        """The vectorised conversions equal the scalar ones."""
        bs = np.array([b for b, _ in pairs])
        cs = np.array([c for _, c in pairs])
        resolved = resolve_relative(bs, cs)
        assert [resolve_relative(b, c) for b, c in pairs] == resolved.tolist()
        back = relative_change(bs, resolved)
        for (b, _), v, got in zip(pairs, resolved.tolist(), back.tolist(), strict=True):
            expected = relative_change(b, v)
            assert (math.isnan(expected) and math.isnan(got)) or expected == got


@st.composite
def series(draw):
    """One series: actuals (with gaps), a plan, baseline, polarity, tolerance and options."""
    p = draw(st.integers(min_value=1, max_value=5))
    m = draw(st.integers(min_value=0, max_value=p))
    planned = [draw(maybe) for _ in range(p - 1)] + [draw(values)]
    actual = [draw(maybe) for _ in range(m)]
    baseline = draw(maybe)
    tolerance = Tolerance(
        relative=draw(st.floats(min_value=0, max_value=0.5)),
        absolute=draw(st.floats(min_value=0, max_value=10)),
        basis=draw(st.sampled_from(["target", "change"])),
    )
    return {
        "actual": actual,
        "planned": planned,
        "baseline": baseline,
        "polarity": draw(polarities),
        "tolerance": tolerance,
        "no_change": draw(st.floats(min_value=0, max_value=1)),
        "percent_change": draw(st.booleans()),
    }


def as_row(xs, width):
    return [math.nan if x is None else x for x in xs] + [math.nan] * (width - len(xs))


class TestAssessProperties:
    @given(series())
    def test_scalar_equals_vectorised(self, s):
        """The row of a vectorised assessment equals the scalar assessment of the series."""
        expected = assess(
            s["actual"],
            s["planned"],
            baseline=s["baseline"],
            polarity=s["polarity"],
            tolerance=s["tolerance"],
            no_change=s["no_change"],
            percent_change=s["percent_change"],
        )
        p = len(s["planned"])
        out = assess(
            np.array([as_row(s["actual"], p)] * 2),
            np.array([as_row(s["planned"], p)] * 2),
            baseline=math.nan if s["baseline"] is None else s["baseline"],
            polarity=s["polarity"],
            tolerance=s["tolerance"],
            no_change=s["no_change"],
            percent_change=s["percent_change"],
        )
        for i in range(2):
            same_assessment(expected, out.row(i))

    @given(st.lists(series(), min_size=2, max_size=4))
    def test_many_series_with_their_own_polarity(self, many):
        """Series with different plans, baselines and polarities in one call each match."""
        p = max(len(s["planned"]) for s in many)
        # Pad plans to a common width by holding earlier periods blank.
        plans = [[None] * (p - len(s["planned"])) + s["planned"] for s in many]
        acts = [s["actual"] for s in many]
        out = assess(
            np.array([as_row(a, p) for a in acts]),
            np.array([as_row(pl, p) for pl in plans]),
            baseline=np.array([math.nan if s["baseline"] is None else s["baseline"] for s in many]),
            polarity=[s["polarity"] for s in many],
        )
        for i, s in enumerate(many):
            expected = assess(acts[i], plans[i], baseline=s["baseline"], polarity=s["polarity"])
            same_assessment(expected, out.row(i))


# Whole numbers make ties (actual equal to plan, to the tolerance's edge, to the baseline)
# common, which is where the status and category rules could part.
whole = st.integers(min_value=-30, max_value=30).map(float)


@st.composite
def status_series(draw, elements=values):
    """One series for a status assessment: actuals (with gaps), plan, baseline, tolerance."""
    p = draw(st.integers(min_value=1, max_value=5))
    m = draw(st.integers(min_value=0, max_value=p))
    maybe_x = st.one_of(st.none(), elements)
    return {
        "actual": [draw(maybe_x) for _ in range(m)],
        "planned": [draw(maybe_x) for _ in range(p - 1)] + [draw(elements)],
        "baseline": draw(maybe_x),
        "polarity": draw(polarities),
        "tolerance": Tolerance(
            relative=draw(st.sampled_from([0.0, 0.05, 0.1, 0.25]) | st.floats(0, 0.5)),
            absolute=draw(st.sampled_from([0.0, 1.0, 2.0]) | st.floats(0, 10)),
            basis=draw(st.sampled_from(["target", "change"])),
        ),
    }


any_series = status_series() | status_series(whole)


class TestAssessStatusProperties:
    """``assess_status`` gives the statuses and categories of ``assess``, scalar and array."""

    @given(any_series)
    def test_scalar_equals_full_assessment(self, s):
        """The scalar status assessment has the full assessment's statuses and categories."""
        full = assess(
            s["actual"],
            s["planned"],
            baseline=s["baseline"],
            polarity=s["polarity"],
            tolerance=s["tolerance"],
        )
        got = assess_status(
            s["actual"],
            s["planned"],
            baseline=s["baseline"],
            polarity=s["polarity"],
            tolerance=s["tolerance"],
        )
        assert full.polarity == got.polarity
        assert (full.status, full.category) == (got.status, got.category)
        assert [p.status for p in full.periods] == list(got.statuses)
        assert [p.category for p in full.periods] == list(got.categories)

    @given(st.lists(any_series, min_size=1, max_size=4), st.sampled_from(["target", "change"]))
    def test_arrays_equal_full_assessment_and_scalars(self, many, basis):
        """Array codes equal the full array assessment's, and each row the scalar result."""
        p = max(len(s["planned"]) for s in many)
        plans = [[None] * (p - len(s["planned"])) + s["planned"] for s in many]
        acts = np.array([as_row(s["actual"], p) for s in many])
        plan = np.array([as_row(pl, p) for pl in plans])
        baseline = np.array([math.nan if s["baseline"] is None else s["baseline"] for s in many])
        polarity = [s["polarity"] for s in many]
        tolerance = attrs.evolve(many[0]["tolerance"], basis=basis)
        kwargs = {"baseline": baseline, "polarity": polarity, "tolerance": tolerance}
        full = assess(acts, plan, **kwargs)
        got = assess_status(acts, plan, **kwargs)
        np.testing.assert_array_equal(full.status, got.status)
        np.testing.assert_array_equal(full.category, got.category)
        np.testing.assert_array_equal(full.latest, got.latest)
        np.testing.assert_array_equal(full.latest_status(), got.latest_status())
        np.testing.assert_array_equal(full.status_labels(), got.status_labels())
        for i, s in enumerate(many):
            expected = assess_status(
                s["actual"],
                plans[i],
                baseline=s["baseline"],
                polarity=s["polarity"],
                tolerance=tolerance,
            )
            assert expected == got.row(i)
            assert full.row(i).category.value == got.category_labels()[i]


class TestProjectProperties:
    @given(series(), st.sampled_from(["least_squares", "cagr"]))
    def test_scalar_equals_vectorised(self, s, method):
        """A row of a vectorised projection equals the scalar projection."""
        p = len(s["planned"])
        target = s["planned"][-1]
        expected = project(
            s["actual"],
            horizon=p,
            baseline=s["baseline"],
            target=target,
            polarity=s["polarity"],
            method=method,
            percent_change=s["percent_change"],
        )
        out = project(
            np.array([as_row(s["actual"], len(s["actual"]))]),
            horizon=p,
            baseline=s["baseline"],
            target=target,
            polarity=s["polarity"],
            method=method,
            percent_change=s["percent_change"],
        ).row(0)
        assert close(expected.value, out.value)
        assert expected.reason == out.reason
        assert expected.target == out.target
        if expected.value is not None and abs(expected.value - target) > 1e-6 * max(
            1.0, abs(target)
        ):
            assert expected.meets_target == out.meets_target

    @given(values, values, st.integers(min_value=2, max_value=6))
    def test_linear_data_project_exactly(self, start, end, steps):
        """Actuals on a straight line project onto the line."""
        path = interpolate(start, end, steps)
        value = project(path[:-1], horizon=steps, baseline=start).value
        assert math.isclose(value, end, rel_tol=1e-9, abs_tol=1e-6 * max(1.0, abs(start), abs(end)))

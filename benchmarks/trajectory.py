"""Benchmark of ecm_plan.trajectory: many series at once, and one scalar call.

Prints, for 1,000,000 series of 4 periods (complete data, one polarity per series):

- the time ``ecm_plan.trajectory`` takes to compute linear and compound trajectories and the
  full assessment (statuses, categories, directions, three progress measures with the Open SDG
  score, two projections);
- the time a plain NumPy baseline takes to compute the same numbers (written directly for
  complete data, with no checks and no handling of gaps, zeros or sign changes), measured in
  the same run, and the ratio of the two (goal: at most 1.5);
- the median time of one scalar call of each public function (goal: at most 20 microseconds).

The baseline's results are checked against the library's before timing, so both do the same
arithmetic.

Run with ``python benchmarks/trajectory.py [n_series] [repeats]``.
"""

from __future__ import annotations

import statistics
import sys
import time
import timeit
from collections.abc import Callable
from typing import Any

import numpy as np

from ecm_plan.trajectory import assess, interpolate, project, resolve_relative

PERIODS = 4
EPS = 1e-9
TOL = 0.05


def make_data(n: int, seed: int = 2009) -> dict[str, Any]:
    """Baselines, targets, actual values and polarities of ``n`` synthetic series."""
    rng = np.random.default_rng(seed)
    baseline = rng.uniform(10.0, 100.0, n)
    target = baseline * rng.uniform(0.5, 1.5, n)
    sign = rng.choice(np.array([1.0, -1.0]), n)
    steps = np.arange(1, PERIODS + 1) / PERIODS
    actual = baseline[:, None] + (target - baseline)[:, None] * steps * rng.uniform(
        0.3, 1.3, (n, 1)
    )
    actual += rng.normal(0.0, 1.0, (n, PERIODS))
    return {"baseline": baseline, "target": target, "actual": actual, "sign": sign}


def with_library(d: dict[str, Any]) -> dict[str, Any]:
    """Trajectories and assessment by the library."""
    linear = interpolate(d["baseline"], d["target"], PERIODS)
    compound = interpolate(d["baseline"], d["target"], PERIODS, method="compound")
    result = assess(d["actual"], linear, baseline=d["baseline"], polarity=d["sign"])
    return {"linear": linear, "compound": compound, "assessment": result}


def _band(x: np.ndarray, cuts: tuple[float, ...], codes: tuple[int, ...], other: int) -> np.ndarray:
    return np.select([x >= c for c in cuts], list(codes), other).astype(np.int8)


def with_numpy(d: dict[str, Any]) -> dict[str, Any]:
    """The same numbers in plain NumPy, for complete data."""
    b, t, a, sign = d["baseline"], d["target"], d["actual"], d["sign"]
    f = np.arange(1, PERIODS) / PERIODS
    lo = np.minimum(b, t)[:, None]
    hi = np.maximum(b, t)[:, None]
    linear = np.empty((b.size, PERIODS))
    linear[:, :-1] = np.clip(b[:, None] + (t - b)[:, None] * f, lo, hi)
    linear[:, -1] = t
    compound = np.empty((b.size, PERIODS))
    compound[:, :-1] = np.clip(b[:, None] * np.power((t / b)[:, None], f), lo, hi)
    compound[:, -1] = t

    s = sign[:, None]
    gap = s * (a - linear)
    eps = EPS * np.maximum(1.0, np.abs(linear))
    allowance = TOL * np.abs(linear)
    green = gap >= -eps
    within = gap >= -(allowance + eps)
    status = np.where(green, 0, np.where(within, 1, 2)).astype(np.int8)
    improved = s * (a - b[:, None]) > EPS * np.maximum(1.0, np.abs(b))[:, None]
    ahead = gap > allowance + eps
    category = np.where(ahead, 0, np.where(green, 1, np.where(improved, 2, 3))).astype(np.int8)
    prev = np.concatenate([b[:, None], a[:, :-1]], axis=1)
    diff = a - prev
    steady = np.abs(diff) <= EPS * np.maximum(1.0, np.abs(prev))
    direction = np.where(steady, 1, np.where(s * diff > 0, 0, 2)).astype(np.int8)

    v1 = a[:, -1]
    achieved = sign * (v1 - t) >= -EPS * np.maximum(1.0, np.abs(t))
    q = v1 / b
    observed = np.power(q, 1.0 / PERIODS) - 1.0
    required = np.power(t / b, 1.0 / PERIODS) - 1.0
    chart = observed / required
    chart_cat = np.where(achieved, 0, _band(chart, (0.95, 0.5, -0.1), (1, 2, 3), 5))
    stat = np.sign(b) * sign * observed / np.abs(required)
    stat_cat = np.where(achieved, 0, _band(stat, (0.95, 0.6, 0.0), (1, 2, 3), 5))
    raw = np.where(stat < 0.6, 25.0 / 6.0 * stat - 2.5, 50.0 / 7.0 * stat - 30.0 / 7.0)
    score = np.where(achieved, 5.0, np.clip(raw, -5.0, 5.0))
    expected = b * np.power(q, PERIODS / PERIODS)
    ev = (expected - b) / (t - b)
    ev_cat = np.where(achieved, 0, _band(ev, (0.95, 0.10), (1, 2), 4))

    points = np.concatenate([b[:, None], a], axis=1)
    centred = np.arange(PERIODS + 1) - PERIODS / 2
    slope = points @ centred / (centred @ centred)
    least_squares = points.mean(axis=1) + slope * (PERIODS - PERIODS / 2)
    t_eps = EPS * np.maximum(1.0, np.abs(t))
    ls_meets = sign * (least_squares - t) >= -t_eps
    cagr_meets = sign * (expected - t) >= -t_eps
    return {
        "linear": linear,
        "compound": compound,
        "status": status,
        "category": category,
        "direction": direction,
        "chart": (chart, chart_cat),
        "expected": (ev, ev_cat),
        "statcan": (stat, stat_cat, score),
        "projections": (least_squares, ls_meets, expected, cagr_meets),
    }


def check_same(lib: dict[str, Any], ref: dict[str, Any]) -> None:
    """The baseline computes what the library computes."""
    r = lib["assessment"]
    np.testing.assert_allclose(lib["linear"], ref["linear"], rtol=1e-12)
    np.testing.assert_allclose(lib["compound"], ref["compound"], rtol=1e-12)
    np.testing.assert_array_equal(r.status, ref["status"])
    np.testing.assert_array_equal(r.category, ref["category"])
    np.testing.assert_array_equal(r.direction, ref["direction"])
    np.testing.assert_allclose(r.progress_chart, ref["chart"][0], rtol=1e-9)
    np.testing.assert_array_equal(r.progress_chart_category, ref["chart"][1])
    np.testing.assert_allclose(r.expected_value, ref["expected"][0], rtol=1e-9)
    np.testing.assert_array_equal(r.expected_value_category, ref["expected"][1])
    np.testing.assert_allclose(r.statcan, ref["statcan"][0], rtol=1e-9)
    np.testing.assert_array_equal(r.statcan_category, ref["statcan"][1])
    np.testing.assert_allclose(r.statcan_score, ref["statcan"][2], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(r.linear_projection, ref["projections"][0], rtol=1e-9)
    np.testing.assert_array_equal(r.linear_meets, ref["projections"][1])
    np.testing.assert_allclose(r.cagr_projection, ref["projections"][2], rtol=1e-9)
    np.testing.assert_array_equal(r.cagr_meets, ref["projections"][3])


def best_and_median(
    func: Callable[[dict[str, Any]], object], data: dict[str, Any], repeats: int
) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(data)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def scalar_call_us(stmt: str, number: int = 2000, repeats: int = 25) -> float:
    """Median time of one scalar call, in microseconds."""
    namespace = {
        "assess": assess,
        "interpolate": interpolate,
        "project": project,
        "resolve_relative": resolve_relative,
    }
    times = timeit.repeat(stmt, globals=namespace, number=number, repeat=repeats)
    return statistics.median(times) / number * 1e6


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 1_000_000
    repeats = int(argv[2]) if len(argv) > 2 else 7
    data = make_data(n)
    check_same(with_library(data), with_numpy(data))

    # Interleave the two so that load from other processes hits both alike.
    lib_times: list[float] = []
    ref_times: list[float] = []
    for _ in range(repeats):
        lib_times.append(best_and_median(with_library, data, 1)[0])
        ref_times.append(best_and_median(with_numpy, data, 1)[0])
    lib_med, ref_med = statistics.median(lib_times), statistics.median(ref_times)
    lib_min, ref_min = min(lib_times), min(ref_times)

    print(f"{n:,} series x {PERIODS} periods: linear + compound trajectories + full assessment")
    print(f"  ecm_plan.trajectory   median {lib_med * 1e3:8.1f} ms   best {lib_min * 1e3:8.1f} ms")
    print(f"  plain NumPy baseline  median {ref_med * 1e3:8.1f} ms   best {ref_min * 1e3:8.1f} ms")
    ratio_med, ratio_min = lib_med / ref_med, lib_min / ref_min
    print(f"  ratio (goal <= 1.5)   median {ratio_med:8.2f}      best {ratio_min:8.2f}")
    print()
    print("one scalar call, median (goal <= 20 us):")
    calls = [
        "interpolate(0.58, -50.0, 3)",
        "interpolate(0.86, 0.73, 3, method='compound', ndigits=2)",
        "resolve_relative(48.3, -50.0)",
        (
            "assess([285.0, 268.0, 260.0, 250.0], [283.0, 270.0, 257.0, 250.0], "
            "baseline=296.0, polarity='lower_is_better')"
        ),
        (
            "project([283.0, 275.0], horizon=3, baseline=296.0, target=257.0, "
            "polarity='lower_is_better')"
        ),
    ]
    for stmt in calls:
        print(f"  {scalar_call_us(stmt):6.2f} us  {stmt}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""Benchmark of ecm_plan.trajectory on many series at once, against plain NumPy.

The data: 1,000,000 series of 4 periods, each with its own baseline, target and polarity,
and about 10% of the actual values missing (``nan``), as returns are in practice.
Three comparisons, each against a plain NumPy baseline that handles the same inputs (gaps
included) the way the library does and whose results are checked equal to the library's
before anything is timed:

- **full assessment**: ``assess`` (status, category and direction per period, the three
  progress measures with their reasons and the Open SDG score, both projections) against
  the same figures in NumPy (goal: ratio at most 1.5);
- **interpolate**: linear and compound interim targets by ``interpolate`` against the
  minimal NumPy formula (goal: at most 1.5);
- **status only**: ``assess_status`` against NumPy's status and category (goal: at most 2.0).

Library and baseline runs are interleaved (library, baseline, library, baseline, ...) so
that load from other processes falls on both alike; each run is timed in CPU time
(``time.process_time``) and the ratio printed is the median of the per-pair ratios.
Then the median time of one scalar call of each public function (goal: at most 20 us).

Run with ``python benchmarks/trajectory.py [--quick] [--series N] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import timeit
from collections.abc import Callable
from typing import Any

import numpy as np

from ecm_plan.trajectory import assess, assess_status, interpolate, project, resolve_relative

PERIODS = 4
MISSING = 0.10
EPS = 1e-9
TOL = 0.05

Data = dict[str, Any]


def make_data(n: int, seed: int = 2009) -> Data:
    """Baselines, targets, linear paths, actual values (10% missing) and polarities."""
    rng = np.random.default_rng(seed)
    baseline = rng.uniform(10.0, 100.0, n)
    target = baseline * rng.uniform(0.5, 1.5, n)
    sign = rng.choice(np.array([1.0, -1.0]), n)
    steps = np.arange(1, PERIODS + 1) / PERIODS
    actual = baseline[:, None] + (target - baseline)[:, None] * steps * rng.uniform(
        0.3, 1.3, (n, 1)
    )
    actual += rng.normal(0.0, 1.0, (n, PERIODS))
    actual[rng.random((n, PERIODS)) < MISSING] = np.nan
    planned = interpolate(baseline, target, PERIODS)
    return {
        "baseline": baseline,
        "target": target,
        "planned": planned,
        "actual": actual,
        "sign": sign,
    }


# --------------------------------------------------------------------------------------------
# The library
# --------------------------------------------------------------------------------------------


def lib_assess(d: Data) -> Any:  # noqa: ANN401 (an AssessmentArray)
    return assess(d["actual"], d["planned"], baseline=d["baseline"], polarity=d["sign"])


def lib_interpolate(d: Data) -> tuple[np.ndarray, np.ndarray]:
    linear = interpolate(d["baseline"], d["target"], PERIODS)
    compound = interpolate(d["baseline"], d["target"], PERIODS, method="compound")
    return linear, compound


def lib_status(d: Data) -> Any:  # noqa: ANN401 (a StatusArray)
    return assess_status(d["actual"], d["planned"], baseline=d["baseline"], polarity=d["sign"])


# --------------------------------------------------------------------------------------------
# The plain NumPy baseline (no checks; gaps in the actual values handled)
# --------------------------------------------------------------------------------------------


def np_interpolate(d: Data) -> tuple[np.ndarray, np.ndarray]:
    """Linear and compound paths, clipped between baseline and target, ending at the target."""
    b, t = d["baseline"], d["target"]
    f = np.arange(1, PERIODS) / PERIODS
    lo = np.minimum(b, t)[:, None]
    hi = np.maximum(b, t)[:, None]
    linear = np.empty((b.size, PERIODS))
    linear[:, :-1] = np.clip(b[:, None] + (t - b)[:, None] * f, lo, hi)
    linear[:, -1] = t
    compound = np.empty((b.size, PERIODS))
    compound[:, :-1] = np.clip(b[:, None] * np.power((t / b)[:, None], f), lo, hi)
    compound[:, -1] = t
    return linear, compound


def np_status(d: Data) -> tuple[np.ndarray, np.ndarray]:
    """RAG status and monitoring category per period; a missing actual is not assessed."""
    a, planned, b, sign = d["actual"], d["planned"], d["baseline"], d["sign"]
    s = sign[:, None]
    gap = s * (a - planned)
    eps = EPS * np.maximum(1.0, np.abs(planned))
    allowance = TOL * np.abs(planned) + eps
    green = gap >= -eps
    within = gap >= -allowance
    ahead = gap > allowance
    improved = s * (a - b[:, None]) > (EPS * np.maximum(1.0, np.abs(b)))[:, None]
    missing = np.isnan(a)
    status = 2 - within.astype(np.int8) - green.astype(np.int8)
    status[missing] = -1
    category = np.where(green, 1 - ahead.astype(np.int8), 3 - improved.astype(np.int8))
    category[missing] = 4
    return status, category


def _band(x: np.ndarray, cuts: tuple[float, ...], codes: tuple[int, ...], other: int) -> np.ndarray:
    return np.select([x >= c for c in cuts], list(codes), other).astype(np.int8)


def _meets(value: np.ndarray, t: np.ndarray, sign: np.ndarray) -> np.ndarray:
    met = sign * (value - t) >= -EPS * np.maximum(1.0, np.abs(t))
    return np.where(np.isnan(value), -1, met).astype(np.int8)


def np_assess(d: Data) -> Data:
    """Everything ``assess`` reports, for series with a baseline and gaps in the actuals."""
    a, planned, b, sign = d["actual"], d["planned"], d["baseline"], d["sign"]
    n = b.size
    status, category = np_status(d)
    gap = np.where(np.isnan(a), np.nan, sign[:, None] * (a - planned))
    have = ~np.isnan(a)

    # Direction against the latest earlier actual value, or the baseline.
    direction = np.empty((n, PERIODS), np.int8)
    last = b.copy()
    for k in range(PERIODS):
        diff = a[:, k] - last
        steady = np.abs(diff) <= EPS * np.maximum(1.0, np.abs(last))
        moved = np.where(steady, np.int8(1), 2 - 2 * (sign * diff > 0).astype(np.int8))
        moved[~have[:, k]] = -1
        direction[:, k] = moved
        last = np.where(have[:, k], a[:, k], last)
    any_a = have.any(axis=1)
    last_k = PERIODS - 1 - np.argmax(have[:, ::-1], axis=1)
    latest = np.where(any_a, last_k, -1)

    # Growth from the baseline to the latest actual value (``last``).
    t = planned[:, -1]
    v1 = np.where(any_a, last, np.nan)
    achieved = any_a & (sign * (v1 - t) >= -EPS * np.maximum(1.0, np.abs(t)))
    elapsed = np.where(any_a, last_k + 1, 0)
    q = v1 / b
    q_t = t / b
    reason = np.select([~any_a, b == 0.0, q < 0.0], [1, 2, 3], 0).astype(np.int8)
    reason_t = np.where((reason == 0) & (q_t < 0.0), 4, reason).astype(np.int8)
    ok, ok_t = reason == 0, reason_t == 0
    with np.errstate(all="ignore"):
        observed = np.power(q, 1.0 / elapsed) - 1.0
        required = np.power(q_t, 1.0 / PERIODS) - 1.0
        flat = ok_t & (required == 0.0)
        usable = ok_t & ~flat

        chart = np.where(usable, observed / required, np.nan)
        chart_cat = _band(chart, (0.95, 0.5, -0.1), (1, 2, 3), 5)
        chart_cat[~ok_t] = 6
        chart_reason = np.where(flat, 5, reason_t).astype(np.int8)

        stat = np.where(usable, np.sign(b) * sign * observed / np.abs(required), np.nan)
        stat_cat = _band(stat, (0.95, 0.6, 0.0), (1, 2, 3), 5)
        stat_cat[~ok_t] = 6
        raw = np.where(stat < 0.6, 25.0 / 6.0 * stat - 2.5, 50.0 / 7.0 * stat - 30.0 / 7.0)
        score = np.where(usable, np.clip(raw, -5.0, 5.0), np.where(flat, -5.0, np.nan))

        expected = np.where(ok, b * np.power(q, PERIODS / elapsed), np.nan)
        flat_e = ok & (t == b)
        ev = np.where(ok & ~flat_e, (expected - b) / (t - b), np.nan)
        ev_cat = _band(ev, (0.95, 0.10), (1, 2), 4)
        ev_cat[~ok] = 6
        ev_reason = np.where(flat_e, 5, reason).astype(np.int8)

    for cat, why in ((chart_cat, chart_reason), (stat_cat, chart_reason), (ev_cat, ev_reason)):
        cat[achieved] = 0
        why[achieved] = 0
    score[achieved] = 5.0

    # Least-squares line through the baseline (period 0) and the actual values there are.
    periods = np.arange(1, PERIODS + 1, dtype=np.float64)
    a0 = np.where(have, a, 0.0)
    count = 1.0 + have.sum(axis=1)
    tbar = (have * periods).sum(axis=1) / count
    vbar = (b + a0.sum(axis=1)) / count
    dt = np.where(have, periods - tbar[:, None], 0.0)
    sxx = tbar * tbar + (dt * dt).sum(axis=1)
    sxy = -tbar * (b - vbar) + (dt * (a0 - vbar[:, None])).sum(axis=1)
    with np.errstate(all="ignore"):
        least_squares = np.where(count >= 2.0, vbar + sxy / sxx * (PERIODS - tbar), np.nan)
    return {
        "gap": gap,
        "status": status,
        "category": category,
        "direction": direction,
        "latest": latest,
        "latest_actual": latest,
        "target": t,
        "target_achieved": achieved,
        "progress_chart": chart,
        "progress_chart_category": chart_cat,
        "progress_chart_reason": chart_reason,
        "expected_value": ev,
        "expected_value_category": ev_cat,
        "expected_value_reason": ev_reason,
        "statcan": stat,
        "statcan_category": stat_cat,
        "statcan_reason": chart_reason,
        "statcan_score": score,
        "linear_projection": least_squares,
        "linear_reason": (count < 2.0).astype(np.int8),
        "linear_meets": _meets(least_squares, t, sign),
        "cagr_projection": expected,
        "cagr_reason": reason,
        "cagr_meets": _meets(expected, t, sign),
    }


# --------------------------------------------------------------------------------------------
# Checks and timing
# --------------------------------------------------------------------------------------------

# Floats computed in a different order may differ in the last bits; "meets" is compared away
# from the target only.
_FLOATS = {
    "gap",
    "target",
    "progress_chart",
    "expected_value",
    "statcan",
    "statcan_score",
    "linear_projection",
    "cagr_projection",
}


def check_same(d: Data) -> None:
    """The baselines compute what the library computes, on the same data."""
    for got, ref in zip(lib_interpolate(d), np_interpolate(d), strict=True):
        np.testing.assert_allclose(got, ref, rtol=1e-12)
    status = lib_status(d)
    ref_status, ref_category = np_status(d)
    np.testing.assert_array_equal(status.status, ref_status)
    np.testing.assert_array_equal(status.category, ref_category)
    result, ref = lib_assess(d), np_assess(d)
    for name, expected in ref.items():
        got = getattr(result, name)
        if name in _FLOATS:
            np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12, err_msg=name)
        elif name.endswith("_meets"):
            value = result.linear_projection if name == "linear_meets" else result.cagr_projection
            clear = ~(np.abs(value - result.target) <= 1e-6 * np.maximum(1.0, result.target))
            np.testing.assert_array_equal(got[clear], expected[clear], err_msg=name)
        else:
            np.testing.assert_array_equal(got, expected, err_msg=name)


def cpu_time(func: Callable[[Data], object], d: Data) -> float:
    gc.collect()
    start = time.process_time()
    func(d)
    return time.process_time() - start


COMPARISONS = (
    ("full assessment", lib_assess, np_assess, 1.5),
    ("interpolate (linear + compound)", lib_interpolate, np_interpolate, 1.5),
    ("status only", lib_status, np_status, 2.0),
)


def scalar_call_us(stmt: str, number: int = 2000, repeats: int = 25) -> float:
    """Median CPU time of one scalar call, in microseconds."""
    namespace = {
        "assess": assess,
        "assess_status": assess_status,
        "interpolate": interpolate,
        "project": project,
        "resolve_relative": resolve_relative,
    }
    times = timeit.repeat(
        stmt, globals=namespace, number=number, repeat=repeats, timer=time.process_time
    )
    return statistics.median(times) / number * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 series, 7 repeats")
    parser.add_argument("--series", type=int, default=None, help="number of series")
    parser.add_argument("--repeats", type=int, default=None, help="interleaved runs (>= 7)")
    args = parser.parse_args(argv)
    n = args.series or (100_000 if args.quick else 1_000_000)
    repeats = max(7, args.repeats or (7 if args.quick else 9))
    data = make_data(n)
    check_same(data)
    for _, lib, ref, _ in COMPARISONS:  # warm up caches and the allocator
        lib(data)
        ref(data)

    times: dict[str, tuple[list[float], list[float]]] = {c[0]: ([], []) for c in COMPARISONS}
    for _ in range(repeats):
        for name, lib, ref, _ in COMPARISONS:
            times[name][0].append(cpu_time(lib, data))
            times[name][1].append(cpu_time(ref, data))

    missing = float(np.isnan(data["actual"]).mean())
    print(
        f"{n:,} series x {PERIODS} periods, {missing:.1%} of actual values missing; "
        f"CPU time, median of {repeats} interleaved runs"
    )
    print(f"  {'':32} {'library':>10} {'NumPy':>10} {'ratio':>7} {'goal':>6}")
    for name, _, _, goal in COMPARISONS:
        lib_t, ref_t = times[name]
        ratio = statistics.median(a / b for a, b in zip(lib_t, ref_t, strict=True))
        verdict = "met" if ratio <= goal else "NOT MET"
        print(
            f"  {name:32} {statistics.median(lib_t) * 1e3:8.1f}ms "
            f"{statistics.median(ref_t) * 1e3:8.1f}ms {ratio:7.2f} {goal:6.1f}  {verdict}"
        )
    print()
    print("one scalar call, median CPU time (goal <= 20 us):")
    calls = [
        "interpolate(0.58, -50.0, 3)",
        "interpolate(0.86, 0.73, 3, method='compound', ndigits=2)",
        "resolve_relative(48.3, -50.0)",
        (
            "assess([285.0, 268.0, 260.0, 250.0], [283.0, 270.0, 257.0, 250.0], "
            "baseline=296.0, polarity='lower_is_better')"
        ),
        (
            "assess_status([285.0, 268.0, 260.0, 250.0], [283.0, 270.0, 257.0, 250.0], "
            "baseline=296.0, polarity='lower_is_better')"
        ),
        (
            "project([283.0, 275.0], horizon=3, baseline=296.0, target=257.0, "
            "polarity='lower_is_better')"
        ),
    ]
    number = 200 if args.quick else 2000
    for stmt in calls:
        print(f"  {scalar_call_us(stmt, number=number):6.2f} us  {stmt}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Pure-Python kernels of :mod:`ecm_plan.trajectory` for one series (no NumPy, no pint).

Every function here works on plain floats, with ``nan`` for a missing value, and returns plain
floats, ints and tuples.
The NumPy kernels in :mod:`ecm_plan.trajectory._array` compute the same answers for many
series at once; the two are kept in step by property tests.
Results are coded as small ints (the orders below); :mod:`ecm_plan.trajectory` turns codes
into enums.
"""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

NAN = math.nan

EPS = 1e-9
"""Relative slack for "equal" comparisons of values that went through float arithmetic."""

ROUND_TOL = 4 * sys.float_info.epsilon
"""Relative nudge that makes a product such as ``2.675 * 100`` (267.49999999999997) round
half away from zero as its decimal text says (268), like a spreadsheet does."""

EXACT = float(2**52)
"""Scaled magnitudes at or above this are whole numbers already and are left alone."""

# Method codes.
LINEAR, COMPOUND, STEP = 0, 1, 2

# Status codes (RAG); -1 is "no status".
GREEN, AMBER, RED = 0, 1, 2
# Monitoring category codes.
AHEAD, ON_COURSE, SLIPPAGE, NO_PROGRESS, NOT_YET_ASSESSED = 0, 1, 2, 3, 4
# Direction of travel codes; -1 is "no direction".
IMPROVING, NO_CHANGE, WORSENING = 0, 1, 2
# Progress category codes.
TARGET_ACHIEVED = 0
ON_TRACK = 1
ACCELERATION_NEEDED = 2
LIMITED_PROGRESS = 3
STAGNATION_OR_REGRESSION = 4
DETERIORATION = 5
UNABLE_TO_ASSESS = 6
# Reason codes for a measure or projection that cannot be computed.
R_NONE = 0
R_POINTS = 1
R_ZERO_BASE = 2
R_SIGN_CURRENT = 3
R_SIGN_TARGET = 4
R_FLAT_TARGET = 5

REASONS = (
    "",
    "needs a base value and a later actual value",
    "the base value is zero, so growth rates are undefined",
    "the base and latest values differ in sign, so growth rates are undefined",
    "the base value and the target differ in sign, so the required growth rate is undefined",
    "the target equals the base value, so the required growth is zero",
)

# Thresholds of the published progress measures (see the docs of ecm_plan.trajectory).
CHART_ON_TRACK, CHART_FAIR, CHART_LIMITED = 0.95, 0.5, -0.1
EXPECTED_ON_TRACK, EXPECTED_FAIR = 0.95, 0.10
STATCAN_ON_TRACK, STATCAN_MODERATE, STATCAN_LIMITED = 0.95, 0.60, 0.0
STATCAN_FLOOR, STATCAN_CEILING = -0.6, 1.3


def is_missing(x: float) -> bool:
    """Return whether a float stands for a missing value (nan or an infinity)."""
    return not math.isfinite(x)


def round_half_away(x: float, ndigits: int) -> float:
    """Round half away from zero at ``ndigits`` decimals; non-finite values pass through."""
    if not math.isfinite(x):
        return x
    if ndigits >= 0:
        scale = float(10**ndigits)
        s = abs(x) * scale
        if s >= EXACT:
            return x
        r = math.floor((s + 0.5) + s * ROUND_TOL) / scale
    else:
        scale = float(10**-ndigits)
        s = abs(x) / scale
        if s >= EXACT:
            return x
        r = math.floor((s + 0.5) + s * ROUND_TOL) * scale
    return math.copysign(r, x) + 0.0


def power(base: float, exponent: float) -> float:
    """``base ** exponent`` for ``base >= 0`` and ``exponent > 0``, with overflow to ``inf``."""
    try:
        return float(base**exponent)
    except OverflowError:
        return math.inf


def compound_ok(start: float, end: float) -> bool:
    """Return whether a constant-rate path from ``start`` to ``end`` exists."""
    return start == end or (start != 0.0 and end != 0.0 and (start > 0.0) == (end > 0.0))


def path(start: float, end: float, steps: int, method: int, hold: int) -> list[float]:
    """The ``steps`` values after ``start``, the last equal to ``end`` (unrounded).

    The caller has checked that a compound path exists.
    """
    if not (math.isfinite(start) and math.isfinite(end)):
        return [NAN] * steps
    if start == end:
        return [float(end)] * steps
    if method == STEP:
        return [float(start)] * hold + [float(end)] * (steps - hold)
    lo, hi = (start, end) if start < end else (end, start)
    if method == LINEAR:
        d = end - start
        out = [min(max(start + d * (k / steps), lo), hi) for k in range(1, steps)]
    else:
        r = end / start
        out = [min(max(start * power(r, k / steps), lo), hi) for k in range(1, steps)]
    out.append(float(end))
    return out


def custom_problems(
    start: float, end: float, values: Sequence[float], *, monotone: bool
) -> list[str]:
    """Everything that makes ``values`` an inconsistent path from ``start`` to ``end``.

    Problems come in period order, the last value's last.
    """
    if not values:
        return ["the path has no values"]
    if is_missing(end):
        return ["the final target is missing"]
    problems: list[str] = []
    if monotone:
        prev = start
        for i, x in enumerate(values, start=1):
            if is_missing(x):
                continue
            if not is_missing(prev):
                slack = EPS * max(1.0, abs(prev), abs(end))
                lo, hi = (prev, end) if prev <= end else (end, prev)
                if x < lo - slack or x > hi + slack:
                    past_end = prev != end and (x - end) * (prev - end) < 0
                    where = "overshoots" if past_end else "moves away from"
                    problems.append(
                        f"period {i} value {x:g} {where} the final target {end:g} "
                        f"(previous value {prev:g})"
                    )
            prev = x
    last = values[-1]
    if is_missing(last):
        problems.append("the last value is missing; it must equal the final target")
    elif abs(last - end) > EPS * max(1.0, abs(end)):
        problems.append(f"the last value {last:g} does not equal the final target {end:g}")
    return problems


def assess_one(  # noqa: PLR0917 (hot-path kernel, positional for speed)
    actual: Sequence[float],
    planned: Sequence[float],
    baseline: float,
    sign: float,
    tol_rel: float,
    tol_abs: float,
    basis_change: bool,
    band: float,
    percent_change: bool,
) -> tuple[Any, ...]:
    """Assess one series: the raw tuple that ``trajectory.Assessment`` is built from.

    ``actual`` and ``planned`` have the same length, with ``nan`` (never an infinity) for
    missing values; ``baseline`` is ``nan`` when there is none.
    Returns ``(periods, latest, latest_actual, achieved, chart, expected, statcan, linear,
    cagr)`` where each period is ``(actual, planned, status, category, direction, gap)`` with
    ``None`` for missing floats, each measure is ``(value, category, reason[, score])`` and each
    projection ``(value, meets, reason)`` (``meets`` -1/0/1), with ``None`` for ``nan``.
    """
    p = len(planned)
    target = planned[-1]
    has_b = baseline == baseline  # noqa: PLR0124 (nan test)
    if has_b:
        ab = abs(baseline)
        b_eps = EPS * (ab if ab > 1.0 else 1.0)  # noqa: FURB136 (inline max, hot path)
    else:
        b_eps = 0.0
    periods: list[tuple[float | None, float | None, int, int, int, float | None]] = []
    prev = baseline
    latest = latest_actual = first_actual = -1
    # Least-squares sums, accumulated in the order of the NumPy kernel (baseline first).
    n_pts = 1 if has_b else 0
    st = 0.0
    sv = baseline if has_b else 0.0
    for k in range(p):
        a = actual[k]
        pl = planned[k]
        if a != a:  # noqa: PLR0124 (nan test: no actual value)
            periods.append((None, None if pl != pl else pl, -1, NOT_YET_ASSESSED, -1, None))  # noqa: PLR0124 (nan test)
            continue
        n_pts += 1
        st += k + 1
        sv += a
        if prev == prev:  # noqa: PLR0124 (nan test)
            diff = a - prev
            ap = abs(prev)
            if abs(diff) <= band + EPS * (ap if ap > 1.0 else 1.0):  # noqa: FURB136 (inline max, hot path)
                direction = NO_CHANGE
            elif sign * diff > 0.0:
                direction = IMPROVING
            else:
                direction = WORSENING
        else:
            direction = -1
        prev = a
        latest_actual = k
        if first_actual < 0:
            first_actual = k
        if pl != pl:  # noqa: PLR0124 (nan test: no planned value)
            periods.append((a, None, -1, NOT_YET_ASSESSED, direction, None))
            continue
        latest = k
        gap = sign * (a - pl)
        apl = abs(pl)
        eps = EPS * (apl if apl > 1.0 else 1.0)  # noqa: FURB136 (inline max, hot path)
        basis = abs(pl - baseline) if basis_change and has_b else apl
        allowance = tol_rel * basis
        if allowance < tol_abs:  # noqa: PLR1730 (inline max, hot path)
            allowance = tol_abs
        if gap >= -eps:
            status = GREEN
            category = AHEAD if gap > allowance + eps else ON_COURSE
        else:
            status = AMBER if gap >= -(allowance + eps) else RED
            category = SLIPPAGE if not has_b or sign * (a - baseline) > b_eps else NO_PROGRESS
        periods.append((a, pl, status, category, direction, gap))

    # The base point (baseline, else first actual) and the latest actual point.
    at = abs(target)
    t_eps = EPS * (at if at > 1.0 else 1.0)  # noqa: FURB136 (inline max, hot path)
    if latest_actual >= 0:
        t1, v1 = latest_actual + 1, actual[latest_actual]
        achieved = sign * (v1 - target) >= -t_eps
    else:
        t1, v1, achieved = -1, NAN, False
    if has_b:
        t0, v0 = 0, baseline
    elif first_actual >= 0:
        t0, v0 = first_actual + 1, actual[first_actual]
    else:
        t0, v0 = -1, NAN
    elapsed = t1 - t0 if t1 >= 0 and t0 >= 0 else 0
    shift = 100.0 if percent_change else 0.0
    v0c = v0 + shift
    tc = target + shift
    reason, reason_t, observed, required, expected = growth(v0c, v1 + shift, tc, elapsed, p - t0)
    c_value, c_cat, c_reason = chart_of(reason_t, observed, required, achieved)
    e_value, e_cat, e_reason = expected_of(reason, expected, v0c, tc, achieved)
    s_value, s_cat, s_reason, score = statcan_of(reason_t, observed, required, v0c, sign, achieved)
    if n_pts < 2:
        linear, l_reason = NAN, R_POINTS
    else:
        tbar = st / n_pts
        vbar = sv / n_pts
        sxx = sxy = 0.0
        if has_b:
            dt = 0.0 - tbar
            sxx = dt * dt
            sxy = dt * (baseline - vbar)
        for k in range(p):
            a = actual[k]
            if a == a:  # noqa: PLR0124 (nan test)
                dt = (k + 1) - tbar
                sxx += dt * dt
                sxy += dt * (a - vbar)
        linear, l_reason = vbar + (sxy / sxx) * (p - tbar), R_NONE
    cagr = expected - shift
    return (
        tuple(periods),
        latest,
        latest_actual,
        achieved,
        (None if c_value != c_value else c_value, c_cat, c_reason),  # noqa: PLR0124 (nan test)
        (None if e_value != e_value else e_value, e_cat, e_reason),  # noqa: PLR0124 (nan test)
        (
            None if s_value != s_value else s_value,  # noqa: PLR0124 (nan test)
            s_cat,
            s_reason,
            None if score != score else score,  # noqa: PLR0124 (nan test)
        ),
        _projected(linear, target, sign, t_eps, l_reason),
        _projected(cagr, target, sign, t_eps, reason),
    )


def status_one(  # noqa: PLR0917 (hot-path kernel, positional for speed)
    actual: Sequence[float],
    planned: Sequence[float],
    baseline: float,
    sign: float,
    tol_rel: float,
    tol_abs: float,
    basis_change: bool,
) -> tuple[list[int], list[int], int]:
    """``(statuses, categories, latest)`` of one series, by the rules of :func:`assess_one`.

    ``actual`` and ``planned`` have the same length, with ``nan`` for missing values;
    ``latest`` is the index of the latest assessed period (-1 for none).
    """
    has_b = baseline == baseline  # noqa: PLR0124 (nan test)
    if has_b:
        ab = abs(baseline)
        b_eps = EPS * (ab if ab > 1.0 else 1.0)  # noqa: FURB136 (inline max, hot path)
    else:
        b_eps = 0.0
    statuses: list[int] = []
    categories: list[int] = []
    latest = -1
    for k, (a, pl) in enumerate(zip(actual, planned, strict=True)):
        if a != a or pl != pl:  # noqa: PLR0124 (nan test: nothing to compare)
            statuses.append(-1)
            categories.append(NOT_YET_ASSESSED)
            continue
        latest = k
        gap = sign * (a - pl)
        apl = abs(pl)
        eps = EPS * (apl if apl > 1.0 else 1.0)  # noqa: FURB136 (inline max, hot path)
        basis = abs(pl - baseline) if basis_change and has_b else apl
        allowance = tol_rel * basis
        if allowance < tol_abs:  # noqa: PLR1730 (inline max, hot path)
            allowance = tol_abs
        if gap >= -eps:
            statuses.append(GREEN)
            categories.append(AHEAD if gap > allowance + eps else ON_COURSE)
        else:
            statuses.append(AMBER if gap >= -(allowance + eps) else RED)
            better = not has_b or sign * (a - baseline) > b_eps
            categories.append(SLIPPAGE if better else NO_PROGRESS)
    return statuses, categories, latest


def _projected(
    value: float, target: float, sign: float, t_eps: float, reason: int
) -> tuple[float | None, int, int]:
    if value != value:  # noqa: PLR0124 (nan test)
        return None, -1, reason
    return value, 1 if sign * (value - target) >= -t_eps else 0, reason


def meets(value: float, target: float, sign: float) -> bool:
    """Whether ``value`` meets or beats ``target`` (to float noise)."""
    return sign * (value - target) >= -EPS * max(1.0, abs(target))


def base_and_latest(actual: Sequence[float], baseline: float) -> tuple[int, float, int, float]:
    """``(t0, v0, t1, v1)``: the base point and the latest actual point.

    The base is the baseline (period 0) when given, else the first actual value.
    ``t1`` is -1 when there is no actual value.
    """
    t1, v1 = -1, NAN
    for i in range(len(actual) - 1, -1, -1):
        if not is_missing(actual[i]):
            t1, v1 = i + 1, actual[i]
            break
    if not is_missing(baseline):
        return 0, baseline, t1, v1
    for i, x in enumerate(actual):
        if not is_missing(x):
            return i + 1, x, t1, v1
    return -1, NAN, t1, v1


def growth(
    v0: float, v1: float, target: float, elapsed: int, horizon: int
) -> tuple[int, int, float, float, float]:
    """The growth rates every measure needs, computed once.

    Returns ``(reason, reason_t, observed, required, expected)``: the reason code when the
    observed rate is undefined, the same when the required rate (which also needs the target)
    is undefined, the observed rate :math:`(v_1/v_0)^{1/e} - 1`, the required rate
    :math:`(x_T/v_0)^{1/h} - 1` and the expected value :math:`v_0 (v_1/v_0)^{h/e}`.
    Missing values are ``nan`` (never infinite).
    """
    if elapsed <= 0 or v0 != v0 or v1 != v1:  # noqa: PLR0124 (nan test)
        return R_POINTS, R_POINTS, NAN, NAN, NAN
    if v0 == 0.0:
        return R_ZERO_BASE, R_ZERO_BASE, NAN, NAN, NAN
    q = v1 / v0
    if q < 0.0:
        return R_SIGN_CURRENT, R_SIGN_CURRENT, NAN, NAN, NAN
    observed = power(q, 1.0 / elapsed) - 1.0
    expected = v0 * power(q, horizon / elapsed)
    q_target = target / v0
    if q_target < 0.0:
        return R_NONE, R_SIGN_TARGET, observed, NAN, expected
    return R_NONE, R_NONE, observed, power(q_target, 1.0 / horizon) - 1.0, expected


def chart_of(
    reason_t: int, observed: float, required: float, achieved: bool
) -> tuple[float, int, int]:
    """UN SDG Progress Chart ratio from the growth rates: ``(value, category, reason)``."""
    value = NAN
    if reason_t != R_NONE:
        category, reason = UNABLE_TO_ASSESS, reason_t
    elif required == 0.0:
        category, reason = DETERIORATION, R_FLAT_TARGET
    else:
        reason = R_NONE
        value = observed / required
        if value >= CHART_ON_TRACK:
            category = ON_TRACK
        elif value >= CHART_FAIR:
            category = ACCELERATION_NEEDED
        elif value >= CHART_LIMITED:
            category = LIMITED_PROGRESS
        else:
            category = DETERIORATION
    if achieved:
        return value, TARGET_ACHIEVED, R_NONE
    return value, category, reason


def expected_of(
    reason: int, expected: float, v0: float, target: float, achieved: bool
) -> tuple[float, int, int]:
    """UN 2023 expected-value ratio from the expected value: ``(value, category, reason)``."""
    value = NAN
    if reason != R_NONE:
        category = UNABLE_TO_ASSESS
    elif target == v0:
        category, reason = STAGNATION_OR_REGRESSION, R_FLAT_TARGET
    else:
        value = (expected - v0) / (target - v0)
        if value >= EXPECTED_ON_TRACK:
            category = ON_TRACK
        elif value >= EXPECTED_FAIR:
            category = ACCELERATION_NEEDED
        else:
            category = STAGNATION_OR_REGRESSION
    if achieved:
        return value, TARGET_ACHIEVED, R_NONE
    return value, category, reason


def statcan_score(ratio: float) -> float:
    """The Open SDG score (-5..+5) of a progress ratio, piecewise linear."""
    if ratio <= STATCAN_FLOOR:
        return -5.0
    if ratio < STATCAN_MODERATE:
        return 25.0 / 6.0 * ratio - 2.5
    return min(50.0 / 7.0 * ratio - 30.0 / 7.0, 5.0)


def statcan_of(  # noqa: PLR0917 (hot-path kernel, positional for speed)
    reason_t: int, observed: float, required: float, v0: float, sign: float, achieved: bool
) -> tuple[float, int, int, float]:
    """Statistics Canada / Open SDG ratio: ``(value, category, reason, score)``."""
    value = score = NAN
    if reason_t != R_NONE:
        category, reason = UNABLE_TO_ASSESS, reason_t
    elif required == 0.0:
        category, reason, score = DETERIORATION, R_FLAT_TARGET, -5.0
    else:
        reason = R_NONE
        value = math.copysign(1.0, v0) * sign * observed / abs(required)
        score = statcan_score(value)
        if value >= STATCAN_ON_TRACK:
            category = ON_TRACK
        elif value >= STATCAN_MODERATE:
            category = ACCELERATION_NEEDED
        elif value >= STATCAN_LIMITED:
            category = LIMITED_PROGRESS
        else:
            category = DETERIORATION
    if achieved:
        return value, TARGET_ACHIEVED, R_NONE, 5.0
    return value, category, reason, score


def least_squares(actual: Sequence[float], baseline: float, horizon: int) -> tuple[float, int]:
    """``(value, reason)``: the least-squares line through the points, at period ``horizon``.

    The points are the baseline (period 0) when it is not ``nan`` and every actual value that
    is not ``nan`` (period ``i + 1``).
    Sums run left to right (not ``sum()``, which compensates on Python 3.12+), in the order
    the NumPy kernel sums its columns, so both give the same bits.
    """
    has_b = baseline == baseline  # noqa: PLR0124 (nan test)
    have = [i for i, x in enumerate(actual) if x == x]  # noqa: PLR0124 (nan test)
    n = len(have) + (1 if has_b else 0)
    if n < 2:
        return NAN, R_POINTS
    st = 0.0
    sv = baseline if has_b else 0.0
    for i in have:
        st += i + 1
        sv += actual[i]
    tbar = st / n
    vbar = sv / n
    sxx = sxy = 0.0
    if has_b:
        dt = 0.0 - tbar
        sxx = dt * dt
        sxy = dt * (baseline - vbar)
    for i in have:
        dt = (i + 1) - tbar
        sxx += dt * dt
        sxy += dt * (actual[i] - vbar)
    return vbar + (sxy / sxx) * (horizon - tbar), R_NONE

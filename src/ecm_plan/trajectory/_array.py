"""NumPy kernels of :mod:`ecm_plan.trajectory` for many series at once (one row a series).

Each kernel computes, row by row, exactly what the pure-Python kernel of the same name in
:mod:`ecm_plan.trajectory._scalar` computes for one series, with ``nan`` for missing values
and small-int codes for categories.
Floating-point errors are switched off inside the kernels (``np.errstate``) and every result
that would come from a division by zero or a root of a negative number is masked to its
documented answer, so no ``RuntimeWarning`` escapes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ecm_plan.trajectory import _scalar as sk

Floats = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int8]
Bools = npt.NDArray[np.bool_]

# The bands of each measure: (threshold, category code) from the lowest threshold up; below
# the lowest the measure's own bottom category.
_CHART_BANDS = (
    (sk.CHART_LIMITED, sk.LIMITED_PROGRESS),
    (sk.CHART_FAIR, sk.ACCELERATION_NEEDED),
    (sk.CHART_ON_TRACK, sk.ON_TRACK),
)
_EXPECTED_BANDS = (
    (sk.EXPECTED_FAIR, sk.ACCELERATION_NEEDED),
    (sk.EXPECTED_ON_TRACK, sk.ON_TRACK),
)
_STATCAN_BANDS = (
    (sk.STATCAN_LIMITED, sk.LIMITED_PROGRESS),
    (sk.STATCAN_MODERATE, sk.ACCELERATION_NEEDED),
    (sk.STATCAN_ON_TRACK, sk.ON_TRACK),
)


def _banded(x: Floats, bands: tuple[tuple[float, int], ...], below: int) -> Codes:
    """The category code of each ratio: that of the highest threshold it reaches."""
    out = np.full(x.shape, below, dtype=np.int8)
    for threshold, code in bands:
        np.copyto(out, np.int8(code), where=x >= threshold)
    return out


def _signed(x: Floats, sign: Floats | float, out: Floats) -> Floats:
    """``sign * x`` for +1/-1 signs (exact: a change of sign or nothing), in ``out``."""
    if isinstance(sign, np.ndarray):
        return np.multiply(x, sign, out=out)
    if sign == 1.0:
        return x
    return np.negative(x, out=out)


def _i8(mask: Bools) -> Codes:
    """A boolean array viewed as 0/1 int8 (no copy)."""
    return mask.view(np.int8)


def round_half_away(x: Floats, ndigits: int) -> Floats:
    """Round half away from zero at ``ndigits`` decimals, as the scalar kernel does."""
    with np.errstate(all="ignore"):
        if ndigits >= 0:
            scale = float(10**ndigits)
            s = np.abs(x) * scale
            r = np.floor((s + 0.5) + s * sk.ROUND_TOL) / scale
        else:
            scale = float(10**-ndigits)
            s = np.abs(x) / scale
            r = np.floor((s + 0.5) + s * sk.ROUND_TOL) * scale
        out: Floats = np.copysign(r, x) + 0.0
        keep = ~(s < sk.EXACT)  # already whole, or not finite
        if keep.any():
            out[keep] = x[keep]
    return out


def compound_invalid(start: Floats, end: Floats) -> Bools:
    """Rows (with finite ends) for which no constant-rate path exists."""
    with np.errstate(invalid="ignore"):
        bad: Bools = (start != end) & (
            (start == 0.0) | (end == 0.0) | ((start > 0.0) != (end > 0.0))
        )
        return bad & np.isfinite(start) & np.isfinite(end)


def paths(
    start: Floats, end: Floats, steps: int, method: int, hold: int, *, checked: bool = False
) -> Floats:
    """The ``(n, steps)`` paths; rows with a non-finite end or no compound path are ``nan``.

    ``checked`` says that the caller has found no row without a compound path already.
    """
    n = start.shape[0]
    out = np.empty((n, steps), dtype=np.float64)
    with np.errstate(all="ignore"):
        if method == sk.STEP:
            out[:, :hold] = start[:, None]
            out[:, hold:] = end[:, None]
            same = start == end
            if same.any():
                out[same] = end[same, None]
        elif method == sk.LINEAR:
            # One period at a time on contiguous rows of n, into the result; clipped between
            # start and end against float noise, as np.clip would.
            change = end - start
            lo = np.minimum(start, end)
            hi = np.maximum(start, end)
            col = np.empty(n)
            for k in range(1, steps):
                np.multiply(change, k / steps, out=col)
                np.add(col, start, out=col)
                np.maximum(col, lo, out=col)
                np.minimum(col, hi, out=out[:, k - 1])
        elif steps > 1:
            f = np.arange(1, steps, dtype=np.float64) / steps
            ratio = np.where(start == end, 1.0, end / start)
            body = start[:, None] * np.power(ratio[:, None], f)
            np.clip(
                body,
                np.minimum(start, end)[:, None],
                np.maximum(start, end)[:, None],
                out=out[:, :-1],
            )
        out[:, -1] = end
        total = start.sum() + end.sum()
        bad = None if np.isfinite(total) else ~(np.isfinite(start) & np.isfinite(end))
        if method == sk.COMPOUND and not checked:
            invalid = compound_invalid(start, end)
            bad = invalid if bad is None else bad | invalid
        if bad is not None and bad.any():
            out[bad] = np.nan
    return out


def custom_bad_rows(
    start: Floats, end: Floats, values: Floats, *, monotone: bool
) -> npt.NDArray[np.intp]:
    """Indices of the rows that the scalar ``custom_problems`` would reject."""
    with np.errstate(all="ignore"):
        last = values[:, -1]
        bad = ~np.isfinite(end) | ~np.isfinite(last)
        bad |= np.abs(last - end) > sk.EPS * np.maximum(1.0, np.abs(end))
        if monotone:
            prev = start.copy()
            abs_end = np.abs(end)
            for k in range(values.shape[1]):
                x = values[:, k]
                have = np.isfinite(x)
                slack = sk.EPS * np.maximum(np.maximum(1.0, np.abs(prev)), abs_end)
                lo = np.minimum(prev, end)
                hi = np.maximum(prev, end)
                out = (x < lo - slack) | (x > hi + slack)
                bad |= out & have & np.isfinite(prev)
                prev = np.where(have, x, prev)
    result: npt.NDArray[np.intp] = np.flatnonzero(bad)
    return result


def _signed_diff(x: Floats, y: Floats, sign: Floats | float) -> Floats:
    """``sign * (x - y)`` in one new array (rows of ``x`` and ``y`` broadcast)."""
    out: Floats = np.subtract(x, y)
    if isinstance(sign, np.ndarray):
        np.multiply(out, sign[:, None], out=out)
    elif sign != 1.0:
        np.multiply(out, sign, out=out)
    return out


def _status(  # noqa: PLR0917 (hot-path kernel, positional for speed)
    actual: Floats,
    planned: Floats,
    baseline: Floats,
    has_b: Bools,
    sign: Floats | float,
    tol_rel: float,
    tol_abs: float,
    basis_change: bool,
) -> tuple[Floats, Bools, Codes, Codes]:
    """``(gap, invalid, status, category)`` per period, as ``_scalar.assess_one`` has them.

    ``gap`` is left as computed (the caller blanks the invalid periods if it keeps it).
    Each step works in place on as few ``(n, p)`` temporaries as it can: this is the part of
    an assessment whose cost grows with the number of periods.
    """
    gap = _signed_diff(actual, planned, sign)
    invalid: Bools = ~np.isfinite(gap)
    eps: Floats = np.abs(planned)
    if basis_change:
        allowance: Floats = np.abs(planned - baseline[:, None])
        if not has_b.all():
            np.copyto(allowance, eps, where=~has_b[:, None])
        np.multiply(allowance, tol_rel, out=allowance)
    else:
        allowance = np.multiply(eps, tol_rel)
    if tol_abs > 0.0:  # max(0, x) is x for the x >= 0 (or nan) that reach here
        np.maximum(allowance, tol_abs, out=allowance)
    np.maximum(eps, 1.0, out=eps)
    np.multiply(eps, sk.EPS, out=eps)
    np.add(allowance, eps, out=allowance)  # the allowance plus float slack
    short = np.negative(gap)  # gap >= -x is -gap <= x, exactly
    green: Bools = short <= eps
    within: Bools = short <= allowance
    ahead: Bools = gap > allowance
    status: Codes = np.subtract(np.int8(2), _i8(within), dtype=np.int8)
    np.subtract(status, _i8(green), out=status)
    np.copyto(status, np.int8(-1), where=invalid)
    # Short of plan: slippage when better than the baseline (or with no baseline to compare
    # with), no progress otherwise.
    moved = np.subtract(actual, baseline[:, None], out=short)  # short is free again
    if isinstance(sign, np.ndarray):
        np.multiply(moved, sign[:, None], out=moved)
    elif sign != 1.0:
        np.multiply(moved, sign, out=moved)
    b_eps = np.maximum(np.abs(baseline), 1.0)
    np.multiply(b_eps, sk.EPS, out=b_eps)
    slip: Bools = moved > b_eps[:, None]
    if not has_b.all():
        np.logical_or(slip, ~has_b[:, None], out=slip)
    category: Codes = np.subtract(np.int8(sk.NO_PROGRESS), _i8(slip), dtype=np.int8)
    np.copyto(category, np.subtract(np.int8(sk.ON_COURSE), _i8(ahead), dtype=np.int8), where=green)
    np.copyto(category, np.int8(sk.NOT_YET_ASSESSED), where=invalid)
    return gap, invalid, status, category


def status(  # noqa: PLR0917 (hot-path kernel, positional for speed)
    actual: Floats,
    planned: Floats,
    baseline: Floats,
    sign: Floats | float,
    tol_rel: float,
    tol_abs: float,
    basis_change: bool,
) -> tuple[Codes, Codes]:
    """RAG and monitoring-category codes per period, as :func:`assess` gives them."""
    with np.errstate(all="ignore"):
        _, _, st, cat = _status(
            actual, planned, baseline, np.isfinite(baseline), sign, tol_rel, tol_abs, basis_change
        )
    return st, cat


def _last_and_first(have: Bools) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], Bools]:
    p = have.shape[1]
    any_: Bools = np.asarray(have.any(axis=1))
    last: npt.NDArray[np.intp] = (p - 1) - np.argmax(have[:, ::-1], axis=1)
    first: npt.NDArray[np.intp] = np.argmax(have, axis=1)
    return last, first, any_


def assess(  # noqa: PLR0917 (hot-path kernel, positional for speed)
    actual: Floats,
    planned: Floats,
    baseline: Floats,
    sign: Floats | float,
    tol_rel: float,
    tol_abs: float,
    basis_change: bool,
    band: float,
    percent_change: bool,
) -> dict[str, Any]:
    """Assess ``(n, p)`` actuals against ``(n, p)`` planned values; see ``trajectory.assess``.

    ``actual`` is padded to ``p`` columns with ``nan`` by the caller; ``baseline`` has ``nan``
    where a series has none; ``sign`` is +1/-1 per row or one number for all rows.
    """
    n, p = planned.shape
    rows = np.arange(n)
    s_row: Floats | float = sign
    has_b = np.isfinite(baseline)
    with np.errstate(all="ignore"):
        # Per period: status and monitoring category.
        gap, invalid, status, category = _status(
            actual, planned, baseline, has_b, sign, tol_rel, tol_abs, basis_change
        )
        np.copyto(gap, np.nan, where=invalid)
        valid = ~invalid

        # Direction of travel against the latest earlier value (or the baseline); on the way,
        # the latest value and the index of the latest actual and latest assessed period.
        direction = np.empty((n, p), dtype=np.int8)
        have_a = np.isfinite(actual)
        prev = baseline.copy()
        last_a = np.full(n, -1, dtype=np.intp)
        latest = np.full(n, -1, dtype=np.intp)
        # Work buffers reused for every period: fresh temporaries cost more than the sums.
        diff = np.empty(n)
        slack = np.empty(n)
        size = np.empty(n)
        steady = np.empty(n, dtype=np.bool_)
        up = np.empty(n, dtype=np.bool_)
        for k in range(p):
            a = actual[:, k]
            h = have_a[:, k]
            np.subtract(a, prev, out=diff)
            np.abs(prev, out=slack)
            np.maximum(slack, 1.0, out=slack)
            np.multiply(slack, sk.EPS, out=slack)
            if band:
                np.add(slack, band, out=slack)
            np.abs(diff, out=size)
            np.less_equal(size, slack, out=steady)
            np.greater(_signed(diff, sign, out=size), 0.0, out=up)
            d = direction[:, k]
            np.multiply(_i8(up), np.int8(-2), out=d)
            np.add(d, np.int8(sk.WORSENING), out=d)  # worsening, or improving when up
            np.copyto(d, np.int8(sk.NO_CHANGE), where=steady)
            np.isfinite(diff, out=steady)
            np.copyto(d, np.int8(-1), where=~steady)
            np.copyto(prev, a, where=h)
            np.copyto(last_a, k, where=h)
            np.copyto(latest, k, where=valid[:, k])
        any_a = last_a >= 0
        latest_actual = last_a

        # Base and latest points.
        target = planned[:, -1]
        v1 = np.where(any_a, prev, np.nan)  # prev is now the latest actual value
        t1 = np.where(any_a, last_a + 1, -1)
        if has_b.all():
            v0 = baseline
            t0 = np.zeros(n, dtype=np.intp)
        else:
            first_a = np.argmax(have_a, axis=1)
            v0 = np.where(has_b, baseline, np.where(any_a, actual[rows, first_a], np.nan))
            t0 = np.where(has_b, 0, np.where(any_a, first_a + 1, -1))
        elapsed = np.where(any_a & (t0 >= 0), t1 - t0, 0)
        horizon = p - t0
        achieved = any_a & (s_row * (v1 - target) >= -sk.EPS * np.maximum(1.0, np.abs(target)))

        shift = 100.0 if percent_change else 0.0
        v0c = v0 + shift
        v1c = v1 + shift
        tc = target + shift
        q = v1c / v0c
        q_target = tc / v0c
        reason = np.zeros(n, dtype=np.int8)
        np.copyto(reason, np.int8(sk.R_SIGN_CURRENT), where=q < 0.0)
        np.copyto(reason, np.int8(sk.R_ZERO_BASE), where=v0c == 0.0)
        no_points = (elapsed <= 0) | ~np.isfinite(v0c) | ~np.isfinite(v1c)
        np.copyto(reason, np.int8(sk.R_POINTS), where=no_points)
        ok = reason == 0
        reason_t = reason.copy()
        np.copyto(reason_t, np.int8(sk.R_SIGN_TARGET), where=ok & (q_target < 0.0))
        ok_t = reason_t == 0
        elapsed_f = elapsed.astype(np.float64)
        horizon_f = horizon.astype(np.float64)
        observed = np.power(q, 1.0 / elapsed_f) - 1.0
        required = np.power(q_target, 1.0 / horizon_f) - 1.0
        flat = ok_t & (required == 0.0)
        usable = ok_t & ~flat

        # UN SDG Progress Chart ratio.
        chart = np.where(usable, observed / required, np.nan)
        chart_cat = _banded(chart, _CHART_BANDS, sk.DETERIORATION)
        np.copyto(chart_cat, np.int8(sk.UNABLE_TO_ASSESS), where=~ok_t)
        chart_reason = reason_t.copy()
        np.copyto(chart_reason, np.int8(sk.R_FLAT_TARGET), where=flat)

        # Statistics Canada / Open SDG ratio and score.
        stat = np.where(usable, np.copysign(1.0, v0c) * s_row * observed / np.abs(required), np.nan)
        stat_cat = _banded(stat, _STATCAN_BANDS, sk.DETERIORATION)
        np.copyto(stat_cat, np.int8(sk.UNABLE_TO_ASSESS), where=~ok_t)
        stat_reason = chart_reason.copy()
        score = np.where(
            stat <= sk.STATCAN_FLOOR,
            -5.0,
            np.where(
                stat < sk.STATCAN_MODERATE,
                25.0 / 6.0 * stat - 2.5,
                np.minimum(50.0 / 7.0 * stat - 30.0 / 7.0, 5.0),
            ),
        )
        np.copyto(score, np.nan, where=~usable)
        np.copyto(score, -5.0, where=flat)

        # UN 2023 expected value.
        expected = np.where(ok, v0c * np.power(q, horizon_f / elapsed_f), np.nan)
        flat_e = ok & (tc == v0c)
        ev = np.where(ok & ~flat_e, (expected - v0c) / (tc - v0c), np.nan)
        ev_cat = _banded(ev, _EXPECTED_BANDS, sk.STAGNATION_OR_REGRESSION)
        np.copyto(ev_cat, np.int8(sk.UNABLE_TO_ASSESS), where=~ok)
        ev_reason = reason.copy()
        np.copyto(ev_reason, np.int8(sk.R_FLAT_TARGET), where=flat_e)

        if achieved.any():
            for cat, why in (
                (chart_cat, chart_reason),
                (stat_cat, stat_reason),
                (ev_cat, ev_reason),
            ):
                np.copyto(cat, np.int8(sk.TARGET_ACHIEVED), where=achieved)
                np.copyto(why, np.int8(sk.R_NONE), where=achieved)
            np.copyto(score, 5.0, where=achieved)

        # Projections.
        linear, linear_reason = _least_squares(actual, have_a, baseline, has_b, float(p))
        cagr = expected - shift
        cagr_reason = reason
        linear_meets = _meets(linear, target, s_row)
        cagr_meets = _meets(cagr, target, s_row)

    return {
        "gap": gap,
        "status": status,
        "category": category,
        "direction": direction,
        "latest": latest,
        "latest_actual": latest_actual,
        "target": target,
        "target_achieved": achieved,
        "progress_chart": chart,
        "progress_chart_category": chart_cat,
        "progress_chart_reason": chart_reason,
        "expected_value": ev,
        "expected_value_category": ev_cat,
        "expected_value_reason": ev_reason,
        "statcan": stat,
        "statcan_category": stat_cat,
        "statcan_reason": stat_reason,
        "statcan_score": score,
        "linear_projection": linear,
        "linear_reason": linear_reason,
        "linear_meets": linear_meets,
        "cagr_projection": cagr,
        "cagr_reason": cagr_reason,
        "cagr_meets": cagr_meets,
    }


def _meets(value: Floats, target: Floats, sign: Floats | float) -> Codes:
    """1 when ``value`` meets ``target``, 0 when not, -1 when either is missing."""
    met = sign * (value - target) >= -sk.EPS * np.maximum(1.0, np.abs(target))
    out: Codes = _i8(met).copy()
    np.copyto(out, np.int8(-1), where=np.isnan(value) | np.isnan(target))
    return out


def _least_squares(
    actual: Floats, have_a: Bools, baseline: Floats, has_b: Bools, horizon: float
) -> tuple[Floats, Codes]:
    """Row-wise least-squares projection to ``horizon``, summing in the scalar kernel's order.

    Sums skip the missing points (``where=``), as the scalar kernel does.
    """
    p = actual.shape[1]
    count = has_b.astype(np.float64)
    sum_t = np.zeros_like(baseline)
    sum_v = np.where(has_b, baseline, 0.0)
    for k in range(p):
        h = have_a[:, k]
        np.add(count, 1.0, out=count, where=h)
        np.add(sum_t, float(k + 1), out=sum_t, where=h)
        np.add(sum_v, actual[:, k], out=sum_v, where=h)
    tbar = sum_t / count
    vbar = sum_v / count
    dt = 0.0 - tbar
    sxx = np.where(has_b, dt * dt, 0.0)
    sxy = np.where(has_b, dt * (baseline - vbar), 0.0)
    work = np.empty_like(dt)
    for k in range(p):
        h = have_a[:, k]
        np.subtract(float(k + 1), tbar, out=dt)
        np.multiply(dt, dt, out=work)
        np.add(sxx, work, out=sxx, where=h)
        np.subtract(actual[:, k], vbar, out=work)
        np.multiply(dt, work, out=work)
        np.add(sxy, work, out=sxy, where=h)
    few = count < 2.0
    value: Floats = vbar + (sxy / sxx) * (horizon - tbar)
    np.copyto(value, np.nan, where=few)
    reason: Codes = _i8(few).copy()  # R_POINTS == 1
    return value, reason


def project(  # noqa: PLR0917 (hot-path kernel, positional for speed)
    actual: Floats,
    baseline: Floats,
    horizon: int,
    target: Floats,
    sign: Floats | float,
    method: str,
    percent_change: bool,
) -> tuple[Floats, Codes, Codes]:
    """Projection to ``horizon`` by ``method``: ``(value, reason, meets)``."""
    n = actual.shape[0]
    have_a = np.isfinite(actual)
    has_b = np.isfinite(baseline)
    with np.errstate(all="ignore"):
        if method == "least_squares":
            value, reason = _least_squares(actual, have_a, baseline, has_b, float(horizon))
        else:
            rows = np.arange(n)
            last_a, first_a, any_a = _last_and_first(have_a)
            v1 = np.where(any_a, actual[rows, last_a], np.nan)
            t1 = np.where(any_a, last_a + 1, -1)
            v0 = np.where(has_b, baseline, np.where(any_a, actual[rows, first_a], np.nan))
            t0 = np.where(has_b, 0, np.where(any_a, first_a + 1, -1))
            elapsed = np.where(any_a & (t0 >= 0), t1 - t0, 0)
            shift = 100.0 if percent_change else 0.0
            v0c = v0 + shift
            q = (v1 + shift) / v0c
            reason = np.zeros(n, dtype=np.int8)
            reason[q < 0.0] = sk.R_SIGN_CURRENT
            reason[v0c == 0.0] = sk.R_ZERO_BASE
            reason[(elapsed <= 0) | ~np.isfinite(v0c) | ~np.isfinite(v1)] = sk.R_POINTS
            span = (horizon - t0).astype(np.float64)
            value = (
                np.where(reason == 0, v0c * np.power(q, span / elapsed.astype(np.float64)), np.nan)
                - shift
            )
        meets = _meets(value, target, sign)
    return value, reason, meets

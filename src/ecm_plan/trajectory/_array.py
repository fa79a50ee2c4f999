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

_CHART_LUT = np.array(
    [sk.DETERIORATION, sk.LIMITED_PROGRESS, sk.ACCELERATION_NEEDED, sk.ON_TRACK], np.int8
)
_EXPECTED_LUT = np.array(
    [sk.STAGNATION_OR_REGRESSION, sk.ACCELERATION_NEEDED, sk.ON_TRACK], np.int8
)
_STATCAN_LUT = _CHART_LUT


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


def paths(start: Floats, end: Floats, steps: int, method: int, hold: int) -> Floats:
    """The ``(n, steps)`` paths; rows with a non-finite end or no compound path are ``nan``."""
    n = start.shape[0]
    out = np.empty((n, steps), dtype=np.float64)
    with np.errstate(all="ignore"):
        if method == sk.STEP:
            out[:, :hold] = start[:, None]
            out[:, hold:] = end[:, None]
            same = start == end
            if same.any():
                out[same] = end[same, None]
        elif steps > 1:
            f = np.arange(1, steps, dtype=np.float64) / steps
            if method == sk.LINEAR:
                body = start[:, None] + (end - start)[:, None] * f
            else:
                ratio = np.where(start == end, 1.0, end / start)
                body = start[:, None] * np.power(ratio[:, None], f)
            np.clip(
                body,
                np.minimum(start, end)[:, None],
                np.maximum(start, end)[:, None],
                out=out[:, :-1],
            )
        out[:, -1] = end
        bad = ~(np.isfinite(start) & np.isfinite(end))
        if method == sk.COMPOUND:
            bad |= compound_invalid(start, end)
        if bad.any():
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
    s_col: Floats | float = sign[:, None] if isinstance(sign, np.ndarray) else sign
    b_col = baseline[:, None]
    has_b = np.isfinite(baseline)
    with np.errstate(all="ignore"):
        # Per period: status and monitoring category.
        gap = s_col * (actual - planned)
        valid = np.isfinite(gap)
        abs_p = np.abs(planned)
        eps = sk.EPS * np.maximum(1.0, abs_p)
        if basis_change:
            basis = np.abs(planned - b_col)
            basis = np.where(has_b[:, None], basis, abs_p)
        else:
            basis = abs_p
        allowance = np.maximum(tol_abs, tol_rel * basis)
        green = gap >= -eps
        within = gap >= -(allowance + eps)
        status = np.int8(2) - _i8(within) - _i8(green)
        status[~valid] = -1
        ahead = gap > allowance + eps
        improved = s_col * (actual - b_col) > sk.EPS * np.maximum(1.0, np.abs(b_col))
        slip = improved | ~has_b[:, None]
        category = np.where(
            green, np.int8(sk.ON_COURSE) - _i8(ahead), np.int8(sk.NO_PROGRESS) - _i8(slip)
        )
        category[~valid] = sk.NOT_YET_ASSESSED
        gap[~valid] = np.nan

        # Direction of travel against the latest earlier value (or the baseline).
        direction = np.empty((n, p), dtype=np.int8)
        prev = baseline.copy()
        have_a = np.isfinite(actual)
        for k in range(p):
            a = actual[:, k]
            diff = a - prev
            steady = np.abs(diff) <= band + sk.EPS * np.maximum(1.0, np.abs(prev))
            up = s_row * diff > 0.0
            moved = np.int8(sk.WORSENING) - np.int8(2) * _i8(up)
            d = np.where(steady, np.int8(sk.NO_CHANGE), moved)
            d[~np.isfinite(diff)] = -1
            direction[:, k] = d
            prev = np.where(have_a[:, k], a, prev)

        latest, _, any_valid = _last_and_first(valid)
        latest = np.where(any_valid, latest, -1)
        last_a, first_a, any_a = _last_and_first(have_a)
        latest_actual = np.where(any_a, last_a, -1)

        # Base and latest points.
        target = planned[:, -1]
        v1 = np.where(any_a, actual[rows, last_a], np.nan)
        t1 = np.where(any_a, last_a + 1, -1)
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
        reason[q < 0.0] = sk.R_SIGN_CURRENT
        reason[v0c == 0.0] = sk.R_ZERO_BASE
        reason[(elapsed <= 0) | ~np.isfinite(v0c) | ~np.isfinite(v1c)] = sk.R_POINTS
        reason_t = reason.copy()
        reason_t[(reason == 0) & (q_target < 0.0)] = sk.R_SIGN_TARGET
        ok = reason == 0
        ok_t = reason_t == 0
        elapsed_f = elapsed.astype(np.float64)
        horizon_f = horizon.astype(np.float64)
        observed = np.power(q, 1.0 / elapsed_f) - 1.0
        required = np.power(q_target, 1.0 / horizon_f) - 1.0
        flat = ok_t & (required == 0.0)
        usable = ok_t & ~flat

        # UN SDG Progress Chart ratio.
        chart = np.where(usable, observed / required, np.nan)
        idx = (
            _i8(chart >= sk.CHART_ON_TRACK)
            + _i8(chart >= sk.CHART_FAIR)
            + _i8(chart >= sk.CHART_LIMITED)
        )
        chart_cat = _CHART_LUT.take(idx)
        chart_cat[~ok_t] = sk.UNABLE_TO_ASSESS
        chart_reason = reason_t.copy()
        chart_reason[flat] = sk.R_FLAT_TARGET

        # Statistics Canada / Open SDG ratio and score.
        stat = np.where(usable, np.copysign(1.0, v0c) * s_row * observed / np.abs(required), np.nan)
        idx = (
            _i8(stat >= sk.STATCAN_ON_TRACK)
            + _i8(stat >= sk.STATCAN_MODERATE)
            + _i8(stat >= sk.STATCAN_LIMITED)
        )
        stat_cat = _STATCAN_LUT.take(idx)
        stat_cat[~ok_t] = sk.UNABLE_TO_ASSESS
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
        score[~usable] = np.nan
        score[flat] = -5.0

        # UN 2023 expected value.
        expected = np.where(ok, v0c * np.power(q, horizon_f / elapsed_f), np.nan)
        flat_e = ok & (tc == v0c)
        ev = np.where(ok & ~flat_e, (expected - v0c) / (tc - v0c), np.nan)
        idx = _i8(ev >= sk.EXPECTED_ON_TRACK) + _i8(ev >= sk.EXPECTED_FAIR)
        ev_cat = _EXPECTED_LUT.take(idx)
        ev_cat[~ok] = sk.UNABLE_TO_ASSESS
        ev_reason = reason.copy()
        ev_reason[flat_e] = sk.R_FLAT_TARGET

        if achieved.any():
            for cat, why in (
                (chart_cat, chart_reason),
                (stat_cat, stat_reason),
                (ev_cat, ev_reason),
            ):
                cat[achieved] = sk.TARGET_ACHIEVED
                why[achieved] = sk.R_NONE
            score[achieved] = 5.0

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
    out[np.isnan(value) | np.isnan(target)] = -1
    return out


def _least_squares(
    actual: Floats, have_a: Bools, baseline: Floats, has_b: Bools, horizon: float
) -> tuple[Floats, Codes]:
    """Row-wise least-squares projection to ``horizon``, summing in the scalar kernel's order."""
    p = actual.shape[1]
    count = has_b.astype(np.float64)
    sum_t = np.zeros_like(baseline)
    sum_v = np.where(has_b, baseline, 0.0)
    for k in range(p):
        h = have_a[:, k]
        count += h
        sum_t += np.where(h, float(k + 1), 0.0)
        sum_v += np.where(h, actual[:, k], 0.0)
    tbar = sum_t / count
    vbar = sum_v / count
    dt = 0.0 - tbar
    sxx = np.where(has_b, dt * dt, 0.0)
    sxy = np.where(has_b, dt * (baseline - vbar), 0.0)
    for k in range(p):
        h = have_a[:, k]
        dt = float(k + 1) - tbar
        sxx += np.where(h, dt * dt, 0.0)
        sxy += np.where(h, dt * (actual[:, k] - vbar), 0.0)
    few = count < 2.0
    value: Floats = vbar + (sxy / sxx) * (horizon - tbar)
    value[few] = np.nan
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

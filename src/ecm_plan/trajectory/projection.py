"""Projection of the target-period value from the actuals' trend.

:func:`project` fits a least-squares line or continues the constant (compound annual) rate,
and says whether the projection meets the target.

Example:
    >>> from ecm_plan.trajectory import project
    >>> project([283.0, 275.0], horizon=3, baseline=296.0).value
    263.6666666666667

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from typing import Any, Literal, overload

import attrs
import numpy as np
import numpy.typing as npt

from ecm_plan import _args
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.trajectory import _array as ak
from ecm_plan.trajectory import _scalar as sk
from ecm_plan.trajectory._common import (
    Floats,
    PolarityLike,
    _float,
    _opt,
    _polarity,
    _row_vector,
    _signs,
)

__all__ = [
    "Projection",
    "ProjectionArray",
    "ProjectionMethod",
    "project",
]


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


class ProjectionMethod(enum.StrEnum):
    """How :func:`project` extends the actuals' trend to the target period.

    ``least_squares``: the straight line fitted by ordinary least squares through the baseline
    (when given) and every actual value; ``cagr``: the constant rate (compound annual growth
    rate) from the base value to the latest actual value.

    Example:
        >>> ProjectionMethod("cagr")
        <ProjectionMethod.CAGR: 'cagr'>

    .. versionadded:: 0.1.0
    """

    LEAST_SQUARES = "least_squares"
    CAGR = "cagr"


@attrs.frozen
class Projection:
    """A projected target-period value and whether it meets the target.

    Attributes:
        method: How the value was projected.
        value: The projected value, or ``None`` when it cannot be projected.
        target: The target it is compared with, or ``None``.
        meets_target: Whether the projection meets the target (with polarity); ``None``
            without a target or a projection.
        reason: Why there is no projection (empty otherwise).

    Example:
        >>> project([12.0, 14.0], horizon=3, baseline=10.0, target=16.0,
        ...         polarity="higher_is_better")
        Projection(method=<ProjectionMethod.LEAST_SQUARES: 'least_squares'>, value=16.0,
            target=16.0, meets_target=True, reason='')

    .. versionadded:: 0.1.0
    """

    method: ProjectionMethod
    value: float | None
    target: float | None
    meets_target: bool | None
    reason: str = ""


def _projection(
    method: ProjectionMethod, target: float | None, value: float | None, meets: int, reason: int
) -> Projection:
    return Projection(method, value, target, None if meets < 0 else bool(meets), sk.REASONS[reason])


@attrs.frozen(eq=False)
class ProjectionArray:
    """Projections of many series (the result of :func:`project` on 2-D arrays).

    Attributes:
        method: How the values were projected.
        value: The projected values (``nan`` when there is none).
        target: The targets (``nan`` when none was given).
        meets_target: 1 meets the target, 0 does not, -1 unknown.
        reason: Reason codes (0 when there is a projection).

    Example:
        >>> import numpy as np
        >>> pa = project(np.array([[12.0, 14.0], [11.0, 11.0]]), horizon=3, baseline=10.0,
        ...              target=16.0, polarity="higher_is_better")
        >>> pa.value
        array([16.        , 11.66666667])
        >>> pa.row(1).meets_target
        False

    .. versionadded:: 0.1.0
    """

    method: ProjectionMethod
    value: Floats
    target: Floats
    meets_target: npt.NDArray[np.int8]
    reason: npt.NDArray[np.int8]

    def row(self, i: int) -> Projection:
        """The :class:`Projection` of series ``i``, as the scalar call would give it.

        Args:
            i: The row index.

        Returns:
            The projection of that series.
        """
        return _projection(
            self.method,
            _opt(float(self.target[i])),
            _opt(float(self.value[i])),
            int(self.meets_target[i]),
            int(self.reason[i]),
        )


# --------------------------------------------------------------------------------------------
# Projection
# --------------------------------------------------------------------------------------------


def _projection_method(method: ProjectionMethod | str) -> ProjectionMethod:
    try:
        return ProjectionMethod(method)
    except ValueError:
        raise TrajectoryError(
            f"unknown projection method {method!r}; use 'least_squares' or 'cagr'"
        ) from None


@overload
def project(
    actual: Sequence[float | None],
    *,
    horizon: int,
    target: float | None = ...,
    polarity: PolarityLike | None = ...,
    baseline: float | None = ...,
    method: ProjectionMethod | Literal["least_squares", "cagr"] = ...,
    percent_change: bool = ...,
) -> Projection: ...
@overload
def project(
    actual: npt.NDArray[np.floating[Any]],
    *,
    horizon: int,
    target: npt.ArrayLike | None = ...,
    polarity: PolarityLike | npt.ArrayLike | None = ...,
    baseline: npt.ArrayLike | None = ...,
    method: ProjectionMethod | Literal["least_squares", "cagr"] = ...,
    percent_change: bool = ...,
) -> ProjectionArray: ...
def project(
    actual: Any,
    *,
    horizon: int,
    target: Any = None,
    polarity: Any = None,
    baseline: Any = None,
    method: ProjectionMethod | str = "least_squares",
    percent_change: bool = False,
) -> Any:
    r"""Project the value at period ``horizon`` from the actuals' trend.

    ``least_squares`` fits :math:`x = a + b\,t` by ordinary least squares through the
    baseline (period 0, when given) and every actual value (period :math:`i + 1` for
    ``actual[i]``, gaps skipped) and evaluates it at :math:`t = T`.
    ``cagr`` continues the constant rate from the base value (the baseline, else the first
    actual) to the latest actual: :math:`x_0\,(x_t/x_0)^{(T - t_0)/(t - t_0)}`, which is the
    UN 2023 expected value (:func:`.un_expected_value`).
    With a target and a polarity the projection says whether it meets the target.

    A single data point gives no projection (``value=None``, with the reason) rather than a
    flat line; the ``cagr`` method gives none from a zero base or across a change of sign.
    With ``percent_change=True`` (a "% change from baseline" series) the ``cagr`` method works
    on :math:`100 + x`, as the progress measures do.

    Args:
        actual: Actual values for periods 1, 2, ... (``None`` for gaps), or a 2-D array with
            one row a series (``nan`` for gaps).
        horizon: The period to project to (the target period, counting the baseline as 0).
        target: The target to compare with (array for many series).
        polarity: The indicator's polarity, needed with ``target`` (array of +1/-1 allowed).
        baseline: The value at period 0.
        method: ``"least_squares"`` or ``"cagr"``.
        percent_change: The values are % changes from a reference baseline.

    Returns:
        A :class:`Projection`, or a :class:`ProjectionArray` for a 2-D array.

    Raises:
        TrajectoryError: The method, horizon or polarity is invalid, or a target is given
            without a polarity.

    Example:
        >>> project([283.0, 275.0], horizon=3, baseline=296.0, target=257.0,
        ...         polarity="lower_is_better").value
        263.6666666666667
        >>> project([283.0, 275.0], horizon=3, baseline=296.0, target=257.0,
        ...         polarity="lower_is_better", method="cagr").meets_target
        False
        >>> project([5.0], horizon=3)
        Projection(method=<ProjectionMethod.LEAST_SQUARES: 'least_squares'>, value=None,
            target=None, meets_target=None, reason='needs a base value and a later actual value')

    .. versionadded:: 0.1.0
    """
    _args.require_numbers(actual, "actual", optional=False)
    _args.require_numbers(target, "target")
    _args.require_numbers(baseline, "baseline")
    _args.require_int(horizon, "horizon", 1, error=TrajectoryError)
    _args.require_type(method, "method", str, "a projection method name (a str)")
    _args.require_type(percent_change, "percent_change", bool, "True or False")
    if _args.is_scalar(actual):  # one actual value reads naturally as a series of one
        actual = [actual]
    m = _projection_method(method)
    n_periods = int(np.shape(actual)[-1]) if isinstance(actual, np.ndarray) else len(actual)
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < max(n_periods, 1):
        raise TrajectoryError(
            f"horizon must be a whole number >= 1 and >= the periods of actual values "
            f"({n_periods}), not {horizon!r}"
        )
    if target is not None and polarity is None:
        raise TrajectoryError("a target needs the indicator's polarity to say whether it is met")
    if isinstance(actual, np.ndarray):
        return _project_arrays(actual, horizon, target, polarity, baseline, m, percent_change)
    values = [_float(x) for x in actual]
    b = _float(baseline)
    t = None if target is None else float(target)
    sign = float(_polarity(polarity).sign) if polarity is not None else 1.0
    if m is ProjectionMethod.LEAST_SQUARES:
        value, reason = sk.least_squares(values, b, horizon)
    else:
        shift = 100.0 if percent_change else 0.0
        t0, v0, t1, v1 = sk.base_and_latest(values, b)
        elapsed = t1 - t0 if t1 >= 0 and t0 >= 0 else 0
        reason, _, _, _, value = sk.growth(v0 + shift, v1 + shift, 0.0, elapsed, horizon - t0)
        value -= shift
    meets = -1 if t is None or math.isnan(value) else int(sk.meets(value, t, sign))
    return _projection(m, t, _opt(value), meets, reason)


def _project_arrays(  # noqa: PLR0917 (private helper with one caller)
    actual: npt.NDArray[Any],
    horizon: int,
    target: Any,  # noqa: ANN401 (number or array)
    polarity: Any,  # noqa: ANN401 (polarity or array of polarities)
    baseline: Any,  # noqa: ANN401 (number or array)
    method: ProjectionMethod,
    percent_change: bool,
) -> ProjectionArray:
    acts = np.asarray(actual, dtype=np.float64)
    if acts.ndim == 1:
        acts = acts[None, :]
    if acts.ndim != 2:
        raise TrajectoryError(
            f"actual must be a 2-D array (one row a series), not shape {acts.shape}"
        )
    n = acts.shape[0]
    if acts.shape[1] == 0:  # no actual values yet: one blank period
        acts = np.full((n, 1), np.nan)
    signs = _signs(polarity, n)
    b = _row_vector(baseline, n, "baseline")
    t = _row_vector(target, n, "target")
    value, reason, meets = ak.project(acts, b, horizon, t, signs, method.value, percent_change)
    return ProjectionArray(method, value, t, meets, reason)

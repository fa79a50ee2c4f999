"""The published progress measures: how far the latest value has come towards the target.

:func:`un_progress_chart` (the UN SDG progress chart), :func:`un_expected_value` (the UN 2023
expected-value method) and :func:`statcan_progress` (Statistics Canada / Open SDG) each give a
:class:`ProgressMeasure` with a :class:`ProgressCategory`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import math

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.trajectory import _scalar as sk
from ecm_plan.trajectory._common import (
    PolarityLike,
    _float,
    _opt,
    _polarity,
)

__all__ = [
    "MeasureKind",
    "ProgressCategory",
    "ProgressMeasure",
    "statcan_progress",
    "un_expected_value",
    "un_progress_chart",
]


# --------------------------------------------------------------------------------------------
# Categories and results
# --------------------------------------------------------------------------------------------


class ProgressCategory(enum.StrEnum):
    """The categories of the published progress measures.

    Each measure uses some of them:
    :func:`un_progress_chart` uses ``on_track`` / ``acceleration_needed`` ("fair progress but
    acceleration needed") / ``limited_progress`` ("limited or no progress") /
    ``deterioration``;
    :func:`un_expected_value` uses ``on_track`` / ``acceleration_needed`` /
    ``stagnation_or_regression``;
    :func:`statcan_progress` uses ``on_track`` / ``acceleration_needed`` ("progress made but
    acceleration needed") / ``limited_progress`` / ``deterioration``.
    All three use ``target_achieved`` when the latest value meets the final target, whatever
    the trend, and ``unable_to_assess`` when the data cannot support the measure (the
    :attr:`ProgressMeasure.reason` says why).

    Example:
        >>> ProgressCategory.TARGET_ACHIEVED == "target_achieved"
        True

    .. versionadded:: 0.1.0
    """

    TARGET_ACHIEVED = "target_achieved"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    STAGNATION_OR_REGRESSION = "stagnation_or_regression"
    DETERIORATION = "deterioration"
    UNABLE_TO_ASSESS = "unable_to_assess"


class MeasureKind(enum.StrEnum):
    """Which published progress measure a :class:`ProgressMeasure` is.

    Example:
        >>> MeasureKind.STATCAN.value
        'statcan'

    .. versionadded:: 0.1.0
    """

    UN_PROGRESS_CHART = "un_progress_chart"
    UN_EXPECTED_VALUE = "un_expected_value"
    STATCAN = "statcan"


_PROGRESS = tuple(ProgressCategory)


@attrs.frozen
class ProgressMeasure:
    """The value and category of one published progress measure.

    Attributes:
        kind: Which measure.
        value: The ratio the measure computes, or ``None`` when it is undefined.
        category: The measure's category.
        score: The Open SDG score from -5 to +5 (:func:`statcan_progress` only).
        reason: Why the value is undefined or the category is what it is when that is not
            read from the value (empty otherwise).

    Example:
        >>> un_progress_chart(0.86, 0.81, 0.73, elapsed=1, horizon=3, polarity="lower_is_better")
        ProgressMeasure(kind=<MeasureKind.UN_PROGRESS_CHART: 'un_progress_chart'>, value=1.09...,
            category=<ProgressCategory.ON_TRACK: 'on_track'>, score=None, reason='')

    .. versionadded:: 0.1.0
    """

    kind: MeasureKind
    value: float | None
    category: ProgressCategory
    score: float | None = None
    reason: str = ""


def _measure(
    kind: MeasureKind,
    value: float | None,
    category: int,
    reason: int,
    score: float | None = None,
) -> ProgressMeasure:
    return ProgressMeasure(kind, value, _PROGRESS[category], score, sk.REASONS[reason])


# --------------------------------------------------------------------------------------------
# Progress measures
# --------------------------------------------------------------------------------------------


def _growth_inputs(  # noqa: PLR0917 (private helper with three callers)
    baseline: float,
    current: float,
    target: float,
    elapsed: int,
    horizon: int,
    polarity: PolarityLike,
    percent_change: bool,
) -> tuple[tuple[int, int, float, float, float], float, float, float, bool]:
    """The growth rates of one series, its base and target (shifted), sign and achieved flag."""
    for name, value in (("baseline", baseline), ("current", current), ("target", target)):
        if value is not None:
            _args.require_real(value, name)
    _args.require_type(percent_change, "percent_change", bool, "True or False")
    sign = float(_polarity(polarity).sign)
    if isinstance(elapsed, bool) or not isinstance(elapsed, int) or elapsed < 0:
        raise TrajectoryError(f"elapsed must be a whole number >= 0, not {elapsed!r}")
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < max(elapsed, 1):
        raise TrajectoryError(f"horizon must be a whole number >= max(elapsed, 1), not {horizon!r}")
    b, c, t = _float(baseline), _float(current), _float(target)
    if math.isnan(t):
        raise TrajectoryError("the target must be a finite number")
    achieved = not math.isnan(c) and sk.meets(c, t, sign)
    shift = 100.0 if percent_change else 0.0
    rates = sk.growth(b + shift, c + shift, t + shift, elapsed, horizon)
    return rates, b + shift, t + shift, sign, achieved


def un_progress_chart(
    baseline: float,
    current: float,
    target: float,
    *,
    elapsed: int,
    horizon: int,
    polarity: PolarityLike,
    percent_change: bool = False,
) -> ProgressMeasure:
    r"""The UN SDG Progress Chart current-status ratio of one series.

    The ratio of the observed compound annual growth rate to the rate required to reach the
    target on time (UN Statistics Division, *Sustainable Development Goals Progress Chart 2022:
    Technical Note*, https://unstats.un.org/sdgs/report/2022/Progress_Chart_Technical_Note_2022.pdf):

    .. math::

        CAGR_a = (x_t / x_0)^{1/t} - 1, \quad
        CAGR_r = (x_T / x_0)^{1/T} - 1, \quad
        CR = CAGR_a / CAGR_r

    ==================================== ===========================================
    condition                            category
    ==================================== ===========================================
    latest value meets the target        ``target_achieved``
    :math:`CR \ge 0.95`                  ``on_track`` (substantial progress)
    :math:`0.5 \le CR < 0.95`            ``acceleration_needed`` (fair progress)
    :math:`-0.1 \le CR < 0.5`            ``limited_progress`` (limited or no progress)
    :math:`CR < -0.1`                    ``deterioration``
    ==================================== ===========================================

    Edge cases, each with a defined answer and no substitution: fewer than two points
    (``elapsed == 0`` or a missing value), a zero baseline, or a baseline of a different sign
    from the current value or the target give ``unable_to_assess`` with the reason; a target
    equal to the baseline that is not met gives ``deterioration`` (the required rate is zero,
    so any shortfall is movement away), with no value.
    A zero target gives the required rate :math:`-100\%` exactly.
    For a "% change from baseline" series pass ``percent_change=True``: the rates are then
    computed on :math:`100 + x`, the index of the underlying rate, which is exact whatever the
    (unknown) reference value.

    Args:
        baseline: The value at the base period.
        current: The latest actual value.
        target: The final target.
        elapsed: Periods from the base to the latest value (:math:`t`).
        horizon: Periods from the base to the target (:math:`T`).
        polarity: The indicator's polarity (decides only ``target_achieved``; the ratio
            itself is direction-free).
        percent_change: The values are % changes from a reference baseline.

    Returns:
        The measure, with ``value`` the ratio :math:`CR`.

    Raises:
        TrajectoryError: ``elapsed`` or ``horizon`` is not a valid period count, or the target
            is not a finite number.

    Example:
        Wigan NI 19 (re-offending), 0.86 in 2008-09, target 0.73 in 2011-12, at 0.81 after a
        year:

        >>> m = un_progress_chart(0.86, 0.81, 0.73, elapsed=1, horizon=3,
        ...                       polarity="lower_is_better")
        >>> round(m.value, 3), m.category
        (1.094, <ProgressCategory.ON_TRACK: 'on_track'>)

    .. versionadded:: 0.1.0
    """
    rates, _, _, _, achieved = _growth_inputs(
        baseline, current, target, elapsed, horizon, polarity, percent_change
    )
    value, category, reason = sk.chart_of(rates[1], rates[2], rates[3], achieved)
    return _measure(MeasureKind.UN_PROGRESS_CHART, _opt(value), category, reason)


def un_expected_value(
    baseline: float,
    current: float,
    target: float,
    *,
    elapsed: int,
    horizon: int,
    polarity: PolarityLike,
    percent_change: bool = False,
) -> ProgressMeasure:
    r"""The UN 2023 expected-value measure of one series.

    The value expected in the target year if the observed compound annual growth rate
    continues, as a share of the change the target requires (UN Statistics Division,
    *Sustainable Development Goals Progress Chart 2023: Technical Note*,
    https://unstats.un.org/sdgs/files/report/2023/Progress_Chart_Technical_Note_2023.pdf;
    the three-band reading follows its implementation by Eustat, the Basque statistics
    office, https://github.com/EUSTAT-DES/site):

    .. math::

        CAGR_a = (x_t / x_0)^{1/t} - 1, \quad
        x^e_T = x_t\,(1 + CAGR_a)^{T - t}, \quad
        R = (x^e_T - x_0) / (x_T - x_0)

    ==================================== ===========================================
    condition                            category
    ==================================== ===========================================
    latest value meets the target        ``target_achieved``
    :math:`R \ge 0.95`                   ``on_track`` (target met or almost met)
    :math:`0.10 \le R < 0.95`            ``acceleration_needed`` (fair progress)
    :math:`R < 0.10`                     ``stagnation_or_regression``
    ==================================== ===========================================

    Edge cases: fewer than two points, a zero baseline, or a current value of a different sign
    from the baseline give ``unable_to_assess``; a target equal to the baseline that is not met
    gives ``stagnation_or_regression`` with no value.
    ``percent_change`` works as in :func:`un_progress_chart`.

    Args:
        baseline: The value at the base period.
        current: The latest actual value.
        target: The final target.
        elapsed: Periods from the base to the latest value (:math:`t`).
        horizon: Periods from the base to the target (:math:`T`).
        polarity: The indicator's polarity (decides ``target_achieved``).
        percent_change: The values are % changes from a reference baseline.

    Returns:
        The measure, with ``value`` the ratio :math:`R`.

    Raises:
        TrajectoryError: ``elapsed`` or ``horizon`` is not a valid period count, or the target
            is not a finite number.

    Example:
        Southend's children looked after: 296 (implied 2007-08 figure), target 257 in 2010-11,
        283 after one year:

        >>> m = un_expected_value(296, 283, 257, elapsed=1, horizon=3, polarity="lower_is_better")
        >>> round(m.value, 3), m.category
        (0.957, <ProgressCategory.ON_TRACK: 'on_track'>)

    .. versionadded:: 0.1.0
    """
    rates, b, t, _, achieved = _growth_inputs(
        baseline, current, target, elapsed, horizon, polarity, percent_change
    )
    value, category, reason = sk.expected_of(rates[0], rates[4], b, t, achieved)
    return _measure(MeasureKind.UN_EXPECTED_VALUE, _opt(value), category, reason)


def statcan_progress(
    baseline: float,
    current: float,
    target: float,
    *,
    elapsed: int,
    horizon: int,
    polarity: PolarityLike,
    percent_change: bool = False,
) -> ProgressMeasure:
    r"""The Statistics Canada / Open SDG progress measure of one series, with its score.

    The observed growth rate over the magnitude of the required one, signed by the desired
    direction :math:`d` (+1 higher is better, -1 lower) and by the sign of the base value
    (Statistics Canada's method as adopted by Open SDG,
    https://open-sdg.readthedocs.io/en/latest/progress-methodology/, implemented, with the
    differences below, in ``open-sdg/sdg-build``, ``sdg/ProgressMeasure.py``):

    .. math::

        R = \operatorname{sign}(x_0)\; d\; CAGR_a / |CAGR_r|

    ==================================== ===========================================
    condition                            category
    ==================================== ===========================================
    latest value meets the target        ``target_achieved`` (score 5)
    :math:`R \ge 0.95`                   ``on_track``
    :math:`0.60 \le R < 0.95`            ``acceleration_needed`` (progress made but
                                         acceleration needed)
    :math:`0 \le R < 0.60`               ``limited_progress``
    :math:`R < 0`                        ``deterioration``
    ==================================== ===========================================

    The score maps :math:`R` linearly onto -5..+5 so that the category boundaries fall at
    -2.5, 0 and 2.5: :math:`-5` for :math:`R \le -0.6`,
    :math:`\frac{25}{6}R - 2.5` for :math:`-0.6 < R < 0.6`, and
    :math:`\min(\frac{50}{7}R - \frac{30}{7}, 5)` above (the class-based revision of
    sdg-build writes the slopes as 4.1667 and 7.1429).

    Where this differs from sdg-build's code:
    its function-based ``sdg/ProgressMeasure.py`` replaces a zero *target* by 0.001 (not a
    zero base value), computes the ratio as :math:`CAGR_a / CAGR_r` with neither the direction
    nor the sign of the base (the direction decides only ``target_achieved``), and gives a
    category but no score;
    its later class-based revision replaces a zero base value by 0.001 as well, signs the
    ratio as above and computes the score.
    This function deliberately keeps the direction sign :math:`d` (and the sign of the base)
    that the Open SDG methodology page uses, so that a fall in a lower-is-better indicator
    counts as progress, and replaces no zero by 0.001.
    A zero base value, a current value or target of a different sign from the base, or fewer
    than two points give ``unable_to_assess`` (no score); a target equal to the base value
    that is not met gives ``deterioration`` with score -5 and no value (the limit of
    :math:`R` as the required rate goes to zero); a zero target gives the required rate
    :math:`-100\%` exactly.
    ``percent_change`` works as in :func:`un_progress_chart`.

    Args:
        baseline: The value at the base period.
        current: The latest actual value.
        target: The final target.
        elapsed: Periods from the base to the latest value.
        horizon: Periods from the base to the target.
        polarity: The indicator's polarity (:math:`d`).
        percent_change: The values are % changes from a reference baseline.

    Returns:
        The measure, with ``value`` the ratio :math:`R` and ``score`` its score.

    Raises:
        TrajectoryError: ``elapsed`` or ``horizon`` is not a valid period count, or the target
            is not a finite number.

    Example:
        Wigan NI 80 (Level 3 at 19): 40.1% in 2008-09, target 45% in 2011-12, 41% after a year:

        >>> m = statcan_progress(40.1, 41.0, 45.0, elapsed=1, horizon=3,
        ...                      polarity="higher_is_better")
        >>> round(m.value, 3), m.category, round(m.score, 2)
        (0.573, <ProgressCategory.LIMITED_PROGRESS: 'limited_progress'>, -0.11)

    .. versionadded:: 0.1.0
    """
    rates, b, _, sign, achieved = _growth_inputs(
        baseline, current, target, elapsed, horizon, polarity, percent_change
    )
    value, category, reason, score = sk.statcan_of(rates[1], rates[2], rates[3], b, sign, achieved)
    return _measure(MeasureKind.STATCAN, _opt(value), category, reason, _opt(score))

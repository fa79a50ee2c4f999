"""Assessment of actual values against a trajectory.

:func:`assess` reports per period a RAG :class:`.Status` (with a :class:`.Tolerance`), an
ECM-era :class:`.MonitoringCategory` and a :class:`Direction` of travel, and overall the three
published progress measures and two projections, as an :class:`Assessment` (one series) or an
:class:`AssessmentArray` (many).
The RAG status alone, and the :class:`.Tolerance` rule, are in :mod:`~ecm_plan.trajectory.status`.

Example:
    >>> from ecm_plan.trajectory import assess
    >>> assess([-10.0], [-16.0, -33.0, -50.0], baseline=0.58,
    ...        polarity="lower_is_better").status
    <Status.RED: 'red'>

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
import math
from collections.abc import Sequence
from typing import Any, overload

import attrs
import numpy as np
import numpy.typing as npt

from ecm_plan import _args
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import _array as ak
from ecm_plan.trajectory import _scalar as sk
from ecm_plan.trajectory._common import (
    Floats,
    PolarityLike,
    Quantity,
    _float,
    _float_list,
    _opt,
)
from ecm_plan.trajectory.interim import Trajectory
from ecm_plan.trajectory.measures import (
    MeasureKind,
    ProgressMeasure,
    _measure,
)
from ecm_plan.trajectory.polarity import _resolve_polarity
from ecm_plan.trajectory.projection import Projection, ProjectionMethod, _projection
from ecm_plan.trajectory.status import (
    _CATEGORIES,
    _DEFAULT_TOLERANCE,
    _PLAIN_NUMBERS,
    _PLAIN_SEQUENCES,
    _STATUSES,
    _array_inputs,
    _array_signs,
    _check_plan,
    _magnitudes,
    _tolerance,
)
from ecm_plan.trajectory.status import MonitoringCategory as MonitoringCategory  # noqa: PLC0414 (re-export)
from ecm_plan.trajectory.status import Status as Status  # noqa: PLC0414 (re-export)
from ecm_plan.trajectory.status import StatusArray as StatusArray  # noqa: PLC0414 (re-export)
from ecm_plan.trajectory.status import StatusAssessment as StatusAssessment  # noqa: PLC0414 (re-export)
from ecm_plan.trajectory.status import Tolerance as Tolerance  # noqa: PLC0414 (re-export)
from ecm_plan.trajectory.status import ToleranceBasis as ToleranceBasis  # noqa: PLC0414 (re-export)
from ecm_plan.trajectory.status import assess_status as assess_status  # noqa: PLC0414 (re-export)

__all__ = [
    "Assessment",
    "AssessmentArray",
    "Direction",
    "PeriodAssessment",
    "assess",
]


# --------------------------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------------------------


class Direction(enum.StrEnum):
    """Direction of travel against the previous period, with the indicator's polarity.

    Example:
        >>> Direction.WORSENING == "worsening"
        True

    .. versionadded:: 0.1.0
    """

    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    WORSENING = "worsening"


_DIRECTIONS = tuple(Direction)


# --------------------------------------------------------------------------------------------
# Result classes
# --------------------------------------------------------------------------------------------


@attrs.frozen
class PeriodAssessment:
    """How one period's actual value compares with its planned value.

    Attributes:
        period: The period number (1 for the first period after the baseline).
        actual: The actual value, or ``None`` when there is none yet.
        planned: The planned (trajectory) value, or ``None`` when the plan sets none.
        status: The RAG status, or ``None`` when the period cannot be assessed.
        category: The monitoring category.
        direction: Direction of travel against the latest earlier actual value (or the
            baseline), or ``None`` when there is nothing to compare.
        gap: ``actual - planned`` signed by polarity, so that a positive gap is better than
            planned; ``None`` when the period cannot be assessed.

    Example:
        >>> assess([12.0], [14.0], baseline=10.0, polarity="higher_is_better").periods[0]
        PeriodAssessment(period=1, actual=12.0, planned=14.0, status=<Status.RED: 'red'>,
            category=<MonitoringCategory.SLIPPAGE: 'slippage'>,
            direction=<Direction.IMPROVING: 'improving'>, gap=-2.0)

    .. versionadded:: 0.1.0
    """

    period: int
    actual: float | None
    planned: float | None
    status: Status | None
    category: MonitoringCategory
    direction: Direction | None
    gap: float | None


@attrs.frozen
class Assessment:
    """Progress of one series against its trajectory (the result of :func:`assess`).

    The headline :attr:`status` and :attr:`category` are those of the latest period that has
    both an actual and a planned value; :attr:`direction` is that of the latest period with an
    actual value.
    Everything is computed by :func:`assess`; the per-period, measure and projection objects
    are built from the stored figures when first read, which keeps a scalar call cheap.
    Two assessments are equal when their figures are.

    Attributes:
        polarity: The polarity used.
        status: The latest RAG status, or ``None`` when no period can be assessed yet.
        category: The latest monitoring category.
        direction: The latest direction of travel, or ``None``.
        target: The final target (the last planned value).
        target_achieved: Whether the latest actual value already meets the final target.
        periods: One :class:`PeriodAssessment` per planned period (built when first read).
        progress_chart: The UN SDG Progress Chart ratio (:func:`.un_progress_chart`).
        expected_value: The UN 2023 expected-value ratio (:func:`.un_expected_value`).
        statcan: The Statistics Canada / Open SDG ratio and score (:func:`.statcan_progress`).
        linear_projection: The least-squares projection of the final-period value
            (:func:`.project`).
        cagr_projection: The constant-rate projection of the final-period value
            (:func:`.project`).

    Example:
        >>> a = assess([11.0, 13.5], [12.0, 14.0, 16.0], baseline=10.0,
        ...            polarity="higher_is_better")
        >>> a.status, a.category
        (<Status.AMBER: 'amber'>, <MonitoringCategory.SLIPPAGE: 'slippage'>)
        >>> [(m.kind.value, m.category.value, round(m.value, 3)) for m in a.measures]
        [('un_progress_chart', 'on_track', 0.955),
         ('un_expected_value', 'acceleration_needed', 0.948),
         ('statcan', 'on_track', 0.955)]

    .. versionadded:: 0.1.0
    """

    polarity: Polarity
    status: Status | None
    category: MonitoringCategory
    direction: Direction | None
    target: float
    target_achieved: bool
    _data: tuple[Any, ...] = attrs.field(repr=False, alias="data")

    @functools.cached_property
    def periods(self) -> tuple[PeriodAssessment, ...]:
        """One :class:`PeriodAssessment` per planned period."""
        return tuple(
            PeriodAssessment(
                k + 1,
                a,
                p,
                _STATUSES[st] if st >= 0 else None,
                _CATEGORIES[cat],
                _DIRECTIONS[d] if d >= 0 else None,
                gap,
            )
            for k, (a, p, st, cat, d, gap) in enumerate(self._data[0])
        )

    @functools.cached_property
    def progress_chart(self) -> ProgressMeasure:
        """The UN SDG Progress Chart ratio (:func:`.un_progress_chart`)."""
        return _measure(MeasureKind.UN_PROGRESS_CHART, *self._data[4])

    @functools.cached_property
    def expected_value(self) -> ProgressMeasure:
        """The UN 2023 expected-value ratio (:func:`.un_expected_value`)."""
        return _measure(MeasureKind.UN_EXPECTED_VALUE, *self._data[5])

    @functools.cached_property
    def statcan(self) -> ProgressMeasure:
        """The Statistics Canada / Open SDG ratio and score (:func:`.statcan_progress`)."""
        return _measure(MeasureKind.STATCAN, *self._data[6])

    @functools.cached_property
    def linear_projection(self) -> Projection:
        """Least-squares projection of the final-period value (:func:`.project`)."""
        return _projection(ProjectionMethod.LEAST_SQUARES, self.target, *self._data[7])

    @functools.cached_property
    def cagr_projection(self) -> Projection:
        """Constant-rate projection of the final-period value (:func:`.project`)."""
        return _projection(ProjectionMethod.CAGR, self.target, *self._data[8])

    @property
    def measures(self) -> tuple[ProgressMeasure, ProgressMeasure, ProgressMeasure]:
        """The three progress measures, in the order chart, expected value, Statistics Canada."""
        return (self.progress_chart, self.expected_value, self.statcan)


def _assessment(polarity: Polarity, target: float, raw: tuple[Any, ...]) -> Assessment:
    """Build an :class:`Assessment` from the raw tuple of ``_scalar.assess_one``."""
    periods, latest, latest_actual, achieved = raw[0], raw[1], raw[2], raw[3]
    if latest >= 0:
        head = periods[latest]
        status: Status | None = _STATUSES[head[2]]
        category = _CATEGORIES[head[3]]
    else:
        status, category = None, MonitoringCategory.NOT_YET_ASSESSED
    d = periods[latest_actual][4] if latest_actual >= 0 else -1
    return Assessment(
        polarity,
        status,
        category,
        _DIRECTIONS[d] if d >= 0 else None,
        target,
        achieved,
        data=raw,
    )


@attrs.frozen(eq=False)
class AssessmentArray:
    """Progress of many series at once (the result of :func:`assess` on 2-D arrays).

    Every field is a NumPy array with one row per series; categories are small-int codes
    (the position of the member in its enum, ``-1`` for none), so that a million series cost
    a few bytes each.
    :meth:`row` turns one row into the :class:`Assessment` that the scalar call would give,
    and the ``*_labels`` methods turn codes into strings.

    Attributes:
        polarity_sign: +1 (higher is better) or -1 per series.
        actual: The actual values, ``(n, p)``, padded with ``nan``.
        planned: The planned values, ``(n, p)``.
        gap: Polarity-signed ``actual - planned`` per period (``nan`` when not assessed).
        status: RAG codes per period: 0 green, 1 amber, 2 red, -1 none.
        category: :class:`.MonitoringCategory` codes per period.
        direction: :class:`Direction` codes per period, -1 for none.
        latest: Index (0-based) of the latest assessed period per series, -1 for none.
        latest_actual: Index of the latest actual value per series, -1 for none.
        target: The final target per series.
        target_achieved: Whether the latest actual value meets the final target.
        progress_chart: UN Progress Chart ratio (``nan`` when undefined).
        progress_chart_category: Its :class:`.ProgressCategory` codes.
        progress_chart_reason: Its reason codes.
        expected_value: UN 2023 expected-value ratio.
        expected_value_category: Its category codes.
        expected_value_reason: Its reason codes.
        statcan: Statistics Canada / Open SDG ratio.
        statcan_category: Its category codes.
        statcan_reason: Its reason codes.
        statcan_score: Its score, -5 to +5.
        linear_projection: Least-squares projection of the final-period value.
        linear_reason: Its reason codes.
        linear_meets: 1 meets the target, 0 does not, -1 no projection.
        cagr_projection: Constant-rate projection of the final-period value.
        cagr_reason: Its reason codes.
        cagr_meets: 1 meets the target, 0 does not, -1 no projection.

    Example:
        >>> import numpy as np
        >>> arr = assess(np.array([[11.0, 13.5], [12.0, 15.0]]), np.array([12.0, 14.0, 16.0]),
        ...              baseline=10.0, polarity="higher_is_better")
        >>> arr.status_labels()
        array(['amber', 'green'], dtype='<U5')
        >>> arr.row(1).category
        <MonitoringCategory.AHEAD: 'ahead'>

    .. versionadded:: 0.1.0
    """

    polarity_sign: Floats
    actual: Floats
    planned: Floats
    gap: Floats
    status: npt.NDArray[np.int8]
    category: npt.NDArray[np.int8]
    direction: npt.NDArray[np.int8]
    latest: npt.NDArray[np.intp]
    latest_actual: npt.NDArray[np.intp]
    target: Floats
    target_achieved: npt.NDArray[np.bool_]
    progress_chart: Floats
    progress_chart_category: npt.NDArray[np.int8]
    progress_chart_reason: npt.NDArray[np.int8]
    expected_value: Floats
    expected_value_category: npt.NDArray[np.int8]
    expected_value_reason: npt.NDArray[np.int8]
    statcan: Floats
    statcan_category: npt.NDArray[np.int8]
    statcan_reason: npt.NDArray[np.int8]
    statcan_score: Floats
    linear_projection: Floats
    linear_reason: npt.NDArray[np.int8]
    linear_meets: npt.NDArray[np.int8]
    cagr_projection: Floats
    cagr_reason: npt.NDArray[np.int8]
    cagr_meets: npt.NDArray[np.int8]

    def __len__(self) -> int:
        """The number of series."""
        return int(self.planned.shape[0])

    def latest_status(self) -> npt.NDArray[np.int8]:
        """The headline RAG code of each series (that of its latest assessed period).

        Returns:
            The codes, one per series (0 green, 1 amber, 2 red, -1 none).
        """
        rows = np.arange(len(self))
        out: npt.NDArray[np.int8] = np.where(
            self.latest >= 0, self.status[rows, np.maximum(self.latest, 0)], np.int8(-1)
        ).astype(np.int8)
        return out

    def status_labels(self) -> npt.NDArray[np.str_]:
        """The headline RAG status of each series as text (``""`` when none).

        Returns:
            An array of ``"green"``, ``"amber"``, ``"red"`` or ``""``.
        """
        labels = np.array(["green", "amber", "red", ""])
        out: npt.NDArray[np.str_] = labels[self.latest_status()]  # -1 picks ""
        return out

    def row(self, i: int) -> Assessment:
        """The :class:`Assessment` of series ``i``, as the scalar call would give it.

        Args:
            i: The row index.

        Returns:
            The assessment of that series.
        """
        sign = float(self.polarity_sign[i])
        actual = self.actual[i].tolist()
        planned = self.planned[i].tolist()
        gaps = self.gap[i].tolist()
        status = self.status[i].tolist()
        category = self.category[i].tolist()
        direction = self.direction[i].tolist()
        periods = tuple(
            (_opt(actual[k]), _opt(planned[k]), status[k], category[k], direction[k], _opt(gaps[k]))
            for k in range(len(planned))
        )

        def f(x: np.floating[Any]) -> float | None:
            return _opt(float(x))

        raw = (
            periods,
            int(self.latest[i]),
            int(self.latest_actual[i]),
            bool(self.target_achieved[i]),
            (
                f(self.progress_chart[i]),
                int(self.progress_chart_category[i]),
                int(self.progress_chart_reason[i]),
            ),
            (
                f(self.expected_value[i]),
                int(self.expected_value_category[i]),
                int(self.expected_value_reason[i]),
            ),
            (
                f(self.statcan[i]),
                int(self.statcan_category[i]),
                int(self.statcan_reason[i]),
                f(self.statcan_score[i]),
            ),
            (f(self.linear_projection[i]), int(self.linear_meets[i]), int(self.linear_reason[i])),
            (f(self.cagr_projection[i]), int(self.cagr_meets[i]), int(self.cagr_reason[i])),
        )
        polarity = Polarity.HIGHER_IS_BETTER if sign > 0 else Polarity.LOWER_IS_BETTER
        return _assessment(polarity, float(self.target[i]), raw)


# --------------------------------------------------------------------------------------------
# Assessment
# --------------------------------------------------------------------------------------------


@overload
def assess(
    actual: Sequence[float | None],
    planned: Sequence[float | None] | Trajectory,
    *,
    polarity: PolarityLike | None = ...,
    indicator: str | None = ...,
    baseline: float | None = ...,
    tolerance: Tolerance | float | None = ...,
    no_change: float = ...,
    percent_change: bool = ...,
) -> Assessment: ...
@overload
def assess(
    actual: npt.NDArray[np.floating[Any]],
    planned: npt.ArrayLike | Trajectory,
    *,
    polarity: PolarityLike | npt.ArrayLike | None = ...,
    indicator: str | None = ...,
    baseline: npt.ArrayLike | None = ...,
    tolerance: Tolerance | float | None = ...,
    no_change: float = ...,
    percent_change: bool = ...,
) -> AssessmentArray: ...
@overload
def assess(
    actual: Quantity[Any],
    planned: Quantity[Any] | Trajectory,
    *,
    polarity: PolarityLike | npt.ArrayLike | None = ...,
    indicator: str | None = ...,
    baseline: float | Quantity[Any] | None = ...,
    tolerance: Tolerance | float | None = ...,
    no_change: float = ...,
    percent_change: bool = ...,
) -> Assessment | AssessmentArray: ...
def assess(
    actual: Any,
    planned: Any,
    *,
    polarity: Any = None,
    indicator: str | None = None,
    baseline: Any = None,
    tolerance: Tolerance | float | None = None,
    no_change: float = 0.0,
    percent_change: bool = False,
) -> Any:
    """Assess actual values against a trajectory, period by period and overall.

    For each planned period (actual and planned value, with the polarity):

    - **status** (RAG): green when the actual meets or beats the planned value, amber when it
      falls short by no more than the :class:`.Tolerance` allowance (default 5% of the planned
      value), red otherwise;
    - **category**: ahead / on course / slippage / no progress / not yet assessed, by the
      rules in :class:`.MonitoringCategory`;
    - **direction** of travel against the latest earlier actual value (the baseline for the
      first): improving, no change (within ``no_change``) or worsening, with the polarity.

    Overall: the latest status and category, whether the final target is already achieved,
    the three published progress measures from the base value (the baseline, else the first
    actual value) to the latest actual value (:func:`.un_progress_chart`,
    :func:`.un_expected_value`, :func:`.statcan_progress`) and the least-squares and constant-rate
    projections of the final-period value (:func:`.project`).

    Defined answers at the edges, never a division error or a warning: a period with no actual
    (``None``/``nan``, or beyond the actuals given) is *not yet assessed*; a single data point
    is assessed for status but gives ``unable_to_assess`` measures and no projections; a zero,
    negative or sign-changing base is handled as each measure documents; a target already met
    gives ``target_achieved`` in every measure.
    A "% change from baseline" series (NI 112's -29.6 / -36.4 / -43.2) can be assessed as it
    is: statuses and directions compare the changes directly, and with
    ``percent_change=True`` the growth-rate measures use the index :math:`100 + x`, which needs
    no knowledge of the reference rate.

    Args:
        actual: Actual values for periods 1, 2, ... (``None`` for gaps; fewer than the planned
            periods is fine); or a 2-D array, one row a series (``nan`` for gaps); or a
            quantity.
        planned: The trajectory for periods 1..p (the last value the final target, which must
            be given); a :class:`.Trajectory` (its baseline and unit are used); an array
            ``(n, p)`` or ``(p,)`` (shared by all series); or a quantity.
        polarity: The indicator's polarity (for arrays, one for all series or one per series
            as +1/-1); when ``None``, looked up by ``indicator`` in the catalogue.
        indicator: An indicator code to look the polarity up (:func:`.polarity_for`).
        baseline: The value at period 0 (a number, or one per series); recommended: without it
            the first actual value is the base and "no progress" cannot be told from slippage.
        tolerance: A :class:`.Tolerance`, or a number for ``Tolerance(relative=number)``.
        no_change: Largest change (in the indicator's unit) that counts as "no change".
        percent_change: The values are % changes from a reference baseline.

    Returns:
        An :class:`Assessment` for one series; an :class:`AssessmentArray` for arrays.

    Raises:
        TrajectoryError: The plan has no periods or no final target, there are more actual
            values than planned periods, shapes do not match, or no polarity is given.
        UnitError: Actual and planned values are quantities of units that cannot be combined.

    Example:
        Southend's children looked after, planned 283 / 270 / 257 from 296, actually 285 after
        a year and 268 after two:

        >>> a = assess([285, 268], [283, 270, 257], baseline=296, polarity="lower_is_better")
        >>> [(p.status.value, p.category.value) for p in a.periods[:2]]
        [('amber', 'slippage'), ('green', 'on_course')]
        >>> a.direction, a.expected_value.category
        (<Direction.IMPROVING: 'improving'>, <ProgressCategory.ON_TRACK: 'on_track'>)
        >>> a.linear_projection.value, a.linear_projection.meets_target
        (255.0, True)

    .. versionadded:: 0.1.0
    """
    _args.require_numbers(actual, "actual", optional=False)
    if not isinstance(planned, Trajectory):
        _args.require_numbers(planned, "planned", optional=False)
    _args.require_numbers(baseline, "baseline")
    if tolerance is not None and not isinstance(tolerance, Tolerance):
        _args.require_real(tolerance, "tolerance")
    _args.require_real(no_change, "no_change")
    _args.require_type(percent_change, "percent_change", bool, "True or False")
    # One actual and one planned value read naturally as a series of one each.
    if _args.is_scalar(actual) and actual is not None:
        actual = [actual]
    if not isinstance(planned, Trajectory) and _args.is_scalar(planned):
        planned = [planned]
    tol = _DEFAULT_TOLERANCE if tolerance is None else _tolerance(tolerance)
    if not (no_change >= 0.0 and math.isfinite(no_change)):
        raise TrajectoryError(f"no_change must be a finite number >= 0, not {no_change!r}")
    if (
        type(actual) in _PLAIN_SEQUENCES
        and type(planned) in _PLAIN_SEQUENCES
        and (baseline is None or type(baseline) in _PLAIN_NUMBERS)
    ):
        # Fast path: one series of plain numbers, no units.
        return _assess_one(
            _float_list(actual),
            _float_list(planned),
            _float(baseline),
            _resolve_polarity(polarity, indicator),
            tol,
            no_change,
            percent_change,
        )
    many, actual, planned, baseline = _magnitudes(actual, planned, baseline)
    if many:
        signs = _array_signs(polarity, indicator, actual)
        return _assess_arrays(actual, planned, signs, baseline, tol, no_change, percent_change)
    pol = _resolve_polarity(polarity, indicator)
    return _assess_one(
        _float_list(actual),
        _float_list(planned),
        _float(baseline),
        pol,
        tol,
        no_change,
        percent_change,
    )


def _assess_one(  # noqa: PLR0917 (private helper with one caller)
    actual: list[float],
    planned: list[float],
    baseline: float,
    polarity: Polarity,
    tol: Tolerance,
    band: float,
    percent_change: bool,
) -> Assessment:
    p = len(planned)
    _check_plan(len(actual), p)
    target = planned[-1]
    if target != target:  # noqa: PLR0124 (nan test)
        raise TrajectoryError("the final planned value (the target) is missing")
    if len(actual) < p:
        actual = actual + [sk.NAN] * (p - len(actual))
    raw = sk.assess_one(
        actual,
        planned,
        baseline,
        float(polarity.sign),
        tol.relative,
        tol.absolute,
        tol.basis is ToleranceBasis.CHANGE,
        band,
        percent_change,
    )
    return _assessment(polarity, target, raw)


def _assess_arrays(  # noqa: PLR0917 (private helper with one caller)
    actual: Any,  # noqa: ANN401 (array-like)
    planned: Any,  # noqa: ANN401 (array-like)
    signs: Floats | float,
    baseline: Any,  # noqa: ANN401 (number or array)
    tol: Tolerance,
    band: float,
    percent_change: bool,
) -> AssessmentArray:
    acts, plan, b = _array_inputs(actual, planned, baseline)
    out = ak.assess(
        acts,
        plan,
        b,
        signs,
        tol.relative,
        tol.absolute,
        tol.basis is ToleranceBasis.CHANGE,
        band,
        percent_change,
    )
    n = plan.shape[0]
    sign_arr = signs if isinstance(signs, np.ndarray) else np.full(n, signs)
    return AssessmentArray(polarity_sign=sign_arr, actual=acts, planned=plan, **out)

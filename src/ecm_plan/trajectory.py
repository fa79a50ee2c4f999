"""Trajectories: interim targets between a baseline and a final target, and progress against them.

The module answers two questions a children's services plan asks of each indicator.

*What should the figure be each year?*
:func:`interpolate` gives the interim targets between a baseline and a final target by
``linear`` steps, ``compound`` steps (a constant rate) or a ``step`` (hold, then jump);
:func:`custom_path` checks a published series for consistency; :func:`resolve_relative` and
:func:`relative_change` convert between relative targets ("reduce the 1998 baseline by 50%")
and absolute values; :func:`matching_methods` says which method reproduces a published series.

*Are we on track?*
:func:`assess` compares actual values with the trajectory, with the indicator's polarity, and
reports per period a RAG :class:`Status`, an ECM-era :class:`MonitoringCategory` and a
:class:`Direction` of travel, plus three published progress measures
(:func:`un_progress_chart`, :func:`un_expected_value`, :func:`statcan_progress`) and two
projections of the target-year value (:func:`project`).

Every function takes plain floats (a fast path in pure Python) or NumPy arrays of many series,
one row a series (vectorised, with the same answers), and pint quantities of
:mod:`ecm_plan.units` at the edges: units are checked and converted once per call, never per
value.
Missing values are ``None`` in lists and ``nan`` in arrays.

Periods are counted from the baseline: the baseline is period 0, the first interim target and
the first actual value are period 1, and the final target is period ``len(planned)``.
All growth rates are per period (per year for annual plans).

Example:
    Wigan's under-18 conception target (NI 112) runs from +0.58% (2008-09 actual) to -50% in
    three steps; rounded to whole percent, linear steps give the published -16 / -33 / -50:

    >>> from ecm_plan.trajectory import assess, interpolate
    >>> interpolate(0.58, -50, 3, ndigits=0)
    [-16.0, -33.0, -50.0]
    >>> result = assess([-10.0], [-16.0, -33.0, -50.0], baseline=0.58,
    ...                 polarity="lower_is_better")
    >>> result.status, result.category, result.direction
    (<Status.RED: 'red'>, <MonitoringCategory.SLIPPAGE: 'slippage'>,
     <Direction.IMPROVING: 'improving'>)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
import importlib
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs
import numpy as np
import numpy.typing as npt
import pint

from ecm_plan import _trajectory_array as ak
from ecm_plan import _trajectory_scalar as sk
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Polarity
from ecm_plan.units import Q_, conversion_factor

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "Assessment",
    "AssessmentArray",
    "Direction",
    "MeasureKind",
    "Method",
    "MonitoringCategory",
    "PeriodAssessment",
    "ProgressCategory",
    "ProgressMeasure",
    "Projection",
    "ProjectionArray",
    "ProjectionMethod",
    "Status",
    "Tolerance",
    "ToleranceBasis",
    "Trajectory",
    "assess",
    "custom_path",
    "interpolate",
    "matching_methods",
    "polarity_for",
    "project",
    "relative_change",
    "resolve_relative",
    "round_half_away",
    "statcan_progress",
    "un_expected_value",
    "un_progress_chart",
]

Floats = npt.NDArray[np.float64]
Quantity = pint.Quantity
PolarityLike = Polarity | str
"""A :class:`~ecm_plan.model.Polarity` or its value (``"higher_is_better"``, ...)."""
MethodLike = str
"""A :class:`Method` or its value: ``"linear"``, ``"compound"`` or ``"step"``."""


# --------------------------------------------------------------------------------------------
# Enumerations
# --------------------------------------------------------------------------------------------


class Method(enum.StrEnum):
    """How the interim targets between a baseline and a final target are set.

    ``linear``: equal absolute steps; ``compound``: equal proportional steps (a constant rate
    of change); ``step``: hold the baseline, then jump to the target; ``custom``: values given
    by the plan and checked for consistency (:func:`custom_path`).

    Example:
        >>> Method("compound") is Method.COMPOUND
        True

    .. versionadded:: 0.1.0
    """

    LINEAR = "linear"
    COMPOUND = "compound"
    STEP = "step"
    CUSTOM = "custom"


class Status(enum.StrEnum):
    """A RAG status: green (met or better), amber (within tolerance), red (otherwise).

    Example:
        >>> Status.GREEN == "green"
        True

    .. versionadded:: 0.1.0
    """

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class MonitoringCategory(enum.StrEnum):
    """The categories in which ECM-era plans reported progress against a target.

    ==================== ==========================================================================
    category             rule (per period)
    ==================== ==========================================================================
    ``ahead``            better than planned by more than the tolerance
    ``on_course``        met the planned value, or better by at most the tolerance (green)
    ``slippage``         short of the planned value (amber or red) but better than the baseline,
                         or short with no baseline to compare with
    ``no_progress``      short of the planned value and no better than the baseline
    ``not_yet_assessed`` no actual value (or no planned value) for the period yet
    ==================== ==========================================================================

    Example:
        >>> MonitoringCategory.NOT_YET_ASSESSED
        <MonitoringCategory.NOT_YET_ASSESSED: 'not_yet_assessed'>

    .. versionadded:: 0.1.0
    """

    AHEAD = "ahead"
    ON_COURSE = "on_course"
    SLIPPAGE = "slippage"
    NO_PROGRESS = "no_progress"
    NOT_YET_ASSESSED = "not_yet_assessed"


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


class ToleranceBasis(enum.StrEnum):
    """What the relative part of a :class:`Tolerance` is a share of.

    ``target``: the planned value for the period; ``change``: the planned change from the
    baseline to the period (falls back to the planned value when there is no baseline).

    Example:
        >>> ToleranceBasis("change")
        <ToleranceBasis.CHANGE: 'change'>

    .. versionadded:: 0.1.0
    """

    TARGET = "target"
    CHANGE = "change"


_METHOD_CODES = {Method.LINEAR: sk.LINEAR, Method.COMPOUND: sk.COMPOUND, Method.STEP: sk.STEP}
_STATUSES = (Status.GREEN, Status.AMBER, Status.RED)
_CATEGORIES = tuple(MonitoringCategory)
_DIRECTIONS = tuple(Direction)
_PROGRESS = tuple(ProgressCategory)


# --------------------------------------------------------------------------------------------
# Result classes
# --------------------------------------------------------------------------------------------


def _non_negative(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not (value >= 0.0 and math.isfinite(value)):
        raise TrajectoryError(f"{attribute.name} must be a finite number >= 0, not {value!r}")


def _basis(basis: ToleranceBasis | str) -> ToleranceBasis:
    try:
        return ToleranceBasis(basis)
    except ValueError:
        raise TrajectoryError(
            f"unknown tolerance basis {basis!r}; use 'target' or 'change'"
        ) from None


@attrs.frozen
class Tolerance:
    """The rule that separates amber from red.

    A period is **green** when the actual value meets or beats the planned value, **amber**
    when it falls short by no more than the allowance, and **red** otherwise, where
    ``allowance = max(absolute, relative * |basis|)`` and the basis is the planned value
    (``basis="target"``) or the planned change from the baseline (``basis="change"``).
    The default, amber within 5% of the planned value, is a common local convention, not a
    national rule: ECM-era councils set their own tolerances, so set yours.

    Attributes:
        relative: The share of the basis allowed short of the plan (``0.05`` is 5%).
        absolute: An allowance in the indicator's own unit (``0.5`` percentage points, say).
        basis: What ``relative`` is a share of.

    Example:
        >>> Tolerance().allowance(planned=80.0)
        4.0
        >>> Tolerance(relative=0.1, basis="change").allowance(planned=80.0, baseline=70.0)
        1.0
        >>> Tolerance(relative=-1)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: relative must be a finite number >= 0, not -1

    .. versionadded:: 0.1.0
    """

    relative: float = attrs.field(default=0.05, validator=_non_negative)
    absolute: float = attrs.field(default=0.0, validator=_non_negative)
    basis: ToleranceBasis = attrs.field(default=ToleranceBasis.TARGET, converter=_basis)

    def allowance(self, planned: float, baseline: float | None = None) -> float:
        """The shortfall allowed before a period turns red.

        Args:
            planned: The planned value for the period.
            baseline: The baseline, used when ``basis`` is ``"change"``.

        Returns:
            ``max(absolute, relative * |basis|)``.
        """
        if self.basis is ToleranceBasis.CHANGE and baseline is not None:
            return max(self.absolute, self.relative * abs(planned - baseline))
        return max(self.absolute, self.relative * abs(planned))


_DEFAULT_TOLERANCE = Tolerance()


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
        progress_chart: The UN SDG Progress Chart ratio (:func:`un_progress_chart`).
        expected_value: The UN 2023 expected-value ratio (:func:`un_expected_value`).
        statcan: The Statistics Canada / Open SDG ratio and score (:func:`statcan_progress`).
        linear_projection: The least-squares projection of the final-period value
            (:func:`project`).
        cagr_projection: The constant-rate projection of the final-period value
            (:func:`project`).

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
        """The UN SDG Progress Chart ratio (:func:`un_progress_chart`)."""
        return _measure(MeasureKind.UN_PROGRESS_CHART, *self._data[4])

    @functools.cached_property
    def expected_value(self) -> ProgressMeasure:
        """The UN 2023 expected-value ratio (:func:`un_expected_value`)."""
        return _measure(MeasureKind.UN_EXPECTED_VALUE, *self._data[5])

    @functools.cached_property
    def statcan(self) -> ProgressMeasure:
        """The Statistics Canada / Open SDG ratio and score (:func:`statcan_progress`)."""
        return _measure(MeasureKind.STATCAN, *self._data[6])

    @functools.cached_property
    def linear_projection(self) -> Projection:
        """Least-squares projection of the final-period value (:func:`project`)."""
        return _projection(ProjectionMethod.LEAST_SQUARES, self.target, *self._data[7])

    @functools.cached_property
    def cagr_projection(self) -> Projection:
        """Constant-rate projection of the final-period value (:func:`project`)."""
        return _projection(ProjectionMethod.CAGR, self.target, *self._data[8])

    @property
    def measures(self) -> tuple[ProgressMeasure, ProgressMeasure, ProgressMeasure]:
        """The three progress measures, in the order chart, expected value, Statistics Canada."""
        return (self.progress_chart, self.expected_value, self.statcan)


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else x


def _measure(
    kind: MeasureKind,
    value: float | None,
    category: int,
    reason: int,
    score: float | None = None,
) -> ProgressMeasure:
    return ProgressMeasure(kind, value, _PROGRESS[category], score, sk.REASONS[reason])


def _projection(
    method: ProjectionMethod, target: float | None, value: float | None, meets: int, reason: int
) -> Projection:
    return Projection(method, value, target, None if meets < 0 else bool(meets), sk.REASONS[reason])


def _assessment(polarity: Polarity, target: float, raw: tuple[Any, ...]) -> Assessment:
    """Build an :class:`Assessment` from the raw tuple of ``_trajectory_scalar.assess_one``."""
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
        category: :class:`MonitoringCategory` codes per period.
        direction: :class:`Direction` codes per period, -1 for none.
        latest: Index (0-based) of the latest assessed period per series, -1 for none.
        latest_actual: Index of the latest actual value per series, -1 for none.
        target: The final target per series.
        target_achieved: Whether the latest actual value meets the final target.
        progress_chart: UN Progress Chart ratio (``nan`` when undefined).
        progress_chart_category: Its :class:`ProgressCategory` codes.
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
# Input helpers
# --------------------------------------------------------------------------------------------

_factor: Callable[[str, str], float] = functools.lru_cache(maxsize=256)(conversion_factor)


def _strip(value: Any, unit: str | None) -> tuple[Any, str | None]:  # noqa: ANN401 - any number
    """The magnitude of ``value`` in ``unit`` (its own unit when ``unit`` is None).

    Plain numbers are taken to be in ``unit`` already.
    """
    if not isinstance(value, pint.Quantity):
        return value, unit
    own = str(value.units)
    magnitude = value.magnitude
    if unit is None or own == unit:
        return magnitude, own
    factor = _factor(own, unit)
    if isinstance(magnitude, np.ndarray):
        return magnitude * factor, unit
    return float(magnitude) * factor, unit


_POLARITIES: dict[str, Polarity] = {p.value: p for p in Polarity}


def _polarity(polarity: PolarityLike) -> Polarity:
    try:
        return _POLARITIES[polarity]
    except (KeyError, TypeError):
        raise TrajectoryError(
            f"unknown polarity {polarity!r}; use 'higher_is_better' or 'lower_is_better'"
        ) from None


def _method(method: Method | str) -> Method:
    try:
        m = Method(method)
    except ValueError:
        m = Method.CUSTOM
        if method != "custom":
            raise TrajectoryError(
                f"unknown method {method!r}; use 'linear', 'compound' or 'step'"
            ) from None
    if m is Method.CUSTOM:
        raise TrajectoryError("a custom path has given values: use custom_path(start, end, values)")
    return m


def _check_steps(steps: int, ndigits: int | None) -> None:
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise TrajectoryError(f"steps must be a whole number >= 1, not {steps!r}")
    if ndigits is not None and (isinstance(ndigits, bool) or not isinstance(ndigits, int)):
        raise TrajectoryError(f"ndigits must be a whole number or None, not {ndigits!r}")


def _hold(method: Method, hold: int | None, steps: int) -> int:
    if hold is None:
        return steps - 1
    if method is not Method.STEP:
        raise TrajectoryError("hold applies to the step method only")
    if isinstance(hold, bool) or not isinstance(hold, int) or not 0 <= hold < steps:
        raise TrajectoryError(f"hold must be a whole number from 0 to steps - 1, not {hold!r}")
    return hold


def _float(x: float | None) -> float:
    """A float, with ``None`` and non-finite values read as ``nan`` (missing)."""
    if x is None:
        return sk.NAN
    v = float(x)
    return v if v - v == 0.0 else sk.NAN


def _float_list(values: Iterable[float | None]) -> list[float]:
    """Floats, with ``None`` and non-finite values read as ``nan`` (missing)."""
    try:
        out = [*map(float, values)]  # type: ignore[arg-type]  # None raises TypeError
    except TypeError:
        out = [sk.NAN if x is None else float(x) for x in values]
    total = sum(out)
    if total - total != 0.0:  # some value is nan or infinite (or the sum overflowed)
        out = [v if v - v == 0.0 else sk.NAN for v in out]
    return out


def _floats(values: Any) -> Floats:  # noqa: ANN401 - array-like
    """A float64 array, with ``None`` read as ``nan``."""
    try:
        return np.asarray(values, dtype=np.float64)
    except TypeError:
        return np.array(
            [
                [_float(x) for x in row] if isinstance(row, Sequence) else _float(row)
                for row in values
            ],
            dtype=np.float64,
        )


# --------------------------------------------------------------------------------------------
# Rounding and interim targets
# --------------------------------------------------------------------------------------------


@overload
def round_half_away(x: float, ndigits: int = 0) -> float: ...
@overload
def round_half_away(x: npt.ArrayLike, ndigits: int = 0) -> Floats: ...
def round_half_away(x: Any, ndigits: int = 0) -> Any:
    """Round half away from zero, as a spreadsheet's ROUND does (Python's round() does not).

    Python's ``round()`` rounds halves to even ("banker's rounding": ``round(16.5) == 16``)
    and works on the binary value (``round(2.675, 2) == 2.67``).
    Plans were drawn up in spreadsheets, which round halves away from zero and read the value
    as its decimal text: ``ROUND(16.5, 0) = 17``, ``ROUND(2.675, 2) = 2.68``, ``ROUND(-0.5, 0)
    = -1``.
    This function does the same: the scaled magnitude is nudged by four units in the last
    place before the floor, which absorbs the binary representation error of decimal text
    and nothing larger.
    ``nan`` and infinities pass through; ``-0.0`` becomes ``0.0``.

    Args:
        x: A number or an array of numbers.
        ndigits: Decimal places; negative rounds to tens, hundreds, and so on.

    Returns:
        A float for a number, an array for an array.

    Example:
        >>> round_half_away(16.5), round(16.5)
        (17.0, 16)
        >>> round_half_away(2.675, 2), round_half_away(-0.125, 2), round_half_away(1234.5, -1)
        (2.68, -0.13, 1230.0)

    .. versionadded:: 0.1.0
    """
    if isinstance(x, (float, int)) and not isinstance(x, bool):
        return sk.round_half_away(float(x), ndigits)
    return ak.round_half_away(np.asarray(x, dtype=np.float64), ndigits)


@overload
def interpolate(
    start: float,
    end: float,
    steps: int,
    *,
    method: MethodLike = ...,
    ndigits: int | None = ...,
    hold: int | None = ...,
    on_invalid: Literal["raise", "nan"] = ...,
) -> list[float]: ...
@overload
def interpolate(
    start: Quantity[Any],
    end: Quantity[Any],
    steps: int,
    *,
    method: MethodLike = ...,
    ndigits: int | None = ...,
    hold: int | None = ...,
    on_invalid: Literal["raise", "nan"] = ...,
) -> Quantity[Any]: ...
@overload
def interpolate(
    start: npt.ArrayLike,
    end: npt.ArrayLike,
    steps: int,
    *,
    method: MethodLike = ...,
    ndigits: int | None = ...,
    hold: int | None = ...,
    on_invalid: Literal["raise", "nan"] = ...,
) -> Floats: ...
def interpolate(
    start: Any,
    end: Any,
    steps: int,
    *,
    method: MethodLike = "linear",
    ndigits: int | None = None,
    hold: int | None = None,
    on_invalid: Literal["raise", "nan"] = "raise",
) -> Any:
    r"""The interim targets: the ``steps`` values after ``start``, the last equal to ``end``.

    For the value at step :math:`k` of :math:`n` from baseline :math:`x_0` to target :math:`x_n`:

    - ``linear`` (equal absolute steps): :math:`x_k = x_0 + (x_n - x_0)\,k/n`;
    - ``compound`` (equal proportional steps, a constant rate
      :math:`r = (x_n/x_0)^{1/n} - 1`): :math:`x_k = x_0\,(x_n/x_0)^{k/n}`; it needs a
      baseline and target of the same sign, both non-zero (or equal);
    - ``step`` (hold, then jump): :math:`x_k = x_0` for :math:`k \le h`, :math:`x_n` after,
      where ``hold`` :math:`h` defaults to :math:`n - 1` (jump in the final period); ``hold=0``
      jumps at once and holds the target.

    The path always ends exactly at ``end``, never overshoots it and moves monotonically
    towards it (values are clipped between ``start`` and ``end`` against float noise).
    When ``start == end`` every method holds the value ("maintain").
    With ``ndigits`` the values are rounded as the plan rounds them, half away from zero
    (:func:`round_half_away`).

    Args:
        start: The baseline value (period 0): a number, an array of baselines (one per
            series), or a pint quantity.
        end: The final target: as ``start``; arrays broadcast against ``start``.
        steps: The number of periods from the baseline to the target (>= 1).
        method: ``"linear"``, ``"compound"`` or ``"step"``.
        ndigits: Round to this many decimals (negative for tens, hundreds); ``None`` keeps
            full precision.
        hold: For ``"step"``, the number of periods the baseline is held.
        on_invalid: For arrays, what a series with no compound path gives: ``"raise"`` (the
            default) or ``"nan"`` (a row of ``nan``).

    Returns:
        A list of ``steps`` floats for numbers, an array of shape ``(n, steps)`` for arrays of
        ``n`` series, or a quantity (in the unit of ``start``) for quantities.
        A baseline or target that is ``nan`` or infinite gives a path of ``nan``.

    Raises:
        TrajectoryError: ``steps`` is not a whole number >= 1, the method is unknown, or a
            compound path would pass through zero (baseline and target of different signs, or
            one of them zero).
        UnitError: ``start`` and ``end`` are quantities of units that cannot be combined.

    Example:
        Wigan NI 112, from +0.58% to -50% in three steps, as the plan rounds it:

        >>> interpolate(0.58, -50, 3, ndigits=0)
        [-16.0, -33.0, -50.0]

        Wigan NI 19 (re-offending), 0.86 to 0.73 at a constant rate:

        >>> interpolate(0.86, 0.73, 3, method="compound", ndigits=2)
        [0.81, 0.77, 0.73]
        >>> interpolate(1.1, 3.0, 3, method="step", hold=0)
        [3.0, 3.0, 3.0]

        Many series at once, and quantities:

        >>> import numpy as np
        >>> interpolate(np.array([296.0, 10.0]), np.array([257.0, 16.0]), 3)
        array([[283., 270., 257.],
               [ 12.,  14.,  16.]])
        >>> from ecm_plan.units import Q_
        >>> interpolate(Q_(283, "count"), Q_(257, "count"), 2)
        <Quantity([270. 257.], 'count')>
        >>> interpolate(0.58, -50, 3, method="compound")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: no compound (constant-rate) path from 0.58 to -50: ...

    .. versionadded:: 0.1.0
    """
    if isinstance(start, float | int) and isinstance(end, float | int):
        # Fast path: one series of plain numbers.
        m = _method(method)
        _check_steps(steps, ndigits)
        h = _hold(m, hold, steps)
        s, e = float(start), float(end)
        if (
            m is Method.COMPOUND
            and math.isfinite(s)
            and math.isfinite(e)
            and not sk.compound_ok(s, e)
        ):
            raise TrajectoryError(
                f"no compound (constant-rate) path from {s:g} to {e:g}: the baseline and the "
                "target must be non-zero and of the same sign; use method='linear'"
            )
        out = sk.path(s, e, steps, _METHOD_CODES[m], h)
        if ndigits is not None:
            return [sk.round_half_away(x, ndigits) for x in out]
        return out
    start, unit = _strip(start, None)
    end, unit = _strip(end, unit)
    result = _interpolate_arrays(start, end, steps, method, ndigits, hold, on_invalid)
    if unit is not None:
        return Q_(result, unit)
    return result


def _interpolate_arrays(  # noqa: PLR0917 - private helper with one caller
    start: Any,  # noqa: ANN401 - array-like
    end: Any,  # noqa: ANN401
    steps: int,
    method: MethodLike,
    ndigits: int | None,
    hold: int | None,
    on_invalid: str,
) -> Any:  # noqa: ANN401 - list or array
    m = _method(method)
    _check_steps(steps, ndigits)
    h = _hold(m, hold, steps)
    if on_invalid not in {"raise", "nan"}:
        raise TrajectoryError(f"on_invalid must be 'raise' or 'nan', not {on_invalid!r}")
    s = np.asarray(start, dtype=np.float64)
    e = np.asarray(end, dtype=np.float64)
    if s.ndim == 0 and e.ndim == 0:
        return interpolate(float(s), float(e), steps, method=m.value, ndigits=ndigits, hold=hold)
    s, e = np.broadcast_arrays(s, e)
    if s.ndim != 1:
        raise TrajectoryError(
            "start and end must be numbers or 1-D arrays (one value per series), "
            f"not shape {s.shape}"
        )
    code = _METHOD_CODES[m]
    if code == sk.COMPOUND and on_invalid == "raise":
        bad = ak.compound_invalid(s, e)
        if bad.any():
            rows = np.flatnonzero(bad)
            raise TrajectoryError(
                f"no compound (constant-rate) path for {rows.size} series (rows "
                f"{', '.join(map(str, rows[:5]))}{', ...' if rows.size > 5 else ''}): the "
                "baseline and the target must be non-zero and of the same sign; use "
                "method='linear' or on_invalid='nan'"
            )
    out = ak.paths(s, e, steps, code, h)
    if ndigits is not None:
        out = ak.round_half_away(out, ndigits)
    return out


@overload
def custom_path(
    start: float | None,
    end: float,
    values: Sequence[float | None],
    *,
    ndigits: int | None = ...,
    monotone: bool = ...,
) -> list[float]: ...
@overload
def custom_path(
    start: npt.ArrayLike,
    end: npt.ArrayLike,
    values: npt.NDArray[np.floating[Any]],
    *,
    ndigits: int | None = ...,
    monotone: bool = ...,
) -> Floats: ...
def custom_path(
    start: Any,
    end: Any,
    values: Any,
    *,
    ndigits: int | None = None,
    monotone: bool = True,
) -> Any:
    """Check the interim targets a plan gives (the ``custom`` method) and return them.

    A consistent path has its last value equal to the final target and, unless
    ``monotone=False``, moves monotonically from the baseline towards the target: each value
    lies between the previous one (the baseline for the first) and the target, so no step
    moves away from the target or overshoots it; holding a value is allowed.
    Missing values (``None``, ``nan``) are allowed before the last period ("N/A" in a plan)
    and are skipped.
    Comparisons allow float noise (1e-9 relative).

    Args:
        start: The baseline, or ``None`` / ``nan`` when the plan gives none (then only the path
            itself is checked); an array of baselines for many series.
        end: The final target (or an array of them).
        values: The interim targets, the last for the final period; a 2-D array, one row a
            series, for many series.
        ndigits: Round values and target to this many decimals first (half away from zero).
        monotone: Check the direction of every step (``False`` checks the last value only).

    Returns:
        The values as floats (``nan`` where missing), a list or, for arrays, an array.

    Raises:
        TrajectoryError: The path is inconsistent; the message lists every problem (for
            arrays, of the first failing series, with the count of failing series).

    Example:
        Southend's NI 92 targets (28.6 / 28.0 / 27.0) follow no method, but are consistent:

        >>> custom_path(None, 27.0, [28.6, 28.0, 27.0])
        [28.6, 28.0, 27.0]

        Wigan's NI 60 targets fall below the 2008-09 actual of 83% before rising:

        >>> custom_path(83.0, 86.0, [77.0, 83.0, 86.0])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: inconsistent path: period 1 value 77 moves away
            from the final target 86 (previous value 83)

    .. versionadded:: 0.1.0
    """
    if ndigits is not None and (isinstance(ndigits, bool) or not isinstance(ndigits, int)):
        raise TrajectoryError(f"ndigits must be a whole number or None, not {ndigits!r}")
    if not isinstance(values, np.ndarray):
        s = _float(start)
        e = _float(end)
        vals = [_float(v) for v in values]
        if ndigits is not None:
            s = sk.round_half_away(s, ndigits)
            e = sk.round_half_away(e, ndigits)
            vals = [sk.round_half_away(v, ndigits) for v in vals]
        problems = sk.custom_problems(s, e, vals, monotone=monotone)
        if problems:
            raise TrajectoryError("inconsistent path: " + "; ".join(problems))
        return vals
    vals_a = np.asarray(values, dtype=np.float64)
    if vals_a.ndim == 1:
        vals_a = vals_a[None, :]
    if vals_a.ndim != 2 or vals_a.shape[1] == 0:
        raise TrajectoryError("values must be a 2-D array with one row per series and >= 1 column")
    n = vals_a.shape[0]
    s_a = np.broadcast_to(_floats(np.nan if start is None else start), (n,)).astype(np.float64)
    e_a = np.broadcast_to(_floats(end), (n,)).astype(np.float64)
    if ndigits is not None:
        s_a = ak.round_half_away(s_a, ndigits)
        e_a = ak.round_half_away(e_a, ndigits)
        vals_a = ak.round_half_away(vals_a, ndigits)
    bad = ak.custom_bad_rows(s_a, e_a, vals_a, monotone=monotone)
    if bad.size:
        i = int(bad[0])
        problems = sk.custom_problems(
            float(s_a[i]), float(e_a[i]), [float(v) for v in vals_a[i]], monotone=monotone
        )
        raise TrajectoryError(
            f"inconsistent path in {bad.size} series; first, row {i}: " + "; ".join(problems)
        )
    return vals_a


def matching_methods(
    start: float, values: Sequence[float], *, ndigits: int | None = None
) -> tuple[Method, ...]:
    """The methods whose path from ``start`` reproduces a published series.

    The final target is the last published value; each method's path to it is rounded to
    ``ndigits`` (half away from zero) and compared with the published values (to 1e-9
    relative).
    ``step`` matches when some ``hold`` reproduces the series.

    Args:
        start: The baseline the series starts from.
        values: The published interim targets, the last the final target.
        ndigits: The precision the plan publishes (``None`` compares full precision).

    Returns:
        The matching methods, in the order linear, compound, step; empty when none does.

    Raises:
        TrajectoryError: ``values`` is empty.

    Example:
        >>> matching_methods(0.86, [0.81, 0.77, 0.73], ndigits=2)
        (<Method.COMPOUND: 'compound'>,)
        >>> matching_methods(283, [270, 257])
        (<Method.LINEAR: 'linear'>,)
        >>> matching_methods(283, [270, 257], ndigits=0)
        (<Method.LINEAR: 'linear'>, <Method.COMPOUND: 'compound'>)
        >>> matching_methods(28.6, [28.0, 27.0], ndigits=1)
        ()

    .. versionadded:: 0.1.0
    """
    published = [float(v) for v in values]
    if not published:
        raise TrajectoryError("values must not be empty")
    s, e, steps = float(start), published[-1], len(published)

    def same(path: list[float]) -> bool:
        if ndigits is not None:
            path = [sk.round_half_away(x, ndigits) for x in path]
        return all(
            abs(x - y) <= sk.EPS * max(1.0, abs(y)) for x, y in zip(path, published, strict=True)
        )

    found: list[Method] = []
    if same(sk.path(s, e, steps, sk.LINEAR, 0)):
        found.append(Method.LINEAR)
    if sk.compound_ok(s, e) and same(sk.path(s, e, steps, sk.COMPOUND, 0)):
        found.append(Method.COMPOUND)
    if any(same(sk.path(s, e, steps, sk.STEP, h)) for h in range(steps)):
        found.append(Method.STEP)
    return tuple(found)


# --------------------------------------------------------------------------------------------
# Relative targets
# --------------------------------------------------------------------------------------------


def _change_percent(change: Any) -> Any:  # noqa: ANN401 - number, array or quantity
    if isinstance(change, pint.Quantity):
        factor = _factor(str(change.units), "percent")
        magnitude = change.magnitude
        return (
            magnitude * factor if isinstance(magnitude, np.ndarray) else float(magnitude) * factor
        )
    return change


@overload
def resolve_relative(baseline: float, change: float) -> float: ...
@overload
def resolve_relative(baseline: Quantity[Any], change: float | Quantity[Any]) -> Quantity[Any]: ...
@overload
def resolve_relative(baseline: npt.ArrayLike, change: npt.ArrayLike) -> Floats: ...
def resolve_relative(baseline: Any, change: Any) -> Any:
    r"""The absolute value of a relative target: the baseline changed by ``change`` percent.

    :math:`v = b + |b| \cdot c / 100`.
    For a positive baseline this is :math:`b\,(1 + c/100)`: "reduce the 1998 baseline of 48.3
    per 1,000 by 50%" is ``resolve_relative(48.3, -50) == 24.15``.
    The magnitude :math:`|b|` makes a negative change mean "down" for a negative baseline too.
    A zero baseline stays zero.
    The inverse is :func:`relative_change`.

    Args:
        baseline: The baseline value (a number, an array, or a quantity whose unit the
            result keeps).
        change: The relative change in percent (``-50`` for "reduce by 50%"; a "% change from
            baseline" series such as NI 112's ``-29.6``), or a dimensionless quantity
            (``Q_(-0.5, "ratio")`` is -50%).

    Returns:
        The absolute value, as a float, an array, or a quantity in the baseline's unit.

    Raises:
        UnitError: ``change`` is a quantity that is not a share (a count, say).

    Example:
        >>> resolve_relative(48.3, -50)
        24.15
        >>> from ecm_plan.units import Q_
        >>> resolve_relative(Q_(48.3, "per_1000"), Q_(-0.5, "ratio"))
        <Quantity(24.15, 'per_1000')>
        >>> resolve_relative(48.3, [-29.6, -36.4, -43.2]).round(4)
        array([34.0032, 30.7188, 27.4344])

    .. versionadded:: 0.1.0
    """
    baseline, unit = _strip(baseline, None)
    change = _change_percent(change)
    if isinstance(baseline, float | int) and isinstance(change, float | int):
        b = float(baseline)
        result: Any = b + abs(b) * (float(change) / 100.0)
    else:
        b_a = np.asarray(baseline, dtype=np.float64)
        result = b_a + np.abs(b_a) * (np.asarray(change, dtype=np.float64) / 100.0)
    return Q_(result, unit) if unit is not None else result


@overload
def relative_change(baseline: float, value: float) -> float: ...
@overload
def relative_change(baseline: Quantity[Any], value: Quantity[Any]) -> Quantity[Any]: ...
@overload
def relative_change(baseline: npt.ArrayLike, value: npt.ArrayLike) -> Floats: ...
def relative_change(baseline: Any, value: Any) -> Any:
    r"""The change from ``baseline`` to ``value`` in percent (inverse of :func:`resolve_relative`).

    :math:`c = 100\,(v - b) / |b|`.
    From a zero baseline the change is ``0.0`` when the value is zero too, and ``nan``
    (undefined, with no warning) otherwise: no small number is substituted for the zero.

    Args:
        baseline: The baseline value (number, array or quantity).
        value: The later value, in the baseline's unit (or a quantity of a compatible unit).

    Returns:
        The change in percent, as a float, an array, or a quantity in ``percent``.

    Raises:
        UnitError: The two are quantities of units that cannot be combined.

    Example:
        >>> round(relative_change(48.3, 24.15), 10)
        -50.0
        >>> relative_change(0.0, 5.0)
        nan
        >>> from ecm_plan.units import Q_
        >>> relative_change(Q_(48.3, "per_1000"), Q_(3.0, "count"))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnitError: cannot combine count with per_1000: ...

    .. versionadded:: 0.1.0
    """
    baseline, unit = _strip(baseline, None)
    value, unit = _strip(value, unit)
    if isinstance(baseline, float | int) and isinstance(value, float | int):
        b, v = float(baseline), float(value)
        if b == 0.0:
            result: Any = 0.0 if v == 0.0 else math.nan
        else:
            result = (v - b) / abs(b) * 100.0
    else:
        b_a = np.asarray(baseline, dtype=np.float64)
        v_a = np.asarray(value, dtype=np.float64)
        with np.errstate(all="ignore"):
            result = (v_a - b_a) / np.abs(b_a) * 100.0
            result = np.where(b_a == 0.0, np.where(v_a == 0.0, 0.0, np.nan), result)
    return Q_(result, "percent") if unit is not None else result


# --------------------------------------------------------------------------------------------
# Polarity
# --------------------------------------------------------------------------------------------


def polarity_for(code: str, override: PolarityLike | None = None) -> Polarity:
    """The polarity of an indicator: ``override`` when given, else the catalogue's.

    The catalogue (:mod:`ecm_plan.catalog`) is imported only when it is needed.

    Args:
        code: An indicator code such as ``"NI 112"``.
        override: A polarity that replaces the catalogue's (for a local indicator, or where
            the plan reads the indicator the other way).

    Returns:
        The polarity.

    Raises:
        TrajectoryError: ``override`` is not a polarity, the catalogue is not available, or
            it records no polarity for the indicator.
        UnknownIndicatorError: The catalogue does not know the code.

    Example:
        >>> polarity_for("NI 112", override="higher_is_better")
        <Polarity.HIGHER_IS_BETTER: 'higher_is_better'>
        >>> polarity_for("NI 112")
        <Polarity.LOWER_IS_BETTER: 'lower_is_better'>

    .. versionadded:: 0.1.0
    """
    if override is not None:
        return _polarity(override)
    try:
        catalog: Any = importlib.import_module("ecm_plan.catalog")
    except ImportError as err:
        raise TrajectoryError(
            f"the indicator catalogue is not available to look up {code}; pass the polarity"
        ) from err
    polarity = catalog.national_indicator(code).polarity
    if polarity is None:
        raise TrajectoryError(
            f"the catalogue records no polarity for {code}; pass override= or polarity="
        )
    return _polarity(polarity)


def _resolve_polarity(polarity: PolarityLike | None, indicator: str | None) -> Polarity:
    if polarity is not None:
        return _polarity(polarity)
    if indicator is not None:
        return polarity_for(indicator)
    raise TrajectoryError("give the indicator's polarity (or indicator= to look it up)")


# --------------------------------------------------------------------------------------------
# Progress measures
# --------------------------------------------------------------------------------------------


def _growth_inputs(  # noqa: PLR0917 - private helper with three callers
    baseline: float,
    current: float,
    target: float,
    elapsed: int,
    horizon: int,
    polarity: PolarityLike,
    percent_change: bool,
) -> tuple[tuple[int, int, float, float, float], float, float, float, bool]:
    """The growth rates of one series, its base and target (shifted), sign and achieved flag."""
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
    https://open-sdg.readthedocs.io/en/latest/progress-methodology/, implemented in
    ``open-sdg/sdg-build``, ``sdg/ProgressMeasure.py``):

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
    :math:`\min(\frac{50}{7}R - \frac{30}{7}, 5)` above (sdg-build writes the slopes as
    4.1667 and 7.1429).

    Open SDG replaces a zero base value or target by 0.001; this function does not.
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
    UN 2023 expected value (:func:`un_expected_value`).
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


def _signs(polarity: Any, n: int) -> Floats | float:  # noqa: ANN401 - polarity or array
    """+1/-1 for all rows (a float) or per row (an array)."""
    if polarity is None or isinstance(polarity, (Polarity, str)):
        return float(_polarity(polarity).sign) if polarity is not None else 1.0
    arr = np.asarray(polarity)
    if arr.dtype.kind in "OUS":
        signs = np.array([_polarity(p).sign for p in arr.ravel()], dtype=np.float64)
    else:
        signs = arr.astype(np.float64).ravel()
        if not np.isin(signs, (1.0, -1.0)).all():
            raise TrajectoryError("an array of polarities must hold +1 (higher is better) or -1")
    if signs.shape != (n,):
        raise TrajectoryError(f"need one polarity per series ({n}), not {signs.shape[0]}")
    return signs


def _row_vector(value: Any, n: int, name: str) -> Floats:  # noqa: ANN401 - number or array
    if value is None:
        return np.full(n, np.nan)
    arr = _floats(value)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    if arr.shape != (n,):
        raise TrajectoryError(
            f"{name} must be a number or one value per series ({n}), not shape {arr.shape}"
        )
    return arr


def _project_arrays(  # noqa: PLR0917 - private helper with one caller
    actual: npt.NDArray[Any],
    horizon: int,
    target: Any,  # noqa: ANN401 - number or array
    polarity: Any,  # noqa: ANN401
    baseline: Any,  # noqa: ANN401
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


# --------------------------------------------------------------------------------------------
# Assessment
# --------------------------------------------------------------------------------------------


def _tolerance(tolerance: Tolerance | float | None) -> Tolerance:
    if tolerance is None:
        return _DEFAULT_TOLERANCE
    if isinstance(tolerance, Tolerance):
        return tolerance
    return Tolerance(relative=float(tolerance))


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
      falls short by no more than the :class:`Tolerance` allowance (default 5% of the planned
      value), red otherwise;
    - **category**: ahead / on course / slippage / no progress / not yet assessed, by the
      rules in :class:`MonitoringCategory`;
    - **direction** of travel against the latest earlier actual value (the baseline for the
      first): improving, no change (within ``no_change``) or worsening, with the polarity.

    Overall: the latest status and category, whether the final target is already achieved,
    the three published progress measures from the base value (the baseline, else the first
    actual value) to the latest actual value (:func:`un_progress_chart`,
    :func:`un_expected_value`, :func:`statcan_progress`) and the least-squares and constant-rate
    projections of the final-period value (:func:`project`).

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
            be given); a :class:`Trajectory` (its baseline and unit are used); an array
            ``(n, p)`` or ``(p,)`` (shared by all series); or a quantity.
        polarity: The indicator's polarity (for arrays, one for all series or one per series
            as +1/-1); when ``None``, looked up by ``indicator`` in the catalogue.
        indicator: An indicator code to look the polarity up (:func:`polarity_for`).
        baseline: The value at period 0 (a number, or one per series); recommended: without it
            the first actual value is the base and "no progress" cannot be told from slippage.
        tolerance: A :class:`Tolerance`, or a number for ``Tolerance(relative=number)``.
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
    many = isinstance(actual, np.ndarray) or (
        isinstance(actual, pint.Quantity) and np.ndim(actual.magnitude) == 2
    )
    unit: str | None = None
    if isinstance(planned, Trajectory):
        unit = planned.unit
        if baseline is None:
            baseline = planned.baseline
        planned = np.asarray(planned.values) if many else list(planned.values)
    else:
        planned, unit = _strip(planned, None)
    actual, unit = _strip(actual, unit)
    baseline, unit = _strip(baseline, unit)
    if many:
        signs = (
            _signs(polarity, _n_series(actual))
            if polarity is not None
            else float(_resolve_polarity(None, indicator).sign)
        )
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


_PLAIN_SEQUENCES = (list, tuple)
_PLAIN_NUMBERS = (float, int)


def _n_series(actual: Any) -> int:  # noqa: ANN401 - array
    shape = np.shape(actual)
    return int(shape[0]) if len(shape) == 2 else 1


def _check_plan(n_actual: int, n_planned: int) -> None:
    if n_planned == 0:
        raise TrajectoryError("the trajectory has no planned periods")
    if n_actual > n_planned:
        raise TrajectoryError(
            f"{n_actual} actual values for {n_planned} planned periods: give at most one "
            "actual value per planned period"
        )


def _assess_one(  # noqa: PLR0917 - private helper with one caller
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
    if target != target:  # noqa: PLR0124 - nan test
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


def _assess_arrays(  # noqa: PLR0917 - private helper with one caller
    actual: Any,  # noqa: ANN401 - array-like
    planned: Any,  # noqa: ANN401
    signs: Floats | float,
    baseline: Any,  # noqa: ANN401
    tol: Tolerance,
    band: float,
    percent_change: bool,
) -> AssessmentArray:
    acts = _floats(actual)
    if acts.ndim == 1:
        acts = acts[None, :]
    if acts.ndim != 2:
        raise TrajectoryError(
            f"actual must be a 2-D array (one row a series), not shape {acts.shape}"
        )
    n, m = acts.shape
    plan = _floats(planned)
    if plan.ndim == 1:
        plan = np.broadcast_to(plan, (n, plan.shape[0]))
    elif plan.ndim != 2 or plan.shape[0] != n:
        raise TrajectoryError(
            f"planned must have shape (p,) or ({n}, p) for {n} series, not {plan.shape}"
        )
    p = plan.shape[1]
    _check_plan(m, p)
    if m < p:
        acts = np.concatenate([acts, np.full((n, p - m), np.nan)], axis=1)
    missing = ~np.isfinite(plan[:, -1])
    if missing.any():
        rows = np.flatnonzero(missing)
        raise TrajectoryError(
            f"the final planned value (the target) is missing for {rows.size} series (rows "
            f"{', '.join(map(str, rows[:5]))}{', ...' if rows.size > 5 else ''})"
        )
    b = _row_vector(baseline, n, "baseline")
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
    sign_arr = signs if isinstance(signs, np.ndarray) else np.full(n, signs)
    return AssessmentArray(polarity_sign=sign_arr, actual=acts, planned=plan, **out)


# --------------------------------------------------------------------------------------------
# Trajectory
# --------------------------------------------------------------------------------------------


def _opt_float(value: float | None) -> float | None:
    if value is None:
        return None
    x = float(value)
    return None if math.isnan(x) else x


def _float_tuple(values: Sequence[float | None]) -> tuple[float, ...]:
    return tuple(_float(v) for v in values)


def _known_unit(
    _instance: object, _attribute: attrs.Attribute[str | None], unit: str | None
) -> None:
    if unit is not None:
        _factor(unit, unit)


def _has_target(
    _instance: object, _attribute: attrs.Attribute[tuple[float, ...]], values: tuple[float, ...]
) -> None:
    if not values:
        raise TrajectoryError("a trajectory needs at least one planned value")
    if sk.is_missing(values[-1]):
        raise TrajectoryError("the final planned value (the target) is missing")


@attrs.frozen
class Trajectory:
    """A baseline and the planned values that lead from it to a final target, with a unit.

    Build one with :meth:`between` (a method) or :meth:`custom` (a plan's own figures); the
    unit travels with it, so :func:`assess` refuses actual values in a unit that cannot be
    combined with it and converts those that can.

    Attributes:
        baseline: The value at period 0, or ``None`` when the plan gives none.
        values: The planned values for periods 1..n, the last the final target (``nan`` for a
            period the plan leaves blank).
        method: The method the values came from.
        unit: The unit of the library's registry (``"percent"``, ``"count"``, ...), or
            ``None``.
        ndigits: The rounding applied, or ``None``.

    Example:
        >>> from ecm_plan.units import Q_
        >>> lac = Trajectory.between(Q_(296, "count"), Q_(257, "count"), 3)
        >>> lac.values, lac.unit, lac.target
        ((283.0, 270.0, 257.0), 'count', 257.0)
        >>> lac.assess(Q_([285, 268], "count"), polarity="lower_is_better").status
        <Status.GREEN: 'green'>
        >>> lac.assess(Q_([45.0], "percent"), polarity="lower_is_better")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnitError: cannot combine percent with count: ...

    .. versionadded:: 0.1.0
    """

    baseline: float | None = attrs.field(converter=_opt_float)
    values: tuple[float, ...] = attrs.field(converter=_float_tuple, validator=_has_target)
    method: Method = attrs.field(default=Method.CUSTOM, converter=Method)
    unit: str | None = attrs.field(default=None, validator=_known_unit)
    ndigits: int | None = None

    @classmethod
    def between(
        cls,
        baseline: float | Quantity[Any],
        target: float | Quantity[Any],
        steps: int,
        *,
        method: MethodLike = "linear",
        ndigits: int | None = None,
        hold: int | None = None,
        unit: str | None = None,
    ) -> Trajectory:
        """The trajectory from ``baseline`` to ``target`` in ``steps`` periods by ``method``.

        Args:
            baseline: The value at period 0 (a number, or a quantity).
            target: The final target (a number, or a quantity of a compatible unit).
            steps: The number of periods.
            method: ``"linear"``, ``"compound"`` or ``"step"`` (see :func:`interpolate`).
            ndigits: Round the values as the plan does.
            hold: For ``"step"``, the periods the baseline is held.
            unit: The unit of plain numbers (quantities bring their own).

        Returns:
            The trajectory.

        Raises:
            TrajectoryError: As :func:`interpolate`.
            UnitError: The unit is unknown, or baseline and target cannot be combined.
        """
        b, u = _strip(baseline, unit)
        t, u = _strip(target, u)
        m = _method(method)
        values = interpolate(float(b), float(t), steps, method=m.value, ndigits=ndigits, hold=hold)
        return cls(float(b), tuple(values), m, u, ndigits)

    @classmethod
    def custom(
        cls,
        baseline: float | Quantity[Any] | None,
        values: Sequence[float | None] | Quantity[Any],
        *,
        ndigits: int | None = None,
        monotone: bool = True,
        unit: str | None = None,
    ) -> Trajectory:
        """A trajectory of the plan's own figures, checked by :func:`custom_path`.

        Args:
            baseline: The value at period 0, or ``None`` when the plan gives none.
            values: The planned values, the last the final target.
            ndigits: Round the values first.
            monotone: Check that each value moves towards the target.
            unit: The unit of plain numbers (quantities bring their own).

        Returns:
            The trajectory.

        Raises:
            TrajectoryError: The path is inconsistent.
            UnitError: The unit is unknown, or the values cannot be combined with it.

        Example:
            >>> Trajectory.custom(None, [28.6, 28.0, 27.0], unit="percent").method
            <Method.CUSTOM: 'custom'>
        """
        v, u = _strip(values, unit)
        b, u = _strip(baseline, u)
        vals = [_float(x) for x in v]
        if not vals:
            raise TrajectoryError("a trajectory needs at least one planned value")
        checked = custom_path(_float(b), vals[-1], vals, ndigits=ndigits, monotone=monotone)
        return cls(_opt_float(b), tuple(checked), Method.CUSTOM, u, ndigits)

    @property
    def target(self) -> float:
        """The final target (the last planned value)."""
        return self.values[-1]

    @property
    def steps(self) -> int:
        """The number of planned periods."""
        return len(self.values)

    def to(self, unit: str) -> Trajectory:
        """The same trajectory in another unit (unrounded: ``ndigits`` becomes ``None``).

        Args:
            unit: A unit of the library's registry.

        Returns:
            The converted trajectory.

        Raises:
            TrajectoryError: The trajectory has no unit.
            UnitError: The units cannot be combined.

        Example:
            >>> Trajectory.between(48.3, 24.15, 1, unit="per_1000").to("percent").values
            (2.415,)
        """
        if self.unit is None:
            raise TrajectoryError("this trajectory has no unit to convert from")
        f = _factor(self.unit, unit)
        return Trajectory(
            None if self.baseline is None else self.baseline * f,
            tuple(v * f for v in self.values),
            self.method,
            unit,
            None,
        )

    def quantity(self) -> Quantity[Any]:
        """The planned values as one quantity (an array magnitude).

        Returns:
            The values with the trajectory's unit.

        Raises:
            TrajectoryError: The trajectory has no unit.
        """
        if self.unit is None:
            raise TrajectoryError("this trajectory has no unit")
        return Q_(np.asarray(self.values), self.unit)

    @overload
    def assess(
        self,
        actual: Sequence[float | None],
        *,
        polarity: PolarityLike | None = ...,
        indicator: str | None = ...,
        tolerance: Tolerance | float | None = ...,
        no_change: float = ...,
        percent_change: bool = ...,
    ) -> Assessment: ...
    @overload
    def assess(
        self,
        actual: npt.NDArray[np.floating[Any]] | Quantity[Any],
        *,
        polarity: PolarityLike | None = ...,
        indicator: str | None = ...,
        tolerance: Tolerance | float | None = ...,
        no_change: float = ...,
        percent_change: bool = ...,
    ) -> Assessment | AssessmentArray: ...
    def assess(
        self,
        actual: Any,
        *,
        polarity: PolarityLike | None = None,
        indicator: str | None = None,
        tolerance: Tolerance | float | None = None,
        no_change: float = 0.0,
        percent_change: bool = False,
    ) -> Any:
        """Assess actual values against this trajectory (see :func:`assess`).

        Args:
            actual: Actual values for periods 1, 2, ... (a quantity is converted to the
                trajectory's unit).
            polarity: The indicator's polarity.
            indicator: An indicator code to look the polarity up instead.
            tolerance: The amber allowance.
            no_change: Largest change that counts as "no change".
            percent_change: The values are % changes from a reference baseline.

        Returns:
            The assessment.
        """
        return assess(
            actual,
            self,
            polarity=polarity,
            indicator=indicator,
            tolerance=tolerance,
            no_change=no_change,
            percent_change=percent_change,
        )

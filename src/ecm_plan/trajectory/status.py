"""RAG status of actual values against a trajectory, and the rule behind it.

A period is rated by a :class:`Status` (green, amber or red, with a :class:`Tolerance`) and a
:class:`MonitoringCategory`; :func:`assess_status` gives only these, per period and overall, as
a :class:`StatusAssessment` (one series) or a :class:`StatusArray` (many), equal to what
:func:`.assess` gives for the same inputs.

Example:
    >>> from ecm_plan.trajectory import assess_status
    >>> assess_status([-10.0], [-16.0, -33.0, -50.0], baseline=0.58,
    ...               polarity="lower_is_better").status
    <Status.RED: 'red'>

.. versionadded:: 0.2.0
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
import pint

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
    _floats,
    _row_vector,
    _signs,
    _strip,
)
from ecm_plan.trajectory.interim import Trajectory
from ecm_plan.trajectory.polarity import _resolve_polarity

__all__ = [
    "MonitoringCategory",
    "Status",
    "StatusArray",
    "StatusAssessment",
    "Tolerance",
    "ToleranceBasis",
    "assess_status",
]


# --------------------------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------------------------


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


_STATUSES = (Status.GREEN, Status.AMBER, Status.RED)


_CATEGORIES = tuple(MonitoringCategory)


# --------------------------------------------------------------------------------------------
# Tolerance
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


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


def _tolerance(tolerance: Tolerance | float | None) -> Tolerance:
    if tolerance is None:
        return _DEFAULT_TOLERANCE
    if isinstance(tolerance, Tolerance):
        return tolerance
    return Tolerance(relative=float(tolerance))


_PLAIN_SEQUENCES = (list, tuple)


_PLAIN_NUMBERS = (float, int)


def _n_series(actual: Any) -> int:  # noqa: ANN401 (array)
    shape = np.shape(actual)
    return int(shape[0]) if len(shape) == 2 else 1


def _magnitudes(actual: Any, planned: Any, baseline: Any) -> tuple[bool, Any, Any, Any]:  # noqa: ANN401 (any number, sequence, array or quantity)
    """``(many, actual, planned, baseline)``: plain magnitudes in one unit, and whether arrays."""
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
    return many, actual, planned, baseline


def _array_signs(polarity: Any, indicator: str | None, actual: Any) -> Floats | float:  # noqa: ANN401 (polarity or array)
    if polarity is None:
        return float(_resolve_polarity(None, indicator).sign)
    return _signs(polarity, _n_series(actual))


def _check_plan(n_actual: int, n_planned: int) -> None:
    if n_planned == 0:
        raise TrajectoryError("the trajectory has no planned periods")
    if n_actual > n_planned:
        raise TrajectoryError(
            f"{n_actual} actual values for {n_planned} planned periods: give at most one "
            "actual value per planned period"
        )


def _array_inputs(
    actual: Any,  # noqa: ANN401 (array-like)
    planned: Any,  # noqa: ANN401 (any number, sequence, array or quantity)
    baseline: Any,  # noqa: ANN401 (any number, sequence, array or quantity)
) -> tuple[Floats, Floats, Floats]:
    """``(actual, planned, baseline)`` as ``(n, p)``, ``(n, p)`` and ``(n,)`` float arrays.

    Checks the shapes and the final targets, and pads ``actual`` with ``nan`` to ``p`` columns.
    """
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
    return acts, plan, _row_vector(baseline, n, "baseline")


# --------------------------------------------------------------------------------------------
# Status only
# --------------------------------------------------------------------------------------------


@attrs.frozen
class StatusAssessment:
    """RAG status and monitoring category of one series (the result of :func:`assess_status`).

    The statuses and categories are those :func:`.assess` gives for the same inputs; there is
    no direction of travel, progress measure or projection.

    Attributes:
        polarity: The polarity used.
        status: The RAG status of the latest period that has both an actual and a planned
            value, or ``None`` when no period can be assessed yet.
        category: The monitoring category of that period (``not_yet_assessed`` when none).
        statuses: The RAG status of each planned period (``None`` when not assessed).
        categories: The monitoring category of each planned period.

    Example:
        >>> s = assess_status([285, 268], [283, 270, 257], baseline=296,
        ...                   polarity="lower_is_better")
        >>> s.status, s.category
        (<Status.GREEN: 'green'>, <MonitoringCategory.ON_COURSE: 'on_course'>)
        >>> [c.value for c in s.categories]
        ['slippage', 'on_course', 'not_yet_assessed']

    .. versionadded:: 0.2.0
    """

    polarity: Polarity
    status: Status | None
    category: MonitoringCategory
    statuses: tuple[Status | None, ...]
    categories: tuple[MonitoringCategory, ...]


@attrs.frozen(eq=False)
class StatusArray:
    """RAG status and monitoring category of many series (:func:`assess_status` on arrays).

    The codes are those of :class:`.AssessmentArray`, equal to what :func:`.assess` gives for
    the same inputs.

    Attributes:
        polarity_sign: +1 (higher is better) or -1 per series.
        status: RAG codes per period, ``(n, p)``: 0 green, 1 amber, 2 red, -1 none.
        category: :class:`MonitoringCategory` codes per period, ``(n, p)``.

    Example:
        >>> import numpy as np
        >>> arr = assess_status(np.array([[11.0, 13.5], [12.0, np.nan]]),
        ...                     np.array([12.0, 14.0, 16.0]), baseline=10.0,
        ...                     polarity="higher_is_better")
        >>> arr.status
        array([[ 2,  1, -1],
               [ 0, -1, -1]], dtype=int8)
        >>> arr.latest
        array([1, 0])
        >>> arr.status_labels(), arr.category_labels()
        (array(['amber', 'green'], dtype='<U5'), array(['slippage', 'on_course'], dtype='<U16'))

    .. versionadded:: 0.2.0
    """

    polarity_sign: Floats
    status: npt.NDArray[np.int8]
    category: npt.NDArray[np.int8]

    def __len__(self) -> int:
        """The number of series."""
        return int(self.status.shape[0])

    @functools.cached_property
    def latest(self) -> npt.NDArray[np.intp]:
        """Index (0-based) of the latest assessed period of each series, -1 for none."""
        assessed = self.status >= 0
        p = assessed.shape[1]
        last: npt.NDArray[np.intp] = (p - 1) - np.argmax(assessed[:, ::-1], axis=1)
        out: npt.NDArray[np.intp] = np.where(assessed.any(axis=1), last, -1)
        return out

    def latest_status(self) -> npt.NDArray[np.int8]:
        """The headline RAG code of each series (that of its latest assessed period).

        Returns:
            The codes, one per series (0 green, 1 amber, 2 red, -1 none).
        """
        rows = np.arange(len(self))
        out: npt.NDArray[np.int8] = self.status[rows, np.maximum(self.latest, 0)]
        out[self.latest < 0] = -1
        return out

    def latest_category(self) -> npt.NDArray[np.int8]:
        """The headline :class:`MonitoringCategory` code of each series.

        Returns:
            The codes, one per series (``not_yet_assessed`` when no period is assessed).
        """
        rows = np.arange(len(self))
        out: npt.NDArray[np.int8] = self.category[rows, np.maximum(self.latest, 0)]
        out[self.latest < 0] = sk.NOT_YET_ASSESSED
        return out

    def status_labels(self) -> npt.NDArray[np.str_]:
        """The headline RAG status of each series as text (``""`` when none).

        Returns:
            An array of ``"green"``, ``"amber"``, ``"red"`` or ``""``.
        """
        labels = np.array(["green", "amber", "red", ""])
        out: npt.NDArray[np.str_] = labels[self.latest_status()]  # -1 picks ""
        return out

    def category_labels(self) -> npt.NDArray[np.str_]:
        """The headline monitoring category of each series as text.

        Returns:
            An array of :class:`MonitoringCategory` values.
        """
        labels = np.array([c.value for c in _CATEGORIES])
        out: npt.NDArray[np.str_] = labels[self.latest_category()]
        return out

    def row(self, i: int) -> StatusAssessment:
        """The :class:`StatusAssessment` of series ``i``, as the scalar call would give it.

        Args:
            i: The row index.

        Returns:
            The status assessment of that series.
        """
        sign = float(self.polarity_sign[i])
        polarity = Polarity.HIGHER_IS_BETTER if sign > 0 else Polarity.LOWER_IS_BETTER
        latest = int(self.latest[i])
        return _status_assessment(
            polarity, self.status[i].tolist(), self.category[i].tolist(), latest
        )


def _status_assessment(
    polarity: Polarity, statuses: list[int], categories: list[int], latest: int
) -> StatusAssessment:
    return StatusAssessment(
        polarity,
        _STATUSES[statuses[latest]] if latest >= 0 else None,
        _CATEGORIES[categories[latest]] if latest >= 0 else MonitoringCategory.NOT_YET_ASSESSED,
        tuple(_STATUSES[st] if st >= 0 else None for st in statuses),
        tuple(_CATEGORIES[c] for c in categories),
    )


@overload
def assess_status(
    actual: Sequence[float | None],
    planned: Sequence[float | None] | Trajectory,
    *,
    polarity: PolarityLike | None = ...,
    indicator: str | None = ...,
    baseline: float | None = ...,
    tolerance: Tolerance | float | None = ...,
) -> StatusAssessment: ...
@overload
def assess_status(
    actual: npt.NDArray[np.floating[Any]],
    planned: npt.ArrayLike | Trajectory,
    *,
    polarity: PolarityLike | npt.ArrayLike | None = ...,
    indicator: str | None = ...,
    baseline: npt.ArrayLike | None = ...,
    tolerance: Tolerance | float | None = ...,
) -> StatusArray: ...
@overload
def assess_status(
    actual: Quantity[Any],
    planned: Quantity[Any] | Trajectory,
    *,
    polarity: PolarityLike | npt.ArrayLike | None = ...,
    indicator: str | None = ...,
    baseline: float | Quantity[Any] | None = ...,
    tolerance: Tolerance | float | None = ...,
) -> StatusAssessment | StatusArray: ...
def assess_status(
    actual: Any,
    planned: Any,
    *,
    polarity: Any = None,
    indicator: str | None = None,
    baseline: Any = None,
    tolerance: Tolerance | float | None = None,
) -> Any:
    """Only the RAG status and monitoring category of each period, as :func:`.assess` gives them.

    The statuses and categories equal those of :func:`.assess` for the same inputs, by the
    same rules (:class:`Tolerance`, :class:`MonitoringCategory`); what is left out is the
    direction of travel, the progress measures and the projections, which cost most of an
    assessment of many series.
    Use it for a dashboard or a roll-up that needs the RAG status of many series.
    Inputs are checked as :func:`.assess` checks them.

    Args:
        actual: Actual values for periods 1, 2, ... (``None`` for gaps); or a 2-D array, one
            row a series (``nan`` for gaps); or a quantity.
        planned: The trajectory for periods 1..p (the last value the final target); a
            :class:`.Trajectory`; an array ``(n, p)`` or ``(p,)``; or a quantity.
        polarity: The indicator's polarity (for arrays, one for all series or one per series
            as +1/-1); when ``None``, looked up by ``indicator`` in the catalogue.
        indicator: An indicator code to look the polarity up (:func:`.polarity_for`).
        baseline: The value at period 0 (a number, or one per series); without it, a period
            short of plan is ``slippage``, never ``no_progress``.
        tolerance: A :class:`Tolerance`, or a number for ``Tolerance(relative=number)``.

    Returns:
        A :class:`StatusAssessment` for one series; a :class:`StatusArray` for arrays.

    Raises:
        TrajectoryError: The plan has no periods or no final target, there are more actual
            values than planned periods, shapes do not match, or no polarity is given.
        UnitError: Actual and planned values are quantities of units that cannot be combined.

    Example:
        >>> assess_status([285, 268], [283, 270, 257], baseline=296,
        ...               polarity="lower_is_better").statuses
        (<Status.AMBER: 'amber'>, <Status.GREEN: 'green'>, None)
        >>> import numpy as np
        >>> assess_status(np.array([[285.0, 268.0], [300.0, 290.0]]), [283, 270, 257],
        ...               baseline=296, polarity="lower_is_better").status_labels()
        array(['green', 'red'], dtype='<U5')
        >>> assess_status([1.0], [2.0, 3.0])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: give the indicator's polarity (or indicator= ...

    .. versionadded:: 0.2.0
    """
    if not (
        type(actual) in _PLAIN_SEQUENCES
        and type(planned) in _PLAIN_SEQUENCES
        and (baseline is None or type(baseline) in _PLAIN_NUMBERS)
    ):
        _args.require_numbers(actual, "actual", optional=False)
        if not isinstance(planned, Trajectory):
            _args.require_numbers(planned, "planned", optional=False)
        _args.require_numbers(baseline, "baseline")
    if tolerance is not None and not isinstance(tolerance, Tolerance):
        _args.require_real(tolerance, "tolerance")
    if _args.is_scalar(actual) and actual is not None:
        actual = [actual]
    if not isinstance(planned, Trajectory) and _args.is_scalar(planned):
        planned = [planned]
    tol = _DEFAULT_TOLERANCE if tolerance is None else _tolerance(tolerance)
    if not (
        type(actual) in _PLAIN_SEQUENCES
        and type(planned) in _PLAIN_SEQUENCES
        and (baseline is None or type(baseline) in _PLAIN_NUMBERS)
    ):
        many, actual, planned, baseline = _magnitudes(actual, planned, baseline)
        if many:
            signs = _array_signs(polarity, indicator, actual)
            acts, plan, b = _array_inputs(actual, planned, baseline)
            status, category = ak.status(
                acts,
                plan,
                b,
                signs,
                tol.relative,
                tol.absolute,
                tol.basis is ToleranceBasis.CHANGE,
            )
            n = plan.shape[0]
            sign_arr = signs if isinstance(signs, np.ndarray) else np.full(n, signs)
            return StatusArray(polarity_sign=sign_arr, status=status, category=category)
    if baseline is not None and not _args.is_scalar(baseline):
        one = np.asarray(baseline)
        if one.size != 1:  # one series has one baseline: an empty or longer array is a mistake
            raise TrajectoryError(
                f"baseline must be one number for one series, not {one.size} numbers; "
                "give one baseline, or arrays of actual and planned values for many series"
            )
        baseline = one.item()
    pol = _resolve_polarity(polarity, indicator)
    acts_l = _float_list(actual)
    plan_l = _float_list(planned)
    p = len(plan_l)
    _check_plan(len(acts_l), p)
    if math.isnan(plan_l[-1]):
        raise TrajectoryError("the final planned value (the target) is missing")
    if len(acts_l) < p:
        acts_l += [sk.NAN] * (p - len(acts_l))
    statuses, categories, latest = sk.status_one(
        acts_l,
        plan_l,
        _float(baseline),
        float(pol.sign),
        tol.relative,
        tol.absolute,
        tol.basis is ToleranceBasis.CHANGE,
    )
    return _status_assessment(pol, statuses, categories, latest)

"""Trajectories: interim targets between a baseline and a final target, and progress against them.

The package answers two questions a children's services plan asks of each indicator.

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
projections of the target-year value (:func:`project`);
:func:`assess_status` gives only the RAG status and monitoring category, at a fraction of
the cost for many series.

Every function takes plain floats (a fast path in pure Python) or NumPy arrays of many series,
one row a series (vectorised, with the same answers), and pint quantities of
:mod:`ecm_plan.units` at the edges: units are checked and converted once per call, never per
value.
Missing values are ``None`` in lists and ``nan`` in arrays.

The functions live in one module per family, all re-exported here:
:mod:`~ecm_plan.trajectory.interim` (interim targets, rounding, :class:`Trajectory`),
:mod:`~ecm_plan.trajectory.relative` (relative targets),
:mod:`~ecm_plan.trajectory.polarity` (which way is better),
:mod:`~ecm_plan.trajectory.status` (RAG status, monitoring category, tolerance),
:mod:`~ecm_plan.trajectory.assess` (direction of travel, measures and projections together),
:mod:`~ecm_plan.trajectory.measures` (the published progress measures),
:mod:`~ecm_plan.trajectory.projection` (projections of the target-period value),
:mod:`~ecm_plan.trajectory.plan` (the baseline and planned series of a plan's indicator, and
:func:`plan_trajectory`, which resolves them into a trajectory ready to judge) and
:mod:`~ecm_plan.trajectory.criteria` (what meeting a planned value means, and the steps
between two periods).

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

from ecm_plan.trajectory._common import MethodLike as MethodLike
from ecm_plan.trajectory._common import PolarityLike as PolarityLike
from ecm_plan.trajectory.assess import (
    Assessment,
    AssessmentArray,
    Direction,
    PeriodAssessment,
    assess,
)
from ecm_plan.trajectory.criteria import (
    Criterion,
    steps_between,
)
from ecm_plan.trajectory.interim import (
    Method,
    Trajectory,
    custom_path,
    interpolate,
    matching_methods,
    round_half_away,
)
from ecm_plan.trajectory.measures import (
    MeasureKind,
    ProgressCategory,
    ProgressMeasure,
    statcan_progress,
    un_expected_value,
    un_progress_chart,
)
from ecm_plan.trajectory.plan import (
    BaselinePoint,
    PlannedSeries,
    PlanTrajectory,
    baseline_of,
    plan_trajectory,
    planned_series,
)
from ecm_plan.trajectory.polarity import (
    polarity_for,
)
from ecm_plan.trajectory.projection import (
    Projection,
    ProjectionArray,
    ProjectionMethod,
    project,
)
from ecm_plan.trajectory.relative import (
    relative_change,
    resolve_relative,
)
from ecm_plan.trajectory.status import (
    MonitoringCategory,
    Status,
    StatusArray,
    StatusAssessment,
    Tolerance,
    ToleranceBasis,
    assess_status,
)

__all__ = [
    "Assessment",
    "AssessmentArray",
    "BaselinePoint",
    "Criterion",
    "Direction",
    "MeasureKind",
    "Method",
    "MonitoringCategory",
    "PeriodAssessment",
    "PlanTrajectory",
    "PlannedSeries",
    "ProgressCategory",
    "ProgressMeasure",
    "Projection",
    "ProjectionArray",
    "ProjectionMethod",
    "Status",
    "StatusArray",
    "StatusAssessment",
    "Tolerance",
    "ToleranceBasis",
    "Trajectory",
    "assess",
    "assess_status",
    "baseline_of",
    "custom_path",
    "interpolate",
    "matching_methods",
    "plan_trajectory",
    "planned_series",
    "polarity_for",
    "project",
    "relative_change",
    "resolve_relative",
    "round_half_away",
    "statcan_progress",
    "steps_between",
    "un_expected_value",
    "un_progress_chart",
]

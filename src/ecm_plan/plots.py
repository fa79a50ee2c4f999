"""Charts of trajectories and indicators, with matplotlib (the optional ``plot`` extra).

This module needs the ``plot`` extra (from a checkout: ``.venv/bin/pip install ".[plot]"``);
the rest of the library does not import matplotlib. The functions draw on a matplotlib
``Axes`` you pass, or on a new figure that does not touch pyplot's global state (so they work
in scripts, notebooks and servers alike), and return the ``Axes``.
Save the chart with ``ax.figure.savefig("chart.png")``.

- :func:`plot_trajectory`: a :class:`~ecm_plan.trajectory.interim.Trajectory` with actual values,
  each actual coloured by its RAG status when a polarity is known;
- :func:`plot_indicator`: an indicator of a plan as the document gives it: baseline, actuals
  and targets by period, provisional targets hollow, ranges as bars;
- :func:`plot_monitoring`: a monitored indicator (a row of
  :func:`~ecm_plan.monitoring.assess_plan`): its trajectory, its actual values coloured by
  status, the projection, and the measure's natural bounds.

Example:
    >>> from ecm_plan.trajectory import Trajectory
    >>> from ecm_plan.plots import plot_trajectory
    >>> path = Trajectory.between(0.86, 0.73, 3, method="compound", ndigits=2)
    >>> ax = plot_trajectory(path, [0.80], periods=["2008-09", "2009-10", "2010-11", "2011-12"],
    ...                      indicator="NI 19")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2008-09', '2009-10', '2010-11', '2011-12']
    >>> [line.get_label() for line in ax.get_lines()]
    ['trajectory (compound)', 'actual']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ecm_plan.exceptions import MissingExtraError, TrajectoryError
from ecm_plan.model import Indicator, ValueStatus
from ecm_plan.trajectory import (
    PlanTrajectory,
    PolarityLike,
    Status,
    Tolerance,
    Trajectory,
    baseline_of,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ecm_plan.model import Value
    from ecm_plan.monitoring import MonitoredPoint, MonitoringRow
    from ecm_plan.periods import Period

__all__ = ["STATUS_COLOURS", "plot_indicator", "plot_monitoring", "plot_trajectory"]

STATUS_COLOURS: dict[Status, str] = {
    Status.GREEN: "#2e7d32",
    Status.AMBER: "#f9a825",
    Status.RED: "#c62828",
}
"""The colour of each RAG status in charts.

Example:
    >>> STATUS_COLOURS[Status.RED]
    '#c62828'
"""

_PLANNED = "0.45"
_ACTUAL = "#1f4e79"


def _axes(ax: Axes | None) -> Axes:
    """The axes given, or the axes of a new figure outside pyplot."""
    if ax is not None:
        return ax
    try:
        figure = importlib.import_module("matplotlib.figure")
    except ImportError:
        raise MissingExtraError("matplotlib", "plot", "ecm_plan.plots") from None
    new: Axes = figure.Figure(figsize=(6.4, 4.0), layout="constrained").subplots()
    return new


def _optional(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def plot_trajectory(
    trajectory: Trajectory,
    actual: Sequence[float | None] = (),
    *,
    periods: Sequence[str] | None = None,
    polarity: PolarityLike | None = None,
    indicator: str | None = None,
    tolerance: Tolerance | float | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a trajectory and the actual values against it.

    The planned path is a dashed line from the baseline (position 0) through each planned
    period; the actual values are a solid line from the baseline. When a polarity is given, or
    an indicator code to look it up, each assessed actual is marked in the colour of its RAG
    status (:data:`STATUS_COLOURS`), as :func:`~ecm_plan.trajectory.assess.assess` rates it.

    Args:
        trajectory: The trajectory.
        actual: Actual values for periods 1, 2, ... (``None`` for a period with no value).
        periods: Labels for the baseline period and each planned period, in order.
        polarity: The indicator's polarity, for the RAG colours.
        indicator: An indicator code to look the polarity up instead.
        tolerance: The amber allowance (see :class:`~ecm_plan.trajectory.status.Tolerance`).
        title: A title for the chart.
        ax: Axes to draw on; a new figure when omitted.

    Returns:
        The axes.

    Raises:
        TrajectoryError: More actual values than planned periods, or ``periods`` of the wrong
            length.
        ImportError: matplotlib is not installed (install the ``plot`` extra).

    Example:
        >>> from ecm_plan.trajectory import Trajectory
        >>> path = Trajectory.between(296, 257, 3, unit="count")
        >>> ax = plot_trajectory(path, [280, 290], polarity="lower_is_better")
        >>> [c.get_label() for c in ax.collections]
        ['green', 'red']
        >>> ax.get_ylabel()
        'count'
        >>> plot_trajectory(path, periods=["2008-09"])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: periods has 1 label; the chart needs 4 (the
        baseline period and 3 planned periods)
    """
    steps = trajectory.steps
    actuals = list(actual)
    if len(actuals) > steps:
        raise TrajectoryError(
            f"{len(actuals)} actual values for a trajectory of {steps} planned periods"
        )
    if periods is not None and len(periods) != steps + 1:
        s = "" if len(periods) == 1 else "s"
        raise TrajectoryError(
            f"periods has {len(periods)} label{s}; the chart needs {steps + 1} "
            f"(the baseline period and {steps} planned periods)"
        )
    assessment = None
    if actuals and (polarity is not None or indicator is not None):
        assessment = trajectory.assess(
            actuals, polarity=polarity, indicator=indicator, tolerance=tolerance
        )
    axes = _axes(ax)
    start = [] if trajectory.baseline is None else [trajectory.baseline]
    first = 0 if trajectory.baseline is not None else 1
    planned = [*start, *trajectory.values]
    axes.plot(
        range(first, steps + 1),
        planned,
        linestyle="--",
        marker="o",
        markerfacecolor="none",
        color=_PLANNED,
        label=f"trajectory ({trajectory.method.value})",
    )
    if actuals:
        axes.plot(
            range(first, len(actuals) + 1),
            [*start, *_optional(actuals)],
            marker="o",
            color=_ACTUAL,
            label="actual",
        )
    if assessment is not None:
        for status, colour in STATUS_COLOURS.items():
            marked = [p for p in assessment.periods if p.status is status]
            if marked:
                axes.scatter(
                    [p.period for p in marked],
                    _optional([p.actual for p in marked]),
                    s=90,
                    color=colour,
                    zorder=3,
                    label=status.value,
                )
    axes.set_xticks(range(steps + 1))
    if periods is not None:
        axes.set_xticklabels(list(periods))
    if trajectory.unit is not None:
        axes.set_ylabel(trajectory.unit)
    if title:
        axes.set_title(title)
    axes.legend()
    return axes


def _figures(values: Mapping[Period, Value]) -> dict[Period, Value]:
    return {p: v for p, v in values.items() if v.magnitude is not None}


def plot_indicator(indicator: Indicator, *, ax: Axes | None = None) -> Axes:
    """Draw an indicator of a plan: its baseline and actual values, and its targets.

    Periods run along the x axis in date order, labelled as the plan labels them. Actual values
    (with the baseline) are a solid line; targets a dashed line that starts from the
    trajectory's baseline (:func:`~ecm_plan.trajectory.plan.baseline_of`), with provisional
    targets as hollow markers and a range ("5-10%") as a bar from its lower to its upper end.
    Values with no figure ("N/A", "TBC") are left out.

    Args:
        indicator: The indicator, as the plan holds it.
        ax: Axes to draw on; a new figure when omitted.

    Returns:
        The axes.

    Raises:
        ImportError: matplotlib is not installed (install the ``plot`` extra).

    Example:
        >>> from ecm_plan import load_bundled
        >>> plan = load_bundled("wigan-2009-12")
        >>> ni60 = next(i for i in plan.indicators if i.id == "NI 60")
        >>> ax = plot_indicator(ni60)
        >>> [line.get_label() for line in ax.get_lines()]
        ['actual', 'target']
        >>> ax.get_lines()[1].get_ydata().tolist()
        [83.0, 77.0, 83.0, 86.0]
        >>> [t.get_text() for t in ax.get_xticklabels()]
        ['2008-09', '2009-10', '2010-11', '2011-12']
    """
    actuals = _figures(indicator.actuals)
    base = indicator.baseline
    if base is not None and base.period is not None and base.value is not None:
        actuals = {**_figures({base.period: base.value}), **actuals}
    targets = _figures(indicator.targets)
    order = sorted({*actuals, *targets}, key=lambda p: (p.start, p.end))
    x = {period: i for i, period in enumerate(order)}
    axes = _axes(ax)
    actual_periods = sorted(actuals, key=lambda p: (p.start, p.end))
    if actual_periods:
        axes.plot(
            [x[p] for p in actual_periods],
            [_magnitude(actuals[p]) for p in actual_periods],
            marker="o",
            color=_ACTUAL,
            label="actual",
        )
    target_periods = sorted(targets, key=lambda p: (p.start, p.end))
    if target_periods:
        start = baseline_of(indicator)
        xs = [float(x[p]) for p in target_periods]
        ys = [_magnitude(targets[p]) for p in target_periods]
        if start is not None and start.period in x:
            xs.insert(0, float(x[start.period]))
            ys.insert(0, start.value)
        axes.plot(
            xs,
            ys,
            linestyle="--",
            color=_PLANNED,
            label="target",
        )
        firm = [p for p in target_periods if targets[p].status is not ValueStatus.PROVISIONAL]
        provisional = [p for p in target_periods if p not in firm]
        for group, face, label in ((firm, _PLANNED, "firm"), (provisional, "none", "provisional")):
            if group:
                axes.scatter(
                    [x[p] for p in group],
                    [_magnitude(targets[p]) for p in group],
                    s=40,
                    facecolors=face,
                    edgecolors=_PLANNED,
                    zorder=3,
                    label=f"target ({label})",
                )
        ranged = [p for p in target_periods if targets[p].upper is not None]
        if ranged:
            axes.vlines(
                [x[p] for p in ranged],
                [_magnitude(targets[p]) for p in ranged],
                [_upper(targets[p]) for p in ranged],
                color=_PLANNED,
                label="target range",
            )
    axes.set_xticks(range(len(order)))
    axes.set_xticklabels([p.label for p in order])
    if indicator.unit is not None:
        axes.set_ylabel(indicator.unit)
    heading = indicator.written_code
    axes.set_title(f"{heading}: {indicator.title}" if indicator.title else heading)
    if order:
        axes.legend()
    return axes


def _magnitude(value: Value) -> float:
    return math.nan if value.magnitude is None else value.magnitude


def _upper(value: Value) -> float:
    return math.nan if value.upper is None else value.upper


def _x(period: Period) -> float:
    """A period's place on a time axis: the day it ends."""
    return float(period.end.toordinal())


def _gapped(points: Sequence[tuple[Period, float]]) -> tuple[list[float], list[float]]:
    """X and y of a line through points of one kind of period, broken where one is missing."""
    xs: list[float] = []
    ys: list[float] = []
    for i, (period, value) in enumerate(points):
        if i:
            prev = points[i - 1][0]
            gap = (period.start - prev.end).days > 1
            if gap:
                xs.append(math.nan)
                ys.append(math.nan)
        xs.append(_x(period))
        ys.append(value)
    return xs, ys


def plot_monitoring(
    subject: MonitoringRow | PlanTrajectory,
    points: Sequence[MonitoredPoint] = (),
    *,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw a monitored indicator: its trajectory, its actuals by status, its projection.

    Time runs along the x axis (each period at the day it ends), so yearly targets and
    quarterly returns share one axis. The trajectory is a dashed line from the baseline through
    each target; a target period without a figure ("N/A") leaves a gap, never a line through
    it. The actual values are joined within each kind of period (years, quarters), with a gap
    where a period has no return, and each is marked in the colour of its status
    (:data:`STATUS_COLOURS`). The projection is a dotted line to the final target period; the
    measure's natural bounds are drawn as thin lines where the figures come near them, and the y
    axis does not run past them.

    Args:
        subject: A :class:`~ecm_plan.monitoring.MonitoringRow` (its trajectory and history are
            drawn), or a :class:`~ecm_plan.trajectory.PlanTrajectory`.
        points: The assessed actual values, for a trajectory given alone.
        title: A title; by default the subject and the latest status.
        ax: Axes to draw on; a new figure when omitted.

    Returns:
        The axes.

    Raises:
        ImportError: matplotlib is not installed (install the ``plot`` extra).

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import assess_plan, loads_returns
        >>> text = "indicator,period,value\nNI 45,2009-10 Q1,62%\nNI 45,2009-10 Q3,68%\n"
        >>> row = assess_plan(load_bundled("wigan-2009-12"), loads_returns(text, "csv")).rows[0]
        >>> ax = plot_monitoring(row)
        >>> [line.get_label() for line in ax.get_lines()]
        ['trajectory', 'actual', 'projection', 'upper bound']
        >>> float(ax.get_ylim()[1]) <= 100.0
        True
    """
    row = None if isinstance(subject, PlanTrajectory) else subject
    t = subject if isinstance(subject, PlanTrajectory) else subject.trajectory
    history = list(points) if row is None else list(row.history)
    axes = _axes(ax)
    xs: list[float] = []
    ys: list[float] = []
    labels: list[tuple[float, str]] = []
    if t.baseline is not None and t.baseline.period is not None:
        xs.append(_x(t.baseline.period))
        ys.append(t.baseline.value)
        labels.append((xs[-1], t.baseline.period.label))
    for period, value in zip(t.periods, t.values, strict=True):
        xs.append(_x(period))
        ys.append(value)
        labels.append((xs[-1], period.label))
    axes.plot(
        xs,
        ys,
        linestyle="--",
        marker="o",
        markerfacecolor="none",
        color=_PLANNED,
        label="trajectory",
    )
    kinds: dict[bool, list[tuple[Period, float]]] = {True: [], False: []}
    for point in history:
        kinds[point.period.kind.value.endswith("year")].append((point.period, point.actual))
    first = True
    for group in (kinds[True], kinds[False]):
        if group:
            gx, gy = _gapped(group)
            axes.plot(gx, gy, color=_ACTUAL, label="actual" if first else "_actual")
            first = False
    for status, colour in STATUS_COLOURS.items():
        marked = [p for p in history if p.status is status]
        if marked:
            axes.scatter(
                [_x(p.period) for p in marked],
                [p.actual for p in marked],
                s=60,
                color=colour,
                zorder=3,
                label=status.value,
            )
    values = [v for v in ys if not math.isnan(v)] + [p.actual for p in history]
    if row is not None and row.projection.value is not None and history and t.final is not None:
        end = _x(t.periods[t.final])
        last = history[-1]
        axes.plot(
            [_x(last.period), end],
            [last.actual, row.projection.value],
            linestyle=":",
            marker="D",
            markerfacecolor="none",
            color=_ACTUAL,
            label="projection",
        )
        values.append(row.projection.value)
    low, high = min(values, default=0.0), max(values, default=1.0)
    margin = (high - low) * 0.1 or 1.0
    bottom, top = low - margin, high + margin
    if t.upper is not None and t.upper <= top:
        axes.axhline(t.upper, color="0.7", linewidth=0.8, label="upper bound")
        top = t.upper
    if t.lower is not None and t.lower >= bottom:
        axes.axhline(t.lower, color="0.7", linewidth=0.8, label="lower bound")
        bottom = t.lower
    axes.set_ylim(bottom, top)
    axes.set_xticks([x for x, _ in labels])
    axes.set_xticklabels([label for _, label in labels])
    if t.unit is not None:
        axes.set_ylabel(t.unit)
    heading = title
    if heading is None:
        heading = (
            t.subject if row is None else f"{t.subject}: {row.status.value} at {row.period.label}"
        )
    axes.set_title(heading)
    axes.legend()
    return axes

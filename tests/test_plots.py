"""Charts of trajectories and indicators (the optional ``plot`` extra)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import ecm_plan
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Indicator, Observation, Value
from ecm_plan.periods import Period
from ecm_plan.plots import STATUS_COLOURS, plot_indicator, plot_trajectory
from ecm_plan.trajectory import Status, Trajectory

YEARS = ["2008-09", "2009-10", "2010-11", "2011-12"]


def _line(ax, label):
    return next(line for line in ax.get_lines() if line.get_label() == label)


def _points(ax, label):
    collection = next(c for c in ax.collections if c.get_label() == label)
    return collection.get_offsets().tolist(), to_hex(collection.get_facecolor()[0])


class TestPlotTrajectory:
    """plot_trajectory draws the planned path, the actuals and their RAG colours."""

    def test_planned_path_from_baseline(self):
        """Wigan NI 19: the compound path 0.86, 0.81, 0.77, 0.73 at positions 0 to 3."""
        path = Trajectory.between(0.86, 0.73, 3, method="compound", ndigits=2)
        ax = plot_trajectory(path, periods=YEARS)
        line = _line(ax, "trajectory (compound)")
        assert [0, 1, 2, 3] == list(line.get_xdata())
        assert [0.86, 0.81, 0.77, 0.73] == list(line.get_ydata())
        assert YEARS == [t.get_text() for t in ax.get_xticklabels()]

    def test_actuals_start_at_baseline_and_keep_gaps(self):
        """Actuals join the baseline; a missing year is a gap, not a zero."""
        path = Trajectory.between(296, 257, 3, unit="count")
        ax = plot_trajectory(path, [280, None, 260])
        ys = list(_line(ax, "actual").get_ydata())
        assert [296.0, 280.0] == ys[:2]
        assert math.isnan(ys[2])
        assert 260.0 == ys[3]
        assert "count" == ax.get_ylabel()

    def test_rag_colours(self):
        """Each assessed actual is marked in its status colour, as assess rates it."""
        path = Trajectory.between(296, 257, 3, unit="count")
        actual = [280.0, 290.0]
        ax = plot_trajectory(path, actual, polarity="lower_is_better")
        statuses = [p.status for p in path.assess(actual, polarity="lower_is_better").periods]
        assert [Status.GREEN, Status.RED, None] == statuses
        assert ([[1.0, 280.0]], STATUS_COLOURS[Status.GREEN]) == _points(ax, "green")
        assert ([[2.0, 290.0]], STATUS_COLOURS[Status.RED]) == _points(ax, "red")

    def test_polarity_from_catalogue(self):
        """An indicator code takes its polarity from the catalogue (NI 19: lower is better)."""
        path = Trajectory.between(0.86, 0.73, 3, method="compound", ndigits=2)
        ax = plot_trajectory(path, [0.80], indicator="NI 19")
        assert ["green"] == [c.get_label() for c in ax.collections]

    def test_no_polarity_no_colours(self):
        """Without a polarity there is nothing to rate, so nothing is coloured."""
        path = Trajectory.between(10, 16, 3)
        assert [] == list(plot_trajectory(path, [12]).collections)

    def test_no_baseline(self):
        """A trajectory without a baseline starts at the first planned period."""
        path = Trajectory.custom(None, [28.6, 28.0, 27.0], unit="percent")
        ax = plot_trajectory(path, [28.9])
        assert [1, 2, 3] == list(_line(ax, "trajectory (custom)").get_xdata())
        assert [1] == list(_line(ax, "actual").get_xdata())

    def test_draws_on_given_axes(self):
        """Given axes are drawn on and returned; a title is set."""
        ax = Figure().subplots()
        assert ax is plot_trajectory(Trajectory.between(1, 2, 2), title="NI 51", ax=ax)
        assert "NI 51" == ax.get_title()

    def test_wrong_periods(self):
        """Period labels must cover the baseline and every planned period."""
        with pytest.raises(TrajectoryError, match="periods has 2 labels; the chart needs 4"):
            plot_trajectory(Trajectory.between(1, 2, 3), periods=YEARS[:2])

    def test_too_many_actuals(self):
        """More actuals than planned periods is an error that says so."""
        with pytest.raises(TrajectoryError, match="3 actual values for a trajectory of 2"):
            plot_trajectory(Trajectory.between(1, 2, 2), [1, 2, 3])

    @settings(max_examples=30, deadline=None)
    @given(
        st.floats(-100, 100),
        st.floats(-100, 100),
        st.integers(1, 6),
        st.lists(st.one_of(st.none(), st.floats(-200, 200)), max_size=6),
    )
    def test_any_trajectory(self, start, end, steps, actual):
        """Any linear path draws its planned values; every rated actual is marked once."""
        path = Trajectory.between(start, end, steps)
        actual = actual[:steps]
        ax = plot_trajectory(path, actual, polarity="higher_is_better")
        assert [start, *path.values] == list(_line(ax, "trajectory (linear)").get_ydata())
        marked = sum(len(c.get_offsets()) for c in ax.collections)
        rated = path.assess(actual, polarity="higher_is_better").periods if actual else []
        assert sum(p.status is not None for p in rated) == marked


class TestPlotIndicator:
    """plot_indicator draws a plan's indicator as the document gives it."""

    def test_wigan_ni_112(self):
        """The 2008-09 actual, then the targets -16, -33, -50 from it."""
        plan = ecm_plan.load_bundled("wigan-2009-12")
        ni112 = next(i for i in plan.indicators if i.id == "NI 112")
        ax = plot_indicator(ni112)
        assert [0.58] == list(_line(ax, "actual").get_ydata())
        assert [0.58, -16.0, -33.0, -50.0] == list(_line(ax, "target").get_ydata())
        assert YEARS == [t.get_text() for t in ax.get_xticklabels()]
        assert ax.get_title().startswith("NI 112: ")
        assert "percent" == ax.get_ylabel()

    def test_provisional_hollow(self):
        """Wigan NI 60's 2011-12 target is provisional: a hollow marker of its own."""
        plan = ecm_plan.load_bundled("wigan-2009-12")
        ni60 = next(i for i in plan.indicators if i.id == "NI 60")
        ax = plot_indicator(ni60)
        provisional = next(c for c in ax.collections if c.get_label() == "target (provisional)")
        assert [[3.0, 86.0]] == provisional.get_offsets().tolist()
        assert 0 == len(provisional.get_facecolor())  # no face: hollow

    def test_not_applicable_left_out(self):
        """Wigan NI 57's 2009-10 target is N/A: no point for it, the others stay."""
        plan = ecm_plan.load_bundled("wigan-2009-12")
        ni57 = next(i for i in plan.indicators if i.id == "NI 57")
        ax = plot_indicator(ni57)
        assert ["2008-09", "2010-11", "2011-12"] == [t.get_text() for t in ax.get_xticklabels()]
        assert [74.0, 90.0, 94.0] == list(_line(ax, "target").get_ydata())

    def test_baseline_and_range(self):
        """A baseline joins the actuals in date order; a range target is a bar."""
        indicator = Indicator(
            id="NI 117",
            title="16 to 18 year olds who are not in education, training or employment",
            unit="percent",
            baseline=Observation(Value("7.9%"), Period.financial_year(2006)),
            actuals={Period.financial_year(2007): Value("7.1%")},
            targets={Period.financial_year(2008): Value("5-6%")},
        )
        ax = plot_indicator(indicator)
        assert [7.9, 7.1] == list(_line(ax, "actual").get_ydata())
        bars = next(c for c in ax.collections if c.get_label() == "target range")
        assert [[[2.0, 5.0], [2.0, 6.0]]] == [s.tolist() for s in bars.get_segments()]

    def test_indicator_without_figures(self):
        """An indicator with no figures draws empty axes with its code as the title."""
        ax = plot_indicator(Indicator(id="2016SC"))
        assert [] == ax.get_lines()
        assert "2016SC" == ax.get_title()


class TestWithoutMatplotlib:
    """The core does not need matplotlib; the charts say how to get it."""

    def test_core_does_not_import_matplotlib(self):
        """Importing the library and the plots module leaves matplotlib unimported."""
        code = "import sys, ecm_plan, ecm_plan.plots; sys.exit('matplotlib' in sys.modules)"
        assert 0 == subprocess.run([sys.executable, "-c", code], check=False).returncode  # noqa: S603 (our own interpreter and a literal script)

    def test_missing_matplotlib(self, monkeypatch):
        """Without matplotlib, drawing raises ImportError naming the extra."""
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(ImportError, match=r'pip install "ecm-plan\[plot\]"'):
            plot_trajectory(Trajectory.between(1, 2, 2))

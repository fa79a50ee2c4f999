"""The shared argument checks, and the wrong kinds of input the public functions refuse."""

from __future__ import annotations

import pickle

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import _args, frames, load_bundled
from ecm_plan.catalog import match_title, measure_of, national_indicator, outcome
from ecm_plan.coverage import check, outcome_matrix, summary
from ecm_plan.dependencies import concentration, cycles, dependency_graph, impact, shared
from ecm_plan.exceptions import ArgumentError, ArgumentValueError, InvalidShareError, PlanError
from ecm_plan.graph import build_graph, build_portfolio_graph, contribution_view, to_dot
from ecm_plan.io import configure_converter, format_of, loads_plan
from ecm_plan.monitoring import check_returns, dumps_returns, plan_actuals
from ecm_plan.periods import financial_year_of, quarters_of
from ecm_plan.report import plan as report_plan


class TestRequireInt:
    @given(st.integers(min_value=1, max_value=1000))
    def test_within_bounds(self, value):
        """An int within the bounds comes back unchanged."""
        assert value == _args.require_int(value, "steps", 1, 1000)

    @given(st.integers().filter(lambda v: not 1 <= v <= 1000))
    def test_outside_bounds(self, value):
        """An int outside the bounds is an ArgumentValueError naming both bounds and the value."""
        with pytest.raises(
            ArgumentValueError, match=rf"steps must be between 1 and 1000, not {value}"
        ):
            _args.require_int(value, "steps", 1, 1000)

    @pytest.mark.parametrize("value", [True, 1.0, "3", None, np.float64(2)])
    def test_not_an_int(self, value):
        """A bool, a float or text is not a whole number."""
        with pytest.raises(ArgumentError, match="steps must be a whole number"):
            _args.require_int(value, "steps", 1, 1000)

    def test_numpy_int(self):
        """A NumPy integer is an int."""
        assert 3 == _args.require_int(np.int64(3), "steps", 1, 1000)

    def test_one_bound(self):
        """A lower bound alone is said as 'N or more'."""
        with pytest.raises(ArgumentValueError, match="limit must be 0 or more, not -1"):
            _args.require_int(-1, "limit", 0)

    def test_error_pickles(self):
        """ArgumentValueError keeps its facts through pickling and is a ValueError."""
        err = ArgumentValueError("steps", "between 1 and 1000", 0)
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 (pickled by this test itself)
        assert ("steps", "between 1 and 1000", 0) == (back.name, back.expected, back.value)
        assert isinstance(back, ValueError)
        assert isinstance(back, PlanError)


class TestOtherChecks:
    def test_real(self):
        """An int or float is a number; nan is refused only when a finite number is asked for."""
        assert 2.0 == _args.require_real(2, "x")
        with pytest.raises(ArgumentValueError, match="x must be a finite number"):
            _args.require_real(float("nan"), "x", finite=True)
        with pytest.raises(ArgumentError):
            _args.require_real(True, "x")  # noqa: FBT003 (a bool is the wrong input under test)

    def test_items(self):
        """Text is not an iterable of items; each wrong item is named by its index."""
        with pytest.raises(ArgumentError, match="plans must be an iterable of a Plan"):
            _args.require_items("abc", "plans", int, "a Plan")
        with pytest.raises(ArgumentError, match=r"plans\[2\] must be"):
            _args.require_items([1, 2, None], "plans", int, "an int")

    def test_path(self):
        """A path is text or os.PathLike of text, never bytes."""
        with pytest.raises(ArgumentError, match="path must be a path"):
            _args.require_path(b"plan.yaml", "path")


PLAN_FUNCTIONS = [
    build_graph,
    check,
    summary,
    outcome_matrix,
    cycles,
    dependency_graph,
    plan_actuals,
]


class TestWrongKinds:
    @pytest.mark.parametrize("function", PLAN_FUNCTIONS, ids=lambda f: f.__name__)
    @pytest.mark.parametrize("value", [None, "sample", {"id": "P1"}, 3])
    def test_not_a_plan(self, function, value):
        """A non-plan is an ArgumentError naming the argument, never an AttributeError."""
        with pytest.raises(ArgumentError, match=r"^plan must be a Plan"):
            function(value)

    @pytest.mark.parametrize("function", [contribution_view, to_dot], ids=lambda f: f.__name__)
    def test_not_a_graph(self, function):
        """A graph function refuses a plan or an undirected graph, naming the argument."""
        with pytest.raises(ArgumentError, match="graph must be a plan graph"):
            function(load_bundled("sample"))
        with pytest.raises(ArgumentError, match="graph must be a plan graph"):
            function(nx.Graph())

    def test_portfolio_graph(self):
        """Plans given as one plan (not a list) are refused."""
        with pytest.raises(ArgumentError, match="plans must be an iterable of a Plan"):
            build_portfolio_graph(None)

    @pytest.mark.parametrize(
        ("call", "name"),
        [
            (lambda: national_indicator(None), "code"),
            (lambda: outcome({}), "key"),
            (lambda: measure_of(None), "subject"),
            (lambda: match_title(b"sport"), "text"),
            (lambda: impact(load_bundled("sample"), None), "element_id"),
            (lambda: format_of(None), "path"),
            (lambda: loads_plan(None), "text"),
            (lambda: configure_converter(None), "conv"),
            (lambda: financial_year_of("2009-03-31"), "date"),
            (lambda: quarters_of("2008-09"), "period"),
            (lambda: dumps_returns(None), "returns"),
            (lambda: check_returns(plan_actuals(load_bundled("sample")), None), "plan"),
        ],
    )
    def test_names_the_argument(self, call, name):
        """Each function names the argument it refuses."""
        with pytest.raises(ArgumentError, match=rf"^{name} must be"):
            call()

    def test_limit_bounds(self):
        """A negative limit is an ArgumentValueError, also a ValueError."""
        with pytest.raises(ValueError, match="limit must be 0 or more"):
            match_title("sport", limit=-1)


def test_items_of_a_zero_dimensional_array():
    """A 0-d array claims to be iterable but is not: refused like a scalar."""
    with pytest.raises(ArgumentError, match="plans must be an iterable of a Plan"):
        _args.require_items(np.array(3.0), "plans", int, "a Plan")


class TestDependencySizes:
    def test_min_priorities(self):
        """min_priorities is a whole number of 1 or more."""
        with pytest.raises(ArgumentValueError, match="min_priorities must be 1 or more, not 0"):
            shared(load_bundled("sample"), min_priorities=0)
        with pytest.raises(ArgumentError, match="min_priorities must be a whole number"):
            shared(load_bundled("sample"), min_priorities=None)

    def test_top(self):
        """top is None or a whole number of 0 or more."""
        with pytest.raises(ArgumentError, match="top must be a whole number"):
            concentration(load_bundled("sample"), top="3")
        with pytest.raises(ArgumentValueError, match="top must be 0 or more"):
            concentration(load_bundled("sample"), top=-1)


class TestOutputs:
    @pytest.mark.parametrize(
        "function",
        [
            report_plan.plan_header,
            report_plan.summary_table,
            report_plan.plan_findings,
            report_plan.trajectory_table,
            report_plan.analysis_sections,
            report_plan.plan_report,
        ],
        ids=lambda f: f.__name__,
    )
    def test_report_not_a_plan(self, function):
        """Each report function names the plan argument it refuses."""
        with pytest.raises(ArgumentError, match=r"^plan must be a Plan"):
            function(None)

    def test_frames(self):
        """The frame functions name what they refuse."""
        pytest.importorskip("pandas")
        with pytest.raises(ArgumentError, match=r"^plans must be an iterable of a Plan"):
            frames.values_frame(None)
        with pytest.raises(ArgumentError, match=r"^findings\[0\] must be a Finding"):
            frames.findings_frame(["ECM101"])
        with pytest.raises(ArgumentError, match=r"^table must be a Table"):
            frames.table_frame([["a"]])


def test_coverage_severity_must_be_a_mapping():
    """A severity argument that is not a mapping is named, not an AttributeError."""
    with pytest.raises(ArgumentError, match=r"^severity must be a mapping"):
        check(load_bundled("sample"), severity=True)


@pytest.mark.parametrize("argument", ["rules", "disable"])
def test_coverage_codes_must_be_iterable(argument):
    """Rules to run or to disable must be codes or slugs; a bool is named, not a TypeError."""
    with pytest.raises(ArgumentError, match=rf"^{argument} must be an iterable of a rule code"):
        check(load_bundled("sample"), **{argument: True})
    with pytest.raises(ArgumentError, match=rf"^{argument}\[0\] must be a rule code"):
        check(load_bundled("sample"), **{argument: [3]})


@pytest.mark.parametrize("share", [10**400, float("nan"), 0])
def test_impact_share_out_of_range(share):
    """A share outside (0, 1], a huge int included, is InvalidShareError, not OverflowError."""
    with pytest.raises(InvalidShareError):
        impact(load_bundled("sample"), "P1", share=share)

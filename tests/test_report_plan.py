"""A plan's report builds its graph, coverage facts and references once."""

from __future__ import annotations

import importlib
import io

import pytest

import ecm_plan
from ecm_plan import _references, cli, graph
from ecm_plan.coverage import _facts
from ecm_plan.dependencies import _reader
from ecm_plan.report import plan as report_plan

# Modules whose names their packages shadow with functions of the same name.
matrix = importlib.import_module("ecm_plan.coverage.matrix")
rules = importlib.import_module("ecm_plan.coverage.rules")
summary = importlib.import_module("ecm_plan.coverage.summary")
dependency_references = importlib.import_module("ecm_plan.dependencies.references")


class _Counter:
    """Wrap a function and count its calls."""

    def __init__(self, function):
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def counted(monkeypatch):
    """Count calls of build_graph, of the reference finder and of the coverage facts."""
    counters = {
        "build_graph": _Counter(graph.build_graph),
        "find_references": _Counter(_references.find_references),
        "Facts": _Counter(_facts.Facts),
    }
    for module in (graph, report_plan, _reader, ecm_plan):
        monkeypatch.setattr(module, "build_graph", counters["build_graph"])
    for module in (graph, dependency_references, _references):
        monkeypatch.setattr(module, "find_references", counters["find_references"])
    for module in (_facts, report_plan, matrix, rules, summary):
        monkeypatch.setattr(module, "Facts", counters["Facts"])
    return counters


class TestOnePass:
    @pytest.mark.parametrize("name", ["sample", "southend-2008-09", "wigan-2009-12"])
    def test_plan_report(self, counted, name):
        """plan_report builds the graph, the references and the coverage facts once each."""
        plan = ecm_plan.load_bundled(name)
        report_plan.plan_report(plan)
        assert {"build_graph": 1, "find_references": 1, "Facts": 1} == {
            key: counter.calls for key, counter in counted.items()
        }

    def test_plan_findings(self, counted):
        """plan_findings builds each of them once too."""
        report_plan.plan_findings(ecm_plan.load_bundled("southend-2008-09"))
        assert [1, 1, 1] == [counter.calls for counter in counted.values()]

    @pytest.mark.parametrize(
        "extra",
        [
            [],
            ["--json"],
            ["--strict"],
            ["--json", "--strict"],
            ["--format", "markdown", "--strict"],
            ["--format", "csv", "--severity", "warning"],
            ["--width", "80"],
        ],
    )
    def test_command_line(self, counted, extra):
        """``ecm-plan report`` builds each once, in every format and with --strict."""
        cli.main(["report", "southend-2008-09", *extra], out=io.StringIO(), err=io.StringIO())
        assert [1, 1, 1] == [counter.calls for counter in counted.values()]

    def test_same_findings(self):
        """The report's findings are those of the coverage and dependency functions."""
        plan = ecm_plan.load_bundled("southend-2008-09")
        from ecm_plan import coverage, dependencies  # noqa: PLC0415 (beside its use)

        expected = tuple(sorted([*coverage.check(plan), *dependencies.dependency_findings(plan)]))
        assert expected == report_plan.plan_findings(plan)

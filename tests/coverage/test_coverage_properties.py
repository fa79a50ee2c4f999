"""Tests for properties of check, summary and the outcome matrix over generated plans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ecm_plan.coverage import all_rules, check, outcome_matrix, summary
from ecm_plan.coverage._facts import Facts
from ecm_plan.findings import Finding, Severity
from ecm_plan.graph import build_graph
from ecm_plan.testing import plans


class TestProperties:
    """Properties over generated plans (ecm_plan.testing.plans).

    The number of examples follows the Hypothesis profile (``HYPOTHESIS_PROFILE``); several
    properties share one test because generating a plan is the slow part.
    """

    @settings(deadline=None)
    @given(
        plans(),
        st.sampled_from([r.code for r in all_rules()]),
        st.sampled_from(list(Severity)),
    )
    def test_on_any_plan(self, plan, code, level):
        """check, summary and the matrix agree with the plan, and disabling and severity
        overrides act as documented (one drawn plan serves every property below)."""
        _check_summary_matrix(plan)
        _disabling_and_severity(plan, code, level)


def _check_summary_matrix(plan):
    """For any valid plan: check() returns sorted findings located in the plan; summary
    counts are within bounds; the matrix has a cell per priority in each row."""
    result = check(plan)
    assert list(result) == sorted(result), "findings are not sorted"
    assert all(isinstance(f, Finding) and f.plan == plan.id for f in result), "foreign finding"
    index = {e.id: path for path, e in plan.iter_elements()}
    for finding in result:
        if finding.subject in index:
            assert finding.path.startswith(index[finding.subject]), "finding path elsewhere"
    assert all(0 <= k.complete <= k.total for k in summary(plan).kinds), "summary out of bounds"
    matrix = outcome_matrix(plan)
    assert {len(plan.priorities)} == {len(r.links) for r in matrix.rows}, "matrix row width"
    # Reading reach from the plan's graph changes no finding, summary or matrix.
    graph = build_graph(plan)
    assert Facts(plan).reach == Facts(plan, graph).reach, "reach differs with the graph"
    assert result == check(plan, graph=graph), "findings differ with the graph"
    assert summary(plan) == summary(plan, graph=graph), "summary differs with the graph"
    assert matrix == outcome_matrix(plan, graph=graph), "matrix differs with the graph"


def _disabling_and_severity(plan, code, level):
    """Disabling a rule removes its findings and no others; overriding every rule's
    severity reports every finding at that severity."""
    every = check(plan)
    disabled = list(check(plan, disable=[code]))
    assert [f for f in every if f.code != code] == disabled, f"disabling {code}"
    result = check(plan, severity={r.code: level for r in all_rules()})
    assert all(f.severity is level for f in result), f"severity {level} for every rule"

"""Tests for the ECM0xx rules, about the plan as a whole.

Each rule is tested on a plan that breaks it and on plans that keep it.
"""

from __future__ import annotations

import attrs
from coverage_plans import (
    found,
    make_action,
    make_indicator,
    make_objective,
    make_plan,
    make_priority,
    with_action,
)

from ecm_plan.coverage import check
from ecm_plan.model import Target


class TestECM001PlanWithoutPriorities:
    """ECM001: a plan with no priorities is said once, plainly."""

    def test_breaks(self):
        """A vision-only plan gets one finding saying it holds a vision and no priorities."""
        plan = make_plan(priorities=[], indicators=[])
        (finding,) = check(plan)
        assert ("ECM001", "test", "priorities") == (finding.code, finding.subject, finding.path)
        assert finding.message.startswith("The document holds a vision, but no priorities")

    def test_keeps(self):
        """A plan with priorities keeps the rule."""
        assert [] == found(make_plan(), "ECM001")


class TestECM002PlanWithoutLeads:
    """ECM002: a plan that names no lead anywhere is said once."""

    def test_breaks(self):
        """No leads anywhere: one ECM002, and no per-priority or per-action findings."""
        plan = make_plan(
            priorities=[
                make_priority(
                    leads=[],
                    objectives=[make_objective(leads=[], actions=[make_action(leads=[])])],
                )
            ]
        )
        assert ["ECM002"] == [f.code for f in check(plan, ["ECM002", "ECM202", "ECM301"])]

    def test_keeps(self):
        """One lead anywhere keeps the rule, and the per-element rules run."""
        plan = make_plan(priorities=[make_priority(leads=[])])
        assert ["ECM202"] == [f.code for f in check(plan, ["ECM002", "ECM202", "ECM301"])]


class TestECM003PlanWithoutFunding:
    """ECM003: a plan that allocates no funding is said once."""

    def test_breaks(self):
        """No allocations: one ECM003 naming the unused stream, no ECM501 or ECM502."""
        plan = with_action(make_action(funding=[]))
        plan = attrs.evolve(
            plan,
            priorities=[
                attrs.evolve(
                    plan.priorities[0],
                    objectives=[attrs.evolve(plan.priorities[0].objectives[0], funding=[])],
                )
            ],
        )
        result = check(plan, ["ECM003", "ECM501", "ECM502"])
        assert [("ECM003", "test")] == [(f.code, f.subject) for f in result]
        assert "names 1 funding stream but allocates none" in result[0].message

    def test_keeps(self):
        """Any allocation keeps the rule."""
        assert [] == found(make_plan(), "ECM003")


class TestECM004PlanWithoutBaselines:
    """ECM004: a plan whose measurable targets have no baselines at all is said once."""

    def test_breaks(self):
        """No baseline anywhere: one ECM004, no ECM402."""
        plan = make_plan(indicators=[make_indicator(actuals={})])
        result = check(plan, ["ECM004", "ECM402"])
        assert [("ECM004", "None of the plan's 1 measurable target has a baseline.")] == [
            (f.code, f.message) for f in result
        ]

    def test_keeps(self):
        """A baseline anywhere keeps the rule."""
        assert [] == found(make_plan(), "ECM004")

    def test_no_measurable_targets(self):
        """A plan with no measurable targets is not reported."""
        plan = with_action(make_action(targets=[Target(id="T", text="Framework in place")]))
        assert [] == found(plan, "ECM004")

"""Tests for the ECM2xx rules, about priorities and objectives, each both ways."""

from __future__ import annotations

from coverage_plans import (
    found,
    make_action,
    make_objective,
    make_plan,
    make_priority,
    make_target,
    subjects,
    with_action,
)

from ecm_plan.coverage import check
from ecm_plan.findings import Severity
from ecm_plan.model import Target


class TestECM201PriorityWithoutWork:
    """ECM201: a priority with no objectives and no actions."""

    def test_breaks(self):
        """A priority with nothing under it is reported."""
        plan = make_plan(priorities=[make_priority(), make_priority("P2", objectives=[])])
        assert ["P2"] == subjects(plan, "ECM201")

    def test_actions_without_objectives_keep(self):
        """Actions hung directly off the priority (Stockton's shape) keep the rule."""
        priority = make_priority(objectives=[], actions=[make_action("P1.A1")])
        assert [] == found(make_plan(priorities=[priority]), "ECM201")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM201")


class TestECM202PriorityWithoutLead:
    """ECM202: a priority with no lead."""

    def test_breaks(self):
        """A priority with no lead is reported, with its code in the message."""
        plan = make_plan(priorities=[make_priority(leads=[])])
        assert [("P1", "Priority P1 (Priority 1) 'Reduce teenage pregnancy' has no lead.")] == (
            found(plan, "ECM202")
        )

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM202")


class TestECM203PriorityWithoutMeasurableTarget:
    """ECM203: a priority with no measurable target anywhere under it."""

    def test_breaks(self):
        """Only qualitative targets: reported."""
        plan = with_action(make_action(targets=[Target(id="T", text="Framework in place")]))
        assert ["P1"] == subjects(plan, "ECM203")

    def test_priority_level_target_keeps(self):
        """A measurable target on the priority itself keeps the rule."""
        priority = make_priority(
            targets=[make_target("P1.T1")],
            objectives=[make_objective(actions=[make_action(targets=[])])],
        )
        assert [] == found(make_plan(priorities=[priority]), "ECM203")

    def test_objective_level_target_keeps(self):
        """A measurable target on an objective keeps the rule."""
        objective = make_objective(
            targets=[make_target("P1.O1.T1")], actions=[make_action(targets=[])]
        )
        priority = make_priority(objectives=[objective])
        assert [] == found(make_plan(priorities=[priority]), "ECM203")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM203")


class TestECM204OrganisationalSupportsNothing:
    """ECM204: an organisational priority that supports no service priority."""

    def test_breaks(self):
        """No supports: reported."""
        org = make_priority("P2", kind="organisational")
        assert ["P2"] == subjects(make_plan(priorities=[make_priority(), org]), "ECM204")

    def test_supports_only_organisational(self):
        """Supporting only another organisational priority is reported, saying so."""
        first = make_priority("P2", kind="organisational", supports=["P1"])
        second = make_priority("P3", kind="organisational", supports=["P2"])
        result = found(make_plan(priorities=[make_priority(), first, second]), "ECM204")
        assert ["P3"] == [s for s, _ in result]
        assert "supports only organisational priorities" in result[0][1]

    def test_keeps(self):
        """Supporting a service priority keeps the rule."""
        org = make_priority("P2", kind="organisational", supports=["P1"])
        assert [] == found(make_plan(priorities=[make_priority(), org]), "ECM204")


class TestECM205ObjectiveWithoutActions:
    """ECM205: an objective with no actions (information)."""

    def test_breaks(self):
        """An objective with no actions is reported at info."""
        priority = make_priority(objectives=[make_objective(), make_objective("P1.O2", actions=[])])
        result = check(make_plan(priorities=[priority]), ["ECM205"])
        assert [("P1.O2", Severity.INFO)] == [(f.subject, f.severity) for f in result]

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM205")

"""Tests for the ECM5xx rules, about funding, each both ways."""

from __future__ import annotations

import pytest
from coverage_plans import (
    found,
    make_action,
    make_objective,
    make_plan,
    make_priority,
    subjects,
    with_action,
)

from ecm_plan.coverage import check
from ecm_plan.findings import Severity
from ecm_plan.model import Allocation, Money


class TestECM501ObjectiveUnfunded:
    """ECM501: an objective with no funding."""

    def test_breaks(self):
        """An objective with no funding of its own, above or below is reported."""
        bare = make_objective("P1.O2", funding=[], actions=[make_action("P1.O2.A1", funding=[])])
        plan = make_plan(priorities=[make_priority(objectives=[make_objective(), bare])])
        assert ["P1.O2"] == subjects(plan, "ECM501")

    def test_funded_action_keeps(self):
        """An objective whose action is funded counts as funded."""
        objective = make_objective(funding=[])
        assert [] == found(make_plan(priorities=[make_priority(objectives=[objective])]), "ECM501")

    def test_priority_funding_keeps(self):
        """Funding to the priority as a whole counts for its objectives."""
        bare = make_objective("P1.O2", funding=[], actions=[make_action("P1.O2.A1", funding=[])])
        priority = make_priority(
            objectives=[make_objective(), bare],
            funding=[Allocation(stream="ABG", amount=Money("£1m"))],
        )
        assert [] == found(make_plan(priorities=[priority]), "ECM501")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM501")


class TestECM502ActionUnfunded:
    """ECM502: an action with no funding (information)."""

    def test_breaks(self):
        """An action with no funding, under an unfunded objective, is listed at info."""
        bare = make_objective("P1.O2", funding=[], actions=[make_action("P1.O2.A1", funding=[])])
        plan = make_plan(priorities=[make_priority(objectives=[make_objective(), bare])])
        result = check(plan, ["ECM502"])
        assert [("P1.O2.A1", Severity.INFO)] == [(f.subject, f.severity) for f in result]

    def test_objective_funding_keeps(self):
        """An action under a funded objective counts as funded."""
        assert [] == found(with_action(make_action(funding=[])), "ECM502")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM502")


class TestECM504FundingUnquantified:
    """ECM504: allocations that state no amount (information)."""

    @pytest.mark.parametrize(
        "allocation",
        [
            Allocation(stream="ABG", amount=Money("To be confirmed")),
            Allocation(stream="ABG", amount=Money("CYPS Base Budget")),
            Allocation(stream="ABG"),
        ],
    )
    def test_breaks(self, allocation):
        """No amount, 'To be confirmed' or a base budget: listed with the allocation's path."""
        result = check(with_action(make_action(funding=[allocation])), ["ECM504"])
        assert [("P1.O1.A1", "priorities[0].objectives[0].actions[0].funding[0]")] == [
            (f.subject, f.path) for f in result
        ]

    def test_nil_is_an_amount(self):
        """'Nil additional' states an amount: nothing."""
        allocation = Allocation(stream="ABG", amount=Money("Nil additional"))
        assert [] == found(with_action(make_action(funding=[allocation])), "ECM504")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM504")

"""Tests for ecm_plan.coverage.summary: the completeness summary."""

from __future__ import annotations

import attrs
import pytest
from coverage_plans import PERIOD, make_action, make_plan, make_priority, with_action

from ecm_plan.coverage import CoverageSummary, summary
from ecm_plan.model import Due, Plan


class TestSummary:
    """summary() gives the complete share of each kind of element."""

    def test_clean_plan_complete(self):
        """Everything in the clean plan is complete."""
        result = summary(make_plan())
        assert [
            ("outcome", 5, 5),
            ("priority", 1, 1),
            ("objective", 1, 1),
            ("action", 1, 1),
            ("target", 1, 1),
            ("indicator", 1, 1),
        ] == [(k.kind, k.complete, k.total) for k in result.kinds]

    def test_warning_makes_incomplete(self):
        """An element with a warning is incomplete; an info finding does not count."""
        plan = with_action(make_action(leads=[], due=Due("Annual review of Plan")))
        assert (0, 1) == (summary(plan).kind("action").complete, summary(plan).kind("action").total)

    def test_follows_the_rules_given(self):
        """Disabling the rule makes the element complete again."""
        plan = with_action(make_action(leads=[]))
        assert 1 == summary(plan, disable=["ECM301"]).kind("action").complete

    def test_outcomes_served(self):
        """An outcome is complete when a priority serves it."""
        plan = make_plan(priorities=[make_priority(outcomes=["be_healthy"])])
        assert 0.2 == summary(plan).kind("outcome").share

    def test_empty_plan(self):
        """No elements: shares are None and render as '-'."""
        result = summary(Plan(id="empty", authority="A", title="T", period=PERIOD))
        assert None is result.kind("action").share
        assert ("action", "0", "0", "-") == result.to_tables()[0].rows[3]

    def test_unknown_kind(self):
        """An unknown kind raises KeyError."""
        with pytest.raises(KeyError):
            summary(make_plan()).kind("milestone")

    def test_is_frozen(self):
        """The result is a frozen value."""
        assert isinstance(summary(make_plan()), CoverageSummary)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            summary(make_plan()).plan = "x"  # type: ignore[misc]  # assigning to a frozen class, on purpose

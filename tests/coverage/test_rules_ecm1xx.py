"""Tests for the ECM1xx rules, about outcomes and aims, each both ways."""

from __future__ import annotations

from coverage_plans import ALL_OUTCOMES, found, make_plan, make_priority, subjects

from ecm_plan.coverage import check
from ecm_plan.findings import Severity
from ecm_plan.model import OutcomeLink


class TestECM101OutcomeNotServed:
    """ECM101: an outcome no priority serves."""

    def test_breaks(self):
        """Each unserved outcome is a finding, by key."""
        plan = make_plan(priorities=[make_priority(outcomes=["be_healthy", "stay_safe"])])
        assert ["economic_wellbeing", "enjoy_and_achieve", "positive_contribution"] == subjects(
            plan, "ECM101"
        )

    def test_message(self):
        """The message names the outcome as the framework words it."""
        plan = make_plan(priorities=[make_priority(outcomes=ALL_OUTCOMES[:4])])
        assert [
            ("economic_wellbeing", "No priority serves the outcome 'Achieve economic well-being'.")
        ] == found(plan, "ECM101")

    def test_inferred_link_serves(self):
        """An inferred link counts as serving."""
        links = [OutcomeLink(k, inferred=True) for k in ALL_OUTCOMES]
        assert [] == found(make_plan(priorities=[make_priority(outcomes=links)]), "ECM101")

    def test_keeps(self):
        """All outcomes served keeps the rule."""
        assert [] == found(make_plan(), "ECM101")

    def test_silent_without_priorities(self):
        """A plan with no priorities gets ECM001, not five ECM101."""
        assert [] == found(make_plan(priorities=[], indicators=[]), "ECM101")


class TestECM102AimNotServed:
    """ECM102: aims of a served outcome that no priority names (information)."""

    def test_breaks(self):
        """Naming aims 1 and 2 of Be healthy leaves aims 3-5 reported, at info."""
        links = [OutcomeLink("be_healthy", aims=(1, 2)), *ALL_OUTCOMES[1:]]
        plan = make_plan(priorities=[make_priority(outcomes=links)])
        result = check(plan, ["ECM102"])
        assert ["be_healthy.3", "be_healthy.4", "be_healthy.5"] == [f.subject for f in result]
        assert {Severity.INFO} == {f.severity for f in result}

    def test_whole_outcome_link_covers_aims(self):
        """A link to the whole outcome counts for each of its aims."""
        links = [OutcomeLink("be_healthy", aims=(1,)), *ALL_OUTCOMES]
        assert [] == found(make_plan(priorities=[make_priority(outcomes=links)]), "ECM102")

    def test_unserved_outcome_not_repeated_by_aim(self):
        """Aims of an unserved outcome are left to ECM101."""
        plan = make_plan(priorities=[make_priority(outcomes=["be_healthy"])])
        assert [] == found(plan, "ECM102")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM102")


class TestECM103PriorityReachesNoOutcome:
    """ECM103: a priority that reaches no outcome."""

    def test_breaks(self):
        """A service priority with no outcome links is reported."""
        plan = make_plan(priorities=[make_priority(), make_priority("P2", outcomes=[])])
        assert ["P2"] == subjects(plan, "ECM103")

    def test_organisational_through_supports(self):
        """An organisational priority reaches outcomes through what it supports."""
        org = make_priority("P2", kind="organisational", outcomes=[], supports=["P1"])
        assert [] == found(make_plan(priorities=[make_priority(), org]), "ECM103")

    def test_organisational_supporting_unlinked(self):
        """Supporting only priorities that reach nothing reaches nothing."""
        org = make_priority("P3", kind="organisational", outcomes=[], supports=["P2"])
        plan = make_plan(priorities=[make_priority(), make_priority("P2", outcomes=[]), org])
        result = found(plan, "ECM103")
        assert ["P2", "P3"] == [s for s, _ in result]
        assert "supports no priority that does" in result[1][1]

    def test_support_cycle_terminates(self):
        """Organisational priorities supporting each other do not loop."""
        a = make_priority("P2", kind="organisational", outcomes=[], supports=["P3"])
        b = make_priority("P3", kind="organisational", outcomes=[], supports=["P2"])
        plan = make_plan(priorities=[make_priority(), a, b])
        assert ["P2", "P3"] == subjects(plan, "ECM103")

    def test_organisational_without_supports_left_to_ecm204(self):
        """An organisational priority that supports nothing is reported by ECM204 only."""
        org = make_priority("P2", kind="organisational", outcomes=[])
        assert [] == found(make_plan(priorities=[make_priority(), org]), "ECM103")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM103")

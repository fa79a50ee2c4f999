"""Tests for the ECM3xx rules, about actions, due periods and milestones, each both ways."""

from __future__ import annotations

import pytest
from coverage_plans import (
    found,
    make_action,
    make_objective,
    make_plan,
    make_priority,
    quarterly,
    subjects,
    with_action,
)

from ecm_plan.coverage import check
from ecm_plan.findings import Severity
from ecm_plan.model import Due, Milestone
from ecm_plan.periods import Period


class TestECM301ActionWithoutLead:
    """ECM301: an action with no lead."""

    def test_breaks(self):
        """An action with no lead is reported; the message names its objective's lead."""
        plan = with_action(make_action(leads=[]))
        ((subject, message),) = found(plan, "ECM301")
        assert "P1.O1.A1" == subject
        assert message.endswith("has no lead; its objective P1.O1 is led by L1.")

    def test_lead_not_yet_agreed(self):
        """An action whose lead is not yet agreed is reported as such, not as having none."""
        plan = with_action(make_action(leads=[], lead_status="not_agreed"))
        ((subject, message),) = found(plan, "ECM301")
        assert "P1.O1.A1" == subject
        assert message.endswith("has its lead not yet agreed; its objective P1.O1 is led by L1.")
        assert "no lead" not in message

    def test_priority_lead_named(self):
        """With no objective lead, the priority's lead is named."""
        action = make_action("P1.A1", leads=[])
        plan = make_plan(priorities=[make_priority(objectives=[], actions=[action])])
        assert found(plan, "ECM301")[0][1].endswith("its priority P1 is led by L1.")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM301")


class TestECM302ActionWithoutDue:
    """ECM302: an action with no due period."""

    @pytest.mark.parametrize("due", [None, Due(""), Due("Apply for pilot")])
    def test_breaks(self, due):
        """No due, an empty cell, or text naming no time: reported."""
        plan = with_action(make_action(due=due, milestones=[]))
        assert ["P1.O1.A1"] == subjects(plan, "ECM302")

    def test_dated_milestones_are_a_timetable(self):
        """An action dated by its milestones (Wigan's delivery plan) has a timetable."""
        assert [] == found(with_action(make_action(due=None)), "ECM302")

    def test_objective_milestones_are_a_timetable(self):
        """Dated milestones the objective's actions share time the actions too."""
        objective = make_objective(
            milestones=quarterly(), actions=[make_action(due=None, milestones=[])]
        )
        assert [] == found(make_plan(priorities=[make_priority(objectives=[objective])]), "ECM302")

    def test_undated_milestones_are_not(self):
        """Milestones with no period do not date the action."""
        plan = with_action(make_action(due=None, milestones=[Milestone("Start")]))
        assert ["P1.O1.A1"] == subjects(plan, "ECM302")

    @pytest.mark.parametrize("due", ["Annual review of Plan", "In line with National timetable"])
    def test_undated_timing_left_to_ecm303(self, due):
        """Recurring and external timings are ECM303's, not a miss."""
        assert [] == found(with_action(make_action(due=Due(due))), "ECM302")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM302")


class TestECM303ActionDueUndated:
    """ECM303: recurring or external timings, listed as information."""

    def test_recurring(self):
        """A recurring timing is listed at info."""
        result = check(with_action(make_action(due=Due("Annual review of Plan"))), ["ECM303"])
        assert [("P1.O1.A1", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert "recurring, not a date" in result[0].message

    def test_external(self):
        """A timing set elsewhere is listed."""
        plan = with_action(make_action(due=Due("In line with National timetable")))
        assert "set elsewhere, not a date" in found(plan, "ECM303")[0][1]

    def test_keeps(self):
        """A dated action keeps the rule."""
        assert [] == found(make_plan(), "ECM303")


class TestECM304ActionDueOutsidePlan:
    """ECM304: a due period wholly outside the plan's period."""

    def test_before(self):
        """Due before the plan starts: reported as before."""
        plan = with_action(make_action(due=Due("October 2008")))
        assert "before the plan starts" in found(plan, "ECM304")[0][1]

    def test_after(self):
        """Due after the plan ends: reported as after."""
        plan = with_action(make_action(due=Due("May 2013")))
        assert "after it ends" in found(plan, "ECM304")[0][1]

    def test_from_after_the_plan(self):
        """Work starting after the plan ends is outside it."""
        assert ["P1.O1.A1"] == subjects(
            with_action(make_action(due=Due("From April 2013"))), "ECM304"
        )

    def test_ongoing_from_before_keeps(self):
        """Work ongoing from before the plan started is in the plan."""
        plan = with_action(make_action(due=Due("Ongoing from April 2007")))
        assert [] == found(plan, "ECM304") + found(plan, "ECM305")

    def test_by_the_month_after_the_plan(self):
        """'April 2012' in a plan ending 31 March 2012 reads as by the start of April: inside."""
        plan = with_action(make_action(due=Due("April 2012")))
        assert [] == found(plan, "ECM304") + found(plan, "ECM305")

    def test_two_months_after_the_plan(self):
        """'May 2012' in a plan ending 31 March 2012 is after it."""
        assert ["P1.O1.A1"] == subjects(with_action(make_action(due=Due("May 2012"))), "ECM304")

    def test_partial_overlap_is_not_outside(self):
        """A due period that overlaps the plan is ECM305's, not ECM304's."""
        assert [] == found(with_action(make_action(due=Due("2012"))), "ECM304")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM304")


class TestECM305ActionDuePartlyOutsidePlan:
    """ECM305: a due period that runs over the edge of the plan (information)."""

    def test_coarse_year_at_the_end(self):
        """'2012' in a plan ending March 2012 ends after the plan."""
        result = check(with_action(make_action(due=Due("2012"))), ["ECM305"])
        assert [("P1.O1.A1", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert "(2012), which ends after the plan (2009-10 to 2011-12)" in result[0].message

    def test_programme_started_before(self):
        """A span starting before the plan starts before it."""
        plan = with_action(make_action(due=Due("3 year action plan (2008- 2011)")))
        assert "starts before the plan" in found(plan, "ECM305")[0][1]

    def test_several_periods_ending_at_the_edge(self):
        """'December 2011 April 2012': the later period is read as the plan's last day."""
        plan = with_action(make_action(due=Due("December 2011 April 2012")))
        assert [] == found(plan, "ECM305")

    def test_season_over_the_edge(self):
        """'Spring 2012' (March to May) runs over the end of a plan ending in March."""
        assert ["P1.O1.A1"] == subjects(with_action(make_action(due=Due("Spring 2012"))), "ECM305")

    def test_keeps(self):
        """A due period inside the plan keeps the rule."""
        assert [] == found(make_plan(), "ECM305")


class TestECM306MilestonesMissingQuarter:
    """ECM306: quarterly milestones that miss a quarter the plan uses."""

    def test_breaks(self):
        """Q1, Q2 and Q4 only: Q3 is reported."""
        milestones = [m for m in quarterly() if m.label != "Q3"]
        plan = with_action(make_action(milestones=milestones))
        assert [
            (
                "P1.O1.A1",
                (
                    "Action P1.O1.A1 'Open a sexual health clinic in each locality' "
                    "has no milestone for quarter 2009-10 Q3."
                ),
            )
        ] == found(plan, "ECM306")

    def test_each_year_used(self):
        """Milestones in two years must cover both years' quarters."""
        milestones = [*quarterly(2009), Milestone("Review", Period.quarter(2010, 2))]
        plan = with_action(make_action(milestones=milestones))
        assert found(plan, "ECM306")[0][1].endswith(
            "quarters 2010-11 Q1, 2010-11 Q3 and 2010-11 Q4."
        )

    def test_month_counts_for_its_quarter(self):
        """A milestone dated by month counts for the quarter it lies in."""
        milestones = [*quarterly()[1:], Milestone("Start", Period.month(2009, 6))]
        assert [] == found(with_action(make_action(milestones=milestones)), "ECM306")

    def test_span_counts_for_each_quarter(self):
        """A milestone over Q1 to Q3 ("Q1-3") counts for each of the three quarters."""
        span = Period.span(Period.quarter(2009, 1), Period.quarter(2009, 3))
        milestones = [Milestone("Pilot", span, "Q1-3"), quarterly()[3]]
        assert [] == found(with_action(make_action(milestones=milestones)), "ECM306")

    def test_span_does_not_cover_later_quarters(self):
        """A span over Q1 to Q2 leaves Q3 reported when nothing else dates it."""
        span = Period.span(Period.quarter(2009, 1), Period.quarter(2009, 2))
        milestones = [Milestone("Pilot", span, "Q1-2"), quarterly()[3]]
        result = found(with_action(make_action(milestones=milestones)), "ECM306")
        assert result[0][1].endswith("has no milestone for quarter 2009-10 Q3.")

    def test_undated_milestones(self):
        """Undated milestones in a plan that uses quarters are reported."""
        other = make_action("P1.O1.A2", milestones=[Milestone("Start"), Milestone("Finish")])
        plan = make_plan(
            priorities=[make_priority(objectives=[make_objective(actions=[make_action(), other])])]
        )
        assert [("P1.O1.A2")] == subjects(plan, "ECM306")
        assert "none is dated" in found(plan, "ECM306")[0][1]

    def test_objective_milestones(self):
        """Milestones an objective's actions share are checked on the objective."""
        shared = [m for m in quarterly() if m.label != "Q2"]
        objective = make_objective(milestones=shared, actions=[make_action(milestones=[])])
        plan = make_plan(priorities=[make_priority(objectives=[objective])])
        result = found(plan, "ECM306")
        assert ["P1.O1"] == [subject for subject, _ in result]
        assert result[0][1].startswith("Objective P1.O1 (1.1) 'Targeted sexual health services'")

    def test_plan_without_quarters_keeps(self):
        """A plan whose milestones are not dated by quarter is not checked."""
        milestones = [Milestone("Start", Period.month(2009, 6))]
        assert [] == found(with_action(make_action(milestones=milestones)), "ECM306")

    def test_action_without_milestones_keeps(self):
        """Actions without milestones are not checked."""
        other = make_action("P1.O1.A2", milestones=[])
        plan = make_plan(
            priorities=[make_priority(objectives=[make_objective(actions=[make_action(), other])])]
        )
        assert [] == found(plan, "ECM306")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM306")


class TestECM307DueImpossibleDate:
    """ECM307: a due that holds a date that cannot exist, in a plan built in Python."""

    def test_breaks(self):
        """An action due on 31 February is an error naming the date and why."""
        plan = with_action(make_action(due=Due("31/02/2010")))
        ((subject, message),) = found(plan, "ECM307")
        assert "P1.O1.A1" == subject
        assert "'31/02/2010'" in message
        assert "February 2010 has 28 days" in message
        assert Severity.ERROR is next(f for f in check(plan) if f.code == "ECM307").severity

    def test_passes(self):
        """A real date, and a due that names no date at all, are not reported."""
        for text in ("28/02/2010", "2010-03-31", "In line with National timetable"):
            assert [] == found(with_action(make_action(due=Due(text))), "ECM307")

    @pytest.mark.parametrize("name", ["sample", "wigan-2009-12", "southend-2008-09"])
    def test_bundled_plans_pass(self, name):
        """No bundled plan holds an impossible date."""
        from ecm_plan import load_bundled  # noqa: PLC0415 (only this test needs the plans)

        assert [] == [f for f in check(load_bundled(name)) if f.code == "ECM307"]

"""Plans for the coverage tests: :func:`make_plan` keeps every rule (it has no findings at
all); each test changes it in one place.
"""

from __future__ import annotations

from typing import Any

from ecm_plan.coverage import check
from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    FundingStream,
    Indicator,
    Lead,
    Milestone,
    Money,
    Objective,
    OutcomeKey,
    Plan,
    Priority,
    Target,
    Value,
)
from ecm_plan.periods import Period

PERIOD = Period.span(Period.financial_year(2009), Period.financial_year(2011))
YEARS = (Period.financial_year(2009), Period.financial_year(2010), Period.financial_year(2011))
ALL_OUTCOMES = tuple(k.value for k in OutcomeKey)


def make_target(target_id: str = "P1.O1.A1.T1", **changes: Any) -> Target:
    """A measurable target on NI 112 with a value for each year of the plan."""
    fields: dict[str, Any] = {
        "id": target_id,
        "text": "Under 18 conception rate reduced",
        "kind": "measurable",
        "indicator": "NI 112",
        "comparator": "change_from_baseline",
        "values": {YEARS[0]: Value("-16%"), YEARS[1]: Value("-33%"), YEARS[2]: Value("-50%")},
    }
    fields.update(changes)
    return Target(**fields)


def quarterly(year: int = 2009) -> tuple[Milestone, ...]:
    """One milestone in each quarter of a financial year."""
    return tuple(Milestone(f"Step {n}", Period.quarter(year, n), f"Q{n}") for n in range(1, 5))


def make_action(action_id: str = "P1.O1.A1", **changes: Any) -> Action:
    """An action with a lead, a due date inside the plan, four quarterly milestones, funding
    and a measurable target."""
    fields: dict[str, Any] = {
        "id": action_id,
        "text": "Open a sexual health clinic in each locality",
        "leads": ["L1"],
        "due": Due("March 2010"),
        "milestones": quarterly(),
        "funding": [Allocation(stream="ABG", amount=Money("£10k"))],
        "targets": [make_target(f"{action_id}.T1")],
    }
    fields.update(changes)
    return Action(**fields)


def make_objective(objective_id: str = "P1.O1", **changes: Any) -> Objective:
    """An objective with a lead, funding and one action."""
    fields: dict[str, Any] = {
        "id": objective_id,
        "title": "Targeted sexual health services",
        "code": "1.1",
        "leads": ["L1"],
        "funding": [Allocation(stream="ABG", amount=Money("£175k"))],
        "actions": [make_action(f"{objective_id}.A1")],
    }
    fields.update(changes)
    return Objective(**fields)


def make_priority(priority_id: str = "P1", **changes: Any) -> Priority:
    """A service priority linked to all five outcomes, with a lead and one objective."""
    fields: dict[str, Any] = {
        "id": priority_id,
        "title": "Reduce teenage pregnancy",
        "code": f"Priority {priority_id[1:]}",
        "leads": ["L1"],
        "outcomes": ALL_OUTCOMES,
        "objectives": [make_objective(f"{priority_id}.O1")],
    }
    fields.update(changes)
    return Priority(**fields)


def make_indicator(indicator_id: str = "NI 112", **changes: Any) -> Indicator:
    """NI 112 with its catalogue title, an actual (the baseline) and no targets table."""
    fields: dict[str, Any] = {
        "id": indicator_id,
        "title": "Under 18 conception rate",
        "unit": "percent",
        "actuals": {Period.financial_year(2008): Value("+0.58%")},
    }
    fields.update(changes)
    return Indicator(**fields)


def make_plan(**changes: Any) -> Plan:
    """A small plan that keeps every coverage rule."""
    fields: dict[str, Any] = {
        "id": "test",
        "authority": "Anytown",
        "title": "Test plan",
        "period": PERIOD,
        "vision": ["Every child healthy"],
        "leads": [Lead(id="L1", name="Head of Service")],
        "funding_streams": [FundingStream(id="ABG", name="Area Based Grant")],
        "indicators": [make_indicator()],
        "priorities": [make_priority()],
    }
    fields.update(changes)
    return Plan(**fields)


def found(plan: Plan, code: str) -> list[tuple[str, str]]:
    """(subject, message) of the findings of one rule."""
    return [(f.subject, f.message) for f in check(plan, [code])]


def subjects(plan: Plan, code: str) -> list[str]:
    """The subjects of the findings of one rule, in finding order."""
    return [f.subject for f in check(plan, [code])]


def with_action(plan_action: Action, **plan_changes: Any) -> Plan:
    """The clean plan with its one action replaced."""
    return make_plan(
        priorities=[make_priority(objectives=[make_objective(actions=[plan_action])])],
        **plan_changes,
    )


def with_target(target: Target, **plan_changes: Any) -> Plan:
    """The clean plan with its one target replaced."""
    return with_action(make_action(targets=[target]), **plan_changes)


def with_indicator(indicator: Indicator) -> Plan:
    """The clean plan with its target citing this indicator."""
    return with_target(make_target(indicator=indicator.id), indicators=[indicator])

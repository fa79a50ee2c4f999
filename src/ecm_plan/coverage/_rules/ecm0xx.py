"""ECM0xx: the plan as a whole (no priorities, no leads, no funding, no baselines).

Private: each rule registers itself with :mod:`ecm_plan.coverage.rules` when this module is
imported (``ecm_plan.coverage`` imports every family).
"""

from __future__ import annotations

from collections.abc import Iterator

from ecm_plan.coverage._facts import Facts, Hit, _list
from ecm_plan.coverage.rules import _rule
from ecm_plan.findings import Severity

__all__: list[str] = []


@_rule(
    "ECM001",
    "plan-without-priorities",
    Severity.WARNING,
    "plan",
    "A plan with no priorities, objectives or actions.",
    checks="""A plan that has no priorities at all, so no objectives and no actions either (a
    strategic introduction such as Swindon's 2008 plan holds a vision, context and drivers of
    change only). The rules about outcomes and funding stay silent for such a plan rather than
    report every outcome as unserved.""",
    why="""Coverage is judged through priorities: without them there is nothing that serves an
    outcome, carries a target or spends money, and the reader should hear that once, plainly,
    rather than as a flood of findings or a failure.""",
    fix="""If the document has an action plan elsewhere (an annex, a delivery plan), transcribe
    its priorities; otherwise use the plan for its vision and context only, or switch the rule
    off for this plan.""",
)
def _plan_without_priorities(facts: Facts) -> Iterator[Hit]:
    plan = facts.plan
    if plan.priorities:
        return
    holds = []
    if plan.vision:
        holds.append("a vision")
    if plan.sections:
        holds.append(
            f"{len(plan.sections)} section{'s' if len(plan.sections) != 1 else ''} of context"
        )
    what = f"holds {_list(holds)}, but" if holds else "has"
    yield Hit(
        plan.id,
        f"The document {what} no priorities, objectives or actions: there is nothing to "
        "check coverage against.",
        "Transcribe the priorities if the document has them elsewhere; otherwise read this "
        "plan for its vision and context only.",
        "priorities",
    )


@_rule(
    "ECM002",
    "plan-without-leads",
    Severity.WARNING,
    "plan",
    "A plan that names no lead for any priority, objective or action.",
    checks="""A plan with priorities in which no priority, objective or action names a lead
    (Stockton's service improvement plan has no lead column). Reported once, in place of a
    finding for every priority (ECM202) and every action (ECM301).""",
    why="""Without leads nobody answers for any part of the plan; that is one gap in the
    document, better said once than a hundred times.""",
    fix="""Transcribe the leads if the document has them elsewhere (a responsibility column,
    a covering report); otherwise ask the plan's owner who leads each priority.""",
)
def _plan_without_leads(facts: Facts) -> Iterator[Hit]:
    if not facts.plan.priorities or facts.has_leads:
        return
    yield Hit(
        facts.plan.id,
        "No priority, objective or action of the plan names a lead.",
        "Transcribe the leads if the document gives them elsewhere; otherwise ask the plan's "
        "owner who leads each priority.",
        "",
    )


@_rule(
    "ECM003",
    "plan-without-funding",
    Severity.INFO,
    "plan",
    "A plan that allocates no funding to its priorities, objectives or actions.",
    checks="""A plan with priorities but no funding allocation anywhere. Reported once, in
    place of a finding for every objective and action.""",
    why="""Some plans (a service improvement plan) leave funding to the budget; the reader
    should know the plan says nothing about resources.""",
    fix="""Transcribe the funding if the document has a resources table; otherwise nothing.""",
)
def _plan_without_funding(facts: Facts) -> Iterator[Hit]:
    plan = facts.plan
    if not plan.priorities or facts.has_funding:
        return
    streams = len(plan.funding_streams)
    names = (
        f"names {streams} funding stream{'s' if streams != 1 else ''} but allocates none"
        if streams
        else "allocates no funding"
    )
    yield Hit(
        plan.id,
        f"The plan {names} to its priorities, objectives or actions.",
        "Transcribe the allocations if the document has a resources table.",
        "",
    )


@_rule(
    "ECM004",
    "plan-without-baselines",
    Severity.WARNING,
    "plan",
    "A plan whose measurable targets have no baselines at all.",
    checks="""A plan with measurable targets none of which has a baseline (its own, its
    indicator's, or an actual value its indicator reports). Reported once, in place of a
    finding for every target (ECM402).""",
    why="""Targets without baselines cannot be judged as stretching, and no trajectory can
    be drawn; when the whole plan lacks them, that is one gap in the document.""",
    fix="""Add baselines from the latest published data, under the targets' or the
    indicators' ``baseline``, or the latest actuals under the indicators' ``actuals``.""",
)
def _plan_without_baselines(facts: Facts) -> Iterator[Hit]:
    if facts.has_baselines or not any(item.target.is_measurable for item in facts.targets):
        return
    count = sum(1 for item in facts.targets if item.target.is_measurable)
    yield Hit(
        facts.plan.id,
        f"None of the plan's {count} measurable target{'s' if count != 1 else ''} has a baseline.",
        "Add baselines from the latest published data to the targets or their indicators.",
        "",
    )

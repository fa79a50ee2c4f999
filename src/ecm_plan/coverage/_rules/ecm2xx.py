"""ECM2xx: priorities and objectives.

Private: each rule registers itself with :mod:`ecm_plan.coverage.rules` when this module is
imported (``ecm_plan.coverage`` imports every family).
"""

from __future__ import annotations

from collections.abc import Iterator

from ecm_plan.coverage._facts import Facts, Hit, _named
from ecm_plan.coverage.rules import _rule
from ecm_plan.findings import Severity
from ecm_plan.model import (
    PriorityKind,
)

__all__: list[str] = []


@_rule(
    "ECM201",
    "priority-without-work",
    Severity.WARNING,
    "priority",
    "A priority with no objectives and no actions.",
    checks="""Each priority has objectives or actions. Actions hung directly off the priority
    count (Stockton's development priorities have key actions and no objectives), so a plan
    without objectives is not flagged for that.""",
    why="""A priority with nothing under it is an intention without a plan of work: nobody
    is asked to do anything by any date.""",
    fix="""Transcribe the priority's objectives or actions; if the document gives none, say so
    in a note on the priority.""",
)
def _priority_without_work(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if not priority.objectives and not priority.actions:
            yield Hit(
                priority.id,
                f"{_named(priority, 'Priority')} has no objectives and no actions.",
                "Add its objectives or actions; if the document gives none, say so in a note.",
            )


@_rule(
    "ECM202",
    "priority-without-lead",
    Severity.WARNING,
    "priority",
    "A priority with no lead.",
    checks="""Each priority names at least one lead (a role, person, organisation or
    group). Silent when no part of the plan names a lead (ECM002 says that once).""",
    why="""Someone has to answer for a priority; without a named lead, progress reports have
    no owner and slippage has nobody to escalate to.""",
    fix="""Add the lead under the priority's ``leads`` (and under the plan's ``leads``); if
    the document names none, say so in a note.""",
)
def _priority_without_lead(facts: Facts) -> Iterator[Hit]:
    if not facts.has_leads:
        return
    for priority in facts.plan.priorities:
        if not priority.leads:
            yield Hit(
                priority.id,
                f"{_named(priority, 'Priority')} has no lead.",
                "Name who leads it under 'leads'; if the document names nobody, note that.",
            )


@_rule(
    "ECM203",
    "priority-without-measurable-target",
    Severity.WARNING,
    "priority",
    "A priority with no measurable target.",
    checks="""Each priority has at least one measurable target, set on the priority itself,
    on one of its objectives or on one of its actions.""",
    why="""Without a measurable target, nobody can tell whether the priority is being
    achieved; qualitative milestones alone do not show improvement for children.""",
    fix="""Add a measurable target (an indicator, a comparator and figures by year) at the
    level the document sets it; if the document only gives qualitative criteria, keep them
    and accept this finding, or switch the rule off for the plan.""",
)
def _priority_without_measurable_target(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if not facts.measurable.get(priority.id):
            yield Hit(
                priority.id,
                f"{_named(priority, 'Priority')} has no measurable target under it.",
                "Add a target with an indicator and figures to the priority, one of its "
                "objectives or one of its actions.",
            )


@_rule(
    "ECM204",
    "organisational-priority-supports-nothing",
    Severity.WARNING,
    "priority",
    "An organisational priority that supports no service priority.",
    checks="""Each organisational priority (Wigan's Key Changes, Stockton's Corporate
    Health) lists under ``supports`` at least one service priority.""",
    why="""Organisational priorities earn their place by making the service priorities
    possible; one that supports none is disconnected from the outcomes for children.""",
    fix="""List the service priorities it supports under ``supports`` (say in a note when the
    link is inferred), or make it a service priority linked to outcomes.""",
)
def _organisational_supports_nothing(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if priority.kind is not PriorityKind.ORGANISATIONAL:
            continue
        supported = [facts.priorities[s] for s in priority.supports if s in facts.priorities]
        if any(s.kind is PriorityKind.SERVICE for s in supported):
            continue
        detail = " (it supports only organisational priorities)" if supported else ""
        yield Hit(
            priority.id,
            f"Organisational {_named(priority, 'priority')} supports no service priority{detail}.",
            "List the service priorities it makes possible under 'supports'.",
        )


@_rule(
    "ECM205",
    "objective-without-actions",
    Severity.INFO,
    "objective",
    "An objective with no actions.",
    checks="""Each objective has at least one action.""",
    why="""An objective is delivered through its actions; one with none may be fine (its
    targets carry it) but is worth a look.""",
    fix="""Transcribe the objective's actions, or note that the document gives none.""",
)
def _objective_without_actions(facts: Facts) -> Iterator[Hit]:
    for _, objective in facts.iter_objectives():
        if not objective.actions:
            yield Hit(
                objective.id,
                f"{_named(objective, 'Objective')} has no actions.",
                "Add its actions, or note that the document gives none.",
            )

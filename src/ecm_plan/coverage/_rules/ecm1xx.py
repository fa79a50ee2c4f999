"""ECM1xx: outcomes and aims served by the plan's priorities.

Private: each rule registers itself with :mod:`ecm_plan.coverage.rules` when this module is
imported (``ecm_plan.coverage`` imports every family).
"""

from __future__ import annotations

from collections.abc import Iterator

from ecm_plan.catalog import (
    outcomes,
)
from ecm_plan.coverage._facts import Facts, Hit, _named, outcome_title
from ecm_plan.coverage.rules import _rule
from ecm_plan.findings import Severity
from ecm_plan.model import OutcomeKey, PriorityKind

__all__: list[str] = []


@_rule(
    "ECM101",
    "outcome-not-served",
    Severity.WARNING,
    "outcome",
    "An ECM outcome that no priority serves.",
    checks="""Each of the five Every Child Matters outcomes is linked from at least one
    priority, by a stated or an inferred link. Silent when the plan has no priorities (see
    ECM001).""",
    why="""A children and young people's plan is meant to cover all five outcomes; an outcome
    no priority serves is a gap in the plan that inspectors and partners will ask about.""",
    fix="""Link a priority that serves the outcome to it under the priority's ``outcomes``
    (mark the link ``inferred`` when the document does not state it), or record in a plan note
    why the outcome is left to another plan.""",
)
def _outcome_not_served(facts: Facts) -> Iterator[Hit]:
    if not facts.plan.priorities:
        return
    for key in OutcomeKey:
        if not facts.serving.get(key):
            yield Hit(
                key.value,
                f"No priority serves the outcome '{outcome_title(key)}'.",
                "Link a priority to it under the priority's 'outcomes', or say in a plan note "
                "why the plan leaves it to another plan.",
                "",
            )


@_rule(
    "ECM102",
    "aim-not-served",
    Severity.INFO,
    "aim",
    "An aim of a served outcome that no priority names.",
    checks="""For an outcome that priorities serve by naming some of its aims, each aim that
    no priority names. A link to the whole outcome (no aims named) counts for each of its
    aims, so plans that never name aims get no findings here; outcomes no priority serves
    are reported once by ECM101, not aim by aim.""",
    why="""The 25 aims say what an outcome means in practice; when a plan chooses aims, the
    ones it leaves out are worth seeing, though leaving some out is often deliberate.""",
    fix="""Name the aim under the link of the priority that serves it (``aims: [n]``), or link
    the priority to the whole outcome if it serves all of it.""",
)
def _aim_not_served(facts: Facts) -> Iterator[Hit]:
    for found in outcomes():
        if not facts.serving.get(found.key) or found.key in facts.whole_outcome:
            continue
        for aim in found.aims:
            if not facts.aims_named.get(aim.id):
                yield Hit(
                    aim.id,
                    f"No priority names the aim '{aim.title}' (aim {aim.number} of "
                    f"'{found.title}'), though priorities serve that outcome.",
                    "Name the aim on the link of a priority that serves it, or link that "
                    "priority to the whole outcome.",
                    "",
                )


@_rule(
    "ECM103",
    "priority-reaches-no-outcome",
    Severity.WARNING,
    "priority",
    "A priority that reaches no ECM outcome.",
    checks="""Each priority reaches at least one outcome: a service priority by its own
    links; an organisational priority by its own links or through the service priorities it
    supports. An organisational priority that supports nothing is reported by ECM204
    instead.""",
    why="""The outcome is the reason a priority is in the plan; a priority linked to none
    cannot be counted in the outcome matrix and its work cannot be traced to what it is
    for.""",
    fix="""Add the outcomes the priority serves under its ``outcomes`` (mark a link
    ``inferred`` with a note when the document does not state it); for an organisational
    priority, list the service priorities it supports under ``supports``.""",
)
def _priority_reaches_no_outcome(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if facts.reach[priority.id]:
            continue
        if priority.kind is PriorityKind.ORGANISATIONAL and not priority.supports:
            continue
        via = (
            " and supports no priority that does"
            if priority.kind is PriorityKind.ORGANISATIONAL
            else ""
        )
        yield Hit(
            priority.id,
            f"{_named(priority, 'Priority')} is linked to no ECM outcome{via}.",
            "Add the outcomes it serves under 'outcomes' (mark a link inferred when the "
            "document does not state it).",
        )

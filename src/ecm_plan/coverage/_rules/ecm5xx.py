"""ECM5xx: funding.

Private: each rule registers itself with :mod:`ecm_plan.coverage.rules` when this module is
imported (``ecm_plan.coverage`` imports every family).
"""

from __future__ import annotations

from collections.abc import Iterator

from ecm_plan.coverage._facts import Facts, Hit, _action_named, _named, _quote
from ecm_plan.coverage.rules import _rule
from ecm_plan.findings import Severity

__all__: list[str] = []


@_rule(
    "ECM501",
    "objective-unfunded",
    Severity.WARNING,
    "objective",
    "An objective with no funding.",
    checks="""Each objective has funding: its own allocation, one to its priority as a whole,
    or one to any of its actions. Silent when the plan allocates no funding at all (ECM003
    says that once).""",
    why="""An objective with no money named is either funded from base budgets the plan does
    not show, or not funded: either way the reader cannot see what resources back it.""",
    fix="""Add the funding under the objective's ``funding`` (a stream and amount, or words
    such as "CYPS Base Budget"); if the document names none, accept the finding.""",
)
def _objective_unfunded(facts: Facts) -> Iterator[Hit]:
    if not facts.has_funding:
        return
    for _, objective in facts.iter_objectives():
        if objective.id not in facts.funded:
            yield Hit(
                objective.id,
                f"{_named(objective, 'Objective')} has no funding.",
                "Add its funding under 'funding', or note that the document names none.",
            )


@_rule(
    "ECM502",
    "action-unfunded",
    Severity.INFO,
    "action",
    "An action with no funding.",
    checks="""Each action has funding: its own allocation, or one to its objective or
    priority. Silent when the plan allocates no funding at all (ECM003).""",
    why="""Many plans fund at objective level, so this is information: it shows which actions
    rely on resources the plan does not name.""",
    fix="""Add the action's funding under ``funding`` where the document gives it.""",
)
def _action_unfunded(facts: Facts) -> Iterator[Hit]:
    if not facts.has_funding:
        return
    for _, _, action in facts.plan.iter_actions():
        if action.id not in facts.funded:
            yield Hit(
                action.id,
                f"{_action_named(action)} has no funding.",
                "Add its funding under 'funding' where the document gives it.",
            )


@_rule(
    "ECM504",
    "funding-unquantified",
    Severity.INFO,
    "priority, objective or action",
    "Funding allocations whose amount is not quantified.",
    checks="""Every funding allocation that states no amount of money: no amount at all,
    "To be confirmed", "CYPS Base Budget", or other words. "Nil additional" is an amount
    (nothing).""",
    why="""An allocation without an amount shows where money comes from but not how much;
    the plan's resources cannot be totalled.""",
    fix="""Add the amount when it is known; keep the document's words until then.""",
)
def _funding_unquantified(facts: Facts) -> Iterator[Hit]:
    for owner, path, allocation in facts.iter_allocations():
        if allocation.is_quantified:
            continue
        stream = allocation.stream or allocation.label or "unnamed funding"
        said = allocation.amount.text if allocation.amount else allocation.text
        detail = f" ({_quote(said, 40)})" if said else ""
        yield Hit(
            owner,
            f"Funding from {stream} for {owner} states no amount{detail}.",
            "Add the amount when it is known.",
            path,
        )

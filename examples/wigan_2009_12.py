"""Reproduce Wigan's Children and Young People's Services Performance Plan 2009-12.

The document is the report to Wigan's Children Young People & Families Scrutiny Committee of
23 July 2009. This script loads the bundled plan ``wigan-2009-12`` and prints, from the model:
the plan header and vision; the key performance targets table (LAA indicators and other key
national indicators); the priorities, service and organisational, with what each supports; the
delivery plan of each priority (workstream, action, responsibility, milestones, performance
target, funded by); the funding streams with the amount each is given where the plan quantifies
it; and the outcomes-by-priorities matrix.

Run it with ``python examples/wigan_2009_12.py``.
"""

from __future__ import annotations

import ecm_plan
from ecm_plan.model import OutcomeKey
from ecm_plan.report import Table, render_all
from ecm_plan.report.plan import analysis_sections, plan_header

PLAN_NAME = "wigan-2009-12"
YEARS = ("2009-10", "2010-11", "2011-12")
ACTUAL_YEAR = "2008-09"
SECTIONS = (
    ("LAA Indicators", "Key performance targets: LAA Indicators"),
    ("Other key National Indicators", "Key performance targets: Other key National Indicators"),
)
NO_STREAM = "(no stream named)"


def _period(label: str) -> ecm_plan.Period:
    return ecm_plan.parse_period(label)


def _lead_names(plan: ecm_plan.Plan, ids: tuple[str, ...]) -> str:
    names = {lead.id: lead.name for lead in plan.leads}
    return "; ".join(names[i] for i in ids)


def _priority_label(plan: ecm_plan.Plan, priority: ecm_plan.Priority) -> str:
    """The priority's code, made unique with its id where the document repeats a code."""
    if priority.code is None:
        return priority.id
    repeats = sum(1 for p in plan.priorities if p.code == priority.code)
    return priority.code if repeats == 1 else f"{priority.code} ({priority.id})"


def header_section(plan: ecm_plan.Plan) -> str:
    """The plan header and its vision."""
    return plan_header(
        plan,
        f"Published: {plan.published.label if plan.published else ''}",
        f"Source:    {plan.source or ''}",
        "",
        "Vision: all children and young people of the borough are:",
        *(f"  - {item}" for item in plan.vision),
        "",
        "Outcomes: " + ", ".join(link.outcome.label for link in plan.outcomes),
    )


def key_targets_tables(plan: ecm_plan.Plan) -> list[Table]:
    """The key performance targets table, one table for each of its two sections."""
    headers = ("Measure", "Responsibility", f"Actual {ACTUAL_YEAR}", *YEARS)
    tables = []
    for name, title in SECTIONS:
        rows = []
        for indicator in plan.indicators:
            if indicator.group != name:
                continue
            code = " / ".join((indicator.written_code, *indicator.also))
            actual = indicator.actuals.get(_period(ACTUAL_YEAR))
            targets = [indicator.targets.get(_period(year)) for year in YEARS]
            rows.append(
                (
                    f"{code} {indicator.title}",
                    _lead_names(plan, indicator.responsible),
                    actual.text if actual else "",
                    *(value.text if value else "" for value in targets),
                )
            )
        tables.append(Table(title, headers, rows))
    return tables


def priorities_table(plan: ecm_plan.Plan) -> list[Table]:
    """The priorities, service then organisational, with their outcomes and what they support."""
    by_id = {p.id: p for p in plan.priorities}
    service = tuple(p.id for p in plan.priorities if p.kind.value == "service")
    rows = []
    for priority in plan.priorities:
        keys = [link.outcome.value for link in priority.outcomes]
        every = sorted(keys) == sorted(k.value for k in OutcomeKey)
        if every and all(k.inferred for k in priority.outcomes):
            outcomes = "all five*"
        else:
            outcomes = ", ".join(
                link.outcome.value + ("*" if link.inferred else "") for link in priority.outcomes
            )
        if priority.supports == service:
            supports = "all service priorities"
        else:
            supports = ", ".join(_priority_label(plan, by_id[i]) for i in priority.supports)
        rows.append(
            (
                priority.id,
                priority.code or "",
                priority.kind.value,
                priority.theme or "",
                priority.title,
                outcomes,
                supports,
            )
        )
    return [
        Table(
            "Priorities",
            ("Id", "Code", "Kind", "Theme", "Title", "Outcomes", "Supports"),
            rows,
            notes=(
                "* inferred: the document does not state the link.",
                "All service priorities: "
                + ", ".join(_priority_label(plan, by_id[i]) for i in service)
                + ".",
            ),
        )
    ]


def _milestones(action: ecm_plan.Action) -> str:
    parts = []
    for milestone in action.milestones:
        if milestone.label:
            parts.append(f"{milestone.label}: {milestone.text}")
        else:
            period = milestone.period.label if milestone.period else "no period"
            parts.append(f"[{period}] {milestone.text}")
    return "; ".join(parts)


def _targets(targets: tuple[ecm_plan.Target, ...]) -> list[str]:
    return [target.text for target in targets]


def _funding(allocations: tuple[ecm_plan.Allocation, ...]) -> list[str]:
    return [allocation.text or "" for allocation in allocations]


def delivery_tables(plan: ecm_plan.Plan) -> list[Table]:
    """The delivery plan of each priority that has one."""
    headers = (
        "Workstream",
        "Action",
        "Responsibility",
        "Milestones",
        "Performance target",
        "Funded by",
    )
    tables = []
    for priority in plan.priorities:
        if not priority.objectives:
            continue
        rows = []
        for objective in priority.objectives:
            shared_targets = _targets(objective.targets)
            shared_funding = _funding(objective.funding)
            if not objective.actions:
                rows.append(
                    (
                        objective.title,
                        "",
                        _lead_names(plan, objective.leads),
                        "",
                        "; ".join(shared_targets),
                        "; ".join(shared_funding),
                    )
                )
            for k, action in enumerate(objective.actions):
                first = k == 0
                targets = _targets(action.targets) + (shared_targets if first else [])
                funding = _funding(action.funding) + (shared_funding if first else [])
                rows.append(
                    (
                        objective.title if first else "",
                        action.text,
                        _lead_names(plan, action.leads),
                        _milestones(action),
                        "; ".join(targets),
                        "; ".join(funding),
                    )
                )
        title = f"Delivery plan {_priority_label(plan, priority)}: {priority.title}"
        tables.append(Table(title, headers, rows))
    return tables


def _allocations(plan: ecm_plan.Plan) -> list[ecm_plan.Allocation]:
    found: list[ecm_plan.Allocation] = []
    for priority in plan.priorities:
        found.extend(priority.funding)
        for objective in priority.objectives:
            found.extend(objective.funding)
        for action in priority.iter_actions():
            found.extend(action.funding)
    return found


def _pounds(amount: float) -> str:
    return f"£{amount:,.0f}"


def funding_table(plan: ecm_plan.Plan) -> list[Table]:
    """Each funding stream with its allocations and the total of the quantified ones."""
    allocations = _allocations(plan)
    rows = []
    keys: list[tuple[str | None, str, str]] = [
        (stream.id, stream.id, stream.name) for stream in plan.funding_streams
    ]
    keys.append((None, NO_STREAM, "amount or words with no source named"))
    for key, shown, name in keys:
        mine = [a for a in allocations if a.stream == key]
        quantified = [a.amount.gbp for a in mine if a.is_quantified and a.amount]
        total = sum(q for q in quantified if q is not None)
        rows.append(
            (
                shown,
                name,
                str(len(mine)),
                str(len(quantified)),
                _pounds(total) if quantified else "",
            )
        )
    grand = sum(a.amount.gbp for a in allocations if a.is_quantified and a.amount and a.amount.gbp)
    return [
        Table(
            "Funding streams",
            ("Stream", "Name", "Allocations", "Quantified", "Total quantified"),
            rows,
            notes=(
                f"{len(allocations)} allocations; quantified total {_pounds(grand)}.",
                (
                    "Quantified: the allocation states an amount ('Nil additional' states £0). "
                    "Words such as 'Base budget' or 'To Be confirmed' add nothing to the totals."
                ),
            ),
        )
    ]


def main() -> None:
    """Print the plan's sections in order."""
    plan = ecm_plan.load_bundled(PLAN_NAME)
    sections: list[str] = [
        header_section(plan),
        render_all(key_targets_tables(plan), max_width=40),
        render_all(priorities_table(plan), max_width=40),
        render_all(delivery_tables(plan), max_width=36),
        render_all(funding_table(plan), max_width=40),
        render_all(analysis_sections(plan)),
    ]
    print("\n\n".join(sections))


if __name__ == "__main__":
    main()

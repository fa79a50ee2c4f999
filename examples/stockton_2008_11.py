"""Reproduce Stockton-on-Tees' Service Improvement Plan (abridged) 2008/09 - 2010/11.

The document is "Service Improvement Plan (abridged), Children, Education and Social Care,
Children and Young People, 2008/09 - 2010/11" of Stockton-on-Tees Borough Council. This script
loads the bundled plan ``stockton-2008-11`` and prints, from the model:

* the plan's header;
* for each development priority (its theme and title), its key actions with their "By when"
  (and how the library reads it), and its outcomes and success criteria with their status
  (firm, to be determined, or qualitative);
* the Corporate Health priority (Organisational Development) with its objectives;
* the success criteria whose targets are still to be determined;
* the outcomes-by-priorities matrix.

Run it with ``python examples/stockton_2008_11.py``.
"""

from __future__ import annotations

import textwrap

import ecm_plan
from ecm_plan.model import PriorityKind
from ecm_plan.report import Table, render, render_all
from ecm_plan.report.plan import analysis_sections, plan_header

PLAN_NAME = "stockton-2008-11"

# The five outcomes in the framework's order, with their titles (Every Child Matters: Change for
# Children, 2004).


def header(plan: ecm_plan.Plan) -> str:
    """The plan's title block."""
    service = [p for p in plan.priorities if p.kind is PriorityKind.SERVICE]
    organisational = [p for p in plan.priorities if p.kind is PriorityKind.ORGANISATIONAL]
    return plan_header(
        plan,
        f"Development priorities: {len(plan.priorities)} "
        f"({len(service)} service, {len(organisational)} organisational)",
    )


def due_reading(due: ecm_plan.Due | None) -> str:
    """How the library reads a "By when" cell: its kind and the periods it names."""
    if due is None:
        return "(none given)"
    periods = ", ".join(p.label for p in due.periods)
    return f"{due.kind.value} {periods}".strip()


def target_status(target: ecm_plan.Target) -> str:
    """Firm, provisional, to be determined, or qualitative."""
    if not target.is_measurable:
        return "qualitative"
    if target.is_undetermined:
        return "to be determined"
    if target.is_provisional:
        return "provisional"
    return "firm"


def target_figures(target: ecm_plan.Target) -> str:
    """The comparator and the figures of a measurable target, as the document writes them."""
    if not target.is_measurable:
        return ""
    parts = []
    if target.comparator is not None:
        parts.append(target.comparator.value)
    if target.baseline is not None:
        since = f" ({target.baseline.period.label})" if target.baseline.period else ""
        parts.append(f"from {target.baseline.value.text}{since}")
    parts.extend(f"{period.label}: {value.text}" for period, value in target.values.items())
    if target.value is not None:
        parts.append(target.value.text)
    if target.due is not None:
        parts.append(f"by {target.due.text}")
    return "; ".join(parts)


def criteria_table(title: str, targets: tuple[ecm_plan.Target, ...]) -> Table:
    """A table of success criteria with indicator, figures and status."""
    rows = [(t.id, t.text, t.indicator or "", target_figures(t), target_status(t)) for t in targets]
    return Table(
        title, ("Id", "Outcome / success criterion", "Indicator", "Target", "Status"), rows
    )


def heading(text: str) -> str:
    """A heading wrapped to 100 columns and underlined."""
    lines = textwrap.wrap(text, 100)
    return "\n".join([*lines, "=" * max(len(line) for line in lines)])


def development_priorities(plan: ecm_plan.Plan) -> str:
    """For each service priority: key actions with by when, then its success criteria."""
    blocks = []
    for priority in plan.priorities:
        if priority.kind is not PriorityKind.SERVICE:
            continue
        actions = Table(
            "",
            ("Id", "Key action", "By when", "Read as"),
            [
                (a.id, a.text, a.due.text if a.due else "", due_reading(a.due))
                for a in priority.actions
            ],
        )
        criteria = criteria_table("", priority.targets)
        blocks.append(
            "\n".join(
                (
                    heading(f"{priority.id} [theme: {priority.theme}] {priority.title}"),
                    render_all((actions, criteria), max_width=44),
                )
            )
        )
    return "\n\n".join(blocks)


def corporate_health(plan: ecm_plan.Plan) -> str:
    """The organisational priority: its objectives, their targets and actions."""
    blocks: list[str] = []
    for priority in plan.priorities:
        if priority.kind is not PriorityKind.ORGANISATIONAL:
            continue
        rows: list[tuple[str, ...]] = []
        for objective in priority.objectives:
            rows.extend(
                (
                    objective.title,
                    t.id,
                    t.text,
                    t.indicator or "",
                    target_figures(t),
                    target_status(t),
                )
                for t in objective.targets
            )
            for action in objective.actions:
                rows.append((objective.title, action.id, action.text, "", "", "action"))
                rows.extend(
                    (objective.title, t.id, t.text, "", target_figures(t), target_status(t))
                    for t in action.targets
                )
            if not objective.targets and not objective.actions:
                rows.append(
                    (objective.title, objective.id, "(no target or action stated)", "", "", "")
                )
        table = Table(
            "",
            ("Objective", "Id", "Target / action", "Indicator", "Target", "Status"),
            rows,
            notes=(f"Supports: {', '.join(priority.supports)}",),
        )
        title = f"{priority.id} [theme: {priority.theme}] {priority.title} ({priority.kind.value})"
        blocks.append("\n".join((heading(title), render(table, max_width=40))))
    return "\n\n".join(blocks)


def undetermined_targets(plan: ecm_plan.Plan) -> list[Table]:
    """Every success criterion whose target is still to be determined."""
    rows = [
        (owner, t.id, t.indicator or "(none cited)", t.text)
        for owner, t in plan.iter_targets()
        if t.is_undetermined
    ]
    return [
        Table(
            "Targets to be determined",
            ("Priority", "Id", "Indicator", "Success criterion"),
            rows,
            notes=(f"{len(rows)} targets to be determined",),
        )
    ]


def main() -> None:
    """Print the plan's tables in document order."""
    plan = ecm_plan.load_bundled(PLAN_NAME)
    sections: list[str] = [
        header(plan),
        development_priorities(plan),
        corporate_health(plan),
        render_all(undetermined_targets(plan), max_width=60),
        render_all(analysis_sections(plan)),
    ]
    print("\n\n".join(sections))


if __name__ == "__main__":
    main()

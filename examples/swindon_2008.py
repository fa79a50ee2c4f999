"""Reproduce the introduction of Swindon's Strategic Management Plan 2008.

The document is the Introduction of Swindon Borough Council's "Strategic Management Plan 2008"
(Children Services), signed by John Gilbert, Group Director, Children, in April 2008. The extract
has a vision, the plans and legislation that drive change, the structure of the service and a
review history, but no priorities, objectives, actions or action tables. This script loads the
bundled plan ``swindon-2008`` and prints, from the model:

* the plan's header;
* the vision;
* the drivers of change, with the dated ones;
* the structure of the service;
* the review history, dated and in order;
* the outcomes the plan commits to;
* a plain statement that the document has no priorities or action tables;
* the outcomes-by-priorities matrix.

Run it with ``python examples/swindon_2008.py``.
"""

from __future__ import annotations

import textwrap

import ecm_plan
from ecm_plan.model import Section
from ecm_plan.report import Table, render_all
from ecm_plan.report.plan import analysis_sections, plan_header

PLAN_NAME = "swindon-2008"

# The five outcomes in the framework's order, with their titles (Every Child Matters: Change for
# Children, 2004).


def header(plan: ecm_plan.Plan) -> str:
    """The plan's title block, with who signed it and when."""
    published = plan.published.label if plan.published else "(not given)"
    signed = "; ".join(
        ", ".join((lead.name, *(note.text for note in lead.notes))) for lead in plan.leads
    )
    return plan_header(plan, f"Signed:    {signed}", f"Dated:     {published}")


def vision(plan: ecm_plan.Plan) -> str:
    """The vision statement, wrapped."""
    lines = ["Our Vision", "=========="]
    for statement in plan.vision:
        lines.extend(textwrap.wrap(statement, 100))
    return "\n".join(lines)


def section(plan: ecm_plan.Plan, topic: str) -> Section:
    """The plan's section on a topic."""
    return next(s for s in plan.sections if s.topic == topic)


def section_tables(plan: ecm_plan.Plan, topic: str) -> list[Table]:
    """A section's entries, then its dated events (in the order the plan holds them)."""
    found = section(plan, topic)
    tables = [
        Table(
            found.title,
            ("#", "Entry"),
            [(str(i), item) for i, item in enumerate(found.items, start=1)],
        )
    ]
    if found.events:
        tables.append(
            Table(
                f"{found.title}: dated",
                ("When", "As written", "Event"),
                [(e.period.label if e.period else "", e.label or "", e.text) for e in found.events],
            )
        )
    return tables


def review_history(plan: ecm_plan.Plan) -> list[Table]:
    """The review history: its dated events in order, then the paragraphs they come from."""
    found = section(plan, "history")
    events = Table(
        found.title,
        ("When", "As written", "Event"),
        [(e.period.label if e.period else "", e.label or "", e.text) for e in found.events],
    )
    paragraphs = Table(
        "",
        ("#", "From the document"),
        [(str(i), item) for i, item in enumerate(found.items, start=1)],
    )
    return [events, paragraphs]


def committed_outcomes(plan: ecm_plan.Plan) -> list[Table]:
    """The ECM outcomes the plan commits to, stated or inferred."""
    rows = [
        (
            link.outcome.label,
            "inferred" if link.inferred else "stated",
            link.note or "",
        )
        for link in plan.outcomes
    ]
    return [Table("Outcomes committed to", ("Outcome", "Link", "Note"), rows)]


def no_action_tables(plan: ecm_plan.Plan) -> str:
    """Say plainly what the document does not have."""
    actions = sum(1 for _ in plan.iter_actions())
    targets = sum(1 for _ in plan.iter_targets())
    text = (
        "This document is the introduction only: it has no priorities, objectives, actions, "
        "targets or action tables "
        f"(priorities: {len(plan.priorities)}, actions: {actions}, targets: {targets}, "
        f"indicators: {len(plan.indicators)})."
    )
    return "\n".join(textwrap.wrap(text, 100))


def main() -> None:
    """Print the introduction's content in the order of the sections above."""
    plan = ecm_plan.load_bundled(PLAN_NAME)
    sections: list[str] = [
        header(plan),
        vision(plan),
        render_all(section_tables(plan, "drivers"), max_width=80),
        render_all(section_tables(plan, "structure"), max_width=80),
        render_all(review_history(plan), max_width=80),
        render_all(committed_outcomes(plan), max_width=60),
        no_action_tables(plan),
        render_all(analysis_sections(plan)),
    ]
    print("\n\n".join(sections))


if __name__ == "__main__":
    main()

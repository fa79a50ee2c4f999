"""Reproduce Southend-on-Sea's Children and Young People's Plan, Annual Update 2008-09.

The document is the Southend Children's Partnership "Children And Young People's Plan 2007 -
2010, Annual Update 2008 - 2009" (Southend-on-Sea Borough Council, approved by the Cabinet in May
2008). This script loads the bundled plan ``southend-2008-09`` and prints, from the model:

* the plan's header;
* the seven priorities with their leads;
* Appendix 1, the strategic action plan: for each strategic objective (1.1 to 7.5) its rows of
  Target | Strategic action | By when | Lead person;
* the indicators the plan sets yearly targets for;
* the table of pooled and aligned budgets (Funding £000, by key), with a total for each priority,
  for each funding key and overall;
* the resources: the five sources of funding and the partner spend, with amounts by year;
* the needs analysis for each priority (context, aspirations, inspection findings, enablers and
  risks);
* the outcomes-by-priorities matrix.

Run it with ``python examples/southend_2008_09.py``.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

import ecm_plan
from ecm_plan.model import Allocation, Money, Objective, Priority
from ecm_plan.report import Table, render_all
from ecm_plan.report.plan import analysis_sections, plan_header

PLAN_NAME = "southend-2008-09"

# The five outcomes in the framework's order, with their titles (Every Child Matters: Change for
# Children, 2004).

# The financial years the plan's figures run over (the update year and the LAA years after it).
YEARS = ("2008-09", "2009-10", "2010-11")

# Table cells wider than this wrap.
WIDTH = 60


def thousands(money: Money) -> float:
    """An amount of the "Funding £000" column, in £000, as the figure printed in the cell.

    The column's unit is £000 whatever the cell prints ("28", "1,501" or "£3,584"), so the printed
    figure is read as it stands rather than converted to pounds.
    """
    magnitude = ecm_plan.Value(money.text).magnitude
    if magnitude is None:
        msg = f"no figure in the funding cell {money.text!r}"
        raise ValueError(msg)
    return magnitude


def money_cell(value: float) -> str:
    """A total in £000 as the table prints its figures ("1,501")."""
    return f"{value:,.0f}"


def lead_names(plan: ecm_plan.Plan, ids: tuple[str, ...]) -> str:
    """The names of leads, separated by semicolons."""
    names = {lead.id: lead.name for lead in plan.leads}
    return "; ".join(names[i] for i in ids)


def header(plan: ecm_plan.Plan) -> str:
    """The plan's title block."""
    return plan_header(
        plan,
        "Vision:",
        *(f"  - {statement}" for statement in plan.vision),
        period=f"{plan.period.label} (annual update of the plan for 2007-08 to 2009-10)",
    )


def priorities_table(plan: ecm_plan.Plan) -> list[Table]:
    """The seven priorities with their leads and the number of objectives and actions."""
    rows = [
        (
            priority.code or priority.id,
            priority.title,
            lead_names(plan, priority.leads),
            str(len(priority.objectives)),
            str(sum(1 for _ in priority.iter_actions())),
        )
        for priority in plan.priorities
    ]
    return [Table("Priorities", ("Priority", "Title", "Lead", "Objectives", "Actions"), rows)]


def target_cell(target: ecm_plan.Target) -> str:
    """A target's text, with the indicator it measures when it names one."""
    if target.indicator is None:
        return target.text
    return f"{target.text} [{target.indicator}]"


def targets_cell(targets: tuple[ecm_plan.Target, ...]) -> str:
    """The targets of one row, numbered when there are several."""
    if len(targets) == 1:
        return target_cell(targets[0])
    return " ".join(f"({i}) {target_cell(t)}" for i, t in enumerate(targets, start=1))


def objective_table(plan: ecm_plan.Plan, objective: Objective) -> Table:
    """One strategic objective's rows: Target | Strategic action | By when | Lead person.

    Targets whose cell ran over several action rows are held on the objective; they come first,
    marked as spanning the actions below.
    """
    rows: list[tuple[str, str, str, str]] = [
        (target_cell(target), "(spans the actions below)", "", "") for target in objective.targets
    ]
    rows.extend(
        (
            targets_cell(action.targets),
            action.text,
            action.due.text if action.due else "",
            lead_names(plan, action.leads),
        )
        for action in objective.actions
    )
    return Table(
        f"Strategic Objective {objective.code}: {objective.title}",
        ("Targets", "Strategic actions", "By when", "Lead person"),
        rows,
    )


def action_plan(plan: ecm_plan.Plan) -> list[Table]:
    """Appendix 1: the strategic action plan, objective by objective."""
    return [objective_table(plan, o) for p in plan.priorities for o in p.objectives]


def indicator_targets(plan: ecm_plan.Plan) -> list[Table]:
    """The indicators with yearly targets, as printed."""
    rows = []
    for indicator in plan.indicators:
        if indicator.targets:
            by_year = {period.label: value.text for period, value in indicator.targets.items()}
            rows.append((indicator.id, indicator.title or "", *(by_year.get(y, "") for y in YEARS)))
    return [Table("Indicators with yearly targets", ("Indicator", "Title", *YEARS), rows)]


def budget_lines(plan: ecm_plan.Plan) -> list[tuple[Priority, Objective, Allocation]]:
    """Every line of the pooled and aligned budgets table, with its priority and objective."""
    return [
        (priority, objective, allocation)
        for priority in plan.priorities
        for objective in priority.objectives
        for allocation in objective.funding
        if allocation.arrangement is not None and allocation.amount is not None
    ]


def pooled_budgets(plan: ecm_plan.Plan) -> list[Table]:
    """The pooled and aligned budgets table, then its totals by priority, by key and overall."""
    lines = budget_lines(plan)
    table = Table(
        "CYPP Priorities 2008-09: pooled and aligned budgets",
        ("Priority", "Objective", "Pooled and aligned budgets", "Funding £000", "Key"),
        [
            (
                priority.code,
                f"{objective.code} {objective.title}",
                allocation.label or "",
                allocation.amount.text if allocation.amount else "",
                allocation.stream or "",
            )
            for priority, objective, allocation in lines
        ],
    )
    by_priority: dict[str, float] = defaultdict(float)
    by_key: dict[str, float] = defaultdict(float)
    for priority, _, allocation in lines:
        amount = thousands(allocation.amount) if allocation.amount else 0.0
        by_priority[priority.code or priority.id] += amount
        by_key[allocation.stream or "(no key)"] += amount
    overall = sum(by_priority.values())
    priorities = Table(
        "Pooled and aligned budgets by priority (£000)",
        ("Priority", "Title", "Funding £000"),
        [
            *((p.code, p.title, money_cell(by_priority[p.code or p.id])) for p in plan.priorities),
            ("Total", "", money_cell(overall)),
        ],
    )
    names = {stream.id: stream.name for stream in plan.funding_streams}
    keys = Table(
        "Pooled and aligned budgets by funding key (£000)",
        ("Key", "Stream", "Funding £000"),
        [
            *(
                (key, names.get(key, "no key printed"), money_cell(value))
                for key, value in sorted(by_key.items())
            ),
            ("Total", "", money_cell(overall)),
        ],
        notes=(f"{len(lines)} budget lines",),
    )
    return [table, priorities, keys]


def resources(plan: ecm_plan.Plan) -> list[Table]:
    """The funding streams of the resources section, with their amounts by year as printed."""
    rows = []
    for stream in plan.funding_streams:
        amounts = {period.label: money.text for period, money in stream.amounts.items()}
        rows.append(
            (stream.id, stream.name, stream.part_of or "", *(amounts.get(y, "") for y in YEARS))
        )
    return [Table("Resources: funding streams", ("Id", "Name", "Part of", *YEARS), rows)]


def needs_analysis(plan: ecm_plan.Plan) -> list[Table]:
    """The needs analysis, one table per priority: each column of the analysis and its entries."""
    tables = []
    for section in plan.sections:
        if section.topic != "needs_analysis" or section.subject is None:
            continue
        rows = []
        for column in section.sections:
            for i, item in enumerate(column.items):
                rows.append((column.title if i == 0 else "", item))
        tables.append(Table(section.title, ("Column", "Entry"), rows))
    return tables


def counts(plan: ecm_plan.Plan) -> str:
    """How much the plan holds."""
    objectives = sum(len(p.objectives) for p in plan.priorities)
    actions = sum(1 for _ in plan.iter_actions())
    targets = sum(1 for _ in plan.iter_targets())
    text = (
        f"{len(plan.priorities)} priorities, {objectives} strategic objectives, {actions} "
        f"actions, {targets} targets, {len(plan.indicators)} indicators, "
        f"{len(budget_lines(plan))} pooled and aligned budget lines, {len(plan.leads)} leads."
    )
    return "\n".join(textwrap.wrap(text, 100))


def main() -> None:
    """Print the plan's tables in the order of the sections above."""
    plan = ecm_plan.load_bundled(PLAN_NAME)
    sections: list[str] = [
        header(plan),
        counts(plan),
        render_all(priorities_table(plan), max_width=WIDTH),
        render_all(action_plan(plan), max_width=40),
        render_all(indicator_targets(plan), max_width=WIDTH),
        render_all(pooled_budgets(plan), max_width=WIDTH),
        render_all(resources(plan), max_width=WIDTH),
        render_all(needs_analysis(plan), max_width=80),
        render_all(analysis_sections(plan)),
    ]
    print("\n\n".join(sections))


if __name__ == "__main__":
    main()

"""Monitor Wigan's performance plan 2009-12 through the four quarters of 2009-10.

The returns file ``wigan-2009-10-returns.csv`` beside this script holds ILLUSTRATIVE figures,
made up to show the library at work: they are not Wigan's outturns, and its ``source`` column
says so on every row. The script loads the bundled plan ``wigan-2009-12``, checks the returns
against it, and for each quarter of 2009-10 prints every indicator's status against its
trajectory (the annual target profiled by quarter), whether the return's own judgement
agrees; then, at the end of the year, the full monitoring table with direction of travel,
projection and next target, the roll-up by priority and by outcome, and the findings.

Run it with ``python examples/monitor_wigan.py``.
"""

from __future__ import annotations

from pathlib import Path

import ecm_plan
from ecm_plan.monitoring import Returns, assess_plan, check_returns, load_returns
from ecm_plan.periods import Period, quarters_of
from ecm_plan.tables import Table, render

PLAN_NAME = "wigan-2009-12"
RETURNS = Path(__file__).resolve().parent / "wigan-2009-10-returns.csv"
YEAR = Period.financial_year(2009)


def _num(x: float) -> str:
    return f"{round(x, 3):g}"


def quarter_table(plan: ecm_plan.Plan, returns: Returns, quarter: Period) -> Table:
    """One quarter: every row assessed with the returns up to the quarter."""
    result = assess_plan(plan, returns, as_of=quarter)
    rows = [
        (
            r.subject,
            r.period.label,
            _num(r.actual),
            _num(r.planned),
            r.status.value,
            r.category.value.replace("_", " "),
            r.reported_status or "",
            "" if r.agrees is None else ("yes" if r.agrees else "NO"),
        )
        for r in result.rows
        if r.period in {quarter, YEAR}
    ]
    total = result.total
    return Table(
        f"{quarter.label}: status against the profiled target (rule: {result.rule.name})",
        ("indicator", "period", "actual", "planned", "status", "category", "reported", "agrees"),
        rows,
        notes=[
            (
                f"green {total.green}, amber {total.amber}, red {total.red}, "
                f"not assessed {total.not_assessed}"
            )
        ],
    )


def main() -> None:
    """Print the quarters, the year-end table, the roll-up and the findings."""
    plan = ecm_plan.load_bundled(PLAN_NAME)
    returns = load_returns(RETURNS)
    sources = sorted({row.source or "" for row in returns})
    print(f"Monitoring {plan.title} ({plan.id})")
    print(f"Returns: {RETURNS.name}, {len(returns)} rows")
    print(f"Source of every figure: {'; '.join(sources)}")
    print("The figures are ILLUSTRATIVE, made up for this example: they are not Wigan's outturns.")
    print()
    problems = check_returns(returns, plan)
    print(f"Returns checked against the plan: {len(problems)} problems")
    for problem in problems:
        print(f"  {problem}")
    print()
    for quarter in quarters_of(YEAR):
        print(render(quarter_table(plan, returns, quarter)))
        print()
    result = assess_plan(plan, returns, as_of=quarters_of(YEAR)[-1])
    rows, rollup = result.to_tables()
    print(render(rows))
    print()
    print(render(rollup))
    print()
    print("Planned values and projections")
    for row in result.rows:
        print(
            f"  {row.subject} {row.period.label}: planned {_num(row.planned)}, {row.planned_basis}"
        )
        if row.projection.value is None:
            print(f"    no projection: {row.projection.reason}")
        elif row.projection_note:
            print(f"    projection: {row.projection_note}")
    print()
    print(f"Findings ({len(result.findings)})")
    for finding in result.findings:
        print(f"  {finding}")


if __name__ == "__main__":
    main()

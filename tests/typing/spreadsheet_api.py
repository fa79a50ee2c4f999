"""Spreadsheets and the plan builder used the way a council tool uses them (mypy --strict)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import assert_type

from ecm_plan import Plan, PlanBuilder, read_workbook, write_workbook
from ecm_plan.exceptions import MissingExtraError, PlanFileError, Problem
from ecm_plan.io import SheetMapping, read_csv_plan
from ecm_plan.tables import Table


def build() -> Plan:
    builder = PlanBuilder("demo", "Anytown", "Demo", "2009-10", origin="rows")
    priority = assert_type(builder.priority("Stay safe", outcomes=["stay_safe"]), str)
    action = assert_type(
        builder.action(priority, "Train staff", due=dt.date(2010, 3, 31)), str | None
    )
    if action is not None:
        builder.allocate(action, "ABG", 175000.0, unit="GBP", where={"amount": "K2"})
        builder.target(action, indicator="NI 117 NEET", values={"2009-10": "6%"})
    problems: tuple[Problem, ...] = builder.problems
    del problems
    return builder.build()


def round_trip(folder: Path) -> Plan:
    mapping = SheetMapping.from_dict(
        {
            "id": "demo",
            "authority": "A",
            "title": "T",
            "period": "2009-10",
            "columns": {"action": "C"},
        }
    )
    try:
        plan = read_workbook(folder / "plan.xlsx", mapping)
    except (PlanFileError, MissingExtraError):
        plan = read_csv_plan(folder / "plan.csv", mapping)
    write_workbook(plan, folder / "out.xlsx", monitoring=[Table("Q2", ("a",), [("1",)])])
    return plan

"""Action plans in spreadsheets: read a workbook or CSV file into a plan, write a plan out.

Councils keep action plans in Excel: one row per action, the priority and objective in merged
cells on the left, then lead, "By when", indicator, baseline, targets by year and funding.
:func:`read_workbook` reads such a sheet through a :class:`SheetMapping` that names its
columns, and :func:`read_csv_plan` reads the same table saved as CSV. Rows become a plan
through :class:`~ecm_plan.io.builder.PlanBuilder`, so ids are generated and leads, funding
streams and indicators registered on first mention.

How cells are read:

- A blank (or merged) priority or objective cell means "the same as above". A blank action
  cell under the same priority and objective continues the action above: its indicator,
  targets and funding are one more target and one more allocation of that action. A row
  with no action attaches its target and funding to its objective, else its priority.
- Lead and "By when" cells merged over several rows apply to each row's action; every other
  merged cell counts once, on its first row, so that money is never counted twice.
- A date cell is its day (``2010-03-31``); date text ("October 2008", "31/03/2010") is read
  by :class:`~ecm_plan.model.Due`.
- A number is its text (``283``, ``0.86``); a number formatted as a percentage is the
  percentage it shows, with every digit kept (``0.192`` shown as ``19%`` is ``19.2%``).
- ``NI 117 NEET`` is the indicator ``NI 117`` titled "NEET"; an unknown National Indicator
  is a problem. ``1.1 Engage with parents`` is the objective coded ``1.1``.
- An amount is :class:`~ecm_plan.model.Money`: ``£175k``, ``Base budget`` and ``TBC`` keep
  their kinds; a bare number is in the mapping's ``amount_unit``.
- A formula is read through the value the spreadsheet program saved with it; a cell holding
  a spreadsheet error (``#REF!``), or a formula saved without its value, is a problem.

Every problem is reported at once, each at its cell (``Actions!D7``), as one
:class:`~ecm_plan.exceptions.PlanFileError`.

:func:`write_workbook` writes a plan as a workbook: an ``About`` sheet, an ``Actions`` sheet in
the layout :func:`read_workbook` reads back without a mapping, and one sheet each for targets,
indicators, funding and leads, plus any tables given (monitoring results). Reading a
workbook, writing it and reading it again gives an equal plan.

The module needs openpyxl, installed by the ``xlsx`` extra (from a checkout:
``.venv/bin/pip install ".[xlsx]"``);
without it the spreadsheet functions raise :class:`~ecm_plan.exceptions.MissingExtraError`.
CSV needs nothing more.

Example:
    >>> import tempfile, pathlib
    >>> from ecm_plan import load_bundled
    >>> plan = load_bundled("sample")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d) / "sample.xlsx"
    ...     write_workbook(plan, path)
    ...     again = read_workbook(path)
    >>> [a.id for _, _, a in again.iter_actions()] == [a.id for _, _, a in plan.iter_actions()]
    True

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ecm_plan.exceptions import ArgumentError, PlanFileError, Problem
from ecm_plan.io.builder import PlanBuilder, number_text
from ecm_plan.io.sheet_mapping import (
    _LETTERS,
    COLUMN_KEYS,
    MappingArg,
    SheetMapping,
    _column_index,
    _column_letters,
    _mapping,
    _openpyxl,
)
from ecm_plan.io.workbook_writer import (
    _export_columns,
    export_mapping,
    plan_tables,
    write_workbook,
)
from ecm_plan.model import Plan, Value
from ecm_plan.periods import Period

__all__ = [
    "COLUMN_KEYS",
    "SheetMapping",
    "export_mapping",
    "plan_tables",
    "read_csv_plan",
    "read_workbook",
    "write_workbook",
]

_FILLED_WHEN_MERGED = frozenset({"priority_code", "priority", "objective_code", "objective"})
_MERGED_PER_ROW = frozenset({"lead", "due"})
_LIST_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
_EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


@attrs.frozen
class _Cell:
    value: object
    ref: str
    percent: bool = False  # a number formatted as a percentage


def _resolve(
    mapping: SheetMapping, headers: Sequence[object], where: str
) -> tuple[dict[str, int], dict[str, int], list[Problem]]:
    """Column keys and target periods to column numbers (1-based)."""
    by_header = {
        " ".join(str(h).split()).casefold(): i + 1
        for i, h in enumerate(headers)
        if h is not None and str(h).strip()
    }
    problems: list[Problem] = []

    def find(key: str, column: str) -> int | None:
        if _LETTERS.match(column):
            return _column_index(column)
        found = by_header.get(" ".join(column.split()).casefold())
        if found is None:
            shown = ", ".join(str(h) for h in headers if h is not None and str(h).strip())
            problems.append(
                Problem(
                    f"{where}{mapping.header_row}:{mapping.header_row}"
                    if where
                    else f"row {mapping.header_row}",
                    f"no column headed {column!r} for {key}",
                    f"the headers are: {shown or '(none)'}",
                )
            )
        return found

    columns = {k: c for k, v in mapping.columns.items() if (c := find(k, v)) is not None}
    targets = {
        k: c for k, v in mapping.targets.items() if (c := find(f"target {k}", v)) is not None
    }
    return columns, targets, problems


class _Rows:
    """Turns rows of cells into builder calls: the logic shared by workbooks and CSV."""

    def __init__(self, builder: PlanBuilder, mapping: SheetMapping) -> None:
        self.b = builder
        self.m = mapping
        self.priority: str | None = None
        self.objective: str | None = None
        self.action: str | None = None

    def text(self, cell: _Cell | None) -> str | None:
        if cell is None or cell.value is None:
            return None
        value = cell.value
        if isinstance(value, dt.datetime | dt.date):
            return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int | float):
            if cell.percent:
                return f"{number_text(value * 100)}%"
            return number_text(value)
        text = str(value).strip()
        if text in _EXCEL_ERRORS:
            self.b.problem(
                cell.ref,
                f"the cell holds the spreadsheet error {text}",
                "fix the formula, or type the value",
            )
            return None
        return text or None

    def code(self, key: str, cells: Mapping[str, _Cell]) -> str | None:
        """A code column's text; ``""`` when the column is there but blank (no splitting)."""
        if key not in self.m.columns:
            return None
        return self.text(cells.get(key)) or ""

    def row(self, cells: Mapping[str, _Cell], targets: Mapping[str, _Cell]) -> None:
        b = self.b

        def text(key: str) -> str | None:
            return self.text(cells.get(key))

        def ref(key: str) -> str:
            found = cells.get(key)
            return found.ref if found is not None else ""

        row_ref = next(iter(cells.values())).ref if cells else ""
        priority, priority_code = text("priority"), self.code("priority_code", cells)
        if priority or priority_code:
            new = b.priority(
                priority or priority_code or "",
                code=priority_code,
                where=ref("priority") or ref("priority_code"),
            )
            if new != self.priority:
                self.priority, self.objective, self.action = new, None, None
        outcomes = text("outcomes")
        if outcomes and self.priority:
            b.add_outcomes(self.priority, _LIST_SPLIT.split(outcomes), where=ref("outcomes"))
        objective, objective_code = text("objective"), self.code("objective_code", cells)
        if objective or objective_code:
            if self.priority is None:
                b.problem(
                    ref("objective") or ref("objective_code"),
                    "an objective with no priority above it",
                    "fill in the priority column on this row or above it",
                )
            else:
                new_objective = b.objective(
                    self.priority,
                    objective or objective_code or "",
                    code=objective_code,
                    where=ref("objective") or ref("objective_code"),
                )
                if new_objective != self.objective:
                    self.objective, self.action = new_objective, None
        action, action_code = text("action"), self.code("action_code", cells)
        parent = self.objective or self.priority
        leads = [n for n in _LIST_SPLIT.split(text("lead") or "") if n]
        due_cell = cells.get("due")
        due: str | dt.date | None = None
        if due_cell is not None and isinstance(due_cell.value, dt.date):
            due = due_cell.value
        else:
            due = text("due")
        if action or action_code:
            if parent is None:
                b.problem(
                    ref("action") or ref("action_code"),
                    "an action with no priority or objective above it",
                    "fill in the priority column on this row or above it",
                )
                return
            self.action = b.action(
                parent,
                action or action_code or "",
                code=action_code,
                where={"": ref("action") or ref("action_code"), "due": ref("due")},
            )
        owner = self.action or parent
        if owner is None:
            if any(self.text(c) for c in (*cells.values(), *targets.values())):
                b.problem(
                    row_ref,
                    "a row with no priority, objective or action above it",
                    "fill in the priority column on this row or above it",
                )
            return
        if leads:
            b.add_leads(owner, leads, where=ref("lead"))
        if due is not None:
            if self.action is None:
                b.problem(
                    ref("due"),
                    "a 'by when' on a row with no action",
                    "put the date on the action's row",
                )
            else:
                b.set_due(self.action, due, where=ref("due"))
        self._target(owner, cells, targets)
        funding, amount = text("funding"), cells.get("amount")
        amount_text = self.text(amount) if amount is not None and not amount.percent else None
        if amount is not None and amount.percent and amount.value is not None:
            b.problem(amount.ref, "a percentage in the amount column", "write an amount of money")
        if funding or amount_text:
            unit = text("amount_unit") or self.m.amount_unit
            value: str | float | None = amount_text
            if amount is not None and isinstance(amount.value, int | float):
                value = float(amount.value)
            b.allocate(
                owner,
                funding,
                value,
                unit=unit,
                where={"": ref("funding") or ref("amount"), "amount": ref("amount")},
            )

    def _target(self, owner: str, cells: Mapping[str, _Cell], targets: Mapping[str, _Cell]) -> None:
        b = self.b

        def text(key: str) -> str | None:
            return self.text(cells.get(key))

        values: dict[str | Period, str | float | int | Value | None] = {}
        where: dict[str, str] = {}
        for label, cell in targets.items():
            if isinstance(cell.value, dt.date):
                b.problem(cell.ref, "a date where a target value was expected", "write the figure")
                continue
            found = self.text(cell)
            if found is not None:
                values[label] = found
                where[label] = cell.ref
        indicator, words = text("indicator"), text("target")
        baseline, target_value = text("baseline"), text("target_value")
        if not (indicator or words or values or target_value):
            if baseline:
                b.problem(
                    cells["baseline"].ref,
                    "a baseline with no indicator or target on its row",
                    "name the indicator on the same row",
                )
            return
        for key in ("indicator", "target", "baseline", "baseline_period", "target_value"):
            if key in cells:
                where[key if key != "target" else "text"] = cells[key].ref
        where[""] = where.get("indicator") or where.get("text") or next(iter(where.values()))
        b.target(
            owner,
            words,
            indicator=indicator,
            indicator_title=text("indicator_title") if "indicator_title" in cells else None,
            values=values,
            value=target_value,
            baseline=baseline,
            baseline_period=text("baseline_period"),
            where=where,
        )


def _builder(mapping: SheetMapping, origin: str) -> PlanBuilder:
    return PlanBuilder(
        mapping.id,
        mapping.authority,
        mapping.title,
        mapping.period,
        kind=mapping.kind,
        origin=origin,
        where={
            "": "mapping",
            "id": "mapping: id",
            "period": "mapping: period",
            "kind": "mapping: kind",
        },
    )


def _read_rows(
    builder: PlanBuilder,
    mapping: SheetMapping,
    rows: Iterable[tuple[int, Mapping[int, _Cell]]],
    columns: Mapping[str, int],
    targets: Mapping[str, int],
) -> Plan:
    reader = _Rows(builder, mapping)
    for _, row in rows:
        cells = {k: row[c] for k, c in columns.items() if c in row}
        target_cells = {k: row[c] for k, c in targets.items() if c in row}
        if all(
            c.value is None or (isinstance(c.value, str) and not c.value.strip())
            for c in (*cells.values(), *target_cells.values())
        ):
            continue
        reader.row(cells, target_cells)
    return builder.build()


def read_workbook(path: str | os.PathLike[str], mapping: MappingArg = None) -> Plan:
    """Read a plan from an Excel workbook (``.xlsx``) through a mapping of its columns.

    Args:
        path: The workbook.
        mapping: A :class:`SheetMapping`, a dict of one, or the path of a YAML file holding
            one; None for a workbook written by :func:`write_workbook` (its ``About`` sheet
            gives the plan's fields).

    Returns:
        The plan, with ids generated (see :class:`~ecm_plan.io.builder.PlanBuilder`).

    Raises:
        PlanFileError: Every problem found, each at its cell (``Actions!D7``), or at its
            key for a problem of the mapping.
        MissingExtraError: openpyxl is not installed.

    Example:
        >>> import tempfile, pathlib, openpyxl
        >>> wb = openpyxl.Workbook()
        >>> ws = wb.active
        >>> ws.title = "Actions"
        >>> ws.append(["Priority", "Action", "Indicator", "2009-10"])
        >>> ws.append(["1 Reduce NEET", "Expand Connexions", "NI 117 NEET", 0.061])
        >>> ws["D2"].number_format = "0%"
        >>> ws.append([None, "Track leavers", "NI 250 Made up", None])
        >>> mapping = {"id": "demo", "authority": "A", "title": "T", "period": "2009-10",
        ...            "sheet": "Actions", "columns": {"priority": "A", "action": "B",
        ...            "indicator": "C", "targets": {"2009-10": "D"}}}
        >>> with tempfile.TemporaryDirectory() as d:
        ...     wb.save(pathlib.Path(d) / "plan.xlsx")
        ...     read_workbook(pathlib.Path(d) / "plan.xlsx", mapping)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.PlanFileError: cannot load .../plan.xlsx: 1 problem
          - Actions!C3: unknown indicator code 'NI 250'; the National Indicator Set runs ...
    """
    openpyxl = _openpyxl()
    origin = str(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except (OSError, ValueError, KeyError) as err:
        raise PlanFileError(origin, [Problem("", f"cannot read the workbook: {err}")]) from None
    except Exception as err:  # noqa: BLE001 (zip and XML errors of a damaged file)
        raise PlanFileError(
            origin, [Problem("", f"cannot read the workbook: {type(err).__name__}: {err}")]
        ) from None
    try:
        found = _mapping(mapping)
        if found is None:
            found = _about(workbook, origin)
        return _read_sheet(workbook, found, origin, formulas)
    finally:
        workbook.close()
        formulas.close()


def _about(workbook: Any, origin: str) -> SheetMapping:  # noqa: ANN401 (openpyxl)
    if "About" not in workbook.sheetnames or "Actions" not in workbook.sheetnames:
        raise PlanFileError(
            origin,
            [
                Problem(
                    "",
                    "the workbook has no About and Actions sheets, so it was not written by "
                    "write_workbook",
                    "give a mapping of its columns",
                )
            ],
        )
    fields: dict[str, str] = {}
    for key, value, *_ in workbook["About"].iter_rows(min_row=1, values_only=True):
        if key is not None and value is not None:
            fields[str(key).strip().casefold()] = str(value)
    headers = [c.value for c in next(workbook["Actions"].iter_rows(min_row=1, max_row=1))]
    data: dict[str, Any] = {
        "id": fields.get("id"),
        "authority": fields.get("authority"),
        "title": fields.get("title"),
        "period": fields.get("period"),
        "kind": fields.get("kind", "other"),
        "sheet": "Actions",
        "header_row": 1,
        "columns": _export_columns(headers),
    }
    return SheetMapping.from_dict(
        {k: v for k, v in data.items() if v is not None}, source=f"{origin} (About sheet)"
    )


def _read_sheet(
    workbook: Any,  # noqa: ANN401 (openpyxl)
    mapping: SheetMapping,
    origin: str,
    formulas: Any,  # noqa: ANN401 (openpyxl: the same workbook with its formulas)
) -> Plan:
    if mapping.sheet is None:
        sheet = workbook.worksheets[0]
    elif mapping.sheet in workbook.sheetnames:
        sheet = workbook[mapping.sheet]
    else:
        raise PlanFileError(
            origin,
            [
                Problem(
                    "mapping: sheet",
                    f"no sheet named {mapping.sheet!r}",
                    f"the sheets are: {', '.join(workbook.sheetnames)}",
                )
            ],
        )
    name = sheet.title
    formula_sheet = formulas[name]
    prefix = f"'{name}'!" if re.search(r"[^A-Za-z0-9_]", name) else f"{name}!"
    headers: list[object] = []
    if mapping.header_row:
        headers = [c.value for c in sheet[mapping.header_row]] if sheet.max_row >= 1 else []
    columns, targets, problems = _resolve(mapping, headers, prefix)
    if problems:
        raise PlanFileError(origin, problems)
    builder = _builder(mapping, origin)
    wanted = set(columns.values()) | set(targets.values())
    fill = {c for k, c in columns.items() if k in _FILLED_WHEN_MERGED | _MERGED_PER_ROW}
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for cell_range in sheet.merged_cells.ranges:
        top = (cell_range.min_row, cell_range.min_col)
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                if (row, col) != top:
                    merged[(row, col)] = top

    def rows() -> Iterator[tuple[int, dict[int, _Cell]]]:
        for row_number in range(mapping.header_row + 1, sheet.max_row + 1):
            cells: dict[int, _Cell] = {}
            for col in wanted:
                source = (row_number, col)
                if source in merged:
                    if col not in fill:
                        continue
                    source = merged[source]
                cell = sheet.cell(row=source[0], column=source[1])
                fmt = str(cell.number_format or "")
                ref = f"{prefix}{_column_letters(col)}{row_number}"
                if cell.value is None and formula_sheet.cell(*source).data_type == "f":
                    builder.problem(
                        ref,
                        "the cell holds a formula whose value was never saved",
                        "open the workbook in a spreadsheet program and save it, or type the value",
                    )
                    continue
                numeric = isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
                cells[col] = _Cell(cell.value, ref, numeric and "%" in fmt)
            yield row_number, cells

    return _read_rows(builder, mapping, rows(), columns, targets)


def read_csv_plan(path: str | os.PathLike[str], mapping: MappingArg) -> Plan:
    r"""Read a plan from a CSV file (an action plan saved from a spreadsheet).

    The rows are read as :func:`read_workbook` reads a sheet's: columns by letter (``A`` is
    the first) or header, blank cells filled from above, problems at their cells (``D7``).
    CSV holds only text, so dates and percentages are read from their text.

    Args:
        path: The CSV file (UTF-8, with or without a byte order mark).
        mapping: A :class:`SheetMapping`, a dict of one, or the path of a YAML file.

    Raises:
        PlanFileError: Every problem found, each at its cell.

    Example:
        >>> import tempfile, pathlib
        >>> text = "Priority,Action,By when\n1 Stay safe,Train staff,31/02/2010\n"
        >>> mapping = {"id": "demo", "authority": "A", "title": "T", "period": "2009-10",
        ...            "columns": {"priority": "Priority", "action": "B", "due": "C"}}
        >>> with tempfile.TemporaryDirectory() as d:
        ...     path = pathlib.Path(d) / "plan.csv"
        ...     _ = path.write_text(text, encoding="utf-8")
        ...     read_csv_plan(path, mapping)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.PlanFileError: cannot load .../plan.csv: 1 problem
          - C2: cannot read '31/02/2010' as a period: no such day: February 2010 has 28 days, ...
    """
    found = _mapping(mapping)
    if found is None:
        raise ArgumentError.for_value("mapping", "a SheetMapping, a dict or a file path", mapping)
    origin = str(path)
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise PlanFileError(origin, [Problem("", f"cannot read the file: {err}")]) from None
    headers: list[object] = (
        list(table[found.header_row - 1]) if 0 < found.header_row <= len(table) else []
    )
    columns, targets, problems = _resolve(found, headers, "")
    if problems:
        raise PlanFileError(origin, problems)
    wanted = set(columns.values()) | set(targets.values())

    def rows() -> Iterator[tuple[int, dict[int, _Cell]]]:
        for index in range(found.header_row, len(table)):
            line = table[index]
            yield (
                index + 1,
                {
                    c: _Cell(
                        line[c - 1] if c <= len(line) else None, f"{_column_letters(c)}{index + 1}"
                    )
                    for c in wanted
                },
            )

    return _read_rows(_builder(found, origin), found, rows(), columns, targets)

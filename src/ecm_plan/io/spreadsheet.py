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

The module needs openpyxl, installed by the ``xlsx`` extra (``pip install 'ecm-plan[xlsx]'``);
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
from typing import TYPE_CHECKING, Any

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import (
    ArgumentError,
    MissingExtraError,
    PlanFileError,
    PlanWriteError,
    Problem,
)
from ecm_plan.io._formats import FormatError, parse
from ecm_plan.io.builder import PlanBuilder, number_text
from ecm_plan.model import Allocation, Plan, Target, Value
from ecm_plan.periods import Period, parse_period
from ecm_plan.tables import Table

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "COLUMN_KEYS",
    "SheetMapping",
    "export_mapping",
    "plan_tables",
    "read_csv_plan",
    "read_workbook",
    "write_workbook",
]

COLUMN_KEYS = (
    "priority_code",
    "priority",
    "outcomes",
    "objective_code",
    "objective",
    "action_code",
    "action",
    "lead",
    "due",
    "target",
    "indicator",
    "indicator_title",
    "baseline",
    "baseline_period",
    "target_value",
    "funding",
    "amount",
    "amount_unit",
)
"""The columns a :class:`SheetMapping` may name (``targets`` names one column per period)."""

_LETTERS = re.compile(r"^[A-Z]{1,3}$")
_SETTINGS = (
    "id",
    "authority",
    "title",
    "period",
    "kind",
    "sheet",
    "header_row",
    "amount_unit",
    "columns",
)
_FILLED_WHEN_MERGED = frozenset({"priority_code", "priority", "objective_code", "objective"})
_MERGED_PER_ROW = frozenset({"lead", "due"})
_LIST_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
_PERCENT_TEXT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_NUMBER_TEXT = re.compile(r"^-?\d+(?:\.\d+)?$")
_EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def _column_index(letters: str) -> int:
    """``A`` is 1, ``Z`` 26, ``AA`` 27."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@attrs.frozen
class SheetMapping:
    """Which column of a sheet holds what, and the plan's own fields.

    A column is named by its letter (``"D"``: one to three capital letters) or by its
    header text (``"By when"``, matched case- and space-insensitively in the header row).
    Every column is optional, but a sheet needs a priority or an action column.

    Attributes:
        id: The plan's id, a slug.
        authority: The council or partnership.
        title: The document's title.
        period: The period the plan covers, such as ``2009-10 to 2011-12``.
        kind: The kind of document (a :class:`~ecm_plan.model.DocumentKind` value).
        sheet: The sheet's name; None for the first sheet (ignored for CSV).
        header_row: The row of column headers; data starts on the next row.
        amount_unit: The unit of bare numbers in the amount column: ``GBP``, or ``kGBP``
            for a "£000" column.
        columns: Column keys (:data:`COLUMN_KEYS`) to columns.
        targets: Period labels to the columns holding the target for that period.

    Example:
        >>> m = SheetMapping.from_dict({
        ...     "id": "anytown-2009-10", "authority": "Anytown", "title": "Action plan",
        ...     "period": "2009-10 to 2010-11", "sheet": "Actions",
        ...     "columns": {"priority": "A", "objective": "B", "action": "C", "lead": "D",
        ...                 "due": "By when", "targets": {"2009-10": "F", "2010-11": "G"}},
        ... })
        >>> m.columns["due"], m.targets["2010-11"]
        ('By when', 'G')
        >>> SheetMapping.from_dict({"id": "x", "columns": {"lede": "D"}})
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.PlanFileError: cannot load <mapping>: 4 problems
          - authority: this required key is missing (hint: add it)
          - title: this required key is missing (hint: add it)
          - period: this required key is missing (hint: add it)
          - columns.lede: unknown column key 'lede' (hint: did you mean 'lead'? ...)

    .. versionadded:: 0.2.0
    """

    id: str
    authority: str
    title: str
    period: str
    kind: str = "other"
    sheet: str | None = None
    header_row: int = 1
    amount_unit: str = "GBP"
    columns: Mapping[str, str] = attrs.field(factory=dict)
    targets: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<mapping>") -> SheetMapping:
        """Read a mapping from plain data (a dict, or a YAML file's content).

        Raises:
            PlanFileError: Every problem in the mapping, each at its key.
        """
        import difflib  # noqa: PLC0415 (only for hints)

        problems: list[Problem] = []
        if not isinstance(data, Mapping):
            raise PlanFileError(source, [Problem("", "a mapping holds keys such as 'columns'")])
        for key in data:
            if key not in _SETTINGS:
                near = difflib.get_close_matches(str(key), _SETTINGS, n=1)
                hint = f"did you mean {near[0]!r}?" if near else f"use {', '.join(_SETTINGS)}"
                problems.append(Problem(str(key), f"unknown key {key!r}", hint))
        problems.extend(
            Problem(key, "this required key is missing", "add it")
            for key in ("id", "authority", "title", "period")
            if key not in data
        )
        raw_columns = data.get("columns", {})
        columns: dict[str, str] = {}
        targets: dict[str, str] = {}
        if not isinstance(raw_columns, Mapping):
            problems.append(Problem("columns", "columns maps keys to column letters or headers"))
            raw_columns = {}
        for key, column in raw_columns.items():
            if key == "targets":
                if not isinstance(column, Mapping):
                    problems.append(
                        Problem("columns.targets", "targets maps period labels to columns")
                    )
                    continue
                for label, target_column in column.items():
                    try:
                        parse_period(str(label))
                    except ValueError as err:
                        problems.append(Problem(f"columns.targets[{label!r}]", str(err)))
                        continue
                    targets[str(label)] = str(target_column)
            elif key in COLUMN_KEYS:
                columns[str(key)] = str(column)
            else:
                near = difflib.get_close_matches(str(key), COLUMN_KEYS, n=1)
                hint = f"did you mean {near[0]!r}? " if near else ""
                problems.append(
                    Problem(
                        f"columns.{key}",
                        f"unknown column key {key!r}",
                        f"{hint}the keys are {', '.join(COLUMN_KEYS)} and targets",
                    )
                )
        header_row = data.get("header_row", 1)
        if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 0:
            problems.append(
                Problem("header_row", f"header_row must be a row number, not {header_row!r}")
            )
            header_row = 1
        if problems:
            raise PlanFileError(source, problems)
        if "priority" not in columns and "action" not in columns:
            raise PlanFileError(
                source,
                [Problem("columns", "name a priority or an action column", "add columns.action")],
            )
        sheet = data.get("sheet")
        return cls(
            id=str(data["id"]),
            authority=str(data["authority"]),
            title=str(data["title"]),
            period=str(data["period"]),
            kind=str(data.get("kind", "other")),
            sheet=None if sheet is None else str(sheet),
            header_row=header_row,
            amount_unit=str(data.get("amount_unit", "GBP")),
            columns=columns,
            targets=targets,
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SheetMapping:
        r"""Read a mapping from a YAML (or JSON) file.

        Raises:
            PlanFileError: The file cannot be read, or every problem in it.

        Example:
            >>> import tempfile, pathlib
            >>> with tempfile.TemporaryDirectory() as d:
            ...     path = pathlib.Path(d) / "mapping.yaml"
            ...     _ = path.write_text("id: demo\nauthority: A\ntitle: T\nperiod: 2009-10\n"
            ...                         "columns: {action: C}\n", encoding="utf-8")
            ...     SheetMapping.load(path).columns
            {'action': 'C'}
        """
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise PlanFileError(str(path), [Problem("", f"cannot read the file: {err}")]) from None
        try:
            data = parse(text, "json" if str(path).endswith(".json") else "yaml")
        except FormatError as err:
            raise PlanFileError(str(path), err.problems) from None
        return cls.from_dict(data if data is not None else {}, source=str(path))


MappingArg = SheetMapping | Mapping[str, Any] | str | os.PathLike[str] | None


def _mapping(mapping: MappingArg) -> SheetMapping | None:
    if mapping is None or isinstance(mapping, SheetMapping):
        return mapping
    if isinstance(mapping, Mapping):
        return SheetMapping.from_dict(mapping)
    if isinstance(mapping, str | os.PathLike):
        return SheetMapping.load(mapping)
    raise ArgumentError.for_value("mapping", "a SheetMapping, a dict or a file path", mapping)


# -- reading ---------------------------------------------------------------------------------


@attrs.frozen
class _Cell:
    value: object
    ref: str
    percent: bool = False  # a number formatted as a percentage


def _openpyxl() -> Any:  # noqa: ANN401 (the module)
    try:
        import openpyxl  # noqa: PLC0415 (an optional dependency, imported on use)
    except ImportError:
        raise MissingExtraError("openpyxl", "xlsx", "reading and writing spreadsheets") from None
    return openpyxl


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


# -- writing ---------------------------------------------------------------------------------

_EXPORT_HEADERS: dict[str, str] = {
    "priority_code": "Priority code",
    "priority": "Priority",
    "outcomes": "Outcomes",
    "objective_code": "Objective code",
    "objective": "Objective",
    "action_code": "Action code",
    "action": "Action",
    "lead": "Lead",
    "due": "By when",
    "target": "Target",
    "indicator": "Indicator",
    "indicator_title": "Indicator title",
    "baseline": "Baseline",
    "baseline_period": "Baseline period",
    "target_value": "Target value",
    "funding": "Funding",
    "amount": "Amount",
    "amount_unit": "Amount unit",
}
_BEFORE_PERIODS = COLUMN_KEYS[: COLUMN_KEYS.index("target_value")]
_AFTER_PERIODS = COLUMN_KEYS[COLUMN_KEYS.index("target_value") :]


def _export_columns(headers: Sequence[object]) -> dict[str, Any]:
    """The mapping's columns for an Actions sheet written by :func:`write_workbook`."""
    by_header = {v: k for k, v in _EXPORT_HEADERS.items()}
    columns: dict[str, Any] = {}
    targets: dict[str, str] = {}
    for index, header in enumerate(headers, start=1):
        if header is None:
            continue
        letters = _column_letters(index)
        key = by_header.get(str(header))
        if key is not None:
            columns[key] = letters
        elif str(header).startswith("Target "):
            targets[str(header).removeprefix("Target ")] = letters
    if targets:
        columns["targets"] = targets
    return columns


def export_mapping(plan: Plan) -> SheetMapping:
    """The mapping of the ``Actions`` sheet :func:`write_workbook` writes for this plan.

    :func:`read_workbook` finds it by itself from the sheet's headers; this is for reading
    the sheet saved on its own (as CSV, say).

    Example:
        >>> from ecm_plan import load_bundled
        >>> m = export_mapping(load_bundled("sample"))
        >>> m.columns["action"], m.targets["2009-10"]
        ('G', 'O')
    """
    headers = plan_tables(plan)[1].headers
    return SheetMapping.from_dict(
        {
            "id": plan.id,
            "authority": plan.authority,
            "title": plan.title,
            "period": plan.period.label,
            "kind": plan.kind.value,
            "sheet": "Actions",
            "columns": _export_columns(headers),
        }
    )


def _target_periods(plan: Plan) -> list[Period]:
    found = {p for _, t in plan.iter_targets() for p in t.values}
    return sorted(found, key=lambda p: (p.start, p.end))


def _action_rows(plan: Plan, periods: Sequence[Period]) -> list[list[str]]:
    stream_names = {s.id: s.name for s in plan.funding_streams}
    lead_names = {lead.id: lead.name for lead in plan.leads}
    indicators = {i.id: i for i in plan.indicators}
    rows: list[list[str]] = []

    def lines(
        base: dict[str, str],
        leads: Sequence[str],
        targets: Sequence[Target],
        funding: Sequence[Allocation],
        due: str,
        *,
        always: bool,
    ) -> None:
        count = max(len(targets), len(funding))
        if count == 0 and not always and not leads:
            return
        for i in range(max(count, 1)):
            cells = dict(base)
            if i == 0:
                cells["lead"] = "; ".join(lead_names.get(x, x) for x in leads)
                cells["due"] = due
            else:
                for key in ("action", "action_code", "outcomes"):
                    cells.pop(key, None)
            by_period: dict[Period, str] = {}
            if i < len(targets):
                target = targets[i]
                cells["target"] = target.text
                if target.indicator is not None:
                    indicator = indicators[target.indicator]
                    cells["indicator"] = indicator.written_code
                    cells["indicator_title"] = indicator.title or ""
                if target.baseline is not None:
                    if target.baseline.value is not None:
                        cells["baseline"] = target.baseline.value.text
                    if target.baseline.period is not None:
                        cells["baseline_period"] = target.baseline.period.label
                if target.value is not None:
                    cells["target_value"] = target.value.text
                by_period = {p: v.text for p, v in target.values.items()}
            if i < len(funding):
                allocation = funding[i]
                if allocation.stream is not None:
                    cells["funding"] = stream_names.get(allocation.stream, allocation.stream)
                if allocation.amount is not None:
                    cells["amount"] = allocation.amount.text
                    cells["amount_unit"] = allocation.amount.unit
            rows.append(
                [cells.get(k, "") for k in _BEFORE_PERIODS]
                + [by_period.get(p, "") for p in periods]
                + [cells.get(k, "") for k in _AFTER_PERIODS]
            )

    for priority in plan.priorities:
        base = {"priority_code": priority.code or "", "priority": priority.title}
        first = {**base, "outcomes": "; ".join(o.outcome.value for o in priority.outcomes)}
        lines(
            first,
            priority.leads,
            priority.targets,
            priority.funding,
            "",
            always=bool(priority.outcomes) or not (priority.objectives or priority.actions),
        )
        for action in priority.actions:
            cells = {**base, "action_code": action.code or "", "action": action.text}
            due = action.due.text if action.due is not None else ""
            lines(cells, action.leads, action.targets, action.funding, due, always=True)
        for objective in priority.objectives:
            obase = {**base, "objective_code": objective.code or "", "objective": objective.title}
            lines(
                obase,
                objective.leads,
                objective.targets,
                objective.funding,
                "",
                always=not objective.actions,
            )
            for action in objective.actions:
                cells = {**obase, "action_code": action.code or "", "action": action.text}
                due = action.due.text if action.due is not None else ""
                lines(cells, action.leads, action.targets, action.funding, due, always=True)
    return rows


def plan_tables(plan: Plan) -> tuple[Table, ...]:
    """The tables :func:`write_workbook` writes, one per sheet, in order.

    ``About`` (the plan's fields), ``Actions`` (one row per action, target and allocation,
    in the layout :func:`read_workbook` reads back), ``Targets``, ``Indicators``,
    ``Funding`` and ``Leads``. Needs no openpyxl.

    Example:
        >>> from ecm_plan import load_bundled
        >>> [t.title for t in plan_tables(load_bundled("sample"))]
        ['About', 'Actions', 'Targets', 'Indicators', 'Funding', 'Leads']
    """
    if not isinstance(plan, Plan):
        raise ArgumentError.for_value("plan", "a Plan", plan)
    periods = _target_periods(plan)
    about = Table(
        "About",
        ("Field", "Value"),
        [
            ("id", plan.id),
            ("authority", plan.authority),
            ("title", plan.title),
            ("period", plan.period.label),
            ("kind", plan.kind.value),
        ],
    )
    actions = Table(
        "Actions",
        [_EXPORT_HEADERS[k] for k in _BEFORE_PERIODS]
        + [f"Target {p.label}" for p in periods]
        + [_EXPORT_HEADERS[k] for k in _AFTER_PERIODS],
        _action_rows(plan, periods),
    )
    targets = Table(
        "Targets",
        (
            "Owner",
            "Target",
            "Text",
            "Kind",
            "Indicator",
            "Comparator",
            "Baseline",
            *(p.label for p in periods),
            "Value",
        ),
        [
            (
                owner,
                t.id,
                t.text,
                t.kind.value,
                t.indicator or "",
                t.comparator.value if t.comparator else "",
                t.baseline.value.text if t.baseline and t.baseline.value else "",
                *(t.values[p].text if p in t.values else "" for p in periods),
                t.value.text if t.value else "",
            )
            for owner, t in plan.iter_targets()
        ],
    )
    indicator_periods = sorted(
        {p for i in plan.indicators for p in (*i.targets, *i.actuals)},
        key=lambda p: (p.start, p.end),
    )
    indicators = Table(
        "Indicators",
        (
            "Indicator",
            "Code",
            "Scheme",
            "Title",
            "Unit",
            "Polarity",
            "Baseline",
            "Baseline period",
            *(f"Actual {p.label}" for p in indicator_periods),
            *(f"Target {p.label}" for p in indicator_periods),
        ),
        [
            (
                i.id,
                i.written_code,
                i.scheme.value,
                i.title or "",
                i.unit or "",
                i.polarity.value if i.polarity else "",
                i.baseline.value.text if i.baseline and i.baseline.value else "",
                i.baseline.period.label if i.baseline and i.baseline.period else "",
                *(i.actuals[p].text if p in i.actuals else "" for p in indicator_periods),
                *(i.targets[p].text if p in i.targets else "" for p in indicator_periods),
            )
            for i in plan.indicators
        ],
    )
    stream_names = {s.id: s.name for s in plan.funding_streams}
    funding_rows = [
        (
            element.id,
            a.stream or "",
            stream_names.get(a.stream or "", ""),
            a.amount.text if a.amount else "",
            "" if a.amount is None or a.amount.gbp is None else number_text(a.amount.gbp),
            a.amount.kind.value if a.amount else "",
            a.arrangement.value if a.arrangement else "",
            a.period.label if a.period else "",
        )
        for _, element, a in plan.iter_allocations()
    ]
    funding = Table(
        "Funding",
        ("Owner", "Stream", "Stream name", "Amount", "Pounds", "Kind", "Arrangement", "Period"),
        funding_rows,
    )
    leads = Table(
        "Leads",
        ("Lead", "Name", "Kind", "Role", "Organisation"),
        [(x.id, x.name, x.kind.value, x.role or "", x.organisation or "") for x in plan.leads],
    )
    return (about, actions, targets, indicators, funding, leads)


def _tables_of(monitoring: object) -> tuple[Table, ...]:
    if monitoring is None:
        return ()
    to_tables = getattr(monitoring, "to_tables", None)
    found = to_tables() if callable(to_tables) else monitoring
    if isinstance(found, Table):
        return (found,)
    if isinstance(found, Iterable) and not isinstance(found, str | bytes):
        tables = tuple(found)
        if all(isinstance(t, Table) for t in tables):
            return tables
    raise ArgumentError.for_value(
        "monitoring", "an object with to_tables() or a sequence of Table", monitoring
    )


def _sheet_title(title: str, used: set[str]) -> str:
    base = " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split()).strip("'") or "Table"
    base = base[:31]
    candidate, number = base, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate.casefold())
    return candidate


def _cell_value(text: str) -> tuple[object, str | None]:
    """A text as the cell to write: a number when reading it back gives the same text."""
    if _NUMBER_TEXT.match(text):
        number = float(text)
        if number_text(number) == text:
            return (int(number) if number.is_integer() else number), None
    elif _PERCENT_TEXT.match(text):
        number = float(text[:-1]) / 100
        if f"{number_text(number * 100)}%" == text:
            decimals = len(text[:-1].partition(".")[2])
            return number, "0%" if decimals == 0 else f"0.{'0' * decimals}%"
    return text, None


def _write_table(sheet: Worksheet, table: Table, openpyxl: Any) -> None:  # noqa: ANN401 (the openpyxl module, imported on first use)
    styles = openpyxl.styles
    sheet.append(list(table.headers))
    bold = styles.Font(bold=True, color="FFFFFF")
    fill = styles.PatternFill("solid", fgColor="305496")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = styles.Alignment(vertical="top", wrap_text=True)
    widths = [len(h) for h in table.headers]
    for r, row in enumerate(table.rows, start=2):
        for c, text in enumerate(row, start=1):
            if text == "":
                continue
            value, fmt = _cell_value(text)
            cell = sheet.cell(row=r, column=c, value=value)
            if value is text and text.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if fmt is not None:
                cell.number_format = fmt
            else:
                cell.number_format = "@" if isinstance(value, str) else "General"
            cell.alignment = styles.Alignment(vertical="top", wrap_text=True)
            widths[c - 1] = max(widths[c - 1], *(len(x) for x in text.split("\n")))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[_column_letters(c)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    for note in table.notes:
        sheet.append([note])


def write_workbook(plan: Plan, path: str | os.PathLike[str], *, monitoring: object = None) -> None:
    """Write a plan as an Excel workbook: one sheet per table of :func:`plan_tables`.

    Headers are bold on a coloured fill, frozen above the rows, and each column is as wide
    as its longest line (up to 60 characters, wrapping beyond). A text that reads back
    as the same number (``283``, ``19.2%``) is written as a number, formatted as a
    percentage where it is one; any other text is written as text, so that reading the
    workbook back gives an equal plan.

    Args:
        plan: The plan.
        path: The ``.xlsx`` file to write (replaced if it exists).
        monitoring: More sheets: an object with a ``to_tables()`` method (the results of an
            assessment), or a sequence of :class:`~ecm_plan.tables.Table`; each table is a
            sheet named by its title.

    Raises:
        ArgumentError: ``plan`` is not a plan, or ``monitoring`` gives no tables.
        PlanWriteError: The file cannot be written.
        MissingExtraError: openpyxl is not installed.

    Example:
        >>> import tempfile, pathlib, openpyxl
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.tables import Table
        >>> extra = Table("Q2 returns", ("Indicator", "Value"), [("NI 62", "10.1%")])
        >>> with tempfile.TemporaryDirectory() as d:
        ...     write_workbook(load_bundled("sample"), pathlib.Path(d) / "s.xlsx",
        ...                    monitoring=[extra])
        ...     openpyxl.load_workbook(pathlib.Path(d) / "s.xlsx").sheetnames
        ['About', 'Actions', 'Targets', 'Indicators', 'Funding', 'Leads', 'Q2 returns']
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    _args.require_path(path, "path")
    tables = plan_tables(plan)
    extra = _tables_of(monitoring)
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    used: set[str] = set()
    first = True
    for table in (*tables, *extra):
        title = _sheet_title(table.title, used)
        if first:
            sheet = workbook.active
            sheet.title = title
            first = False
        else:
            sheet = workbook.create_sheet(title)
        _write_table(sheet, table, openpyxl)
    try:
        workbook.save(path)
    except OSError as err:
        raise PlanWriteError(str(path), err.strerror or str(err), err.errno) from err

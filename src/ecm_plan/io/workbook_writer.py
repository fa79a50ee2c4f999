"""Writing a plan as an Excel workbook, and the tables its sheets hold.

:func:`write_workbook` writes an ``About`` sheet, an ``Actions`` sheet in the layout
:func:`~ecm_plan.io.spreadsheet.read_workbook` reads back without a mapping, and one sheet
each for targets, indicators, funding and leads, plus any tables given (monitoring results);
:func:`plan_tables` gives those tables without openpyxl, and :func:`export_mapping` the
mapping of the ``Actions`` sheet.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ecm_plan import _args
from ecm_plan.exceptions import ArgumentError, PlanWriteError
from ecm_plan.io.builder import number_text
from ecm_plan.io.sheet_mapping import COLUMN_KEYS, SheetMapping, _column_letters, _openpyxl
from ecm_plan.model import Allocation, Plan, Target
from ecm_plan.periods import Period
from ecm_plan.tables import Table

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "export_mapping",
    "plan_tables",
    "write_workbook",
]

_PERCENT_TEXT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_NUMBER_TEXT = re.compile(r"^-?\d+(?:\.\d+)?$")

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

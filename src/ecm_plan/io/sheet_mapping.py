"""Mappings of a sheet's columns: which column of a workbook or CSV file holds what.

A :class:`SheetMapping` names the columns of an action plan's sheet (by letter or by header
text) and gives the plan's own fields; :data:`COLUMN_KEYS` lists the columns it may name.
:func:`~ecm_plan.io.spreadsheet.read_workbook` and
:func:`~ecm_plan.io.spreadsheet.read_csv_plan` read a sheet through one.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ecm_plan.exceptions import ArgumentError, MissingExtraError, PlanFileError, Problem
from ecm_plan.io._formats import FormatError, parse
from ecm_plan.periods import parse_period

__all__ = [
    "COLUMN_KEYS",
    "SheetMapping",
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


def _openpyxl() -> Any:  # noqa: ANN401 (the module)
    try:
        import openpyxl  # noqa: PLC0415 (an optional dependency, imported on use)
    except ImportError:
        raise MissingExtraError("openpyxl", "xlsx", "reading and writing spreadsheets") from None
    return openpyxl

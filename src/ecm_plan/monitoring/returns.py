r"""Returns: the actual values of a plan's indicators, as data kept apart from the plan.

A returns file is a long table with one row per indicator and period: the columns
``indicator``, ``period`` and ``value``, and optionally ``plan`` (for a file covering several
plans), ``status`` (the document's own judgement, such as ``green`` or ``ON COURSE``),
``comment`` and ``source``. It is written as CSV, or as YAML or JSON holding a mapping with one
key, ``returns``, whose value is a list of row mappings with the same keys.
Periods are period labels (:func:`~ecm_plan.periods.parse_period`), values are cells
(:class:`~ecm_plan.model.Value`, so ``86% (prov.)`` stays provisional).

Example:
    >>> text = '''indicator,period,value,status
    ... NI 56,2009-10 Q1,18.6% (prov.),
    ... NI 56,2008-09,18.3%,amber
    ... '''
    >>> returns = loads_returns(text, "csv")
    >>> [(p.label, v.text, v.status.value) for p, v in returns.series(None, "NI 56")]
    [('2008-09', '18.3%', 'firm'), ('2009-10 Q1', '18.6% (prov.)', 'provisional')]
    >>> loads_returns("indicator,period,value\nNI 56,2009-13,18%\n", "csv")
    Traceback (most recent call last):
    ...
    ecm_plan.exceptions.ReturnsError: cannot load returns <string>: 1 problem
      - line 2, column period: cannot read '2009-13' as a period: ...

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import attrs
import yaml

from ecm_plan import _args
from ecm_plan.exceptions import PlanError, Problem, ReturnsError
from ecm_plan.io._formats import MAX_BYTES, FormatError, _BoundedLoader, dumps, parse
from ecm_plan.model import Value, ValueStatus
from ecm_plan.monitoring._returns_model import (
    Return,
    Returns,
    _clash,
    _duplicate,
    _unread,
    check_returns,
    plan_actuals,
    with_plan_actuals,
)
from ecm_plan.periods import parse_period

__all__ = [
    "COLUMNS",
    "FORMATS",
    "REQUIRED_COLUMNS",
    "Return",
    "Returns",
    "check_returns",
    "dumps_returns",
    "load_returns",
    "loads_returns",
    "plan_actuals",
    "with_plan_actuals",
]

FORMATS: Final = ("csv", "yaml", "json")
"""The formats of a returns file."""
REQUIRED_COLUMNS: Final = ("indicator", "period", "value")
"""The columns (keys) every row has."""
COLUMNS: Final = (*REQUIRED_COLUMNS, "plan", "status", "comment", "source")
"""Every column (key) a row may have, in the order files are written."""
_SUFFIXES: Final = {".csv": "csv", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


# -- reading ---------------------------------------------------------------------------------


@attrs.define
class _Reader:
    """Collects rows and problems while reading one file."""

    source: str
    problems: list[Problem] = attrs.Factory(list)
    rows: list[Return] = attrs.Factory(list)

    def row(
        self,
        cells: dict[str, Any],
        where: Callable[[str], str],
        line: int | None,
        absent: frozenset[str] = frozenset(),
    ) -> None:
        """Read one row's cells; ``where(column)`` names a cell's location.

        A required column in ``absent`` is missing from the whole file (a header problem
        already says so), so its cells are not reported one by one.
        """
        clean: dict[str, str | None] = {}
        ok = True
        for column in COLUMNS:
            raw = cells.get(column)
            text, problem = _cell(raw, column)
            if problem:
                self.problems.append(Problem(where(column), problem, _hint(column)))
                ok = False
                continue
            if text is None and column in REQUIRED_COLUMNS:
                ok = False
                if column in absent:
                    continue
                missing = "is empty" if column in cells else "is missing"
                self.problems.append(
                    Problem(where(column), f"the {column} {missing}", _hint(column))
                )
            clean[column] = text
        period = value = None
        if clean.get("period"):
            try:
                period = parse_period(clean["period"] or "")
            except PlanError as err:
                self.problems.append(Problem(where("period"), str(err), _hint("period")))
                ok = False
        if clean.get("value"):
            value, problem = _read_value(clean["value"] or "")
            if problem:
                self.problems.append(Problem(where("value"), problem, _hint("value")))
                ok = False
        if not ok or period is None or value is None:
            return
        self.rows.append(
            Return(
                indicator=clean["indicator"] or "",
                period=period,
                value=value,
                plan=clean["plan"],
                status=clean["status"],
                comment=clean["comment"],
                source=clean["source"],
                line=line,
            )
        )

    def result(self) -> Returns:
        """The returns, or :class:`ReturnsError` with every problem."""
        rows = tuple(self.rows)
        self.problems.extend(_duplicate(first, later) for first, later in _clash(rows))
        if self.problems:
            raise ReturnsError(self.source, self.problems)
        return Returns(rows, origin=self.source)


_HINTS: Final = {
    "indicator": "give the indicator id as the plan uses it, such as 'NI 56'",
    "period": "write a period label such as '2009-10', '2009-10 Q2', 'October 2009' or '2010'",
    "value": "write the cell as the document does, such as '86%', '86% (prov.)', 'N/A' or "
    "'to be confirmed'",
}


def _hint(column: str) -> str:
    return _HINTS.get(column, "write it as text, or leave it empty")


def _cell(raw: object, column: str) -> tuple[str | None, str]:
    """The cell's text (None when empty) and a problem, or an empty string when none."""
    if raw is None:
        return None, ""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        return None, f"the {column} is written as text, not {type(raw).__name__} {raw!r}"
    if isinstance(raw, float):
        return None, (
            f"the {column} {raw!r} is a floating-point number; put it in quotes as the "
            "document prints it (e.g. '0.80'), so that its digits stay as printed"
        )
    text = str(raw).strip()
    return (text or None), ""


def _read_value(text: str) -> tuple[Value | None, str]:
    try:
        value = Value(text)
    except (PlanError, ValueError) as err:
        return None, f"value {text!r} does not read: {err}"
    if value.status is ValueStatus.TEXT:
        return None, _unread(text)
    return value, ""


def _column_problems(header: list[str]) -> tuple[list[str | None], list[Problem]]:
    problems: list[Problem] = []
    names: list[str | None] = []
    seen: set[str] = set()
    for raw in header:
        name = raw.strip().lower()
        if not name:
            names.append(None)  # a spreadsheet's trailing comma; its cells must be empty
            continue
        if name in COLUMNS and name not in seen:
            names.append(name)
            seen.add(name)
            continue
        names.append(None)
        if name in seen:
            problems.append(
                Problem(f"line 1, column {raw!r}", "the column is given twice", "keep one")
            )
            continue
        near = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
        hint = f"did you mean {near[0]!r}? " if near else ""
        problems.append(
            Problem(
                f"line 1, column {raw!r}",
                f"unknown column {raw!r}",
                f"{hint}the columns are {', '.join(COLUMNS)}",
            )
        )
    problems.extend(
        Problem(
            "line 1",
            f"the required column {name!r} is missing",
            f"the header needs {', '.join(REQUIRED_COLUMNS)}",
        )
        for name in REQUIRED_COLUMNS
        if name not in seen
    )
    return names, problems


def _empty(source: str, what: str) -> ReturnsError:
    return ReturnsError(
        source,
        [Problem("", f"the {what} is empty", f"start with a header row: {','.join(COLUMNS)}")],
    )


def _csv_place(line: int) -> Callable[[str], str]:
    return lambda column: f"line {line}, column {column}"


def _tree_place(index: int, at: str) -> Callable[[str], str]:
    return lambda key: f"returns[{index}].{key}{at}"


def _loads_csv(text: str, source: str) -> Returns:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _empty(source, "file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    result = _Reader(source)
    try:
        header = next(reader)
        names, problems = _column_problems(header)
        result.problems.extend(problems)
        absent = frozenset(REQUIRED_COLUMNS) - set(names)
        line = reader.line_num + 1
        for cells in reader:
            first, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if any(c.strip() for c in cells[len(names) :]):
                result.problems.append(
                    Problem(
                        f"line {first}",
                        f"{len(cells)} cells where the header has {len(names)}",
                        "quote a cell that holds a comma",
                    )
                )
                continue
            stray = [
                i + 1
                for i, cell in enumerate(cells[: len(header)])
                if not header[i].strip() and cell.strip()
            ]
            if stray:
                result.problems.append(
                    Problem(
                        f"line {first}, column {stray[0]}",
                        "a cell under a column with no name",
                        "name the column in the header, or empty the cell",
                    )
                )
                continue
            row = {n: c for n, c in zip(names, cells, strict=False) if n is not None}
            result.row(row, _csv_place(first), first, absent)
    except csv.Error as err:
        result.problems.append(
            Problem(f"line {reader.line_num}", f"not valid CSV: {err}", "check the quoting")
        )
    return result.result()


def _item_lines(text: str) -> list[int]:
    """The line each row mapping of a YAML returns document starts on (1-based)."""
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:  # pragma: no cover - the text was parsed once already
        return []
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "returns" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _loads_tree(text: str, fmt: str, source: str) -> Returns:
    if not text.strip():
        raise _empty(source, "file")
    try:
        data = parse(text, fmt)
    except FormatError as err:
        raise ReturnsError(source, err.problems) from None
    if data is None:
        raise _empty(source, "document")
    if not isinstance(data, dict) or "returns" not in data:
        kind = "a mapping without 'returns'" if isinstance(data, dict) else type(data).__name__
        raise ReturnsError(
            source,
            [
                Problem(
                    "",
                    f"a returns file holds a mapping with the key 'returns', but this one is "
                    f"{kind}",
                    "write 'returns:' followed by a list of rows with indicator, period, value",
                )
            ],
        )
    result = _Reader(source)
    result.problems.extend(
        Problem(str(key), f"unknown key {key!r}", "the only top-level key is 'returns'")
        for key in data
        if key != "returns"
    )
    items = data["returns"]
    if items is None:
        items = []
    if not isinstance(items, list):
        raise ReturnsError(
            source, [Problem("returns", "'returns' must be a list of rows", "write '- ' rows")]
        )
    lines = _item_lines(text) if fmt == "yaml" else []
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else None
        at = f" (line {line})" if line is not None else ""
        if not isinstance(item, dict):
            result.problems.append(
                Problem(f"returns[{i}]{at}", "a row is a mapping", "write indicator, period, value")
            )
            continue
        for key in item:
            if key not in COLUMNS:
                near = difflib.get_close_matches(str(key), COLUMNS, n=1, cutoff=0.6)
                hint = f"did you mean {near[0]!r}? " if near else ""
                result.problems.append(
                    Problem(
                        f"returns[{i}].{key}{at}",
                        f"unknown key {key!r}",
                        f"{hint}the keys are {', '.join(COLUMNS)}",
                    )
                )
        result.row(item, _tree_place(i, at), line)
    return result.result()


def loads_returns(text: str, format: str = "csv", *, source: str = "<string>") -> Returns:  # noqa: A002 (the name callers pass, as in dumps_plan(plan, format))
    r"""Read returns from text.

    Every problem is reported at once: a missing or unknown column, an empty cell where one is
    required, a period or value that does not read, a second row for the same plan,
    indicator and period, an empty file.

    Args:
        text: The file's text.
        format: ``"csv"``, ``"yaml"`` or ``"json"``.
        source: The name to give in error messages.

    Returns:
        The returns, each row with the line it starts on (for CSV and YAML).

    Raises:
        ReturnsError: Every problem found, each with its location and a hint.

    Example:
        >>> r = loads_returns('{"returns": [{"indicator": "NI 111", "period": "2009-10", '
        ...                   '"value": 1290}]}', "json")
        >>> r.rows[0].value.magnitude
        1290.0
        >>> loads_returns("indicator,period,valeu\nNI 1,2009-10,5%\n", "csv")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ReturnsError: cannot load returns <string>: 2 problems
          - line 1, column 'valeu': unknown column 'valeu' (hint: did you mean 'value'? ...)
          - line 1: the required column 'value' is missing (hint: ...)
    """
    _args.require_text(text, "text")
    _args.require_text(format, "format")
    _args.require_text(source, "source")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ReturnsError(
            source, [Problem("", f"the text is larger than {MAX_BYTES // 2**20} MiB", "split it")]
        )
    if format == "csv":
        return _loads_csv(text, source)
    if format in {"yaml", "json"}:
        return _loads_tree(text, format, source)
    raise ReturnsError(source, [Problem("", f"unknown format {format!r}", f"use one of {FORMATS}")])


def load_returns(path: str | os.PathLike[str]) -> Returns:
    r"""Read a returns file; the format comes from the suffix (.csv, .yaml/.yml, .json).

    Raises:
        ReturnsError: The file cannot be read, or every problem found in it.

    Example:
        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as d:
        ...     path = pathlib.Path(d) / "q1.csv"
        ...     _ = path.write_text("indicator,period,value\nNI 56,2009-10 Q1,18%\n")
        ...     len(load_returns(path))
        1
        >>> load_returns("returns.xlsx")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ReturnsError: cannot load returns returns.xlsx: 1 problem
          - (document): unknown file suffix '.xlsx' (hint: name the file .csv, .yaml, .yml or .json)
    """
    _args.require_path(path, "path")
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise ReturnsError(
            str(path),
            [
                Problem(
                    "",
                    f"unknown file suffix {suffix!r}",
                    "name the file .csv, .yaml, .yml or .json",
                )
            ],
        )
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ReturnsError(str(path), [Problem("", f"cannot read the file: {err}")]) from None
    return loads_returns(text, _SUFFIXES[suffix], source=str(path))


# -- writing ---------------------------------------------------------------------------------


def _as_cells(row: Return) -> dict[str, str | None]:
    return {
        "indicator": row.indicator,
        "period": row.period.label,
        "value": row.value.text,
        "plan": row.plan,
        "status": row.status,
        "comment": row.comment,
        "source": row.source,
    }


def dumps_returns(returns: Returns, format: str = "csv") -> str:  # noqa: A002 (the name callers pass, as in dumps_plan(plan, format))
    r"""Write returns as text; :func:`loads_returns` reads it back to equal returns.

    CSV has the required columns and each optional column some row uses; YAML and JSON
    leave out the keys a row does not use.

    Raises:
        ReturnsError: The format is not one of :data:`FORMATS`.

    Example:
        >>> r = loads_returns("indicator,period,value\nNI 56,2009-10,18%\n", "csv")
        >>> print(dumps_returns(r, "yaml"), end="")
        returns:
        - indicator: NI 56
          period: 2009-10
          value: 18%
        >>> loads_returns(dumps_returns(r, "json"), "json") == r
        True
    """
    _args.require_type(returns, "returns", Returns, "Returns")
    _args.require_text(format, "format")
    cells = [_as_cells(row) for row in returns.rows]
    if format == "csv":
        used = [c for c in COLUMNS if c in REQUIRED_COLUMNS or any(r[c] for r in cells)]
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(used)
        writer.writerows([r[c] or "" for c in used] for r in cells)
        return out.getvalue()
    if format in {"yaml", "json"}:
        rows = [{k: v for k, v in r.items() if v is not None} for r in cells]
        return dumps({"returns": rows}, format)
    raise ReturnsError(
        returns.origin, [Problem("", f"unknown format {format!r}", f"use one of {FORMATS}")]
    )

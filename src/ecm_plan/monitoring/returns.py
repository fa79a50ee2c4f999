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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import attrs
import yaml

from ecm_plan import _args
from ecm_plan.catalog import measure_of, national_indicator, normalise_code
from ecm_plan.exceptions import FieldError, PlanError, Problem, ReturnsError, UnitError
from ecm_plan.io._formats import MAX_BYTES, FormatError, _BoundedLoader, dumps, parse
from ecm_plan.model import Indicator, Plan, Value, ValueStatus
from ecm_plan.periods import Period, parse_period
from ecm_plan.units import check_compatible

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


def _text_field(name: str, *, optional: bool) -> Any:  # noqa: ANN401 (an attrs validator)
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise FieldError(
                name,
                f"{name} must be {'None or ' if optional else ''}non-empty text without "
                f"spaces at either end, not {value!r}",
            )

    return check


def _check_value(_instance: object, _attribute: object, value: Value) -> None:
    if not isinstance(value, Value):  # a caller without a type checker
        raise FieldError("value", f"value must be a Value, not {value!r}")
    if not value.text.strip() or value.text != value.text.strip():
        raise FieldError("value", f"value text must be non-empty and trimmed, not {value.text!r}")
    if value.status is ValueStatus.TEXT:
        raise FieldError("value", _unread(value.text))


def _unread(text: str) -> str:
    return f"value {text!r} holds no figure and no state the library reads"


@attrs.frozen
class Return:
    """One actual value of one indicator for one period, as a returns file gives it.

    Attributes:
        indicator: The indicator id as the plan uses it (``NI 56``, ``2016SC``).
        period: The period the value is for.
        value: The figure, with its state (``86% (prov.)`` is provisional) and unit.
        plan: The plan id, in a file covering several plans; None means every plan.
        status: The document's own judgement (``green``, ``Amber``, ``ON COURSE``), as
            written, or None.
        comment: A remark, or None.
        source: Where the figure comes from, or None.
        line: The line of the file the row starts on, or None; not part of equality.

    Example:
        >>> r = Return("NI 56", Period.financial_year(2009), Value("18.3%"), status="amber")
        >>> r.key
        (None, 'NI 56', Period('2009-10'))
        >>> Return("NI 56", Period.financial_year(2009), Value("rising"))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: value 'rising' holds no figure and no state ...

    .. versionadded:: 0.1.0
    """

    indicator: str = attrs.field(validator=_text_field("indicator", optional=False))
    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    value: Value = attrs.field(validator=_check_value)
    plan: str | None = attrs.field(default=None, validator=_text_field("plan", optional=True))
    status: str | None = attrs.field(default=None, validator=_text_field("status", optional=True))
    comment: str | None = attrs.field(default=None, validator=_text_field("comment", optional=True))
    source: str | None = attrs.field(default=None, validator=_text_field("source", optional=True))
    line: int | None = attrs.field(default=None, eq=False)

    @property
    def key(self) -> tuple[str | None, str, Period]:
        """``(plan, indicator, period)``: no two rows of a :class:`Returns` share it.

        Example:
            >>> Return("NI 56", Period.financial_year(2009), Value("18%"), plan="wigan").key
            ('wigan', 'NI 56', Period('2009-10'))
        """
        return (self.plan, self.indicator, self.period)


def _clash(rows: tuple[Return, ...]) -> list[tuple[Return, Return]]:
    """Pairs (first, later) of rows for the same indicator and period that would clash.

    Two rows clash when they name the same plan, or when either names no plan (a row
    naming no plan is for every plan).
    """
    seen: dict[tuple[str, Period], list[Return]] = {}
    clashes = []
    for row in rows:
        earlier = seen.setdefault((row.indicator, row.period), [])
        for first in earlier:
            if first.plan is None or row.plan is None or first.plan == row.plan:
                clashes.append((first, row))
                break
        earlier.append(row)
    return clashes


def _to_rows(rows: Iterable[Return]) -> tuple[Return, ...]:
    return tuple(rows)


@attrs.frozen
class Returns:
    """The rows of one returns file (or of a plan's own actuals), immutable.

    No two rows are for the same plan, indicator and period; a row naming no plan is for
    every plan, so it clashes with any row for its indicator and period.

    Attributes:
        rows: The rows, in file order.
        origin: The file name, ``<string>``, or ``plan <id>`` for a plan's own actuals; not
            part of equality.

    Example:
        >>> fy = Period.financial_year
        >>> returns = Returns((Return("NI 56", fy(2010), Value("17%"), plan="wigan-2009-12"),
        ...                    Return("NI 56", fy(2009), Value("18%"), plan="wigan-2009-12")))
        >>> [p.label for p, _ in returns.series("wigan-2009-12", "NI 56")]
        ['2009-10', '2010-11']
        >>> Returns((Return("NI 56", fy(2009), Value("18%")),
        ...          Return("NI 56", fy(2009), Value("19%"), plan="wigan-2009-12")))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ReturnsError: cannot load returns <string>: 1 problem
          - NI 56 2009-10: a second value for NI 56 in 2009-10 (plan wigan-2009-12) ...

    .. versionadded:: 0.1.0
    """

    rows: tuple[Return, ...] = attrs.field(default=(), converter=_to_rows)
    origin: str = attrs.field(default="<string>", eq=False)

    def __attrs_post_init__(self) -> None:
        """Refuse two rows for the same plan, indicator and period."""
        for row in self.rows:
            if not isinstance(row, Return):
                raise TypeError(f"a row of Returns is a Return, not {row!r}")
        problems = [_duplicate(first, later) for first, later in _clash(self.rows)]
        if problems:
            raise ReturnsError(self.origin, problems)

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.rows)

    def __iter__(self) -> Iterator[Return]:
        """The rows, in order."""
        return iter(self.rows)

    def plans(self) -> tuple[str | None, ...]:
        """The plan ids the rows name (None for rows naming no plan), in first-seen order.

        Example:
            >>> Returns().plans()
            ()
        """
        return tuple(dict.fromkeys(r.plan for r in self.rows))

    def indicators(self) -> tuple[str, ...]:
        r"""The indicator ids the rows name, in first-seen order.

        Example:
            >>> loads_returns("indicator,period,value\nNI 1,2009-10,5%\n", "csv").indicators()
            ('NI 1',)
        """
        return tuple(dict.fromkeys(r.indicator for r in self.rows))

    def for_plan(self, plan_id: str) -> Returns:
        r"""The rows for one plan: those naming it and those naming no plan.

        Example:
            >>> text = "plan,indicator,period,value\nwigan-2009-12,NI 56,2009-10,18%\n" \
            ...        "sample,NI 56,2009-10,20%\n"
            >>> [r.value.text for r in loads_returns(text, "csv").for_plan("sample")]
            ['20%']
        """
        return Returns(tuple(r for r in self.rows if r.plan in {None, plan_id}), origin=self.origin)

    def get(self, plan_id: str | None, indicator: str, period: Period) -> Return | None:
        r"""The row for a plan, indicator and period (a row naming no plan serves any plan).

        Example:
            >>> returns = loads_returns("indicator,period,value\nNI 1,2009-10,5%\n", "csv")
            >>> returns.get("any-plan", "NI 1", Period.financial_year(2009)).value
            Value('5%')
        """
        for row in self.rows:
            if (
                row.indicator == indicator
                and row.period == period
                and (row.plan is None or row.plan == plan_id)
            ):
                return row
        return None

    def series(self, plan_id: str | None, indicator: str) -> tuple[tuple[Period, Value], ...]:
        r"""The values of one indicator for one plan, sorted by period.

        Rows naming no plan serve every plan; with ``plan_id`` None only they are taken.

        Example:
            >>> text = "indicator,period,value\nNI 111,2010-11,1200\nNI 111,2009-10,1290\n"
            >>> [(p.label, v.magnitude) for p, v in
            ...  loads_returns(text, "csv").series("wigan-2009-12", "NI 111")]
            [('2009-10', 1290.0), ('2010-11', 1200.0)]
        """
        found = [
            (r.period, r.value)
            for r in self.rows
            if r.indicator == indicator and (r.plan is None or r.plan == plan_id)
        ]
        return tuple(sorted(found, key=lambda pair: pair[0]))


def _where(row: Return) -> str:
    if row.line is not None:
        return f"line {row.line}"
    return f"{row.indicator} {row.period.label}"


def _duplicate(first: Return, later: Return) -> Problem:
    plan = f" (plan {later.plan})" if later.plan else ""
    at = f" (first at line {first.line})" if first.line is not None else ""
    return Problem(
        _where(later),
        f"a second value for {later.indicator} in {later.period.label}{plan}{at}",
        "keep one row for each plan, indicator and period; a row with no plan is for every plan",
    )


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


# -- with a plan -----------------------------------------------------------------------------


def plan_actuals(plan: Plan) -> Returns:
    """A plan's own actual values (each indicator's ``actuals``) as returns for the plan.

    Values that are words only ("rising") are left out: they are no return.

    Example:
        >>> from ecm_plan import load_bundled
        >>> own = plan_actuals(load_bundled("wigan-2009-12"))
        >>> own.origin, own.get("wigan-2009-12", "NI 111", Period.financial_year(2008)).value
        ('plan wigan-2009-12', Value('1290'))
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    rows = [
        Return(
            indicator.id,
            period,
            value if value.text == value.text.strip() else Value(value.text.strip()),
            plan=plan.id,
        )
        for indicator in plan.indicators
        for period, value in sorted(indicator.actuals.items())
        if value.status is not ValueStatus.TEXT
    ]
    return Returns(tuple(rows), origin=f"plan {plan.id}")


def with_plan_actuals(returns: Returns, plan: Plan) -> Returns:
    r"""The returns for a plan, completed with the plan's own actuals: the returns file wins.

    A plan's actual fills a period the returns do not give for that indicator; where both
    give one, the returns file's row is kept (it is the later, monitored figure, and a
    provisional figure in a plan is revised by a later return). :func:`check_returns`
    reports where a return differs from a *firm* actual the plan gives.

    Example:
        >>> from ecm_plan import load_bundled
        >>> wigan = load_bundled("wigan-2009-12")
        >>> text = "indicator,period,value\nNI 111,2009-10,1200\n"
        >>> both = with_plan_actuals(loads_returns(text, "csv"), wigan)
        >>> [(p.label, v.text) for p, v in both.series(wigan.id, "NI 111")]
        [('2008-09', '1290'), ('2009-10', '1200')]
    """
    _args.require_type(returns, "returns", Returns, "Returns")
    _args.require_type(plan, "plan", Plan, "a Plan")
    mine = returns.for_plan(plan.id)
    given = {(r.indicator, r.period) for r in mine}
    own = [r for r in plan_actuals(plan) if (r.indicator, r.period) not in given]
    return Returns((*mine.rows, *own), origin=returns.origin)


def _differs(first: Value, second: Value) -> bool:
    return (first.status, first.magnitude, first.upper) != (
        second.status,
        second.magnitude,
        second.upper,
    )


def _unit_of(indicator: Indicator) -> str | None:
    if indicator.unit is not None:
        return indicator.unit
    try:
        return national_indicator(indicator.catalogue_code or indicator.id).unit
    except PlanError:
        return None


def _normal(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return normalise_code(code)
    except PlanError:
        return None


def _near_indicator(code: str, plan: Plan) -> str:
    ids = [i.id for i in plan.indicators]
    normal = _normal(code)
    for indicator in plan.indicators:
        names = {indicator.id, indicator.catalogue_code, indicator.code, *indicator.also}
        if code in names or (
            normal is not None and normal in {_normal(n) for n in names if n is not None}
        ):
            return f"did you mean {indicator.id!r}, the plan's id for it?"
    near = difflib.get_close_matches(code, ids, n=2, cutoff=0.6)
    if near:
        return f"did you mean {' or '.join(repr(n) for n in near)}?"
    shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
    return f"the plan's indicators are {shown}" if ids else "the plan has no indicators"


def _known_periods(indicator: Indicator, plan: Plan) -> set[Period]:
    known = {*indicator.actuals, *indicator.targets}
    if indicator.baseline is not None and indicator.baseline.period is not None:
        known.add(indicator.baseline.period)
    for _path, target in plan.iter_targets():
        if target.indicator == indicator.id:
            known.update(target.values)
            if target.baseline is not None and target.baseline.period is not None:
                known.add(target.baseline.period)
    return known


def check_returns(returns: Returns, plan: Plan) -> tuple[Problem, ...]:
    """Check the returns for a plan against it, without changing either.

    Only the rows for the plan are checked (:meth:`Returns.for_plan`). Each problem is
    located by the row's line (or its indicator and period) and says what to do:

    - an indicator the plan does not have (with the plan's id for it, or near ids);
    - a period outside the plan's period that the plan gives no baseline, actual or target
      for;
    - a value whose unit does not convert to the indicator's (a count where the indicator is
      a percentage);
    - a value outside the measure's natural bounds (:func:`~ecm_plan.catalog.measure_of`:
      a percentage over 100, a negative count);
    - a value that differs from a firm actual the plan itself gives for that period.

    Args:
        returns: The returns, for this plan and maybe others.
        plan: The plan.

    Returns:
        The problems, in row order; empty when the returns fit the plan.

    Example:
        >>> from ecm_plan import load_bundled
        >>> wigan = load_bundled("wigan-2009-12")
        >>> text = '''indicator,period,value
        ... NI 56,2010-11,104%
        ... NI 111,2009-10,45%
        ... NI056,2010-11,17%
        ... '''
        >>> for problem in check_returns(loads_returns(text, "csv"), wigan):
        ...     print(problem)
        line 2, column value: 104% is above 100, the highest figure NI 56 can take (percent) ...
        line 3, column value: NI 111 is in count, and '45%' is in percent, ...
        line 4, column indicator: wigan-2009-12 has no indicator 'NI056' (hint: did you mean ...)
    """
    _args.require_type(returns, "returns", Returns, "Returns")
    _args.require_type(plan, "plan", Plan, "a Plan")
    by_id = {i.id: i for i in plan.indicators}
    problems: list[Problem] = []
    for row in returns.for_plan(plan.id):
        where = _where(row)

        def at(column: str, where: str = where, row: Return = row) -> str:
            return f"{where}, column {column}" if row.line is not None else where

        indicator = by_id.get(row.indicator)
        if indicator is None:
            problems.append(
                Problem(
                    at("indicator"),
                    f"{plan.id} has no indicator {row.indicator!r}",
                    _near_indicator(row.indicator, plan),
                )
            )
            continue
        if not row.period.overlaps(plan.period) and row.period not in _known_periods(
            indicator, plan
        ):
            problems.append(
                Problem(
                    at("period"),
                    f"{row.period.label} is outside the plan's period {plan.period.label}",
                    "check the year, and the plan the row is for",
                )
            )
        unit = _unit_of(indicator)
        if row.value.unit is not None and unit is not None:
            try:
                check_compatible(row.value.unit, unit)
            except UnitError:
                problems.append(
                    Problem(
                        at("value"),
                        f"{indicator.id} is in {unit}, and {row.value.text!r} is in "
                        f"{row.value.unit}, which does not convert to it",
                        f"give the figure in {unit}",
                    )
                )
                continue
        breach = measure_of(indicator).breach(row.value, unit)
        if breach is not None:
            problems.append(Problem(at("value"), breach, "check the figure and its unit"))
        own = indicator.actuals.get(row.period)
        if own is not None and own.status is ValueStatus.FIRM and _differs(own, row.value):
            problems.append(
                Problem(
                    at("value"),
                    f"{row.value.text!r} differs from the firm actual {own.text!r} the plan "
                    f"gives for {indicator.id} in {row.period.label}",
                    "the returns file wins over the plan; check which figure is right",
                )
            )
    return tuple(problems)

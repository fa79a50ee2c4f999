"""Readable plain-text tables: the bottom layer that analyses, reports and the command line share.

A :class:`Table` is plain data (a title, headers and rows of strings); :func:`render` lays it
out in fixed-width columns, wrapping long cells so that a report stays readable in a terminal.
Library code never prints: callers print what :func:`render` returns.

Example:
    >>> t = Table("Key targets", ("Measure", "2009-10"), (("NI 112", "-16%"), ("NI 56", "18.01%")))
    >>> print(render(t))
    Key targets
    ===========
    Measure | 2009-10
    --------+--------
    NI 112  | -16%
    NI 56   | 18.01%

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence

import attrs

from ecm_plan.exceptions import TableShapeError

__all__ = ["Table", "render", "render_all"]


def _strs(value: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


def _rows(value: Iterable[Sequence[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple("" if cell is None else str(cell) for cell in row) for row in value)


@attrs.frozen
class Table:
    """A titled table of text cells.

    Attributes:
        title: The heading printed above the table (empty for none).
        headers: The column headers.
        rows: The rows; each has as many cells as there are headers (``None`` prints as empty).
        notes: Lines printed under the table.

    Example:
        >>> Table("t", ("a", "b"), [(1, None)]).rows
        (('1', ''),)
        >>> Table("t", ("a", "b"), [(1,)])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TableShapeError: row 0 of table 't' has 1 cells; the table has
        2 columns (give one cell per header)

    Raises:
        TableShapeError: A row has more or fewer cells than there are headers (a
            :class:`ValueError`).

    .. versionadded:: 0.1.0
    """

    title: str
    headers: tuple[str, ...] = attrs.field(converter=_strs)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    notes: tuple[str, ...] = attrs.field(factory=tuple, converter=_strs)

    def __attrs_post_init__(self) -> None:
        """Check every row has one cell per header."""
        for i, row in enumerate(self.rows):
            if len(row) != len(self.headers):
                raise TableShapeError(self.title, i, len(row), len(self.headers))


_FIGURE_TOKEN = re.compile(r"\d")


def _floors(column: Sequence[str], natural: int) -> tuple[int, int, int]:
    """How narrow a column may be: with whole words, with the rows' words whole, at least.

    The least is the widest token of a row (not the header) that holds a digit, so a figure
    is never split; 1 for a column of text only.
    """
    words = [len(t) for cell in column for t in cell.split()]
    row_words = [len(t) for cell in column[1:] for t in cell.split()]
    figures = [len(t) for cell in column[1:] for t in cell.split() if _FIGURE_TOKEN.search(t)]
    least = max([1, *figures])
    rows = max(least, min(natural, max(row_words, default=1)))
    return max(rows, min(natural, max(words, default=1))), rows, least


def _fit(widths: list[int], floors: Sequence[Sequence[int]], width: int) -> list[int]:
    """Narrow the widest columns, a character at a time, to each level of floors in turn."""
    fitted = list(widths)
    room = width - 3 * (len(fitted) - 1)
    for floor in floors:
        while sum(fitted) > room:
            narrowable = [c for c in range(len(fitted)) if fitted[c] > floor[c]]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda c: fitted[c])
            fitted[widest] -= 1
    return fitted


def _groups(floors: Sequence[int], width: int) -> list[list[int]]:
    """The columns in groups that fit ``width`` beside the first column, in order."""
    groups: list[list[int]] = [[]]
    used = floors[0]
    for c in range(1, len(floors)):
        if groups[-1] and used + 3 + floors[c] > width:
            groups.append([])
            used = floors[0]
        groups[-1].append(c)
        used += 3 + floors[c]
    return groups


def _render_groups(table: Table, groups: list[list[int]], max_width: int, width: int) -> str:
    """A table too wide for ``width``, as several tables that repeat its first column."""
    parts = []
    for n, group in enumerate(groups):
        keep = [0, *group]
        part = Table(
            table.title if n == 0 else "",
            [table.headers[c] for c in keep],
            [[row[c] for c in keep] for row in table.rows],
            notes=table.notes if n == len(groups) - 1 else (),
        )
        parts.append(render(part, max_width=max_width, width=width))
    return "\n\n".join(parts)


def _wrap_lines(text: str, width: int | None) -> list[str]:
    if width is None or len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def render(table: Table, *, max_width: int = 48, width: int | None = None) -> str:
    """Lay a table out in columns separated by ``|``, wrapping cells wider than ``max_width``.

    With ``width``, no line is longer than ``width`` characters: the widest column is
    narrowed, one character at a time, and its cells wrap within the column, until the table
    fits. Columns are first narrowed no further than their longest word, then no further
    than the longest word of their rows (splitting words of the header). A table whose
    columns do not fit even so is printed as several tables, one after the other, each
    repeating the first column (the title above the first, the notes under the last).
    If a table still does not fit, words are split across lines, but a column is never
    narrowed below the widest token of its rows that holds a digit, so a figure such as
    ``12,345.6`` or ``2009-10`` is never split. Nothing is ever truncated: when the figures
    alone are wider than ``width``, the lines that hold them stay longer rather than cut one.
    The title and the notes wrap at ``width`` too.

    Args:
        table: The table.
        max_width: The widest a column may be before its cells wrap.
        width: The longest a line may be, or ``None`` for no limit.

    Returns:
        The text, without a trailing newline.

    Example:
        >>> print(render(Table("", ("Action", "By when"),
        ...                    [("Deliver the Aim Higher Programme", "October 2008")]),
        ...              max_width=16))
        Action           | By when
        -----------------+-------------
        Deliver the Aim  | October 2008
        Higher Programme |
        >>> print(render(Table("", ("Action", "Budget"),
        ...                    [("Deliver the Aim Higher Programme", "£175,000")]), width=20))
        Action    | Budget
        ----------+---------
        Deliver   | £175,000
        the Aim   |
        Higher    |
        Programme |

    .. versionchanged:: 0.2.0 The ``width`` keyword.
    """
    columns = len(table.headers)
    grid = (table.headers, *table.rows)
    wrapped_rows = [[textwrap.wrap(cell, max_width) or [""] for cell in row] for row in grid]
    widths = [
        max((len(line) for row in wrapped_rows for line in row[c]), default=0)
        for c in range(columns)
    ]
    if width is not None:
        levels = [_floors([row[c] for row in grid], widths[c]) for c in range(columns)]
        groups = _groups([rows for _, rows, _ in levels], width)
        if len(groups) > 1:
            return _render_groups(table, groups, max_width, width)
        fitted = _fit(widths, list(zip(*levels, strict=True)), width)
        if fitted != widths:
            wrapped_rows = [
                [textwrap.wrap(cell, fitted[c]) or [""] for c, cell in enumerate(row)]
                for row in grid
            ]
            widths = [
                max((len(line) for row in wrapped_rows for line in row[c]), default=0)
                for c in range(columns)
            ]
    out: list[str] = []
    if table.title:
        title = _wrap_lines(table.title, width)
        out += [*title, "=" * max(len(line) for line in title)]
    for r, row in enumerate(wrapped_rows):
        height = max(len(cell) for cell in row)
        for h in range(height):
            cells = [
                (row[c][h] if h < len(row[c]) else "").ljust(widths[c]) for c in range(columns)
            ]
            out.append(" | ".join(cells).rstrip())
        if r == 0:
            out.append("-+-".join("-" * w for w in widths))
    for note in table.notes:
        out.extend(_wrap_lines(note, width))
    return "\n".join(out)


def render_all(tables: Iterable[Table], *, max_width: int = 48, width: int | None = None) -> str:
    """Render several tables, separated by blank lines (``width`` as in :func:`render`).

    Example:
        >>> print(render_all([Table("", ("a",), [("1",)]), Table("", ("b",), [("2",)])]))
        a
        -
        1
        <BLANKLINE>
        b
        -
        2
    """
    return "\n\n".join(render(t, max_width=max_width, width=width) for t in tables)

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


def render(table: Table, *, max_width: int = 48) -> str:
    """Lay a table out in columns separated by ``|``, wrapping cells wider than ``max_width``.

    Args:
        table: The table.
        max_width: The widest a column may be before its cells wrap.

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
    """
    columns = len(table.headers)
    wrapped_rows = [
        [textwrap.wrap(cell, max_width) or [""] for cell in row]
        for row in (table.headers, *table.rows)
    ]
    widths = [
        max((len(line) for row in wrapped_rows for line in row[c]), default=0)
        for c in range(columns)
    ]
    out: list[str] = []
    if table.title:
        out += [table.title, "=" * len(table.title)]
    for r, row in enumerate(wrapped_rows):
        height = max(len(cell) for cell in row)
        for h in range(height):
            cells = [
                (row[c][h] if h < len(row[c]) else "").ljust(widths[c]) for c in range(columns)
            ]
            out.append(" | ".join(cells).rstrip())
        if r == 0:
            out.append("-+-".join("-" * w for w in widths))
    out.extend(table.notes)
    return "\n".join(out)


def render_all(tables: Iterable[Table], *, max_width: int = 48) -> str:
    """Render several tables, separated by blank lines.

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
    return "\n\n".join(render(t, max_width=max_width) for t in tables)

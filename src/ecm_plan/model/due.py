"""The "By when" of an action: free text read into periods, never into an invented date.

A :class:`Due` keeps the cell's text (the value of record) and reads from it what kind of
timing it states and which periods it names, with their precision.

=============================================  ===============  ============================
text                                           kind             periods
=============================================  ===============  ============================
``October 2008``, ``Sept 2008``, ``July 08.``  ``by``           the month
``Apr-10``, ``Mar-2010``                       ``by``           the month
``31/03/2010``, ``31.3.10``, ``2010-03-31``    ``by``           the day
``Summer 2009``                                ``by``           the season (June-August)
``End of March 2010``                          ``by``           March 2010
``2010 (Phase 3 – all areas)``                 ``by``           2010
``December 2008 March 2009``                   ``by``           two months
``Ongoing from April 2007``                    ``from``         the month work starts
``3 year action plan (2008- 2011)``            ``span``         2008 to 2011
``Annual review of Plan``                      ``recurring``    none
``In line with National timetable``            ``external``     none
``Apply for pilot`` (no time named)            ``unscheduled``  none
=============================================  ===============  ============================

Dates are read by :func:`~ecm_plan.periods.parse_period`, day first as in the UK, so a date has
one reading everywhere. A date that cannot exist (``31/02/2010``) gives no period, never its
year: the :class:`~ecm_plan.exceptions.InvalidPeriodError` saying why is kept in
:attr:`Due.problems`, and loading a plan file reports it.

Example:
    >>> due = Due("Ongoing from April 2007")
    >>> due.kind.value, [p.label for p in due.periods]
    ('from', ['April 2007'])
    >>> Due("Annual review of Plan").deadline is None
    True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ecm_plan.exceptions import InvalidPeriodError
from ecm_plan.model._enums import DueKind
from ecm_plan.model._field import cell_text
from ecm_plan.periods import _MENTION, Period, parse_period

__all__ = ["Due"]

_FROM = re.compile(r"^\W*(?:ongoing\s+)?(?:from|starting|commencing|since)\b", re.IGNORECASE)
_EXTERNAL = re.compile(
    r"\bin\s+line\s+with\b|\bnational\s+(?:timetable|timescale)|\bas\s+per\b|"
    r"\bdependent\s+on\b|\bsubject\s+to\b",
    re.IGNORECASE,
)
_RECURRING = re.compile(
    r"\bannual(?:ly)?\b|\bongoing\b|\brolling\b|\btermly\b|\bquarterly\b|\bmonthly\b|"
    r"\bevery\b|\bcycle\b|\bcontinuous(?:ly)?\b|\bregular(?:ly)?\b",
    re.IGNORECASE,
)


def _mentions(clean: str, problems: list[InvalidPeriodError]) -> list[tuple[Period, str]]:
    """Every period the text names, with what the words just before it say: by, from or -.

    A date that cannot exist gives no period (and never its year): its error goes to
    ``problems``.
    """
    found: list[tuple[Period, str]] = []
    for match in _MENTION.finditer(clean):
        group = match.lastgroup or ""
        raw = match.group(0).strip("() ")
        if group == "date":
            # A day or month, read as parse_period reads it.
            try:
                found.append((parse_period(raw), _cue(clean, match.start())))
            except InvalidPeriodError as err:
                problems.append(err)
            continue
        try:
            if group == "span":
                first, last = re.split(r"\s*(?:[-–]|\bto\b)\s*", raw)
                consecutive = int(last) - int(first) == 1
                if consecutive and "to" not in raw and not match.group(0).strip().startswith("("):
                    period = parse_period(f"{first}-{last[-2:]}")
                else:
                    period = Period.span(
                        Period.calendar_year(int(first)), Period.calendar_year(int(last))
                    )
            else:
                period = parse_period(raw)
        except (InvalidPeriodError, ValueError):
            continue
        found.append((period, _cue(clean, match.start())))
    return found


def _cue(clean: str, start: int) -> str:
    """What the words just before a mention say: by, from or -."""
    before = clean[max(0, start - 24) : start]
    return "by" if _BY_CUE.search(before) else "from" if _FROM_CUE.search(before) else "-"


_BY_CUE = re.compile(
    r"\b(?:by|before|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.IGNORECASE
)
_FROM_CUE = re.compile(
    r"\b(?:from|starting|commencing|since|beginning)\s+(?:in\s+)?$|^(?:ongoing|from)\b",
    re.IGNORECASE,
)


def _read(text: str, problems: list[InvalidPeriodError]) -> tuple[DueKind, tuple[Period, ...]]:
    clean = " ".join(text.replace("\u2013", "-").split())
    if not clean.strip(" .-"):
        return DueKind.NONE, ()
    mentions = _mentions(clean, problems)
    by = tuple(p for p, cue in mentions if cue == "by")
    if by:
        return DueKind.BY, by
    spans = tuple(p for p, _ in mentions if p.kind.value == "span")
    if spans:
        return DueKind.SPAN, spans[:1]
    if mentions:
        if mentions[0][1] == "from" or _FROM.match(clean):
            return DueKind.FROM, (mentions[0][0],)
        return DueKind.BY, tuple(p for p, _ in mentions)
    if _EXTERNAL.search(clean):
        return DueKind.EXTERNAL, ()
    if _RECURRING.search(clean):
        return DueKind.RECURRING, ()
    return DueKind.UNSCHEDULED, ()


def _as_text(value: str | dt.date) -> str:
    """A date (a spreadsheet cell, a TOML date) as the ISO text of its day; text as it is."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@attrs.frozen(repr=False)
class Due:
    """When an action is due, read from its "By when" text.

    The text is the value of record; the kind and the periods are read from it. Text that
    names no time gets no period: the library never guesses a date. Dates in the text are
    read as :func:`~ecm_plan.periods.parse_period` reads them (day first; two-digit years
    ``00``-``69`` are 20xx, ``70``-``99`` 19xx). A :class:`datetime.date` (or the day of a
    :class:`datetime.datetime`) is kept as its ISO text.

    Attributes:
        text: The cell as the document writes it.
        kind: What the text says about time (:class:`~ecm_plan.model.DueKind`).
        periods: The periods the text names, in the order written (two for
            "December 2008 March 2009"), each with its precision.
        problems: The dates the text writes that cannot exist (``31/02/2010``), one
            :class:`~ecm_plan.exceptions.InvalidPeriodError` each saying why; such a date gives
            no period, and never its year. Loading a plan file reports them as errors.

    Example:
        >>> d = Due("December 2008 March 2009")
        >>> [p.label for p in d.periods], d.deadline.isoformat()
        (['December 2008', 'March 2009'], '2009-03-31')
        >>> Due("3 year action plan (2008- 2011)").periods[0].label
        '2008 to 2011'
        >>> Due("In line with National timetable").kind.value
        'external'
        >>> [Due(t).deadline.isoformat() for t in ("2010-03-31", "31/03/2010", "31.3.10")]
        ['2010-03-31', '2010-03-31', '2010-03-31']
        >>> Due("Apr-10").periods[0].label, Due("Mar 2010").deadline.isoformat()
        ('April 2010', '2010-03-31')
        >>> Due(dt.date(2010, 3, 31)).text
        '2010-03-31'
        >>> bad = Due("31/02/2010")
        >>> bad.is_dated, bad.problems[0].reason
        (False, "no such day: February 2010 has 28 days, not 31; write a day such as '28/02/2010'")

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(converter=_as_text, validator=cell_text)
    kind: DueKind = attrs.field(init=False)
    periods: tuple[Period, ...] = attrs.field(init=False)
    problems: tuple[InvalidPeriodError, ...] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        """Read the kind, the periods and the problems from the text."""
        problems: list[InvalidPeriodError] = []
        kind, periods = _read(self.text, problems)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "problems", tuple(problems))

    @property
    def is_dated(self) -> bool:
        """Whether the text names at least one period.

        Example:
            >>> Due("July 08.").is_dated, Due("Annual review of Plan").is_dated
            (True, False)
        """
        return bool(self.periods)

    @property
    def window(self) -> Period | None:
        """The whole time the text allows; None when it names none.

        It runs from the start of the first period named to the end of the last.

        Example:
            >>> Due("Summer 2009").window.label
            'Summer 2009'
        """
        if not self.periods:
            return None
        if len(self.periods) == 1:
            return self.periods[0]
        first = min(self.periods, key=lambda p: p.start)
        last = max(self.periods, key=lambda p: p.end)
        return Period.span(first, last)

    @property
    def deadline(self) -> dt.date | None:
        """The last day the action may finish on, for a ``by`` or ``span`` due; else None.

        It is the end of the latest period named.

        Example:
            >>> Due("End of March 2010").deadline.isoformat()
            '2010-03-31'
            >>> Due("Ongoing from April 2007").deadline is None
            True
        """
        if self.kind not in {DueKind.BY, DueKind.SPAN} or not self.periods:
            return None
        return max(p.end for p in self.periods)

    @property
    def earliest(self) -> dt.date | None:
        """The earliest day the text allows the action to finish, or None.

        It is the start of the first period named, for a ``by`` or ``span`` due.

        Example:
            >>> Due("2009").earliest.isoformat()
            '2009-01-01'
        """
        if self.kind not in {DueKind.BY, DueKind.SPAN} or not self.periods:
            return None
        return min(p.start for p in self.periods)

    def __repr__(self) -> str:
        """``Due('October 2008')``."""
        return f"Due({self.text!r})"

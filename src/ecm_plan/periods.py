"""Periods of time as plans name them: financial and academic years, quarters, months, seasons.

UK financial years run 1 April to 31 March ("2008-09"); academic years run 1 September to
31 August ("AY 2008-09"); financial quarters run Q1 = April-June to Q4 = January-March.
A :class:`Period` is an inclusive range of days with a precision (:class:`PeriodKind`), and a
canonical label that :func:`parse_period` reads back to the same period.

======================  ==============================  =====================================
kind                    canonical label                 other spellings read
======================  ==============================  =====================================
``day``                 ``2010-03-31``                  ``31 March 2010``, ``31/03/2010``,
                                                        ``31/3/10``, ``31.03.10``, ``31-Mar-2010``
``month``               ``March 2010``                  ``Mar 2010``, ``Sept 2008``, ``July 08``,
                                                        ``Mar-2010``, ``Apr-10``
``quarter``             ``2009-10 Q2``                  ``Q2 2009-10``, ``Qtr 2 2009/10``
``season``              ``Summer 2009``                 ``summer 09``, ``Autumn term 2008``
``academic_year``       ``AY 2009-10``                  ``academic year 2009/10``
``financial_year``      ``2009-10``                     ``2009/10``, ``09/10``, ``FY 2009-10``,
                                                        ``2009-2010``
``calendar_year``       ``2010``
``span``                ``2008-09 to 2010-11``          ``2008 - 2011``, ``April 2008 to March
                                                        2011``
======================  ==============================  =====================================

Example:
    >>> from ecm_plan.periods import parse_period
    >>> fy = parse_period("08/09")
    >>> fy.label, fy.start.isoformat(), fy.end.isoformat()
    ('2008-09', '2008-04-01', '2009-03-31')
    >>> parse_period("Qtr 2 2009/10").label
    '2009-10 Q2'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import InvalidPeriodError

__all__ = ["Period", "PeriodKind", "financial_year_of", "parse_period", "quarters_of"]


class PeriodKind(enum.StrEnum):
    """The precision of a period, finest first.

    Example:
        >>> PeriodKind("financial_year") is PeriodKind.FINANCIAL_YEAR
        True
    """

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    ACADEMIC_YEAR = "academic_year"
    FINANCIAL_YEAR = "financial_year"
    CALENDAR_YEAR = "calendar_year"
    SPAN = "span"


_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Seasons and school terms: (first month, last month, years the last month is after the first).
_SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "winter": (12, 2),
    "spring term": (1, 4),
    "summer term": (4, 7),
    "autumn term": (9, 12),
}
_SEASON_RE = r"(?:spring|summer|autumn|winter)(?:\s+term)?"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@functools.total_ordering
@attrs.frozen(eq=True, order=False, repr=False)
class Period:
    """An inclusive range of days with a precision, such as the financial year 2009-10.

    Build one with the named constructors or :func:`parse_period`; the plain constructor takes
    the kind and the two days and is checked.

    Attributes:
        kind: The precision (:class:`PeriodKind`).
        start: The first day.
        end: The last day (inclusive).

    Example:
        >>> q = Period.quarter(2009, 2)
        >>> q.label, q.start.isoformat(), q.end.isoformat()
        ('2009-10 Q2', '2009-07-01', '2009-09-30')
        >>> Period.financial_year(2009).contains(q)
        True
        >>> Period(PeriodKind.DAY, dt.date(2010, 1, 2), dt.date(2010, 1, 1))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidPeriodError: cannot read '2010-01-02..2010-01-01' ...

    .. versionadded:: 0.1.0
    """

    kind: PeriodKind = attrs.field(converter=PeriodKind)
    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        """Refuse a period that ends before it starts."""
        if self.end < self.start:
            raise InvalidPeriodError(f"{self.start}..{self.end}", "it ends before it starts")

    # -- named constructors -------------------------------------------------------------
    @classmethod
    def day(cls, date: dt.date) -> Period:
        """The single day ``date``.

        Example:
            >>> Period.day(dt.date(2010, 3, 31)).label
            '2010-03-31'
        """
        return cls(PeriodKind.DAY, date, date)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month.

        Example:
            >>> Period.month(2008, 10).label
            'October 2008'
        """
        if not 1 <= month <= 12:
            raise InvalidPeriodError(f"{year}-{month}", "a month is numbered 1 to 12")
        return cls(PeriodKind.MONTH, dt.date(year, month, 1), _month_end(year, month))

    @classmethod
    def quarter(cls, fy_start_year: int, number: int) -> Period:
        """Financial quarter ``number`` (1 = April-June ... 4 = January-March) of a year.

        Example:
            >>> Period.quarter(2009, 4).label
            '2009-10 Q4'
        """
        if not 1 <= number <= 4:
            raise InvalidPeriodError(f"Q{number}", "a financial quarter is numbered 1 to 4")
        first = 4 + 3 * (number - 1)
        year = fy_start_year + (1 if first > 12 else 0)
        first = (first - 1) % 12 + 1
        return cls(PeriodKind.QUARTER, dt.date(year, first, 1), _month_end(year, first + 2))

    @classmethod
    def season(cls, year: int, name: str) -> Period:
        """A season ("summer") or school term ("autumn term") of a calendar year.

        Winter runs December to February of the next year; the spring term runs January to
        April, the summer term April to July, the autumn term September to December.

        Example:
            >>> p = Period.season(2009, "summer")
            >>> p.label, p.start.isoformat(), p.end.isoformat()
            ('Summer 2009', '2009-06-01', '2009-08-31')
        """
        key = " ".join(name.lower().split())
        if key not in _SEASONS:
            raise InvalidPeriodError(name, f"not a season or term; use one of {sorted(_SEASONS)}")
        first, last = _SEASONS[key]
        end_year = year + 1 if last < first else year
        return cls(PeriodKind.SEASON, dt.date(year, first, 1), _month_end(end_year, last))

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        """The UK financial year from 1 April ``start_year`` to 31 March next year.

        Example:
            >>> Period.financial_year(2008).label
            '2008-09'
        """
        return cls(
            PeriodKind.FINANCIAL_YEAR, dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)
        )

    @classmethod
    def academic_year(cls, start_year: int) -> Period:
        """The academic year from 1 September ``start_year`` to 31 August next year.

        Example:
            >>> Period.academic_year(2009).label
            'AY 2009-10'
        """
        return cls(
            PeriodKind.ACADEMIC_YEAR, dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)
        )

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """A calendar year.

        Example:
            >>> Period.calendar_year(2010).label
            '2010'
        """
        return cls(PeriodKind.CALENDAR_YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def span(cls, first: Period, last: Period) -> Period:
        """The period from the start of ``first`` to the end of ``last``.

        Example:
            >>> Period.span(Period.financial_year(2008), Period.financial_year(2010)).label
            '2008-09 to 2010-11'
        """
        if last.end < first.start:
            raise InvalidPeriodError(
                f"{first.label} to {last.label}", "the second period ends before the first starts"
            )
        return cls(PeriodKind.SPAN, first.start, last.end)

    # -- views --------------------------------------------------------------------------
    @property
    def label(self) -> str:
        """The canonical label, which :func:`parse_period` reads back to this period."""
        return _label(self.kind, self.start, self.end)

    @property
    def days(self) -> int:
        """How many days the period covers.

        Example:
            >>> Period.financial_year(2011).days
            366
        """
        return (self.end - self.start).days + 1

    @property
    def midpoint(self) -> dt.date:
        """The middle day (rounded down), used to place a period on a time axis.

        Example:
            >>> Period.month(2009, 4).midpoint.isoformat()
            '2009-04-15'
        """
        return self.start + dt.timedelta(days=(self.days - 1) // 2)

    def contains(self, other: Period | dt.date) -> bool:
        """Whether ``other`` (a day or a period) lies wholly inside this period.

        Example:
            >>> Period.financial_year(2008).contains(dt.date(2009, 3, 31))
            True
        """
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= other <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        Example:
            >>> Period.calendar_year(2009).overlaps(Period.financial_year(2009))
            True
        """
        return self.start <= other.end and other.start <= self.end

    def __lt__(self, other: object) -> bool:
        """Order by start, then end, then precision (finer first)."""
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end, _KIND_ORDER[self.kind]) < (
            other.start,
            other.end,
            _KIND_ORDER[other.kind],
        )

    def __str__(self) -> str:
        """The canonical label."""
        return self.label

    def __repr__(self) -> str:
        """``Period('2009-10')``: the label, which reads back."""
        return f"Period({self.label!r})"


_KIND_ORDER = {kind: i for i, kind in enumerate(PeriodKind)}


def _fy(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def _label(kind: PeriodKind, start: dt.date, end: dt.date) -> str:
    if kind is PeriodKind.DAY:
        return start.isoformat()
    if kind is PeriodKind.MONTH:
        return f"{calendar.month_name[start.month]} {start.year}"
    if kind is PeriodKind.QUARTER:
        fy = start.year if start.month >= 4 else start.year - 1
        number = ((start.month - 4) % 12) // 3 + 1
        return f"{_fy(fy)} Q{number}"
    if kind is PeriodKind.SEASON:
        for name, (first, last) in _SEASONS.items():
            end_year = start.year + 1 if last < first else start.year
            if (start.month, end.month, end.year) == (first, last, end_year):
                return f"{name.capitalize()} {start.year}"
        return f"{start.isoformat()} to {end.isoformat()}"
    if kind is PeriodKind.FINANCIAL_YEAR:
        return _fy(start.year)
    if kind is PeriodKind.ACADEMIC_YEAR:
        return f"AY {_fy(start.year)}"
    if kind is PeriodKind.CALENDAR_YEAR:
        return str(start.year)
    return _span_label(start, end)


def _span_label(start: dt.date, end: dt.date) -> str:
    month_aligned = start.day == 1 and end == _month_end(end.year, end.month)
    if month_aligned and (start.month, end.month) == (4, 3):
        return f"{_fy(start.year)} to {_fy(end.year - 1)}"
    if month_aligned and (start.month, end.month) == (9, 8):
        return f"AY {_fy(start.year)} to AY {_fy(end.year - 1)}"
    if month_aligned and (start.month, end.month) == (1, 12):
        return f"{start.year} to {end.year}"
    if month_aligned:
        first = f"{calendar.month_name[start.month]} {start.year}"
        last = f"{calendar.month_name[end.month]} {end.year}"
        return f"{first} to {last}"
    return f"{start.isoformat()} to {end.isoformat()}"


# -- parsing ------------------------------------------------------------------------------

_YEAR = r"(?:19|20)?\d{2}"
_DASH = r"\s*[-–/]\s*"
_FLAGS = re.IGNORECASE | re.ASCII

# The written forms of a day or a month, as one alternation with named groups. parse_period
# reads it anchored; Due finds it inside free text (``_MENTION``) and reads what it found
# through parse_period, so a date has one reading everywhere.
_DATE = (
    r"(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
    r"|(?P<num_d>\d{1,2})(?P<num_sep>[/.-])(?P<num_m>\d{1,2})(?P=num_sep)(?P<num_y>\d{4}|\d{2})"
    rf"|(?P<txt_d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|-)(?P<txt_mon>{_MONTH_RE})\.?,?"
    rf"(?:\s+|-)(?P<txt_y>{_YEAR})"
    rf"|(?P<mon_mon>{_MONTH_RE})\.?(?:,?\s+|-)(?P<mon_y>{_YEAR})"
)
_DATE_RE = re.compile(rf"^(?:end\s+of\s+)?(?:{_DATE})$", _FLAGS)

_Y = r"(?:19|20)\d{2}"
_MENTION = re.compile(
    "|".join(
        (
            rf"(?P<date>(?<![\w./])(?:{_DATE})(?![\w]|[./-]\d))",
            rf"(?P<span>\(?\s*{_Y}\s*(?:[-–]|\bto\b)\s*{_Y}\s*\)?)",
            rf"(?P<quarter>\b(?:q|qtr|quarter)\s*[1-4]\s+{_Y}\s*[-/]\s*\d{{2}}\b)",
            rf"(?P<fy>\b{_Y}\s*/\s*\d{{2}}\b|\b{_Y}-\d{{2}}\b(?!-)|\b\d{{2}}/\d{{2}}\b)",
            rf"(?P<season>\b{_SEASON_RE}\s+(?:{_Y}|\d{{2}})\b)",
            rf"(?P<year>\b{_Y}\b)",
        )
    ),
    _FLAGS,
)
"""Where free text names a period; each kind of mention is a named group (used by Due)."""

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"^(?:{pattern})$", _FLAGS))
    for name, pattern in (
        (
            "quarter",
            rf"(?:q|qtr|quarter)\s*(?P<q>[1-4])\s*(?:of\s+)?(?P<y1>{_YEAR}){_DASH}(?P<y2>{_YEAR})",
        ),
        (
            "quarter_after",
            rf"(?P<y1>{_YEAR}){_DASH}(?P<y2>{_YEAR})\s*(?:q|qtr|quarter)\s*(?P<q>[1-4])",
        ),
        ("season", rf"(?P<season>{_SEASON_RE})\s+(?P<y>{_YEAR})"),
        (
            "academic",
            (
                rf"(?:ay|academic\s+year)\s*(?P<y1>{_YEAR}){_DASH}(?P<y2>{_YEAR})"
                rf"|(?P<y1b>{_YEAR}){_DASH}(?P<y2b>{_YEAR})\s+academic(?:\s+year)?"
            ),
        ),
        ("financial", rf"(?:fy\s*|financial\s+year\s+)?(?P<y1>{_YEAR}){_DASH}(?P<y2>{_YEAR})"),
        ("year", r"(?P<y>\d{4})"),
    )
)
_SPAN_SPLIT = re.compile(r"\s+(?:to|until|-|–)\s+", _FLAGS)

_PIVOT = 70
"""Two-digit years below this are 20xx, the others 19xx: ``08`` is 2008, ``98`` is 1998."""


def _year(text: str) -> int:
    value = int(text)
    if len(text) != 2:
        return value
    return value + (2000 if value < _PIVOT else 1900)


def _day(text: str, year: int, month: int, day: int, *, iso: bool) -> Period:
    """The day ``day``/``month``/``year`` written as ``text``, or why there is none."""
    shown = year if year >= dt.MINYEAR else 2010
    example = f"{shown:04d}-03-31" if iso else f"31/03/{shown}"
    if not 1 <= month <= 12:
        first = "" if iso else "; numeric dates are read day first (dd/mm/yyyy)"
        raise InvalidPeriodError(
            text, f"no such day: there is no month {month}{first}; write a date such as {example!r}"
        )
    if year < dt.MINYEAR:
        raise InvalidPeriodError(
            text, f"no such day: there is no year {year}; write a date such as {example!r}"
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = f"{calendar.month_name[month]} {year}"
        fix = f"{year:04d}-{month:02d}-{last:02d}" if iso else f"{last}/{month:02d}/{year}"
        raise InvalidPeriodError(
            text, f"no such day: {name} has {last} days, not {day}; write a day such as {fix!r}"
        )
    return Period.day(dt.date(year, month, day))


def _read_date(text: str, g: dict[str, str | None]) -> Period:
    """The day or month that a match of ``_DATE`` names."""
    if g["iso_y"] and g["iso_m"] and g["iso_d"]:
        return _day(text, int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]), iso=True)
    if g["num_y"] and g["num_m"] and g["num_d"]:
        return _day(text, _year(g["num_y"]), int(g["num_m"]), int(g["num_d"]), iso=False)
    if g["txt_y"] and g["txt_mon"] and g["txt_d"]:
        month = _MONTHS[g["txt_mon"].lower()]
        return _day(text, _year(g["txt_y"]), month, int(g["txt_d"]), iso=False)
    return Period.month(_year(g["mon_y"] or ""), _MONTHS[(g["mon_mon"] or "").lower()])


def _consecutive(y1: str, y2: str, whole: str) -> int:
    first, second = _year(y1), int(y2)
    if len(y2) == 2:
        second = (first // 100) * 100 + second
        if second < first:
            second += 100
    if second != first + 1:
        raise InvalidPeriodError(
            whole,
            f"a financial or academic year runs over two consecutive years; write {_fy(first)}"
            f" (or '{first} to {second}' for several years)",
        )
    return first


def _parse_one(text: str) -> Period:
    date = _DATE_RE.match(text)
    if date is not None:
        return _read_date(text, date.groupdict())
    for name, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        g = match.groupdict()
        if name in {"quarter", "quarter_after"}:
            return Period.quarter(_consecutive(g["y1"], g["y2"], text), int(g["q"]))
        if name == "season":
            return Period.season(_year(g["y"]), g["season"])
        if name == "academic":
            y1, y2 = (g["y1"], g["y2"]) if g["y1"] else (g["y1b"], g["y2b"])
            return Period.academic_year(_consecutive(y1, y2, text))
        if name == "financial":
            first, second = _year(g["y1"]), g["y2"]
            if len(second) == 4 and int(second) - first > 1:
                return Period.span(Period.calendar_year(first), Period.calendar_year(int(second)))
            return Period.financial_year(_consecutive(g["y1"], second, text))
        year = int(g["y"])
        if year < dt.MINYEAR:
            raise InvalidPeriodError(text, "there is no year 0; write a year such as '2010'")
        return Period.calendar_year(year)
    raise InvalidPeriodError(
        text,
        "use a label such as '2009-10' (financial year), 'AY 2009-10', '2009-10 Q2', "
        "'October 2008', 'Summer 2009', '2010' or '2010-03-31'",
    )


def parse_period(text: str | dt.date) -> Period:
    """Read a period label, in its canonical form or one of the spellings plans use.

    A financial or academic year must run over two consecutive years, and a day must exist.
    Two periods joined by "to" (or a spaced dash) make a span.

    Dates are read day first, as in the UK: ``31/03/2010``, ``31/3/10``, ``31.03.10`` and
    ``31-03-2010`` are all 31 March 2010, and ``03/04/2010`` is 3 April 2010, never 4 March.
    ISO dates (``2010-03-31``) and written ones (``31 March 2010``, ``31st Mar 2010``) are days
    too; ``Mar 2010``, ``Mar-2010`` and ``Apr-10`` (a spreadsheet's month) are months. A
    :class:`datetime.date` is its day, and a :class:`datetime.datetime` the day it falls on.
    A two-digit year is 2000-2069 for ``00`` to ``69`` and 1970-1999 for ``70`` to ``99``.

    Args:
        text: The label, such as ``"2009-10"``, ``"08/09"``, ``"Q2 2009-10"``,
            ``"Sept 2008"``, ``"Summer 2009"``, ``"31/03/2010"`` or
            ``"2008-09 to 2010-11"``; or a date.

    Returns:
        The period.

    Raises:
        InvalidPeriodError: The text names no period, or an impossible one (a day the month
            does not have, a month numbered above 12).

    Example:
        >>> parse_period("July 08").label
        'July 2008'
        >>> parse_period("2007-08 to 2009-10").days
        1096
        >>> [parse_period(t).label for t in ("31/3/10", "31.03.10", "2010-03-31")]
        ['2010-03-31', '2010-03-31', '2010-03-31']
        >>> parse_period("03/04/2010").label
        '2010-04-03'
        >>> [parse_period(t).label for t in ("Apr-10", "Mar-2010", "Mar 2010")]
        ['April 2010', 'March 2010', 'March 2010']
        >>> parse_period(dt.datetime(2010, 3, 31, 14, 30)).label
        '2010-03-31'
        >>> parse_period("31/02/2010")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidPeriodError: ... no such day: February 2010 has 28 days, ...

    .. versionadded:: 0.1.0
    """
    if isinstance(text, dt.datetime):
        return Period.day(text.date())
    if isinstance(text, dt.date):
        return Period.day(text)
    if not isinstance(text, str):
        raise InvalidPeriodError(
            repr(text), f"a period is text or a datetime.date, not {type(text).__name__}"
        )
    return _parse_text(text)


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str) -> Period:
    clean = " ".join(text.replace("\u2013", "-").split()).strip(" .")
    if not clean:
        raise InvalidPeriodError(text, "the label is empty")
    parts = _SPAN_SPLIT.split(clean)
    if len(parts) == 2:
        return Period.span(_parse_one(parts[0]), _parse_one(parts[1]))
    return _parse_one(clean)


def financial_year_of(date: dt.date) -> Period:
    """The financial year a day falls in.

    Example:
        >>> financial_year_of(dt.date(2009, 2, 1)).label
        '2008-09'
    """
    _args.require_type(date, "date", dt.date, "a datetime.date")
    return Period.financial_year(date.year if date.month >= 4 else date.year - 1)


def quarters_of(period: Period) -> tuple[Period, ...]:
    """The financial quarters that lie wholly inside a period, in order.

    Example:
        >>> [q.label for q in quarters_of(Period.financial_year(2009))]
        ['2009-10 Q1', '2009-10 Q2', '2009-10 Q3', '2009-10 Q4']
    """
    _args.require_type(period, "period", Period, "a Period")
    first = financial_year_of(period.start).start.year
    found = []
    for year in range(first, period.end.year + 1):
        for number in range(1, 5):
            q = Period.quarter(year, number)
            if period.contains(q):
                found.append(q)
    return tuple(found)

"""The "By when" of an action: free text read into periods, never into an invented date.

A :class:`Due` keeps the cell's text (the value of record) and reads from it what kind of
timing it states and which periods it names, with their precision.

=============================================  ===============  ============================
text                                           kind             periods
=============================================  ===============  ============================
``October 2008``, ``Sept 2008``, ``July 08.``  ``by``           the month
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
from ecm_plan.periods import _MONTH_RE, _SEASON_RE, Period, parse_period

__all__ = ["Due"]

_Y = r"(?:19|20)\d{2}"
_YY = r"(?:(?:19|20)\d{2}|\d{2})\b"
_MENTION = re.compile(
    "|".join(
        (
            rf"(?P<span>\(?\s*{_Y}\s*(?:[-–]|\bto\b)\s*{_Y}\s*\)?)",
            rf"(?P<quarter>\b(?:q|qtr|quarter)\s*[1-4]\s+{_Y}\s*[-/]\s*\d{{2}}\b)",
            rf"(?P<fy>\b{_Y}\s*/\s*\d{{2}}\b|\b{_Y}-\d{{2}}\b(?!-)|\b\d{{2}}/\d{{2}}\b)",
            rf"(?P<day>\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE})\.?,?\s+{_YY})",
            rf"(?P<month>\b(?:{_MONTH_RE})\.?,?\s+{_YY})",
            rf"(?P<season>\b{_SEASON_RE}\s+{_YY})",
            rf"(?P<year>\b{_Y}\b)",
        )
    ),
    re.IGNORECASE,
)
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


def _mentions(clean: str) -> list[tuple[Period, str]]:
    """Every period the text names, with what the words just before it say: by, from or -."""
    found: list[tuple[Period, str]] = []
    for match in _MENTION.finditer(clean):
        group = match.lastgroup or ""
        raw = match.group(0).strip("() ")
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
        before = clean[max(0, match.start() - 24) : match.start()]
        cue = "by" if _BY_CUE.search(before) else "from" if _FROM_CUE.search(before) else "-"
        found.append((period, cue))
    return found


_BY_CUE = re.compile(
    r"\b(?:by|before|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.IGNORECASE
)
_FROM_CUE = re.compile(
    r"\b(?:from|starting|commencing|since|beginning)\s+(?:in\s+)?$|^(?:ongoing|from)\b",
    re.IGNORECASE,
)


def _read(text: str) -> tuple[DueKind, tuple[Period, ...]]:
    clean = " ".join(text.replace("\u2013", "-").split())
    if not clean.strip(" .-"):
        return DueKind.NONE, ()
    mentions = _mentions(clean)
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


@attrs.frozen(repr=False)
class Due:
    """When an action is due, read from its "By when" text.

    The text is the value of record; the kind and the periods are read from it. Text that
    names no time gets no period: the library never guesses a date.

    Attributes:
        text: The cell as the document writes it.
        kind: What the text says about time (:class:`~ecm_plan.model.DueKind`).
        periods: The periods the text names, in the order written (two for
            "December 2008 March 2009"), each with its precision.

    Example:
        >>> d = Due("December 2008 March 2009")
        >>> [p.label for p in d.periods], d.deadline.isoformat()
        (['December 2008', 'March 2009'], '2009-03-31')
        >>> Due("3 year action plan (2008- 2011)").periods[0].label
        '2008 to 2011'
        >>> Due("In line with National timetable").kind.value
        'external'

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: DueKind = attrs.field(init=False)
    periods: tuple[Period, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Read the kind and the periods from the text."""
        kind, periods = _read(self.text)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "periods", periods)

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

"""The word lists of the cell grammar: lexemes, number words, units, bounds, states.

Tables only; :mod:`ecm_plan.model._cells` reads a cell with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ecm_plan.model._enums import Bound, ValueStatus

# One alternative per lexeme kind; no quantified group contains another quantifier that
# can match the same text, so matching never backtracks more than a few characters.
_LEXEME = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<space>\s+)"
    r"|(?P<sym>.)",
    re.DOTALL,
)

_PUNCT = frozenset("()[],.;:-–—'\"‘’“”/&!?£%+")
_SIGNS = frozenset("-+−")
_DASHES = frozenset("-–—")
_COMPARE = frozenset("<>≤≥=")

_NUMBER_WORDS = {
    w: float(n)
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"nil": 0.0, "none": 0.0}

_STATES: tuple[tuple[tuple[str, ...], ValueStatus], ...] = (
    (("not", "applicable"), ValueStatus.NOT_APPLICABLE),
    (("n", "/", "a"), ValueStatus.NOT_APPLICABLE),
    (("no", "target", "set"), ValueStatus.NOT_SET),
    (("no", "targets", "set"), ValueStatus.NOT_SET),
    (("target", "not", "set"), ValueStatus.NOT_SET),
    (("not", "yet", "set"), ValueStatus.TO_BE_DETERMINED),
    (("not", "yet", "agreed"), ValueStatus.TO_BE_DETERMINED),
    (("no", "target"), ValueStatus.NOT_SET),
    (("not", "set"), ValueStatus.NOT_SET),
    (("to", "be", "confirmed"), ValueStatus.TO_BE_CONFIRMED),
    (("tbc",), ValueStatus.TO_BE_CONFIRMED),
    (("to", "be", "determined"), ValueStatus.TO_BE_DETERMINED),
    (("to", "be", "set"), ValueStatus.TO_BE_DETERMINED),
    (("to", "be", "agreed"), ValueStatus.TO_BE_DETERMINED),
    (("to", "be", "negotiated"), ValueStatus.TO_BE_DETERMINED),
    (("in", "negotiation"), ValueStatus.TO_BE_DETERMINED),
    (("under", "negotiation"), ValueStatus.TO_BE_DETERMINED),
    (("tbd",), ValueStatus.TO_BE_DETERMINED),
    (("provisional",), ValueStatus.PROVISIONAL),
    (("prov", "."), ValueStatus.PROVISIONAL),
    (("prov",), ValueStatus.PROVISIONAL),
)

_BOUNDS_BEFORE: tuple[tuple[tuple[str, ...], Bound], ...] = (
    (("at", "least"), Bound.AT_LEAST),
    (("a", "minimum", "of"), Bound.AT_LEAST),
    (("minimum", "of"), Bound.AT_LEAST),
    (("no", "less", "than"), Bound.AT_LEAST),
    (("not", "less", "than"), Bound.AT_LEAST),
    (("no", "fewer", "than"), Bound.AT_LEAST),
    (("minimum",), Bound.AT_LEAST),
    (("min", "."), Bound.AT_LEAST),
    (("min",), Bound.AT_LEAST),
    ((">", "="), Bound.AT_LEAST),
    (("≥",), Bound.AT_LEAST),
    (("at", "most"), Bound.AT_MOST),
    (("a", "maximum", "of"), Bound.AT_MOST),
    (("maximum", "of"), Bound.AT_MOST),
    (("no", "more", "than"), Bound.AT_MOST),
    (("not", "more", "than"), Bound.AT_MOST),
    (("up", "to"), Bound.AT_MOST),
    (("maximum",), Bound.AT_MOST),
    (("max", "."), Bound.AT_MOST),
    (("max",), Bound.AT_MOST),
    (("<", "="), Bound.AT_MOST),
    (("≤",), Bound.AT_MOST),
    (("less", "than"), Bound.BELOW),
    (("fewer", "than"), Bound.BELOW),
    (("lower", "than"), Bound.BELOW),
    (("below",), Bound.BELOW),
    (("under",), Bound.BELOW),
    (("<",), Bound.BELOW),
    (("more", "than"), Bound.ABOVE),
    (("greater", "than"), Bound.ABOVE),
    (("higher", "than"), Bound.ABOVE),
    (("above",), Bound.ABOVE),
    (("over",), Bound.ABOVE),
    (("exceeding",), Bound.ABOVE),
    ((">",), Bound.ABOVE),
)

_BOUNDS_AFTER: tuple[tuple[tuple[str, ...], Bound], ...] = (
    (("or", "more"), Bound.AT_LEAST),
    (("or", "above"), Bound.AT_LEAST),
    (("or", "over"), Bound.AT_LEAST),
    (("or", "higher"), Bound.AT_LEAST),
    (("or", "greater"), Bound.AT_LEAST),
    (("+",), Bound.AT_LEAST),
    (("or", "less"), Bound.AT_MOST),
    (("or", "fewer"), Bound.AT_MOST),
    (("or", "below"), Bound.AT_MOST),
    (("or", "under"), Bound.AT_MOST),
    (("or", "lower"), Bound.AT_MOST),
)

_UNITS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("%", "points"), "percentage_point"),
    (("%", "point"), "percentage_point"),
    (("%", "pts"), "percentage_point"),
    (("%", "pt"), "percentage_point"),
    (("%",), "percent"),
    (("per", "cent"), "percent"),
    (("percent",), "percent"),
    (("percentage", "points"), "percentage_point"),
    (("percentage", "point"), "percentage_point"),
    (("pp",), "percentage_point"),
    (("per", "1,000"), "per_1000"),
    (("per", "1000"), "per_1000"),
    (("per", "thousand"), "per_1000"),
    (("/", "1,000"), "per_1000"),
    (("/", "1000"), "per_1000"),
    (("working", "days"), "working_day"),
    (("working", "day"), "working_day"),
    (("days",), "day"),
    (("day",), "day"),
    (("weeks",), "week"),
    (("week",), "week"),
    (("points",), "score"),
    (("point",), "score"),
    (("pts",), "score"),
    (("score",), "score"),
)

_MONEY_UNITS = frozenset({"GBP", "kGBP", "MGBP"})
_SCALES = {"k": "kGBP", "thousand": "kGBP", "m": "MGBP", "million": "MGBP", "bn": "bn"}
_SCALES |= {"billion": "bn"}

_RATES: tuple[tuple[str, ...], ...] = (
    ("per", "year"),
    ("per", "annum"),
    ("per", "quarter"),
    ("per", "month"),
    ("a", "year"),
    ("each", "year"),
    ("every", "year"),
    ("annually",),
)

_AGES: tuple[tuple[str, ...], ...] = (
    ("year", "olds"),
    ("year", "-", "olds"),
    ("year", "old"),
    ("year", "-", "old"),
    ("years", "old"),
    ("yr", "olds"),
    ("years",),
)

_CODE_WORDS = frozenset({"ni", "bvpi", "laa", "psa", "lpi", "pi", "ks", "nis", "vsc", "ex"})
_DATE_BEFORE = frozenset(
    [
        "by",
        "in",
        "from",
        "until",
        "till",
        "since",
        "before",
        "after",
        "during",
        "end",
        "of",
        "to",
        "fy",
        "year",
        "march",
        "april",
        "september",
        "january",
        "february",
        "may",
        "june",
        "july",
        "august",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "spring",
        "summer",
        "autumn",
        "winter",
    ]
)
_DATE_AFTER = frozenset({"target", "targets", "figure", "figures", "baseline", "outturn"})
_NOT_COUNT = frozenset(
    [
        "of",
        "to",
        "by",
        "in",
        "and",
        "or",
        "for",
        "from",
        "per",
        "a",
        "an",
        "the",
        "at",
        "on",
        "with",
        "than",
        "target",
        "targets",
        "data",
        "each",
        "year",
        "years",
        "is",
        "are",
        "was",
        "be",
        "as",
        "against",
        "between",
        "additional",
        "extra",
        "more",
        "new",
    ]
)
_LONE_LETTERS_OK = frozenset({"a", "i", "x"})


_Phrases = dict[str, tuple[tuple[tuple[str, ...], object], ...]]


def _by_first_word(table: Sequence[tuple[tuple[str, ...], object]]) -> _Phrases:
    """The phrases of a table grouped by their first word, in table order."""
    groups: dict[str, list[tuple[tuple[str, ...], object]]] = {}
    for words, what in table:
        groups.setdefault(words[0], []).append((words, what))
    return {k: tuple(v) for k, v in groups.items()}


_STATE_PHRASES = _by_first_word(_STATES)
_NOT_APPLICABLE_PHRASES = _by_first_word(_STATES[:2])
_BEFORE_PHRASES = _by_first_word(_BOUNDS_BEFORE)
_AFTER_PHRASES = _by_first_word(_BOUNDS_AFTER)
_UNIT_PHRASES = _by_first_word(_UNITS)

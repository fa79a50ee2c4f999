"""Table cells as plans write them: figures with units, bounds, states and money.

A :class:`Value` and a :class:`Money` keep the cell's original text, which is what a plan file
stores; everything else is read from the text when the value is made, so a file round-trips
exactly and the parsed figures are always at hand.

Example:
    >>> v = Value("86% (prov.)")
    >>> v.status.value, v.magnitude, v.unit
    ('provisional', 86.0, 'percent')
    >>> Value("N/A").status.value
    'not_applicable'
    >>> Money("£175k").gbp
    175000.0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from ecm_plan.model._enums import Bound, MoneyKind, ValueStatus
from ecm_plan.model._field import FieldError
from ecm_plan.periods import Period, parse_period
from ecm_plan.units import Q_, conversion_factor

__all__ = ["Figure", "Money", "Value", "parse_figure"]

_NUMBER = r"(?:[-+−] ?)?\d[\d,]*(?:\.\d+)?|[-+−]?\.\d+"
_UNIT_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), unit)
    for p, unit in (
        (r"per\s*1,?000\b|/\s*1,?000\b", "per_1000"),
        (r"percentage\s+points?|\bpp\b|%\s*pts?\b", "percentage_point"),
        (r"%|per\s*cent\b|percent\b", "percent"),
        (r"working\s+days?\b", "working_day"),
        (r"\bdays?\b", "day"),
        (r"\bweeks?\b", "week"),
        (r"\bpoints?\b|\bscore\b", "score"),
    )
)
_TBD = re.compile(
    r"\bto\s+be\s+(?:determined|set|agreed|confirmed|negotiated)\b|\btbd\b|\btbc\b|"
    r"\bnot\s+yet\s+(?:set|agreed)\b|\b(?:in|under)\s+negotiation\b",
    re.IGNORECASE,
)
_NA = re.compile(r"^\s*(?:n/?a|not\s+applicable|-+|–)\s*\.?\s*$", re.IGNORECASE)
_PROV = re.compile(r"\(?\bprov(?:isional|\.)?\)?", re.IGNORECASE)
_DATA = re.compile(r"\(([^()]*?)\s+data\)", re.IGNORECASE)
_RANGE = re.compile(rf"({_NUMBER})\s*%?\s*(?:-|–|to)\s*({_NUMBER})")
_FIGURE = re.compile(_NUMBER)
_UNIT_AFTER = re.compile(r"\s*(?:%|per\b|pp\b|days?\b|weeks?\b|points?\b|working\b)", re.IGNORECASE)
_ZERO = re.compile(r"\bzero\b", re.IGNORECASE)
_MONEY_UNITS = frozenset({"GBP", "kGBP", "MGBP"})
_YEARLIKE = re.compile(r"^(?:19|20)\d{2}$")
_MONEY = re.compile(
    rf"£\s*({_NUMBER})\s*(k|m|bn|million|thousand)?\b|(\d[\d,]*(?:\.\d+)?)(k|m)\b",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(text.replace(",", "").replace(" ", "").replace("−", "-"))


@attrs.frozen
class Figure:
    """A figure read from a cell: magnitude, an upper end for ranges, unit and bound.

    Attributes:
        magnitude: The number (the lower end of a range).
        upper: The upper end of a range, else None.
        unit: A unit name of :mod:`ecm_plan.units`, or None when the cell names none.
        bound: How the figure bounds the value.

    Example:
        >>> parse_figure("5-10%")
        Figure(magnitude=5.0, upper=10.0, unit='percent', bound=<Bound.RANGE: 'range'>)
    """

    magnitude: float
    upper: float | None
    unit: str | None
    bound: Bound


def _unit_of(text: str) -> str | None:
    for pattern, unit in _UNIT_WORDS:
        if pattern.search(text):
            return unit
    return None


def _bound_of(text: str) -> Bound:
    t = text.lower()
    checks = (
        (("≥", ">=", "at least", "minimum of", "min.", "or more", "or above", "+"), Bound.AT_LEAST),
        (
            (
                "≤",
                "<=",
                "at most",
                "maximum of",
                "max",
                "or less",
                "or fewer",
                "or below",
                "or under",
                "or lower",
            ),
            Bound.AT_MOST,
        ),
        (("<", "below", "under", "less than", "fewer than"), Bound.BELOW),
        ((">", "above", "over", "more than", "greater than"), Bound.ABOVE),
    )
    for words, bound in checks:
        for word in words:
            if word == "+":
                if re.search(r"\d\s*%?\s*\+", t):
                    return bound
            elif word in t:
                return bound
    return Bound.EXACT


def parse_figure(text: str, default_unit: str | None = None) -> Figure | None:
    """Read the first figure of a cell, with its unit and bound; None when there is none.

    Reads what plans write: ``"48.3 per 1,000"``, ``"85%"``, ``"90%+"``, ``"<10%"``,
    ``"5-10%"``, ``"-16%"``, ``"5 working days"``, ``"£175k"`` (thousands of pounds).

    Args:
        text: The cell text.
        default_unit: The unit to assume when the text names none (a "£000" column, say).

    Returns:
        The figure, or None when the text holds no number.

    Example:
        >>> parse_figure("48.3 per 1,000").unit
        'per_1000'
        >>> parse_figure("90%+").bound.value
        'at_least'
        >>> parse_figure("3,584", default_unit="kGBP")
        Figure(magnitude=3584.0, upper=None, unit='kGBP', bound=<Bound.EXACT: 'exact'>)
        >>> parse_figure("Nil additional") is None
        True
    """
    body = _DATA.sub("", text)
    money = _MONEY.search(body)
    if money is not None:
        number = money.group(1) or money.group(3)
        scale = (money.group(2) or money.group(4) or "").lower()
        scales = {"k": "kGBP", "thousand": "kGBP", "m": "MGBP", "million": "MGBP"}
        # A stated scale wins; a bare "£3,584" takes the column's unit (a "£000" column).
        money_unit = scales.get(scale, default_unit if default_unit in _MONEY_UNITS else "GBP")
        if scale == "bn":
            return Figure(_number(number) * 1000.0, None, "MGBP", Bound.EXACT)
        return Figure(_number(number), None, money_unit, _bound_of(body[: money.start()]))
    ranged = _RANGE.search(body)
    if (
        ranged is not None
        and not re.search(r"\d{4}\s*[-–]\s*\d{2,4}", ranged.group(0))
        and ("%" in ranged.group(0) or _UNIT_AFTER.match(body, ranged.end()))
    ):
        low, high = _number(ranged.group(1)), _number(ranged.group(2))
        if high > low:
            return Figure(low, high, _unit_of(body) or default_unit, Bound.RANGE)
    candidates = list(_FIGURE.finditer(body))
    if not candidates:
        if _ZERO.search(body):
            return Figure(0.0, None, _unit_of(body) or default_unit, _bound_of(body))
        return None
    # A bare year ("2009 target 65%") is a date, not the figure, when another number follows.
    found = next((c for c in candidates if not _YEARLIKE.match(c.group(0))), candidates[0])
    return Figure(
        _number(found.group(0)),
        None,
        _unit_of(body[found.start() :]) or default_unit,
        _bound_of(body),
    )


def _data_period(text: str) -> Period | None:
    found = _DATA.search(text)
    if found is None:
        return None
    return parse_period(found.group(1))


@attrs.frozen(repr=False)
class Value:
    """One cell of a target or actual series, read from its text.

    The text is the value of record; the other attributes are read from it when the value
    is made. The four states are never collapsed into a missing value: "N/A" is
    ``not_applicable``, "target to be determined" is ``to_be_determined``, "86% (prov.)" is
    ``provisional`` with a figure, and a cell with a figure and nothing else is ``firm``.
    A cell with words and no figure ("Commissioning framework in place") is ``text``.

    Attributes:
        text: The cell as the document writes it.
        status: Firm, provisional, to be determined, not applicable, or text.
        magnitude: The figure, or None.
        upper: The upper end of a range ("5-10%"), or None.
        unit: The unit the cell names, or None (the indicator's unit then applies).
        bound: How the figure bounds the value ("90%+" is at least).
        data_period: The data year a cell names apart from the reporting year
            ("-16% (2008 data)"), or None.

    Example:
        >>> v = Value("-16% (2008 data)")
        >>> v.magnitude, v.unit, v.data_period.label
        (-16.0, 'percent', '2008')
        >>> Value("target to be determined").status.value
        'to_be_determined'

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    status: ValueStatus = attrs.field(init=False)
    magnitude: float | None = attrs.field(init=False)
    upper: float | None = attrs.field(init=False)
    unit: str | None = attrs.field(init=False)
    bound: Bound = attrs.field(init=False)
    data_period: Period | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Read the figure, unit, bound and state from the text."""
        text = self.text
        figure = None if _NA.match(text) else parse_figure(text)
        if _NA.match(text):
            status = ValueStatus.NOT_APPLICABLE
        elif _TBD.search(text):
            status = ValueStatus.TO_BE_DETERMINED
        elif figure is None:
            status = ValueStatus.TEXT
        elif _PROV.search(text):
            status = ValueStatus.PROVISIONAL
        else:
            status = ValueStatus.FIRM
        if status is ValueStatus.TO_BE_DETERMINED:
            figure = None
        setattr_ = object.__setattr__
        setattr_(self, "status", status)
        setattr_(self, "magnitude", figure.magnitude if figure else None)
        setattr_(self, "upper", figure.upper if figure else None)
        setattr_(self, "unit", figure.unit if figure else None)
        setattr_(self, "bound", figure.bound if figure else Bound.EXACT)
        setattr_(self, "data_period", _data_period(text))

    @property
    def has_figure(self) -> bool:
        """Whether the cell holds a number.

        Example:
            >>> Value("N/A").has_figure, Value("77%").has_figure
            (False, True)
        """
        return self.magnitude is not None

    def in_unit(self, unit: str, default_unit: str | None = None) -> float | None:
        """The figure converted to ``unit``; the cell's unit, else ``default_unit``, applies.

        Returns None when the cell has no figure.

        Raises:
            UnitError: The units measure different things.

        Example:
            >>> Value("48.3 per 1,000").in_unit("percent")
            4.83
            >>> Value("21.1").in_unit("percent", default_unit="percent")
            21.1
        """
        if self.magnitude is None:
            return None
        source = self.unit or default_unit or unit
        return self.magnitude * conversion_factor(source, unit)

    def quantity(self, default_unit: str | None = None) -> Any:  # noqa: ANN401 (pint Quantity)
        """The figure as a pint quantity of the library's registry, or None.

        Example:
            >>> Value("85%").quantity()
            <Quantity(85.0, 'percent')>
        """
        if self.magnitude is None:
            return None
        return Q_(self.magnitude, self.unit or default_unit or "ratio")

    def __repr__(self) -> str:
        """``Value('86% (prov.)')``."""
        return f"Value({self.text!r})"


_NIL = re.compile(
    r"^\s*(?:nil|none|£?\s*0+(?![\d.,]))\b|no\s+additional|nil\s+additional", re.IGNORECASE
)
_TBC = re.compile(r"to\s+be\s+(?:confirmed|determined|agreed)|\btbc\b|\btbd\b", re.IGNORECASE)
_BASE = re.compile(
    r"base\s+budget|mainstream|existing\s+(?:resources|budgets?)|core\s+budget", re.IGNORECASE
)


def _money_unit(_instance: object, _attribute: object, value: object) -> None:
    if value not in {"GBP", "kGBP", "MGBP"}:
        raise FieldError(
            "unit", f"money unit {value!r} is not GBP, kGBP (a '£000' column) or MGBP (millions)"
        )


@attrs.frozen(repr=False)
class Money:
    """A funding cell: an amount of money, or words such as "Nil additional".

    The text is the value of record. ``unit`` is the unit a bare number is in: a cell of a
    "£000" column is written with ``unit="kGBP"``.

    Attributes:
        text: The cell as the document writes it.
        unit: The unit of a bare number (``GBP``, ``kGBP`` or ``MGBP``).
        kind: An amount, nil, to be confirmed, base budget, or unquantified words.
        gbp: The amount in pounds, or None when the cell states none.

    Example:
        >>> Money("3,584", unit="kGBP").gbp
        3584000.0
        >>> Money("Nil additional").kind.value
        'nil'
        >>> Money("To be confirmed").gbp is None
        True
        >>> Money("12", unit="EUR")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: money unit 'EUR' is not GBP, kGBP (a '£000' column) or ...

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    unit: str = attrs.field(default="GBP", validator=_money_unit)
    kind: MoneyKind = attrs.field(init=False)
    gbp: float | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Read the amount or the kind of words from the text."""
        figure = parse_figure(self.text, default_unit=self.unit)
        if _TBC.search(self.text):
            kind, gbp = MoneyKind.TO_BE_CONFIRMED, None
        elif _NIL.search(self.text):
            kind, gbp = MoneyKind.NIL, 0.0
        elif figure is not None and figure.unit in {"GBP", "kGBP", "MGBP"}:
            unit = figure.unit or self.unit
            kind, gbp = MoneyKind.AMOUNT, figure.magnitude * conversion_factor(unit, "GBP")
        elif _BASE.search(self.text):
            kind, gbp = MoneyKind.BASE_BUDGET, None
        else:
            kind, gbp = MoneyKind.UNQUANTIFIED, None
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "gbp", gbp)

    def __repr__(self) -> str:
        """``Money('£175k')``."""
        if self.unit == "GBP":
            return f"Money({self.text!r})"
        return f"Money({self.text!r}, unit={self.unit!r})"

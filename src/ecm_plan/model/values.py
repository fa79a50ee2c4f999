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

from typing import Any

import attrs

from ecm_plan.exceptions import CellError
from ecm_plan.model._cells import Reading, read_cell
from ecm_plan.model._enums import Bound, MoneyKind, ValueStatus
from ecm_plan.model._field import FieldError, cell_text
from ecm_plan.periods import Period
from ecm_plan.units import Q_, conversion_factor

__all__ = ["Figure", "Money", "Part", "Value", "parse_figure"]

_MONEY_UNITS = frozenset({"GBP", "kGBP", "MGBP"})


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


def parse_figure(text: str, default_unit: str | None = None) -> Figure | None:
    """Read the figure of a cell, with its unit and bound; None when it has no single figure.

    The whole cell is read by the cell grammar (see :class:`Value`).
    A cell with no figure, with several figures ("4.6% obese; 15.1% overweight") or whose
    value is not given ("N/A", "to be confirmed") has no figure: this never returns the first
    of several.

    Args:
        text: The cell text.
        default_unit: The unit to assume when the text names none (a "£000" column, say).

    Returns:
        The figure, or None.

    Raises:
        CellError: The cell holds a figure that cannot be read without guessing ("72T953").

    Example:
        >>> parse_figure("48.3 per 1,000").unit
        'per_1000'
        >>> parse_figure("90%+").bound.value
        'at_least'
        >>> parse_figure("3,584", default_unit="kGBP")
        Figure(magnitude=3584.0, upper=None, unit='kGBP', bound=<Bound.EXACT: 'exact'>)
        >>> parse_figure("Nil additional").magnitude
        0.0
        >>> parse_figure("4.6% obese (2002); 15.1% overweight (2002)") is None
        True
    """
    reading = read_cell(text, money=default_unit in _MONEY_UNITS, default_unit=default_unit)
    if not reading.status.has_figure:
        return None
    (part,) = reading.parts
    return Figure(part.magnitude, part.upper, part.unit or default_unit, part.bound)


@attrs.frozen
class Part:
    """One figure of a cell, with its label: a cell can give several.

    Attributes:
        label: The words that name the figure ("obese", "schools in the scheme"), or "".
        magnitude: The number (the lower end of a range).
        upper: The upper end of a range, else None.
        unit: A unit name of :mod:`ecm_plan.units`, or None when the cell names none.
        bound: How the figure bounds the value.
        data_period: The data year the cell gives for this figure, or None.
        status: ``firm``, or ``provisional`` when the cell marks the figure "(prov.)".
        text: The piece of the cell that holds the figure.

    Example:
        >>> v = Value("371 cases (Chlamydia 2003); 52 cases (Gonorrhoea 2003)")
        >>> [(p.magnitude, p.unit, p.label) for p in v.parts]
        [(371.0, 'count', 'cases (Chlamydia)'), (52.0, 'count', 'cases (Gonorrhoea)')]
        >>> v.parts[0].data_period.label, v.parts[0].text
        ('2003', '371')

    .. versionadded:: 0.1.0
    """

    label: str
    magnitude: float
    upper: float | None
    unit: str | None
    bound: Bound
    data_period: Period | None
    status: ValueStatus
    text: str


def _parts(text: str, reading: Reading) -> tuple[Part, ...]:
    return tuple(
        Part(
            label=r.label,
            magnitude=r.magnitude,
            upper=r.upper,
            unit=r.unit,
            bound=r.bound,
            data_period=r.data_period,
            status=ValueStatus.PROVISIONAL if r.provisional else ValueStatus.FIRM,
            text=text[r.start : r.end],
        )
        for r in reading.parts
    )


@attrs.frozen(repr=False)
class Value:
    """One cell of a target or actual series, read whole from its text.

    The text is the value of record; the other attributes are read from it when the value
    is made, by the cell grammar described in :doc:`/explanation/plan-format` ("How a cell is
    read"): figure, unit, bound, state, data year and commentary.
    The states are never collapsed into a missing value: "N/A" is ``not_applicable``,
    "target to be determined" is ``to_be_determined``, "TBC" is ``to_be_confirmed``,
    "No target set" is ``not_set``, "86% (prov.)" is ``provisional`` with a figure, and a
    cell with one figure is ``firm``.
    A cell with words and no figure ("Commissioning framework in place") is ``text``; a cell
    with several labelled figures is ``several``, with its figures in :attr:`parts` and no
    :attr:`magnitude`, so that no caller mistakes the first figure for the value.
    Figures beside a state ("381 schools in the scheme (percentage to be confirmed)") are
    kept in :attr:`parts` too; the value itself has no figure.

    Attributes:
        text: The cell as the document writes it.
        status: Firm, provisional, to be determined, to be confirmed, not set, not
            applicable, several, or text.
        magnitude: The figure, or None (always None unless the status is firm or
            provisional).
        upper: The upper end of a range ("5-10%"), or None.
        unit: The unit the cell names, or None (the indicator's unit then applies).
        bound: How the figure bounds the value ("90%+" is at least).
        data_period: The data year a cell names apart from the reporting year
            ("-16% (2008 data)"), or None.
        note: Commentary around the figure or state ("a reduction of" in "a reduction of at
            least 0.5 days"; "Autumn 2007" in "N/A (Autumn 2007)"), or "".
        unparsed: What the grammar could not account for, or "" when the cell was read whole.
        parts: Every figure the cell gives, in order, each with its label.

    Raises:
        CellError: The cell holds a figure that cannot be read without guessing: a digit
            run broken by letters ("72T953"), a unit cut off ("25.6 p").

    Example:
        >>> v = Value("-16% (2008 data)")
        >>> v.magnitude, v.unit, v.data_period.label
        (-16.0, 'percent', '2008')
        >>> Value("target to be determined").status.value
        'to_be_determined'
        >>> na = Value("N/A (Autumn 2007)")
        >>> na.status.value, na.magnitude, na.note
        ('not_applicable', None, 'Autumn 2007')
        >>> two = Value("4.6% obese (2002); 15.1% overweight (2002)")
        >>> two.status.value, two.magnitude, [(p.label, p.magnitude) for p in two.parts]
        ('several', None, [('obese', 4.6), ('overweight', 15.1)])
        >>> tbc = Value("381 schools in the scheme (percentage to be confirmed)")
        >>> tbc.status.value, tbc.magnitude, tbc.note, tbc.parts[0].magnitude, tbc.parts[0].label
        ('to_be_confirmed', None, 'percentage', 381.0, 'schools in the scheme')
        >>> Value("Ten").magnitude, Value("85% #").unparsed
        (10.0, '#')
        >>> Value("25.6 p")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.CellError: cannot read the cell '25.6 p': the unit ... is cut off; ...

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=cell_text)
    status: ValueStatus = attrs.field(init=False)
    magnitude: float | None = attrs.field(init=False)
    upper: float | None = attrs.field(init=False)
    unit: str | None = attrs.field(init=False)
    bound: Bound = attrs.field(init=False)
    data_period: Period | None = attrs.field(init=False)
    note: str = attrs.field(init=False)
    unparsed: str = attrs.field(init=False)
    parts: tuple[Part, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Read the figure, unit, bound, state and commentary from the text."""
        reading = read_cell(self.text)
        parts = _parts(self.text, reading)
        single = parts[0] if reading.status.has_figure else None
        setattr_ = object.__setattr__
        setattr_(self, "status", reading.status)
        setattr_(self, "magnitude", single.magnitude if single else None)
        setattr_(self, "upper", single.upper if single else None)
        setattr_(self, "unit", single.unit if single else None)
        setattr_(self, "bound", single.bound if single else Bound.EXACT)
        setattr_(self, "data_period", single.data_period if single else None)
        setattr_(self, "note", reading.note)
        setattr_(self, "unparsed", reading.unparsed)
        setattr_(self, "parts", parts)

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


_BASE = ("base budget", "mainstream", "existing resources", "existing budget", "core budget")


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
        note: Words beside the amount ("ContactPoint grant" in "90K ContactPoint grant"),
            or "".
        unparsed: What the cell grammar could not account for, or "".

    Raises:
        CellError: The amount cannot be read without guessing ("72T953"), or the cell gives
            several figures.

    Example:
        >>> Money("3,584", unit="kGBP").gbp
        3584000.0
        >>> Money("Nil additional").kind.value
        'nil'
        >>> Money("To be confirmed").gbp is None
        True
        >>> m = Money("90K ContactPoint grant")
        >>> m.gbp, m.note, m.unparsed
        (90000.0, 'ContactPoint grant', '')
        >>> Money("72T953")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.CellError: cannot read the cell '72T953': the digit run '72T953' ...
        >>> Money("12", unit="EUR")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: money unit 'EUR' is not GBP, kGBP (a '£000' column) or ...

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=cell_text)
    unit: str = attrs.field(default="GBP", validator=_money_unit)
    kind: MoneyKind = attrs.field(init=False)
    gbp: float | None = attrs.field(init=False)
    note: str = attrs.field(init=False)
    unparsed: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Read the amount or the kind of words from the text."""
        reading = read_cell(self.text, money=True, default_unit=self.unit)
        amounts = [p for p in reading.parts if p.unit in _MONEY_UNITS]
        if len(reading.parts) > 1:
            raise CellError(
                self.text,
                f"the cell gives {len(reading.parts)} figures",
                "give one amount per cell: split it by funding stream or by period",
            )
        words = " ".join(self.text.lower().split())
        if reading.status.is_undetermined:
            kind, gbp = MoneyKind.TO_BE_CONFIRMED, None
        elif reading.nil or (amounts and amounts[0].magnitude == 0.0):
            kind, gbp = MoneyKind.NIL, 0.0
        elif amounts:
            part = amounts[0]
            unit = part.unit or self.unit
            kind, gbp = MoneyKind.AMOUNT, part.magnitude * conversion_factor(unit, "GBP")
        elif any(b in words for b in _BASE):
            kind, gbp = MoneyKind.BASE_BUDGET, None
        else:
            kind, gbp = MoneyKind.UNQUANTIFIED, None
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "gbp", gbp)
        object.__setattr__(self, "note", reading.note)
        object.__setattr__(self, "unparsed", reading.unparsed)

    def __repr__(self) -> str:
        """``Money('£175k')``."""
        if self.unit == "GBP":
            return f"Money({self.text!r})"
        return f"Money({self.text!r}, unit={self.unit!r})"

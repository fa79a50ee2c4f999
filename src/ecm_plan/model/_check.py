"""Field converters and the validator that make every model constructor check its inputs.

A converter turns what a spreadsheet importer or a council tool naturally has into the field's
type (a period label into a :class:`~ecm_plan.periods.Period`, a cell into a
:class:`~ecm_plan.model.Value`, a list into a tuple). What it cannot turn it hands on as a
:class:`Refused` with the reason, and the :func:`named` validator raises
:class:`~ecm_plan.exceptions.FieldError` naming the field, so that a bad object never reaches
an analysis. (A converter does not know its field's name; the validator does.)

Example:
    >>> from ecm_plan.model import Lead
    >>> Lead(id="HoS", name=7)
    Traceback (most recent call last):
    ...
    ecm_plan.exceptions.FieldError: name: expected text, got an int (7)
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from ecm_plan.exceptions import FieldError, PlanError, UnknownOutcomeError
from ecm_plan.model._enums import (
    Arrangement,
    Comparator,
    DocumentKind,
    IndicatorScheme,
    LeadKind,
    LeadStatus,
    NoteKind,
    OutcomeKey,
    Polarity,
    PriorityKind,
    TargetKind,
    suggest_outcomes,
)
from ecm_plan.model._field import FrozenMap
from ecm_plan.model.due import Due
from ecm_plan.model.values import Money, Value
from ecm_plan.periods import Period, parse_period

__all__ = ["Refused", "named"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


@attrs.frozen
class Refused:
    """A value a converter could not turn into its field's type, with the reason."""

    value: Any
    reason: str


def named(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    """An attrs validator: a refused value becomes a FieldError naming the field."""
    if isinstance(value, Refused):
        name = attribute.alias or attribute.name
        raise FieldError(name, f"{name}: {value.reason}")


def describe(value: Any) -> str:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    """A short description of a value for messages: ``an int (7)``."""
    kind = type(value).__name__
    article = "an" if kind[0] in "aeiouAEIOU" else "a"
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{article} {kind} ({shown})"


def _refuse_in(found: list[Any]) -> Refused | None:
    for item in found:
        if isinstance(item, Refused):
            return item
    return None


# -- scalars --------------------------------------------------------------------------------


def to_text(value: str) -> str | Refused:
    """Text stays text; anything else is refused."""
    found: object = value  # the signature is for callers; the check is for any value
    if isinstance(found, str):
        return found
    return Refused(value, f"expected text, got {describe(value)}")


def to_opt_text(value: str | None) -> str | Refused | None:
    """Text or None."""
    return None if value is None else to_text(value)


def to_bool(value: bool) -> bool | Refused:
    """Only ``True`` and ``False``: no truthy strings or numbers."""
    found: object = value  # the signature is for callers; the check is for any value
    if isinstance(found, bool):
        return found
    return Refused(value, f"expected true or false, got {describe(value)}")


def to_period(value: Period | str) -> Period | Refused:
    """A period, or a period label read by :func:`~ecm_plan.periods.parse_period`."""
    found: object = value  # the signature is for callers; the check is for any value
    if isinstance(found, Period):
        return found
    if isinstance(found, str):
        try:
            return parse_period(found)
        except PlanError as err:
            return Refused(value, str(err))
    return Refused(value, f"expected a period or a label such as '2009-10', got {describe(value)}")


def to_opt_period(value: Period | str | None) -> Period | Refused | None:
    """A period, a label, or None."""
    return None if value is None else to_period(value)


def _cell(value: Any, cls: Callable[[str], T], what: str) -> T | Refused:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return Refused(value, f"expected {what} written as text, got {describe(value)}")
    try:
        return cls(value)
    except (PlanError, ValueError) as err:
        return Refused(value, f"cannot read {value!r}: {err}")


def to_opt_value(value: Value | str | None) -> Value | Refused | None:
    """A value, a cell's text (or a whole number) read into one, or None."""
    if value is None or isinstance(value, Value):
        return value
    return _cell(value, Value, "a value such as '85%'")


def to_value(value: Value | str) -> Value | Refused:
    """A value, or a cell's text read into one."""
    if isinstance(value, Value):
        return value
    return _cell(value, Value, "a value such as '85%'")


def to_opt_due(value: Due | str | None) -> Due | Refused | None:
    """A due date, a "By when" phrase read into one, or None."""
    if value is None or isinstance(value, Due):
        return value
    return _cell(value, Due, "a due date such as 'October 2008'")


def to_money(value: Money | str) -> Money | Refused:
    """Money, or a money cell read into it."""
    if isinstance(value, Money):
        return value
    return _cell(value, Money, "money such as '£175k'")


def to_opt_money(value: Money | str | None) -> Money | Refused | None:
    """Money, a money cell, or None."""
    return None if value is None else to_money(value)


# -- enums ----------------------------------------------------------------------------------


def _enum(value: Any, cls: type[E]) -> E | Refused:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except (ValueError, TypeError):
        allowed = ", ".join(str(m.value) for m in cls)
        return Refused(value, f"{value!r} is not one of: {allowed}")


def to_priority_kind(value: PriorityKind | str) -> PriorityKind | Refused:
    """A :class:`~ecm_plan.model.PriorityKind` or its value."""
    return _enum(value, PriorityKind)


def to_lead_status(value: LeadStatus | str) -> LeadStatus | Refused:
    """A :class:`~ecm_plan.model.LeadStatus` or its value."""
    return _enum(value, LeadStatus)


def to_document_kind(value: DocumentKind | str) -> DocumentKind | Refused:
    """A :class:`~ecm_plan.model.DocumentKind` or its value."""
    return _enum(value, DocumentKind)


def to_note_kind(value: NoteKind | str) -> NoteKind | Refused:
    """A :class:`~ecm_plan.model.NoteKind` or its value."""
    return _enum(value, NoteKind)


def to_lead_kind(value: LeadKind | str) -> LeadKind | Refused:
    """A :class:`~ecm_plan.model.LeadKind` or its value."""
    return _enum(value, LeadKind)


def to_indicator_scheme(value: IndicatorScheme | str) -> IndicatorScheme | Refused:
    """An :class:`~ecm_plan.model.IndicatorScheme` or its value."""
    return _enum(value, IndicatorScheme)


def to_target_kind(value: TargetKind | str) -> TargetKind | Refused:
    """A :class:`~ecm_plan.model.TargetKind` or its value."""
    return _enum(value, TargetKind)


def to_opt_arrangement(value: Arrangement | str | None) -> Arrangement | Refused | None:
    """An :class:`~ecm_plan.model.Arrangement`, its value, or None."""
    return None if value is None else _enum(value, Arrangement)


def to_opt_polarity(value: Polarity | str | None) -> Polarity | Refused | None:
    """A :class:`~ecm_plan.model.Polarity`, its value, or None."""
    return None if value is None else _enum(value, Polarity)


def to_opt_comparator(value: Comparator | str | None) -> Comparator | Refused | None:
    """A :class:`~ecm_plan.model.Comparator`, its value, or None."""
    return None if value is None else _enum(value, Comparator)


def to_outcome_key(value: OutcomeKey | str) -> OutcomeKey | Refused:
    """An outcome key; an unknown one raises with suggestions from the outcomes' titles.

    Raises:
        UnknownOutcomeError: The text is no outcome key; the error lists near ones.
    """
    found: object = value  # the signature is for callers; the check is for any value
    if isinstance(found, OutcomeKey):
        return found
    if not isinstance(found, str):
        return Refused(
            value, f"expected an outcome key such as 'be_healthy', got {describe(value)}"
        )
    try:
        return OutcomeKey(value)
    except ValueError:
        raise UnknownOutcomeError(
            value, "outcome", [k.value for k in suggest_outcomes(value)], known=OutcomeKey
        ) from None


# -- collections ----------------------------------------------------------------------------


def items_of(
    value: Any,  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    what: str,
    item: Callable[[Any], Any],
) -> tuple[Any, ...] | Refused:
    """A tuple of converted items from a list or tuple (one string counts as one item).

    ``item`` converts one element or returns a :class:`Refused`.
    """
    kind = type(value)
    if kind is list or kind is tuple:  # the usual case, without the abstract checks below
        if not value:
            return ()
    elif isinstance(value, str):
        value = (value,)
    elif isinstance(value, Mapping) or not isinstance(value, Iterable):
        return Refused(value, f"expected a list of {what}, got {describe(value)}")
    found = [item(v) for v in value]
    refused = _refuse_in(found)
    if refused is not None:
        index = found.index(refused)
        return Refused(value, f"item {index}: {refused.reason}")
    return tuple(found)


def instance_of(cls: type[T], what: str) -> Callable[[Any], T | Refused]:
    """A one-item converter that accepts instances of ``cls`` only."""

    def check(value: Any) -> T | Refused:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        if isinstance(value, cls):
            return value
        return Refused(value, f"expected {what}, got {describe(value)}")

    return check


def to_texts(value: Iterable[str] | str) -> tuple[str, ...] | Refused:
    """A tuple of texts from a list of texts (one text counts as one)."""
    return items_of(value, "texts", to_text)


def _aim(value: Any) -> int | Refused:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return Refused(value, f"an aim is a whole number 1 to 5, not {describe(value)}")


def to_aims(value: Iterable[int]) -> tuple[int, ...] | Refused:
    """A tuple of aim numbers: whole numbers only, no floats or booleans."""
    found: object = value  # the signature is for callers; the check is for any value
    if isinstance(found, str):
        return Refused(value, f"expected a list of aim numbers, got {describe(value)}")
    return items_of(value, "aim numbers", _aim)


def mapping_of(
    value: Any,  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    what: str,
    item: Callable[[Any], Any],
) -> FrozenMap[Period, Any] | Refused:
    """A read-only mapping keyed by period from a mapping of periods (or labels) to values."""
    if not isinstance(value, Mapping):
        return Refused(value, f"expected a mapping of period to {what}, got {describe(value)}")
    result: dict[Period, Any] = {}
    for key, inner in value.items():
        period = to_period(key)
        if isinstance(period, Refused):
            return Refused(value, f"key {key!r}: {period.reason}")
        converted = item(inner)
        if isinstance(converted, Refused):
            return Refused(value, f"{key}: {converted.reason}")
        result[period] = converted
    return FrozenMap(result)


def to_value_map(value: Mapping[Period, Value]) -> FrozenMap[Period, Value] | Refused:
    """Values by period, read-only, from a mapping of periods or labels to values or cells."""
    return mapping_of(value, "value", to_value)


def to_money_map(value: Mapping[Period, Money]) -> FrozenMap[Period, Money] | Refused:
    """Money by period, read-only, from a mapping of periods or labels to money or cells."""
    return mapping_of(value, "money", to_money)

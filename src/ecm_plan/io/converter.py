"""The one cattrs converter of the plan file format.

The file format is the cattrs form of the model: mapping keys are attribute names, ids are
strings, enums are their values, periods are their canonical labels, and cells
(:class:`~ecm_plan.model.Value`, :class:`~ecm_plan.model.Money`,
:class:`~ecm_plan.model.Due`) are their original text. Unknown keys are errors.

Example:
    >>> conv = make_converter()
    >>> from ecm_plan.model import Note, Period
    >>> conv.unstructure(Period.financial_year(2009))
    '2009-10'
    >>> conv.structure("2009-10 Q2", Period).label
    '2009-10 Q2'
    >>> conv.unstructure(Note("rebuilt from the needs analysis", "reconstruction"))
    {'text': 'rebuilt from the needs analysis', 'kind': 'reconstruction'}

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, mapping_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ecm_plan import _args
from ecm_plan.exceptions import InvalidPeriodError
from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    FundingStream,
    Indicator,
    Lead,
    Measure,
    Milestone,
    Money,
    Note,
    NoteKind,
    Objective,
    Observation,
    OutcomeLink,
    Plan,
    Priority,
    Section,
    Target,
    Value,
    _enums,
)
from ecm_plan.periods import Period, parse_period

__all__ = ["MODEL_CLASSES", "ShapeError", "configure_converter", "make_converter"]

MODEL_CLASSES: tuple[type, ...] = (
    Plan,
    Priority,
    Objective,
    Action,
    Milestone,
    Target,
    Observation,
    Indicator,
    Measure,
    FundingStream,
    Allocation,
    Lead,
    Section,
)
"""The classes that are mappings in a plan file (the others are strings or small unions)."""


class ShapeError(TypeError):
    """A value of the wrong shape in a plan file: a text where a list is expected, say.

    The loader turns it into a problem that names the shape expected and shows a corrected
    example built from the key and the value given.

    Attributes:
        value: The value as the file gives it.
        shape: ``"list"``, ``"mapping"``, ``"periods"`` (a mapping keyed by period),
            ``"bool"`` or ``"int"``.
        cls: For a mapping, the model class it should be; for a list, the class of its
            items; else None.

    Example:
        >>> from ecm_plan.model import Priority
        >>> try:
        ...     make_converter().structure({"id": "P1", "title": "t", "leads": "HoX"}, Priority)
        ... except Exception as err:
        ...     shape = err.exceptions[0]
        >>> shape.shape, shape.value
        ('list', 'HoX')
    """

    def __init__(self, value: Any, shape: str, cls: type | None = None) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        """Keep the value, the shape expected and the class."""
        self.value = value
        self.shape = shape
        self.cls = cls
        super().__init__(f"expected a {shape}, got {type(value).__name__} {value!r}")


def _structure_bool(value: Any, _type: type) -> bool:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, bool):
        return value
    raise ShapeError(value, "bool")


def _structure_int(value: Any, _type: type) -> int:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ShapeError(value, "int")


def _is_tuple(tp: Any) -> bool:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    return typing.get_origin(tp) is tuple


def _is_dict(tp: Any) -> bool:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    return typing.get_origin(tp) in {dict, collections.abc.Mapping}


def _tuple_factory(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    inner = homogenous_tuple_structure_factory(tp, conv)
    element = typing.get_args(tp)[0]

    def structure(value: Any, type_: Any) -> Any:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        if not isinstance(value, list | tuple):
            raise ShapeError(value, "list", element if isinstance(element, type) else None)
        return inner(value, type_)

    return structure


def _dict_factory(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    inner = mapping_structure_factory(tp, conv)

    def structure(value: Any, type_: Any) -> Any:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        if not isinstance(value, dict):
            raise ShapeError(value, "periods")
        return inner(value, type_)

    return structure


def _mapping_only(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """A model class's hook: a mapping only, read by a function made on first use.

    Made on first use so that every class's hook is registered before any is generated
    (a generated hook takes its fields' hooks as they are when it is made).
    """
    inner: list[Callable[[Any, Any], Any]] = []

    def structure(value: Any, type_: Any) -> Any:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        if not isinstance(value, dict):
            raise ShapeError(value, "mapping", cls)
        if not inner:
            inner.append(make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True))
        return inner[0](value, type_)

    return structure


def _structure_period(value: Any, _type: type) -> Period:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise TypeError(f"a period is written as a label such as '2009-10', not {value!r}")
    period = parse_period(value)
    if period.label != value:
        raise InvalidPeriodError(value, f"write it as {period.label!r}, the canonical label")
    return period


def _cell_text(value: Any, what: str) -> str:  # noqa: ANN401 (a cattrs hook takes whatever the file holds)
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        raise TypeError(
            f"{what} is written as text, so that its digits stay as printed: write "
            f"'{value!r}' in quotes (or as the document prints it, e.g. '0.80')"
        )
    raise TypeError(f"{what} is written as text such as '86% (prov.)', not {value!r}")


def _structure_due(value: Any, _type: type) -> Due:  # noqa: ANN401 (any value of a loaded file)
    # A TOML date, or a date a tool put in the data, is its day.
    due = Due(value if isinstance(value, dt.date) else _cell_text(value, "a due date"))
    if due.problems:
        # A plan file must not carry a date that cannot exist: report it where it is written.
        first = due.problems[0]
        raise InvalidPeriodError(first.text, first.reason)
    return due


def _structure_text(value: Any, _type: type) -> str:  # noqa: ANN401 (a cattrs hook takes whatever the file holds)
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    kind = type(value).__name__
    hint = "put it in quotes" if isinstance(value, float | bool) else "write it as one string"
    raise TypeError(f"expected text, got a {kind} ({value!r}); {hint}")


def _structure_money(value: Any, _type: type) -> Money:  # noqa: ANN401 (a cattrs hook takes whatever the file holds)
    if isinstance(value, dict):
        extra = set(value) - {"text", "unit"}
        if extra or "text" not in value:
            raise ValueError(
                "money is written as text ('£175k') or as a mapping with 'text' and 'unit' "
                f"(GBP, kGBP or MGBP); got keys {sorted(value)}"
            )
        return Money(_cell_text(value["text"], "money"), unit=value.get("unit", "GBP"))
    return Money(_cell_text(value, "money"))


def _unstructure_money(money: Money) -> Any:  # noqa: ANN401 (plain data: a number or text)
    if money.unit == "GBP":
        return money.text
    return {"text": money.text, "unit": money.unit}


def _structure_note(value: Any, _type: type) -> Note:  # noqa: ANN401 (a cattrs hook takes whatever the file holds)
    if isinstance(value, str):
        return Note(value)
    if isinstance(value, dict):
        extra = set(value) - {"text", "kind"}
        if extra or "text" not in value:
            raise ValueError(
                f"a note is text, or a mapping with 'text' and 'kind'; got keys {sorted(value)}"
            )
        return Note(value["text"], value.get("kind", "note"))
    raise TypeError(f"a note is text, or a mapping with 'text' and 'kind', not {value!r}")


def _unstructure_note(note: Note) -> Any:  # noqa: ANN401 (plain data: text or a mapping)
    if note.kind is NoteKind.NOTE:
        return note.text
    return {"text": note.text, "kind": note.kind.value}


def _enum_value(member: enum.Enum) -> Any:  # noqa: ANN401 (an enum value of any type)
    return member.value


def configure_converter(conv: cattrs.Converter) -> None:
    """Register the plan format's hooks on a converter.

    Periods are labels; values, money, due dates and notes are text (money and notes may be
    mappings, a due may be a TOML date, and a due that writes an impossible date such as
    ``31/02/2010`` is an error); text fields take text (or a whole number), never a list,
    mapping or float; outcome links are outcome keys or mappings; enums are their values;
    defaults are left out when writing; unknown keys are errors.

    Args:
        conv: A cattrs converter made with ``forbid_extra_keys=True`` and
            ``omit_if_default=True``.

    Example:
        >>> import cattrs
        >>> conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
        >>> configure_converter(conv)
        >>> conv.structure("Summer 2009", Due).kind.value
        'by'
    """
    _args.require_type(conv, "conv", cattrs.Converter, "a cattrs.Converter")
    conv.register_structure_hook(str, _structure_text)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook_factory(_is_tuple, lambda tp: _tuple_factory(tp, conv))
    conv.register_structure_hook_factory(_is_dict, lambda tp: _dict_factory(tp, conv))
    conv.register_structure_hook(Period, _structure_period)
    conv.register_unstructure_hook(Period, lambda p: p.label)
    conv.register_structure_hook(Value, lambda v, _: Value(_cell_text(v, "a value")))
    conv.register_unstructure_hook(Value, lambda v: v.text)
    conv.register_structure_hook(Due, _structure_due)
    conv.register_unstructure_hook(Due, lambda d: d.text)
    conv.register_structure_hook(Money, _structure_money)
    conv.register_unstructure_hook(Money, _unstructure_money)
    conv.register_structure_hook(Note, _structure_note)
    conv.register_unstructure_hook(Note, _unstructure_note)

    # StrEnums are str subclasses, which cattrs would pass through as they are; register each
    # enum of the model by class so that files hold plain strings.
    for member in vars(_enums).values():
        if isinstance(member, type) and issubclass(member, enum.Enum) and member is not enum.Enum:
            conv.register_unstructure_hook(member, _enum_value)

    link_structure = make_dict_structure_fn(OutcomeLink, conv, _cattrs_forbid_extra_keys=True)
    link_unstructure = make_dict_unstructure_fn(OutcomeLink, conv, _cattrs_omit_if_default=True)

    def structure_link(value: Any, _type: type) -> OutcomeLink:  # noqa: ANN401 (a cattrs hook takes whatever the file holds)
        if isinstance(value, str):
            return OutcomeLink(value)
        if not isinstance(value, dict):
            raise ShapeError(value, "mapping", OutcomeLink)
        return link_structure(value, OutcomeLink)

    def unstructure_link(link: OutcomeLink) -> Any:  # noqa: ANN401 (plain data: text or a mapping)
        if not link.aims and not link.inferred and link.note is None:
            return link.outcome.value
        return link_unstructure(link)

    conv.register_structure_hook(OutcomeLink, structure_link)
    conv.register_unstructure_hook(OutcomeLink, unstructure_link)

    def structure_enum(value: Any, type_: type[enum.Enum]) -> enum.Enum:  # noqa: ANN401 (a cattrs hook takes whatever the file holds)
        try:
            return type_(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in type_)
            raise ValueError(f"{value!r} is not one of: {allowed}") from None

    conv.register_structure_hook(enum.Enum, structure_enum)
    for member in vars(_enums).values():
        if isinstance(member, type) and issubclass(member, enum.Enum) and member is not enum.Enum:
            conv.register_structure_hook(member, structure_enum)
    for cls in MODEL_CLASSES:
        attrs.resolve_types(cls)
        conv.register_structure_hook(cls, _mapping_only(cls, conv))


def make_converter() -> cattrs.Converter:
    """A new converter for the plan format.

    Example:
        >>> from ecm_plan.model import Lead
        >>> make_converter().structure({"id": "HoS", "name": "Head of Service"}, Lead)
        Lead(id='HoS', name='Head of Service', kind=<LeadKind.ROLE: 'role'>, ...)
    """
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    configure_converter(conv)
    return conv

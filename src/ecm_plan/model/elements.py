"""The supporting elements of a plan: notes, sections, leads, funding streams and allocations.

Example:
    >>> stream = FundingStream(id="ABG", name="Area Based Grant")
    >>> Allocation(stream="ABG", amount=Money("28", unit="kGBP")).amount.gbp
    28000.0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ecm_plan.model._check import (
    Refused,
    instance_of,
    items_of,
    named,
    to_lead_kind,
    to_money_map,
    to_note_kind,
    to_opt_arrangement,
    to_opt_money,
    to_opt_period,
    to_opt_text,
    to_text,
    to_texts,
)
from ecm_plan.model._enums import Arrangement, LeadKind, NoteKind
from ecm_plan.model._field import FieldError, FrozenMap
from ecm_plan.model.values import Money
from ecm_plan.periods import Period

__all__ = [
    "Allocation",
    "FieldError",
    "FundingStream",
    "Lead",
    "Milestone",
    "Note",
    "Section",
    "check_id",
    "to_allocations",
    "to_milestones",
    "to_notes",
    "to_tuple",
]

_ID = re.compile(r"^[A-Za-z0-9£][A-Za-z0-9 ._()/&'+\-]*$")


def check_id(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """An attrs validator: ids are short, human-readable and hold no ``:``.

    The colon is kept for the graph, where ``outcome:be_healthy`` and ``wigan:P1`` name nodes.

    Example:
        >>> Lead(id="HoS:1", name="Head of Service")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: id 'HoS:1' must start with a letter or digit and use ...
    """
    if not isinstance(value, str):
        raise FieldError(
            attribute.name, f"{attribute.name} must be text, not {type(value).__name__}"
        )
    if not _ID.match(value) or value != value.strip():
        raise FieldError(
            attribute.name,
            f"{attribute.name} {value!r} must start with a letter or digit and use only "
            "letters, digits, spaces and . _ ( ) / & ' + -",
        )


def to_tuple(value: Any) -> tuple[Any, ...]:  # noqa: ANN401 (a converter takes whatever the caller passes)
    """Convert a list (or any iterable but a string) to a tuple, for frozen fields.

    Example:
        >>> to_tuple(["a", "b"])
        ('a', 'b')
    """
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _note(value: Any) -> Note | Refused:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, str):
        return Note(value)
    return instance_of(Note, "a note (text or a Note)")(value)


def to_notes(value: Iterable[Note | str] | str) -> tuple[Note, ...] | Refused:
    """A converter: a tuple of notes from a list of notes or texts.

    Example:
        >>> to_notes(["checked against the 2008 return"])
        (Note(text='checked against the 2008 return', kind=<NoteKind.NOTE: 'note'>),)
    """
    return items_of(value, "notes", _note)


def to_milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...] | Refused:
    """A converter: a tuple of milestones.

    Example:
        >>> to_milestones([Milestone("Relocate Brook Services")])[0].text
        'Relocate Brook Services'
    """
    return items_of(value, "milestones", instance_of(Milestone, "a Milestone"))


def to_allocations(value: Iterable[Allocation]) -> tuple[Allocation, ...] | Refused:
    """A converter: a tuple of allocations.

    Example:
        >>> to_allocations([Allocation(stream="ABG")])[0].stream
        'ABG'
    """
    return items_of(value, "allocations", instance_of(Allocation, "an Allocation"))


def _sections(value: Iterable[Section]) -> tuple[Section, ...] | Refused:
    return items_of(value, "sections", instance_of(Section, "a Section"))


def _opt_text() -> Any:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    return attrs.field(default=None, converter=to_opt_text, validator=named)


def _notes() -> Any:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    return attrs.field(factory=tuple, converter=to_notes, validator=named)


@attrs.frozen
class Note:
    """A remark on an element; a transcription judgement is a note of its own kind.

    In a plan file a plain note is a string; a note of another kind is a mapping with
    ``text`` and ``kind``.

    Attributes:
        text: The note.
        kind: Why it is there (:class:`~ecm_plan.model.NoteKind`): a reconstruction of damaged
            text, an ambiguity, a code slip, an inferred link, a source reference.

    Example:
        >>> Note("heading of 7.2 missing", "reconstruction")
        Note(text='heading of 7.2 missing', kind=<NoteKind.RECONSTRUCTION: 'reconstruction'>)

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(converter=to_text, validator=named)
    kind: NoteKind = attrs.field(default=NoteKind.NOTE, converter=to_note_kind, validator=named)


@attrs.frozen
class Milestone:
    """A step of an action in a period, such as Wigan's "Qtr1: Relocation of Brook Services".

    Attributes:
        text: What is to be done.
        period: The period (a financial quarter, usually), or None when the document names
            none.
        label: The period as the document writes it ("Qtr1", "Q2"), if any.

    Example:
        >>> Milestone("Relocation of Brook Services", Period.quarter(2009, 1), "Qtr1").period.label
        '2009-10 Q1'

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(converter=to_text, validator=named)
    period: Period | None = attrs.field(default=None, converter=to_opt_period, validator=named)
    label: str | None = _opt_text()


@attrs.frozen
class Section:
    """A titled block of text that is part of the plan but not of its action tables.

    Used for the context a plan gives: a needs analysis, the drivers of change, the
    structure of the service, the review history. Sections nest.

    Attributes:
        id: Unique within the plan.
        title: The heading.
        topic: A short key for the kind of content (``needs_analysis``, ``drivers``,
            ``structure``, ``history``, ``resources``, ``purpose``, ...).
        subject: The id of the element the section is about (a priority), or None.
        items: The entries, each a paragraph or a bullet.
        events: Dated entries, such as a review history ("Joint Area Review", June 2006).
        sections: Nested sections (the columns of a needs-analysis table, say).
        notes: Remarks and transcription judgements.

    Example:
        >>> s = Section(id="P1.NA", title="Needs analysis", topic="needs_analysis",
        ...             subject="P1", items=["1 in 4 children live in poverty"])
        >>> s.items
        ('1 in 4 children live in poverty',)

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(converter=to_text, validator=named)
    topic: str = attrs.field(default="note", converter=to_text, validator=named)
    subject: str | None = _opt_text()
    items: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    events: tuple[Milestone, ...] = attrs.field(
        factory=tuple, converter=to_milestones, validator=named
    )
    sections: tuple[Section, ...] = attrs.field(factory=tuple, converter=_sections, validator=named)
    notes: tuple[Note, ...] = _notes()


@attrs.frozen
class Lead:
    """Who leads an element: a role (post), a person, an organisation or a group.

    Attributes:
        id: Unique within the plan; elements refer to it.
        name: The name as the document gives it.
        kind: Role, person, organisation or group.
        role: A person's post, as the document gives it ("Group Director, Children").
        organisation: The body the lead belongs to, when the document says.
        notes: Remarks.

    Example:
        >>> Lead(id="S Elliott", name="S Elliott", kind="person").kind.value
        'person'

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_text, validator=named)
    kind: LeadKind = attrs.field(default=LeadKind.ROLE, converter=to_lead_kind, validator=named)
    role: str | None = _opt_text()
    organisation: str | None = _opt_text()
    notes: tuple[Note, ...] = _notes()


@attrs.frozen
class FundingStream:
    """A source of money: a grant, a budget, a partner's spend.

    Attributes:
        id: Unique within the plan, such as ``ABG`` or ``ABG(CF)``.
        name: The name as the document gives it.
        part_of: The id of the stream this one is an element of (``ABG(CF)`` is part of
            ``ABG``), or None.
        description: What the document says of it.
        amounts: Amounts by period (DSG £103m in 2008-09, ...).
        notes: Remarks.

    Example:
        >>> dsg = FundingStream(id="DSG", name="Dedicated Schools Grant",
        ...                     amounts={Period.financial_year(2008): Money("£103m")})
        >>> dsg.amounts[Period.financial_year(2008)].gbp
        103000000.0

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_text, validator=named)
    part_of: str | None = _opt_text()
    description: str | None = _opt_text()
    amounts: Mapping[Period, Money] = attrs.field(
        factory=FrozenMap, converter=to_money_map, validator=named
    )
    notes: tuple[Note, ...] = _notes()


@attrs.frozen
class Allocation:
    """Money from a stream to an objective or action, or funding named without a stream.

    Attributes:
        stream: The id of the funding stream, or None when the document names none.
        amount: The money (amount or words such as "Nil additional"), or None.
        label: The budget line's own name ("Choice Advisers"), if any.
        text: The cell as the document writes it, when it says more than stream and amount
            ("YCAP £175k (2009-10 only)").
        arrangement: Pooled or aligned with partners, if the document says.
        period: The period the money is for, if the document says.
        notes: Remarks.

    Example:
        >>> Allocation(stream="YCAP", amount=Money("£175k"), text="YCAP £175k").amount.gbp
        175000.0

    .. versionadded:: 0.1.0
    """

    stream: str | None = _opt_text()
    amount: Money | None = attrs.field(default=None, converter=to_opt_money, validator=named)
    label: str | None = _opt_text()
    text: str | None = _opt_text()
    arrangement: Arrangement | None = attrs.field(
        default=None, converter=to_opt_arrangement, validator=named
    )
    period: Period | None = attrs.field(default=None, converter=to_opt_period, validator=named)
    notes: tuple[Note, ...] = _notes()

    @property
    def is_quantified(self) -> bool:
        """Whether the allocation states an amount of money.

        Example:
            >>> Allocation(stream="LSC", amount=Money("To be confirmed")).is_quantified
            False
        """
        return self.amount is not None and self.amount.gbp is not None

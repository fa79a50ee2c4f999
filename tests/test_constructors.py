"""Model constructors check their inputs: convert plain values, or raise a library error."""

from __future__ import annotations

import collections.abc
import enum
import types
import typing

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan.exceptions import FieldError, PlanError
from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    FrozenMap,
    FundingStream,
    Indicator,
    Lead,
    Milestone,
    Money,
    Note,
    Objective,
    Observation,
    OutcomeLink,
    Period,
    Plan,
    Priority,
    Section,
    Target,
    Value,
)

CLASSES = (
    Note,
    Milestone,
    Section,
    Lead,
    FundingStream,
    Allocation,
    Observation,
    Indicator,
    Target,
    Action,
    Objective,
    OutcomeLink,
    Priority,
    Plan,
)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.lists(st.text(max_size=4), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
    st.just(Period.financial_year(2009)),
    st.just(Value("85%")),
    st.just(b"bytes"),
    st.just(object()),
)
"""Values of every kind, right or wrong for a field."""

SAMPLES: dict[object, st.SearchStrategy[object]] = {
    str: st.sampled_from(["P1", "Head of Service", "x"]),
    int: st.integers(1, 5),
    bool: st.booleans(),
    Period: st.sampled_from([Period.financial_year(2009), "2009-10", "October 2008", "2009-10"]),
    Value: st.sampled_from([Value("85%"), "85%", "N/A", "target to be determined", 12]),
    Due: st.sampled_from([Due("October 2008"), "Summer 2009", "Annual review of Plan"]),
    Money: st.sampled_from([Money("£175k"), "£3,584", "Nil additional"]),
    Note: st.sampled_from([Note("checked"), "a remark"]),
    Milestone: st.just(Milestone("Relocate services", "2009-10 Q1")),
    Allocation: st.just(Allocation(stream="ABG", amount="£175k")),
    Observation: st.just(Observation("48.3 per 1,000", "1998")),
    OutcomeLink: st.sampled_from([OutcomeLink("be_healthy"), "stay_safe"]),
    Section: st.just(Section(id="S1", title="Needs analysis")),
    Lead: st.just(Lead(id="HoS", name="Head of Service")),
    FundingStream: st.just(FundingStream(id="ABG", name="Area Based Grant")),
    Indicator: st.just(Indicator(id="NI 62", unit="percent", targets={"2009-10": "9%"})),
    Target: st.just(Target(id="T1", text="t", kind="measurable", value="85%")),
    Action: st.just(Action(id="A1", text="a", leads=["HoS"])),
    Objective: st.just(Objective(id="O1", title="o")),
    Priority: st.just(Priority(id="P1", title="p", outcomes=["be_healthy"])),
}


def sample(tp: object) -> st.SearchStrategy[object]:
    """A right value for a field of type ``tp``, in a form a caller might pass."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in {types.UnionType, typing.Union}:
        return st.one_of([sample(a) for a in args if a is not type(None)] + [st.none()])
    if origin is tuple:
        return st.lists(sample(args[0]), max_size=2)
    if origin in {dict, collections.abc.Mapping}:
        return st.dictionaries(sample(args[0]), sample(args[1]), max_size=2)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from([*tp, *(m.value for m in tp)])
    return SAMPLES.get(tp, st.nothing())


def conforms(value: object, tp: object) -> bool:
    """Whether a stored field value has its declared type."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in {types.UnionType, typing.Union}:
        return any(conforms(value, a) for a in args)
    if tp is type(None):
        return value is None
    if origin is tuple:
        return isinstance(value, tuple) and all(conforms(v, args[0]) for v in value)
    if origin in {dict, collections.abc.Mapping}:
        # the model keeps its series in a read-only FrozenMap
        return isinstance(value, FrozenMap) and all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()
        )
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, tp)  # type: ignore[arg-type]  # a declared type checked at run time


def fields(cls: type) -> list[attrs.Attribute]:
    attrs.resolve_types(cls)
    return [f for f in attrs.fields(cls) if f.init]


@st.composite
def arguments(draw: st.DrawFn, cls: type) -> dict[str, object]:
    """Keyword arguments for ``cls``: each field left out, right, or anything at all."""
    found: dict[str, object] = {}
    for field in fields(cls):
        required = field.default is attrs.NOTHING
        choice = draw(st.sampled_from(["right", "junk"] if required else ["skip", "right", "junk"]))
        if choice == "skip":
            continue
        if choice == "right":
            found[field.alias] = draw(sample(field.type))
        else:
            found[field.alias] = draw(JUNK)
    return found


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_constructor_converts_or_raises_a_library_error(cls, data):
    """Any arguments either make an element with correctly typed fields or raise a PlanError."""
    kwargs = data.draw(arguments(cls))
    try:
        made = cls(**kwargs)
    except PlanError:
        return
    for field in fields(cls):
        value = getattr(made, field.name)
        assert conforms(value, field.type), (field.name, value)


class TestConversions:
    def test_plain_strings_become_types(self):
        """Strings a spreadsheet gives are read into periods, values, due dates and money."""
        target = Target(
            id="T1",
            text="x",
            values={"2009-10": "85%"},
            due="Summer 2009",
            baseline=Observation("80%", "2008-09"),
        )
        assert Value("85%") == target.values[Period.financial_year(2009)]
        assert Due("Summer 2009") == target.due
        assert Period.financial_year(2008) == target.baseline.period
        assert Money("£175k") == Allocation(amount="£175k").amount

    def test_wrong_type_names_the_field(self):
        """A value of the wrong type is a FieldError naming its field."""
        with pytest.raises(FieldError) as info:
            Action(id="A1", text="t", due=3.5)
        assert "due" == info.value.field

    def test_bad_period_label_names_the_field(self):
        """A label that names no period is a FieldError naming its field."""
        with pytest.raises(FieldError) as info:
            Milestone("t", period="2009-11")
        assert "period" == info.value.field
        assert "2009-11" in str(info.value)

    def test_strict_booleans_and_integers(self):
        """No truthy strings for booleans; no decimals or booleans for aim numbers."""
        with pytest.raises(FieldError, match="inferred"):
            OutcomeLink("stay_safe", inferred="false")
        with pytest.raises(FieldError, match="aims"):
            OutcomeLink("stay_safe", aims=[1.9])
        with pytest.raises(FieldError, match="aims"):
            OutcomeLink("stay_safe", aims=[True])

    def test_measured_value_without_figure(self):
        """A plan refuses an indicator target that holds no figure and no state."""
        with pytest.raises(PlanError, match="'banana' is a target of percent indicator NI 62"):
            Plan(
                id="p",
                authority="A",
                title="T",
                period="2009-10",
                indicators=[Indicator(id="NI 62", unit="percent", targets={"2009-10": "banana"})],
            )

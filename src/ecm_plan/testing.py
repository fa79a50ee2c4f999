"""Hypothesis strategies for the plan model, for this library's tests and for downstream tools.

Requires the ``test`` extra (Hypothesis). Every strategy generates valid values: plans have
unique ids and every cross-reference resolves, so ``ecm_plan.loads_plan(ecm_plan.dumps_plan(p))``
can be checked for any generated plan ``p``.

Example:
    >>> from hypothesis import find, given, settings
    >>> from ecm_plan import build_graph
    >>> @settings(max_examples=5, database=None, deadline=None)
    ... @given(plans())
    ... def test_graph_has_every_priority(plan):
    ...     graph = build_graph(plan)
    ...     assert all(p.id in graph for p in plan.priorities)
    >>> test_graph_has_every_priority()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any, cast

from hypothesis import strategies as st

from ecm_plan.exceptions import CellError
from ecm_plan.model import (
    Action,
    Allocation,
    Arrangement,
    Comparator,
    DocumentKind,
    Due,
    FundingStream,
    Indicator,
    IndicatorScheme,
    Lead,
    LeadKind,
    LeadStatus,
    Measure,
    Milestone,
    Money,
    Note,
    NoteKind,
    Objective,
    Observation,
    OutcomeKey,
    OutcomeLink,
    Plan,
    Polarity,
    Priority,
    PriorityKind,
    Section,
    Target,
    TargetKind,
    Value,
    ValueStatus,
)
from ecm_plan.monitoring import Return, Returns
from ecm_plan.periods import Period

__all__ = [
    "cell_texts",
    "due_texts",
    "indicator_measures",
    "measured_values",
    "money",
    "notes",
    "periods",
    "plans",
    "returns",
    "texts",
    "unicode_texts",
    "values",
    "written_dates",
]

_YEARS = st.integers(min_value=1995, max_value=2035)


@functools.cache  # a strategy is immutable: build and validate it once
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text as plans hold it: letters, digits, punctuation, symbols and spaces.

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(texts(), lambda _: True), str)
        True
    """
    return st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")),
        min_size=1,
        max_size=max_size,
    ).filter(lambda s: s.strip() == s and s != "")


@functools.cache  # a strategy is immutable: build and validate it once
def unicode_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    r"""Hostile text: any code point at all, controls, NUL, NEL, separators and surrogates too.

    For checking that text survives a round trip or is refused with a documented error;
    :func:`plans` takes it as ``text=unicode_texts()``. The strings may have leading or
    trailing spaces and lone surrogates, which no plan file can hold.

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(unicode_texts(), lambda s: True), str)
        True
    """
    return st.text(
        alphabet=st.characters(codec=None, categories=None, exclude_categories=()),
        min_size=1,
        max_size=max_size,
    )


@functools.cache  # a strategy is immutable: build and validate it once
def periods() -> st.SearchStrategy[Period]:
    """Periods of every kind: days, months, quarters, seasons, years and spans.

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(periods(), lambda _: True), Period)
        True
    """
    simple = st.one_of(
        st.dates(dt.date(1995, 1, 1), dt.date(2035, 12, 31)).map(Period.day),
        st.builds(Period.month, _YEARS, st.integers(1, 12)),
        st.builds(Period.quarter, _YEARS, st.integers(1, 4)),
        st.builds(
            Period.season,
            _YEARS,
            st.sampled_from(["spring", "summer", "autumn", "winter", "autumn term"]),
        ),
        st.builds(Period.financial_year, _YEARS),
        st.builds(Period.academic_year, _YEARS),
        st.builds(Period.calendar_year, _YEARS),
    )
    spans = st.builds(
        lambda a, n: Period.span(Period.financial_year(a), Period.financial_year(a + n)),
        _YEARS,
        st.integers(1, 4),
    )
    return st.one_of(simple, spans)


_CELLS = (
    "+0.58% (2007 data)",
    "-16% (2008 data)",
    "86% (prov.)",
    "N/A",
    "target to be determined",
    "18.01%",
    "21.1",
    "1290",
    "0.86",
    "90%+",
    "<10%",
    ">95%",
    "5-10%",
    "48.3 per 1,000",
    "5 working days",
    "Commissioning framework in place",
    "TBC",
    "No target set",
    "N/A (Autumn 2007)",
    "4.6% obese (2002); 15.1% overweight (2002)",
    "381 schools in the scheme (percentage to be confirmed)",
    "Ten",
)


_LONG_FIGURE = re.compile(r"[0-9](?:[.,]?[0-9]){17}")


def _readable_cell(text: str) -> bool:
    """Whether a cell's figures are short enough for loading (17 digits at most)."""
    return _LONG_FIGURE.search(text) is None


@functools.cache  # a strategy is immutable: build and validate it once
def cell_texts() -> st.SearchStrategy[str]:
    """Table cells: the plans' own spellings and generated figures with units and bounds.

    Every figure has at most 17 digits, as loading requires
    (see :doc:`/explanation/untrusted-input`).

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(cell_texts(), lambda _: True), str)
        True
    """
    figures = st.builds(
        lambda sign, number, unit, tail: f"{sign}{number}{unit}{tail}",
        st.sampled_from(["", "-", "+", "<", ">"]),
        st.decimals(0, 10_000, places=2, allow_nan=False, allow_infinity=False).map(str),
        st.sampled_from(["", "%", " per 1,000", " days", " points"]),
        st.sampled_from(["", " (prov.)", " (2008 data)", "+"]),
    )
    return st.one_of(st.sampled_from(_CELLS), figures, texts().filter(_readable_cell))


@functools.cache  # a strategy is immutable: build and validate it once
def values() -> st.SearchStrategy[Value]:
    """Cell values (:class:`~ecm_plan.model.Value`); texts refused with a CellError are left out.

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(values(), lambda _: True), Value)
        True
    """
    return _read_values(cell_texts())


def _readable_money(text: str) -> bool:
    """Whether a funding cell text reads without a CellError."""
    try:
        Money(text)
    except CellError:
        return False
    return True


def _value_or_none(text: str) -> Value | None:
    """The value a cell text reads as, or None for one refused with a CellError."""
    try:
        return Value(text)
    except CellError:
        return None


def _read_values(cells: st.SearchStrategy[str]) -> st.SearchStrategy[Value]:
    """The values of the cell texts that read without a CellError (each text read once)."""
    read = cells.map(_value_or_none).filter(lambda v: v is not None)
    return cast("st.SearchStrategy[Value]", read)  # the filter leaves no None


@functools.cache  # a strategy is immutable: build and validate it once
def measured_values() -> st.SearchStrategy[Value]:
    """Values that hold a figure or a state: what an indicator series or a measurable target holds.

    A plan refuses a measured value that holds neither (see
    ``ecm_plan.model.plan.check_figures``).

    Example:
        >>> from hypothesis import find
        >>> find(measured_values(), lambda _: True).status.value != "text"
        True
    """
    return values().filter(lambda v: v.status is not ValueStatus.TEXT)


_DUES = (
    "October 2008",
    "Summer 2009",
    "End of March 2010",
    "July 08.",
    "Sept 2008",
    "2010 (Phase 3 – all areas)",
    "Annual review of Plan",
    "Ongoing from April 2007",
    "In line with National timetable",
    "3 year action plan (2008- 2011)",
    "December 2008 March 2009",
)


_DATE_FORMS: tuple[Callable[[dt.date], str], ...] = (
    dt.date.isoformat,
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year % 100:02d}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: f"{d.day} {calendar.month_name[d.month]} {d.year}",
    lambda d: f"{d.day}-{calendar.month_abbr[d.month]}-{d.year % 100:02d}",
)


@functools.cache  # a strategy is immutable: build and validate it once
def written_dates() -> st.SearchStrategy[tuple[dt.date, str]]:
    """A day and one way plans write it: ISO, day first with ``/``, ``.`` or ``-``, or in words.

    Days run from 1970 to 2069, the years a two-digit year can name.

    Example:
        >>> from hypothesis import find
        >>> from ecm_plan.periods import parse_period
        >>> day, text = find(written_dates(), lambda pair: "/" in pair[1])
        >>> parse_period(text).start == day
        True
    """
    days = st.dates(dt.date(1970, 1, 1), dt.date(2069, 12, 31))
    return st.tuples(days, st.sampled_from(_DATE_FORMS)).map(
        lambda pair: (pair[0], pair[1](pair[0]))
    )


@functools.cache  # a strategy is immutable: build and validate it once
def due_texts() -> st.SearchStrategy[str]:
    """Texts of "By when" cells: the plans' own phrases, months, written days, free text.

    Example:
        >>> from hypothesis import find
        >>> isinstance(Due(find(due_texts(), lambda _: True)), Due)
        True
    """
    months = st.builds(
        lambda m, y: f"{m} {y}",
        st.sampled_from(["January", "Feb", "March", "Sept", "October", "Dec"]),
        _YEARS,
    )
    dates = written_dates().map(lambda pair: pair[1])
    return st.one_of(st.sampled_from(_DUES), months, dates, texts())


@functools.cache  # a strategy is immutable: build and validate it once
def money() -> st.SearchStrategy[Money]:
    """Money cells, in pounds or in a "£000" column.

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(money(), lambda _: True), Money)
        True
    """
    amounts = st.integers(0, 5000).map(lambda n: f"£{n}k")
    words = st.sampled_from(["Nil additional", "To be confirmed", "CYPS Base Budget", "YCAP"])
    thousands = st.integers(1, 9999).map(lambda n: Money(f"{n:,}", unit="kGBP"))
    return st.one_of(st.one_of(amounts, words).map(Money), thousands)


@functools.cache  # a strategy is immutable: build and validate it once
def notes() -> st.SearchStrategy[Note]:
    """Notes of every kind.

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(notes(), lambda _: True), Note)
        True
    """
    return st.builds(Note, texts(), st.sampled_from(list(NoteKind)))


_Text = st.SearchStrategy[str] | None


@functools.cache  # a strategy is immutable: build and validate it once
def _values(text: _Text) -> st.SearchStrategy[Value]:
    if text is None:
        return values()
    return _read_values(st.one_of(cell_texts(), text.filter(_readable_cell)))


@functools.cache  # a strategy is immutable: build and validate it once
def _notes(text: _Text) -> st.SearchStrategy[Note]:
    return notes() if text is None else st.builds(Note, text, st.sampled_from(list(NoteKind)))


@functools.cache  # a strategy is immutable: build and validate it once
def _dues(text: _Text) -> st.SearchStrategy[Due]:
    if text is None:
        return due_texts().map(Due)
    return st.one_of(due_texts(), text.filter(_readable_cell)).map(Due)


@functools.cache  # a strategy is immutable: build and validate it once
def _money(text: _Text) -> st.SearchStrategy[Money]:
    return (
        money()
        if text is None
        else st.one_of(money(), text.filter(_readable_cell).filter(_readable_money).map(Money))
    )


@functools.cache  # a strategy is immutable: build and validate it once
def _tuple(strategy: st.SearchStrategy[Any], max_size: int = 2) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size).map(tuple)


@functools.cache  # a strategy is immutable: build and validate it once
def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@functools.lru_cache(maxsize=1024)  # ids repeat from plan to plan: build each strategy once
def _some_of(ids: tuple[str, ...], max_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(ids), max_size=max_size, unique=True).map(tuple)


@functools.lru_cache(maxsize=1024)  # ids repeat from plan to plan: build each strategy once
def _one_of(ids: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(ids)


class _Parts:
    """The strategies one plan is drawn from, built once for each source of free text.

    Drawing a plan draws a few hundred values; building (and validating) a new strategy for
    each of them cost more than drawing from it, so :func:`plans` draws from these.
    """

    def __init__(self, text: _Text) -> None:
        t = texts(16) if text is None else text
        self.text = t
        self.long_text = texts(40) if text is None else text
        self.optional_text = _optional(t)
        self.values = _values(text)
        self.measured_values = measured_values()
        self.count_0_2 = st.integers(0, 2)
        self.count_0_3 = st.integers(0, 3)
        self.booleans = st.booleans()
        self.lead_kinds = st.sampled_from(list(LeadKind))
        self.indicator_numbers = st.sets(st.integers(1, 199), max_size=3)
        self.stream_amounts = st.dictionaries(periods(), _money(text), max_size=2)
        self.units = _optional(st.sampled_from(["percent", "per_1000", "count", "ratio"]))
        self.polarities = _optional(st.sampled_from(list(Polarity)))
        self.actuals = st.dictionaries(periods(), self.measured_values, max_size=2)
        self.targets = st.dictionaries(periods(), self.measured_values, max_size=3)
        self.measures = _optional(indicator_measures())
        self.unstated = st.sampled_from([LeadStatus.NOT_STATED, LeadStatus.NOT_AGREED])
        self.dues = _optional(_dues(text))
        self.optional_periods = _optional(periods())
        self.action_milestones = _tuple(st.builds(Milestone, t, self.optional_periods), 4)
        self.section_events = _tuple(st.builds(Milestone, t, self.optional_periods), 2)
        self.priority_outcomes = _tuple(
            st.builds(
                OutcomeLink,
                st.sampled_from(list(OutcomeKey)),
                st.lists(st.integers(1, 5), max_size=2, unique=True).map(tuple),
                st.booleans(),
            ),
            2,
        )
        self.rationale = _tuple(t)
        self.one_note = _tuple(_notes(text), 1)
        self.notes = _tuple(_notes(text))
        self.section_items = _tuple(self.long_text, 3)
        self.context_items = _tuple(t, 2)
        self.plan_ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
        self.periods = periods()
        self.document_kinds = st.sampled_from(list(DocumentKind))
        self.vision = _tuple(self.long_text)
        self.plan_outcomes = _tuple(st.sampled_from(list(OutcomeKey)).map(OutcomeLink), 2)
        # targets
        self.comparators = _optional(st.sampled_from(list(Comparator)))
        self.target_cells = {
            True: self.measured_values,
            False: self.values,
        }
        self.target_values = {
            measurable: st.dictionaries(periods(), cells, max_size=3)
            for measurable, cells in self.target_cells.items()
        }
        self.baselines = {
            measurable: _optional(st.builds(Observation, cells, self.optional_periods))
            for measurable, cells in self.target_cells.items()
        }
        self.optional_cells = {
            measurable: _optional(cells) for measurable, cells in self.target_cells.items()
        }
        # allocations
        self.amounts = _optional(_money(text))
        self.arrangements = _optional(st.sampled_from(list(Arrangement)))


@functools.cache  # a strategy is immutable: build and validate it once
def _parts(text: _Text) -> _Parts:
    return _Parts(text)


def _targets(
    draw: st.DrawFn, owner: str, indicator_ids: tuple[str, ...], parts: _Parts
) -> tuple[Target, ...]:
    found = []
    for k in range(draw(parts.count_0_2)):
        measurable = draw(parts.booleans)
        indicator = draw(_one_of(indicator_ids)) if measurable and indicator_ids else None
        found.append(
            Target(
                id=f"{owner}.T{k + 1}",
                values=draw(parts.target_values[measurable]),
                text=draw(parts.text),
                kind=TargetKind.MEASURABLE if measurable else TargetKind.QUALITATIVE,
                indicator=indicator,
                comparator=draw(parts.comparators),
                baseline=draw(parts.baselines[measurable]),
                value=draw(parts.optional_cells[measurable]),
                due=draw(parts.dues),
                notes=draw(parts.one_note),
            )
        )
    return tuple(found)


def _allocations(
    draw: st.DrawFn, stream_ids: tuple[str, ...], parts: _Parts
) -> tuple[Allocation, ...]:
    return tuple(
        Allocation(
            stream=draw(_optional(_one_of(stream_ids))) if stream_ids else None,
            amount=draw(parts.amounts),
            label=draw(parts.optional_text),
            arrangement=draw(parts.arrangements),
            period=draw(parts.optional_periods),
        )
        for _ in range(draw(parts.count_0_2))
    )


@st.composite
def plans(
    draw: st.DrawFn, max_priorities: int = 3, *, text: st.SearchStrategy[str] | None = None
) -> Plan:
    """Valid plans: unique ids, every cross-reference resolving, every field exercised.

    Args:
        draw: Supplied by Hypothesis.
        max_priorities: The most priorities a plan gets.
        text: Where free text comes from (names, titles, cells, notes); default
            :func:`texts`. Pass :func:`unicode_texts` for hostile text, with which a plan
            may hold text no plan file can hold (a lone surrogate).

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(plans(), lambda _: True), Plan)
        True
    """
    parts = _parts(text)
    t = parts.text
    lead_ids = tuple(f"L{i}" for i in range(draw(parts.count_0_3)))
    stream_ids = tuple(f"F{i}" for i in range(draw(parts.count_0_3)))
    indicator_ids = tuple(f"NI {n}" for n in draw(parts.indicator_numbers))
    leads = [Lead(id=i, name=draw(t), kind=draw(parts.lead_kinds)) for i in lead_ids]
    streams = [
        FundingStream(
            id=s,
            name=draw(t),
            part_of=stream_ids[0] if k > 0 and draw(parts.booleans) else None,
            amounts=draw(parts.stream_amounts),
        )
        for k, s in enumerate(stream_ids)
    ]
    indicators = [
        Indicator(
            id=i,
            title=draw(parts.optional_text),
            scheme=IndicatorScheme.NATIONAL,
            unit=draw(parts.units),
            polarity=draw(parts.polarities),
            actuals=draw(parts.actuals),
            targets=draw(parts.targets),
            responsible=draw(_some_of(lead_ids, 1)),
            measure=draw(parts.measures),
        )
        for i in indicator_ids
    ]
    some_leads = _some_of(lead_ids, 2)
    priorities = []
    work_ids: list[str] = []
    for p in range(1, draw(st.integers(0, max_priorities)) + 1):
        pid = f"P{p}"
        objectives = []
        for o in range(1, draw(parts.count_0_2) + 1):
            oid = f"{pid}.O{o}"
            actions = []
            for a in range(1, draw(parts.count_0_2) + 1):
                aid = f"{oid}.A{a}"
                actions.append(
                    Action(
                        id=aid,
                        text=draw(t),
                        leads=(action_leads := draw(some_leads)),
                        lead_status=LeadStatus.NAMED if action_leads else draw(parts.unstated),
                        due=draw(parts.dues),
                        milestones=draw(parts.action_milestones),
                        funding=_allocations(draw, stream_ids, parts),
                        targets=_targets(draw, aid, indicator_ids, parts),
                        depends_on=draw(_some_of(tuple(work_ids), 1)),
                    )
                )
                work_ids.append(aid)
            objectives.append(
                Objective(
                    id=oid,
                    title=draw(t),
                    code=f"{p}.{o}",
                    leads=draw(some_leads),
                    actions=tuple(actions),
                    targets=_targets(draw, oid, indicator_ids, parts),
                    funding=_allocations(draw, stream_ids, parts),
                )
            )
            work_ids.append(oid)
        organisational = p > 1 and draw(parts.booleans)
        priorities.append(
            Priority(
                id=pid,
                title=draw(t),
                code=f"Priority {p}",
                kind=PriorityKind.ORGANISATIONAL if organisational else PriorityKind.SERVICE,
                leads=draw(some_leads),
                outcomes=draw(parts.priority_outcomes),
                rationale=draw(parts.rationale),
                supports=("P1",) if organisational else (),
                objectives=tuple(objectives),
                targets=_targets(draw, pid, indicator_ids, parts),
                notes=draw(parts.one_note),
            )
        )
    subjects = tuple(p.id for p in priorities)
    sections = [
        Section(
            id=f"S{s}",
            title=draw(t),
            topic="needs_analysis",
            subject=draw(_one_of(subjects)) if subjects else None,
            items=draw(parts.section_items),
            events=draw(parts.section_events),
            sections=(Section(id=f"S{s}.1", title="Context", items=draw(parts.context_items)),),
        )
        for s in range(draw(parts.count_0_2))
    ]
    return Plan(
        id=draw(parts.plan_ids),
        authority=draw(t),
        title=draw(t),
        period=draw(parts.periods),
        kind=draw(parts.document_kinds),
        published=draw(parts.optional_periods),
        vision=draw(parts.vision),
        outcomes=draw(parts.plan_outcomes),
        leads=tuple(leads),
        funding_streams=tuple(streams),
        indicators=tuple(indicators),
        priorities=tuple(priorities),
        sections=tuple(sections),
        notes=draw(parts.notes),
    )


@functools.cache  # a strategy is immutable: build and validate it once
def indicator_measures() -> st.SearchStrategy[Measure]:
    """A plan's override of what an indicator's figure is (:class:`~ecm_plan.model.Measure`).

    Example:
        >>> from hypothesis import find
        >>> isinstance(find(indicator_measures(), lambda _: True), Measure)
        True

    .. versionadded:: 0.1.0
    """
    bound = st.none() | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
    return st.builds(
        lambda aggregation, change_from, a, b: Measure(
            aggregation,
            change_from,
            *((a, b) if a is None or b is None or a <= b else (b, a)),
        ),
        st.none() | st.sampled_from(["level", "count"]),
        st.none() | periods(),
        bound,
        bound,
    )


class _ReturnParts:
    """The strategies one return row is drawn from, built once (see :class:`_Parts`)."""

    def __init__(self) -> None:
        self.optional = (
            st.none() | texts() | st.sampled_from(["line one\nline two", 'a, "quoted" cell'])
        )
        self.indicators = st.sampled_from(["NI 56", "NI 111", "2016SC"]) | texts(12)
        self.periods = periods()
        self.values = measured_values()
        self.plans = st.none() | st.sampled_from(["wigan-2009-12", "sample"])
        self.statuses = st.none() | st.sampled_from(["green", "Amber", "ON COURSE"]) | texts()


@functools.cache  # a strategy is immutable: build and validate it once
def _return_parts() -> _ReturnParts:
    return _ReturnParts()


@st.composite
def returns(draw: st.DrawFn, max_rows: int = 8) -> Returns:
    """Returns (:class:`~ecm_plan.monitoring.Returns`) whose rows never clash.

    Example:
        >>> from hypothesis import find
        >>> from ecm_plan.monitoring import Returns
        >>> isinstance(find(returns(), lambda _: True), Returns)
        True

    .. versionadded:: 0.1.0
    """
    parts = _return_parts()
    rows: list[Return] = []
    for _ in range(draw(st.integers(0, max_rows))):
        row = Return(
            indicator=draw(parts.indicators),
            period=draw(parts.periods),
            value=draw(parts.values),
            plan=draw(parts.plans),
            status=draw(parts.statuses),
            comment=draw(parts.optional),
            source=draw(parts.optional),
        )
        if any(
            (r.indicator, r.period) == (row.indicator, row.period)
            and (r.plan is None or row.plan is None or r.plan == row.plan)
            for r in rows
        ):
            continue
        rows.append(row)
    return Returns(tuple(rows))

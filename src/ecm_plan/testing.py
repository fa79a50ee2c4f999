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
from typing import Any

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
    return cell_texts().filter(_readable).map(Value)


def _readable_money(text: str) -> bool:
    """Whether a funding cell text reads without a CellError."""
    try:
        Money(text)
    except CellError:
        return False
    return True


def _readable(text: str) -> bool:
    """Whether a cell text reads without a CellError (garbled figures are refused)."""
    try:
        Value(text)
    except CellError:
        return False
    return True


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
    return st.one_of(cell_texts(), text.filter(_readable_cell)).filter(_readable).map(Value)


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


@st.composite
def _targets(
    draw: st.DrawFn, owner: str, indicator_ids: list[str], text: _Text
) -> tuple[Target, ...]:
    t = texts(16) if text is None else text
    found = []
    for k in range(draw(st.integers(0, 2))):
        measurable = draw(st.booleans())
        indicator = draw(st.sampled_from(indicator_ids)) if measurable and indicator_ids else None
        cells = measured_values() if measurable else _values(text)
        period_values = draw(st.dictionaries(periods(), cells, max_size=3))
        found.append(
            Target(
                id=f"{owner}.T{k + 1}",
                text=draw(t),
                kind=TargetKind.MEASURABLE if measurable else TargetKind.QUALITATIVE,
                indicator=indicator,
                comparator=draw(st.none() | st.sampled_from(list(Comparator))),
                baseline=draw(st.none() | st.builds(Observation, cells, st.none() | periods())),
                values=period_values,
                value=draw(st.none() | cells),
                due=draw(st.none() | _dues(text)),
                notes=draw(_tuple(_notes(text), 1)),
            )
        )
    return tuple(found)


@st.composite
def _allocations(draw: st.DrawFn, stream_ids: list[str], text: _Text) -> tuple[Allocation, ...]:
    t = texts(16) if text is None else text
    return tuple(
        Allocation(
            stream=draw(st.none() | st.sampled_from(stream_ids)) if stream_ids else None,
            amount=draw(st.none() | _money(text)),
            label=draw(st.none() | t),
            arrangement=draw(st.none() | st.sampled_from(list(Arrangement))),
            period=draw(st.none() | periods()),
        )
        for _ in range(draw(st.integers(0, 2)))
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
    t = texts(16) if text is None else text
    long_t = texts(40) if text is None else text
    lead_ids = [f"L{i}" for i in range(draw(st.integers(0, 3)))]
    stream_ids = [f"F{i}" for i in range(draw(st.integers(0, 3)))]
    indicator_ids = [f"NI {n}" for n in draw(st.sets(st.integers(1, 199), max_size=3))]
    leads = [Lead(id=i, name=draw(t), kind=draw(st.sampled_from(list(LeadKind)))) for i in lead_ids]
    streams = [
        FundingStream(
            id=s,
            name=draw(t),
            part_of=stream_ids[0] if k > 0 and draw(st.booleans()) else None,
            amounts=draw(st.dictionaries(periods(), _money(text), max_size=2)),
        )
        for k, s in enumerate(stream_ids)
    ]
    indicators = [
        Indicator(
            id=i,
            title=draw(st.none() | t),
            scheme=IndicatorScheme.NATIONAL,
            unit=draw(st.none() | st.sampled_from(["percent", "per_1000", "count", "ratio"])),
            polarity=draw(st.none() | st.sampled_from(list(Polarity))),
            actuals=draw(st.dictionaries(periods(), measured_values(), max_size=2)),
            targets=draw(st.dictionaries(periods(), measured_values(), max_size=3)),
            responsible=tuple(draw(st.lists(st.sampled_from(lead_ids), max_size=1, unique=True)))
            if lead_ids
            else (),
            measure=draw(st.none() | indicator_measures()),
        )
        for i in indicator_ids
    ]
    some_leads = (
        st.lists(st.sampled_from(lead_ids), max_size=2, unique=True).map(tuple)
        if lead_ids
        else st.just(())
    )
    priorities = []
    work_ids: list[str] = []
    for p in range(1, draw(st.integers(0, max_priorities)) + 1):
        pid = f"P{p}"
        objectives = []
        for o in range(1, draw(st.integers(0, 2)) + 1):
            oid = f"{pid}.O{o}"
            actions = []
            for a in range(1, draw(st.integers(0, 2)) + 1):
                aid = f"{oid}.A{a}"
                actions.append(
                    Action(
                        id=aid,
                        text=draw(t),
                        leads=(action_leads := draw(some_leads)),
                        lead_status=LeadStatus.NAMED
                        if action_leads
                        else draw(st.sampled_from([LeadStatus.NOT_STATED, LeadStatus.NOT_AGREED])),
                        due=draw(st.none() | _dues(text)),
                        milestones=draw(_tuple(st.builds(Milestone, t, st.none() | periods()), 4)),
                        funding=draw(_allocations(stream_ids, text)),
                        targets=draw(_targets(aid, indicator_ids, text)),
                        depends_on=tuple(
                            draw(st.lists(st.sampled_from(work_ids), max_size=1, unique=True))
                        )
                        if work_ids
                        else (),
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
                    targets=draw(_targets(oid, indicator_ids, text)),
                    funding=draw(_allocations(stream_ids, text)),
                )
            )
            work_ids.append(oid)
        organisational = p > 1 and draw(st.booleans())
        priorities.append(
            Priority(
                id=pid,
                title=draw(t),
                code=f"Priority {p}",
                kind=PriorityKind.ORGANISATIONAL if organisational else PriorityKind.SERVICE,
                leads=draw(some_leads),
                outcomes=draw(
                    _tuple(
                        st.builds(
                            OutcomeLink,
                            st.sampled_from(list(OutcomeKey)),
                            st.lists(st.integers(1, 5), max_size=2, unique=True).map(tuple),
                            st.booleans(),
                        ),
                        2,
                    )
                ),
                rationale=draw(_tuple(t)),
                supports=("P1",) if organisational else (),
                objectives=tuple(objectives),
                targets=draw(_targets(pid, indicator_ids, text)),
                notes=draw(_tuple(_notes(text), 1)),
            )
        )
    subjects = [p.id for p in priorities]
    sections = [
        Section(
            id=f"S{s}",
            title=draw(t),
            topic="needs_analysis",
            subject=draw(st.sampled_from(subjects)) if subjects else None,
            items=draw(_tuple(long_t, 3)),
            events=draw(_tuple(st.builds(Milestone, t, st.none() | periods()), 2)),
            sections=(Section(id=f"S{s}.1", title="Context", items=draw(_tuple(t, 2))),),
        )
        for s in range(draw(st.integers(0, 2)))
    ]
    return Plan(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)),
        authority=draw(t),
        title=draw(t),
        period=draw(periods()),
        kind=draw(st.sampled_from(list(DocumentKind))),
        published=draw(st.none() | periods()),
        vision=draw(_tuple(long_t)),
        outcomes=draw(_tuple(st.sampled_from(list(OutcomeKey)).map(OutcomeLink), 2)),
        leads=tuple(leads),
        funding_streams=tuple(streams),
        indicators=tuple(indicators),
        priorities=tuple(priorities),
        sections=tuple(sections),
        notes=draw(_tuple(_notes(text))),
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
    optional = st.none() | texts() | st.sampled_from(["line one\nline two", 'a, "quoted" cell'])
    figure_values = values().filter(lambda v: v.status is not ValueStatus.TEXT)
    rows: list[Return] = []
    for _ in range(draw(st.integers(0, max_rows))):
        row = Return(
            indicator=draw(st.sampled_from(["NI 56", "NI 111", "2016SC"]) | texts(12)),
            period=draw(periods()),
            value=draw(figure_values),
            plan=draw(st.none() | st.sampled_from(["wigan-2009-12", "sample"])),
            status=draw(st.none() | st.sampled_from(["green", "Amber", "ON COURSE"]) | texts()),
            comment=draw(optional),
            source=draw(optional),
        )
        if any(
            (r.indicator, r.period) == (row.indicator, row.period)
            and (r.plan is None or row.plan is None or r.plan == row.plan)
            for r in rows
        ):
            continue
        rows.append(row)
    return Returns(tuple(rows))

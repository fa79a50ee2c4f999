"""pandas DataFrames of a plan's figures, funding and findings, for analysis in notebooks.

This module needs the optional ``pandas`` extra (from a checkout:
``.venv/bin/pip install ".[pandas]"``); the rest of the library does not import pandas.
Each function returns a new "long" DataFrame, one row per value, so that the usual grouping
and pivoting work without reshaping:

- :func:`values_frame`: every baseline, actual and target value of the plan's indicators and
  targets, with its period, state, figure and unit;
- :func:`funding_frame`: every funding allocation with the element it funds, its stream and
  its amount in pounds;
- :func:`findings_frame`: findings from the analyses;
- :func:`table_frame`: any :class:`~ecm_plan.report.Table` (every ``to_table()`` result);
- :func:`monitoring_frame`: the rows of a monitoring assessment
  (:func:`ecm_plan.monitoring.assess_plan` or :func:`~ecm_plan.monitoring.assess_portfolio`).

Cells keep the text of the document (column ``text``) beside what was read from it; a value
with no figure has a missing ``magnitude``, never a zero.

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.frames import values_frame
    >>> frame = values_frame(load_bundled("wigan-2009-12"))
    >>> row = frame[(frame.code == "NI 112") & (frame.series == "target")].iloc[0]
    >>> row.period, row.text, float(row.magnitude), row.unit, row.data_period
    ('2009-10', '-16% (2008 data)', -16.0, 'percent', '2008')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ecm_plan import _args
from ecm_plan.catalog import ni_of
from ecm_plan.exceptions import MissingExtraError
from ecm_plan.findings import Finding
from ecm_plan.model import (
    Allocation,
    Indicator,
    Observation,
    Plan,
    Priority,
    Target,
    Value,
)
from ecm_plan.periods import Period
from ecm_plan.tables import Table

if TYPE_CHECKING:
    import pandas as pd

    from ecm_plan.monitoring import MonitoringResult, PortfolioResult

__all__ = [
    "FINDING_COLUMNS",
    "FUNDING_COLUMNS",
    "MONITORING_COLUMNS",
    "VALUE_COLUMNS",
    "findings_frame",
    "funding_frame",
    "monitoring_frame",
    "table_frame",
    "values_frame",
]

VALUE_COLUMNS: tuple[str, ...] = (
    "plan",
    "owner",
    "source",
    "code",
    "catalogue_code",
    "indicator",
    "series",
    "period",
    "start",
    "end",
    "text",
    "status",
    "magnitude",
    "upper",
    "unit",
    "bound",
    "data_period",
)
"""The columns of :func:`values_frame`, in order.

``owner`` is the id of the indicator or target the value belongs to and ``source`` says which
(``"indicator"`` or ``"target"``); ``code`` is the code the document cites and
``catalogue_code`` the National Indicator it stands for, with its part, as
:func:`~ecm_plan.catalog.ni_of` decides (missing for BVPI, local and unknown codes);
``indicator`` is, for a target, the id of the indicator it measures; ``series`` is
``"baseline"``, ``"actual"`` or ``"target"``;
``period`` is the period's label and ``start`` and ``end`` its first and last days (a
target's single value takes the period its "by when" allows, and has none when that names no
date); ``status``, ``magnitude``, ``upper``, ``unit`` and ``bound`` are what was read from
``text`` (see :class:`~ecm_plan.model.Value`), the unit falling back to the indicator's or
target's own; ``data_period`` is the year the figure's data cover when the cell says so
("(2007-08 data)").

Example:
    >>> VALUE_COLUMNS[:3]
    ('plan', 'owner', 'source')
"""

FUNDING_COLUMNS: tuple[str, ...] = (
    "plan",
    "owner",
    "owner_kind",
    "priority",
    "stream",
    "stream_name",
    "label",
    "text",
    "money_kind",
    "gbp",
    "arrangement",
    "period",
)
"""The columns of :func:`funding_frame`, in order.

``owner`` is the id of the priority, objective or action the allocation funds (``owner_kind``
says which) and ``priority`` the priority it falls under; ``stream`` and ``stream_name`` name
the funding stream; ``text`` is the amount as the document writes it, ``money_kind`` what kind
of amount it is and ``gbp`` the amount in pounds (missing when the text names no sum, such as
"Nil additional" or "To be confirmed"); ``arrangement`` is pooled or aligned where the plan
says so.

Example:
    >>> "gbp" in FUNDING_COLUMNS
    True
"""

FINDING_COLUMNS: tuple[str, ...] = (
    "plan",
    "severity",
    "code",
    "subject",
    "path",
    "message",
    "hint",
)
"""The columns of :func:`findings_frame`, in order.

Example:
    >>> FINDING_COLUMNS[1]
    'severity'
"""


MONITORING_COLUMNS: tuple[str, ...] = (
    "plan",
    "subject",
    "indicator",
    "period",
    "start",
    "end",
    "actual",
    "planned",
    "planned_basis",
    "status",
    "category",
    "short_term",
    "long_term",
    "since_baseline",
    "projection",
    "projection_meets",
    "projection_note",
    "next_target_period",
    "next_target",
    "reported_status",
    "agrees",
    "comment",
    "priorities",
    "outcomes",
    "rule",
)
"""The columns of :func:`monitoring_frame`."""


def _pandas() -> ModuleType:
    """Import pandas, or say how to install it."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("pandas", "pandas", "ecm_plan.frames") from None


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    pandas = _pandas()
    frame: pd.DataFrame = pandas.DataFrame.from_records(rows, columns=list(columns))
    return frame


def _value_row(
    plan: Plan,
    owner: Indicator | Target,
    series: str,
    period: Period | None,
    value: Value,
    *,
    code: str | None,
    catalogue_code: str | None,
    indicator: str | None,
    unit: str | None,
) -> dict[str, Any]:
    return {
        "plan": plan.id,
        "owner": owner.id,
        "source": "indicator" if isinstance(owner, Indicator) else "target",
        "code": code,
        "catalogue_code": catalogue_code,
        "indicator": indicator,
        "series": series,
        "period": None if period is None else period.label,
        "start": None if period is None else period.start,
        "end": None if period is None else period.end,
        "text": value.text,
        "status": value.status.value,
        "magnitude": value.magnitude,
        "upper": value.upper,
        "unit": value.unit or unit,
        "bound": value.bound.value,
        "data_period": None if value.data_period is None else value.data_period.label,
    }


def _series(
    baseline: Observation | None, **named: Mapping[Period, Value]
) -> Iterator[tuple[str, Period | None, Value]]:
    if baseline is not None and baseline.value is not None:
        yield "baseline", baseline.period, baseline.value
    for series, values in named.items():
        for period, value in values.items():
            yield series, period, value


def _catalogue_code(indicator: Indicator) -> str | None:
    found = ni_of(indicator)
    return None if found is None else found.full


def _value_rows(plan: Plan) -> Iterator[dict[str, Any]]:
    indicators = {i.id: i for i in plan.indicators}
    for ind in plan.indicators:
        catalogue = _catalogue_code(ind)
        for series, period, value in _series(ind.baseline, actual=ind.actuals, target=ind.targets):
            yield _value_row(
                plan,
                ind,
                series,
                period,
                value,
                code=ind.written_code,
                catalogue_code=catalogue,
                indicator=ind.id,
                unit=ind.unit,
            )
    for _owner, target in plan.iter_targets():
        measured = indicators.get(target.indicator) if target.indicator else None
        code = measured.written_code if measured else None
        catalogue = _catalogue_code(measured) if measured else None
        unit = target.unit or (measured.unit if measured else None)
        rows = list(_series(target.baseline, target=target.values))
        if target.value is not None:
            rows.append(("target", target.due.window if target.due else None, target.value))
        for series, period, value in rows:
            yield _value_row(
                plan,
                target,
                series,
                period,
                value,
                code=code,
                catalogue_code=catalogue,
                indicator=target.indicator,
                unit=unit,
            )


def values_frame(plans: Plan | Iterable[Plan]) -> pd.DataFrame:
    """Every baseline, actual and target value of one or more plans, one row per value.

    Indicator values come first (in the plan's order), then the values of targets in document
    order. The columns are :data:`VALUE_COLUMNS`; ``start`` and ``end`` are pandas datetimes.

    Args:
        plans: A plan, or several (a portfolio); the ``plan`` column tells them apart.

    Returns:
        A new DataFrame.

    Raises:
        ImportError: pandas is not installed (install the ``pandas`` extra).

    Example:
        >>> from ecm_plan import load_bundled
        >>> frame = values_frame(load_bundled("sample"))
        >>> sorted(set(frame.series))
        ['actual', 'baseline', 'target']
        >>> frame[frame.code == "NI 112"][["series", "period", "text", "magnitude"]].head(3)
             series   period                text  magnitude
        0  baseline     1998       48.3 per 1,000      48.30
        1    actual  2008-09  +0.58% (2007 data)       0.58
        2    target  2009-10    -16% (2008 data)     -16.00
    """
    pandas = _pandas()
    rows = [row for plan in _plans(plans) for row in _value_rows(plan)]
    frame = _frame(rows, VALUE_COLUMNS)
    for column in ("start", "end"):
        frame[column] = pandas.to_datetime(frame[column])
    frame["magnitude"] = frame["magnitude"].astype("float64")
    frame["upper"] = frame["upper"].astype("float64")
    return frame


def _funded(plan: Plan) -> Iterator[tuple[str, str, Priority, Allocation]]:
    for priority, element, allocation in plan.iter_allocations():
        yield element.id, type(element).__name__.lower(), priority, allocation


def funding_frame(plans: Plan | Iterable[Plan]) -> pd.DataFrame:
    """Every funding allocation of one or more plans, one row per allocation.

    The columns are :data:`FUNDING_COLUMNS`. Summing ``gbp`` by ``priority`` and ``stream``
    gives a plan's funding table; rows whose amount names no sum keep their ``text`` and a
    missing ``gbp``.

    Args:
        plans: A plan, or several.

    Returns:
        A new DataFrame.

    Raises:
        ImportError: pandas is not installed (install the ``pandas`` extra).

    Example:
        >>> from ecm_plan import load_bundled
        >>> frame = funding_frame(load_bundled("southend-2008-09"))
        >>> int(frame.gbp.sum())
        9246000
        >>> frame.groupby("stream", dropna=False).gbp.sum().div(1000).round().astype(int)
        stream
        ABG        3148
        ABG(CF)     241
        SF          245
        SG         4172
        NaN        1440
        Name: gbp, dtype: int64
    """
    rows: list[dict[str, Any]] = []
    for plan in _plans(plans):
        names = {s.id: s.name for s in plan.funding_streams}
        for owner, kind, priority, allocation in _funded(plan):
            amount = allocation.amount
            rows.append(
                {
                    "plan": plan.id,
                    "owner": owner,
                    "owner_kind": kind,
                    "priority": priority.id,
                    "stream": allocation.stream,
                    "stream_name": names.get(allocation.stream) if allocation.stream else None,
                    "label": allocation.label,
                    "text": amount.text if amount is not None else allocation.text,
                    "money_kind": amount.kind.value if amount is not None else None,
                    "gbp": amount.gbp if amount is not None else None,
                    "arrangement": (
                        allocation.arrangement.value if allocation.arrangement else None
                    ),
                    "period": allocation.period.label if allocation.period else None,
                }
            )
    frame = _frame(rows, FUNDING_COLUMNS)
    frame["gbp"] = frame["gbp"].astype("float64")
    return frame


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings of the analyses, one row each, in the order given.

    The columns are :data:`FINDING_COLUMNS`.

    Args:
        findings: Findings, such as :func:`ecm_plan.coverage.check
            <ecm_plan.coverage.rules.check>` returns.

    Returns:
        A new DataFrame.

    Raises:
        ImportError: pandas is not installed (install the ``pandas`` extra).

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.coverage import check
        >>> frame = findings_frame(check(load_bundled("stockton-2008-11")))
        >>> frame[frame.code == "ECM404"].subject.tolist()[:3]
        ['P13.T3', 'P15.T1', 'P16.T2']
    """
    findings = _args.require_items(findings, "findings", Finding, "a Finding")
    rows = [
        {
            "plan": f.plan,
            "severity": f.severity.value,
            "code": f.code,
            "subject": f.subject,
            "path": f.path,
            "message": f.message,
            "hint": f.hint,
        }
        for f in findings
    ]
    return _frame(rows, FINDING_COLUMNS)


def table_frame(table: Table) -> pd.DataFrame:
    """A report table as a DataFrame of text cells, one column per header.

    The table's title becomes the frame's ``attrs["title"]`` and its notes ``attrs["notes"]``.

    Args:
        table: A :class:`~ecm_plan.report.Table`, such as any ``to_table()`` returns.

    Returns:
        A new DataFrame.

    Raises:
        ImportError: pandas is not installed (install the ``pandas`` extra).

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.coverage import summary
        >>> frame = table_frame(summary(load_bundled("sample")).to_tables()[0])
        >>> list(frame.columns)
        ['Kind', 'Complete', 'Total', 'Share']
    """
    _args.require_type(table, "table", Table, "a Table")
    pandas = _pandas()
    frame: pd.DataFrame = pandas.DataFrame(
        [list(row) for row in table.rows], columns=list(table.headers), dtype=object
    )
    frame.attrs["title"] = table.title
    frame.attrs["notes"] = list(table.notes)
    return frame


def _plans(plans: Plan | Iterable[Plan]) -> list[Plan]:
    if isinstance(plans, Plan):
        return [plans]
    return list(_args.require_items(plans, "plans", Plan, "a Plan"))


def monitoring_frame(result: MonitoringResult | PortfolioResult) -> pd.DataFrame:
    r"""The rows of a monitoring assessment, one row per indicator or target assessed.

    The columns are :data:`MONITORING_COLUMNS`; statuses, categories and directions are their
    text values, a missing figure (no projection, no next target) is missing (``NaN`` or
    ``None``), never zero, and ``priorities`` and ``outcomes`` are tuples of ids.

    Args:
        result: The result of :func:`ecm_plan.monitoring.assess_plan` or
            :func:`~ecm_plan.monitoring.assess_portfolio`.

    Returns:
        A new DataFrame.

    Raises:
        ImportError: pandas is not installed (install the ``pandas`` extra).

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import assess_plan, loads_returns
        >>> returns = loads_returns("indicator,period,value\nNI 45,2009-10,70%\n", "csv")
        >>> frame = monitoring_frame(assess_plan(load_bundled("wigan-2009-12"), returns))
        >>> row = frame.iloc[0]
        >>> row.subject, row.period, row.status, float(row.projection), row.outcomes
        ('NI 45', '2009-10', 'red', 100.0, ('stay_safe', 'positive_contribution'))
    """
    rows = [
        {
            "plan": r.plan,
            "subject": r.subject,
            "indicator": r.indicator,
            "period": r.period.label,
            "start": r.period.start,
            "end": r.period.end,
            "actual": r.actual,
            "planned": r.planned,
            "planned_basis": r.planned_basis,
            "status": r.status.value,
            "category": r.category.value,
            "short_term": None if r.direction.short_term is None else r.direction.short_term.value,
            "long_term": None if r.direction.long_term is None else r.direction.long_term.value,
            "since_baseline": (
                None if r.direction.since_baseline is None else r.direction.since_baseline.value
            ),
            "projection": r.projection.value,
            "projection_meets": r.projection.meets_target,
            "projection_note": r.projection_note,
            "next_target_period": None if r.next_target is None else r.next_target.period.label,
            "next_target": None if r.next_target is None else r.next_target.value,
            "reported_status": r.reported_status,
            "agrees": r.agrees,
            "comment": r.comment,
            "priorities": r.priorities,
            "outcomes": r.outcomes,
            "rule": r.rule,
        }
        for r in result.rows
    ]
    return _frame(rows, MONITORING_COLUMNS)

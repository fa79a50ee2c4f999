"""Interim targets of a plan: each indicator's path from its baseline to its final target.

For every indicator, and every measurable target, with a baseline and a final target,
:func:`interim_tables` computes the interim target of each period between them with
:func:`~ecm_plan.trajectory.interpolate`, beside the figure the plan publishes for that period
where it gives one. The ends are the baseline's period (step 0) and the final target's period:

- the **baseline** is :func:`~ecm_plan.trajectory.baseline_of`'s (the latest actual before
  the first target period, else the stated baseline);
- the **final target** is the last target period whose value is a figure; relative targets
  ("reduce the 1998 baseline by 50%") are resolved against their baseline by
  :func:`~ecm_plan.trajectory.plan_trajectory`;
- the **periods between** are counted in the final target's kind of period (years, quarters
  or months) by :func:`~ecm_plan.trajectory.steps_between`;
- values are **rounded** to ``ndigits`` decimals, half away from zero, or by default to the
  most decimals the subject's published targets print (``0.81`` gives 2).

What cannot be computed is listed with the reason (no baseline, a baseline without a period,
no final target, a final target that is not a number, a baseline and target in different
units, a compound path through zero), never dropped silently.

Example:
    Wigan's re-offending rate (NI 19) runs from 0.86 (2008-09) to 0.73 (2011-12):

    >>> from ecm_plan import load_bundled
    >>> rows, left_out = interim_tables(load_bundled("wigan-2009-12"), method="compound")
    >>> for row in rows.rows:
    ...     if row[0] == "NI 19":
    ...         print(row)
    ('NI 19', '0', '2008-09', '0.86', 'ratio', '0.86')
    ('NI 19', '1', '2009-10', '0.81', 'ratio', '0.81')
    ('NI 19', '2', '2010-11', '0.77', 'ratio', '0.77')
    ('NI 19', '3', '2011-12', '0.73', 'ratio', '0.73')

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Final

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import InvalidChoiceError, PolarityUnknownError, TrajectoryError
from ecm_plan.model import Comparator, Indicator, Plan, Target, TargetKind, Value
from ecm_plan.periods import Period, PeriodKind
from ecm_plan.report.plan import _decimals
from ecm_plan.tables import Table
from ecm_plan.trajectory import (
    BaselinePoint,
    Method,
    interpolate,
    plan_trajectory,
    planned_series,
    steps_between,
)

__all__ = ["INTERIM_COLUMNS", "interim_report", "interim_tables"]

#: The columns of the interim targets table.
INTERIM_COLUMNS: Final = ("Subject", "Step", "Period", "Interim", "Unit", "Published")


@attrs.frozen
class _Series:
    """What the interim targets of one subject are computed from."""

    baseline: BaselinePoint | None
    periods: tuple[Period, ...]
    values: tuple[float, ...]
    texts: tuple[str, ...]
    unit: str | None
    relative: bool
    notes: tuple[str, ...] = ()


def _subjects(plan: Plan) -> Iterator[Indicator | Target]:
    yield from plan.indicators
    for _, target in plan.iter_targets():
        if target.kind is TargetKind.MEASURABLE:
            yield target


def _series(subject: Indicator | Target, plan: Plan) -> _Series | str:
    relative = isinstance(subject, Target) and subject.comparator is Comparator.RELATIVE_CHANGE
    try:
        t = plan_trajectory(subject, plan=plan)
    except PolarityUnknownError as err:
        if relative:
            return str(err)
        # The polarity judges progress; the path between two figures does not need it.
        s = planned_series(subject, plan=plan)
        return _Series(s.baseline, s.periods, s.values, s.texts, s.unit, relative=False)
    return _Series(t.baseline, t.periods, t.values, t.texts, t.unit, relative, t.notes)


def _period_at(final: Period, back: int) -> Period:
    """The period ``back`` steps before ``final``, of the same kind."""
    year = final.start.year
    if final.kind is PeriodKind.FINANCIAL_YEAR:
        return Period.financial_year(year - back)
    if final.kind is PeriodKind.ACADEMIC_YEAR:
        return Period.academic_year(year - back)
    if final.kind is PeriodKind.CALENDAR_YEAR:
        return Period.calendar_year(year - back)
    months = year * 12 + final.start.month - 1
    if final.kind is PeriodKind.QUARTER:
        months -= 3 * back
        fy_start = months // 12 if months % 12 >= 3 else months // 12 - 1  # April is index 3
        return Period.quarter(fy_start, (months - fy_start * 12 - 3) // 3 + 1)
    months -= back
    return Period.month(months // 12, months % 12 + 1)


def _figure(value: float, ndigits: int | None) -> str:
    """A computed figure (already rounded) with ``ndigits`` decimals, or as given for None."""
    if value == 0:
        value = 0.0  # never print "-0"
    return f"{value:.15g}" if ndigits is None else f"{value:.{max(ndigits, 0)}f}"


def _rows(
    subject: Indicator | Target, plan: Plan, method: Method, ndigits: int | None
) -> list[tuple[str, ...]] | str:
    """The rows of one subject, or the reason it is left out."""
    found = _series(subject, plan)
    if isinstance(found, str):
        return found
    if not found.periods:
        return "; ".join(found.notes) or "no final target (no target for a period)"
    figures = [k for k, v in enumerate(found.values) if not math.isnan(v)]
    if not figures:
        why = f"the final target {found.texts[-1]!r} is not a number"
        return "; ".join((why, *found.notes))
    final = figures[-1]
    base = found.baseline
    if base is None:
        return (
            f"no baseline (no actual before the first target, {found.periods[0].label}, and "
            "no stated baseline figure)"
        )
    if base.period is None:
        return f"the baseline {base.text!r} names no period"
    end = found.periods[final]
    base_unit = Value(base.text).unit
    end_unit = Value(found.texts[final]).unit
    if not found.relative and base_unit and end_unit and base_unit != end_unit:
        return f"the baseline is in {base_unit} and the final target in {end_unit}"
    try:
        steps = steps_between(base.period, end)
        if steps < 1:
            return f"the final target ({end.label}) is not after the baseline ({base.period.label})"
        printed = [found.texts[k] for k in figures]
        if found.relative:  # the resolved figures are in the baseline's terms
            printed.append(base.text)
        digits = ndigits if ndigits is not None else _decimals(printed)
        path = interpolate(base.value, found.values[final], steps, method=method, ndigits=digits)
    except TrajectoryError as err:
        return str(err)
    published = {p.label: text for p, text in zip(found.periods, found.texts, strict=True)}
    unit = found.unit or ""
    rows: list[tuple[str, ...]] = [
        (subject.id, "0", base.period.label, _figure(base.value, None), unit, base.text)
    ]
    for k, value in enumerate(path, start=1):
        label = _period_at(end, steps - k).label
        rows.append(
            (subject.id, str(k), label, _figure(value, digits), unit, published.get(label, ""))
        )
    return rows


def interim_tables(
    plan: Plan, *, method: Method | str = "linear", ndigits: int | None = None
) -> tuple[Table, Table]:
    """The interim targets of every indicator and measurable target, and those left out.

    Args:
        plan: The plan.
        method: ``linear``, ``compound`` or ``step`` (see
            :func:`~ecm_plan.trajectory.interpolate`).
        ndigits: Round to this many decimals; None for the decimals the published targets
            print, subject by subject.

    Returns:
        The interim targets (:data:`INTERIM_COLUMNS`, one row per period from the baseline,
        step 0, to the final target) and the subjects left out with the reason, as two tables.

    Raises:
        ArgumentError: ``plan`` is not a plan, or ``ndigits`` not a whole number.
        ArgumentValueError: ``ndigits`` is outside -15 to 15.
        TrajectoryError: ``method`` is not one of the three.

    Example:
        The sample plan's NI 62 held at 10.9, then cut to 9.0 in the final year; a compound
        path cannot pass through zero, so NI 112 (+0.58% to -50%) is left out, saying why:

        >>> from ecm_plan import load_bundled
        >>> rows, left_out = interim_tables(load_bundled("sample"), method="step")
        >>> [row[3] for row in rows.rows if row[0] == "NI 62"]
        ['10.9', '10.9', '10.9', '9.0']
        >>> rows, left_out = interim_tables(load_bundled("sample"), method="compound")
        >>> left_out.rows[0][0]
        'NI 112'
        >>> print(left_out.rows[0][1])
        no compound (constant-rate) path from 0.58 to -50: ...; use method='linear'
        >>> interim_tables(load_bundled("sample"), method="custom")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.TrajectoryError: ...
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    if ndigits is not None:
        _args.require_ndigits(ndigits)
    names = ("linear", "compound", "step")
    chosen = Method(method) if isinstance(method, str) and method in names else None
    if chosen is None:
        raise TrajectoryError(
            f"unknown interim method {method!r}; use one of linear, compound, step"
        )
    rows: list[tuple[str, ...]] = []
    left_out: list[tuple[str, str]] = []
    for subject in _subjects(plan):
        found = _rows(subject, plan, chosen, ndigits)
        if isinstance(found, str):
            left_out.append((subject.id, found))
        else:
            rows.extend(found)
    note = (
        f"Interim: ecm_plan.trajectory.interpolate ({chosen.value}) from the baseline (step 0) "
        "to the final target, rounded to "
        + (f"{ndigits} decimals" if ndigits is not None else "the decimals the plan prints")
        + "; Published: the plan's own figure for the period."
    )
    return (
        Table(f"Interim targets: {plan.id} ({chosen.value})", INTERIM_COLUMNS, rows, notes=[note]),
        Table("Left out", ("Subject", "Reason"), left_out),
    )


def interim_report(
    plan: Plan,
    *,
    method: Method | str = "linear",
    ndigits: int | None = None,
    format: str = "text",  # noqa: A002 (the name the command line's option uses)
) -> str:
    """The tables of :func:`interim_tables` as text, CSV or JSON.

    Text and CSV lay the two tables out as the report does
    (:mod:`~ecm_plan.report.formats`: an empty table is its title and ``none``); JSON is an
    object with ``format_version`` (1), ``plan``, ``method``, ``columns``, ``rows`` (objects
    keyed by the lower-case column names) and ``left_out`` (objects with ``subject`` and
    ``reason``).

    Args:
        plan: The plan.
        method: ``linear``, ``compound`` or ``step``.
        ndigits: Round to this many decimals (None: as the plan prints).
        format: ``text``, ``csv`` or ``json``.

    Returns:
        The text, ending with a line end.

    Raises:
        InvalidChoiceError: An unknown format.
        TrajectoryError: An unknown method.

    Example:
        >>> import json
        >>> from ecm_plan import load_bundled
        >>> data = json.loads(interim_report(load_bundled("wigan-2009-12"), format="json"))
        >>> [(r["period"], r["interim"]) for r in data["rows"] if r["subject"] == "NI 19"]
        [('2008-09', '0.86'), ('2009-10', '0.82'), ('2010-11', '0.77'), ('2011-12', '0.73')]
        >>> interim_report(load_bundled("sample"), format="html")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidChoiceError: 'html' is not a trajectory format; use one of ...
    """
    from ecm_plan.report.formats import FORMAT_VERSION, _csv_block, _Section, _text_section  # noqa: PLC0415 (the two modules import each other's helpers only here)

    if not isinstance(format, str) or format not in {"text", "csv", "json"}:
        raise InvalidChoiceError(format, "trajectory format", ("text", "csv", "json"))
    rows, left_out = interim_tables(plan, method=method, ndigits=ndigits)
    if format == "json":
        keys = [c.lower() for c in rows.headers]
        data = {
            "format_version": FORMAT_VERSION,
            "plan": plan.id,
            "method": rows.title.rsplit("(", 1)[1].rstrip(")"),
            "columns": keys,
            "rows": [dict(zip(keys, row, strict=True)) for row in rows.rows],
            "left_out": [{"subject": s, "reason": r} for s, r in left_out.rows],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format == "csv":
        return "\n".join(_csv_block(t.title, t if t.rows else None) for t in (rows, left_out))
    sections = (_Section(t.title, t) for t in (rows, left_out))
    return "\n\n".join(_text_section(section, None) for section in sections) + "\n"

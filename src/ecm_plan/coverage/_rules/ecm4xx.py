"""ECM4xx: targets and their values.

Private: each rule registers itself with :mod:`ecm_plan.coverage.rules` when this module is
imported (``ecm_plan.coverage`` imports every family).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ecm_plan.catalog import suggest_indicator
from ecm_plan.coverage._facts import (
    Facts,
    Hit,
    _baseline,
    _cells,
    _list,
    _quote,
    _target_named,
    years_of,
)
from ecm_plan.coverage.rules import _rule
from ecm_plan.findings import Severity
from ecm_plan.model import Money, Target, Value, ValueStatus
from ecm_plan.periods import Period

__all__: list[str] = []


@_rule(
    "ECM401",
    "target-without-indicator",
    Severity.WARNING,
    "target",
    "A measurable target with no indicator.",
    checks="""Each measurable target names the indicator it is measured by (a National
    Indicator, a BVPI or a local indicator listed under the plan's ``indicators``). When the
    target's text states a National Indicator without citing it (Stockton's "U18 conception
    rate - reduce 1998 baseline ..." is NI 112 in all but name), the hint suggests it; the
    suggestion is :func:`~ecm_plan.catalog.suggest_indicator`'s, which stays silent for text
    that states no indicator.""",
    why="""Without an indicator there is no definition of what is counted or how, so the
    figure cannot be reported or compared.""",
    fix="""Add the indicator under the plan's ``indicators`` (a local code if the plan has
    no national one) and refer to it from the target's ``indicator``.""",
)
def _target_without_indicator(facts: Facts) -> Iterator[Hit]:
    for item in facts.targets:
        target = item.target
        if target.is_measurable and target.indicator is None:
            stated = suggest_indicator(target.text)
            if stated is None:
                hint = "Add the indicator it is measured by under 'indicators' and refer to it."
            else:
                title = _quote(stated.indicator.title or stated.code, 90)
                hint = (
                    f"Its text states {stated.code} {title}: add {stated.code} under "
                    "'indicators' and refer to it from the target's 'indicator'."
                )
            yield Hit(
                target.id,
                f"{_target_named(target, 'Measurable target')} names no indicator.",
                hint,
            )


def _undetermined_only(target: Target) -> bool:
    """Whether every value the target has is still to be determined (ECM404 lists it)."""
    found = target.all_values
    return bool(found) and all(v.status.is_undetermined for v in found)


@_rule(
    "ECM402",
    "target-without-baseline",
    Severity.WARNING,
    "target",
    "A measurable target with no baseline.",
    checks="""Each measurable target has a baseline figure: its own, its indicator's, or an
    actual value its indicator reports (Wigan's "actual 2008-09" column serves as the
    baseline of its targets). A baseline named without its figure ("from the 1998 baseline")
    is reported as such. Targets whose every value is still to be determined are left to ECM404.
    Silent when no measurable target of the plan has a baseline (ECM004 says that once).""",
    why="""A target without a baseline cannot be judged as stretching or slack, and the
    trajectory towards it cannot be drawn.""",
    fix="""Add the baseline under the target's (or the indicator's) ``baseline``, or the
    latest actual under the indicator's ``actuals``.""",
)
def _target_without_baseline(facts: Facts) -> Iterator[Hit]:
    if not facts.has_baselines:
        return
    for item in facts.targets:
        target = item.target
        if not target.is_measurable or _undetermined_only(target):
            continue
        indicator = facts.indicators.get(target.indicator) if target.indicator else None
        state = _baseline(target, indicator)
        if state is None:
            yield Hit(
                target.id,
                f"{_target_named(target)} has no baseline.",
                "Add a baseline to the target or its indicator, or the indicator's latest actual.",
            )
        elif state == "named":
            yield Hit(
                target.id,
                f"{_target_named(target)} names its baseline but not its figure.",
                "Add the baseline figure from the published data.",
            )


def _year_labels(cells: Iterable[Period], years: tuple[Period, ...]) -> set[Period]:
    found: set[Period] = set()
    for period in cells:
        found.update(years_of(period, years))
    return found


@_rule(
    "ECM403",
    "target-missing-year",
    Severity.WARNING,
    "indicator or target",
    "Target values that miss a year of the plan.",
    checks="""Target figures given by period cover every financial year of the plan. Checked
    for each indicator with a targets table or cited by targets with values by period (the
    table and those values together), and for each measurable target with values by period
    and no indicator. A value counts for the plan years its period contains, or else for the
    year holding its midpoint (an academic year 2009-10 counts for 2009-10). "N/A", "target
    to be determined" and provisional figures count as values (ECM404-ECM406 list them). A
    target with a single value tied to no year is an end target and is not checked.""",
    why="""Monitoring is yearly: a year with no target is a year with nothing to judge
    performance against, and the trajectory has a gap.""",
    fix="""Add the missing years' values as the document gives them; compute interim values
    with ``ecm_plan.trajectory`` only if the plan itself does so.""",
)
def _target_missing_year(facts: Facts) -> Iterator[Hit]:
    years = facts.years
    for indicator in facts.plan.indicators:
        periods = list(indicator.targets)
        for item in facts.cited_by.get(indicator.id, ()):
            if item.target.is_measurable:
                periods.extend(item.target.values)
        if not periods:
            continue
        covered = _year_labels(periods, years)
        missing = [y.label for y in years if y not in covered]
        if missing:
            yield Hit(
                indicator.id,
                f"Indicator {indicator.id} has no target value for {_list(missing)}.",
                "Add the missing years' target values as the document gives them.",
            )
    for item in facts.targets:
        target = item.target
        if not target.is_measurable or target.indicator is not None or not target.values:
            continue
        covered = _year_labels(target.values, years)
        missing = [y.label for y in years if y not in covered]
        if missing:
            yield Hit(
                target.id,
                f"{_target_named(target)} has no value for {_list(missing)}.",
                "Add the missing years' values as the document gives them.",
            )


def _status_cells(
    facts: Facts, status: ValueStatus | frozenset[ValueStatus], *, actuals: bool
) -> Iterator[tuple[str, str, list[tuple[str, Period | None, Value]]]]:
    """(subject, path, cells) for targets and indicators holding values of this status."""
    statuses = status if isinstance(status, frozenset) else frozenset({status})
    for item in facts.targets:
        target = item.target
        cells: list[tuple[str, Period | None, Value]] = [
            ("value", p, v) for p, v in target.values.items() if v.status in statuses
        ]
        if target.value is not None and target.value.status in statuses:
            cells.append(("value", None, target.value))
        if cells:
            yield target.id, facts.path(target.id), cells
    for indicator in facts.plan.indicators:
        cells = [("target", p, v) for p, v in indicator.targets.items() if v.status in statuses]
        if actuals:
            cells += [
                ("actual", p, v) for p, v in indicator.actuals.items() if v.status in statuses
            ]
            base = indicator.baseline.value if indicator.baseline is not None else None
            if base is not None and base.status in statuses:
                cells.append(
                    ("baseline", indicator.baseline.period if indicator.baseline else None, base)
                )
        if cells:
            yield indicator.id, facts.path(indicator.id), cells


def _subject_named(facts: Facts, subject: str) -> str:
    if subject in facts.indicators:
        return f"Indicator {subject}"
    element = facts.plan.element(subject)
    return _target_named(element) if isinstance(element, Target) else subject


@_rule(
    "ECM404",
    "target-undetermined",
    Severity.WARNING,
    "target or indicator",
    "Targets still to be determined, listed.",
    checks="""Every target value still to be set ("target to be determined", "TBC", "No target
    set"),
    on a target or in an indicator's targets table, one finding per target or indicator.""",
    why="""A target to be determined cannot be monitored; the list is what the partnership
    still has to agree, and when.""",
    fix="""Agree the target and record it; until then keep the document's words, which is
    what makes it appear here.""",
)
def _target_undetermined(facts: Facts) -> Iterator[Hit]:
    undetermined = frozenset(s for s in ValueStatus if s.is_undetermined)
    for subject, path, cells in _status_cells(facts, undetermined, actuals=False):
        yield Hit(
            subject,
            f"{_subject_named(facts, subject)} is still to be determined: {_cells(cells)}.",
            "Agree the target and record it when it is set.",
            path,
        )


@_rule(
    "ECM405",
    "value-provisional",
    Severity.INFO,
    "target or indicator",
    "Provisional values, listed.",
    checks="""Every provisional figure ("86% (prov.)") in a target, an indicator's targets or
    actuals, or a baseline.""",
    why="""A provisional figure may change when the data are final; targets and judgements
    built on it should be revisited.""",
    fix="""Replace the figure with the final one when it is published.""",
)
def _value_provisional(facts: Facts) -> Iterator[Hit]:
    for subject, path, cells in _status_cells(facts, ValueStatus.PROVISIONAL, actuals=True):
        yield Hit(
            subject,
            f"{_subject_named(facts, subject)} has provisional figures: {_cells(cells)}.",
            "Replace them with final figures when published.",
            path,
        )


@_rule(
    "ECM406",
    "value-not-applicable",
    Severity.INFO,
    "target or indicator",
    "Values stated not applicable, listed.",
    checks="""Every target value or actual the document states as not applicable ("N/A").
    These count as values for ECM403 (the document says something for the year) but are
    listed here.""",
    why=""""N/A" usually means a new indicator with no data or no target for a year; the
    reader should know which years have nothing to judge against.""",
    fix="""Nothing, if the document says N/A; add the figure when one is set.""",
)
def _value_not_applicable(facts: Facts) -> Iterator[Hit]:
    for subject, path, cells in _status_cells(facts, ValueStatus.NOT_APPLICABLE, actuals=True):
        yield Hit(
            subject,
            f"{_subject_named(facts, subject)} is stated not applicable: {_cells(cells)}.",
            "Add the figure when one is set.",
            path,
        )


def _cells_left(
    facts: Facts,
) -> Iterator[tuple[str, str, list[tuple[str, Period | None, Value | Money]]]]:
    """(subject, path, cells) for every element holding cells the grammar did not read whole."""
    for item in facts.targets:
        target = item.target
        cells: list[tuple[str, Period | None, Value | Money]] = [
            ("value", p, v) for p, v in target.values.items() if v.unparsed
        ]
        if target.value is not None and target.value.unparsed:
            cells.append(("value", None, target.value))
        base = target.baseline
        if base is not None and base.value is not None and base.value.unparsed:
            cells.append(("baseline", base.period, base.value))
        if cells:
            yield target.id, facts.path(target.id), cells
    for indicator in facts.plan.indicators:
        cells = [("target", p, v) for p, v in indicator.targets.items() if v.unparsed]
        cells += [("actual", p, v) for p, v in indicator.actuals.items() if v.unparsed]
        base = indicator.baseline
        if base is not None and base.value is not None and base.value.unparsed:
            cells.append(("baseline", base.period, base.value))
        if cells:
            yield indicator.id, facts.path(indicator.id), cells
    for stream in facts.plan.funding_streams:
        cells = [("amount", p, m) for p, m in stream.amounts.items() if m.unparsed]
        if cells:
            yield stream.id, facts.path(stream.id), cells
    for owner, path, allocation in facts.iter_allocations():
        amount = allocation.amount
        if amount is not None and amount.unparsed:
            yield owner, path, [("funding", None, amount)]


@_rule(
    "ECM407",
    "cell-not-understood",
    Severity.WARNING,
    "target, indicator, funding stream or funded element",
    "Cell text not fully understood, listed.",
    checks="""Every value cell (a target value, an actual, a baseline) and every funding
    amount whose text the cell grammar could not read whole: what was left over is in the
    cell's ``unparsed`` (symbols the grammar gives no meaning, such as "85% ##"). A figure that
    cannot be read at all ("72T953") is a load error instead, so it never gets this far.""",
    why="""The library reports no figure it did not understand; text it could not place is
    kept and listed here, so that a reader can check that nothing in it mattered.""",
    fix="""Reword the cell as the grammar reads it: a figure with its unit and bound
    ("at least 85%"), a state ("TBC", "N/A"), a data year ("(2008 data)") and words; move
    remarks into a note.""",
)
def _cell_not_understood(facts: Facts) -> Iterator[Hit]:
    for subject, path, cells in _cells_left(facts):
        left = _list(_quote(cell.unparsed, 20) for _, _, cell in cells)
        listed = _list(
            f"{kind} {period.label if period else '(no period)'} {_quote(cell.text, 30)}"
            for kind, period, cell in cells
        )
        yield Hit(
            subject,
            f"{_owner_named(facts, subject)} has cell text not fully understood: {listed}.",
            f"The grammar left {left}: reword it as a figure with its unit and bound, a state "
            "or a data year, or move it into a note.",
            path,
        )


def _owner_named(facts: Facts, subject: str) -> str:
    if subject in facts.indicators:
        return f"Indicator {subject}"
    if any(s.id == subject for s in facts.plan.funding_streams):
        return f"Funding stream {subject}"
    element = facts.plan.element(subject)
    return _target_named(element) if isinstance(element, Target) else subject

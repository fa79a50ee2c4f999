"""ECM3xx: actions, their due periods and milestones.

Private: each rule registers itself with :mod:`ecm_plan.coverage.rules` when this module is
imported (``ecm_plan.coverage`` imports every family).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ecm_plan.coverage._facts import Facts, Hit, _action_named, _dated, _list, _named, _quote
from ecm_plan.coverage.rules import _rule
from ecm_plan.findings import Severity
from ecm_plan.model import Action, Due, DueKind, LeadStatus, Milestone
from ecm_plan.periods import Period, financial_year_of

__all__: list[str] = []


@_rule(
    "ECM301",
    "action-without-lead",
    Severity.WARNING,
    "action",
    "An action with no lead.",
    checks="""Each action names at least one lead. The message says when the objective or
    priority above it has a lead, which may be meant to apply, and says "lead not yet
    agreed" for an action whose ``lead_status`` is ``not_agreed`` (the document says so).
    Silent when no part of the plan names a lead (ECM002).""",
    why="""An action nobody leads tends not to happen; the lead is who the performance
    officer asks for progress.""",
    fix="""Add the lead under the action's ``leads``; if the document gives the lead only at
    objective or priority level, copy it down with a note, or accept the finding.""",
)
def _action_without_lead(facts: Facts) -> Iterator[Hit]:
    if not facts.has_leads:
        return
    for priority, objective, action in facts.plan.iter_actions():
        if action.leads:
            continue
        above = objective if objective is not None and objective.leads else priority
        if above.leads:
            kind = "objective" if above is objective else "priority"
            detail = f"; its {kind} {above.id} is led by {_list(above.leads)}"
        else:
            detail = ""
        if action.lead_status is LeadStatus.NOT_AGREED:
            yield Hit(
                action.id,
                f"{_action_named(action)} has its lead not yet agreed{detail}.",
                "Name who leads the action under 'leads' once the lead is agreed.",
            )
            continue
        yield Hit(
            action.id,
            f"{_action_named(action)} has no lead{detail}.",
            "Name who leads the action under 'leads'.",
        )


@_rule(
    "ECM302",
    "action-without-due",
    Severity.WARNING,
    "action",
    "An action with no due period.",
    checks="""Each action has a "by when" that names a time: an empty cell, or text that
    names no time at all ("Apply for pilot"), is a miss. An action with dated milestones, its
    own or its objective's, has a timetable (Wigan's delivery plan dates actions by quarterly
    milestones and has no "by when" column) and is not reported. Recurring and external
    timings are reported by ECM303 instead.""",
    why="""Without a due period an action cannot slip, so it cannot be monitored, and
    dependency analysis cannot order it.""",
    fix="""Give the "by when" text under the action's ``due`` as the document words it; if
    the document gives none, note that.""",
)
def _action_without_due(facts: Facts) -> Iterator[Hit]:
    for _, objective, action in facts.plan.iter_actions():
        due = action.due
        if _dated(action.milestones) or (objective is not None and _dated(objective.milestones)):
            continue
        if due is None or due.kind is DueKind.NONE:
            yield Hit(
                action.id,
                f"{_action_named(action)} has no due period.",
                "Add its 'by when' under 'due'.",
            )
        elif due.kind is DueKind.UNSCHEDULED:
            yield Hit(
                action.id,
                f"{_action_named(action)} is due {_quote(due.text, 40)}, which names no time.",
                "Agree a date or period for it.",
            )


@_rule(
    "ECM303",
    "action-due-undated",
    Severity.INFO,
    "action",
    "An action whose timing is a cycle or set elsewhere, not a date.",
    checks="""Actions whose "by when" is recurring ("Annual review of Plan") or set by
    someone else ("In line with National timetable"). These name no date, which may be
    right for the action; they are listed so that the reader can see which actions cannot
    be monitored against a date.""",
    why="""A recurring or external timing is a real answer to "by when", but it gives no
    date to monitor against or to order dependent work by.""",
    fix="""Nothing, if the timing is right; otherwise add the date of the next occurrence
    ("Annual review of Plan, March 2010").""",
)
def _action_due_undated(facts: Facts) -> Iterator[Hit]:
    for _, _, action in facts.plan.iter_actions():
        due = action.due
        if due is not None and due.kind in {DueKind.RECURRING, DueKind.EXTERNAL}:
            kind = "recurring" if due.kind is DueKind.RECURRING else "set elsewhere"
            yield Hit(
                action.id,
                f"{_action_named(action)} is due {_quote(due.text, 40)}: {kind}, not a date.",
                "If a date applies, add it to the 'by when' text.",
            )


def _due_position(action: Action, period: Period) -> tuple[str, Period] | None:
    """Where an action's due period lies against the plan's: inside, before, after, partly.

    Returns the position and the due's window, or None when the due names no period. A "by"
    period that starts on the day after the plan ends ("By April 2009" in a plan to 31 March
    2009) is read as "by the start of it", the moment the plan ends: it counts as the plan's
    last day. Work "from" a date is inside unless it starts after the plan ends.
    """
    due = action.due
    if due is None or due.kind not in {DueKind.BY, DueKind.SPAN, DueKind.FROM}:
        return None
    window = due.window
    if window is None:
        return None
    if due.kind is DueKind.FROM:
        return ("after" if window.start > period.end else "inside"), window
    edge = period.end + dt.timedelta(days=1)
    last_day = Period.day(period.end)
    read = [last_day if p.start == edge else p for p in due.periods]
    start = min(p.start for p in read)
    end = max(p.end for p in read)
    if end < period.start:
        return "before", window
    if start > period.end:
        return "after", window
    if period.start <= start and end <= period.end:
        return "inside", window
    return "partly", window


@_rule(
    "ECM304",
    "action-due-outside-plan",
    Severity.WARNING,
    "action",
    "An action due wholly outside the plan's period.",
    checks="""An action whose due period lies wholly before or wholly after the plan's period
    (no day in common). A "by" period that starts on the day after the plan ends ("By April
    2009" in a plan to 31 March 2009) reads as "by the start of it", the moment the plan
    ends, and counts as the plan's last day. For "ongoing from" timings only a start after
    the plan ends counts: work that began before the plan and continues is in the plan.""",
    why="""An action due before the plan starts was either done already or has slipped; one
    due after it ends will not be reported on in this plan.""",
    fix="""Check the date against the document: correct a transcription slip, or note that the
    action carries over from an earlier plan or into a later one.""",
)
def _action_due_outside(facts: Facts) -> Iterator[Hit]:
    period = facts.plan.period
    for _, _, action in facts.plan.iter_actions():
        position = _due_position(action, period)
        if position is None or action.due is None:
            continue
        if position[0] in {"before", "after"}:
            when = "before the plan starts" if position[0] == "before" else "after it ends"
            yield Hit(
                action.id,
                f"{_action_named(action)} is due {_quote(action.due.text, 40)}, {when} "
                f"(the plan covers {period.label}).",
                "Check the date against the document; note a carry-over if it is one.",
            )


@_rule(
    "ECM305",
    "action-due-partly-outside-plan",
    Severity.INFO,
    "action",
    "An action whose due period runs over the edge of the plan's period.",
    checks="""An action whose due period overlaps the plan's period but is not wholly inside
    it: a due period coarser than the plan's edges ("2011" in a plan that ends in March 2011),
    or a programme that began before the plan ("3 Year Plan (2007 - 2010)"). Compared by
    days: the due period's first and last day against the plan's, with a "by" period that
    starts on the day after the plan ends counted as inside (see ECM304). Not reported for
    "ongoing from" timings.""",
    why="""Part of the time allowed lies outside the plan, so the action may be finished
    after the plan ends, or was planned before it; the reader should know which actions the
    plan only partly governs.""",
    fix="""Usually nothing; make the "by when" more precise if the document allows.""",
)
def _action_due_partly_outside(facts: Facts) -> Iterator[Hit]:
    period = facts.plan.period
    for _, _, action in facts.plan.iter_actions():
        position = _due_position(action, period)
        if position is None or action.due is None or position[0] != "partly":
            continue
        window = position[1]
        side = []
        if window.start < period.start:
            side.append("starts before the plan")
        if window.end > period.end:
            side.append("ends after the plan")
        yield Hit(
            action.id,
            f"{_action_named(action)} is due {_quote(action.due.text, 40)} "
            f"({window.label}), which {_list(side)} ({period.label}).",
            "Make the 'by when' more precise if the document allows.",
        )


@_rule(
    "ECM306",
    "milestones-missing-quarter",
    Severity.WARNING,
    "action or objective",
    "Quarterly milestones that miss a quarter.",
    checks="""When any milestone of the plan is dated by a financial quarter, each action
    with milestones has one in every quarter (Q1 to Q4) of each financial year its milestones
    fall in; so does each objective with milestones its actions share (a table row that gives
    several actions one set of milestones). A milestone counts for the quarter its period
    lies in (a month counts for its quarter), and a milestone over several quarters ("Q1-3")
    counts for each of them; a milestone with no period counts for none.
    Actions and objectives without milestones, and plans that do not use quarters, are not
    checked.""",
    why="""A quarterly delivery plan is monitored quarter by quarter; a quarter with no
    milestone is a quarter in which nobody can say whether the action is on track.""",
    fix="""Add the missing quarter's milestone as the document gives it; if the document
    leaves the quarter blank, add a milestone noting "no milestone set" or accept the
    finding.""",
)
def _milestones_missing_quarter(facts: Facts) -> Iterator[Hit]:
    if not facts.uses_quarters:
        return
    owners: list[tuple[str, str, tuple[Milestone, ...]]] = []
    for priority in facts.plan.priorities:
        owners.extend((a.id, _action_named(a), a.milestones) for a in priority.actions)
        for objective in priority.objectives:
            named = _named(objective, "Objective")
            owners.append((objective.id, named, objective.milestones))
            owners.extend((a.id, _action_named(a), a.milestones) for a in objective.actions)
    for subject, named, milestones in owners:
        if not milestones:
            continue
        dated = [m.period for m in milestones if m.period is not None]
        if not dated:
            yield Hit(
                subject,
                f"{named} has milestones, but none is dated, though the plan sets milestones "
                "by quarter.",
                "Give each milestone its quarter under 'period'.",
            )
            continue
        years = sorted({financial_year_of(p.start) for p in dated})
        missing: list[str] = []
        for year in years:
            for number in range(1, 5):
                quarter = Period.quarter(year.start.year, number)
                if not any(quarter.contains(p) or p.contains(quarter) for p in dated):
                    missing.append(quarter.label)
        if missing:
            s = "s" if len(missing) != 1 else ""
            yield Hit(
                subject,
                f"{named} has no milestone for quarter{s} {_list(missing)}.",
                "Add the missing quarterly milestones as the document gives them.",
            )


@_rule(
    "ECM307",
    "due-impossible-date",
    Severity.ERROR,
    "action or target",
    "A due that holds a date that cannot exist.",
    checks="""Each action's and target's "by when" is read through the library's one reading
    of dates; a date in it that cannot exist ("31/02/2010", "2010-13-45") is kept in the due's
    ``problems`` and read as no period at all, never as its year. Loading a plan file already
    refuses such a date; this rule finds it in a plan built in Python, as a spreadsheet importer
    or a council tool builds one.""",
    why="""A due read from an impossible date would put the deadline in the wrong place or
    nowhere; the plan must say what was meant.""",
    fix="""Write the date the document means ("28/02/2010") or, if it gives none, the period
    ("February 2010").""",
)
def _due_impossible_date(facts: Facts) -> Iterator[Hit]:
    owners: list[tuple[str, str, Due | None]] = [
        (action.id, _action_named(action), action.due) for _, _, action in facts.plan.iter_actions()
    ]
    owners += [(t.id, f"Target {t.id}", t.due) for _, t in facts.plan.iter_targets()]
    for subject, named, due in owners:
        if due is not None and due.problems:
            yield Hit(
                subject,
                f"{named} is due {_quote(due.text, 40)}, which holds an impossible date: "
                f"{_list(p.reason for p in due.problems)}.",
                "Write the date the document means, or the period if it names no day.",
            )

"""The coverage rules: facts gathered from a plan in one pass, and one check function a rule.

Private: the public face is :mod:`ecm_plan.coverage`. Each rule is a function from
:class:`Facts` to :class:`Hit` values (subject, message, hint, optional path); the public module
turns hits into :class:`~ecm_plan.findings.Finding` values with the rule's code and severity.

Every rule reads the facts gathered once by :class:`Facts` (which priorities reach which
outcomes, which targets hang under which priority, which indicator is cited where), so a check
over the whole plan costs time linear in its size: no rule walks the plan again per element.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

import attrs

from ecm_plan.catalog import (
    NationalIndicator,
    match_title,
    national_indicator,
    outcome,
    outcomes,
    parse_code,
    title_matches,
)
from ecm_plan.exceptions import UnknownIndicatorError
from ecm_plan.findings import Severity
from ecm_plan.model import (
    Action,
    Allocation,
    DueKind,
    Indicator,
    IndicatorScheme,
    Milestone,
    Objective,
    OutcomeKey,
    PeriodKind,
    Plan,
    Priority,
    PriorityKind,
    Target,
    Value,
    ValueStatus,
)
from ecm_plan.periods import Period, financial_year_of

__all__ = [
    "REGISTERED",
    "Facts",
    "Hit",
    "Rule",
    "catalogue_entry",
    "outcome_title",
    "plan_years",
    "years_of",
]


# -- small helpers ----------------------------------------------------------------------------


def plan_years(period: Period) -> tuple[Period, ...]:
    """The financial years of a plan's period: those wholly inside it, else those it overlaps.

    A plan "2008-09 to 2010-11" has three years; a calendar-year span "2008 to 2011" has the
    three financial years that lie wholly inside it; a plan period shorter than a financial
    year has the year (or two) it overlaps.
    """
    years: list[Period] = []
    year = financial_year_of(period.start)
    while year.start <= period.end:
        years.append(year)
        year = Period.financial_year(year.start.year + 1)
    inside = tuple(y for y in years if period.contains(y))
    return inside or tuple(y for y in years if period.overlaps(y))


def years_of(period: Period, years: tuple[Period, ...]) -> tuple[Period, ...]:
    """The plan years a value's period counts for.

    A period that contains plan years (a financial year, a span) counts for each of them;
    any other period (a quarter, an academic or calendar year) counts for the plan year that
    holds its midpoint.
    """
    inside = tuple(y for y in years if period.contains(y))
    if inside:
        return inside
    middle = period.midpoint
    return tuple(y for y in years if y.contains(middle))


def outcome_title(key: OutcomeKey) -> str:
    """The outcome's title as the framework words it ("Be healthy")."""
    return outcome(key).title


def catalogue_entry(indicator: Indicator) -> NationalIndicator | None:
    """The National Indicator an indicator of the plan is, after the transcriber's correction.

    None for indicators of other schemes and for codes the catalogue does not know.
    """
    if indicator.scheme is not IndicatorScheme.NATIONAL:
        return None
    try:
        return national_indicator(indicator.catalogue_code or indicator.written_code)
    except UnknownIndicatorError:
        try:
            return national_indicator(indicator.id)
        except UnknownIndicatorError:
            return None


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"


def _named(element: Priority | Objective, label: str) -> str:
    code = f" ({element.code})" if element.code and element.code != element.id else ""
    title = element.title
    return f"{label} {element.id}{code} {_quote(title)}"


def _action_named(action: Action) -> str:
    return f"Action {action.id} {_quote(action.text)}"


def _target_named(target: Target, label: str = "Target") -> str:
    on = f" ({target.indicator})" if target.indicator else ""
    return f"{label} {target.id}{on} {_quote(target.text)}"


def _list(items: Iterable[str]) -> str:
    found = list(items)
    if len(found) <= 1:
        return "".join(found)
    return ", ".join(found[:-1]) + " and " + found[-1]


def _cells(cells: Iterable[tuple[str, Period | None, Value]]) -> str:
    return _list(
        f"{kind} {period.label if period else '(no period)'} {_quote(value.text, 30)}"
        for kind, period, value in cells
    )


def _quarterly(milestones: Iterable[Milestone]) -> bool:
    return any(m.period is not None and m.period.kind is PeriodKind.QUARTER for m in milestones)


def _dated(milestones: Iterable[Milestone]) -> bool:
    return any(m.period is not None for m in milestones)


# -- facts ------------------------------------------------------------------------------------


@attrs.frozen
class Hit:
    """What a rule found: the subject id, the message, the hint, and maybe a path.

    The path is None for the subject's own (``plan.path_of(subject)``), empty for none.
    """

    subject: str
    message: str
    hint: str
    path: str | None = None


@attrs.frozen
class _Owned:
    """A target with the element it hangs off and that element's priority."""

    owner: str
    priority: Priority
    target: Target


class Facts:
    """Everything the rules need, gathered from the plan in one pass.

    Attributes:
        plan: The plan.
        years: The plan's financial years.
        reach: For each priority id, the outcomes it reaches: its own links, and for an
            organisational priority those of the priorities it supports (transitively).
        serving: For each outcome, the priorities that link to it, with whether each link
            was inferred.
        aims_named: For each aim id, the priorities that name it.
        whole_outcome: The outcomes some priority links to without naming aims.
        targets: Every target with its owner id and priority, in document order.
        measurable: For each priority id, how many measurable targets lie under it.
        indicators: The plan's indicators by id.
        cited_by: For each indicator id, the targets that cite it.
        has_leads: Whether any priority, objective or action names a lead.
        has_baselines: Whether any measurable target has a baseline (see ECM402).
        funded: Ids of priorities, objectives and actions that have funding, their own or
            given to an element above them; an objective also counts as funded when one of
            its actions is.
        has_funding: Whether the plan allocates any funding at all.
        uses_quarters: Whether any milestone of the plan is dated by a financial quarter.
    """

    def __init__(self, plan: Plan) -> None:
        """Gather the facts."""
        self.plan = plan
        self.years = plan_years(plan.period)
        self.priorities = {p.id: p for p in plan.priorities}
        self.serving: dict[OutcomeKey, list[tuple[Priority, bool]]] = defaultdict(list)
        self.aims_named: dict[str, list[Priority]] = defaultdict(list)
        self.whole_outcome: set[OutcomeKey] = set()
        self.targets: list[_Owned] = []
        self.measurable: dict[str, int] = {}
        self.indicators = {i.id: i for i in plan.indicators}
        self.cited_by: dict[str, list[_Owned]] = defaultdict(list)
        self.funded: set[str] = set()
        self.has_funding = False
        self.uses_quarters = False
        self.has_leads = False
        for priority in plan.priorities:
            self._priority(priority)
        self.reach = self._reach()
        self.has_baselines = any(
            _has_baseline(item.target, self.indicators.get(item.target.indicator or ""))
            for item in self.targets
            if item.target.is_measurable
        )

    def _priority(self, priority: Priority) -> None:
        for link in priority.outcomes:
            self.serving[link.outcome].append((priority, link.inferred))
            if link.aims:
                for aim_id in link.aim_ids:
                    self.aims_named[aim_id].append(priority)
            else:
                self.whole_outcome.add(link.outcome)
        owned: list[tuple[str, Target]] = [(priority.id, t) for t in priority.targets]
        funded = bool(priority.funding)
        if funded:
            self.funded.add(priority.id)
        for action in priority.actions:
            owned.extend((action.id, t) for t in action.targets)
            self._action(action, funded=funded)
        for objective in priority.objectives:
            owned.extend((objective.id, t) for t in objective.targets)
            self.uses_quarters = self.uses_quarters or _quarterly(objective.milestones)
            objective_funded = funded or bool(objective.funding)
            for action in objective.actions:
                owned.extend((action.id, t) for t in action.targets)
                if self._action(action, funded=objective_funded):
                    self.funded.add(objective.id)
            if objective_funded:
                self.funded.add(objective.id)
        self.has_funding = (
            self.has_funding
            or bool(priority.funding)
            or any(bool(o.funding) for o in priority.objectives)
        )
        self.has_leads = (
            self.has_leads
            or bool(priority.leads)
            or any(bool(o.leads) for o in priority.objectives)
            or any(bool(a.leads) for a in priority.iter_actions())
        )
        self.measurable[priority.id] = 0
        for owner, target in owned:
            item = _Owned(owner, priority, target)
            self.targets.append(item)
            if target.is_measurable:
                self.measurable[priority.id] += 1
            if target.indicator is not None:
                self.cited_by[target.indicator].append(item)

    def _action(self, action: Action, *, funded: bool) -> bool:
        """Record an action; return whether it has funding of its own."""
        own = bool(action.funding)
        if own or funded:
            self.funded.add(action.id)
        self.has_funding = self.has_funding or own
        self.uses_quarters = self.uses_quarters or _quarterly(action.milestones)
        return own

    def _reach(self) -> dict[str, frozenset[OutcomeKey]]:
        """Outcomes reached by each priority, each priority visited once (memoised)."""
        reach: dict[str, frozenset[OutcomeKey]] = {}
        visiting: set[str] = set()

        def visit(priority: Priority) -> frozenset[OutcomeKey]:
            if priority.id in reach:
                return reach[priority.id]
            visiting.add(priority.id)
            found = {link.outcome for link in priority.outcomes}
            if priority.kind is PriorityKind.ORGANISATIONAL:
                for supported in priority.supports:
                    if supported not in visiting and supported in self.priorities:
                        found |= visit(self.priorities[supported])
            visiting.discard(priority.id)
            reach[priority.id] = frozenset(found)
            return reach[priority.id]

        for priority in self.plan.priorities:
            visit(priority)
        return reach

    def path(self, element_id: str) -> str:
        """The element's key path in the plan file."""
        return self.plan.path_of(element_id)

    def iter_objectives(self) -> Iterator[tuple[Priority, Objective]]:
        """Every objective with its priority."""
        for priority in self.plan.priorities:
            for objective in priority.objectives:
                yield priority, objective

    def iter_allocations(self) -> Iterator[tuple[str, str, Allocation]]:
        """Every allocation with its owner's id and the allocation's path."""
        for priority in self.plan.priorities:
            owners: list[Priority | Objective | Action] = [priority, *priority.actions]
            for objective in priority.objectives:
                owners.append(objective)
                owners.extend(objective.actions)
            for owner in owners:
                base = self.path(owner.id)
                for i, allocation in enumerate(owner.funding):
                    yield owner.id, f"{base}.funding[{i}]", allocation


# -- rules ------------------------------------------------------------------------------------

RuleFunction = Callable[[Facts], Iterator[Hit]]


@attrs.frozen
class Rule:
    """A coverage rule: its code, slug, default severity and what it is for.

    Attributes:
        code: The stable code, such as ``ECM101``; the first digit groups rules (0 plan,
            1 outcomes, 2 priorities and objectives, 3 actions, 4 targets, 5 funding,
            6 indicators against the catalogue).
        name: A stable slug, such as ``outcome-not-served``; accepted wherever a code is.
        severity: The default severity of its findings.
        subject: The kind of element its findings are about.
        title: One line saying what it finds.
        checks: What exactly it checks.
        why: Why that matters.
        fix: How to fix what it finds.

    Example:
        >>> from ecm_plan.coverage import rule
        >>> r = rule("ECM302")
        >>> r.name, r.severity.value, r.title
        ('action-without-due', 'warning', 'An action with no due period.')

    .. versionadded:: 0.1.0
    """

    code: str
    name: str
    severity: Severity
    subject: str
    title: str
    checks: str
    why: str
    fix: str


REGISTERED: list[tuple[Rule, RuleFunction]] = []
"""Every rule with the function that checks it, in the order they are defined."""


def _rule(
    code: str,
    name: str,
    severity: Severity,
    subject: str,
    title: str,
    *,
    checks: str,
    why: str,
    fix: str,
) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        texts = (" ".join(text.split()) for text in (checks, why, fix))
        REGISTERED.append((Rule(code, name, severity, subject, title, *texts), function))
        return function

    return register


# ECM0xx: the plan as a whole ------------------------------------------------------------------


@_rule(
    "ECM001",
    "plan-without-priorities",
    Severity.WARNING,
    "plan",
    "A plan with no priorities, objectives or actions.",
    checks="""A plan that has no priorities at all, so no objectives and no actions either (a
    strategic introduction such as Swindon's 2008 plan holds a vision, context and drivers of
    change only). The rules about outcomes and funding stay silent for such a plan rather than
    report every outcome as unserved.""",
    why="""Coverage is judged through priorities: without them there is nothing that serves an
    outcome, carries a target or spends money, and the reader should hear that once, plainly,
    rather than as a flood of findings or a failure.""",
    fix="""If the document has an action plan elsewhere (an annex, a delivery plan), transcribe
    its priorities; otherwise use the plan for its vision and context only, or switch the rule
    off for this plan.""",
)
def _plan_without_priorities(facts: Facts) -> Iterator[Hit]:
    plan = facts.plan
    if plan.priorities:
        return
    holds = []
    if plan.vision:
        holds.append("a vision")
    if plan.sections:
        holds.append(
            f"{len(plan.sections)} section{'s' if len(plan.sections) != 1 else ''} of context"
        )
    what = f"holds {_list(holds)}, but" if holds else "has"
    yield Hit(
        plan.id,
        f"The document {what} no priorities, objectives or actions: there is nothing to "
        "check coverage against.",
        "Transcribe the priorities if the document has them elsewhere; otherwise read this "
        "plan for its vision and context only.",
        "priorities",
    )


@_rule(
    "ECM002",
    "plan-without-leads",
    Severity.WARNING,
    "plan",
    "A plan that names no lead for any priority, objective or action.",
    checks="""A plan with priorities in which no priority, objective or action names a lead
    (Stockton's service improvement plan has no lead column). Reported once, in place of a
    finding for every priority (ECM202) and every action (ECM301).""",
    why="""Without leads nobody answers for any part of the plan; that is one gap in the
    document, better said once than a hundred times.""",
    fix="""Transcribe the leads if the document has them elsewhere (a responsibility column,
    a covering report); otherwise ask the plan's owner who leads each priority.""",
)
def _plan_without_leads(facts: Facts) -> Iterator[Hit]:
    if not facts.plan.priorities or facts.has_leads:
        return
    yield Hit(
        facts.plan.id,
        "No priority, objective or action of the plan names a lead.",
        "Transcribe the leads if the document gives them elsewhere; otherwise ask the plan's "
        "owner who leads each priority.",
        "",
    )


@_rule(
    "ECM003",
    "plan-without-funding",
    Severity.INFO,
    "plan",
    "A plan that allocates no funding to its priorities, objectives or actions.",
    checks="""A plan with priorities but no funding allocation anywhere. Reported once, in
    place of a finding for every objective and action.""",
    why="""Some plans (a service improvement plan) leave funding to the budget; the reader
    should know the plan says nothing about resources.""",
    fix="""Transcribe the funding if the document has a resources table; otherwise nothing.""",
)
def _plan_without_funding(facts: Facts) -> Iterator[Hit]:
    plan = facts.plan
    if not plan.priorities or facts.has_funding:
        return
    streams = len(plan.funding_streams)
    names = (
        f"names {streams} funding stream{'s' if streams != 1 else ''} but allocates none"
        if streams
        else "allocates no funding"
    )
    yield Hit(
        plan.id,
        f"The plan {names} to its priorities, objectives or actions.",
        "Transcribe the allocations if the document has a resources table.",
        "",
    )


@_rule(
    "ECM004",
    "plan-without-baselines",
    Severity.WARNING,
    "plan",
    "A plan whose measurable targets have no baselines at all.",
    checks="""A plan with measurable targets none of which has a baseline (its own, its
    indicator's, or an actual value its indicator reports). Reported once, in place of a
    finding for every target (ECM402).""",
    why="""Targets without baselines cannot be judged as stretching, and no trajectory can
    be drawn; when the whole plan lacks them, that is one gap in the document.""",
    fix="""Add baselines from the latest published data, under the targets' or the
    indicators' ``baseline``, or the latest actuals under the indicators' ``actuals``.""",
)
def _plan_without_baselines(facts: Facts) -> Iterator[Hit]:
    if facts.has_baselines or not any(item.target.is_measurable for item in facts.targets):
        return
    count = sum(1 for item in facts.targets if item.target.is_measurable)
    yield Hit(
        facts.plan.id,
        f"None of the plan's {count} measurable target{'s' if count != 1 else ''} has a baseline.",
        "Add baselines from the latest published data to the targets or their indicators.",
        "",
    )


# ECM1xx: outcomes and aims ------------------------------------------------------------------


@_rule(
    "ECM101",
    "outcome-not-served",
    Severity.WARNING,
    "outcome",
    "An ECM outcome that no priority serves.",
    checks="""Each of the five Every Child Matters outcomes is linked from at least one
    priority, by a stated or an inferred link. Silent when the plan has no priorities (see
    ECM001).""",
    why="""A children and young people's plan is meant to cover all five outcomes; an outcome
    no priority serves is a gap in the plan that inspectors and partners will ask about.""",
    fix="""Link a priority that serves the outcome to it under the priority's ``outcomes``
    (mark the link ``inferred`` when the document does not state it), or record in a plan note
    why the outcome is left to another plan.""",
)
def _outcome_not_served(facts: Facts) -> Iterator[Hit]:
    if not facts.plan.priorities:
        return
    for key in OutcomeKey:
        if not facts.serving.get(key):
            yield Hit(
                key.value,
                f"No priority serves the outcome '{outcome_title(key)}'.",
                "Link a priority to it under the priority's 'outcomes', or say in a plan note "
                "why the plan leaves it to another plan.",
                "",
            )


@_rule(
    "ECM102",
    "aim-not-served",
    Severity.INFO,
    "aim",
    "An aim of a served outcome that no priority names.",
    checks="""For an outcome that priorities serve by naming some of its aims, each aim that
    no priority names. A link to the whole outcome (no aims named) counts for each of its
    aims, so plans that never name aims get no findings here; outcomes no priority serves
    are reported once by ECM101, not aim by aim.""",
    why="""The 25 aims say what an outcome means in practice; when a plan chooses aims, the
    ones it leaves out are worth seeing, though leaving some out is often deliberate.""",
    fix="""Name the aim under the link of the priority that serves it (``aims: [n]``), or link
    the priority to the whole outcome if it serves all of it.""",
)
def _aim_not_served(facts: Facts) -> Iterator[Hit]:
    for found in outcomes():
        if not facts.serving.get(found.key) or found.key in facts.whole_outcome:
            continue
        for aim in found.aims:
            if not facts.aims_named.get(aim.id):
                yield Hit(
                    aim.id,
                    f"No priority names the aim '{aim.title}' (aim {aim.number} of "
                    f"'{found.title}'), though priorities serve that outcome.",
                    "Name the aim on the link of a priority that serves it, or link that "
                    "priority to the whole outcome.",
                    "",
                )


@_rule(
    "ECM103",
    "priority-reaches-no-outcome",
    Severity.WARNING,
    "priority",
    "A priority that reaches no ECM outcome.",
    checks="""Each priority reaches at least one outcome: a service priority by its own
    links; an organisational priority by its own links or through the service priorities it
    supports. An organisational priority that supports nothing is reported by ECM204
    instead.""",
    why="""The outcome is the reason a priority is in the plan; a priority linked to none
    cannot be counted in the outcome matrix and its work cannot be traced to what it is
    for.""",
    fix="""Add the outcomes the priority serves under its ``outcomes`` (mark a link
    ``inferred`` with a note when the document does not state it); for an organisational
    priority, list the service priorities it supports under ``supports``.""",
)
def _priority_reaches_no_outcome(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if facts.reach[priority.id]:
            continue
        if priority.kind is PriorityKind.ORGANISATIONAL and not priority.supports:
            continue
        via = (
            " and supports no priority that does"
            if priority.kind is PriorityKind.ORGANISATIONAL
            else ""
        )
        yield Hit(
            priority.id,
            f"{_named(priority, 'Priority')} is linked to no ECM outcome{via}.",
            "Add the outcomes it serves under 'outcomes' (mark a link inferred when the "
            "document does not state it).",
        )


# ECM2xx: priorities and objectives ---------------------------------------------------------


@_rule(
    "ECM201",
    "priority-without-work",
    Severity.WARNING,
    "priority",
    "A priority with no objectives and no actions.",
    checks="""Each priority has objectives or actions. Actions hung directly off the priority
    count (Stockton's development priorities have key actions and no objectives), so a plan
    without objectives is not flagged for that.""",
    why="""A priority with nothing under it is an intention without a plan of work: nobody
    is asked to do anything by any date.""",
    fix="""Transcribe the priority's objectives or actions; if the document gives none, say so
    in a note on the priority.""",
)
def _priority_without_work(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if not priority.objectives and not priority.actions:
            yield Hit(
                priority.id,
                f"{_named(priority, 'Priority')} has no objectives and no actions.",
                "Add its objectives or actions; if the document gives none, say so in a note.",
            )


@_rule(
    "ECM202",
    "priority-without-lead",
    Severity.WARNING,
    "priority",
    "A priority with no lead.",
    checks="""Each priority names at least one lead (a role, person, organisation or
    group). Silent when no part of the plan names a lead (ECM002 says that once).""",
    why="""Someone has to answer for a priority; without a named lead, progress reports have
    no owner and slippage has nobody to escalate to.""",
    fix="""Add the lead under the priority's ``leads`` (and under the plan's ``leads``); if
    the document names none, say so in a note.""",
)
def _priority_without_lead(facts: Facts) -> Iterator[Hit]:
    if not facts.has_leads:
        return
    for priority in facts.plan.priorities:
        if not priority.leads:
            yield Hit(
                priority.id,
                f"{_named(priority, 'Priority')} has no lead.",
                "Name who leads it under 'leads'; if the document names nobody, note that.",
            )


@_rule(
    "ECM203",
    "priority-without-measurable-target",
    Severity.WARNING,
    "priority",
    "A priority with no measurable target.",
    checks="""Each priority has at least one measurable target, set on the priority itself,
    on one of its objectives or on one of its actions.""",
    why="""Without a measurable target, nobody can tell whether the priority is being
    achieved; qualitative milestones alone do not show improvement for children.""",
    fix="""Add a measurable target (an indicator, a comparator and figures by year) at the
    level the document sets it; if the document only gives qualitative criteria, keep them
    and accept this finding, or switch the rule off for the plan.""",
)
def _priority_without_measurable_target(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if not facts.measurable.get(priority.id):
            yield Hit(
                priority.id,
                f"{_named(priority, 'Priority')} has no measurable target under it.",
                "Add a target with an indicator and figures to the priority, one of its "
                "objectives or one of its actions.",
            )


@_rule(
    "ECM204",
    "organisational-priority-supports-nothing",
    Severity.WARNING,
    "priority",
    "An organisational priority that supports no service priority.",
    checks="""Each organisational priority (Wigan's Key Changes, Stockton's Corporate
    Health) lists under ``supports`` at least one service priority.""",
    why="""Organisational priorities earn their place by making the service priorities
    possible; one that supports none is disconnected from the outcomes for children.""",
    fix="""List the service priorities it supports under ``supports`` (say in a note when the
    link is inferred), or make it a service priority linked to outcomes.""",
)
def _organisational_supports_nothing(facts: Facts) -> Iterator[Hit]:
    for priority in facts.plan.priorities:
        if priority.kind is not PriorityKind.ORGANISATIONAL:
            continue
        supported = [facts.priorities[s] for s in priority.supports if s in facts.priorities]
        if any(s.kind is PriorityKind.SERVICE for s in supported):
            continue
        detail = " (it supports only organisational priorities)" if supported else ""
        yield Hit(
            priority.id,
            f"Organisational {_named(priority, 'priority')} supports no service priority{detail}.",
            "List the service priorities it makes possible under 'supports'.",
        )


@_rule(
    "ECM205",
    "objective-without-actions",
    Severity.INFO,
    "objective",
    "An objective with no actions.",
    checks="""Each objective has at least one action.""",
    why="""An objective is delivered through its actions; one with none may be fine (its
    targets carry it) but is worth a look.""",
    fix="""Transcribe the objective's actions, or note that the document gives none.""",
)
def _objective_without_actions(facts: Facts) -> Iterator[Hit]:
    for _, objective in facts.iter_objectives():
        if not objective.actions:
            yield Hit(
                objective.id,
                f"{_named(objective, 'Objective')} has no actions.",
                "Add its actions, or note that the document gives none.",
            )


# ECM3xx: actions and milestones -------------------------------------------------------------


@_rule(
    "ECM301",
    "action-without-lead",
    Severity.WARNING,
    "action",
    "An action with no lead.",
    checks="""Each action names at least one lead. The message says when the objective or
    priority above it has a lead, which may be meant to apply. Silent when no part of the
    plan names a lead (ECM002).""",
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


# ECM4xx: targets and their values -----------------------------------------------------------


@_rule(
    "ECM401",
    "target-without-indicator",
    Severity.WARNING,
    "target",
    "A measurable target with no indicator.",
    checks="""Each measurable target names the indicator it is measured by (a National
    Indicator, a BVPI or a local indicator listed under the plan's ``indicators``).""",
    why="""Without an indicator there is no definition of what is counted or how, so the
    figure cannot be reported or compared.""",
    fix="""Add the indicator under the plan's ``indicators`` (a local code if the plan has
    no national one) and refer to it from the target's ``indicator``.""",
)
def _target_without_indicator(facts: Facts) -> Iterator[Hit]:
    for item in facts.targets:
        target = item.target
        if target.is_measurable and target.indicator is None:
            yield Hit(
                target.id,
                f"{_target_named(target, 'Measurable target')} names no indicator.",
                "Add the indicator it is measured by under 'indicators' and refer to it.",
            )


def _undetermined_only(target: Target) -> bool:
    """Whether every value the target has is still to be determined (ECM404 lists it)."""
    found = target.all_values
    return bool(found) and all(v.status is ValueStatus.TO_BE_DETERMINED for v in found)


def _baseline(target: Target, indicator: Indicator | None) -> str | None:
    """What baseline a target has: ``figure``, ``named`` (without its figure), or None.

    A figure is the target's or its indicator's baseline figure, or an actual of its
    indicator; ``named`` is a baseline the document names without its figure ("from the
    1998 baseline").
    """
    observations = [target.baseline, indicator.baseline if indicator else None]
    if any(o is not None and o.value is not None and o.value.has_figure for o in observations):
        return "figure"
    if indicator is not None and any(v.has_figure for v in indicator.actuals.values()):
        return "figure"
    if any(o is not None for o in observations):
        return "named"
    return None


def _has_baseline(target: Target, indicator: Indicator | None) -> bool:
    return _baseline(target, indicator) is not None


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
    facts: Facts, status: ValueStatus, *, actuals: bool
) -> Iterator[tuple[str, str, list[tuple[str, Period | None, Value]]]]:
    """(subject, path, cells) for targets and indicators holding values of this status."""
    for item in facts.targets:
        target = item.target
        cells: list[tuple[str, Period | None, Value]] = [
            ("value", p, v) for p, v in target.values.items() if v.status is status
        ]
        if target.value is not None and target.value.status is status:
            cells.append(("value", None, target.value))
        if cells:
            yield target.id, facts.path(target.id), cells
    for indicator in facts.plan.indicators:
        cells = [("target", p, v) for p, v in indicator.targets.items() if v.status is status]
        if actuals:
            cells += [("actual", p, v) for p, v in indicator.actuals.items() if v.status is status]
            base = indicator.baseline.value if indicator.baseline is not None else None
            if base is not None and base.status is status:
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
    checks="""Every target value still to be determined ("target to be determined", "TBC"),
    on a target or in an indicator's targets table, one finding per target or indicator.""",
    why="""A target to be determined cannot be monitored; the list is what the partnership
    still has to agree, and when.""",
    fix="""Agree the target and record it; until then keep the document's words, which is
    what makes it appear here.""",
)
def _target_undetermined(facts: Facts) -> Iterator[Hit]:
    for subject, path, cells in _status_cells(facts, ValueStatus.TO_BE_DETERMINED, actuals=False):
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


# ECM5xx: funding ------------------------------------------------------------------------------


@_rule(
    "ECM501",
    "objective-unfunded",
    Severity.WARNING,
    "objective",
    "An objective with no funding.",
    checks="""Each objective has funding: its own allocation, one to its priority as a whole,
    or one to any of its actions. Silent when the plan allocates no funding at all (ECM003
    says that once).""",
    why="""An objective with no money named is either funded from base budgets the plan does
    not show, or not funded: either way the reader cannot see what resources back it.""",
    fix="""Add the funding under the objective's ``funding`` (a stream and amount, or words
    such as "CYPS Base Budget"); if the document names none, accept the finding.""",
)
def _objective_unfunded(facts: Facts) -> Iterator[Hit]:
    if not facts.has_funding:
        return
    for _, objective in facts.iter_objectives():
        if objective.id not in facts.funded:
            yield Hit(
                objective.id,
                f"{_named(objective, 'Objective')} has no funding.",
                "Add its funding under 'funding', or note that the document names none.",
            )


@_rule(
    "ECM502",
    "action-unfunded",
    Severity.INFO,
    "action",
    "An action with no funding.",
    checks="""Each action has funding: its own allocation, or one to its objective or
    priority. Silent when the plan allocates no funding at all (ECM003).""",
    why="""Many plans fund at objective level, so this is information: it shows which actions
    rely on resources the plan does not name.""",
    fix="""Add the action's funding under ``funding`` where the document gives it.""",
)
def _action_unfunded(facts: Facts) -> Iterator[Hit]:
    if not facts.has_funding:
        return
    for _, _, action in facts.plan.iter_actions():
        if action.id not in facts.funded:
            yield Hit(
                action.id,
                f"{_action_named(action)} has no funding.",
                "Add its funding under 'funding' where the document gives it.",
            )


@_rule(
    "ECM504",
    "funding-unquantified",
    Severity.INFO,
    "priority, objective or action",
    "Funding allocations whose amount is not quantified.",
    checks="""Every funding allocation that states no amount of money: no amount at all,
    "To be confirmed", "CYPS Base Budget", or other words. "Nil additional" is an amount
    (nothing).""",
    why="""An allocation without an amount shows where money comes from but not how much;
    the plan's resources cannot be totalled.""",
    fix="""Add the amount when it is known; keep the document's words until then.""",
)
def _funding_unquantified(facts: Facts) -> Iterator[Hit]:
    for owner, path, allocation in facts.iter_allocations():
        if allocation.is_quantified:
            continue
        stream = allocation.stream or allocation.label or "unnamed funding"
        said = allocation.amount.text if allocation.amount else allocation.text
        detail = f" ({_quote(said, 40)})" if said else ""
        yield Hit(
            owner,
            f"Funding from {stream} for {owner} states no amount{detail}.",
            "Add the amount when it is known.",
            path,
        )


# ECM6xx: indicators against the catalogue -------------------------------------------------


def _ni(entry: NationalIndicator) -> str:
    title = entry.title or f"{entry.subject} (title not known)"
    return f"{entry.code} {_quote(title, 90)}"


@_rule(
    "ECM601",
    "indicator-unknown-code",
    Severity.ERROR,
    "indicator",
    "An indicator code that is not in the National Indicator Set.",
    checks="""Every indicator of the national scheme has a code the catalogue knows, as the
    document writes it ("N1 71" is not a code; NI 31 was dropped before publication), and so
    does its ``catalogue_code``. The hint suggests the code probably meant. BVPI and local
    codes are not checked.""",
    why="""An unknown code cannot be reported to government or compared with other
    authorities, and usually hides a typing slip in the document.""",
    fix="""Correct the code if the transcription is wrong; if the document itself is wrong,
    keep its code and set ``catalogue_code`` to the right one with a ``code_slip`` note (the
    finding then remains, to show the document's slip, with the correction in the hint).
    Give other codes the ``bvpi`` or ``local`` scheme.""",
)
def _indicator_unknown_code(facts: Facts) -> Iterator[Hit]:
    for indicator in facts.plan.indicators:
        if indicator.scheme is not IndicatorScheme.NATIONAL:
            continue
        written = indicator.written_code
        try:
            national_indicator(written)
        except UnknownIndicatorError as err:
            if indicator.catalogue_code:
                hint = (
                    f"The plan file records catalogue code {indicator.catalogue_code}; "
                    "correct the document's code."
                )
            elif err.suggestions:
                hint = f"Did you mean {' or '.join(err.suggestions)}?"
            else:
                hint = "Give it the bvpi or local scheme if it is not a National Indicator."
            reason = f" ({err.reason})" if err.reason else ""
            yield Hit(
                indicator.id,
                f"The plan cites {written!r}, which is not a National Indicator code{reason}.",
                hint,
            )
        if indicator.catalogue_code:
            try:
                national_indicator(indicator.catalogue_code)
            except UnknownIndicatorError as err:
                yield Hit(
                    indicator.id,
                    f"The catalogue code {indicator.catalogue_code!r} given for "
                    f"{indicator.id} is not a National Indicator code.",
                    f"Did you mean {' or '.join(err.suggestions)}?"
                    if err.suggestions
                    else "Correct the catalogue code.",
                    f"{facts.path(indicator.id)}.catalogue_code",
                )


def _parent(code: str) -> str | None:
    try:
        return parse_code(code).code
    except UnknownIndicatorError:
        return None


@_rule(
    "ECM602",
    "indicator-title-mismatch",
    Severity.WARNING,
    "indicator",
    "An indicator whose title does not match its code; the matching code suggested.",
    checks="""Each National Indicator's title, as the plan words it, names the indicator its
    code stands for. When it does not, the code whose title it does match is suggested
    (Southend cites "NI 157" for participation in sport, which is NI 57, and "NI 145" for
    young offenders in education, employment or training, which is NI 45). An indicator whose
    ``catalogue_code`` differs from the code the document cites is a recorded slip and is
    always reported, with the recorded code in the hint.""",
    why="""A wrong code sends the indicator's figures to the wrong line of the national
    return and makes the plan's targets impossible to compare with the catalogue.""",
    fix="""If the document cites the wrong code, keep its code as the indicator's id, set
    ``catalogue_code`` to the right one and add a ``code_slip`` note; if the transcription
    is wrong, correct the code. If the plan's wording is just loose, accept the finding.""",
)
def _indicator_title_mismatch(facts: Facts) -> Iterator[Hit]:
    for indicator in facts.plan.indicators:
        if indicator.scheme is not IndicatorScheme.NATIONAL:
            continue
        try:
            cited = national_indicator(indicator.written_code)
        except UnknownIndicatorError:
            continue  # ECM601
        title = indicator.title
        wording = f" for {_quote(title)}" if title else ""
        intended = _parent(indicator.catalogue_code) if indicator.catalogue_code else None
        if intended is not None and intended != cited.code:
            try:
                meant = national_indicator(intended)
            except UnknownIndicatorError:
                continue  # ECM601 reports the catalogue code
            yield Hit(
                indicator.id,
                f"The plan cites {indicator.written_code}{wording}, but means {_ni(meant)}; "
                f"{cited.code} is {_quote(cited.title or cited.code, 90)}.",
                f"The plan file records catalogue code {indicator.catalogue_code}; the "
                f"document should cite {meant.code}.",
            )
            continue
        if intended is not None or not title:
            continue
        if title_matches(cited.code, title):
            continue
        best = next((m for m in match_title(title, limit=1) if m.code != cited.code), None)
        if best is not None:
            yield Hit(
                indicator.id,
                f"The title {_quote(title)} does not match {_ni(cited)}; the catalogue "
                f"title it matches best is {_ni(best.indicator)}.",
                f"If the plan means {best.code}, set catalogue_code: {best.code} and add a "
                "code_slip note; otherwise check the wording.",
            )
        else:
            yield Hit(
                indicator.id,
                f"The title {_quote(title)} does not match {_ni(cited)}.",
                "Check the code and the wording against the document.",
            )


@_rule(
    "ECM603",
    "indicator-outcome-differs",
    Severity.INFO,
    "indicator",
    "An indicator used only under outcomes other than the catalogue's.",
    checks="""For each National Indicator the catalogue files under an ECM outcome, the
    priorities whose targets cite it reach that outcome. Reported when none does. Indicators
    no target cites, and indicators the catalogue files under no outcome, are not
    checked.""",
    why="""Using an indicator under another outcome is often sound (sport under Be healthy
    rather than Enjoy and achieve) but may show a mis-linked priority or a wrong code.""",
    fix="""Nothing, if the use is deliberate; otherwise link the priority to the
    catalogue's outcome too, or check the code.""",
)
def _indicator_outcome_differs(facts: Facts) -> Iterator[Hit]:
    for indicator in facts.plan.indicators:
        entry = catalogue_entry(indicator)
        users = facts.cited_by.get(indicator.id)
        if entry is None or entry.outcome is None or not users:
            continue
        used: set[OutcomeKey] = set()
        for item in users:
            used |= facts.reach[item.priority.id]
        if used and entry.outcome not in used:
            under = _list(sorted(f"'{outcome_title(k)}'" for k in used))
            as_code = f" ({entry.code})" if entry.code != indicator.id else ""
            yield Hit(
                indicator.id,
                f"Indicator {indicator.id}{as_code} is used under {under}; the "
                f"catalogue files it under '{outcome_title(entry.outcome)}'.",
                "Nothing if deliberate; otherwise link the priority to that outcome too.",
            )

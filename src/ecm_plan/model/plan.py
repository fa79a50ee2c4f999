"""The plan hierarchy: plan, priorities, objectives, actions and milestones.

A :class:`Plan` checks every cross-reference by id when it is made (leads, funding streams,
indicators, dependencies, supported priorities, section subjects) and raises
:class:`~ecm_plan.exceptions.PlanValidationError` listing every problem with its key path.

Example:
    >>> plan = Plan(
    ...     id="demo", authority="Anytown", title="Demo plan",
    ...     period=Period.span(Period.financial_year(2009), Period.financial_year(2011)),
    ...     leads=[Lead(id="HoS", name="Head of Service")],
    ...     priorities=[Priority(id="P1", title="Reduce teenage pregnancy",
    ...                          outcomes=["be_healthy"], leads=["HoS"])],
    ... )
    >>> plan.element("P1").title
    'Reduce teenage pregnancy'
    >>> attrs.evolve(plan, priorities=[Priority(id="P1", title="x", leads=["Nobody"])])
    Traceback (most recent call last):
    ...
    ecm_plan.exceptions.PlanValidationError: invalid plan: 1 problem
      - priorities[0].leads[0]: unknown lead id 'Nobody' (hint: add a lead ... use one of: HoS)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeAlias

import attrs

from ecm_plan.exceptions import PlanValidationError, Problem, UnknownElementError
from ecm_plan.model._check import (
    Refused,
    instance_of,
    items_of,
    named,
    to_aims,
    to_bool,
    to_document_kind,
    to_lead_status,
    to_opt_due,
    to_opt_period,
    to_opt_text,
    to_outcome_key,
    to_period,
    to_priority_kind,
    to_text,
    to_texts,
)
from ecm_plan.model._enums import DocumentKind, LeadStatus, OutcomeKey, PriorityKind, ValueStatus
from ecm_plan.model.due import Due
from ecm_plan.model.elements import (
    Allocation,
    FieldError,
    FundingStream,
    Lead,
    Milestone,
    Note,
    Section,
    check_id,
    to_allocations,
    to_milestones,
    to_notes,
)
from ecm_plan.model.measures import Indicator, Target
from ecm_plan.model.values import Value
from ecm_plan.periods import Period

__all__ = [
    "Action",
    "Element",
    "Milestone",
    "Objective",
    "OutcomeLink",
    "Plan",
    "Priority",
    "check_figures",
    "check_references",
]


def _link(value: Any) -> OutcomeLink | Refused:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(value, OutcomeLink):
        return value
    if isinstance(value, str):
        return OutcomeLink(value)
    return Refused(value, f"expected an outcome key such as 'be_healthy', got {value!r}")


def _to_links(
    value: Iterable[OutcomeLink | OutcomeKey | str] | str,
) -> tuple[OutcomeLink, ...] | Refused:
    return items_of(value, "outcome keys", _link)


def _to_targets(value: Iterable[Target]) -> tuple[Target, ...] | Refused:
    return items_of(value, "targets", instance_of(Target, "a Target"))


def _to_actions(value: Iterable[Action]) -> tuple[Action, ...] | Refused:
    return items_of(value, "actions", instance_of(Action, "an Action"))


def _to_objectives(value: Iterable[Objective]) -> tuple[Objective, ...] | Refused:
    return items_of(value, "objectives", instance_of(Objective, "an Objective"))


def _to_priorities(value: Iterable[Priority]) -> tuple[Priority, ...] | Refused:
    return items_of(value, "priorities", instance_of(Priority, "a Priority"))


def _to_leads(value: Iterable[Lead]) -> tuple[Lead, ...] | Refused:
    return items_of(value, "leads", instance_of(Lead, "a Lead"))


def _to_streams(value: Iterable[FundingStream]) -> tuple[FundingStream, ...] | Refused:
    return items_of(value, "funding streams", instance_of(FundingStream, "a FundingStream"))


def _to_indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...] | Refused:
    return items_of(value, "indicators", instance_of(Indicator, "an Indicator"))


def _to_sections(value: Iterable[Section]) -> tuple[Section, ...] | Refused:
    return items_of(value, "sections", instance_of(Section, "a Section"))


def _lead_status_of(action: Action) -> LeadStatus:
    return LeadStatus.NAMED if action.leads else LeadStatus.NOT_STATED


def _check_lead_status(action: Action, _attribute: object, value: LeadStatus) -> None:
    if (value is LeadStatus.NAMED) != bool(action.leads):
        if value is LeadStatus.NAMED:
            message = "lead_status 'named' needs at least one lead; list the leads"
        else:
            message = (
                f"lead_status {value.value!r} is for an action with no leads; remove the "
                "leads or the lead_status"
            )
        raise FieldError("lead_status", message)


@attrs.frozen
class Action:
    """Something a plan will do, with its leads, due date, milestones, funding and targets.

    Attributes:
        id: Unique within the plan, such as ``P1.O2.A3``.
        text: The action as the document words it.
        code: The document's own label for it, if any.
        leads: Lead ids.
        lead_status: What the document says of the lead (:class:`LeadStatus`): ``named``
            when the action has leads; ``not_agreed`` when the document says the lead is not
            yet agreed; ``not_stated`` when it names none and says nothing of it. It follows
            the leads unless given, and must agree with them: only ``named`` has leads.
        due: The "By when" text, read into periods.
        milestones: Steps by period.
        funding: Allocations.
        targets: The targets it works to.
        depends_on: Ids of actions or objectives it needs first.
        notes: Remarks and transcription judgements.

    Raises:
        FieldError: ``lead_status`` disagrees with ``leads`` (``named`` without leads, or
            another status with leads).

    Example:
        >>> a = Action(id="A1", text="Deliver the Aim Higher Programme",
        ...            due=Due("October 2008"))
        >>> a.due.deadline.isoformat()
        '2008-10-31'
        >>> a.lead_status.value
        'not_stated'
        >>> Action(id="A2", text="Agree the protocol", leads=["HoS"], lead_status="not_agreed")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: lead_status 'not_agreed' is for an action with no leads; ...

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The ``lead_status`` attribute.
    """

    id: str = attrs.field(validator=check_id)
    text: str = attrs.field(converter=to_text, validator=named)
    code: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    leads: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    lead_status: LeadStatus = attrs.field(
        default=attrs.Factory(_lead_status_of, takes_self=True),
        converter=to_lead_status,
        validator=[named, _check_lead_status],
    )
    due: Due | None = attrs.field(default=None, converter=to_opt_due, validator=named)
    milestones: tuple[Milestone, ...] = attrs.field(
        factory=tuple, converter=to_milestones, validator=named
    )
    funding: tuple[Allocation, ...] = attrs.field(
        factory=tuple, converter=to_allocations, validator=named
    )
    targets: tuple[Target, ...] = attrs.field(factory=tuple, converter=_to_targets, validator=named)
    depends_on: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    notes: tuple[Note, ...] = attrs.field(factory=tuple, converter=to_notes, validator=named)


@attrs.frozen
class Objective:
    """An objective under a priority: a strategic objective or a workstream.

    Southend numbers its strategic objectives ("1.1"); Wigan names workstreams ("Teenage
    Pregnancy Strategy").

    Attributes:
        id: Unique within the plan, such as ``P1.O1``.
        title: The objective as the document words it.
        code: The document's own label ("1.1"), if any.
        description: Paragraphs the document gives under the objective's heading.
        leads: Lead ids.
        actions: Its actions.
        milestones: Steps by period shared by the objective's actions (a table row that
            gives several actions one set of milestones).
        targets: Targets set at objective level.
        funding: Allocations to the objective as a whole.
        depends_on: Ids of actions or objectives it needs first.
        notes: Remarks and transcription judgements.

    Example:
        >>> Objective(id="P1.O1", title="Engage with parents", code="1.1").code
        '1.1'

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(converter=to_text, validator=named)
    code: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    description: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    leads: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    actions: tuple[Action, ...] = attrs.field(factory=tuple, converter=_to_actions, validator=named)
    milestones: tuple[Milestone, ...] = attrs.field(
        factory=tuple, converter=to_milestones, validator=named
    )
    targets: tuple[Target, ...] = attrs.field(factory=tuple, converter=_to_targets, validator=named)
    funding: tuple[Allocation, ...] = attrs.field(
        factory=tuple, converter=to_allocations, validator=named
    )
    depends_on: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    notes: tuple[Note, ...] = attrs.field(factory=tuple, converter=to_notes, validator=named)


def _aims(_instance: object, _attribute: attrs.Attribute[Any], value: tuple[int, ...]) -> None:
    for aim in value:
        if not isinstance(aim, int) or isinstance(aim, bool) or not 1 <= aim <= 5:
            raise FieldError(
                "aims", f"aim {aim!r} is not an aim number; each outcome has aims 1 to 5"
            )


@attrs.frozen
class OutcomeLink:
    """A priority's link to an ECM outcome, optionally to some of its five aims.

    In a plan file a plain link is the outcome key; a link with aims, or one the transcriber
    inferred because the document does not say, is a mapping.

    Attributes:
        outcome: The outcome key.
        aims: Aim numbers (1-5) within the outcome.
        inferred: True when the document does not state the link and it was inferred.
        note: Why, for an inferred link.

    Example:
        >>> OutcomeLink("stay_safe", aims=(1, 5)).aim_ids
        ('stay_safe.1', 'stay_safe.5')
        >>> OutcomeLink("stay_safe", aims=(6,))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: aim 6 is not an aim number; each outcome has aims 1 to 5

    .. versionadded:: 0.1.0
    """

    outcome: OutcomeKey = attrs.field(converter=to_outcome_key, validator=named)
    aims: tuple[int, ...] = attrs.field(factory=tuple, converter=to_aims, validator=[named, _aims])
    inferred: bool = attrs.field(default=False, converter=to_bool, validator=named)
    note: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)

    @property
    def aim_ids(self) -> tuple[str, ...]:
        """The aims as ids of the catalogue, such as ``stay_safe.1``."""
        return tuple(f"{self.outcome.value}.{n}" for n in self.aims)


@attrs.frozen
class Priority:
    """A priority of the plan, of the service or of the organisation.

    A service priority serves ECM outcomes; an organisational one supports service priorities.

    Attributes:
        id: Unique within the plan, such as ``P1``.
        title: The priority as the document words it.
        code: The document's own label ("CYPP1", "Priority One", "KC5"), if any.
        kind: Service or organisational.
        theme: The theme the document files it under, if any ("Corporate Health").
        leads: Lead ids.
        outcomes: The ECM outcomes (and aims) it serves.
        rationale: Why it is a priority, point by point.
        intended_outcomes: What it is meant to achieve, point by point.
        supports: For an organisational priority, the ids of the service priorities it
            supports.
        objectives: Its objectives.
        actions: Actions hung directly off the priority (plans with no objectives).
        targets: Targets or success criteria set at priority level.
        funding: Allocations to the priority as a whole.
        notes: Remarks and transcription judgements.

    Example:
        >>> p = Priority(id="P1", title="Stay safe", outcomes=["stay_safe"])
        >>> p.outcomes[0].outcome.label
        'Stay safe'

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(converter=to_text, validator=named)
    code: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    kind: PriorityKind = attrs.field(
        default=PriorityKind.SERVICE, converter=to_priority_kind, validator=named
    )
    theme: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    leads: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    outcomes: tuple[OutcomeLink, ...] = attrs.field(
        factory=tuple, converter=_to_links, validator=named
    )
    rationale: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    intended_outcomes: tuple[str, ...] = attrs.field(
        factory=tuple, converter=to_texts, validator=named
    )
    supports: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    objectives: tuple[Objective, ...] = attrs.field(
        factory=tuple, converter=_to_objectives, validator=named
    )
    actions: tuple[Action, ...] = attrs.field(factory=tuple, converter=_to_actions, validator=named)
    targets: tuple[Target, ...] = attrs.field(factory=tuple, converter=_to_targets, validator=named)
    funding: tuple[Allocation, ...] = attrs.field(
        factory=tuple, converter=to_allocations, validator=named
    )
    notes: tuple[Note, ...] = attrs.field(factory=tuple, converter=to_notes, validator=named)

    def iter_actions(self) -> Iterator[Action]:
        """Every action of the priority: its own, then its objectives' in order.

        Example:
            >>> p = Priority(id="P", title="t", actions=[Action(id="A", text="a")],
            ...              objectives=[Objective(id="O", title="o",
            ...                                    actions=[Action(id="B", text="b")])])
            >>> [a.id for a in p.iter_actions()]
            ['A', 'B']
        """
        yield from self.actions
        for objective in self.objectives:
            yield from objective.actions


Element: TypeAlias = (
    Priority | Objective | Action | Target | Indicator | FundingStream | Lead | Section
)
"""Any element of a plan that has an id."""

_PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _plan_id(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _PLAN_ID.match(value):
        raise FieldError(
            attribute.name,
            f"{attribute.name} {value!r} must be a slug: lower-case letters, digits and '-', "
            "such as 'wigan-2009-12'",
        )


@attrs.frozen
class Plan:
    """A children's services plan: its document, priorities, indicators, funding and leads.

    Attributes:
        id: A slug naming the plan, such as ``wigan-2009-12``.
        authority: The council or partnership.
        title: The document's title.
        period: The period the plan covers.
        kind: The kind of document.
        published: When the document was published, if known.
        source: Where the document comes from, in words.
        vision: The vision or purpose statements.
        outcomes: The ECM outcomes the plan as a whole commits to (its priorities link to
            outcomes too).
        leads: Everyone who leads something in the plan.
        funding_streams: Every funding stream the plan names.
        indicators: Every indicator the plan cites.
        priorities: The priorities, service and organisational.
        sections: Context the plan gives outside its action tables.
        notes: Remarks and transcription judgements.

    Example:
        >>> Plan(id="Bad Id", authority="A", title="T", period=Period.financial_year(2009))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: id 'Bad Id' must be a slug: lower-case letters, ...

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_plan_id)
    authority: str = attrs.field(converter=to_text, validator=named)
    title: str = attrs.field(converter=to_text, validator=named)
    period: Period = attrs.field(converter=to_period, validator=named)
    kind: DocumentKind = attrs.field(
        default=DocumentKind.OTHER, converter=to_document_kind, validator=named
    )
    published: Period | None = attrs.field(default=None, converter=to_opt_period, validator=named)
    source: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    vision: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    outcomes: tuple[OutcomeLink, ...] = attrs.field(
        factory=tuple, converter=_to_links, validator=named
    )
    leads: tuple[Lead, ...] = attrs.field(factory=tuple, converter=_to_leads, validator=named)
    funding_streams: tuple[FundingStream, ...] = attrs.field(
        factory=tuple, converter=_to_streams, validator=named
    )
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=_to_indicators, validator=named
    )
    priorities: tuple[Priority, ...] = attrs.field(
        factory=tuple, converter=_to_priorities, validator=named
    )
    sections: tuple[Section, ...] = attrs.field(
        factory=tuple, converter=_to_sections, validator=named
    )
    notes: tuple[Note, ...] = attrs.field(factory=tuple, converter=to_notes, validator=named)
    _index: dict[str, tuple[str, Element]] = attrs.field(
        init=False, repr=False, eq=False, alias="_index"
    )

    def __attrs_post_init__(self) -> None:
        """Index every element by id and check every cross-reference."""
        index, problems = _index_and_check(self)
        if problems:
            raise PlanValidationError(problems)
        object.__setattr__(self, "_index", index)

    def element(self, element_id: str) -> Element:
        """The element with this id.

        Raises:
            UnknownElementError: No element has this id (a :class:`KeyError`; the message
                suggests near ids).

        Example:
            >>> from ecm_plan import load_bundled
            >>> load_bundled("sample").element("P1").code
            'Priority 1'
            >>> load_bundled("sample").element("P7")
            Traceback (most recent call last):
            ...
            ecm_plan.exceptions.UnknownElementError: no element 'P7' in plan 'sample'
        """
        try:
            return self._index[element_id][1]
        except KeyError:
            near = difflib.get_close_matches(element_id, list(self._index), n=3)
            raise UnknownElementError(element_id, near, f"plan {self.id!r}") from None

    def path_of(self, element_id: str) -> str:
        """The key path of an element in the plan file, such as ``priorities[0].actions[2]``.

        Example:
            >>> from ecm_plan import load_bundled
            >>> load_bundled("sample").path_of("P1.O1")
            'priorities[0].objectives[0]'
        """
        self.element(element_id)
        return self._index[element_id][0]

    def iter_elements(self) -> Iterator[tuple[str, Element]]:
        """Every element with an id, with its key path, in document order.

        Example:
            >>> from ecm_plan import load_bundled
            >>> next(load_bundled("sample").iter_elements())[0]
            'leads[0]'
        """
        yield from self._index.values()

    def iter_actions(self) -> Iterator[tuple[Priority, Objective | None, Action]]:
        """Every action with its priority and objective, in document order.

        The objective is None for an action hung directly off its priority.

        Example:
            >>> from ecm_plan import load_bundled
            >>> len(list(load_bundled("sample").iter_actions())) > 0
            True
        """
        for priority in self.priorities:
            for action in priority.actions:
                yield priority, None, action
            for objective in priority.objectives:
                for action in objective.actions:
                    yield priority, objective, action

    def iter_targets(self) -> Iterator[tuple[str, Target]]:
        """Every target with the id of the element it hangs off, in document order.

        Example:
            >>> from ecm_plan import load_bundled
            >>> owner, target = next(load_bundled("sample").iter_targets())
            >>> owner
            'P1.O1.A1'
        """
        for priority in self.priorities:
            for target in priority.targets:
                yield priority.id, target
            for action in priority.actions:
                for target in action.targets:
                    yield action.id, target
            for objective in priority.objectives:
                for target in objective.targets:
                    yield objective.id, target
                for action in objective.actions:
                    for target in action.targets:
                        yield action.id, target

    def iter_allocations(
        self,
    ) -> Iterator[tuple[Priority, Priority | Objective | Action, Allocation]]:
        """Every funding allocation with its priority and the element it funds.

        The one walk of the plan's funding: a priority's own allocations, then those of the
        actions hung directly off it, then each objective's and its actions', in document order.

        Example:
            >>> from ecm_plan import load_bundled
            >>> plan = load_bundled("sample")
            >>> [(p.id, owner.id, a.stream) for p, owner, a in plan.iter_allocations()]
            [('P1', 'P1.O1', 'PCT'), ('P1', 'P1.O1.A1', 'ABG'), ('P2', 'P2.O1.A1', 'ABG(CF)')]

        .. versionadded:: 0.2.0
        """
        for priority in self.priorities:
            owners: list[Priority | Objective | Action] = [priority, *priority.actions]
            for objective in priority.objectives:
                owners.append(objective)
                owners.extend(objective.actions)
            for owner in owners:
                for allocation in owner.funding:
                    yield priority, owner, allocation

    def counts(self) -> dict[str, int]:
        """How many elements of each kind the plan has: the one count report and CLI show.

        Example:
            >>> from ecm_plan import load_bundled
            >>> counts = load_bundled("sample").counts()
            >>> counts["priorities"], counts["objectives"], list(counts)[:3]
            (3, 2, ['priorities', 'objectives', 'actions'])

        .. versionadded:: 0.2.0
        """
        objectives = [o for p in self.priorities for o in p.objectives]
        actions = [a for _, _, a in self.iter_actions()]
        return {
            "priorities": len(self.priorities),
            "objectives": len(objectives),
            "actions": len(actions),
            "milestones": sum(len(a.milestones) for a in actions)
            + sum(len(o.milestones) for o in objectives),
            "targets": sum(1 for _ in self.iter_targets()),
            "indicators": len(self.indicators),
            "funding streams": len(self.funding_streams),
            "allocations": sum(1 for _ in self.iter_allocations()),
            "leads": len(self.leads),
            "sections": len(self.sections),
        }


# -- cross-reference checks -----------------------------------------------------------------


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _near(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=3, cutoff=0.6)
    shown = close or choices[:5]
    return ", ".join(shown)


_KIND_OF: dict[type, str] = {
    Lead: "lead",
    FundingStream: "funding stream",
    Indicator: "indicator",
    Priority: "priority",
    Objective: "objective",
    Action: "action",
    Target: "target",
    Section: "section",
}
_ALLOWED: dict[str, frozenset[str]] = {
    "lead": frozenset({"lead"}),
    "funding stream": frozenset({"funding stream"}),
    "indicator": frozenset({"indicator"}),
    "priority": frozenset({"priority"}),
    "action or objective": frozenset({"action", "objective"}),
    "element": frozenset(_KIND_OF.values()),
}
_WHERE = {
    "lead": "leads",
    "funding stream": "funding_streams",
    "indicator": "indicators",
    "priority": "priorities",
    "action or objective": "an action or objective",
    "element": "any element",
}


def check_references(
    declared: list[tuple[str, str, str]], refs: list[tuple[str, str, str]]
) -> list[Problem]:
    """Problems with ids: duplicates, and references to unknown ids or to the wrong kind.

    Shared by :class:`Plan` and by the plan-file loader, which runs it over the raw mapping
    when some part of a file could not be read, so that every problem is reported at once.

    Args:
        declared: ``(key path, element kind, id)`` of every element with an id, in document
            order; the kinds are ``lead``, ``funding stream``, ``indicator``, ``priority``,
            ``objective``, ``action``, ``target`` and ``section``.
        refs: ``(key path, wanted kind, id)`` of every reference; the wanted kinds are
            ``lead``, ``funding stream``, ``indicator``, ``priority``,
            ``action or objective`` and ``element``.

    Returns:
        The problems, duplicates first, each with its key path and a hint.

    Example:
        >>> for p in check_references([("leads[0]", "lead", "HoS")],
        ...                           [("priorities[0].leads[0]", "lead", "HoX")]):
        ...     print(p)
        priorities[0].leads[0]: unknown lead id 'HoX' (hint: add a lead with this id under
        'leads', or use one of: HoS)
    """
    problems: list[Problem] = []
    index: dict[str, tuple[str, str]] = {}
    for path, kind, element_id in declared:
        if element_id in index:
            problems.append(
                Problem(
                    f"{path}.id",
                    f"duplicate id {element_id!r}; it is already used at {index[element_id][0]}",
                    "ids must be unique across the whole plan; rename one of them",
                )
            )
        else:
            index[element_id] = (path, kind)
    for path, wanted, value in refs:
        found = index.get(value)
        if found is None:
            choices = [k for k, (_, kind) in index.items() if kind in _ALLOWED[wanted]]
            hint = (
                f"add {_a(wanted)} with this id under '{_WHERE[wanted]}'"
                if wanted in {"lead", "funding stream", "indicator"}
                else f"use the id of {_WHERE[wanted]}"
            )
            if choices:
                hint += f", or use one of: {_near(value, choices)}"
            problems.append(Problem(path, f"unknown {wanted} id {value!r}", hint))
        elif found[1] not in _ALLOWED[wanted]:
            problems.append(
                Problem(
                    path,
                    f"{value!r} is {_a(found[1])}, not {_a(wanted)}",
                    f"refer to {_WHERE[wanted]} here",
                )
            )
        elif wanted in {"action or objective", "priority"} and path.rsplit(".", 1)[0] == found[0]:
            problems.append(Problem(path, f"{value!r} refers to itself", "remove the reference"))
    return problems


def check_figures(values: list[tuple[str, Value, str]]) -> list[Problem]:
    """Problems with figures that must be there: a measured value that holds no figure.

    An indicator's baseline, actuals and targets, and a measurable target's values, are
    figures: a cell such as ``banana`` that holds neither a figure nor a state ("target to
    be determined", "N/A", "not set") is a problem, never a silent gap.

    Args:
        values: ``(key path, value, what it is)`` for every value that must be a figure or
            a state; ``what`` names it in the message ("a target of indicator NI 62").

    Returns:
        One problem for each value that holds no figure and no state.

    Example:
        >>> for p in check_figures([("indicators[0].targets['2009-10']", Value("banana"),
        ...                          "a target of percent indicator NI 62")]):
        ...     print(p)
        indicators[0].targets['2009-10']: 'banana' is a target of percent indicator NI 62 but
        holds no figure ...
    """
    return [
        Problem(
            path,
            f"{value.text!r} is {what} but holds no figure and no state the library reads",
            "write the figure as the document prints it, such as '85%' or '48.3 per 1,000', "
            "or a state: 'target to be determined', 'N/A', 'not set'",
        )
        for path, value, what in values
        if value.status is ValueStatus.TEXT
    ]


def _index_and_check(plan: Plan) -> tuple[dict[str, tuple[str, Element]], list[Problem]]:
    index: dict[str, tuple[str, Element]] = {}
    declared: list[tuple[str, str, str]] = []
    refs: list[tuple[str, str, str]] = []  # (path, kind, id)
    figures: list[tuple[str, Value, str]] = []

    def add(path: str, element: Element) -> None:
        declared.append((path, _KIND_OF[type(element)], element.id))
        index.setdefault(element.id, (path, element))

    def ref_list(path: str, kind: str, ids: tuple[str, ...]) -> None:
        refs.extend((f"{path}[{i}]", kind, value) for i, value in enumerate(ids))

    def series(path: str, values: Mapping[Period, Value], what: str) -> None:
        figures.extend(
            (f"{path}[{period.label!r}]", value, what) for period, value in values.items()
        )

    def walk_sections(path: str, sections: tuple[Section, ...]) -> None:
        for i, section in enumerate(sections):
            here = f"{path}[{i}]"
            add(here, section)
            if section.subject is not None:
                refs.append((f"{here}.subject", "element", section.subject))
            walk_sections(f"{here}.sections", section.sections)

    def funding(path: str, allocations: tuple[Allocation, ...]) -> None:
        for i, allocation in enumerate(allocations):
            if allocation.stream is not None:
                refs.append((f"{path}[{i}].stream", "funding stream", allocation.stream))

    def targets(path: str, items: tuple[Target, ...]) -> None:
        for i, target in enumerate(items):
            here = f"{path}[{i}]"
            add(here, target)
            if target.indicator is not None:
                refs.append((f"{here}.indicator", "indicator", target.indicator))
            ref_list(f"{here}.depends_on", "action or objective", target.depends_on)
            if target.is_measurable:
                what = f"a value of measurable target {target.id}"
                series(f"{here}.values", target.values, what)
                if target.value is not None:
                    figures.append((f"{here}.value", target.value, what))
                if target.baseline is not None and target.baseline.value is not None:
                    figures.append((f"{here}.baseline.value", target.baseline.value, what))

    def action(path: str, item: Action) -> None:
        add(path, item)
        ref_list(f"{path}.leads", "lead", item.leads)
        ref_list(f"{path}.depends_on", "action or objective", item.depends_on)
        funding(f"{path}.funding", item.funding)
        targets(f"{path}.targets", item.targets)

    for i, lead in enumerate(plan.leads):
        add(f"leads[{i}]", lead)
    for i, stream in enumerate(plan.funding_streams):
        add(f"funding_streams[{i}]", stream)
        if stream.part_of is not None:
            refs.append((f"funding_streams[{i}].part_of", "funding stream", stream.part_of))
    for i, indicator in enumerate(plan.indicators):
        here = f"indicators[{i}]"
        add(here, indicator)
        ref_list(f"{here}.responsible", "lead", indicator.responsible)
        unit = f"{indicator.unit} " if indicator.unit else ""
        series(f"{here}.targets", indicator.targets, f"a target of {unit}indicator {indicator.id}")
        series(f"{here}.actuals", indicator.actuals, f"an actual of {unit}indicator {indicator.id}")
        if indicator.baseline is not None and indicator.baseline.value is not None:
            figures.append(
                (
                    f"{here}.baseline.value",
                    indicator.baseline.value,
                    f"the baseline of {indicator.id}",
                )
            )
    for p, priority in enumerate(plan.priorities):
        pp = f"priorities[{p}]"
        add(pp, priority)
        ref_list(f"{pp}.leads", "lead", priority.leads)
        ref_list(f"{pp}.supports", "priority", priority.supports)
        funding(f"{pp}.funding", priority.funding)
        targets(f"{pp}.targets", priority.targets)
        for a, item in enumerate(priority.actions):
            action(f"{pp}.actions[{a}]", item)
        for o, objective in enumerate(priority.objectives):
            op = f"{pp}.objectives[{o}]"
            add(op, objective)
            ref_list(f"{op}.leads", "lead", objective.leads)
            ref_list(f"{op}.depends_on", "action or objective", objective.depends_on)
            funding(f"{op}.funding", objective.funding)
            targets(f"{op}.targets", objective.targets)
            for a, item in enumerate(objective.actions):
                action(f"{op}.actions[{a}]", item)
    walk_sections("sections", plan.sections)
    return index, check_references(declared, refs) + check_figures(figures)

"""The facts pass: everything the coverage rules need, gathered from a plan in one pass.

Private: the public face is :mod:`ecm_plan.coverage`. Each rule is a function from
:class:`Facts` to :class:`Hit` values (subject, message, hint, optional path);
:func:`ecm_plan.coverage.check` turns hits into :class:`~ecm_plan.findings.Finding` values with
the rule's code and severity.

Every rule reads the facts gathered once by :class:`Facts` (which priorities reach which
outcomes, which targets hang under which priority, which indicator is cited where), so a check
over the whole plan costs time linear in its size: no rule walks the plan again per element.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
import networkx as nx

from ecm_plan.catalog import NationalIndicator, national_indicator, ni_of, outcome
from ecm_plan.exceptions import AnalysisError, ArgumentError
from ecm_plan.graph import ENTITY, KIND, RELATION, NodeKind, PlanGraph, Relation
from ecm_plan.model import (
    Action,
    Allocation,
    Indicator,
    Milestone,
    Objective,
    OutcomeKey,
    PeriodKind,
    Plan,
    Priority,
    PriorityKind,
    Target,
    Value,
)
from ecm_plan.periods import Period, financial_year_of

__all__ = [
    "Facts",
    "Hit",
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
    """The catalogue entry of the National Indicator an indicator stands for (see ``ni_of``).

    None for indicators of other schemes and for codes the catalogue does not know; a part
    (``NI 102a``) gives its parent's entry.
    """
    found = ni_of(indicator)
    return None if found is None else national_indicator(found.code)


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

    With the plan's graph (:func:`~ecm_plan.graph.build_graph`), ``reach`` is read from its
    ``serves`` and ``supports`` edges instead of from the model; the walk and the result are
    the same.
    """

    def __init__(self, plan: Plan, graph: PlanGraph | None = None) -> None:
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
        self.reach = self._reach(
            *(_model_links(plan) if graph is None else _graph_links(graph, plan))
        )
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

    def _reach(
        self, own: Mapping[str, set[OutcomeKey]], supports: Mapping[str, list[str]]
    ) -> dict[str, frozenset[OutcomeKey]]:
        """Outcomes reached by each priority, each priority visited once (memoised).

        ``own`` holds each priority's own outcomes, ``supports`` the priorities each
        organisational priority supports (empty for a service priority), in plan order.
        """
        reach: dict[str, frozenset[OutcomeKey]] = {}
        visiting: set[str] = set()

        def visit(priority: str) -> frozenset[OutcomeKey]:
            if priority in reach:
                return reach[priority]
            visiting.add(priority)
            found = set(own[priority])
            for supported in supports[priority]:
                if supported not in visiting:
                    found |= visit(supported)
            visiting.discard(priority)
            reach[priority] = frozenset(found)
            return reach[priority]

        for priority in self.plan.priorities:
            visit(priority.id)
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
        index: dict[str, int] = {}
        for _, owner, allocation in self.plan.iter_allocations():
            i = index[owner.id] = index.get(owner.id, -1) + 1
            yield owner.id, f"{self.path(owner.id)}.funding[{i}]", allocation


def _model_links(plan: Plan) -> tuple[dict[str, set[OutcomeKey]], dict[str, list[str]]]:
    """Each priority's own outcomes and, for an organisational one, what it supports."""
    ids = {p.id for p in plan.priorities}
    own = {p.id: {link.outcome for link in p.outcomes} for p in plan.priorities}
    supports = {
        p.id: [s for s in p.supports if s in ids] if p.kind is PriorityKind.ORGANISATIONAL else []
        for p in plan.priorities
    }
    return own, supports


def _out_edges(graph: PlanGraph, node: str) -> list[tuple[str, dict[str, Any]]]:
    """The (target, data) of each edge out of a node, in the order ``out_edges`` gives them.

    Read through ``graph.succ``: an edge view would stay cached on the graph and refer back to
    it, so that a graph dropped after its check would wait for the cyclic collector.
    """
    if graph.is_multigraph():
        return [(n, data) for n, keyed in graph.succ[node].items() for data in keyed.values()]
    return list(graph.succ[node].items())


def _graph_links(
    graph: PlanGraph, plan: Plan
) -> tuple[dict[str, set[OutcomeKey]], dict[str, list[str]]]:
    """The same as :func:`_model_links`, read from the plan's graph.

    A ``serves`` edge goes to an outcome, or to an aim that is ``part_of`` its outcome; the
    graph holds ``supports`` edges for organisational priorities only.
    """
    own: dict[str, set[OutcomeKey]] = {}
    supports: dict[str, list[str]] = {}
    for priority in plan.priorities:
        own[priority.id] = set()
        supports[priority.id] = []
        for node, data in _out_edges(graph, priority.id):
            relation = data[RELATION]
            if relation is Relation.SERVES:
                if graph.nodes[node][KIND] is NodeKind.AIM:
                    node = next(  # noqa: PLW2901 (an aim stands for its outcome)
                        o
                        for o in graph.successors(node)
                        if graph.nodes[o][KIND] is NodeKind.OUTCOME
                    )
                own[priority.id].add(graph.nodes[node][ENTITY])
            elif relation is Relation.SUPPORTS:
                supports[priority.id].append(node)
    return own, supports


def _need_graph(graph: PlanGraph | None, plan: Plan, function: str) -> None:
    """Check that a graph given beside a plan is that plan's own graph."""
    if graph is None:
        return
    if not isinstance(graph, nx.MultiDiGraph):
        raise ArgumentError.for_value(
            "graph", f"the plan's graph from build_graph ({function})", graph
        )
    plans = tuple(graph.graph.get("plans", ()))
    if plans != (plan.id,) or any(p.id not in graph for p in plan.priorities):
        raise AnalysisError(
            f"{function}() was given a graph of {', '.join(plans) or 'no plan'}, not the graph "
            f"of plan {plan.id!r}; pass build_graph(plan), or no graph"
        )


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


def _need_plan(plan: object, function: str) -> None:
    if not isinstance(plan, Plan):
        raise ArgumentError.for_value("plan", f"a Plan ({function})", plan)

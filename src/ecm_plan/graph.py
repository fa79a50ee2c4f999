"""A plan as a networkx ``MultiDiGraph``: what contributes to what.

Edges point from what contributes to what it serves, so "what does this affect?" is
:func:`networkx.descendants` and "what does this need?" is :func:`networkx.ancestors`::

    funding stream -> action -> objective -> priority -> outcome
    action -> target -> indicator        lead -> action
    organisational priority -> service priority (supports)
    prerequisite -> dependent (enables; referenced_by, for a reference found in the text)

Every node has a ``kind`` (:class:`NodeKind`) and holds its element under ``entity``; every
edge has a ``relation`` (:class:`Relation`). The graph is derived from the plan, never the
other way round. Node ids are element ids; outcomes are ``outcome:<key>``, aims
``aim:<key>.<n>``, the plan ``plan:<id>``, milestones ``<owner id>#M<n>``. In a portfolio
graph the elements of each plan are ``<plan id>:<element id>``, outcomes and aims are shared,
and each indicator with a National Indicator code is linked to a shared ``NIS:NI <n>`` node.

Example:
    >>> import networkx as nx
    >>> from ecm_plan import build_graph, load_bundled
    >>> g = build_graph(load_bundled("sample"))
    >>> g.nodes["P1.O1.A1"]["kind"]
    <NodeKind.ACTION: 'action'>
    >>> sorted(n for n in nx.descendants(g, "P1.O1.A1") if g.nodes[n]["kind"] == "outcome")
    ['outcome:be_healthy', 'outcome:enjoy_and_achieve', 'outcome:stay_safe']
    >>> view = contribution_view(g)
    >>> sorted(n for n in nx.descendants(view, "P1.O1.A1") if g.nodes[n]["kind"] == "outcome")
    ['outcome:be_healthy']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs
import networkx as nx

from ecm_plan import _args
from ecm_plan._export_text import TextCleaner, dot_id, dot_label
from ecm_plan._gc import gc_paused
from ecm_plan._references import Reference, ReferenceKind, find_references
from ecm_plan.catalog import aim, ni_of, outcome
from ecm_plan.exceptions import DuplicatePlanIdError, PlanValidationError, Problem
from ecm_plan.model import (
    Action,
    Allocation,
    Indicator,
    Milestone,
    Objective,
    OutcomeKey,
    Plan,
    Priority,
    PriorityKind,
    Target,
)

__all__ = [
    "ENTITY",
    "KIND",
    "LABEL",
    "PLAN",
    "REFERENCES",
    "RELATION",
    "NodeKind",
    "PlanGraph",
    "Relation",
    "aim_node",
    "build_graph",
    "build_portfolio_graph",
    "contribution_view",
    "export_graph",
    "external_node",
    "nis_node",
    "outcome_node",
    "plan_node",
    "to_dot",
]

PlanGraph: TypeAlias = "nx.MultiDiGraph[str]"
"""The type of a plan graph, a networkx ``MultiDiGraph`` keyed by string node ids."""

KIND = "kind"
"""The node attribute holding the :class:`NodeKind`."""
ENTITY = "entity"
"""The node attribute holding the element itself (a :class:`~ecm_plan.model.Priority`, ...)."""
LABEL = "label"
"""The node attribute holding a short human-readable label."""
PLAN = "plan"
"""The node attribute holding the id of the plan the node belongs to (absent on shared nodes)."""
RELATION = "relation"
"""The edge attribute holding the :class:`Relation`."""
REFERENCES = "references"
"""The graph attribute holding every reference of the plan (or plans), in document order.

Explicit ones (``depends_on``) and those found in the text, unresolved ones included: a
reference that names nothing the plan has cannot be an edge, so this list is where it is kept.
"""


class NodeKind(enum.StrEnum):
    """The kinds of node in a plan graph.

    Example:
        >>> NodeKind("funding_stream") is NodeKind.FUNDING_STREAM
        True
    """

    OUTCOME = "outcome"
    AIM = "aim"
    PLAN = "plan"
    PRIORITY = "priority"
    OBJECTIVE = "objective"
    ACTION = "action"
    MILESTONE = "milestone"
    TARGET = "target"
    INDICATOR = "indicator"
    NATIONAL_INDICATOR = "national_indicator"
    FUNDING_STREAM = "funding_stream"
    LEAD = "lead"
    EXTERNAL = "external"


class Relation(enum.StrEnum):
    """The relations an edge can carry, from contributor to what it serves.

    ====================  ==================================================================
    relation              from -> to
    ====================  ==================================================================
    ``part_of``           action -> objective or priority; objective -> priority;
                          priority -> plan; milestone -> action; aim -> outcome
    ``serves``            priority -> outcome or aim (``inferred`` says if the document
                          left the link unstated)
    ``supports``          organisational priority -> service priority
    ``contributes_to``    action, objective or priority -> its target
    ``targets``           target -> indicator
    ``funds``             funding stream -> priority, objective or action (``allocation``)
    ``includes``          funding stream -> a stream that is part of it (ABG -> ABG(CF))
    ``leads``             lead -> priority, objective, action, or indicator
    ``enables``           prerequisite -> dependent, from ``depends_on`` (``explicit``)
    ``referenced_by``     prerequisite -> dependent, from a reference found in the
                          dependent's text (``rule``, ``text``, ``field``, ``span``,
                          ``confidence`` and the ``reference`` itself as edge data); the
                          prerequisite may be an outside document (``external:<name>``)
    ``instance_of``       plan indicator -> National Indicator (portfolio graphs)
    ====================  ==================================================================

    Example:
        >>> Relation.ENABLES.value
        'enables'
    """

    PART_OF = "part_of"
    SERVES = "serves"
    SUPPORTS = "supports"
    CONTRIBUTES_TO = "contributes_to"
    TARGETS = "targets"
    FUNDS = "funds"
    INCLUDES = "includes"
    LEADS = "leads"
    ENABLES = "enables"
    REFERENCED_BY = "referenced_by"
    INSTANCE_OF = "instance_of"


def outcome_node(key: OutcomeKey | str) -> str:
    """The node id of an ECM outcome.

    Raises:
        ecm_plan.exceptions.UnknownOutcomeError: The key names no outcome (a
            :class:`ValueError` and a :class:`KeyError`).

    Example:
        >>> outcome_node("stay_safe")
        'outcome:stay_safe'
        >>> outcome_node("stay_saf")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownOutcomeError: unknown ECM outcome 'stay_saf'; did you mean ...
    """
    _args.require_type(key, "key", str, "an outcome key or its name (a str)")
    return f"outcome:{outcome(key).key.value}"


def aim_node(aim_id: str) -> str:
    """The node id of an aim, from its catalogue id such as ``stay_safe.1``.

    Example:
        >>> aim_node("stay_safe.1")
        'aim:stay_safe.1'
    """
    _args.require_text(aim_id, "aim_id")
    return f"aim:{aim_id}"


def plan_node(plan_id: str) -> str:
    """The node id of a plan.

    Example:
        >>> plan_node("wigan-2009-12")
        'plan:wigan-2009-12'
    """
    _args.require_text(plan_id, "plan_id")
    return f"plan:{plan_id}"


def nis_node(code: str) -> str:
    """The node id of a National Indicator shared across plans in a portfolio graph.

    Example:
        >>> nis_node("NI 112")
        'NIS:NI 112'
    """
    _args.require_text(code, "code")
    return f"NIS:{code}"


def external_node(name: str) -> str:
    """The node id of an outside document or body that elements depend on.

    Example:
        >>> external_node("Youth Justice Plan")
        'external:Youth Justice Plan'

    .. versionadded:: 0.1.0
    """
    _args.require_text(name, "name")
    return f"external:{name}"


def _outcomes(graph: PlanGraph) -> None:
    for key in OutcomeKey:
        graph.add_node(outcome_node(key), **{KIND: NodeKind.OUTCOME, ENTITY: key, LABEL: key.label})
        for number in range(1, 6):
            aim_id = f"{key.value}.{number}"
            graph.add_node(aim_node(aim_id), **{KIND: NodeKind.AIM, ENTITY: aim_id, LABEL: aim_id})
            graph.add_edge(aim_node(aim_id), outcome_node(key), **{RELATION: Relation.PART_OF})


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Builder:
    def __init__(self, graph: PlanGraph, plan: Plan, prefix: str) -> None:
        self.graph = graph
        self.plan = plan
        self.prefix = prefix
        self.names: dict[str, str] = {}

    def node(self, element_id: str) -> str:
        """The node id of an element: one string however often it is named (edges keep it)."""
        if not self.prefix:
            return element_id
        name = self.names.get(element_id)
        if name is None:
            name = self.names[element_id] = f"{self.prefix}{element_id}"
        return name

    def add(self, element_id: str, kind: NodeKind, entity: Any, label: str) -> str:  # noqa: ANN401 (node data holds an entity of any model type)
        node = self.node(element_id)
        self.graph.add_node(node, **{KIND: kind, ENTITY: entity, LABEL: label, PLAN: self.plan.id})
        return node

    def edge(self, source: str, target: str, relation: Relation, **data: Any) -> None:  # noqa: ANN401 (edge attributes of any type, as networkx allows)
        self.graph.add_edge(source, target, **{RELATION: relation}, **data)

    def leads(self, node: str, lead_ids: Iterable[str]) -> None:
        for lead in lead_ids:
            self.edge(self.node(lead), node, Relation.LEADS)

    def funding(self, node: str, allocations: Iterable[Allocation]) -> None:
        for allocation in allocations:
            if allocation.stream is not None:
                self.edge(self.node(allocation.stream), node, Relation.FUNDS, allocation=allocation)

    def targets(self, node: str, targets: Iterable[Target]) -> None:
        for target in targets:
            tnode = self.add(target.id, NodeKind.TARGET, target, _short(target.text))
            self.edge(node, tnode, Relation.CONTRIBUTES_TO)
            if target.indicator is not None:
                self.edge(tnode, self.node(target.indicator), Relation.TARGETS)

    def action(self, parent: str, action: Action) -> None:
        anode = self.add(action.id, NodeKind.ACTION, action, _short(action.text))
        self.edge(anode, parent, Relation.PART_OF)
        self.leads(anode, action.leads)
        self.funding(anode, action.funding)
        self.targets(anode, action.targets)
        self.milestones(anode, action.milestones)

    def milestones(self, owner: str, milestones: Iterable[Milestone]) -> None:
        for i, milestone in enumerate(milestones, start=1):
            mnode = f"{owner}#M{i}"
            label = milestone.period.label if milestone.period else milestone.label or f"M{i}"
            self.graph.add_node(
                mnode,
                **{KIND: NodeKind.MILESTONE, ENTITY: milestone, LABEL: label, PLAN: self.plan.id},
            )
            self.edge(mnode, owner, Relation.PART_OF)

    def objective(self, parent: str, objective: Objective) -> None:
        onode = self.add(objective.id, NodeKind.OBJECTIVE, objective, _short(objective.title))
        self.edge(onode, parent, Relation.PART_OF)
        self.leads(onode, objective.leads)
        self.funding(onode, objective.funding)
        self.targets(onode, objective.targets)
        self.milestones(onode, objective.milestones)
        for action in objective.actions:
            self.action(onode, action)

    def priority(self, root: str, priority: Priority) -> None:
        pnode = self.add(priority.id, NodeKind.PRIORITY, priority, _short(priority.title))
        self.edge(pnode, root, Relation.PART_OF)
        self.leads(pnode, priority.leads)
        self.funding(pnode, priority.funding)
        self.targets(pnode, priority.targets)
        for link in priority.outcomes:
            if link.aims:
                for aim_id in link.aim_ids:
                    self.edge(pnode, aim_node(aim_id), Relation.SERVES, inferred=link.inferred)
            else:
                onode = outcome_node(link.outcome)
                self.edge(pnode, onode, Relation.SERVES, inferred=link.inferred)
        if priority.kind is PriorityKind.ORGANISATIONAL:
            for supported in priority.supports:
                self.edge(pnode, self.node(supported), Relation.SUPPORTS)
        for action in priority.actions:
            self.action(pnode, action)
        for objective in priority.objectives:
            self.objective(pnode, objective)

    def build(self) -> str:
        plan = self.plan
        root = plan_node(plan.id)
        self.graph.add_node(root, **{KIND: NodeKind.PLAN, ENTITY: plan, LABEL: plan.title})
        for lead in plan.leads:
            self.add(lead.id, NodeKind.LEAD, lead, lead.name)
        for stream in plan.funding_streams:
            self.add(stream.id, NodeKind.FUNDING_STREAM, stream, stream.name)
        for stream in plan.funding_streams:
            if stream.part_of is not None:
                self.edge(self.node(stream.part_of), self.node(stream.id), Relation.INCLUDES)
        for indicator in plan.indicators:
            inode = self.add(
                indicator.id, NodeKind.INDICATOR, indicator, _indicator_label(indicator)
            )
            self.leads(inode, indicator.responsible)
        for priority in plan.priorities:
            self.priority(root, priority)
        for _, dependent in _work(plan):
            for prerequisite in dependent.depends_on:
                source, target = self.node(prerequisite), self.node(dependent.id)
                self.edge(source, target, Relation.ENABLES, explicit=True)
        found = tuple(self.prefixed(ref) for ref in find_references(plan))
        self.graph.graph[REFERENCES] = (*self.graph.graph.get(REFERENCES, ()), *found)
        for ref in found:
            if ref.kind is ReferenceKind.TEXTUAL and ref.resolved:
                self.reference(ref)
        return root

    def prefixed(self, ref: Reference) -> Reference:
        """The reference with the ids of this graph's nodes (prefixed in a portfolio)."""
        if not self.prefix:
            return ref
        target = None if ref.target is None else self.node(ref.target)
        return attrs.evolve(ref, source=self.node(ref.source), target=target)

    def reference(self, ref: Reference) -> None:
        """A ``referenced_by`` edge from what a textual reference needs to its source."""
        if ref.target is not None:
            needed = ref.target
        else:
            needed = self.node(external_node(str(ref.external)))
            if needed not in self.graph:
                self.graph.add_node(
                    needed,
                    **{
                        KIND: NodeKind.EXTERNAL,
                        ENTITY: ref.external,
                        LABEL: ref.external,
                        PLAN: self.plan.id,
                    },
                )
        self.edge(
            needed,
            ref.source,
            Relation.REFERENCED_BY,
            explicit=False,
            rule=ref.rule,
            text=ref.text,
            field=ref.field,
            span=ref.span,
            confidence=ref.confidence,
            reference=ref,
        )


def _indicator_label(indicator: Indicator) -> str:
    title = indicator.title or ""
    return _short(f"{indicator.id} {title}".strip())


def _work(plan: Plan) -> Iterable[tuple[str, Objective | Action | Target]]:
    for priority, objective, action in plan.iter_actions():
        del priority, objective
        yield "action", action
    for priority in plan.priorities:
        for objective in priority.objectives:
            yield "objective", objective
    for _, target in plan.iter_targets():
        if target.depends_on:
            yield "target", target


@gc_paused()
def build_graph(plan: Plan) -> PlanGraph:
    """Build the graph of one plan.

    Args:
        plan: The plan.

    Besides the elements and their links, the graph holds the dependencies: each
    ``depends_on`` as an ``enables`` edge, and each reference found in the text (see
    :data:`ecm_plan.dependencies.REFERENCE_RULES`) as a ``referenced_by`` edge from what is
    needed to what needs it, with the reference's rule, matched text, field, span and
    confidence as edge data. An outside document the text names becomes a node of kind
    ``external``. Every reference, unresolved ones included, is kept in
    ``graph.graph["references"]`` (:data:`REFERENCES`), so that an analysis gives the same
    answer from the plan and from its graph.

    Returns:
        A new ``MultiDiGraph``; ``graph.graph["plans"]`` lists the plan id.

    Example:
        >>> from ecm_plan import load_bundled
        >>> g = build_graph(load_bundled("sample"))
        >>> g.nodes["NI 112"]["kind"].value
        'indicator'
        >>> sorted({d["relation"].value for _, _, d in g.in_edges("P1.O1.A1", data=True)})
        ['funds', 'leads', 'part_of']
        >>> [(u, d["rule"], d["confidence"]) for u, _, d in g.in_edges("P2.O1.A1", data=True)
        ...  if d["relation"] == "referenced_by"]
        [('P1.O1', 'objective_number', 0.95)]

    .. versionadded:: 0.1.0
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    graph: PlanGraph = nx.MultiDiGraph(plans=(plan.id,))
    _outcomes(graph)
    _Builder(graph, plan, "").build()
    return graph


@gc_paused()
def build_portfolio_graph(plans: Iterable[Plan]) -> PlanGraph:
    """Build one graph of many plans, with shared outcome, aim and National Indicator nodes.

    Each plan's elements are prefixed with its id (``wigan-2009-12:P1``). Every indicator that
    stands for a National Indicator (as :func:`~ecm_plan.catalog.ni_of` decides: after the
    plan's own ``catalogue_code`` correction, a part counting for its indicator) gets an
    ``instance_of`` edge to a shared ``NIS:NI <n>`` node, so that "which plans target NI 112?"
    is a look at that node's predecessors.

    Raises:
        DuplicatePlanIdError: Two plans share an id (a ``ValueError``).

    Example:
        >>> from ecm_plan import load_bundled
        >>> g = build_portfolio_graph([load_bundled("sample")])
        >>> g.nodes["sample:P1"]["plan"]
        'sample'
        >>> sorted(g.predecessors("NIS:NI 57"))
        ['sample:NI 157']
        >>> build_portfolio_graph([load_bundled("sample")] * 2)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.DuplicatePlanIdError: plans in a portfolio need distinct ids; ...

    .. versionadded:: 0.1.0
    """
    plans = _args.require_items(plans, "plans", Plan, "a Plan")
    plans = list(plans)
    ids = [p.id for p in plans]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DuplicatePlanIdError(duplicates)
    graph: PlanGraph = nx.MultiDiGraph(plans=tuple(ids))
    _outcomes(graph)
    for plan in plans:
        builder = _Builder(graph, plan, f"{plan.id}:")
        builder.build()
        for indicator in plan.indicators:
            found = ni_of(indicator)
            if found is None:
                continue
            national = found.code
            node = nis_node(national)
            if node not in graph:
                graph.add_node(
                    node, **{KIND: NodeKind.NATIONAL_INDICATOR, ENTITY: national, LABEL: national}
                )
            builder.edge(builder.node(indicator.id), node, Relation.INSTANCE_OF)
    return graph


_NON_CONTRIBUTING = frozenset({Relation.ENABLES, Relation.REFERENCED_BY, Relation.SUPPORTS})


def contribution_view(graph: PlanGraph) -> PlanGraph:
    """A read-only view of the graph without ``enables``, ``referenced_by`` and ``supports`` edges.

    What remains is the contribution hierarchy, which is acyclic for every valid plan.

    Example:
        >>> import networkx as nx
        >>> from ecm_plan import build_graph, load_bundled
        >>> nx.is_directed_acyclic_graph(contribution_view(build_graph(load_bundled("sample"))))
        True
    """
    _args.require_type(graph, "graph", nx.MultiDiGraph, "a plan graph (from build_graph)")

    def keep(u: str, v: str, k: int) -> bool:
        return graph.edges[u, v, k][RELATION] not in _NON_CONTRIBUTING

    view: PlanGraph = nx.subgraph_view(graph, filter_edge=keep)
    return view


def _exported_nodes(graph: PlanGraph, all_aims: bool) -> list[str]:
    """The nodes an export writes: every node, but aims only where a priority serves them."""
    served = {
        target
        for _, target, data in graph.edges(data=True)
        if data[RELATION] == Relation.SERVES and graph.nodes[target][KIND] == NodeKind.AIM
    }
    return [
        node
        for node, data in graph.nodes(data=True)
        if all_aims or data[KIND] != NodeKind.AIM or node in served
    ]


def _export_label(node: str, data: dict[str, Any]) -> str:
    """A node's label in an export: an aim's title from the catalogue, else its label."""
    if data[KIND] == NodeKind.AIM:
        return aim(str(data[ENTITY])).title
    return str(data.get(LABEL, node))


def export_graph(graph: PlanGraph, *, all_aims: bool = False) -> PlanGraph:
    r"""A copy of the graph whose attributes are plain strings and booleans, for GraphML.

    Node attributes keep ``kind``, ``label`` and ``plan``; edge attributes keep ``relation``,
    ``inferred`` and ``explicit``. The elements themselves stay in the plan.
    An aim is labelled by its title in the catalogue ("Physically healthy"), with its id in
    the attribute ``aim`` (``be_healthy.1``); aims no priority serves are left out unless
    ``all_aims`` is true. The graph itself, and every analysis over it, keeps all 25 aims.

    Args:
        graph: A plan graph (:func:`build_graph`, :func:`build_portfolio_graph`).
        all_aims: Keep the aims no priority serves.

    The copy is valid XML 1.0 whatever the text: characters XML cannot hold (C0 controls
    other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF) are
    replaced by U+FFFD in ids, labels and plan names, and a
    :class:`~ecm_plan.exceptions.TextReplacedWarning` says how many and where. XML readers
    turn a carriage return in a label into a line feed.

    Raises:
        PlanValidationError: Two node ids differ only in characters XML cannot hold, so the
            copy would merge them.

    Warns:
        TextReplacedWarning: Characters were replaced.

    Example:
        >>> import io, warnings, attrs, networkx as nx
        >>> from ecm_plan import build_graph, load_bundled
        >>> out = io.BytesIO()
        >>> nx.write_graphml(export_graph(build_graph(load_bundled("sample"))), out)
        >>> b'key="d0"' in out.getvalue() or b"<graphml" in out.getvalue()
        True
        >>> bell = attrs.evolve(load_bundled("sample"), title="Ring\x07")
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     plain = export_graph(build_graph(bell))
        >>> print(caught[0].message)
        replaced 1 character that XML 1.0 cannot hold with U+FFFD (in plan:sample); ...
        >>> plain.nodes["plan:sample"]["label"] == "Ring\ufffd"
        True
        >>> plain = export_graph(build_graph(load_bundled("sample")))
        >>> plain.nodes["aim:be_healthy.3"]
        {'kind': 'aim', 'label': 'Sexually healthy', 'aim': 'be_healthy.3'}
        >>> "aim:be_healthy.1" in plain, "aim:be_healthy.1" in export_graph(
        ...     build_graph(load_bundled("sample")), all_aims=True)
        (False, True)

    .. versionchanged:: 0.2.0 Aims are labelled by their titles; unserved aims are left out
       unless ``all_aims`` is true.
    """
    _args.require_type(graph, "graph", nx.MultiDiGraph, "a plan graph (from build_graph)")
    _args.require_type(all_aims, "all_aims", bool, "True or False")
    clean = TextCleaner()
    kept = _exported_nodes(graph, all_aims)
    names = {node: clean(str(node), str(node)) for node in kept}
    if len(set(names.values())) != len(names):
        seen: dict[str, str] = {}
        for node, name in names.items():
            if name in seen:
                message = (
                    f"node ids {seen[name]!r} and {node!r} differ only in characters "
                    "XML 1.0 cannot hold"
                )
                raise PlanValidationError([Problem(repr(node), message, "rename one of them")])
            seen[name] = str(node)
    plans = ",".join(str(p) for p in graph.graph.get("plans", ()))
    plain: PlanGraph = nx.MultiDiGraph(plans=clean(plans, "plans"))
    for node in kept:
        data = graph.nodes[node]
        attrs = {
            KIND: str(data[KIND].value),
            LABEL: clean(_export_label(node, data), str(node)),
        }
        if data[KIND] == NodeKind.AIM:
            attrs["aim"] = str(data[ENTITY])
        if PLAN in data:
            attrs[PLAN] = clean(str(data[PLAN]), str(node))
        plain.add_node(names[node], **attrs)
    for source, target, key, data in graph.edges(keys=True, data=True):
        if source not in names or target not in names:
            continue
        edge: dict[str, str | bool] = {RELATION: str(data[RELATION].value)}
        for flag in ("inferred", "explicit"):
            if flag in data:
                edge[flag] = bool(data[flag])
        plain.add_edge(names[source], names[target], key=key, **edge)
    clean.warn(stacklevel=2)
    return plain


def to_dot(graph: PlanGraph, *, all_aims: bool = False) -> str:
    r"""The graph in Graphviz DOT, nodes labelled and shaped by kind, edges by relation.

    Aims are labelled and left out as in :func:`export_graph` (their ids stay the node ids,
    ``aim:be_healthy.1``).

    Every id and label is a quoted string, valid for any text: ``"`` and ``\`` are escaped,
    line ends become ``\n`` (a line break in a Graphviz label), ``&``, ``<`` and ``>`` in
    labels are written as ``&amp;``, ``&lt;`` and ``&gt;`` (Graphviz shows them as the
    characters), and characters XML 1.0 cannot hold are replaced by U+FFFD, as in
    :func:`export_graph`, with a :class:`~ecm_plan.exceptions.TextReplacedWarning`.

    Warns:
        TextReplacedWarning: Characters were replaced.

    Example:
        >>> from ecm_plan import build_graph, load_bundled
        >>> dot = to_dot(build_graph(load_bundled("sample")))
        >>> dot.splitlines()[0]
        'digraph plan {'
        >>> '"P1.O1" -> "P1" [label="part_of"];' in dot
        True
        >>> '"aim:be_healthy.3" [label="Sexually healthy", shape=octagon];' in dot
        True
        >>> "aim:be_healthy.1" in dot, "aim:be_healthy.1" in to_dot(
        ...     build_graph(load_bundled("sample")), all_aims=True)
        (False, True)

    .. versionchanged:: 0.2.0 Aims are labelled by their titles; unserved aims are left out
       unless ``all_aims`` is true.
    """
    _args.require_type(graph, "graph", nx.MultiDiGraph, "a plan graph (from build_graph)")
    _args.require_type(all_aims, "all_aims", bool, "True or False")
    shapes = {
        NodeKind.OUTCOME: "doubleoctagon",
        NodeKind.AIM: "octagon",
        NodeKind.PRIORITY: "box",
        NodeKind.OBJECTIVE: "box",
        NodeKind.ACTION: "ellipse",
        NodeKind.TARGET: "note",
        NodeKind.INDICATOR: "diamond",
        NodeKind.FUNDING_STREAM: "invhouse",
        NodeKind.LEAD: "house",
    }
    clean = TextCleaner()
    kept = _exported_nodes(graph, all_aims)
    names = {node: dot_id(clean(str(node), str(node))) for node in kept}
    lines = ["digraph plan {", "  rankdir=LR;"]
    for node in sorted(kept):
        data = graph.nodes[node]
        shape = shapes.get(data[KIND], "plaintext")
        label = dot_label(clean(_export_label(node, data), str(node)))
        lines.append(f"  {names[node]} [label={label}, shape={shape}];")
    edges = sorted(
        (source, target, str(data[RELATION].value))
        for source, target, data in graph.edges(data=True)
        if source in names and target in names
    )
    for source, target, relation in edges:
        lines.append(f"  {names[source]} -> {names[target]} [label={dot_label(relation)}];")
    lines.append("}")
    clean.warn(stacklevel=2)
    return "\n".join(lines) + "\n"

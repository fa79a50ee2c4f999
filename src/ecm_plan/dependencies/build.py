"""Building the dependency graph of a plan, and naming its nodes in results."""

from __future__ import annotations

from typing import cast

import attrs

from ecm_plan._references import ReferenceKind, find_references
from ecm_plan.graph import (
    ENTITY,
    KIND,
    LABEL,
    PLAN,
    RELATION,
    NodeKind,
    PlanGraph,
    Relation,
    build_graph,
)
from ecm_plan.model import Plan

_EXTERNAL = "external:"

__all__ = [
    "NodeRef",
    "dependency_graph",
    "external_node",
]


def external_node(name: str) -> str:
    """The node id of an outside document or body that elements depend on.

    Example:
        >>> external_node("Youth Justice Plan")
        'external:Youth Justice Plan'

    .. versionadded:: 0.1.0
    """
    return f"{_EXTERNAL}{name}"


def dependency_graph(plan: Plan) -> PlanGraph:
    """The plan's graph with the references found in its text added as ``enables`` edges.

    :func:`~ecm_plan.graph.build_graph` already holds the explicit dependencies
    (``depends_on``) as ``enables`` edges with ``explicit=True``. This adds one ``enables``
    edge per resolved textual reference, from what is needed to the element that needs it,
    with ``explicit=False`` and the reference's ``rule``, ``text``, ``field``, ``span``,
    ``confidence`` and the :class:`Reference` itself (``reference``). An outside document
    becomes a node ``external:<name>`` of kind ``NodeKind.EXTERNAL``.
    ``graph.graph["references"]`` keeps every reference, unresolved ones included.

    Args:
        plan: The plan.

    Returns:
        A new graph.

    Example:
        >>> from ecm_plan import load_bundled
        >>> g = dependency_graph(load_bundled("sample"))
        >>> [(u, v, d["rule"]) for u, v, d in g.in_edges("P2.O1.A1", data=True)
        ...  if d["relation"] == "enables"]
        [('P1.O1', 'P2.O1.A1', 'objective_number')]

    .. versionadded:: 0.1.0
    """
    graph = build_graph(plan)
    found = find_references(plan)
    graph.graph["references"] = found
    for ref in found:
        if ref.kind is ReferenceKind.EXPLICIT or not ref.resolved:
            continue
        if ref.external is not None:
            node = external_node(ref.external)
            if node not in graph:
                graph.add_node(
                    node,
                    **{
                        KIND: NodeKind.EXTERNAL,
                        ENTITY: ref.external,
                        LABEL: ref.external,
                        PLAN: plan.id,
                    },
                )
        else:
            node = cast("str", ref.target)
        graph.add_edge(
            node,
            ref.source,
            **{
                RELATION: Relation.ENABLES,
                "explicit": False,
                "rule": ref.rule,
                "text": ref.text,
                "field": ref.field,
                "span": ref.span,
                "confidence": ref.confidence,
                "reference": ref,
            },
        )
    return graph


@attrs.frozen
class NodeRef:
    """An element as the results name it: its node id, kind, label and place in the plan file.

    Attributes:
        id: The node id (the element id, in the graph of one plan).
        kind: The node's kind, or None for a node without one.
        label: A short human-readable label.
        plan: The id of the plan it belongs to, or an empty string for shared nodes.
        path: Its key path in the plan file (``priorities[0].objectives[1]``), or an empty
            string when it has none.

    Example:
        >>> NodeRef("P1", NodeKind.PRIORITY, "Reduce teenage pregnancy").kind.value
        'priority'

    .. versionadded:: 0.1.0
    """

    id: str
    kind: NodeKind | None
    label: str
    plan: str = ""
    path: str = ""

"""Building the dependency graph of a plan, and naming its nodes in results."""

from __future__ import annotations

import attrs

from ecm_plan import _args
from ecm_plan.graph import (
    NodeKind,
    PlanGraph,
    build_graph,
    external_node,
)
from ecm_plan.model import Plan

_EXTERNAL = "external:"

__all__ = [
    "NodeRef",
    "dependency_graph",
    "external_node",
]


def dependency_graph(plan: Plan) -> PlanGraph:
    """The plan's graph with its dependencies: :func:`~ecm_plan.graph.build_graph`.

    :func:`~ecm_plan.graph.build_graph` holds the explicit dependencies (``depends_on``) as
    ``enables`` edges and each reference found in the text as a ``referenced_by`` edge from
    what is needed to the element that needs it, with the reference's ``rule``, ``text``,
    ``field``, ``span``, ``confidence`` and the :class:`~ecm_plan.dependencies.Reference`
    itself (``reference``). An outside document is a node ``external:<name>`` of kind
    ``NodeKind.EXTERNAL``; ``graph.graph["references"]`` keeps every reference, unresolved
    ones included. Every analysis of this package gives the same answer for a plan and for
    its graph.

    Args:
        plan: The plan.

    Returns:
        A new graph.

    Example:
        >>> from ecm_plan import load_bundled
        >>> g = dependency_graph(load_bundled("sample"))
        >>> [(u, v, d["rule"]) for u, v, d in g.in_edges("P2.O1.A1", data=True)
        ...  if d["relation"] == "referenced_by"]
        [('P1.O1', 'P2.O1.A1', 'objective_number')]

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The references found in the text are ``referenced_by`` edges (they were ``enables``
       edges with ``explicit=False``), and :func:`~ecm_plan.graph.build_graph` adds them.
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    return build_graph(plan)


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

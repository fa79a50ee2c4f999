"""Dependency and impact analysis: what needs what, in which order, and what a loss puts at risk.

Every function takes a plan or its graph. A plan is turned into its graph with
:func:`~ecm_plan.graph.build_graph`, which holds the explicit dependencies and the references
found in the text (:data:`REFERENCE_RULES`), so an analysis gives the same answer from a plan
and from its graph. A graph passed in is used as it is and never changed, so pass a graph of
:func:`~ecm_plan.graph.build_graph` or :func:`~ecm_plan.graph.build_portfolio_graph` to
analyse it several times without rebuilding it.

The package has one module per family of analyses, each re-exported here:
:mod:`~ecm_plan.dependencies.build`, :mod:`~ecm_plan.dependencies.references`,
:mod:`~ecm_plan.dependencies.ordering`, :mod:`~ecm_plan.dependencies.deadlines`,
:mod:`~ecm_plan.dependencies.impact`, :mod:`~ecm_plan.dependencies.sharing` and
:mod:`~ecm_plan.dependencies.summary`.

Dependencies are edges from prerequisite to dependent (``enables`` for ``depends_on``,
``referenced_by`` for a reference found in the text), as everywhere in the graph:
edges point from what contributes to what it serves, so "what does this affect?" is a question
about descendants.

==========================  =====================================================================
function                    answers
==========================  =====================================================================
:func:`references`          which element needs which, from ``depends_on`` and from the text
:func:`cycles`              which dependencies go round in a circle
:func:`order_of_work`       in which steps the work can be done (topological generations)
:func:`deadline_conflicts`  which dependents fall due before what they need
:func:`critical_path`       the chain of dated dependencies that spans the longest time
:func:`impact`              what losing a funding stream, lead, action or objective puts at risk
:func:`shared`              indicators and funding streams shared across priorities
:func:`concentration`       actions per lead, and leads whose loss cuts priorities off
==========================  =====================================================================

Each analysis costs time linear (or ``n log n``, for sorting) in the size of the graph; none
compares every pair of elements. Results are frozen values with ``to_table()``; those that judge
the plan also give :class:`~ecm_plan.findings.Finding` values (:func:`dependency_findings`
collects them all).

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.report import render_all
    >>> plan = load_bundled("sample")
    >>> [(r.source, r.node, r.rule) for r in references(plan)]
    [('P1.O1.A2', 'P1.O1.A1', 'depends_on'), ('P2.O1.A1', 'P1.O1', 'objective_number')]
    >>> print(render_all(deadline_conflicts(plan).to_tables()))
    Deadline conflicts
    ==================
    Dependent | Due         | Needs    | Due        | Conflict
    ----------+-------------+----------+------------+---------
    P1.O1.A2  | Summer 2009 | P1.O1.A1 | March 2010 | certain

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import warnings
from typing import Any

from ecm_plan.dependencies.build import (
    NodeRef,
    dependency_graph,
    external_node,
)
from ecm_plan.dependencies.deadlines import (
    Certainty,
    CriticalPath,
    DeadlineConflict,
    DeadlineConflicts,
    PathStep,
    critical_path,
    deadline_conflicts,
)
from ecm_plan.dependencies.impact import (
    Affected,
    FundingAtStake,
    Impact,
    Unallocated,
    impact,
)
from ecm_plan.dependencies.ordering import (
    Cycle,
    Cycles,
    OrderOfWork,
    cycles,
    order_of_work,
)
from ecm_plan.dependencies.references import (
    REFERENCE_RULES,
    Reference,
    ReferenceKind,
    ReferenceRule,
    References,
    references,
)
from ecm_plan.dependencies.sharing import (
    Concentration,
    LeadLoad,
    SharedElement,
    Sharing,
    concentration,
    shared,
)
from ecm_plan.dependencies.summary import (
    dependency_findings,
    dependency_tables,
)
from ecm_plan.exceptions import CycleError, UnknownElementError

__all__ = [
    "REFERENCE_RULES",
    "Affected",
    "Certainty",
    "Concentration",
    "CriticalPath",
    "Cycle",
    "CycleError",
    "Cycles",
    "DeadlineConflict",
    "DeadlineConflicts",
    "FundingAtStake",
    "Impact",
    "LeadLoad",
    "NodeRef",
    "OrderOfWork",
    "PathStep",
    "Reference",
    "ReferenceKind",
    "ReferenceRule",
    "References",
    "SharedElement",
    "Sharing",
    "Unallocated",
    "UnknownElementError",
    "concentration",
    "critical_path",
    "cycles",
    "deadline_conflicts",
    "dependency_findings",
    "dependency_graph",
    "dependency_tables",
    "external_node",
    "impact",
    "order_of_work",
    "references",
    "shared",
]

_RENAMED = {
    "CycleReport": ("Cycles", Cycles),
    "ConflictReport": ("DeadlineConflicts", DeadlineConflicts),
    "ReferenceReport": ("References", References),
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 (module attribute of any type)
    """The old names of renamed classes, with a ``DeprecationWarning`` naming the new one."""
    if name in _RENAMED:
        new, value = _RENAMED[name]
        warnings.warn(
            f"ecm_plan.dependencies.{name} is deprecated; use ecm_plan.dependencies.{new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Every dependency analysis at once: the findings and the tables of a plan report."""

from __future__ import annotations

from ecm_plan._deprecation import renamed_keyword
from ecm_plan.dependencies._reader import (
    _as_graph,
    _Reader,
)
from ecm_plan.dependencies.deadlines import CriticalPath, critical_path, deadline_conflicts
from ecm_plan.dependencies.ordering import _find_cycles, cycles, order_of_work
from ecm_plan.dependencies.references import references
from ecm_plan.dependencies.sharing import concentration, shared
from ecm_plan.exceptions import CycleError
from ecm_plan.findings import Finding
from ecm_plan.graph import (
    PlanGraph,
)
from ecm_plan.model import Plan
from ecm_plan.tables import Table

__all__ = [
    "dependency_findings",
    "dependency_tables",
]


@renamed_keyword("dependency_findings", "plan_or_graph", "plan")
def dependency_findings(plan: Plan | PlanGraph) -> tuple[Finding, ...]:
    """Every finding of the dependency analysis, most severe first.

    ======  ========  ==========================================================
    code    severity  finding
    ======  ========  ==========================================================
    DEP001  error     a cycle of explicit dependencies (warning when a textual
                      reference is on it)
    DEP002  warning   a dependent certainly due before what it needs
    DEP003  info      a dependent possibly due before what it needs
    DEP004  warning   a textual reference to something the plan does not have
    ======  ========  ==========================================================

    Args:
        plan: The plan, or its graph.

    Returns:
        The findings, sorted.

    Example:
        >>> from ecm_plan import load_bundled
        >>> for finding in dependency_findings(load_bundled("sample")):
        ...     print(finding.code, finding.subject, finding.path)
        DEP002 P1.O1.A2 priorities[0].objectives[0].actions[1]

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan)
    reader = _Reader(graph)
    digraph = reader.enables()
    found = [c.finding() for c in _find_cycles(reader, digraph)]
    found += deadline_conflicts(graph).findings()
    found += references(graph).findings()
    return tuple(sorted(found))


@renamed_keyword("dependency_tables", "plan_or_graph", "plan")
def dependency_tables(plan: Plan | PlanGraph) -> tuple[Table, ...]:
    """The dependency section of a plan report: every analysis as a table.

    References, the order of work (or the cycles, when there are any), deadline conflicts,
    the critical path, what is shared across priorities, and the leads by actions carried.

    Args:
        plan: The plan, or its graph.

    Returns:
        The tables, in that order.

    Example:
        >>> from ecm_plan import load_bundled
        >>> for table in dependency_tables(load_bundled("sample")):
        ...     print(table.title)
        Dependencies
        Order of work
        Deadline conflicts
        Critical path
        Shared across priorities
        Leads by actions carried

    .. versionadded:: 0.1.0
    """
    graph = _as_graph(plan)
    found = cycles(graph)
    tables = [*references(graph).to_tables()]
    tables += found.to_tables() if found else order_of_work(graph).to_tables()
    tables += deadline_conflicts(graph).to_tables()
    try:
        tables += critical_path(graph).to_tables()
    except CycleError:
        tables += CriticalPath((), None, None).to_tables()
    tables += [*shared(graph).to_tables(), *concentration(graph).to_tables()]
    return tuple(tables)

"""ecm_plan: Every Child Matters plans as a typed model and a networkx graph.

The names users reach for first are re-exported here; each capability module
(:mod:`ecm_plan.trajectory`, :mod:`ecm_plan.coverage`, :mod:`ecm_plan.dependencies`) has its
own ``__all__``.

Example:
    >>> import ecm_plan
    >>> plan = ecm_plan.load_bundled("sample")
    >>> graph = ecm_plan.build_graph(plan)
    >>> graph.number_of_nodes() > len(plan.priorities)
    True

.. versionadded:: 0.1.0
"""

from importlib.metadata import version as _version

from ecm_plan.exceptions import (
    EcmPlanWarning,
    PlanError,
    PlanFileError,
    PlanValidationError,
    Problem,
)
from ecm_plan.findings import Finding, Severity
from ecm_plan.graph import NodeKind, Relation, build_graph, build_portfolio_graph
from ecm_plan.io import (
    PlanBuilder,
    dump_plan,
    dumps_plan,
    load_plan,
    loads_plan,
    plan_schema,
    read_workbook,
    write_workbook,
)
from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    FundingStream,
    Indicator,
    Lead,
    Milestone,
    Money,
    Objective,
    Period,
    Plan,
    Priority,
    Target,
    Value,
)
from ecm_plan.periods import parse_period
from ecm_plan.plans import bundled_plans, load_bundled

__version__ = _version("ecm-plan")

__all__ = [
    "Action",
    "Allocation",
    "Due",
    "EcmPlanWarning",
    "Finding",
    "FundingStream",
    "Indicator",
    "Lead",
    "Milestone",
    "Money",
    "NodeKind",
    "Objective",
    "Period",
    "Plan",
    "PlanBuilder",
    "PlanError",
    "PlanFileError",
    "PlanValidationError",
    "Priority",
    "Problem",
    "Relation",
    "Severity",
    "Target",
    "Value",
    "__version__",
    "build_graph",
    "build_portfolio_graph",
    "bundled_plans",
    "dump_plan",
    "dumps_plan",
    "load_bundled",
    "load_plan",
    "loads_plan",
    "parse_period",
    "plan_schema",
    "read_workbook",
    "write_workbook",
]

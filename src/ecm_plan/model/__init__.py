"""The plan model: frozen, slotted, typed attrs classes, one concept per module.

The classes are plain data: serialization lives in :mod:`ecm_plan.io`, analyses in their own
modules. Change a value with :func:`attrs.evolve`; the plan checks its cross-references again.

Example:
    >>> from ecm_plan.model import Priority
    >>> Priority(id="P1", title="Reduce teenage pregnancy", outcomes=["be_healthy"]).kind.value
    'service'

.. versionadded:: 0.1.0
"""

from ecm_plan.model._enums import (
    Aggregation,
    Arrangement,
    Bound,
    Comparator,
    DocumentKind,
    DueKind,
    IndicatorScheme,
    LeadKind,
    LeadStatus,
    MoneyKind,
    NoteKind,
    OutcomeKey,
    PeriodKind,
    Polarity,
    PriorityKind,
    TargetKind,
    ValueStatus,
    suggest_outcomes,
)
from ecm_plan.model._field import FrozenMap
from ecm_plan.model.due import Due
from ecm_plan.model.elements import Allocation, FundingStream, Lead, Note, Section
from ecm_plan.model.measures import Indicator, Measure, Observation, Target
from ecm_plan.model.plan import Action, Element, Milestone, Objective, OutcomeLink, Plan, Priority
from ecm_plan.model.values import Figure, Money, Part, Value, parse_figure
from ecm_plan.periods import Period

__all__ = [
    "Action",
    "Aggregation",
    "Allocation",
    "Arrangement",
    "Bound",
    "Comparator",
    "DocumentKind",
    "Due",
    "DueKind",
    "Element",
    "Figure",
    "FrozenMap",
    "FundingStream",
    "Indicator",
    "IndicatorScheme",
    "Lead",
    "LeadKind",
    "LeadStatus",
    "Measure",
    "Milestone",
    "Money",
    "MoneyKind",
    "Note",
    "NoteKind",
    "Objective",
    "Observation",
    "OutcomeKey",
    "OutcomeLink",
    "Part",
    "Period",
    "PeriodKind",
    "Plan",
    "Polarity",
    "Priority",
    "PriorityKind",
    "Section",
    "Target",
    "TargetKind",
    "Value",
    "ValueStatus",
    "parse_figure",
    "suggest_outcomes",
]
